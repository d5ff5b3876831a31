r"""Ordering: items to put in order (Moodle's ``qtype_ordering`` plugin, ``ordering`` in
Moodle XML).

``items`` are listed in the right order; an attempt shows them shuffled (``shuffled``: never
in the right order when there are two or more, and a subset of them when ``select`` asks for
one), and remembers the order it showed in ``shown``.  A response is the list of item ids in
the student's order.  An attempt shows the item ids under names of its own
(``public_ids``); outside one (a preview, an answer key) they show as they are, so they must
not give the order away either (``problems`` refuses ``a, b, c...`` and ``1, 2, 3...`` in
the right order); ids read from Moodle XML are made from the items' texts.  An item may
carry its own ``source`` quote.

Grading: ``grading`` names one of Moodle's grading types (the rules are in
``ordering_grading``; the Moodle XML codec in ``ordering_moodle_xml``).  With ``n`` items shown, the
response ``r`` and the right order ``c`` (``pos_r(x)``, ``pos_c(x)`` an item's place in each),
the score is points / most points:

``all_or_nothing``                 1 if ``r == c``, else 0.
``absolute_position``              items with ``pos_r(x) == pos_c(x)``, out of ``n``.
``relative_to_correct``            the sum over items of ``max(0, (n - 1) - |pos_r(x) -
                                   pos_c(x)|)``, out of ``n (n - 1)``.
``relative_next_exclude_last``     items but the last of ``c`` followed in ``r`` by the item
                                   that follows them in ``c``, out of ``n - 1``.
``relative_next_include_last``     the same, the last item of ``c`` counting when it is last in
                                   ``r``; out of ``n``.
``relative_one_previous_and_next`` for each item, 1 if its previous item (or the start) is the
                                   same in ``r`` as in ``c``, 1 if its next item (or the end)
                                   is; out of ``2 n``.
``relative_all_previous_and_next`` for each item, the items before it in both orders plus the
                                   items after it in both; out of ``n (n - 1)``.
``longest_ordered_subset``         the length of the longest subsequence of ``r`` in the right
                                   relative order (side by side or not), out of ``n``; a
                                   subset of one item counts 0.  **The default.**
``longest_contiguous_subset``      the length of the longest run of items consecutive in ``c``
                                   that ``r`` has in that order (side by side or not, as
                                   Moodle grades it), out of ``n``; one item counts 0.

The default is the longest ordered subset: it counts the largest set of items the student
put in the right order relative to each other, so one item out of place costs one item,
where "absolute position" also takes off every item it pushed along and the "next item" types
take off the pairs on both sides of it.  Moodle's own default for new questions is absolute
position; a Moodle XML file always says which it uses, and quizapp keeps it.

``select`` (Moodle's ``selecttype``) is ``all``, ``random`` (a random subset of
``select_count`` items, in the right order) or ``contiguous`` (a run of ``select_count``
consecutive items); as in Moodle a subset has at least 3 items and at most all of them.
``layout`` (``vertical``, ``horizontal``) and ``show_grading`` (say how the score was counted
in the feedback) follow Moodle's ``layouttype`` and ``showgrading``.  Moodle's numbering
style, combined feedback and per-item feedback are not kept.  GIFT has no syntax for ordering
questions (the plugin's ``{>...}`` blocks are its own extension), nor Aiken.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from question_bank import grading as text_grading
from question_bank.rendering import text_label
from question_bank.types.base import (
    ID_TEXT_LIST,
    Grade,
    InvalidResponse,
    Problem,
    Question,
    Rename,
)
from question_bank.types.editor_fields import Check, Number, Rows, Select, Text
from question_bank.types.ordering_grading import GRADINGS
from question_bank.types.ordering_moodle_xml import OrderingXml
from question_bank.types.values import Source, check_text_format, letters

DEFAULT_GRADING = "longest_ordered_subset"
SELECTIONS = ("all", "random", "contiguous")
LAYOUTS = ("vertical", "horizontal")
#: The grading types as the editor names them, the default first.
GRADING_LABELS = {
    "longest_ordered_subset": "Longest ordered subset (the most items in the right order)",
    "all_or_nothing": "All or nothing",
    "absolute_position": "Absolute position (items in their place)",
    "relative_to_correct": "Relative to the correct position",
    "relative_next_exclude_last": "Relative to the next item, excluding the last",
    "relative_next_include_last": "Relative to the next item, including the last",
    "relative_one_previous_and_next": "Relative to the previous and next items",
    "relative_all_previous_and_next": "Relative to all the previous and next items",
    "longest_contiguous_subset": "Longest contiguous subset (a run of items in order)",
}
#: Moodle shows at least this many items when it shows a subset.
MIN_SUBSET = 3

if TYPE_CHECKING:
    from question_bank.sets import Card


# ---------------------------------------------------------------------------- values


@dataclass(frozen=True)
class OrderItem:
    """One item to put in order, with the article's passage it comes from, if any."""

    id: str
    text: str
    source: Source | None = None
    #: "plain", or "html" for an item that shows an image (as ``Choice.text_format``).
    text_format: str = "plain"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.source is not None:
            data["source"] = self.source.to_dict()
        if self.text_format != "plain":
            data["text_format"] = self.text_format
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OrderItem:
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            source=Source.from_dict(data.get("source")),
            text_format=str(data.get("text_format") or "plain"),
        )

    @property
    def label(self) -> str:
        """The item as a line of plain text (an image-only item by its description)."""
        return label(self.text, self.text_format)


