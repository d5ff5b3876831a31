"""Multiple choice: one answer to pick among weighted choices (Moodle's ``multichoice`` with
``<single>true``).  The chosen choice's weight is the score (1 right, 0 wrong, partial
between); GIFT ``{=right ~wrong ~%50%half}``; Aiken writes the ones with a single right
choice and no partial credit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from question_bank import card_rules
from question_bank.types._choice import (
    JSON_CHOICES,
    MULTICHOICE_XML,
    ChoiceQuestion,
    choice_id,
    gift_choice_lines,
)
from question_bank.types.base import (
    Grade,
    InvalidResponse,
    Problem,
    Question,
    Rename,
    clamp01,
    rename_scalar,
)
from question_bank.types.values import Choice, Source


class _Gift:
    constructs = ("choice",)

    def read(self, construct: Any) -> Question:
        return construct.build(MultipleChoice, choices=construct.values["choices"])

    def write(self, question: MultipleChoice, writer: Any) -> str:
        return writer.escape(question.prompt) + writer.block(gift_choice_lines(question, writer))


class _Aiken:
    """Aiken holds a single right option (100%), the others at 0%, up to 26 options."""

    def read(self, prompt: str, options: list[tuple[str, str]], answer: str, qid: str) -> Question:
        choices = tuple(
            Choice(id=letter, text=text, weight=1.0 if letter == answer else 0.0)
            for letter, text in options
        )
        question = MultipleChoice(id=qid, prompt=prompt, choices=choices)
        return question.replace(answer_display=question.default_answer_display())

    def options(self, question: MultipleChoice) -> tuple[list[str], int] | None:
        """The option texts and the index of the right one, or None if Aiken cannot say it."""
        if question.problems() or len(question.choices) > 26:
            return None
        right = [i for i, c in enumerate(question.choices) if c.weight >= 1 - 1e-9]
        others_zero = all(
            abs(c.weight) < 1e-9 for i, c in enumerate(question.choices) if i not in right
        )
        if len(right) != 1 or not others_zero:
            return None
        return [c.text for c in question.choices], right[0]


@dataclass(frozen=True)
class MultipleChoice(ChoiceQuestion):
    """One answer to pick; each choice has a weight (1 right, 0 wrong, between partial)."""

    type_name: ClassVar[str] = "multiple_choice"
    label: ClassVar[str] = "Multiple choice"
    summary: ClassVar[str] = "One answer to pick among choices, some worth part of the marks."
    codecs: ClassVar[Mapping[str, Any]] = {
        "gift": _Gift(),
        "moodlexml": MULTICHOICE_XML,
        "json": JSON_CHOICES,
        "aiken": _Aiken(),
    }
    response_schema: ClassVar[Mapping[str, Any]] = {"type": "string"}
    response_doc: ClassVar[str] = "the chosen choice id"

    def card_front(self) -> str:
        """The prompt as a recall question: what it says about picking among the options is
        left out, since the card does not show them (``card_rules.recall_front``)."""
        return card_rules.recall_front(self.prompt)

    @classmethod
    def sample(cls) -> MultipleChoice:
        question = cls(
            id="sample-multiple-choice",
            title="Last stronghold",
            prompt="Where did ISIS make its last stand in Syria?",
            category="place",
            tags=("battle",),
            general_feedback="Baghouz is in Deir ez-Zor province.",
            source=Source("in Baghouz", 10, 20),
            card_id="card-baghouz",
            choices=(
                Choice("a", "Raqqa", 0.0, "Raqqa fell in 2017."),
                Choice("b", "Baghouz", 1.0, "Yes."),
                Choice("c", "Mosul", 0.0),
                Choice("d", "Hajin", 0.0, "Hajin fell in December 2018."),
            ),
        )
        return question.replace(answer_display=question.default_answer_display())

    def parse_response(self, raw: Any) -> str:
        chosen = choice_id(raw)
        if self.choice(chosen) is None:
            raise InvalidResponse(f"there is no choice {chosen!r} in this question")
        return chosen

    def renamed_response(self, response: Any, rename: Rename) -> Any:
        return rename_scalar(response, "choice", rename)

    def grade(self, response: Any) -> Grade:
        chosen = self.choice(str(response)) if response is not None else None
        if chosen is None:
            return Grade(0.0, ())
        return Grade(clamp01(chosen.weight), (chosen.feedback,) if chosen.feedback else ())

    def correct_response(self) -> str:
        return max(self.choices, key=lambda c: c.weight).id

    def full_mark_texts(self) -> list[str]:
        return [c.text for c in self.choices if c.weight >= 1 - 1e-9]

    def problems(self) -> list[str]:
        found = super().problems()
        if self.choices and max(c.weight for c in self.choices) < 1 - 1e-9:
            found.append(Problem("no choice is marked correct (100%)", "choices"))
        return found
