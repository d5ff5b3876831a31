"""Essay: a free text answer that a person marks (Moodle's ``essay``); it is never graded
automatically and does not count in the score.  GIFT ``{}``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from question_bank.types.base import Grade, Question, text_response
from question_bank.types.codecs import JsonCodec


class _Gift:
    constructs = ("essay",)

    def read(self, construct: Any) -> Question:
        return construct.build(Essay)

    def write(self, question: Question, writer: Any) -> str:
        return writer.escape(question.prompt) + writer.inline_block("")


class _MoodleXml:
    qtypes = ("essay",)

    def read(self, element: Any, common: dict[str, Any], reader: Any) -> Question:
        return Essay(**common)

    def qtype(self, question: Question) -> str:
        return "essay"

    def prompt(self, question: Question, writer: Any) -> str:
        return question.prompt

    def write(self, question: Question, element: Any, writer: Any) -> None:
        writer.value(element, "responseformat", "editor")
        writer.value(element, "responserequired", "1")
        writer.value(element, "responsefieldlines", "15")
        writer.value(element, "attachments", "0")
        writer.value(element, "attachmentsrequired", "0")

    def extension(self, question: Question, extra: Any, writer: Any) -> None:
        return None


@dataclass(frozen=True)
class Essay(Question):
    """A free text answer that a person marks; never graded automatically."""

    type_name: ClassVar[str] = "essay"
    label: ClassVar[str] = "Essay"
    summary: ClassVar[str] = "A written answer that you mark yourself."
    gradable: ClassVar[bool] = False
    codecs: ClassVar[Mapping[str, Any]] = {
        "gift": _Gift(),
        "moodlexml": _MoodleXml(),
        "json": JsonCodec(),
    }
    response_schema: ClassVar[Mapping[str, Any]] = {"type": "string"}
    response_doc: ClassVar[str] = "a string"

    @classmethod
    def sample(cls) -> Essay:
        return cls(
            id="sample-essay",
            title="Why it matters",
            prompt="Why is the loss of territory not the end of ISIS?\nGive two reasons.",
            tags=("analysis",),
            general_feedback="It existed longer without territory than with it.",
        )

    def parse_response(self, raw: Any) -> str:
        return text_response(raw, limit=20000)

    def grade(self, response: Any) -> Grade:
        return Grade(0.0, (), graded=False)

    def default_answer_display(self) -> str:
        return ""
