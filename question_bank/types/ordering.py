r"""Ordering: items to put in order (Moodle's ``qtype_ordering`` plugin, ``ordering`` in
Moodle XML).

``items`` are listed in the right order; an attempt shows them shuffled (``shuffled``: never
in the right order when there are two or more, and a subset of them when ``select`` asks for
one), and remembers the order it showed in ``shown``.  A response is the list of item ids in
the student's order.  Item ids are shown to students, so they must not give the order away
(``problems`` refuses ``a, b, c...`` and ``1, 2, 3...`` in the right order); ids read from
Moodle XML are made from the items' texts.  An item may carry its own ``source`` quote.

Grading: ``grading`` names one of Moodle's grading types.  With ``n`` items shown, the
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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from question_bank import grading as text_grading
from question_bank.types.base import ID_TEXT_LIST, Grade, InvalidResponse, Problem, Question
from question_bank.types.editor_fields import Check, Number, Rows, Select, Text
from question_bank.types.values import Source, letters

GradingRule = Callable[[Sequence[str], Sequence[str]], tuple[int, int]]


# --------------------------------------------------------------------------- grading


def _all_or_nothing(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
    return (1 if list(right) == list(given) else 0), 1


def _absolute_position(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
    return sum(1 for a, b in zip(right, given, strict=True) if a == b), len(right)


def _relative_to_correct(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
    n = len(right)
    place = {item: index for index, item in enumerate(given)}
    points = sum(max(0, (n - 1) - abs(index - place[item])) for index, item in enumerate(right))
    return points, n * (n - 1)


def _following(order: Sequence[str]) -> dict[str, str | None]:
    """Each item's next item (None after the last)."""
    return {item: (order[i + 1] if i + 1 < len(order) else None) for i, item in enumerate(order)}


