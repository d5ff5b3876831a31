"""Matching: items to match with options (Moodle's ``matching``); the score is the share of
items matched right.  A pair with no item is an extra option that matches nothing.  In an
attempt the items come in a new order when the quiz shuffles, and the options always come
in an order of their own (``shown_options``), as in Moodle: in the order of the pairs they
would give the answers away.  Outside an attempt (previews) the options are listed by their
text.  GIFT ``{=item -> option ...}``."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from question_bank import card_rules, grading
from question_bank.rendering import text_label
from question_bank.types.base import (
    ID_TEXT_LIST,
    CardScore,
    Grade,
    InvalidResponse,
    Problem,
    Question,
    Rename,
)
from question_bank.types.codecs import JsonCodec
from question_bank.types.editor_fields import Rows, Text, next_letters, next_number
from question_bank.types.values import Pair, check_pair, letters

if TYPE_CHECKING:
    from question_bank.sets import Card


class _Gift:
    constructs = ("matching",)

    def read(self, construct: Any) -> Question:
        option_ids: dict[str, str] = {}
        pairs = []
        for index, (item, option) in enumerate(construct.values["pairs"], start=1):
            option_id = option_ids.setdefault(option, letters(len(option_ids)))
            pairs.append(Pair(str(index), item, option_id, option))
        return construct.build(Matching, pairs=tuple(pairs))

    def write(self, question: Matching, writer: Any) -> str:
        lines = [
            f"={writer.text(pair.item)} -> {writer.text(pair.option)}" for pair in question.pairs
        ]
        return writer.escape(question.prompt) + writer.block(lines)


class _MoodleXml:
    """Subquestions with no text are extra wrong options; item and option ids other than
    Moodle's positional ones travel in ``<quizapp><pair itemid="..." optionid="..."/>``."""

    qtypes = ("matching", "match")

    def read(self, element: Any, common: dict[str, Any], reader: Any) -> Question:
        default_format = reader.default_format(common)
        subquestions = element.findall("subquestion")
        extra = list(
            zip(
                reader.extension_attributes(element, "pair", "itemid"),
                reader.extension_attributes(element, "pair", "optionid"),
                strict=True,
            )
        )
        if len(extra) != len(subquestions) or not all(a and b for a, b in extra):
            extra = []
        option_ids: dict[str, str] = {}
        pairs = []
        for index, sub in enumerate(subquestions):
            item, item_format = reader.rich(*reader.text_and_format(sub, ".", default_format))
            option = reader.child_text(sub, "answer") or ""
            if extra:
                item_id, option_id = extra[index]
            else:
                item_id = str(index + 1)
                option_id = option_ids.setdefault(option, reader.letter_id(len(option_ids)))
            pairs.append(Pair(item_id, item, option_id, option, item_format))
        return Matching(pairs=tuple(pairs), **common)

    def qtype(self, question: Question) -> str:
        return "matching"

    def prompt(self, question: Question, writer: Any) -> str:
        return question.prompt

    def write(self, question: Matching, element: Any, writer: Any) -> None:
        writer.value(element, "shuffleanswers", "true")
        for pair in question.pairs:
            item_format = "html" if pair.item_format == "html" else "plain_text"
            sub = writer.text(element, "subquestion", pair.item, item_format)
            writer.text(sub, "answer", pair.option)

    def extension(self, question: Matching, extra: Any, writer: Any) -> None:
        for pair in question.pairs:
            writer.empty(extra, "pair", itemid=pair.item_id, optionid=pair.option_id)


