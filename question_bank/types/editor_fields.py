"""The kinds of field the question editor is made of (``question_bank.types.editing``):
text, rich text, number, select, check, category, tags and rows.  Each reads its form value
into its value, saying in words what is wrong (``EditError``), and shows a value as the form
writes it.  Pure: the app renders each kind with one WTForms field builder and one template
macro."""

from __future__ import annotations

import base64
import binascii
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from question_bank import grading, media
from question_bank.types.values import letters

Path = tuple[str | int, ...]
#: Problems by path, in the order found.
Errors = dict[Path, list[str]]

#: The most rows a list of the editor holds (choices, answers, pairs, items, blanks).
MAX_ROWS = 200
#: The most images the editor holds for one question.
MAX_FILES = 50
#: The longest number the editor reads (a float has at most 309 digits before its point).
MAX_NUMBER_LENGTH = 400


class EditError(ValueError):
    """What is wrong with one field's text, in words an instructor understands."""


# ------------------------------------------------------------------------------ fields


@dataclass(frozen=True)
class Field:
    """One field of the editor.  ``read`` turns its form value into its value (or raises
    ``EditError``), ``show`` the other way; ``default`` is a new question's form value."""

    kind: ClassVar[str] = ""

    name: str
    label: str
    help: str = ""
    section: str = "answers"

    @property
    def default(self) -> Any:
        return ""

    def show(self, value: Any) -> Any:
        return "" if value is None else str(value)

    def read(self, raw: Any) -> Any:
        return _text(raw)


def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise EditError("this is not text")
    return raw


@dataclass(frozen=True)
class Text(Field):
    """A line of text (``lines`` > 1: a box of that many lines)."""

    kind: ClassVar[str] = "text"

    required: bool = False
    lines: int = 1
    max_length: int | None = None
    placeholder: str = ""

    def read(self, raw: Any) -> str:
        text = _text(raw)
        if self.lines == 1:
            text = text.strip()
        if self.required and not text.strip():
            raise EditError("this cannot be empty")
        if self.max_length is not None and len(text) > self.max_length:
            raise EditError(
                f"at most {self.max_length:,} characters (this has {len(text):,}): shorten it"
            )
        return text


@dataclass(frozen=True)
class RichText(Text):
    """Text in the question's text format (plain, Markdown, HTML, Moodle's auto-format)."""

    kind: ClassVar[str] = "rich_text"

    lines: int = 5


