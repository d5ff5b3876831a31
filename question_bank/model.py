"""The question model: one dataclass per question type, registered by its type name.

Everything here is pure Python: no Flask, no database, no clock.  A question knows

* its fields (the interchange schema of ``question_bank.formats.json_format``),
* how to grade a response (``grade``), using the normalisation in ``grading``,
* how to read a response sent by a client (``parse_response``), refusing malformed ones,
* what a student may see before answering (``public_dict``),
* what is wrong with it, if anything (``problems``), so importers can refuse bad input.

A new question type is one subclass decorated with ``@register``; nothing else switches on
the type name.  Semantics follow Moodle's question types so that imports map one to one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from question_bank import grading

CATEGORIES = ("actor", "date", "place", "outcome")

#: Marks a blank in a cloze prompt: ``{{1}}`` is the first blank, ``{{2}}`` the second...
BLANK_PATTERN = re.compile(r"\{\{(\d+)\}\}")


class InvalidResponse(ValueError):
    """A response that does not fit the question (wrong type, unknown choice, not a number)."""


@dataclass(frozen=True)
class Source:
    """The exact quote a question comes from, with its character offsets in the article."""

    quote: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"quote": self.quote, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Source | None:
        if not data:
            return None
        return cls(quote=str(data["quote"]), start=int(data["start"]), end=int(data["end"]))


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    weight: float = 0.0
    feedback: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "weight": self.weight, "feedback": self.feedback}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Choice:
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            weight=float(data.get("weight", 0.0)),
            feedback=str(data.get("feedback") or ""),
        )


@dataclass(frozen=True)
class Accepted:
    """One accepted text answer (short answer, or one blank of a cloze)."""

    text: str
    weight: float = 1.0
    feedback: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "weight": self.weight}
        if self.feedback:
            data["feedback"] = self.feedback
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Accepted:
        return cls(
            text=str(data["text"]),
            weight=float(data.get("weight", 1.0)),
            feedback=str(data.get("feedback") or ""),
        )


@dataclass(frozen=True)
class NumericAnswer:
    value: float
    tolerance: float = 0.0
    weight: float = 1.0
    feedback: str = ""

    def accepts(self, number: float) -> bool:
        # A small epsilon so that 0.1 + 0.2 is within a tolerance of 0 around 0.3.
        return abs(number - self.value) <= self.tolerance + 1e-9 * max(1.0, abs(self.value))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "value": self.value,
            "tolerance": self.tolerance,
            "weight": self.weight,
        }
        if self.feedback:
            data["feedback"] = self.feedback
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NumericAnswer:
        return cls(
            value=float(data["value"]),
            tolerance=abs(float(data.get("tolerance", 0.0))),
            weight=float(data.get("weight", 1.0)),
            feedback=str(data.get("feedback") or ""),
        )


@dataclass(frozen=True)
class Pair:
    """One matching pair: the item on the left and the option it goes with."""

    item_id: str
    item: str
    option_id: str
    option: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "item": self.item,
            "option_id": self.option_id,
            "option": self.option,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Pair:
        return cls(
            item_id=str(data["item_id"]),
            item=str(data["item"]),
            option_id=str(data["option_id"]),
            option=str(data["option"]),
        )


@dataclass(frozen=True)
class Grade:
    """The result of grading one response: a score in 0..1 and what to tell the student."""

    score: float
    feedback: tuple[str, ...] = ()
    graded: bool = True

    @property
    def status(self) -> str:
        if not self.graded:
            return "ungraded"
        if self.score >= 1 - 1e-9:
            return "correct"
        if self.score <= 1e-9:
            return "incorrect"
        return "partial"

    @property
    def correct(self) -> bool:
        return self.status == "correct"


def clamp01(value: float) -> float:
    return min(1.0, max(0.0, value))


# --------------------------------------------------------------------------- registry

QUESTION_TYPES: dict[str, type[Question]] = {}


def register(cls: type[Question]) -> type[Question]:
    """Class decorator: make a question type known by its ``type_name``."""
    QUESTION_TYPES[cls.type_name] = cls
    return cls


@dataclass(frozen=True)
class Question:
    """Fields every question has.  Subclasses add what their answers are."""

    type_name: ClassVar[str] = ""
    #: Human name of the type, for pages and the README.
    label: ClassVar[str] = ""
    #: False for types that have no automatic mark (essay) or no answer at all (description).
    gradable: ClassVar[bool] = True
    #: False for a description: it is shown, never answered.
    answerable: ClassVar[bool] = True
    #: The keys of the interchange schema that hold this type's answers.
    answer_keys: ClassVar[tuple[str, ...]] = ()

    id: str
    prompt: str
    title: str = ""
    category: str | None = None
    tags: tuple[str, ...] = ()
    general_feedback: str = ""
    answer_display: str = ""
    source: Source | None = None
    #: How ``prompt`` is written: "plain", "markdown", "html" or "moodle" (GIFT's formats).
    text_format: str = "plain"
    #: The flashcard this question tests, if any: quiz answers feed that card's schedule.
    card_id: str | None = None

    # -- grading -------------------------------------------------------------------------

    def grade(self, response: Any) -> Grade:  # pragma: no cover - every type overrides it
        raise NotImplementedError

    def parse_response(self, raw: Any) -> Any:
        """Check a response sent by a client and return it in canonical form.

        Raises ``InvalidResponse`` with a message a person understands.
        """
        raise InvalidResponse("this question takes no answer")

    def correct_response(self) -> Any:
        """A response that earns full marks (used by tests, previews and answer keys)."""
        return None

    def default_answer_display(self) -> str:
        """The right answer as a person would say it, when the author gave none."""
        return ""

    # -- validation ----------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What makes this question unusable, in words an instructor understands."""
        found = []
        if not self.prompt.strip():
            found.append("the question has no text")
        if self.category is not None and self.category not in CATEGORIES:
            found.append(f"unknown category {self.category!r} (use one of {', '.join(CATEGORIES)})")
        return found

    # -- serialisation -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "type": self.type_name,
            "title": self.title,
            "prompt": self.prompt,
            "category": self.category,
            "tags": list(self.tags),
            "general_feedback": self.general_feedback,
        }
        data.update(self._answers_to_dict())
        data["answer_display"] = self.answer_display
        data["source"] = self.source.to_dict() if self.source else None
        if self.text_format != "plain":
            data["text_format"] = self.text_format
        if self.card_id is not None:
            data["card_id"] = self.card_id
        return data

    def _answers_to_dict(self) -> dict[str, Any]:
        return {}

    def public_dict(self) -> dict[str, Any]:
        """What a student may see before answering: no weights, no accepted answers."""
        return {
            "id": self.id,
            "type": self.type_name,
            "title": self.title,
            "prompt": self.prompt,
            "text_format": self.text_format,
            "category": self.category,
        }

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {}

    def replace(self, **changes: Any) -> Question:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return type(self)(**values)


