"""Description: text shown between questions (Moodle's ``description``); it has no answer
and no mark.  In GIFT, a paragraph with no answer block."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from question_bank.types.base import Grade, Question
from question_bank.types.codecs import JsonCodec


class _Gift:
    constructs = ("text",)

    def read(self, construct: Any) -> Question:
        return construct.build(Description)

    def write(self, question: Question, writer: Any) -> str:
        return writer.escape(question.prompt)


class _MoodleXml:
    qtypes = ("description",)

    def read(self, element: Any, common: dict[str, Any], reader: Any) -> Question:
        return Description(**{**common, "points": 0.0})  # a description is worth nothing

    def qtype(self, question: Question) -> str:
        return "description"

    def prompt(self, question: Question, writer: Any) -> str:
        return question.prompt

    def write(self, question: Question, element: Any, writer: Any) -> None:
        return None

    def extension(self, question: Question, extra: Any, writer: Any) -> None:
        return None


@dataclass(frozen=True)
class Description(Question):
    """Text shown between questions; it has no answer and no mark."""

    type_name: ClassVar[str] = "description"
    label: ClassVar[str] = "Description"
    summary: ClassVar[str] = "Text shown between questions, with nothing to answer."
    gradable: ClassVar[bool] = False
    answerable: ClassVar[bool] = False
    codecs: ClassVar[Mapping[str, Any]] = {
        "gift": _Gift(),
        "moodlexml": _MoodleXml(),
        "json": JsonCodec(),
    }
    response_schema: ClassVar[Mapping[str, Any]] = {"type": "null"}
    response_doc: ClassVar[str] = "nothing (it is not answered)"
    editor_prompt_help: ClassVar[str] = "The text shown between questions: nothing to answer."

    #: A description is worth nothing (Moodle gives it a default mark of 0).
    points: float = 0.0

    @classmethod
    def sample(cls) -> Description:
        return cls(
            id="sample-description",
            title="The last battle",
            prompt="The next questions are about the battle for *Baghouz*.",
            text_format="markdown",
            tags=("battle",),
        )

    def grade(self, response: Any) -> Grade:
        return Grade(0.0, (), graded=False)

    def default_answer_display(self) -> str:
        return ""