def _next_item(include_last: bool) -> GradingRule:
    def rule(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
        should, does = _following(right), _following(given)
        counted = right if include_last else right[:-1]
        return sum(1 for item in counted if does[item] == should[item]), len(counted)

    return rule


def _neighbours(all_of_them: bool) -> GradingRule:
    def around(order: Sequence[str]) -> dict[str, tuple[set[Any], set[Any]]]:
        found = {}
        for i, item in enumerate(order):
            if all_of_them:
                found[item] = (set(order[:i]), set(order[i + 1 :]))
            else:  # the one before (or the start, 0) and the one after (or the end, 1)
                before = order[i - 1] if i else 0
                after = order[i + 1] if i + 1 < len(order) else 1
                found[item] = ({before}, {after})
        return found

    def rule(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
        should, does = around(right), around(given)
        points = out_of = 0
        for item, (before, after) in should.items():
            points += len(before & does[item][0]) + len(after & does[item][1])
            out_of += len(before) + len(after)
        return points, out_of

    return rule


def _longest_ordered_subset(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
    places = [right.index(item) for item in given]
    longest = [1] * len(places)  # longest increasing run of places ending at each index
    for i, place in enumerate(places):
        for j in range(i):
            if places[j] < place:
                longest[i] = max(longest[i], longest[j] + 1)
    best = max(longest, default=0)
    return (best if best >= 2 else 0), len(right)


def _longest_contiguous_subset(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
    place = {item: index for index, item in enumerate(given)}
    best = run = 1 if right else 0
    for previous, item in zip(right, right[1:], strict=False):
        run = run + 1 if place[item] > place[previous] else 1
        best = max(best, run)
    return (best if best >= 2 else 0), len(right)


#: Grading type -> (rule, how the feedback says what was counted).
GRADINGS: dict[str, tuple[GradingRule, str]] = {
    "all_or_nothing": (_all_or_nothing, ""),
    "absolute_position": (_absolute_position, "{points} of {out_of} items are in their place."),
    "relative_to_correct": (
        _relative_to_correct,
        "{points} of {out_of} points: each item scores more the nearer it is to its place.",
    ),
    "relative_next_exclude_last": (
        _next_item(include_last=False),
        "{points} of {out_of} items are followed by the right item.",
    ),
    "relative_next_include_last": (
        _next_item(include_last=True),
        "{points} of {out_of} items are followed by the right item (the last by none).",
    ),
    "relative_one_previous_and_next": (
        _neighbours(all_of_them=False),
        "{points} of {out_of} neighbours (the item just before and just after each) are right.",
    ),
    "relative_all_previous_and_next": (
        _neighbours(all_of_them=True),
        "{points} of {out_of}: the items before and after each item that are on the right side.",
    ),
    "longest_ordered_subset": (
        _longest_ordered_subset,
        "The most items in the right order relative to each other: {points} of {out_of}.",
    ),
    "longest_contiguous_subset": (
        _longest_contiguous_subset,
        "The longest run of items that follow each other in the right order: {points} of {out_of}.",
    ),
}
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


# ---------------------------------------------------------------------------- values


@dataclass(frozen=True)
class OrderItem:
    """One item to put in order, with the article's passage it comes from, if any."""

    id: str
    text: str
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.source is not None:
            data["source"] = self.source.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OrderItem:
        return cls(
            id=str(data["id"]), text=str(data["text"]), source=Source.from_dict(data.get("source"))
        )


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


#: Moodle XML's names (and the plugin's older aliases) for each setting.
_XML_LAYOUTS = {"VERTICAL": "vertical", "VERT": "vertical", "V": "vertical", "0": "vertical"}
_XML_LAYOUTS |= {"HORIZONTAL": "horizontal", "HORI": "horizontal", "H": "horizontal"}
_XML_LAYOUTS |= {"1": "horizontal"}
_XML_SELECTIONS = {"ALL": "all", "EXACT": "all", "RANDOM": "random", "REL": "random"}
_XML_SELECTIONS |= {"CONTIGUOUS": "contiguous", "CONTIG": "contiguous"}
_XML_GRADINGS = {name.upper(): name for name in GRADINGS}
_XML_GRADINGS |= {"ABS": "absolute_position", "ABSOLUTE": "absolute_position"}
_XML_GRADINGS |= {"REL": "relative_next_exclude_last", "RELATIVE": "relative_next_exclude_last"}
_XML_SHOW = {"SHOW": True, "TRUE": True, "YES": True, "1": True}
_XML_SHOW |= {"HIDE": False, "FALSE": False, "NO": False, "0": False}


class _MoodleXml:
    """``<layouttype>``, ``<selecttype>``, ``<selectcount>``, ``<gradingtype>``,
    ``<showgrading>`` and one ``<answer>`` per item, its ``fraction`` its place (1, 2...).
    What a setting misses takes the plugin's import default (vertical, random, 6, relative
    to the next item excluding the last, shown).  Item ids and sources, and an attempt's
    shown order, travel in ``<quizapp><item id="..."/>``."""

    qtypes = ("ordering",)

    def _setting(
        self,
        element: Any,
        tags: Sequence[str],
        names: Mapping[str, Any],
        default: str,
        reader: Any,
    ) -> Any:
        for tag in tags:
            node = element.find(tag)
            if node is not None:
                raw = (node.text or "").strip()
                value = names.get(raw.upper())
                if value is None:
                    known = ", ".join(n for n in names if not n.isdigit())
                    raise reader.error(f'<{tag}> "{raw}" is not one of {known}', node)
                return value
        return names[default]

    def read(self, element: Any, common: dict[str, Any], reader: Any) -> Question:
        default_format = reader.default_format(common)
        layout = self._setting(element, ("layouttype",), _XML_LAYOUTS, "VERTICAL", reader)
        select = self._setting(
            element, ("selecttype", "logical"), _XML_SELECTIONS, "RANDOM", reader
        )
        grading = self._setting(
            element, ("gradingtype",), _XML_GRADINGS, "RELATIVE_NEXT_EXCLUDE_LAST", reader
        )
        show = self._setting(element, ("showgrading",), _XML_SHOW, "SHOW", reader)
        count_text = reader.child_text(element, "selectcount")
        if count_text is None:
            count_text = reader.child_text(element, "studentsee")
        count_text = (count_text or "6").strip()
        if not count_text.isdigit():
            raise reader.error(f'<selectcount> "{count_text}" is not a whole number', element)
        answers = []
        for position, answer in enumerate(element.findall("answer")):
            text, text_format = reader.text_and_format(answer, ".", default_format)
            text = reader.plain(text, text_format).strip()
            if text:  # Moodle skips empty items
                answers.append((reader.fraction(answer), position, text))
        # The fraction gives the place (Moodle writes 1, 2, 3...); equal ones keep the file's order.
        texts = [text for _, _, text in sorted(answers)]
        extra = element.findall("quizapp/item")
        if len(extra) == len(texts) and all(node.get("id") for node in extra):
            ids = [node.get("id") for node in extra]
            sources = [reader.source(node) for node in extra]
        else:
            ids, sources = item_ids(texts), [None] * len(texts)
        items = tuple(OrderItem(i, t, s) for i, t, s in zip(ids, texts, sources, strict=True))
        shown = tuple(node.get("id", "") for node in element.findall("quizapp/shown/item"))
        return Ordering(
            items=items,
            grading=grading,
            select=select,
            select_count=int(count_text),
            layout=layout,
            show_grading=show,
            shown=shown,
            **common,
        )

    def qtype(self, question: Question) -> str:
        return "ordering"

    def prompt(self, question: Question, writer: Any) -> str:
        return question.prompt

    def write(self, question: Ordering, element: Any, writer: Any) -> None:
        writer.value(element, "layouttype", question.layout.upper())
        writer.value(element, "selecttype", question.select.upper())
        writer.value(element, "selectcount", str(question.select_count))
        writer.value(element, "gradingtype", question.grading.upper())
        writer.value(element, "showgrading", "SHOW" if question.show_grading else "HIDE")
        writer.value(element, "numberingstyle", "none")
        for place, item in enumerate(question.items, start=1):
            answer = writer.empty(element, "answer", fraction=str(place), format="plain_text")
            writer.value(answer, "text", item.text)

    def extension(self, question: Ordering, extra: Any, writer: Any) -> None:
        generated = item_ids([item.text for item in question.items])
        if [i.id for i in question.items] != generated or any(i.source for i in question.items):
            for item in question.items:
                node = writer.empty(extra, "item", id=item.id)
                if item.source is not None:
                    writer.source(node, item.source)
        if question.shown:
            shown = writer.empty(extra, "shown")
            for item_id in question.shown:
                writer.empty(shown, "item", id=item_id)


# ------------------------------------------------------------------------------- type


@dataclass(frozen=True)
class Ordering(Question):
    """Items to put in order; partial credit by one of Moodle's grading types (see above)."""

    type_name: ClassVar[str] = "ordering"
    label: ClassVar[str] = "Ordering"
    summary: ClassVar[str] = "Items to put in order, with partial credit."
    answer_keys: ClassVar[tuple[str, ...]] = ("items",)
    shuffled_keys: ClassVar[tuple[str, ...]] = ("items",)
    codecs: ClassVar[Mapping[str, Any]] = {"moodlexml": _MoodleXml(), "json": _Json()}
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
        return sorted(self.items, key=lambda i: (text_grading.fold(i.text), i.text, i.id))

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
        return "; ".join(f"{place}. {item.text}" for place, item in enumerate(self.items, 1))

    # -- forms ---------------------------------------------------------------------------

    def public_dict(self) -> dict[str, Any]:
        data = super().public_dict()
        data["items"] = [{"id": item.id, "text": item.text} for item in self.shown_items()]
        data["layout"] = self.layout
        return data

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
        folded = [text_grading.fold(item.text) or item.text for item in self.items]
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
