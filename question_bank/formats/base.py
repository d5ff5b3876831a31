"""What every format module shares: errors with line numbers and the result of a parse.

A format module (``gift``, ``aiken``, ``moodle_xml``, ``tabular``, ``json_format``) offers
``parse(text: str) -> ParseResult`` and, where the format can carry the questions,
``dump(question_set) -> str`` (``bytes`` for binary formats such as ``anki``).
Parsers never raise on bad input: every problem becomes a ``ParseError``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from question_bank.model import Card, Question, QuestionSet


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
