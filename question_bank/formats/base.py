"""What every format module shares: errors with line numbers, the result of a parse, and
the small helpers the parsers and writers have in common.

A format module (``gift``, ``aiken``, ``moodle_xml``, ``tabular``, ``json_format``) offers
``parse(text: str) -> ParseResult`` and, where the format can carry the questions,
``dump(question_set) -> str`` (``bytes`` for binary formats such as ``anki``).
Parsers never raise on bad input: every problem becomes a ``ParseError``.  A question whose
type a format cannot hold makes ``dump`` raise ``question_bank.types.UnsupportedType``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from question_bank.sets import Card, QuestionSet
from question_bank.types import CATEGORIES, Question


@dataclass(frozen=True)
class ParseError:
    """One problem in an uploaded file, said so that an instructor can fix it."""

    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        where = f"line {self.line}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass
class ParseResult:
    """Questions (grouped in sets) understood from a file, or the errors that stop it.

    Formats that hold one set (GIFT, Aiken, CSV...) return a single set named by the
    caller's ``set_name``; JSON may return several.  ``ok`` is true only when there are no
    errors and at least one question.
    """

    sets: list[QuestionSet] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sets for q in s.questions]

    @property
    def cards(self) -> list[Card]:
        return [c for s in self.sets for c in s.effective_cards()]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.questions)


# ------------------------------------------------------------------------------ helpers


def line_and_column(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    position = max(0, min(position, len(text)))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, column


def stable_id(prefix: str, text: str, used: set[str]) -> str:
    """A short id derived from ``text`` (stable across imports), unique within ``used``.

    ``used`` is updated with the id returned.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    candidate = f"{prefix}-{digest}"
    number = 2
    while candidate in used:
        candidate = f"{prefix}-{digest}-{number}"
        number += 1
    used.add(candidate)
    return candidate


def category_or_none(raw: str | None) -> str | None:
    """A category as written in a file: empty means none; case does not matter."""
    if raw is None:
        return None
    cleaned = raw.strip().lower()
    return cleaned or None


def known_category(raw: str) -> str | None:
    cleaned = raw.strip().lower()
    return cleaned if cleaned in CATEGORIES else None


def describe(question: Question) -> str:
    """How an error message names a question: its title, else the start of its text."""
    label = question.title.strip() or " ".join(question.prompt.split())
    if len(label) > 50:
        label = label[:47] + "..."
    return f"question {label!r}" if label else f"question {question.id!r}"


def check_question(question: Question, line: int | None) -> list[ParseError]:
    """The question's own problems as parse errors; an empty list means it can be kept."""
    return [ParseError(f"{describe(question)}: {p}", line) for p in question.problems()]


def split_tags(raw: str) -> tuple[str, ...]:
    """Tags written in one cell or line: separated by commas, semicolons or ``|``."""
    return tuple(t.strip() for t in re.split(r"[;,|]", raw) if t.strip())


def export_cards(question_set: QuestionSet) -> list[Card]:
    """The set's flashcards for an export: its own cards, or those its questions imply
    (``Question.card``) with the prompt's markup removed (cards are plain text)."""
    if question_set.cards:
        return list(question_set.cards)
    from question_bank.rendering import plain_text

    cards = []
    for question in question_set.questions:
        card = question.card()
        if card is None:
            continue
        if question.text_format != "plain":
            card = replace(card, front=plain_text(card.front, question.text_format))
        cards.append(card)
    return cards
