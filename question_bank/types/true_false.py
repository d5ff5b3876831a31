"""True/false: a statement to judge (Moodle's ``truefalse``).  Its choices are always
``true`` and ``false``, True first, never shuffled, and shown as they are (they say what
the buttons say, whichever is right); each may carry the feedback shown to a student who
picks it.  GIFT ``{T}``, ``{FALSE#wrong answer's feedback#right one's}``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from question_bank.types._choice import JSON_CHOICES, ChoiceQuestion
from question_bank.types.base import InvalidResponse, Problem, Question
from question_bank.types.editor_fields import Select, Text
from question_bank.types.multiple_choice import MultipleChoice
from question_bank.types.values import Choice

if TYPE_CHECKING:
    from question_bank.sets import Card


class _Gift:
    constructs = ("true_false",)

    def read(self, construct: Any) -> Question:
        answer = construct.values["answer"]
        wrong, right = construct.values["fb"]
        feedback_true, feedback_false = (right, wrong) if answer else (wrong, right)
        return construct.build(
            TrueFalse,
            make=TrueFalse.make,
            answer=answer,
            feedback_true=feedback_true,
            feedback_false=feedback_false,
        )

    def write(self, question: TrueFalse, writer: Any) -> str:
        answer = question.answer
        true_choice, false_choice = question.choice("true"), question.choice("false")
        right = (true_choice if answer else false_choice) or Choice("", "")
        wrong = (false_choice if answer else true_choice) or Choice("", "")
        written = "TRUE" if answer else "FALSE"
        if wrong.feedback or right.feedback:
            written += "#" + writer.text(wrong.feedback)
        if right.feedback:
            written += "#" + writer.text(right.feedback)
        return writer.escape(question.prompt) + writer.inline_block(written)


class _MoodleXml:
    qtypes = ("truefalse",)

    def read(self, element: Any, common: dict[str, Any], reader: Any) -> Question:
        default_format = reader.default_format(common)
        answers = element.findall("answer")
        if len(answers) != 2:
            raise reader.error(
                f"a true/false question has two answers (true and false), not {len(answers)}",
                element,
            )
        found: dict[str, tuple[float, str]] = {}
        for position, answer in enumerate(answers):
            text = (reader.child_text(answer) or "").lower()
            if text not in ("true", "false"):
                text = "true" if position == 0 else "false"  # old files: true comes first
            if text in found:
                raise reader.error(f'the answer "{text}" appears twice', answer)
            found[text] = (reader.fraction(answer), reader.feedback(answer, default_format))
        true_weight, true_feedback = found["true"]
        false_weight, false_feedback = found["false"]
        if true_weight < 1 - 1e-9 and false_weight < 1 - 1e-9:
            raise reader.error(
                'neither "true" nor "false" has fraction="100", so no answer is right', element
            )
        return TrueFalse.make(
            answer=true_weight >= 1 - 1e-9,
            feedback_true=true_feedback,
            feedback_false=false_feedback,
            **common,
        )

    def qtype(self, question: Question) -> str:
        return "truefalse"

    def prompt(self, question: Question, writer: Any) -> str:
        return question.prompt

    def write(self, question: TrueFalse, element: Any, writer: Any) -> None:
        for choice_id in ("true", "false"):
            choice = question.choice(choice_id)
            weight = 1.0 if choice is not None and choice.weight > 0 else 0.0
            feedback = choice.feedback if choice is not None else ""
            writer.answer(element, weight, choice_id, feedback, "moodle_auto_format")

    def extension(self, question: Question, extra: Any, writer: Any) -> None:
        return None


@dataclass(frozen=True)
class TrueFalse(ChoiceQuestion):
    """A statement to judge.  Its choices are always ``true`` and ``false``."""

    type_name: ClassVar[str] = "true_false"
    label: ClassVar[str] = "True/false"
    summary: ClassVar[str] = "A statement to judge true or false."
    #: True comes before False in every attempt.
    shuffled_keys: ClassVar[tuple[str, ...]] = ()
    #: Its choices are the words True and False; their feedback may show an image.
    image_texts: ClassVar[tuple[str, ...]] = (*Question.image_texts, "choices.feedback")
    codecs: ClassVar[Mapping[str, Any]] = {
        "gift": _Gift(),
        "moodlexml": _MoodleXml(),
        "json": JSON_CHOICES,
    }
    response_schema: ClassVar[Mapping[str, Any]] = {"type": "string", "enum": ["true", "false"]}
    response_doc: ClassVar[str] = '"true" or "false"'
    editor_prompt_help: ClassVar[str] = "A statement that is true or false."
    editor_fields: ClassVar[tuple[Any, ...]] = (
        Select("answer", "The statement is", options=(("true", "True"), ("false", "False"))),
        Text("feedback_true", "Feedback for True", help="Optional: shown to who answers True."),
        Text("feedback_false", "Feedback for False", help="Optional: shown to who answers False."),
    )

    def card(self) -> Card | None:
        """None: a card would answer "True" or "False", which teaches the word, not the fact
        (``question_bank.card_rules``).  Write the fact as a card or a cloze instead."""
        return None

    @classmethod
    def make(
        cls,
        *,
        answer: bool,
        feedback_true: str = "",
        feedback_false: str = "",
        **common: Any,
    ) -> TrueFalse:
        choices = (
            Choice("true", "True", 1.0 if answer else 0.0, feedback_true),
            Choice("false", "False", 0.0 if answer else 1.0, feedback_false),
        )
        return cls(choices=choices, **common)

    @classmethod
    def sample(cls) -> TrueFalse:
        question = cls.make(
            id="sample-true-false",
            prompt="The SDF launched its offensive along the Euphrates in September 2018.",
            category="date",
            general_feedback="The offensive restarted late in February.",
            answer=True,
            feedback_true="Right: September 2018.",
            feedback_false="It was September 2018.",
        )
        return question.replace(answer_display=question.default_answer_display())

    def editor_answers(self) -> dict[str, Any]:
        true_choice, false_choice = self.choice("true"), self.choice("false")
        return {
            "answer": "true" if self.answer else "false",
            "feedback_true": true_choice.feedback if true_choice else "",
            "feedback_false": false_choice.feedback if false_choice else "",
        }

    @classmethod
    def answers_from_editor(
        cls, values: Mapping[str, Any], original: Question | None
    ) -> dict[str, Any]:
        made = cls.make(
            id="",
            prompt="",
            answer=values["answer"] == "true",
            feedback_true=values["feedback_true"],
            feedback_false=values["feedback_false"],
        )
        return {"choices": made.choices}

    @property
    def answer(self) -> bool:
        true_choice = self.choice("true")
        return bool(true_choice and true_choice.weight > 0)

    def shuffled(self, rng: Any, *, shuffle_answers: bool = True) -> Question:
        return self  # True comes before False

    def public_ids(self) -> dict[str, list[str]]:
        return {}  # "true" and "false" say what the buttons say, nothing more

    def parse_response(self, raw: Any) -> str:
        if isinstance(raw, bool):
            return "true" if raw else "false"
        if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
            return raw.strip().lower()
        raise InvalidResponse('answer "true" or "false"')

    grade = MultipleChoice.grade
    correct_response = MultipleChoice.correct_response

    def problems(self) -> list[str]:
        found = Question.problems(self)
        if sorted(c.id for c in self.choices) != ["false", "true"]:
            found.append(
                Problem(
                    'a true/false question has exactly the choices "true" and "false"', "answer"
                )
            )
        elif sum(1 for c in self.choices if c.weight >= 1 - 1e-9) != 1:
            found.append(
                Problem("exactly one of true and false must be marked correct (100%)", "answer")
            )
        return found