def question_from_dict(data: Mapping[str, Any]) -> Question:
    """Build a question from the interchange schema; raises ``ValueError`` on bad data."""
    type_name = data.get("type")
    cls = QUESTION_TYPES.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        raise ValueError(f"unknown question type {type_name!r}")
    try:
        tags = data.get("tags") or ()
        if isinstance(tags, str):
            tags = [tags]
        common: dict[str, Any] = {
            "id": str(data["id"]),
            "prompt": str(data.get("prompt") or ""),
            "title": str(data.get("title") or ""),
            "category": data.get("category") or None,
            "tags": tuple(str(t) for t in tags),
            "general_feedback": str(data.get("general_feedback") or ""),
            "answer_display": str(data.get("answer_display") or ""),
            "source": Source.from_dict(data.get("source")),
            "text_format": str(data.get("text_format") or "plain"),
            "card_id": data.get("card_id"),
        }
        common.update(cls._answers_from_dict(data))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"question {data.get('id')!r}: missing or malformed field {exc}") from exc
    question = cls(**common)
    if not question.answer_display:
        question = question.replace(answer_display=question.default_answer_display())
    return question


# ----------------------------------------------------------------------- choice types


def _choice_id(raw: Any) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise InvalidResponse("choose one of the options")
    return str(raw)


