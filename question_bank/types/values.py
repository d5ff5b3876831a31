"""The values question types are made of: a source quote, choices, accepted texts, numbers,
matching pairs.

Each value reads and writes its part of the interchange schema (``to_dict``/``from_dict``);
``check_*`` functions check that part's shape in an uploaded JSON file, through the JSON
format's checker (see ``question_bank.types.codecs.JsonCodec``), so that a malformed file gets
a message with its line rather than a crash.  The text-answer helpers at the end are shared by
the short answer and the cloze types.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from question_bank import grading


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
    #: "plain", or "html" for a choice whose markup matters (an image, say: Moodle's
    #: image-only choices), which the app sanitises as it does a prompt.
    text_format: str = "plain"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "weight": self.weight,
            "feedback": self.feedback,
        }
        if self.text_format != "plain":
            data["text_format"] = self.text_format
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Choice:
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            weight=float(data.get("weight", 0.0)),
            feedback=str(data.get("feedback") or ""),
            text_format=str(data.get("text_format") or "plain"),
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
    #: "plain", or "html" for an item whose markup matters (an image: Moodle's items may be
    #: pictures), as ``Choice.text_format``.  Options are plain text, as in Moodle.
    item_format: str = "plain"

    def to_dict(self) -> dict[str, Any]:
        data = {
            "item_id": self.item_id,
            "item": self.item,
            "option_id": self.option_id,
            "option": self.option,
        }
        if self.item_format != "plain":
            data["item_format"] = self.item_format
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Pair:
        return cls(
            item_id=str(data["item_id"]),
            item=str(data["item"]),
            option_id=str(data["option_id"]),
            option=str(data["option"]),
            item_format=str(data.get("item_format") or "plain"),
        )


# ------------------------------------------------------------- shapes in a JSON upload
# Each takes the JSON format's checker (``question_bank.formats.json_format.Checker``), where
# the item is (for messages) and the item; it reports what is wrong and says if it is usable.


def check_choice(checker: Any, where: str, item: dict) -> bool:
    ok = checker.text_field(where, item, "id", required=True)
    ok &= checker.text_field(where, item, "text", required=True)
    ok &= checker.number_field(where, item, "weight")
    ok &= checker.optional_text(where, item, "feedback")
    if item.get("text_format") not in (None, "plain", "html"):
        checker.error(where, '"text_format" of a choice must be "plain" or "html"', item)
        ok = False
    return ok


def check_accepted(checker: Any, where: str, item: dict) -> bool:
    ok = checker.text_field(where, item, "text", required=True)
    ok &= checker.number_field(where, item, "weight")
    ok &= checker.optional_text(where, item, "feedback")
    return ok


def check_numeric(checker: Any, where: str, item: dict) -> bool:
    ok = checker.number_field(where, item, "value", required=True)
    ok &= checker.number_field(where, item, "tolerance")
    ok &= checker.number_field(where, item, "weight")
    ok &= checker.optional_text(where, item, "feedback")
    return ok


def check_pair(checker: Any, where: str, item: dict) -> bool:
    ok = True
    for key in ("item_id", "item", "option_id", "option"):
        ok &= checker.text_field(where, item, key, required=True)
    ok &= check_text_format(checker, where, item, "item_format", "an item")
    return ok


def check_text_format(checker: Any, where: str, item: dict, key: str, what: str) -> bool:
    """A text's own format (``Choice.text_format``, ``Pair.item_format``...): plain or html."""
    if item.get(key) not in (None, "plain", "html"):
        checker.error(where, f'"{key}" of {what} must be "plain" or "html"', item)
        return False
    return True


# ------------------------------------------------------------------ text answers


def is_catch_all(text: str) -> bool:
    """Is an accepted answer Moodle's "any other answer": nothing but ``*``?"""
    stripped = text.strip()
    return bool(stripped) and set(stripped) == {"*"}


#: An unescaped star: Moodle's wildcard.
_WILDCARD = re.compile(r"(?<!\\)\*")


def has_wildcard(text: str) -> bool:
    """Does an accepted answer use Moodle's ``*`` wildcard (an unescaped star)?"""
    # Asked of every accepted answer a file holds: most have no star at all.
    return "*" in text and _WILDCARD.search(text) is not None


@lru_cache(maxsize=1024)
def _wildcard_pattern(pattern: str, case_sensitive: bool) -> re.Pattern[str]:
    # As Moodle's qtype_shortanswer: runs of unescaped stars match any text, "\*" is a star.
    bits = re.split(r"(?<!\\)\*+", unicodedata.normalize("NFC", pattern))
    regex = ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits)
    flags = re.DOTALL | (0 if case_sensitive else re.IGNORECASE)
    return re.compile(regex, flags)


def moodle_matches(response: str, answer: str, case_sensitive: bool) -> bool:
    """Moodle's own comparison of a short answer: the trimmed response against the answer,
    ``*`` matching any text (a backslash before it: a star), with or without case."""
    given = unicodedata.normalize("NFC", response.strip())
    return _wildcard_pattern(answer.strip(), case_sensitive).fullmatch(given) is not None


def best_text_match(
    accepted: Sequence[Accepted], response: str, case_sensitive: bool = False
) -> Accepted | None:
    """The accepted answer a typed response earns, as Moodle picks it and a teacher forgives.

    1. The first answer, in the order written, that the response matches exactly: an answer
       with ``*`` wildcards as Moodle matches it (``moodle_matches``); another as a teacher
       compares texts (``grading.text_matches`` without typos), or, when the question is
       case-sensitive (Moodle's ``usecase``), exactly as Moodle does.
    2. Else the best weight among the answers the response misspells (not case-sensitive).
    3. Else the first catch-all (``*`` alone: Moodle's "any other answer"), for its
       feedback (and its weight, if its author gave it one).

    So a response that is exactly an answer listed as wrong is wrong, even if it is also a
    misspelling of a right one.
    """
    if not isinstance(response, str) or not response.strip():
        return None
    catch_alls = [a for a in accepted if is_catch_all(a.text)]
    for answer in accepted:
        if is_catch_all(answer.text):
            continue
        if case_sensitive or has_wildcard(answer.text):
            if moodle_matches(response, answer.text, case_sensitive):
                return answer
        elif grading.text_matches(response, answer.text, typos=False):
            return answer
    if not case_sensitive:
        near = [
            a
            for a in accepted
            if not has_wildcard(a.text) and grading.text_matches(response, a.text)
        ]
        if near:
            return max(near, key=lambda a: a.weight)
    return catch_alls[0] if catch_alls else None


def full_marks(accepted: Sequence[Accepted]) -> bool:
    """Is one of the answers worth full marks and able to match something?

    A letter or digit is what folding keeps (or a ``*``, which matches any text), so this is
    ``fold(text) != ""`` without the cost of folding (which made validating a 150,000-row
    upload take seconds).
    """
    return any(
        a.weight >= 1 - 1e-9 and any(ch.isalnum() or ch == "*" for ch in a.text) for a in accepted
    )


def letters(index: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa"... (names of choices and options by position)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("a") + rest) + name
    return name
