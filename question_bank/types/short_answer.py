"""Short answer: a typed answer (Moodle's ``shortanswer``), compared as a teacher would
(``grading.text_matches``) and as Moodle does: ``*`` in an answer matches any text (a
backslash before it makes it a star), an answer of only ``*`` is the catch-all ("any other
answer", kept for its feedback), the first answer in the author's order that matches wins,
and ``case_sensitive``
(Moodle's ``usecase``) compares exactly, case included (see ``values.best_text_match``).
GIFT ``{=Baghouz =Baghuz =%50%Hajin =%0%*#No.}`` (or ``{Baghouz}``); CSV rows are short
answers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from question_bank.types.base import Grade, Problem, Question, clamp01, text_response
from question_bank.types.codecs import JsonCodec
from question_bank.types.editor_fields import MAX_ROWS, Check, Number, Rows, Text
from question_bank.types.values import (
    Accepted,
    Source,
    best_text_match,
    check_accepted,
    full_marks,
    has_wildcard,
)


def accepted_rows(name: str, label: str, help: str = "", max_rows: int = MAX_ROWS) -> Rows:
    """Accepted text answers in the editor (a short answer's, a cloze blank's): the text,
    its grade as a percentage, and its feedback."""
    return Rows(
        name,
        label,
        help=help,
        columns=(
            Text("text", "Text", required=True),
            Number("weight", "Grade", percent=True, minimum=-100, maximum=100, start=1.0),
            Text("feedback", "Feedback", help="Optional: shown to a student who gives it."),
        ),
        min_rows=1,
        max_rows=max_rows,
        row_label="Answer",
        add_label="Add an answer",
    )


class _Gift:
    constructs = ("short",)

    def read(self, construct: Any) -> Question:
        return construct.build(ShortAnswer, accepted=construct.values["accepted"])

    def write(self, question: ShortAnswer, writer: Any) -> str:
        lines = [
            writer.answer("=", accepted.weight, 1.0, accepted.text)
            + writer.feedback(accepted.feedback)
            for accepted in question.accepted
        ]
        return writer.escape(question.prompt) + writer.block(lines)


class _MoodleXml:
    qtypes = ("shortanswer",)

    def read(self, element: Any, common: dict[str, Any], reader: Any) -> Question:
        default_format = reader.default_format(common)
        accepted = []
        for answer in element.findall("answer"):
            text = reader.child_text(answer) or ""
            weight = reader.fraction(answer)
            accepted.append(Accepted(text, weight, reader.feedback(answer, default_format)))
        usecase = (reader.child_text(element, "usecase") or "0").strip().lower()
        return ShortAnswer(
            accepted=tuple(accepted), case_sensitive=usecase in ("1", "true"), **common
        )

    def qtype(self, question: Question) -> str:
        return "shortanswer"

    def prompt(self, question: Question, writer: Any) -> str:
        return question.prompt

    def write(self, question: ShortAnswer, element: Any, writer: Any) -> None:
        writer.value(element, "usecase", "1" if question.case_sensitive else "0")
        for accepted in question.accepted:
            writer.answer(
                element, accepted.weight, accepted.text, accepted.feedback, "moodle_auto_format"
            )

    def extension(self, question: Question, extra: Any, writer: Any) -> None:
        return None


@dataclass(frozen=True)
class ShortAnswer(Question):
    """A typed answer, compared as a teacher would (see ``grading.text_matches``)."""

    type_name: ClassVar[str] = "short_answer"
    label: ClassVar[str] = "Short answer"
    evidence: ClassVar[str] = "recall"
    summary: ClassVar[str] = "A typed word or phrase, compared as a teacher would."
    answer_keys: ClassVar[tuple[str, ...]] = ("accepted",)
    image_texts: ClassVar[tuple[str, ...]] = (*Question.image_texts, "accepted.feedback")
    codecs: ClassVar[Mapping[str, Any]] = {
        "gift": _Gift(),
        "moodlexml": _MoodleXml(),
        "json": JsonCodec(lists={"accepted": check_accepted}, flags=("case_sensitive",)),
    }
    response_schema: ClassVar[Mapping[str, Any]] = {"type": "string"}
    response_doc: ClassVar[str] = "a string"
    editor_fields: ClassVar[tuple[Any, ...]] = (
        accepted_rows(
            "accepted",
            "Accepted answers",
            help="The first answer, in this order, that a typed answer matches counts; its "
            "grade is the share of the marks it earns. Case, accents, punctuation and a small "
            "typo do not matter. * matches any text (Moodle's wildcard: Bal* accepts Bali); "
            "an answer of only * catches any other answer, for its feedback.",
        ),
        Check(
            "case_sensitive",
            "Capitals matter",
            help="Compare answers exactly, capitals included, as Moodle's case-sensitive "
            "short answers do: no typo is forgiven.",
        ),
    )

    accepted: tuple[Accepted, ...] = ()
    #: Moodle's ``usecase``: the case of the letters counts, and answers are compared
    #: exactly (as Moodle does), without the forgiving of typos and punctuation.
    case_sensitive: bool = False

    @classmethod
    def sample(cls) -> ShortAnswer:
        question = cls(
            id="sample-short-answer",
            title="Spokesman",
            prompt="Who spoke for the SDF when it declared victory?",
            category="actor",
            tags=("people",),
            source=Source("said Mustafa Bali", 0, 17),
            accepted=(
                Accepted("Mustafa Bali", 1.0, "Yes."),
                Accepted("Bali", 1.0),
                Accepted("Mustafa", 0.5, "His family name too."),
            ),
        )
        return question.replace(answer_display=question.default_answer_display())

    def parse_response(self, raw: Any) -> str:
        return text_response(raw)

    def grade(self, response: Any) -> Grade:
        if not isinstance(response, str) or not response.strip():
            return Grade(0.0)
        match = best_text_match(self.accepted, response, self.case_sensitive)
        if match is None:
            return Grade(0.0)
        return Grade(clamp01(match.weight), (match.feedback,) if match.feedback else ())

    def correct_response(self) -> str:
        """The best answer; a plain one before a wildcard pattern (``Bal*`` gives ``Bal``)."""
        best = max(self.accepted, key=lambda a: (a.weight, not has_wildcard(a.text)))
        if not has_wildcard(best.text):
            return best.text
        return re.sub(r"(?<!\\)\*+", "", best.text).replace("\\*", "*").strip() or "anything"

    def full_mark_texts(self) -> list[str]:
        return [a.text for a in self.accepted if a.weight >= 1 - 1e-9]

    def _answers_to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"accepted": [a.to_dict() for a in self.accepted]}
        if self.case_sensitive:
            data["case_sensitive"] = True
        return data

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "accepted": tuple(Accepted.from_dict(a) for a in data.get("accepted") or ()),
            "case_sensitive": data.get("case_sensitive") is True,
        }

    def problems(self) -> list[str]:
        found = super().problems()
        if not full_marks(self.accepted):
            found.append(Problem("no accepted answer is worth full marks", "accepted"))
        return found

    def default_answer_display(self) -> str:
        return self.correct_response() if self.accepted else ""
