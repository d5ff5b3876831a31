"""Multiple response: several answers to pick (Moodle's ``multichoice`` with
``<single>false``).  The weights of the chosen choices add up, clamped to 0..1, so a wrong
choice with a negative weight takes marks off; GIFT ``{~%50%a ~%50%b ~%-100%c}``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from question_bank.types._choice import (
    JSON_CHOICES,
    MULTICHOICE_XML,
    ChoiceQuestion,
    choice_id,
    gift_choice_lines,
)
from question_bank.types.base import (
    CodecError,
    Grade,
    InvalidResponse,
    Problem,
    Question,
    Rename,
    clamp01,
    rename_scalar,
)
from question_bank.types.values import Choice

if TYPE_CHECKING:
    from question_bank.sets import Card


class _Gift:
    constructs = ("choices",)

    def read(self, construct: Any) -> Question:
        choices = construct.values["choices"]
        if not any(choice.weight > 0 for choice in choices):
            raise CodecError(
                "no answer is marked right: mark the right one with '=', or give the right "
                "ones weights such as ~%50%"
            )
        return construct.build(MultipleResponse, choices=choices)

    def write(self, question: MultipleResponse, writer: Any) -> str:
        return writer.escape(question.prompt) + writer.block(gift_choice_lines(question, writer))


@dataclass(frozen=True)
class MultipleResponse(ChoiceQuestion):
    """Several answers to pick: the weights of the chosen ones add up, clamped to 0..1."""

    type_name: ClassVar[str] = "multiple_response"
    label: ClassVar[str] = "Multiple response"
    summary: ClassVar[str] = "Several answers to pick; the grades of the chosen ones add up."
    single_answer: ClassVar[bool] = False
    codecs: ClassVar[Mapping[str, Any]] = {
        "gift": _Gift(),
        "moodlexml": MULTICHOICE_XML,
        "json": JSON_CHOICES,
    }
    response_schema: ClassVar[Mapping[str, Any]] = {"type": "array", "items": {"type": "string"}}
    response_doc: ClassVar[str] = "a list of choice ids"

    def card(self) -> Card | None:
        """None: its answer is a set of choices, and a set is no fact to recall on one card
        (without the options, "Choose all that apply" has nothing to choose from)."""
        return None

    @classmethod
    def sample(cls) -> MultipleResponse:
        question = cls(
            id="sample-multiple-response",
            title="Who fought",
            prompt="Which forces fought ISIS in **Baghouz**?",
            text_format="markdown",
            category="actor",
            tags=("battle", "forces"),
            choices=(
                Choice("a", "The SDF", 0.5, "Kurdish-led."),
                Choice("b", "The US-led coalition", 0.5),
                Choice("c", "NATO", -1.0, "Not as NATO."),
            ),
        )
        return question.replace(answer_display=question.default_answer_display())

    def parse_response(self, raw: Any) -> list[str]:
        if not isinstance(raw, list | tuple):
            raise InvalidResponse("send a list of the chosen options")
        chosen = [choice_id(item) for item in raw]
        for one in chosen:
            if self.choice(one) is None:
                raise InvalidResponse(f"there is no choice {one!r} in this question")
        if len(set(chosen)) != len(chosen):
            raise InvalidResponse("an option was chosen twice")
        return sorted(chosen, key=[c.id for c in self.choices].index)

    def renamed_response(self, response: Any, rename: Rename) -> Any:
        if not isinstance(response, list | tuple):
            return response
        return [rename_scalar(item, "choice", rename) for item in response]

    def grade(self, response: Any) -> Grade:
        if not isinstance(response, list | tuple):
            return Grade(0.0)
        # Each choice counts once, however often a (malformed) response names it.
        chosen = [self.choice(cid) for cid in dict.fromkeys(str(cid) for cid in response)]
        picked = [c for c in chosen if c is not None]
        feedback = tuple(c.feedback for c in picked if c.feedback)
        return Grade(clamp01(sum(c.weight for c in picked)), feedback)

    def correct_response(self) -> list[str]:
        return [c.id for c in self.choices if c.weight > 0]

    def full_mark_texts(self) -> list[str]:
        return [c.text for c in self.choices if c.weight > 0]

    def problems(self) -> list[str]:
        found = super().problems()
        # As Moodle's multichoice: the positive grades add up to 100%, neither less nor more
        # (to two places: three answers of 33.33333% are fine).
        if self.choices and round(sum(c.weight for c in self.choices if c.weight > 0), 2) != 1:
            found.append(
                Problem(
                    "the positive weights of the right choices do not add up to 100%", "choices"
                )
            )
        return found
