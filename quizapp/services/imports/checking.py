"""Checking an upload without touching the database: every problem at once.

``check_upload`` reads the file (``question_bank.formats.parse_upload``: size limit,
encoding, format detection, the format's parser) and checks what came out against what the
database can hold.  Any problem raises ``UploadRejected`` with *every* error (line and
column where the format knows them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from question_bank.formats import (
    DEFAULT_MAX_BYTES,
    FORMATS,
    decode_upload,
    detect_format,
    parse_upload,
)
from question_bank.formats.base import ParseError
from question_bank.sets import QuestionSet as BankSet
from question_bank.types import Question as BankQuestion
from quizapp.services import question_sets
from quizapp.services.errors import ValidationFailed

#: Formats a file can be read as, for the format override (``FORMATS`` minus export-only).
IMPORT_FORMATS = tuple(name for name, fmt in FORMATS.items() if fmt.can_import)

# Column sizes of the set tables (``quizapp.models.question_set``).
MAX_SET_NAME = 200
MAX_KEY = 200
MAX_CATEGORY = 20
MAX_FILENAME = 255


def printable(text: str) -> str:
    """``text`` safe to show and store: control characters (NUL...) and broken characters
    (lone surrogates) become U+FFFD; line breaks and tabs are kept."""
    return "".join(ch if ch.isprintable() or ch in "\n\t" else "\ufffd" for ch in text)


class UploadRejected(ValidationFailed):
    """An upload with problems: ``errors`` lists every one of them; nothing was written."""

    code = "upload_rejected"

    def __init__(self, errors: Iterable[ParseError | str]) -> None:
        self.errors = [
            ParseError(printable(e.message), e.line, e.column)
            if isinstance(e, ParseError)
            else ParseError(printable(e))
            for e in errors
        ]
        count = len(self.errors)
        super().__init__(f"Nothing was saved: {count} problem{'s' if count != 1 else ''} to fix.")

    @property
    def messages(self) -> list[str]:
        return [str(error) for error in self.errors]


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed every check: its format and the sets it holds."""

    format: str
    sets: tuple[BankSet, ...]

    @property
    def question_count(self) -> int:
        return sum(len(s.questions) for s in self.sets)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def unstorable(value: Any) -> str | None:
    """Why a text cannot be stored (PostgreSQL refuses NUL; UTF-8 refuses lone surrogates)."""
    for text in _strings(value):
        if "\x00" in text:
            return "contains a NUL character (\\u0000), which cannot be stored"
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return "contains a broken character (a lone UTF-16 surrogate such as \\ud800)"
    return None


def describe(question: BankQuestion) -> str:
    label = question.title.strip() or " ".join(question.prompt.split())
    if len(label) > 50:
        label = label[:47] + "..."
    return f'question "{label}"' if label else f'question "{question.id}"'


def set_problems(bank: BankSet, where: str = "") -> list[str]:
    """What the database cannot hold, or the model refuses, in one set (each message
    starts with ``where``)."""
    found = [f"{where}{problem}" for problem in bank.problems()]
    if len(bank.name) > MAX_SET_NAME:
        found.append(f"{where}the set name is longer than {MAX_SET_NAME} characters")
    for question in bank.questions:
        label = describe(question)
        if len(question.id) > MAX_KEY:
            found.append(f"{where}{label}: its id is longer than {MAX_KEY} characters")
        if question.card_id is not None and len(question.card_id) > MAX_KEY:
            found.append(f"{where}{label}: its card id is longer than {MAX_KEY} characters")
        if question.category is not None and len(question.category) > MAX_CATEGORY:
            found.append(f"{where}{label}: its category is longer than {MAX_CATEGORY} characters")
        reason = unstorable(question.to_dict())
        if reason:
            found.append(f"{where}{label} {reason}")
    # Cards the questions imply were checked with their question; only the file's own here.
    for card in bank.cards:
        if len(card.id) > MAX_KEY:
            found.append(f'{where}card "{card.id[:40]}...": its id is longer than {MAX_KEY}')
        if card.category is not None and len(card.category) > MAX_CATEGORY:
            found.append(f'{where}card "{card.id}": its category is too long')
        reason = unstorable(card.to_dict())
        if reason:
            found.append(f'{where}card "{card.id}" {reason}')
    reason = unstorable([bank.name, bank.description])
    if reason:
        found.append(f"{where}the set's name or description {reason}")
    return found


def check_upload(
    data: bytes,
    *,
    filename: str | None = None,
    format: str | None = None,
    set_name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CheckedUpload:
    """Parse and validate an upload without touching the database.

    ``format`` overrides detection; ``set_name`` names the set (and renames the one set
    of a JSON file).  Raises ``UploadRejected`` with every problem found.
    """
    if format and format not in IMPORT_FORMATS:
        raise UploadRejected([f'Unknown format "{format}": choose {", ".join(IMPORT_FORMATS)}.'])
    wanted_name = question_sets.normalise_name(set_name or "")
    if len(wanted_name) > MAX_SET_NAME:
        raise UploadRejected([f"The set name is longer than {MAX_SET_NAME} characters."])
    result = parse_upload(
        data, filename, format=format or None, set_name=wanted_name or None, max_bytes=max_bytes
    )
    if result.errors or result.skipped:  # all or nothing until partial imports are offered
        raise UploadRejected([*result.errors, *result.skipped])
    if not result.questions:
        raise UploadRejected(["The file holds no questions."])
    sets = [replace(s, name=question_sets.normalise_name(s.name)) for s in result.sets]
    if wanted_name:
        if len(sets) > 1:
            raise UploadRejected(
                [
                    f"This file holds {len(sets)} sets, each with its own name: leave the set "
                    "name empty, or upload the sets one at a time."
                ]
            )
        sets = [replace(sets[0], name=wanted_name)]
    problems: list[str] = []
    seen: dict[str, str] = {}
    for number, bank in enumerate(sets, start=1):
        where = f'set "{bank.name}": ' if len(sets) > 1 else ""
        if not bank.name:
            problems.append(f"{where}the set has no name: give it one")
        if not bank.questions:
            problems.append(f'set "{bank.name}" holds no questions')
        key = bank.name.casefold()
        if key in seen:
            problems.append(f'set {number}: the name "{bank.name}" is used by another set')
        seen[key] = bank.name
        problems.extend(set_problems(bank, where))
    if problems:
        raise UploadRejected(problems)
    detected = format or _detected_format(data, filename)
    return CheckedUpload(format=detected, sets=tuple(sets))


def _detected_format(data: bytes, filename: str | None) -> str:
    return detect_format(filename, decode_upload(data))