@dataclass(frozen=True)
class _ChoiceQuestion(Question):
    answer_keys: ClassVar[tuple[str, ...]] = ("choices",)
    choices: tuple[Choice, ...] = ()

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    def _answers_to_dict(self) -> dict[str, Any]:
        return {"choices": [c.to_dict() for c in self.choices]}

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"choices": tuple(Choice.from_dict(c) for c in data.get("choices") or ())}

    def public_dict(self) -> dict[str, Any]:
        data = super().public_dict()
        data["choices"] = [{"id": c.id, "text": c.text} for c in self.choices]
        return data

    def problems(self) -> list[str]:
        found = super().problems()
        ids = [c.id for c in self.choices]
        if len(set(ids)) != len(ids):
            found.append("two choices share the same id")
        if len(self.choices) < 2:
            found.append("a choice question needs at least two choices")
        return found

    def default_answer_display(self) -> str:
        full = [c.text for c in self.choices if c.weight >= 1 - 1e-9]
        if full:
            return "; ".join(full)
        return "; ".join(c.text for c in self.choices if c.weight > 0)


@register
@dataclass(frozen=True)
class MultipleChoice(_ChoiceQuestion):
    """One answer to pick; each choice has a weight (1 right, 0 wrong, between partial)."""

    type_name: ClassVar[str] = "multiple_choice"
    label: ClassVar[str] = "Multiple choice"

    def parse_response(self, raw: Any) -> str:
        choice_id = _choice_id(raw)
        if self.choice(choice_id) is None:
            raise InvalidResponse(f"there is no choice {choice_id!r} in this question")
        return choice_id

    def grade(self, response: Any) -> Grade:
        chosen = self.choice(str(response)) if response is not None else None
        if chosen is None:
            return Grade(0.0, ())
        return Grade(clamp01(chosen.weight), (chosen.feedback,) if chosen.feedback else ())

    def correct_response(self) -> str:
        return max(self.choices, key=lambda c: c.weight).id

    def problems(self) -> list[str]:
        found = super().problems()
        if self.choices and max(c.weight for c in self.choices) < 1 - 1e-9:
            found.append("no choice is marked correct (100%)")
        return found


@register
@dataclass(frozen=True)
class MultipleResponse(_ChoiceQuestion):
    """Several answers to pick: the weights of the chosen ones add up, clamped to 0..1."""

    type_name: ClassVar[str] = "multiple_response"
    label: ClassVar[str] = "Multiple response"

    def parse_response(self, raw: Any) -> list[str]:
        if not isinstance(raw, list | tuple):
            raise InvalidResponse("send a list of the chosen options")
        chosen = [_choice_id(item) for item in raw]
        for choice_id in chosen:
            if self.choice(choice_id) is None:
                raise InvalidResponse(f"there is no choice {choice_id!r} in this question")
        if len(set(chosen)) != len(chosen):
            raise InvalidResponse("an option was chosen twice")
        return sorted(chosen, key=[c.id for c in self.choices].index)

    def grade(self, response: Any) -> Grade:
        if not isinstance(response, list | tuple):
            return Grade(0.0)
        # Each choice counts once, however often a (malformed) response names it.
        chosen = [self.choice(cid) for cid in dict.fromkeys(str(cid) for cid in response)]
        picked = [c for c in chosen if c is not None]
        feedback = tuple(c.feedback for c in picked if c.feedback)
        return Grade(clamp01(sum(c.weight for c in picked)), feedback)

    def correct_response(self) -> list[str]:
        return [c.id for c in self.choices if c.weight > 0]

    def problems(self) -> list[str]:
        found = super().problems()
        if self.choices and sum(c.weight for c in self.choices if c.weight > 0) < 1 - 1e-6:
            found.append("the positive weights of the right choices do not add up to 100%")
        return found


@register
@dataclass(frozen=True)
class TrueFalse(_ChoiceQuestion):
    """A statement to judge.  Its choices are always ``true`` and ``false``."""

    type_name: ClassVar[str] = "true_false"
    label: ClassVar[str] = "True/false"

    @classmethod
    def make(
        cls,
        *,
        answer: bool,
        feedback_true: str = "",
        feedback_false: str = "",
        **common: Any,
    ) -> TrueFalse:
        choices = (
            Choice("true", "True", 1.0 if answer else 0.0, feedback_true),
            Choice("false", "False", 0.0 if answer else 1.0, feedback_false),
        )
        return cls(choices=choices, **common)

    @property
    def answer(self) -> bool:
        true_choice = self.choice("true")
        return bool(true_choice and true_choice.weight > 0)

    def parse_response(self, raw: Any) -> str:
        if isinstance(raw, bool):
            return "true" if raw else "false"
        if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
            return raw.strip().lower()
        raise InvalidResponse('answer "true" or "false"')

    grade = MultipleChoice.grade
    correct_response = MultipleChoice.correct_response

    def problems(self) -> list[str]:
        found = Question.problems(self)
        if sorted(c.id for c in self.choices) != ["false", "true"]:
            found.append('a true/false question has exactly the choices "true" and "false"')
        elif sum(1 for c in self.choices if c.weight >= 1 - 1e-9) != 1:
            found.append("exactly one of true and false must be marked correct (100%)")
        return found