def _plain_decimal(number: Decimal) -> str:
    """A decimal written out, never with an exponent: ``1E-7`` -> ``0.0000001``."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Number(Field):
    """A number, written as people write it (``11,000``, ``1.5``).  With ``percent`` the
    form shows a weight of 0.5 as ``50`` and reads it back exactly; ``whole`` asks for a
    whole number.  ``minimum`` and ``maximum`` are as the form shows them (percentages),
    ``start`` (a new row's) is a value."""

    kind: ClassVar[str] = "number"

    required: bool = True
    minimum: float | None = None
    maximum: float | None = None
    percent: bool = False
    whole: bool = False
    start: float | None = None

    @property
    def default(self) -> str:
        return "" if self.start is None else self.show(self.start)

    @property
    def unit(self) -> str:
        return "%" if self.percent else ""

    def show(self, value: Any) -> str:
        if value is None or isinstance(value, bool):
            return ""
        if isinstance(value, int):
            return str(value)
        if not math.isfinite(value):
            return str(value)
        number = Decimal(repr(float(value)))
        return _plain_decimal(number * 100 if self.percent else number)

    def read(self, raw: Any) -> float | int | None:
        text = _text(raw).strip()
        if self.percent:
            text = text.removesuffix("%").strip()
        if not text:
            if self.required:
                raise EditError("write a number")
            return None
        if len(text) > MAX_NUMBER_LENGTH:
            raise EditError(f"this number is {len(text):,} characters long: far too large")
        written = grading.number_text(text)
        if written is None:
            raise EditError(f'"{_clip(text)}" is not a number (write it as 12, 1.5 or -3)')
        try:
            number = Decimal(written)
        except InvalidOperation:  # pragma: no cover - number_text writes decimals
            raise EditError(f'"{_clip(text)}" is not a number') from None
        if not math.isfinite(float(number)):
            raise EditError("this number is too large")
        self._check_range(number)
        if self.whole:
            if number != number.to_integral_value():
                raise EditError("write a whole number")
            return int(number)
        return float(number / 100) if self.percent else float(number)

    def _check_range(self, number: Decimal) -> None:
        low = None if self.minimum is None else Decimal(repr(self.minimum))
        high = None if self.maximum is None else Decimal(repr(self.maximum))
        unit = self.unit
        if low is not None and high is not None and not low <= number <= high:
            raise EditError(
                f"write a number from {_plain_decimal(low)}{unit} to {_plain_decimal(high)}{unit}"
            )
        if low is not None and number < low:
            raise EditError(f"write a number of at least {_plain_decimal(low)}{unit}")
        if high is not None and number > high:
            raise EditError(f"write a number of at most {_plain_decimal(high)}{unit}")


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Select(Field):
    """One of a few options: (value, label) pairs."""

    kind: ClassVar[str] = "select"

    options: tuple[tuple[str, str], ...] = ()

    @property
    def default(self) -> str:
        return self.options[0][0] if self.options else ""

    def read(self, raw: Any) -> str:
        text = _text(raw)
        if text not in dict(self.options):
            known = ", ".join(label for _, label in self.options)
            raise EditError(f"choose one of: {known}")
        return text


@dataclass(frozen=True)
class Check(Field):
    """Yes or no (a checkbox)."""

    kind: ClassVar[str] = "check"

    start: bool = False

    @property
    def default(self) -> bool:
        return self.start

    def show(self, value: Any) -> bool:
        return bool(value)

    def read(self, raw: Any) -> bool:
        return bool(raw) and raw not in ("0", "false", "n")


@dataclass(frozen=True)
class Category(Text):
    """Free text; the app offers the set's categories as suggestions.  Empty: none."""

    kind: ClassVar[str] = "category"

    def show(self, value: Any) -> str:
        return value or ""

    def read(self, raw: Any) -> str | None:
        text = " ".join(super().read(raw).split())
        return text or None


@dataclass(frozen=True)
class Tags(Text):
    """Words or phrases, separated by commas."""

    kind: ClassVar[str] = "tags"

    def show(self, value: Any) -> str:
        return ", ".join(value or ())

    def read(self, raw: Any) -> tuple[str, ...]:
        tags = (" ".join(tag.split()) for tag in super().read(raw).split(","))
        return tuple(dict.fromkeys(tag for tag in tags if tag))


#: ``new_key(taken, row)``: the key of a new row, given the keys taken and the row's values.
NewKey = Callable[[Sequence[str], Mapping[str, Any]], str]


@dataclass(frozen=True)
class Rows(Field):
    """A list of rows, each with the same ``columns`` (choices with their weights and
    feedback, accepted answers, pairs, items...); rows may be added, removed and moved.

    ``key`` names a hidden column that identifies a row across edits (a choice's id): a
    new row has none until ``new_key`` makes one.  ``new_row`` is a new row's form values
    (each column's default otherwise)."""

    kind: ClassVar[str] = "rows"

    columns: tuple[Field, ...] = ()
    key: str | None = None
    new_key: NewKey | None = field(default=None, compare=False)
    min_rows: int = 0
    max_rows: int = MAX_ROWS
    row_label: str = "Row"
    add_label: str = "Add a row"
    new_row: Mapping[str, Any] = field(default_factory=dict)
    #: Does the order of the rows mean something (shown to students, or the answer)?
    orderable: bool = True

    @property
    def default(self) -> list[dict[str, Any]]:
        return [self.blank_row() for _ in range(self.min_rows)]

    def blank_row(self) -> dict[str, Any]:
        row = {column.name: column.default for column in self.columns}
        if self.key:
            row[self.key] = ""
        row.update(self.new_row)
        return row

    def show(self, value: Any) -> list[dict[str, Any]]:
        shown = []
        for row in value or ():
            cells = {column.name: column.show(row.get(column.name)) for column in self.columns}
            if self.key:
                cells[self.key] = str(row.get(self.key) or "")
            shown.append(cells)
        return shown

    def read(self, raw: Any) -> list[dict[str, Any]]:
        errors: Errors = {}
        rows = self.read_rows(raw, (), errors)
        if errors:
            raise RowErrors(errors)
        return rows

    def read_rows(self, raw: Any, path: Path, errors: Errors) -> list[dict[str, Any]]:
        """The rows' values; what is wrong goes to ``errors`` under ``path + (index,
        column)``."""
        if raw is None:
            raw = []
        if not isinstance(raw, list | tuple) or not all(isinstance(r, Mapping) for r in raw):
            add_error(errors, path, "these rows could not be read")
            return []
        noun = self.row_label.lower()
        if len(raw) > self.max_rows:
            add_error(
                errors,
                path,
                f"at most {self.max_rows} {noun} rows in the editor (this has {len(raw):,}): "
                "remove some",
            )
            return []
        rows = []
        for index, cells in enumerate(raw):
            row: dict[str, Any] = {}
            for column in self.columns:
                where = (*path, index, column.name)
                if isinstance(column, Rows):
                    row[column.name] = column.read_rows(cells.get(column.name), where, errors)
                    continue
                try:
                    row[column.name] = column.read(cells.get(column.name))
                except EditError as error:
                    add_error(errors, where, str(error))
            if self.key:
                row[self.key] = _text(cells.get(self.key)).strip()
            rows.append(row)
        if len(rows) < self.min_rows:
            add_error(errors, path, f"add at least {self.min_rows} {noun} rows")
        return self.with_keys(rows)

    def with_keys(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows, each new one (no key, or a key used above it) given a key of its own."""
        if not self.key:
            return rows
        key = self.key
        taken = [str(row[key]) for row in rows if row.get(key)]
        seen: set[str] = set()
        for row in rows:
            current = row.get(key)
            if current and current not in seen:
                seen.add(current)
                continue
            made = self.new_key(taken, row) if self.new_key else _next_number(taken)
            row[key] = made
            taken.append(made)
            seen.add(made)
        return rows


class RowErrors(EditError):
    """The problems of a list's rows, by path below the list."""

    def __init__(self, errors: Errors) -> None:
        super().__init__("; ".join(m for messages in errors.values() for m in messages))
        self.errors = errors


def add_error(errors: Errors, path: Path, message: str) -> None:
    errors.setdefault(path, []).append(message)


def _next_number(taken: Sequence[str]) -> str:
    number = len(taken) + 1
    while str(number) in taken:
        number += 1
    return str(number)


def next_letters(taken: Sequence[str], row: Mapping[str, Any] | None = None) -> str:
    """The first of a, b, c... aa, ab... not taken (a new choice's or option's id)."""
    index = 0
    while letters(index) in taken:
        index += 1
    return letters(index)


def next_number(taken: Sequence[str], row: Mapping[str, Any] | None = None) -> str:
    """The first of 1, 2, 3... not taken (a new matching item's id)."""
    return _next_number(taken)


def merge_answers(
    fields: Iterable[Field], original: Mapping[str, Any], edited: Mapping[str, Any]
) -> dict[str, Any]:
    """``original`` (a type's interchange dict) with the edited values over it.  A row
    with a key keeps what its original row had beyond the editor's columns (an ordering
    item's source quote): each edited row is laid over the original row of the same key."""
    merged = dict(original)
    for one in fields:
        if one.name not in edited:
            continue
        value = edited[one.name]
        before = original.get(one.name)
        if isinstance(one, Rows) and one.key and isinstance(before, list):
            by_key = {row.get(one.key): row for row in before if isinstance(row, Mapping)}
            value = [{**by_key.get(row.get(one.key), {}), **row} for row in value]
        merged[one.name] = value
    return merged


# ------------------------------------------------------------------------------- images


@dataclass(frozen=True)
class Files(Field):
    """The images a question's texts refer to (``Question.files``; texts name them as
    ``@@PLUGINFILE@@/<name>``).  Each row: the file's ``name``, ``keep`` (unticked: the
    file is dropped), and for a file attached in this editing only, its ``mime`` and its
    bytes in base64 (``content``; WTForms keeps ``data`` for itself).  A file the question
    already has is taken from it, so its bytes do not travel with every submit."""

    kind: ClassVar[str] = "files"

    max_rows: int = MAX_FILES

    @property
    def default(self) -> list[dict[str, Any]]:
        return []

    def show(self, value: Any) -> list[dict[str, Any]]:
        return [{"name": f.name, "keep": True, "mime": f.mime, "content": ""} for f in value or ()]

    def read(self, raw: Any) -> list[dict[str, Any]]:
        """Rows ``{"name", "keep", "file"}``: ``file`` a ``MediaFile`` for a new file, None
        for one the question has (found by name when the question is built)."""
        if raw is None:
            return []
        if not isinstance(raw, list | tuple) or not all(isinstance(r, Mapping) for r in raw):
            raise EditError("these images could not be read")
        errors: Errors = {}
        rows = []
        for index, cells in enumerate(raw):
            name = _text(cells.get("name")).strip()
            keep = Check("keep", "Keep").read(cells.get("keep"))
            data = _text(cells.get("content")).strip()
            file = None
            if data:
                try:
                    file = media.MediaFile.from_bytes(name, base64.b64decode(data, validate=True))
                except (binascii.Error, ValueError) as error:
                    add_error(errors, (index,), f"the image {name!r} could not be read: {error}")
                    continue
            rows.append({"name": name, "keep": keep, "file": file})
        if errors:
            raise RowErrors(errors)
        return rows


def kept_files(
    rows: Iterable[Mapping[str, Any]], original: Iterable[media.MediaFile]
) -> tuple[media.MediaFile, ...]:
    """The files a question keeps: each ticked row's new file, or the original's of that
    name."""
    before = {file.name: file for file in original}
    kept = []
    for row in rows:
        file = row.get("file") or before.get(row.get("name"))
        if row.get("keep") and file is not None:
            kept.append(file)
    return tuple(kept)
