"""The question editor's form as a browser sends it, for page tests: the editor's form values
(``question_bank.types.editing``) flattened into WTForms's field names."""

from __future__ import annotations

from typing import Any

from question_bank.types import Question, editing


def form_data(values: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """``{"choices": [{"text": "A"}]}`` -> ``{"choices-0-text": "A"}``; a check that is off
    is left out, as a browser leaves it."""
    data: dict[str, str] = {}
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, list):
            for index, row in enumerate(value):
                data.update(form_data(row, f"{name}-{index}-"))
        elif isinstance(value, bool):
            if value:
                data[name] = "y"
        else:
            data[name] = "" if value is None else str(value)
    return data


def question_form(question: Question, action: str = "save", **changes: Any) -> dict[str, str]:
    """The editor's form for ``question`` as it opens, with ``changes`` to the form values,
    sent with the button ``action``."""
    values = editing.form_values(question)
    values.update(changes)
    return {**form_data(values), "action": action}


def editor_path(set_id: int, row_id: int, page: str = "edit") -> str:
    return f"/instructor/sets/{set_id}/questions/{row_id}/{page}"