# ------------------------------------------------------------------------ text types


def _text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise InvalidResponse("type your answer as text")
    if len(raw) > 2000:
        raise InvalidResponse("that answer is too long (2000 characters at most)")
    return raw


def _best_text_match(accepted: tuple[Accepted, ...], response: str) -> Accepted | None:
    """The accepted answer that the response matches with the highest weight.

    A match without typo tolerance wins over a near one: a response that is exactly an
    answer listed as wrong is wrong, even if it is also a misspelling of a right one.
    """
    matches = [a for a in accepted if grading.text_matches(response, a.text, typos=False)]
    if not matches:
        matches = [a for a in accepted if grading.text_matches(response, a.text)]
    return max(matches, key=lambda a: a.weight, default=None)


def _full_marks(accepted: tuple[Accepted, ...]) -> bool:
    """Is one of the answers worth full marks and able to match something?

    A letter or digit is what folding keeps, so this is ``fold(text) != ""`` without the
    cost of folding (which made validating a 150,000-row upload take seconds).
    """
    return any(a.weight >= 1 - 1e-9 and any(ch.isalnum() for ch in a.text) for a in accepted)


@register
@dataclass(frozen=True)
class ShortAnswer(Question):
    """A typed answer, compared as a teacher would (see ``grading.text_matches``)."""

    type_name: ClassVar[str] = "short_answer"
    label: ClassVar[str] = "Short answer"
    answer_keys: ClassVar[tuple[str, ...]] = ("accepted",)
    accepted: tuple[Accepted, ...] = ()

    def parse_response(self, raw: Any) -> str:
        return _text(raw)

    def grade(self, response: Any) -> Grade:
        if not isinstance(response, str) or not response.strip():
            return Grade(0.0)
        match = _best_text_match(self.accepted, response)
        if match is None:
            return Grade(0.0)
        return Grade(clamp01(match.weight), (match.feedback,) if match.feedback else ())

    def correct_response(self) -> str:
        return max(self.accepted, key=lambda a: a.weight).text

    def _answers_to_dict(self) -> dict[str, Any]:
        return {"accepted": [a.to_dict() for a in self.accepted]}

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"accepted": tuple(Accepted.from_dict(a) for a in data.get("accepted") or ())}

    def problems(self) -> list[str]:
        found = super().problems()
        if not _full_marks(self.accepted):
            found.append("no accepted answer is worth full marks")
        return found

    def default_answer_display(self) -> str:
        return self.correct_response() if self.accepted else ""


@register
@dataclass(frozen=True)
class Numerical(Question):
    """A number, right within a tolerance (a range ``min..max`` is its midpoint +- half)."""

    type_name: ClassVar[str] = "numerical"
    label: ClassVar[str] = "Numerical"
    answer_keys: ClassVar[tuple[str, ...]] = ("numeric",)
    numeric: tuple[NumericAnswer, ...] = ()

    def parse_response(self, raw: Any) -> float:
        if isinstance(raw, bool):
            raise InvalidResponse("type a number")
        if isinstance(raw, int | float):
            try:
                number = float(raw)
            except OverflowError:
                raise InvalidResponse("type a finite number") from None
        elif isinstance(raw, str):
            parsed = grading.parse_number(raw)
            if parsed is None:
                raise InvalidResponse(f"{raw.strip()[:40]!r} is not a number")
            number = parsed
        else:
            raise InvalidResponse("type a number")
        if not math.isfinite(number):
            raise InvalidResponse("type a finite number")
        return number

    def grade(self, response: Any) -> Grade:
        if isinstance(response, bool) or not isinstance(response, int | float):
            return Grade(0.0)
        matches = [n for n in self.numeric if n.accepts(float(response))]
        best = max(matches, key=lambda n: n.weight, default=None)
        if best is None:
            return Grade(0.0)
        return Grade(clamp01(best.weight), (best.feedback,) if best.feedback else ())

    def correct_response(self) -> float:
        return max(self.numeric, key=lambda n: n.weight).value

    def _answers_to_dict(self) -> dict[str, Any]:
        return {"numeric": [n.to_dict() for n in self.numeric]}

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"numeric": tuple(NumericAnswer.from_dict(n) for n in data.get("numeric") or ())}

    def problems(self) -> list[str]:
        found = super().problems()
        if not any(n.weight >= 1 - 1e-9 for n in self.numeric):
            found.append("no numerical answer is worth full marks")
        if any(not math.isfinite(n.value) or not math.isfinite(n.tolerance) for n in self.numeric):
            found.append("a numerical answer is not a finite number")
        if any(n.tolerance < 0 for n in self.numeric):
            found.append("a numerical answer has a negative tolerance")
        return found

    def default_answer_display(self) -> str:
        if not self.numeric:
            return ""
        best = max(self.numeric, key=lambda n: n.weight)
        value = grading.format_number(best.value)
        if best.tolerance:
            return f"{value} (± {grading.format_number(best.tolerance)})"
        return value