@dataclass(frozen=True)
class Matching(Question):
    """Items to match with options; the score is the share of items matched right."""

    type_name: ClassVar[str] = "matching"
    label: ClassVar[str] = "Matching"
    image_texts: ClassVar[tuple[str, ...]] = (*Question.image_texts, "pairs.item")
    summary: ClassVar[str] = "Items to match with their options."
    answer_keys: ClassVar[tuple[str, ...]] = ("pairs",)
    shuffled_keys: ClassVar[tuple[str, ...]] = ("items", "options")
    codecs: ClassVar[Mapping[str, Any]] = {
        "gift": _Gift(),
        "moodlexml": _MoodleXml(),
        "json": JsonCodec(lists={"pairs": check_pair}),
    }
    public_properties: ClassVar[Mapping[str, Any]] = {
        "items": {**ID_TEXT_LIST, "description": "The items to match, in the order shown"},
        "options": {**ID_TEXT_LIST, "description": "The options to choose from, as shown"},
    }
    public_required: ClassVar[tuple[str, ...]] = ("items", "options")
    response_schema: ClassVar[Mapping[str, Any]] = {
        "type": "object",
        "additionalProperties": {"type": "string"},
    }
    response_doc: ClassVar[str] = "an object from item id to option id"
    editor_fields: ClassVar[tuple[Any, ...]] = (
        Rows(
            "pairs",
            "Pairs",
            help="Each item with its match. Students pick each item's match from every match "
            "listed; a match with no item is an extra option that matches nothing.",
            columns=(
                Text("item", "Item", help="Empty: an extra option."),
                Text("option", "Its match", required=True),
            ),
            key="item_id",
            new_key=next_number,
            min_rows=2,
            row_label="Pair",
            add_label="Add a pair",
        ),
    )

    pairs: tuple[Pair, ...] = ()
    #: The option ids in the order one attempt shows them (empty outside an attempt).
    shown_options: tuple[str, ...] = ()

    @classmethod
    def sample(cls) -> Matching:
        question = cls(
            id="sample-matching",
            title="Places",
            prompt="<p>Match each place with what happened there.</p>",
            text_format="html",
            category="place",
            pairs=(
                Pair("1", "Baghouz", "a", "The last stand"),
                Pair("2", "Kobani", "b", "A turning point in 2015"),
                Pair("3", "Susa", "c", "Destroyed by air strikes"),
                Pair("4", "", "d", "Peace talks"),
            ),
        )
        return question.replace(answer_display=question.default_answer_display())

    @property
    def items(self) -> list[Pair]:
        """The pairs that have an item (Moodle allows extra options with no item)."""
        return [p for p in self.pairs if p.item]

    @property
    def options(self) -> list[tuple[str, str]]:
        """Distinct (option_id, option) in the order they first appear."""
        seen: dict[str, str] = {}
        for pair in self.pairs:
            seen.setdefault(pair.option_id, pair.option)
        return list(seen.items())

    def parse_response(self, raw: Any) -> dict[str, str]:
        if not isinstance(raw, dict):
            raise InvalidResponse("send an object from each item to the chosen option")
        item_ids = {p.item_id for p in self.items}
        option_ids = {oid for oid, _ in self.options}
        result = {}
        for item_id, option_id in raw.items():
            if item_id not in item_ids:
                raise InvalidResponse(f"there is no item {item_id!r} in this question")
            if option_id in (None, ""):
                continue
            if not isinstance(option_id, str) or option_id not in option_ids:
                raise InvalidResponse(f"there is no option {option_id!r} in this question")
            result[item_id] = option_id
        return result

    def grade(self, response: Any) -> Grade:
        items = self.items
        if not items or not isinstance(response, dict):
            return Grade(0.0)
        right = sum(1 for p in items if response.get(p.item_id) == p.option_id)
        return Grade(right / len(items))

    def correct_response(self) -> dict[str, str]:
        return {p.item_id: p.option_id for p in self.items}

    def shuffled(self, rng: random.Random, *, shuffle_answers: bool = True) -> Question:
        """The items in a new order when the quiz shuffles; the options in an order of
        their own whatever the quiz's option (in the order of the items they would say
        which goes with which)."""
        pairs = list(self.pairs)
        if shuffle_answers:
            rng.shuffle(pairs)
        options = [option_id for option_id, _ in self.options]
        rng.shuffle(options)
        return self.replace(pairs=tuple(pairs), shown_options=tuple(options))

    def shown_option_list(self) -> list[tuple[str, str]]:
        """(option id, option) in the order shown: the attempt's, else by text (a preview;
        in the order of the pairs, the options would give the answers away)."""
        options = dict(self.options)
        if self.shown_options and sorted(self.shown_options) == sorted(options):
            return [(option_id, options[option_id]) for option_id in self.shown_options]
        return sorted(options.items(), key=lambda o: (grading.fold(o[1]), o[1], o[0]))

    def public_dict(self) -> dict[str, Any]:
        data = super().public_dict()
        data["items"] = [{"id": p.item_id, "text": p.item} for p in self.items]
        data["options"] = [{"id": oid, "text": text} for oid, text in self.shown_option_list()]
        return data

    def public_ids(self) -> dict[str, list[str]]:
        return {
            "item": [p.item_id for p in self.items],
            "option": [option_id for option_id, _ in self.options],
        }

    def renamed(self, rename: Rename) -> Question:
        def pair(p: Pair) -> Pair:
            item_id = rename("item", p.item_id) if p.item else p.item_id
            return replace(p, item_id=item_id, option_id=rename("option", p.option_id))

        return self.replace(
            pairs=tuple(pair(p) for p in self.pairs),
            shown_options=tuple(rename("option", o) for o in self.shown_options),
        )

    def renamed_response(self, response: Any, rename: Rename) -> Any:
        if not isinstance(response, dict):
            return response
        renamed = {}
        for item_id, option_id in response.items():
            if isinstance(option_id, str) and option_id:
                option_id = rename("option", option_id)
            renamed[rename("item", item_id) if isinstance(item_id, str) else item_id] = option_id
        return renamed

    @classmethod
    def answers_from_editor(
        cls, values: Mapping[str, Any], original: Question | None
    ) -> dict[str, Any]:
        """Options with the same text share an id.  An option keeps its id (what attempts
        recorded) when its text is unchanged, or when its row's text was edited and no
        other option keeps that id; a new text gets a new id."""
        before = original if isinstance(original, Matching) else None
        by_text = {text: oid for oid, text in reversed(before.options)} if before else {}
        by_item = {p.item_id: p.option_id for p in before.pairs} if before else {}
        rows = values["pairs"]
        kept = {by_text[row["option"]] for row in rows if row["option"] in by_text}
        chosen: dict[str, str] = {}
        taken = list(by_text.values())
        for row in rows:
            text = row["option"]
            if text in by_text or text in chosen:
                continue
            renamed = by_item.get(row["item_id"])
            if renamed and renamed not in kept and renamed not in chosen.values():
                chosen[text] = renamed
            else:
                chosen[text] = next_letters(taken)
                taken.append(chosen[text])
        option_ids = {**by_text, **chosen}
        pairs = tuple(
            Pair(row["item_id"], row["item"], option_ids[row["option"]], row["option"])
            for row in rows
        )
        return {"pairs": pairs}

    def _answers_to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"pairs": [p.to_dict() for p in self.pairs]}
        if self.shown_options:
            data["shown_options"] = list(self.shown_options)
        return data

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "pairs": tuple(Pair.from_dict(p) for p in data.get("pairs") or ()),
            "shown_options": tuple(str(o) for o in data.get("shown_options") or ()),
        }

    def problems(self) -> list[str]:
        found = super().problems()
        if len(self.items) < 2:
            found.append(Problem("a matching question needs at least two pairs", "pairs"))
        if len({p.item_id for p in self.items}) != len(self.items):
            found.append(Problem("two matching items share the same id", "pairs"))
        for index, pair in enumerate(self.pairs):
            if pair.item and (not pair.option_id or not pair.option.strip()):
                found.append(
                    Problem(
                        f"the matching item {pair.item!r} has no option to match",
                        "pairs",
                        index,
                        "option",
                    )
                )
        if self.shown_options and sorted(self.shown_options) != sorted(o for o, _ in self.options):
            found.append(Problem('"shown_options" must list each option id once', "pairs"))
        return found

    def default_answer_display(self) -> str:
        return "; ".join(f"{text_label(p.item, p.item_format)} → {p.option}" for p in self.items)

    def card(self) -> Card | None:
        """None: all the pairs on one card would be a list to learn by heart (``cards``
        makes a card of each pair instead)."""
        return None

    def pair_card_id(self, pair: Pair) -> str:
        """The id of the card a pair makes: the question's card id (or id) and the item's
        id, stable when pairs move."""
        return f"{self.card_id or self.id}-{pair.item_id}"

    def _carded_pairs(self) -> list[Pair]:
        return [p for p in self.items if p.item.strip() and p.option.strip()]

    def cards(self) -> tuple[Card, ...]:
        """A recall card per pair: the item on the front, the option it goes with on the
        back (the other options are not shown, so nothing is picked by elimination); its
        id is ``pair_card_id``."""
        return tuple(
            self.made_card(
                self.pair_card_id(pair),
                front=card_rules.pair_front(self.prompt, pair.item),
                back=pair.option,
                text_format=pair.item_format if pair.item_format != "plain" else None,
            )
            for pair in self._carded_pairs()
        )

    def card_scores(self, response: Any, score: float) -> tuple[CardScore, ...]:
        """Each pair answered is evidence for its own card (``cards``): right 1, wrong 0,
        picked among the options shown (recognition); a pair left unanswered is none."""
        if not isinstance(response, dict):
            return ()
        return tuple(
            CardScore(
                self.pair_card_id(pair),
                1.0 if response[pair.item_id] == pair.option_id else 0.0,
                self.evidence,
            )
            for pair in self._carded_pairs()
            if response.get(pair.item_id)
        )
