"""A throwaway question type, registered by a test to show that the contract needs no other
edit: "which year?", answered with a whole number.  It claims only the JSON format."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

from question_bank import types as registry
from question_bank.types import Grade, InvalidResponse, Question
from question_bank.types.codecs import JsonCodec
from question_bank.types.editor_fields import Number

#: The templates the quizapp contract test gives the app for it (no file in the repository).
TEMPLATES = {
    "quiz/questions/year.html": (
        '<fieldset class="question"><legend class="prompt">{{ q.model.prompt }}</legend>'
        '{% if not readonly %}<input type="hidden" name="response_shape" value="one">{% endif %}'
        '<label for="year-{{ q.number }}">Year</label>'
        '<input id="year-{{ q.number }}" name="{{ field_name|default("response") }}" '
        'value="{{ value if value is not none else "" }}"></fieldset>'
    ),
    "instructor/answer_keys/year.html": "<p>The year: {{ q.year }}</p>",
}


@dataclass(frozen=True)
class Year(Question):
    type_name: ClassVar[str] = "year"
    label: ClassVar[str] = "Year"
    codecs: ClassVar[Mapping[str, Any]] = {"json": JsonCodec()}
    response_schema: ClassVar[Mapping[str, Any]] = {"type": "integer"}
    response_doc: ClassVar[str] = "a year, as a whole number"
    #: Its field in the question editor: declared here, no editor code in the app.
    editor_fields: ClassVar[tuple[Any, ...]] = (Number("year", "Year", whole=True),)

    year: int = 0

    @classmethod
    def sample(cls) -> Year:
        question = cls(id="sample-year", prompt="When did Baghouz fall?", year=2019)
        return question.replace(answer_display=question.default_answer_display())

    def parse_response(self, raw: Any) -> int:
        if isinstance(raw, str) and raw.strip().isdigit():
            return int(raw.strip())
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        raise InvalidResponse("type a year")

    def grade(self, response: Any) -> Grade:
        return Grade(1.0 if response == self.year else 0.0)

    def correct_response(self) -> int:
        return self.year

    def default_answer_display(self) -> str:
        return str(self.year)

    def _answers_to_dict(self) -> dict[str, Any]:
        return {"year": self.year}

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"year": int(data.get("year") or 0)}


@contextmanager
def registered(cls: type[Question]) -> Iterator[type[Question]]:
    """``cls`` in the registry for the duration of the block."""
    registry.register(cls)
    try:
        yield cls
    finally:
        registry.unregister(cls.type_name)