def label(text: str, text_format: str) -> str:
    """An item's text as plain text, for ids, the answer as said and comparisons."""
    return text_label(text, text_format) if text_format != "plain" else text


_ID_UNSAFE = re.compile(r"[^a-z0-9]+")


def item_ids(texts: Sequence[str]) -> list[str]:
    """Ids made from the items' texts (never from their places), unique among them."""
    ids: list[str] = []
    for text in texts:
        plain = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
        base = _ID_UNSAFE.sub("-", plain).strip("-")[:32].strip("-")
        if not base:
            base = "item-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        candidate, number = base, 2
        while candidate in ids:
            candidate = f"{base}-{number}"
            number += 1
        ids.append(candidate)
    return ids


def new_item_id(taken: Sequence[str], row: Mapping[str, Any]) -> str:
    """A new item's id in the editor: from its text, never from its place."""
    base = item_ids([str(row.get("text") or "")])[0]
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _gives_order_away(ids: Sequence[str]) -> bool:
    """Ids such as a, b, c or 1, 2, 3 in the right order tell a student the order."""
    if len(ids) < 3:
        return False
    sequences = (
        [letters(i) for i in range(len(ids))],
        [letters(i).upper() for i in range(len(ids))],
        [str(i + 1) for i in range(len(ids))],
        [str(i) for i in range(len(ids))],
    )
    return list(ids) in sequences


# ------------------------------------------------------------------------------ codecs


def _check_item(checker: Any, where: str, item: dict) -> bool:
    ok = checker.text_field(where, item, "id", required=True)
    ok &= checker.text_field(where, item, "text", required=True)
    ok &= checker.source_field(where, item)
    ok &= check_text_format(checker, where, item, "text_format", "an item")
    return ok


class _Json:
    def check(self, checker: Any, where: str, data: dict) -> bool:
        ok = checker.list_of_objects(where, data, "items", _check_item)
        for key in ("grading", "select", "layout"):
            ok &= checker.optional_text(where, data, key)
        count = data.get("select_count")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
            checker.error(where, '"select_count" must be a whole number', data)
            ok = False
        if data.get("show_grading") is not None and not isinstance(data["show_grading"], bool):
            checker.error(where, '"show_grading" must be true or false', data)
            ok = False
        shown = data.get("shown")
        if shown is not None and (
            not isinstance(shown, list) or not all(isinstance(i, str) for i in shown)
        ):
            checker.error(where, '"shown" must be a list of item ids', data)
            ok = False
        return ok


# ------------------------------------------------------------------------------- type