@register
@dataclass(frozen=True)
class Matching(Question):
    """Items to match with options; the score is the share of items matched right."""

    type_name: ClassVar[str] = "matching"
    label: ClassVar[str] = "Matching"
    answer_keys: ClassVar[tuple[str, ...]] = ("pairs",)
    pairs: tuple[Pair, ...] = ()

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

    def public_dict(self) -> dict[str, Any]:
        data = super().public_dict()
        data["items"] = [{"id": p.item_id, "text": p.item} for p in self.items]
        # Sorted by text: in the order of the pairs, the options would give the answers away.
        options = sorted(self.options, key=lambda o: (grading.fold(o[1]), o[1], o[0]))
        data["options"] = [{"id": oid, "text": text} for oid, text in options]
        return data

    def _answers_to_dict(self) -> dict[str, Any]:
        return {"pairs": [p.to_dict() for p in self.pairs]}

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"pairs": tuple(Pair.from_dict(p) for p in data.get("pairs") or ())}

    def problems(self) -> list[str]:
        found = super().problems()
        if len(self.items) < 2:
            found.append("a matching question needs at least two pairs")
        if len({p.item_id for p in self.items}) != len(self.items):
            found.append("two matching items share the same id")
        for pair in self.items:
            if not pair.option_id or not pair.option.strip():
                found.append(f"the matching item {pair.item!r} has no option to match")
        return found

    def default_answer_display(self) -> str:
        return "; ".join(f"{p.item} → {p.option}" for p in self.items)


@register
@dataclass(frozen=True)
class Cloze(Question):
    """Blanks inside a sentence, written ``{{1}}``, ``{{2}}``... in the prompt.

    Each blank has its accepted answers; the score is the mean of the blanks' scores.
    """

    type_name: ClassVar[str] = "cloze"
    label: ClassVar[str] = "Cloze (missing word)"
    answer_keys: ClassVar[tuple[str, ...]] = ("blanks",)
    blanks: tuple[tuple[Accepted, ...], ...] = ()

    def parse_response(self, raw: Any) -> list[str]:
        if isinstance(raw, str) and len(self.blanks) == 1:
            raw = [raw]
        if not isinstance(raw, list | tuple):
            raise InvalidResponse("send a list with one answer per blank")
        if len(raw) != len(self.blanks):
            raise InvalidResponse(f"this question has {len(self.blanks)} blank(s)")
        return [_text(item if item is not None else "") for item in raw]

    def grade(self, response: Any) -> Grade:
        if not self.blanks or not isinstance(response, list | tuple):
            return Grade(0.0)
        scores, feedback = [], []
        for accepted, given in zip(self.blanks, response, strict=False):
            match = _best_text_match(accepted, given) if isinstance(given, str) else None
            scores.append(clamp01(match.weight) if match else 0.0)
            if match and match.feedback:
                feedback.append(match.feedback)
        return Grade(sum(scores) / len(self.blanks), tuple(feedback))

    def correct_response(self) -> list[str]:
        return [max(blank, key=lambda a: a.weight).text for blank in self.blanks]

    def segments(self) -> list[str | int]:
        """The prompt cut into text and blank numbers (0-based), for rendering."""
        parts: list[str | int] = []
        position = 0
        for match in BLANK_PATTERN.finditer(self.prompt):
            parts.append(self.prompt[position : match.start()])
            parts.append(int(match.group(1)) - 1)
            position = match.end()
        parts.append(self.prompt[position:])
        return parts

    def public_dict(self) -> dict[str, Any]:
        data = super().public_dict()
        data["blanks"] = len(self.blanks)
        return data

    def _answers_to_dict(self) -> dict[str, Any]:
        return {"blanks": [[a.to_dict() for a in blank] for blank in self.blanks]}

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "blanks": tuple(
                tuple(Accepted.from_dict(a) for a in blank) for blank in data.get("blanks") or ()
            )
        }

    def problems(self) -> list[str]:
        found = super().problems()
        numbers = sorted(int(n) for n in BLANK_PATTERN.findall(self.prompt))
        if not self.blanks:
            found.append("a cloze question needs at least one blank")
        elif numbers != list(range(1, len(self.blanks) + 1)):
            found.append(
                f"the text marks blanks {numbers} but {len(self.blanks)} blank(s) have answers"
            )
        for number, blank in enumerate(self.blanks, start=1):
            if not _full_marks(blank):
                found.append(f"blank {number} has no answer worth full marks")
        return found

    def default_answer_display(self) -> str:
        return "; ".join(self.correct_response()) if self.blanks else ""


