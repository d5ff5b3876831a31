"""What the choice types share (multiple choice, multiple response, true/false): their
choices, public form, checks, per-attempt shuffling, and Moodle's ``multichoice`` codec."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from question_bank.rendering import text_label
from question_bank.types.base import ID_TEXT_LIST, InvalidResponse, Problem, Question, Rename
from question_bank.types.codecs import JsonCodec
from question_bank.types.editor_fields import Number, Rows, Text, next_letters
from question_bank.types.values import Choice, check_choice

JSON_CHOICES = JsonCodec(lists={"choices": check_choice})

#: A choice question's choices in the editor: text, grade (as a percentage) and feedback.
CHOICE_ROWS = Rows(
    "choices",
    "Choices",
    help="The grade is the share of the marks a choice earns: 100 for the right one, 0 for a "
    "wrong one, between for partly right; negative takes marks off (multiple response).",
    columns=(
        Text("text", "Text", required=True),
        Number("weight", "Grade", percent=True, minimum=-100, maximum=100, start=0.0),
        Text("feedback", "Feedback", help="Optional: shown to a student who picks it."),
    ),
    key="id",
    new_key=next_letters,
    min_rows=2,
    row_label="Choice",
    add_label="Add a choice",
)


def choice_id(raw: Any) -> str:
    """A choice id as a client sent it (a string, or a number)."""
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise InvalidResponse("choose one of the options")
    return str(raw)


@dataclass(frozen=True)
class ChoiceQuestion(Question):
    """A question answered by picking among ``choices``, each with a weight (1 is right)."""

    answer_keys: ClassVar[tuple[str, ...]] = ("choices",)
    shuffled_keys: ClassVar[tuple[str, ...]] = ("choices",)
    image_texts: ClassVar[tuple[str, ...]] = (
        *Question.image_texts,
        "choices.text",
        "choices.feedback",
    )
    public_properties: ClassVar[Mapping[str, Any]] = {
        "choices": {**ID_TEXT_LIST, "description": "In the order shown"}
    }
    public_required: ClassVar[tuple[str, ...]] = ("choices",)
    #: True when one choice is picked (Moodle's ``<single>``), False when several may be.
    single_answer: ClassVar[bool] = True
    editor_fields: ClassVar[tuple[Any, ...]] = (CHOICE_ROWS,)

    choices: tuple[Choice, ...] = ()

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    def _answers_to_dict(self) -> dict[str, Any]:
        return {"choices": [c.to_dict() for c in self.choices]}

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {"choices": tuple(Choice.from_dict(c) for c in data.get("choices") or ())}

    def public_dict(self) -> dict[str, Any]:
        data = super().public_dict()
        data["choices"] = [{"id": c.id, "text": c.text} for c in self.choices]
        return data

    def public_ids(self) -> dict[str, list[str]]:
        return {"choice": [c.id for c in self.choices]}

    def renamed(self, rename: Rename) -> Question:
        if "choice" not in self.public_ids():
            return self
        return self.replace(
            choices=tuple(replace(c, id=rename("choice", c.id)) for c in self.choices)
        )

    def shuffled(self, rng: random.Random, *, shuffle_answers: bool = True) -> Question:
        if not shuffle_answers:
            return self
        choices = list(self.choices)
        rng.shuffle(choices)
        return self.replace(choices=tuple(choices))

    def problems(self) -> list[str]:
        found = super().problems()
        ids = [c.id for c in self.choices]
        if len(set(ids)) != len(ids):
            found.append(Problem("two choices share the same id", "choices"))
        if len(self.choices) < 2:
            found.append(Problem("a choice question needs at least two choices", "choices"))
        return found

    def default_answer_display(self) -> str:
        """The right choices as plain text (an image-only choice by its description)."""
        full = [c for c in self.choices if c.weight >= 1 - 1e-9]
        said = full or [c for c in self.choices if c.weight > 0]
        return "; ".join(text_label(c.text, c.text_format) for c in said)


def gift_choice_lines(question: ChoiceQuestion, writer: Any) -> list[str]:
    """GIFT's answers of a choice question: ``=`` for the right one of a single-answer
    question (which keeps it single), ``~%n%`` for the others, as Moodle writes them
    (Moodle reads any ``=`` answer as 100%)."""
    lines = []
    for choice in question.choices:
        if question.single_answer and abs(choice.weight - 1) <= 1e-9:
            written = writer.answer("=", choice.weight, 1.0, choice.text)
        else:
            written = writer.answer("~", choice.weight, 0.0, choice.text)
        lines.append(written + writer.feedback(choice.feedback))
    return lines


class MultichoiceXml:
    """Moodle's ``multichoice``: ``<single>true</single>`` is a multiple choice question,
    ``false`` a multiple response one.  Choice ids other than a, b, c... travel in
    ``<quizapp><choice id="..."/>``."""

    qtypes = ("multichoice",)

    def read(self, element: Any, common: dict[str, Any], reader: Any) -> Question:
        from question_bank import types as registry

        single_text = (reader.child_text(element, "single") or "true").strip().lower()
        single = single_text not in ("false", "0", "")
        default_format = reader.default_format(common)
        answers = element.findall("answer")
        ids = reader.extension_attributes(element, "choice", "id")
        if len(ids) != len(answers) or len(set(ids)) != len(ids) or not all(ids):
            ids = [reader.letter_id(index) for index in range(len(answers))]
        choices = []
        for choice_id_, answer in zip(ids, answers, strict=True):
            # A choice that is (or holds) an image keeps its HTML, never blank; others are
            # plain text.
            text, text_format = reader.rich(*reader.text_and_format(answer, ".", default_format))
            choices.append(
                Choice(
                    id=choice_id_,
                    text=text,
                    weight=reader.fraction(answer),
                    feedback=reader.feedback(answer, default_format),
                    text_format=text_format,
                )
            )
        name = "multiple_choice" if single else "multiple_response"
        cls = registry.QUESTION_TYPES.get(name)
        if cls is None:
            raise reader.error(
                f"multichoice questions with <single>{single_text}</single> are not supported",
                element,
            )
        return cls(choices=tuple(choices), **common)

    def qtype(self, question: Question) -> str:
        return "multichoice"

    def prompt(self, question: Question, writer: Any) -> str:
        return question.prompt

    def write(self, question: ChoiceQuestion, element: Any, writer: Any) -> None:
        writer.value(element, "single", "true" if question.single_answer else "false")
        writer.value(element, "shuffleanswers", "true")
        writer.value(element, "answernumbering", "abc")
        for choice in question.choices:
            moodle_format = "html" if choice.text_format == "html" else "plain_text"
            writer.answer(element, choice.weight, choice.text, choice.feedback, moodle_format)

    def extension(self, question: ChoiceQuestion, extra: Any, writer: Any) -> None:
        if not writer.positional(c.id for c in question.choices):
            for choice in question.choices:
                writer.empty(extra, "choice", id=choice.id)


MULTICHOICE_XML = MultichoiceXml()