@dataclass(frozen=True)
class Ordering(Question):
    """Items to put in order; partial credit by one of Moodle's grading types (see above)."""

    type_name: ClassVar[str] = "ordering"
    label: ClassVar[str] = "Ordering"
    summary: ClassVar[str] = "Items to put in order, with partial credit."
    answer_keys: ClassVar[tuple[str, ...]] = ("items",)
    shuffled_keys: ClassVar[tuple[str, ...]] = ("items",)
    image_texts: ClassVar[tuple[str, ...]] = (*Question.image_texts, "items.text")
    codecs: ClassVar[Mapping[str, Any]] = {"moodlexml": OrderingXml(), "json": _Json()}
    unsupported: ClassVar[Mapping[str, str]] = {
        "gift": "GIFT has no syntax for putting items in order (Moodle's ordering plugin adds "
        "its own '{>...}' blocks, which GIFT readers do not know); export the set as "
        "Moodle XML or JSON instead"
    }
    public_properties: ClassVar[Mapping[str, Any]] = {
        "items": {**ID_TEXT_LIST, "description": "The items to put in order, as shown"},
        "layout": {"type": "string", "enum": list(LAYOUTS)},
    }
    public_required: ClassVar[tuple[str, ...]] = ("items", "layout")
    response_schema: ClassVar[Mapping[str, Any]] = {"type": "array", "items": {"type": "string"}}
    response_doc: ClassVar[str] = (
        "the list of item ids in the chosen order (the page sends an object from each item "
        "id to its place, 1 first)"
    )

    editor_fields: ClassVar[tuple[Any, ...]] = (
        Rows(
            "items",
            "Items, in the right order",
            help="The first at the top. Every attempt shows them shuffled, never in this order.",
            columns=(Text("text", "Text", required=True),),
            key="id",
            new_key=new_item_id,
            min_rows=2,
            row_label="Item",
            add_label="Add an item",
        ),
        Select(
            "grading",
            "Grading",
            help="How a partly right order is marked (Moodle's grading types).",
            options=tuple(GRADING_LABELS.items()),
        ),
        Check("show_grading", "Tell students how their order was marked", start=True),
        Select(
            "select",
            "Items shown",
            options=(
                ("all", "All of them"),
                ("random", "A random subset, in order"),
                ("contiguous", "A run of consecutive items"),
            ),
        ),
        Number(
            "select_count",
            "How many items a subset shows",
            help="At least 3; only for a subset.",
            required=False,
            whole=True,
            minimum=0,
            maximum=10_000,
        ),
        Select(
            "layout", "Layout", options=(("vertical", "Vertical"), ("horizontal", "Horizontal"))
        ),
    )

    #: In the right order.
    items: tuple[OrderItem, ...] = ()
    grading: str = DEFAULT_GRADING
    select: str = "all"
    select_count: int = 0
    layout: str = "vertical"
    show_grading: bool = True
    #: The item ids in the order one attempt shows them (empty outside an attempt).
    shown: tuple[str, ...] = ()

    def card(self) -> Card | None:
        """None: its answer is a sequence of several items, not one fact; a timeline is
        learnt from a card per event (its date), which the author writes."""
        return None

    @classmethod
    def sample(cls) -> Ordering:
        question = cls(
            id="sample-ordering",
            title="The last campaign",
            prompt="Put these events in the order they happened, earliest first.",
            category="date",
            tags=("timeline",),
            general_feedback="From September 2018 to March 2019.",
            source=Source("In September 2018", 0, 17),
            items=(
                OrderItem("offensive", "The SDF launches its offensive", Source("launched", 5, 13)),
                OrderItem("threat", "Turkey threatens the SDF"),
                OrderItem("withdrawal", "The US announces its withdrawal"),
                OrderItem("restart", "The offensive restarts"),
                OrderItem("defeat", "The SDF declares the territorial defeat of ISIS"),
            ),
            grading="relative_next_include_last",
            show_grading=False,
        )
        return question.replace(answer_display=question.default_answer_display())

    # -- one attempt ---------------------------------------------------------------------

    def shown_count(self) -> int:
        """How many items an attempt shows (Moodle: a subset has at least 3 items)."""
        if self.select == "all" or not self.items:
            return len(self.items)
        return min(len(self.items), max(MIN_SUBSET, self.select_count))

    def shuffled(self, rng: random.Random, *, shuffle_answers: bool = True) -> Question:
        """The items an attempt shows and their order.  Always shuffled, whatever the quiz's
        option (in the right order, the items would be the answer), never left in the right
        order: a shuffle that gives it back is turned by one place."""
        items = list(self.items)
        count = self.shown_count()
        if count < len(items) and self.select == "random":
            items = [items[i] for i in sorted(rng.sample(range(len(items)), count))]
        elif count < len(items):
            start = rng.randint(0, len(items) - count)
            items = items[start : start + count]
        right = [item.id for item in items]
        shown = list(right)
        rng.shuffle(shown)
        if len(shown) >= 2 and shown == right:
            shown = shown[1:] + shown[:1]
        picked = self.replace(items=tuple(items), select="all", select_count=0, shown=tuple(shown))
        if self.answer_display == self.default_answer_display():
            picked = picked.replace(answer_display=picked.default_answer_display())
        return picked

    def shown_items(self) -> list[OrderItem]:
        """The items in the order shown: the attempt's, else by text (never the answer's)."""
        by_id = {item.id: item for item in self.items}
        if self.shown and sorted(self.shown) == sorted(by_id):
            return [by_id[item_id] for item_id in self.shown]
        return sorted(self.items, key=lambda i: (text_grading.fold(i.label), i.text, i.id))

    def arranged(self, response: Any) -> list[tuple[OrderItem, int | None]]:
        """The items as a page lists them, each with its chosen place: in the order of a
        saved response; else in the order shown, with the places a refused page had chosen
        (an object from item id to place), or none yet."""
        by_id = {item.id: item for item in self.items}
        if isinstance(response, list | tuple) and sorted(map(str, response)) == sorted(by_id):
            return [(by_id[str(item_id)], place) for place, item_id in enumerate(response, 1)]
        chosen = response if isinstance(response, Mapping) else {}
        places = {key: str(value).strip() for key, value in chosen.items()}
        return [
            (item, int(places[item.id]) if places.get(item.id, "").isdigit() else None)
            for item in self.shown_items()
        ]

    # -- responses and grading -----------------------------------------------------------

    def parse_response(self, raw: Any) -> list[str]:
        """A list of item ids in order; or, from the page, an object from each item id to
        its place (1 first).  Nothing chosen is an empty list (not answered)."""
        ids = [item.id for item in self.items]
        count = len(ids)
        if isinstance(raw, Mapping):
            places: dict[str, int] = {}
            for item_id, place in raw.items():
                if item_id not in ids:
                    raise InvalidResponse(f"there is no item {item_id!r} in this question")
                if place is None or place == "":
                    continue
                number = place if isinstance(place, int) and not isinstance(place, bool) else None
                if isinstance(place, str) and place.strip().isdigit():
                    number = int(place.strip())
                if number is None or not 1 <= number <= count:
                    raise InvalidResponse(f"give each item a place from 1 to {count}")
                places[item_id] = number
            if not places:
                return []
            if len(places) != count:
                raise InvalidResponse(f"give every item a place from 1 to {count}")
            if len(set(places.values())) != count:
                raise InvalidResponse("two items have the same place: give each its own")
            return sorted(places, key=places.__getitem__)
        if not isinstance(raw, list | tuple):
            raise InvalidResponse("send the list of the item ids in your order")
        if not raw:
            return []
        given = []
        for item_id in raw:
            if not isinstance(item_id, str) or item_id not in ids:
                raise InvalidResponse(f"there is no item {item_id!r} in this question")
            given.append(item_id)
        if len(given) != count or len(set(given)) != count:
            raise InvalidResponse(f"put each of the {count} items in the list once")
        return given

    def grade(self, response: Any) -> Grade:
        right = [item.id for item in self.items]
        if (
            not isinstance(response, list | tuple)
            or len(right) < 2
            or sorted(map(str, response)) != sorted(right)
        ):
            return Grade(0.0)
        rule, explanation = GRADINGS.get(self.grading, GRADINGS[DEFAULT_GRADING])
        points, out_of = rule(right, [str(item) for item in response])
        feedback = ()
        if self.show_grading and explanation:
            feedback = (explanation.format(points=points, out_of=out_of),)
        return Grade(points / out_of if out_of else 0.0, feedback)

    def correct_response(self) -> list[str]:
        return [item.id for item in self.items]

    def default_answer_display(self) -> str:
        return "; ".join(f"{place}. {item.label}" for place, item in enumerate(self.items, 1))

    # -- forms ---------------------------------------------------------------------------

    def public_dict(self) -> dict[str, Any]:
        data = super().public_dict()
        data["items"] = [{"id": item.id, "text": item.text} for item in self.shown_items()]
        data["layout"] = self.layout
        return data

    def public_ids(self) -> dict[str, list[str]]:
        return {"item": [item.id for item in self.items]}

    def renamed(self, rename: Rename) -> Question:
        return self.replace(
            items=tuple(replace(item, id=rename("item", item.id)) for item in self.items),
            shown=tuple(rename("item", item_id) for item_id in self.shown),
        )

    def renamed_response(self, response: Any, rename: Rename) -> Any:
        if isinstance(response, Mapping):
            return {
                (rename("item", key) if isinstance(key, str) else key): place
                for key, place in response.items()
            }
        if isinstance(response, list | tuple):
            return [rename("item", item) if isinstance(item, str) else item for item in response]
        return response

    def sources(self) -> tuple[Source, ...]:
        extra = tuple(item.source for item in self.items if item.source is not None)
        return super().sources() + extra

    def _answers_to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "items": [item.to_dict() for item in self.items],
            "grading": self.grading,
            "select": self.select,
            "select_count": self.select_count,
            "layout": self.layout,
            "show_grading": self.show_grading,
        }
        if self.shown:
            data["shown"] = list(self.shown)
        return data

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "items": tuple(OrderItem.from_dict(item) for item in data.get("items") or ()),
            "grading": str(data.get("grading") or DEFAULT_GRADING),
            "select": str(data.get("select") or "all"),
            "select_count": int(data.get("select_count") or 0),
            "layout": str(data.get("layout") or "vertical"),
            "show_grading": bool(data.get("show_grading", True)),
            "shown": tuple(str(i) for i in data.get("shown") or ()),
        }

    def problems(self) -> list[str]:
        found = super().problems()
        ids = [item.id for item in self.items]
        if len(self.items) < 2:
            found.append(Problem("an ordering question needs at least two items", "items"))
        if len(set(ids)) != len(ids):
            found.append(Problem("two items share the same id", "items"))
        if any(not item_id.strip() for item_id in ids):
            found.append(Problem("an item has an empty id", "items"))
        for place, item in enumerate(self.items, start=1):
            if not item.text.strip():
                found.append(Problem(f"item {place} has no text", "items", place - 1, "text"))
        folded = [text_grading.fold(item.label) or item.text for item in self.items]
        if len(set(folded)) != len(folded):
            found.append(
                Problem("two items read the same, so their order would be ambiguous", "items")
            )
        if _gives_order_away(ids):
            found.append(
                Problem(
                    f"the item ids {', '.join(ids[:3])}... follow the right order, and students "
                    "see them: choose ids that do not give the order away (say, from the texts)",
                    "items",
                )
            )
        for name, known in (("grading", GRADINGS), ("select", SELECTIONS), ("layout", LAYOUTS)):
            value = getattr(self, name)
            if value not in known:
                found.append(
                    Problem(f"unknown {name} {value!r} (use one of {', '.join(known)})", name)
                )
        if self.select_count < 0:
            found.append(Problem("select_count cannot be negative", "select_count"))
        if self.shown and sorted(self.shown) != sorted(ids):
            found.append(Problem('"shown" must list each item id once'))
        return found
