"""What every format module shares: errors with line numbers, the result of a parse, and
the small helpers the parsers and writers have in common.

A format module (``gift``, ``aiken``, ``moodle_xml``, ``tabular``, ``json_format``) offers
``parse(text: str) -> ParseResult`` (``bytes`` for binary formats such as ``anki``'s
``.apkg``) and, where the format can carry the questions, ``dump(question_set) -> str``
(``bytes`` for binary formats).  Parsers never raise on bad input: every problem becomes a
``ParseError``.  A question whose type a format cannot hold makes ``dump`` raise
``question_bank.types.UnsupportedType``.

What a parse finds falls in three lists, so that nothing is ever dropped silently:

* ``errors``: the file is wrong (bad syntax, a question that breaks its type's rules); an
  instructor fixes the file;
* ``skipped``: questions that are well written but cannot be imported here (a Moodle
  drag-and-drop question, say), each with its line and the reason; the rest may be imported
  on purpose (``importable``);
* ``warnings``: things ignored that are not questions (a stray ``<p>`` between Moodle
  questions); they stop nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import Any

from question_bank.sets import Card, QuestionSet
from question_bank.types import Question


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


#: The roles a CSV/TSV column may have (``Columns``); ``ignore`` keeps a column out.
COLUMN_ROLES = (
    "question",
    "answer",
    "category",
    "tags",
    "feedback",
    "source",
    "id",
    "ignore",
)


@dataclass(frozen=True)
class Columns:
    """How the columns of a CSV/TSV file were read: for each column, its header (empty
    without a header row) and its role among ``COLUMN_ROLES``.  An instructor may choose
    other roles and parse again (``tabular.parse_csv(text, columns=[...])``)."""

    header: bool
    names: tuple[str, ...]
    roles: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"header": self.header, "names": list(self.names), "roles": list(self.roles)}


@dataclass(frozen=True)
class Review:
    """One review of a flashcard in another program's history (Anki's revlog), offered so
    that the app may replay it: the card, when (milliseconds since the epoch, UTC), the
    rating (1 again, 2 hard, 3 good, 4 easy) and how long the learner took."""

    card_id: str
    reviewed_at_ms: int
    rating: int
    duration_ms: int


@dataclass
class ParseResult:
    """Questions (grouped in sets) understood from a file, the errors that stop it, the
    questions skipped and the warnings (see the module docstring).

    Formats that hold one set (GIFT, Aiken, CSV...) return a single set named by the
    caller's ``set_name``; JSON may return several.  ``ok``: no errors, nothing skipped and
    at least one question; ``importable``: no errors and at least one question (what is
    skipped may be left out on purpose).  ``columns`` says how a CSV/TSV file's columns
    were read; ``reviews`` is the review history an Anki package carries.
    """

    sets: list[QuestionSet] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    skipped: list[ParseError] = field(default_factory=list)
    warnings: list[ParseError] = field(default_factory=list)
    columns: Columns | None = None
    reviews: list[Review] = field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sets for q in s.questions]

    @property
    def cards(self) -> list[Card]:
        return [c for s in self.sets for c in s.effective_cards()]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.skipped and bool(self.questions)

    @property
    def importable(self) -> bool:
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


def describe(question: Question) -> str:
    """How an error message names a question: its title, else the start of its text."""
    label = question.title.strip() or " ".join(question.prompt.split())
    if len(label) > 50:
        label = label[:47] + "..."
    return f"question {label!r}" if label else f"question {question.id!r}"


def check_question(question: Question, line: int | None) -> list[ParseError]:
    """The question's own problems as parse errors; an empty list means it can be kept."""
    return [ParseError(f"{describe(question)}: {p}", line) for p in question.problems()]


def check_set_files(question_set: QuestionSet) -> list[ParseError]:
    """The set-wide limit on images (``question_bank.media.MAX_SET_BYTES``) as errors."""
    from question_bank import media

    return [ParseError(p) for p in media.set_problems(question_set.all_files())]


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
        for card in question.cards():
            if question.text_format != "plain" and card.text_format == question.text_format:
                card = plain_card(card, plain_text)
            cards.append(card)
    return cards


def plain_card(card: Card, plain_text: Any) -> Card:
    """A question's card with its markup removed (a cloze card: from its sentence)."""
    if card.cloze:
        return replace(card, cloze=plain_text(card.cloze, card.text_format))
    return replace(card, front=plain_text(card.front, card.text_format))