@register
@dataclass(frozen=True)
class Essay(Question):
    """A free text answer that a person marks; never graded automatically."""

    type_name: ClassVar[str] = "essay"
    label: ClassVar[str] = "Essay"
    gradable: ClassVar[bool] = False

    def parse_response(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise InvalidResponse("type your answer as text")
        if len(raw) > 20000:
            raise InvalidResponse("that answer is too long (20000 characters at most)")
        return raw

    def grade(self, response: Any) -> Grade:
        return Grade(0.0, (), graded=False)

    def default_answer_display(self) -> str:
        return ""


@register
@dataclass(frozen=True)
class Description(Question):
    """Text shown between questions; it has no answer and no mark."""

    type_name: ClassVar[str] = "description"
    label: ClassVar[str] = "Description"
    gradable: ClassVar[bool] = False
    answerable: ClassVar[bool] = False

    def grade(self, response: Any) -> Grade:
        return Grade(0.0, (), graded=False)

    def default_answer_display(self) -> str:
        return ""


# ---------------------------------------------------------------------- cards and sets


@dataclass(frozen=True)
class Card:
    """A flashcard: one fact, front and back, scheduled by spaced repetition."""

    id: str
    front: str
    back: str
    category: str | None = None
    tags: tuple[str, ...] = ()
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "front": self.front,
            "back": self.back,
            "category": self.category,
            "tags": list(self.tags),
            "source": self.source.to_dict() if self.source else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Card:
        return cls(
            id=str(data["id"]),
            front=str(data["front"]),
            back=str(data["back"]),
            category=data.get("category") or None,
            tags=tuple(str(t) for t in data.get("tags") or ()),
            source=Source.from_dict(data.get("source")),
        )


def card_for_question(question: Question) -> Card | None:
    """The flashcard a question implies when a format has no cards of its own."""
    if not question.gradable or not question.answer_display:
        return None
    front = BLANK_PATTERN.sub("_____", question.prompt)
    return Card(
        id=question.card_id or question.id,
        front=front,
        back=question.answer_display,
        category=question.category,
        tags=question.tags,
        source=question.source,
    )


@dataclass(frozen=True)
class QuestionSet:
    name: str
    description: str = ""
    questions: tuple[Question, ...] = ()
    #: Flashcards; when empty, ``effective_cards`` derives one per gradable question.
    cards: tuple[Card, ...] = field(default=())

    def effective_cards(self) -> tuple[Card, ...]:
        if self.cards:
            return self.cards
        cards = (card_for_question(q) for q in self.questions)
        return tuple(c for c in cards if c is not None)

    def problems(self) -> list[str]:
        found = []
        ids = [q.id for q in self.questions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            found.append(f"question ids used twice: {', '.join(duplicates)}")
        for question in self.questions:
            found.extend(f"question {question.id!r}: {p}" for p in question.problems())
        return found


def type_named(type_name: str) -> type[Question]:
    return QUESTION_TYPES[type_name]
