"""The question editor's form, built from a type's editor schema
(``question_bank.types.editing``): one WTForms field builder per kind of field, so a new
question type needs no code here.

Every field is text to WTForms (a number too): the type's schema reads the texts, so a
refused form shows exactly what was typed.  A list of rows is a ``FieldList`` of
``FormField``s named ``choices-0-text``, ``choices-0-weight``...; the editor's paths are
those names (``editing.path_name``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms import Field as WtField
from wtforms import Form as WtForm
from wtforms.fields.choices import SelectChoice

from question_bank.types import Question as BankQuestion
from question_bank.types import editing
from question_bank.types.editor_fields import (
    Check,
    Errors,
    Field,
    Files,
    Number,
    Path,
    Rows,
    Select,
    Text,
)


class EditorForm(FlaskForm):
    """The fields of a type's editor are added by ``form_class``; every editor has the
    image to attach (read by the view, then kept in the ``files`` rows)."""

    image_upload = FileField(
        "Attach an image",
        description="PNG, JPEG, GIF or WebP, at most 2 MiB.",
        render_kw={"accept": "image/png,image/jpeg,image/gif,image/webp"},
    )
    image_alt = StringField(
        "What the image shows",
        description="Its alt text: read to those who cannot see it. Required with an image.",
    )


def _text(spec: Field) -> WtField:
    assert isinstance(spec, Text)
    render: dict[str, Any] = {}
    if spec.placeholder:
        render["placeholder"] = spec.placeholder
    if spec.lines > 1:
        render["rows"] = spec.lines
        return TextAreaField(spec.label, description=spec.help, render_kw=render)
    return StringField(spec.label, description=spec.help, render_kw=render)


def _number(spec: Field) -> WtField:
    assert isinstance(spec, Number)
    mode = "numeric" if spec.whole and (spec.minimum or 0) >= 0 else "decimal"
    render = {"inputmode": mode, "autocomplete": "off", "spellcheck": "false"}
    return StringField(spec.label, description=spec.help, render_kw=render)


def _select(spec: Field) -> WtField:
    assert isinstance(spec, Select)
    choices = [SelectChoice(value, label) for value, label in spec.options]
    # The schema says what is wrong with a value that is not an option, beside the field.
    return SelectField(spec.label, choices=choices, validate_choice=False, description=spec.help)


def _check(spec: Field) -> WtField:
    assert isinstance(spec, Check)
    return BooleanField(spec.label, description=spec.help)


def _rows(spec: Field) -> WtField:
    assert isinstance(spec, Rows)
    columns = {column.name: build(column) for column in spec.columns}
    if spec.key:
        columns[spec.key] = HiddenField()
    row_form = type(f"{spec.name.title()}Row", (WtForm,), columns)
    return FieldList(
        FormField(row_form, label=spec.row_label),
        label=spec.label,
        description=spec.help,
        min_entries=0,
        max_entries=spec.max_rows,
    )


class FileRow(WtForm):
    """One image of the question: its name, kept or not; a new one's type and bytes."""

    name = HiddenField()
    mime = HiddenField()
    content = HiddenField()  # not "data": a form keeps that name for its values
    keep = BooleanField("Keep")


def _files(spec: Field) -> WtField:
    assert isinstance(spec, Files)
    return FieldList(
        FormField(FileRow), label=spec.label, description=spec.help, max_entries=spec.max_rows
    )


#: One builder per kind of field (``Field.kind``).
BUILDERS: dict[str, Callable[[Field], WtField]] = {
    "text": _text,
    "rich_text": _text,
    "category": _text,
    "tags": _text,
    "number": _number,
    "select": _select,
    "check": _check,
    "rows": _rows,
    "files": _files,
}


def build(spec: Field) -> WtField:
    """The WTForms field of one editor field."""
    builder = BUILDERS.get(spec.kind)
    if builder is None:
        raise LookupError(f"the editor has no builder for {spec.kind!r} fields ({spec.name})")
    return builder(spec)


@cache
def form_class(question_type: type[BankQuestion]) -> type[EditorForm]:
    """The editor's form class for a question type (made once per type)."""
    fields = {spec.name: build(spec) for spec in editing.schema(question_type)}
    return type(f"{question_type.__name__}EditorForm", (EditorForm,), fields)


def values_of(form: EditorForm, question_type: type[BankQuestion]) -> dict[str, Any]:
    """The form values (``editing.read_form``'s input) of a submitted form."""
    return {spec.name: form[spec.name].data for spec in editing.schema(question_type)}


# ------------------------------------------------------------------ what a form may send

_FIELD_NAME = re.compile(r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*")
_LONG_NUMBER = re.compile(r"\d{10}")


def usable_formdata(formdata: MultiDict) -> MultiDict:
    """The form's fields that the editor could have sent: ASCII names, row numbers of at
    most nine digits.  WTForms reads ``choices-<n>-...`` with ``int()``, which fails on a
    number of thousands of digits or a non-ASCII digit; such fields are dropped."""
    return MultiDict(
        (key, value)
        for key, value in formdata.items(multi=True)
        if len(key) <= 200 and _FIELD_NAME.fullmatch(key) and not _LONG_NUMBER.search(key)
    )


# ------------------------------------------------------------------ too many rows sent


def _indices(keys: Iterable[str], prefix: str) -> list[int]:
    pattern = re.compile(re.escape(prefix) + r"-(\d+)-")
    return sorted({int(m.group(1)) for key in keys if (m := pattern.match(key))})


def _overflow(spec: Rows | Files, prefix: str, path: Path, keys: list[str], errors: Errors) -> None:
    indices = _indices(keys, prefix)
    if len(indices) > spec.max_rows:
        noun = spec.row_label.lower() if isinstance(spec, Rows) else "image"
        errors.setdefault(path, []).append(
            f"at most {spec.max_rows} {noun} rows in the editor: the form sent {len(indices):,} "
            f"(the first {spec.max_rows} are shown); remove some"
        )
    kept = indices[: spec.max_rows]
    if isinstance(spec, Files):
        return
    for position, index in enumerate(kept):
        for column in spec.columns:
            if isinstance(column, Rows):
                where = (*path, position, column.name)
                _overflow(column, f"{prefix}-{index}-{column.name}", where, keys, errors)


def row_overflow(question_type: type[BankQuestion], keys: Iterable[str]) -> Errors:
    """Lists a form sent with more rows than the editor keeps: WTForms would drop the rest
    without a word, so the editor says it and saves nothing."""
    names = list(keys)
    errors: Errors = {}
    for spec in editing.schema(question_type):
        if isinstance(spec, Rows | Files):
            _overflow(spec, spec.name, (spec.name,), names, errors)
    return errors


def error_names(errors: Mapping[Path, list[str]]) -> dict[str, list[str]]:
    """The problems by the name of the field they concern ("" for the question)."""
    return {editing.path_name(path): list(messages) for path, messages in errors.items()}
