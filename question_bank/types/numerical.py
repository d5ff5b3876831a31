"""Numerical: a number, right within a tolerance (Moodle's ``numerical``; units are not
read).  The best weight among the answers whose range holds the number; GIFT ``{#12:0.5}``,
``{#1..5}`` (its midpoint plus or minus half its width), ``{#=%50%12:2 ...}``.  A number no
answer holds gets ``other_feedback`` (and ``other_weight``): Moodle's catch-all, GIFT's
``~#feedback`` and Moodle XML's ``*`` answer."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from question_bank import grading
from question_bank.types.base import Grade, InvalidResponse, Problem, Question, clamp01
from question_bank.types.codecs import JsonCodec
from question_bank.types.editor_fields import Number, Rows, Text
from question_bank.types.values import NumericAnswer, check_numeric


class _Gift:
    constructs = ("numerical",)

    def read(self, construct: Any) -> Question:
        return construct.build(
            Numerical,
            numeric=construct.values["numeric"],
            other_feedback=construct.values.get("other_feedback", ""),
        )

    def write(self, question: Numerical, writer: Any) -> str:
        lines = []
        for answer in question.numeric:
            weight = "" if answer.weight == 1 else writer.weight(answer.weight)
            number = f"{writer.number(answer.value)}:{writer.number(answer.tolerance)}"
            lines.append(f"={weight}{number}{writer.feedback(answer.feedback)}")
        if question.other_feedback:
            lines.append(f"~#{writer.text(question.other_feedback)}")
        return writer.escape(question.prompt) + writer.numerical_block(lines)


class _MoodleXml:
    qtypes = ("numerical",)

    def read(self, element: Any, common: dict[str, Any], reader: Any) -> Question:
        default_format = reader.default_format(common)
        numeric = []
        other = {}
        for answer in element.findall("answer"):
            text = reader.child_text(answer) or ""
            weight = reader.fraction(answer)
            if text.strip() == "*":  # "any other answer"
                if not other:
                    feedback = reader.feedback(answer, default_format)
                    other = {"other_feedback": feedback, "other_weight": weight}
                continue
            value = reader.number(text)
            if value is None:
                raise reader.error(f'the answer "{text}" is not a number', answer)
            tolerance_text = (reader.child_text(answer, "tolerance") or "0").strip() or "0"
            tolerance = reader.number(tolerance_text)
            if tolerance is None:
                raise reader.error(f'the tolerance "{tolerance_text}" is not a number', answer)
            numeric.append(
                NumericAnswer(
                    value, abs(tolerance), weight, reader.feedback(answer, default_format)
                )
            )
        return Numerical(numeric=tuple(numeric), **other, **common)

    def qtype(self, question: Question) -> str:
        return "numerical"

    def prompt(self, question: Question, writer: Any) -> str:
        return question.prompt

    def write(self, question: Numerical, element: Any, writer: Any) -> None:
        for number in question.numeric:
            answer = writer.answer(
                element,
                number.weight,
                grading.format_number(number.value),
                number.feedback,
                "moodle_auto_format",
            )
            writer.value(answer, "tolerance", grading.format_number(number.tolerance))
        if question.other_feedback or question.other_weight:
            answer = writer.answer(
                element, question.other_weight, "*", question.other_feedback, "moodle_auto_format"
            )
            writer.value(answer, "tolerance", "0")

    def extension(self, question: Question, extra: Any, writer: Any) -> None:
        return None


@dataclass(frozen=True)
class Numerical(Question):
    """A number, right within a tolerance (a range ``min..max`` is its midpoint +- half)."""

    type_name: ClassVar[str] = "numerical"
    label: ClassVar[str] = "Numerical"
    evidence: ClassVar[str] = "recall"
    summary: ClassVar[str] = "A number, right within a tolerance."
    answer_keys: ClassVar[tuple[str, ...]] = ("numeric",)
    image_texts: ClassVar[tuple[str, ...]] = (
        *Question.image_texts,
        "numeric.feedback",
        "other_feedback",
    )
    codecs: ClassVar[Mapping[str, Any]] = {
        "gift": _Gift(),
        "moodlexml": _MoodleXml(),
        "json": JsonCodec(
            lists={"numeric": check_numeric},
            texts=("other_feedback",),
            numbers=("other_weight",),
        ),
    }
    response_schema: ClassVar[Mapping[str, Any]] = {"type": "number"}
    response_doc: ClassVar[str] = 'a number (or a string such as "11,000")'
    editor_fields: ClassVar[tuple[Any, ...]] = (
        Rows(
            "numeric",
            "Accepted numbers",
            help="A number is right when it is within the tolerance of the answer (12 ± 0.5 "
            "accepts 11.5 to 12.5). The grade is the share of the marks it earns; the best "
            "grade among the answers that accept a number counts.",
            columns=(
                Number("value", "Answer"),
                Number("tolerance", "Tolerance (±)", minimum=0, start=0.0),
                Number("weight", "Grade", percent=True, minimum=-100, maximum=100, start=1.0),
                Text("feedback", "Feedback", help="Optional: shown to a student it accepts."),
            ),
            min_rows=1,
            row_label="Answer",
            add_label="Add an answer",
            orderable=False,
        ),
        Text(
            "other_feedback",
            "Feedback for any other number",
            help="Optional: shown when no answer above accepts the number (Moodle's catch-all).",
        ),
        Number(
            "other_weight",
            "Grade for any other number",
            help="Empty: 0.",
            required=False,
            percent=True,
            minimum=-100,
            maximum=100,
        ),
    )

    numeric: tuple[NumericAnswer, ...] = ()
    #: What a number no answer holds gets: Moodle's catch-all answer.
    other_feedback: str = ""
    other_weight: float = 0.0

    @classmethod
    def sample(cls) -> Numerical:
        question = cls(
            id="sample-numerical",
            title="Losses",
            prompt="How many fighters did the SDF say it had lost over the operation?",
            category="outcome",
            general_feedback="The SDF said so on a Saturday.",
            numeric=(
                NumericAnswer(11000.0, 0.0, 1.0, "Right."),
                NumericAnswer(11000.0, 1000.0, 0.5, "Close."),
            ),
        )
        return question.replace(answer_display=question.default_answer_display())

    def parse_response(self, raw: Any) -> float:
        if isinstance(raw, bool):
            raise InvalidResponse("type a number")
        if isinstance(raw, int | float):
            try:
                number = float(raw)
            except OverflowError:
                raise InvalidResponse("type a finite number") from None
        elif isinstance(raw, str):
            parsed = grading.parse_number(raw)
            if parsed is None:
                raise InvalidResponse(f"{raw.strip()[:40]!r} is not a number")
            number = parsed
        else:
            raise InvalidResponse("type a number")
        if not math.isfinite(number):
            raise InvalidResponse("type a finite number")
        return number

    def grade(self, response: Any) -> Grade:
        if isinstance(response, bool) or not isinstance(response, int | float):
            return Grade(0.0)
        matches = [n for n in self.numeric if n.accepts(float(response))]
        best = max(matches, key=lambda n: n.weight, default=None)
        if best is None:
            feedback = (self.other_feedback,) if self.other_feedback else ()
            return Grade(clamp01(self.other_weight), feedback)
        return Grade(clamp01(best.weight), (best.feedback,) if best.feedback else ())

    def correct_response(self) -> float:
        return max(self.numeric, key=lambda n: n.weight).value

    def full_mark_texts(self) -> list[str]:
        return [grading.format_number(n.value) for n in self.numeric if n.weight >= 1 - 1e-9]

    def _answers_to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"numeric": [n.to_dict() for n in self.numeric]}
        if self.other_feedback:
            data["other_feedback"] = self.other_feedback
        if self.other_weight:
            data["other_weight"] = self.other_weight
        return data

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "numeric": tuple(NumericAnswer.from_dict(n) for n in data.get("numeric") or ()),
            "other_feedback": str(data.get("other_feedback") or ""),
            "other_weight": float(data.get("other_weight") or 0.0),
        }

    def problems(self) -> list[str]:
        found = super().problems()
        if not any(n.weight >= 1 - 1e-9 for n in self.numeric):
            found.append(Problem("no numerical answer is worth full marks", "numeric"))
        infinite = [
            (index, name)
            for index, answer in enumerate(self.numeric)
            for name in ("value", "tolerance")
            if not math.isfinite(getattr(answer, name))
        ]
        if infinite:
            found.append(
                Problem("a numerical answer is not a finite number", "numeric", *infinite[0])
            )
        negative = [index for index, answer in enumerate(self.numeric) if answer.tolerance < 0]
        if negative:
            found.append(
                Problem(
                    "a numerical answer has a negative tolerance",
                    "numeric",
                    negative[0],
                    "tolerance",
                )
            )
        return found

    def default_answer_display(self) -> str:
        if not self.numeric:
            return ""
        best = max(self.numeric, key=lambda n: n.weight)
        value = grading.format_number(best.value)
        if best.tolerance:
            return f"{value} (± {grading.format_number(best.tolerance)})"
        return value
