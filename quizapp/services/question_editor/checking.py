"""The editor's form checked without the database: the type's editor schema reads the
values and the type's ``problems()`` judge the question (``editing.read_form``), then the
rules of storage that an import follows too (``imports.unstorable``, the category's
length), each by the field it concerns."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from question_bank.types import editing
from question_bank.types.editing import Edited, Errors, Path
from quizapp.services.errors import ValidationFailed
from quizapp.services.imports import MAX_CATEGORY, unstorable
from quizapp.services.question_editor.opening import EditorTarget

#: The id a new question has until it is saved (``saving`` gives it its own).
NEW_ID = "new-question"


class EditRejected(ValidationFailed):
    """A form that cannot be saved: ``edited`` holds every problem, by field."""

    code = "question_rejected"

    def __init__(self, edited: Edited) -> None:
        self.edited = edited
        count = len(edited.messages())
        super().__init__(
            f"The question was not saved: {count} problem{'s' if count != 1 else ''} to fix."
        )


def _texts(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts(item, (*path, str(key)))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def storage_errors(values: Mapping[str, Any]) -> Errors:
    """Texts the database cannot hold (a NUL character, a lone surrogate), by path."""
    errors: Errors = {}
    for path, text in _texts(values, ()):
        reason = unstorable(text)
        if reason:
            errors.setdefault(path, []).append(f"this text {reason}: retype it")
    return errors


def check(target: EditorTarget, values: Mapping[str, Any]) -> Edited:
    """The question the form describes and every problem that keeps it from being saved."""
    edited = editing.read_form(
        target.question_type, values, original=target.question, question_id=NEW_ID
    )
    errors = storage_errors(values)
    category = " ".join(str(values.get("category") or "").split())
    if len(category) > MAX_CATEGORY:
        errors.setdefault(("category",), []).append(
            f"at most {MAX_CATEGORY} characters (this has {len(category)}): shorten it"
        )
    for path, messages in edited.errors.items():
        found = errors.setdefault(path, [])
        found.extend(message for message in messages if message not in found)
    return Edited(edited.question, errors)
