"""Cloze: blanks inside a sentence, written ``{{1}}``, ``{{2}}``... in the prompt (Moodle's
embedded answers, ``cloze`` in Moodle XML).  Each blank has its accepted answers, compared as
a short answer's; the score is the mean of the blanks' scores.

In Moodle XML a blank is ``{1:SHORTANSWER:=answer#feedback~%50%other}`` (also ``SA``, ``MW``,
the ``_C`` variants, and ``NUMERICAL`` with no tolerance); in GIFT, answer blocks inside the
text (``The treaty of {=Lausanne} was signed in {=1923}.``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from question_bank.types.base import (
    Grade,
    InvalidResponse,
    Problem,
    Question,
    clamp01,
    text_response,
)
from question_bank.types.editor_fields import Rows
from question_bank.types.short_answer import accepted_rows
from question_bank.types.values import Accepted, best_text_match, check_accepted, full_marks

#: Marks a blank in a cloze prompt: ``{{1}}`` is the first blank, ``{{2}}`` the second...
BLANK_PATTERN = re.compile(r"\{\{(\d+)\}\}")

if TYPE_CHECKING:
    from question_bank.sets import Card


class _Json:
    def check(self, checker: Any, where: str, data: dict) -> bool:
        blanks = data.get("blanks")
        if blanks is None:
            return True
        if not isinstance(blanks, list):
            checker.error(where, '"blanks" must be a list (one list of answers per blank)', data)
            return False
        ok = True
        for number, blank in enumerate(blanks, start=1):
            if not isinstance(blank, list):
                checker.error(where, f"blank {number} must be a list of accepted answers", data)
                ok = False
                continue
            for index, item in enumerate(blank, start=1):
                if not isinstance(item, dict):
                    checker.error(
                        where, f"answer {index} of blank {number} must be an object", data
                    )
                    ok = False
                elif not check_accepted(checker, f"{where}, blank {number} answer {index}", item):
                    ok = False
        return ok


class _Gift:
    constructs = ("blanks",)

    def read(self, construct: Any) -> Question:
        return construct.build(Cloze, blanks=construct.values["blanks"])

    def write(self, question: Cloze, writer: Any) -> str:
        parts, cursor = [], 0
        matches = list(BLANK_PATTERN.finditer(question.prompt))
        for index, match in enumerate(matches, start=1):
            parts.append(writer.escape(question.prompt[cursor : match.start()]))
            number = int(match.group(1))
            blank = question.blanks[number - 1] if 0 < number <= len(question.blanks) else ()
            # The general feedback ends the last block, as "####..." ends any block.
            parts.append(writer.blank(blank, last=index == len(matches)))
            cursor = match.end()
        rest = question.prompt[cursor:]
        # A block at the very end would read back as a short answer: "\n" (a line break,
        # trimmed away on reading) keeps it inside the sentence, for Moodle too.
        parts.append(writer.escape(rest) if rest.strip() else "\\n")
        return "".join(parts)


# ------------------------------------------------------------------------- Moodle XML

_CLOZE_START = re.compile(r"\{(\d*):([A-Za-z_]+):")
_SHORT_TYPES = {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"}
_NUMERIC_TYPES = {"NUMERICAL", "NM"}
_CLOZE_SPECIALS = '\\}#~/"'


def _split_unescaped(text: str, separator: str) -> list[str]:
    parts, current, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.S)


def _escape(text: str) -> str:
    return "".join("\\" + char if char in _CLOZE_SPECIALS else char for char in text)


class _MoodleXml:
    qtypes = ("cloze",)

    def read(self, element: Any, common: dict[str, Any], reader: Any) -> Question:
        prompt, blanks = self._read_prompt(common["prompt"], element, reader)
        common = dict(common, prompt=prompt)
        return Cloze(blanks=tuple(blanks), **common)

    def _read_prompt(
        self, text: str, element: Any, reader: Any
    ) -> tuple[str, list[tuple[Accepted, ...]]]:
        """The prompt with ``{{n}}`` blanks, and each blank's answers."""
        out: list[str] = []
        blanks: list[tuple[Accepted, ...]] = []
        position = 0
        while True:
            match = _CLOZE_START.search(text, position)
            if match is None:
                break
            index = match.end()
            while index < len(text) and text[index] != "}":
                index += 2 if text[index] == "\\" else 1
            if index >= len(text):
                raise reader.error(
                    f"a blank starting with {match.group(0)!r} is never closed by }}", element
                )
            number = len(blanks) + 1
            body = text[match.end() : index]
            blanks.append(tuple(self._answers(match.group(2), body, number, element, reader)))
            out.append(text[position : match.start()])
            out.append(f"{{{{{number}}}}}")
            position = index + 1
        out.append(text[position:])
        if not blanks:
            raise reader.error(
                "this cloze question has no blanks (write them as {1:SHORTANSWER:=answer})",
                element,
            )
        return "".join(out), blanks

    def _answers(
        self, kind: str, body: str, number: int, element: Any, reader: Any
    ) -> list[Accepted]:
        upper = kind.upper()
        if upper not in _SHORT_TYPES | _NUMERIC_TYPES:
            # A well-written question quizapp has no blank for (a drop-down, say): skipped.
            raise reader.unsupported(
                f"question skipped: blank {number} is a {kind} blank; only SHORTANSWER (SA, "
                "MW) and NUMERICAL blanks can be imported",
                element,
            )
        accepted = []
        for part in _split_unescaped(body, "~"):
            weight = 0.0
            if part.startswith("="):
                weight, part = 1.0, part[1:]
            else:
                match = re.match(r"%(-?\d+(?:\.\d+)?)%", part)
                if match:
                    weight, part = float(match.group(1)) / 100, part[match.end() :]
            pieces = _split_unescaped(part, "#")
            answer = _unescape(pieces[0]).strip()
            feedback = _unescape("#".join(pieces[1:])).strip()
            if answer == "*" and weight <= 0:
                continue
            if not answer:
                raise reader.error(f"blank {number} has an empty answer", element)
            if upper in _NUMERIC_TYPES:
                value, _, tolerance = answer.partition(":")
                if tolerance.strip() and reader.number(tolerance.strip()) not in (0.0, None):
                    raise reader.error(
                        f"blank {number} has a numerical answer with a tolerance, "
                        "which cloze blanks in quizapp do not support",
                        element,
                    )
                if reader.number(value.strip()) is None:
                    raise reader.error(f'blank {number}: "{value}" is not a number', element)
                answer = value.strip()
            accepted.append(Accepted(answer, weight, feedback))
        return accepted

    def qtype(self, question: Question) -> str:
        return "cloze"

    def prompt(self, question: Cloze, writer: Any) -> str:
        def blank(match: re.Match[str]) -> str:
            number = int(match.group(1))
            if not 1 <= number <= len(question.blanks):
                return match.group(0)
            answers = []
            for answer in question.blanks[number - 1]:
                mark = "=" if answer.weight == 1.0 else f"%{writer.percent(answer.weight)}%"
                text = mark + _escape(answer.text)
                if answer.feedback:
                    text += "#" + _escape(answer.feedback)
                answers.append(text)
            return "{1:SHORTANSWER:" + "~".join(answers) + "}"

        return BLANK_PATTERN.sub(blank, question.prompt)

    def write(self, question: Question, element: Any, writer: Any) -> None:
        return None

    def extension(self, question: Question, extra: Any, writer: Any) -> None:
        return None


@dataclass(frozen=True)
class Cloze(Question):
    """Blanks inside a sentence, written ``{{1}}``, ``{{2}}``... in the prompt.

    Each blank has its accepted answers; the score is the mean of the blanks' scores.
    """

    type_name: ClassVar[str] = "cloze"
    label: ClassVar[str] = "Cloze (missing word)"
    evidence: ClassVar[str] = "recall"
    summary: ClassVar[str] = "Blanks to fill in inside a text."
    answer_keys: ClassVar[tuple[str, ...]] = ("blanks",)
    codecs: ClassVar[Mapping[str, Any]] = {
        "gift": _Gift(),
        "moodlexml": _MoodleXml(),
        "json": _Json(),
    }
    public_properties: ClassVar[Mapping[str, Any]] = {
        "blanks": {"type": "integer", "description": "How many blanks: {{1}}, {{2}}..."}
    }
    public_required: ClassVar[tuple[str, ...]] = ("blanks",)
    response_schema: ClassVar[Mapping[str, Any]] = {"type": "array", "items": {"type": "string"}}
    response_doc: ClassVar[str] = "a list with one string per blank"
    editor_prompt_help: ClassVar[str] = (
        "Mark each blank in the text with its number in double braces: {{1}} for the first "
        "blank, {{2}} for the second, and give each its accepted answers below."
    )
    editor_fields: ClassVar[tuple[Any, ...]] = (
        Rows(
            "blanks",
            "Blanks",
            help="Blank 1 is {{1}} in the text, blank 2 is {{2}}... Each blank's typed answer "
            "is compared as a short answer's (the first that matches, in order; * is a "
            "wildcard); the score is the mean of the blanks'.",
            # At most 50 blanks of 50 answers: a form the editor can read (2,500 rows).
            columns=(accepted_rows("accepted", "Accepted answers", max_rows=50),),
            min_rows=1,
            max_rows=50,
            row_label="Blank",
            add_label="Add a blank",
        ),
    )

    blanks: tuple[tuple[Accepted, ...], ...] = ()

    @classmethod
    def sample(cls) -> Cloze:
        question = cls(
            id="sample-cloze",
            title="Deir ez-Zor",
            prompt="Baghouz is in the country's eastern {{1}} province, on the {{2}} river.",
            category="place",
            tags=("geography",),
            blanks=(
                (Accepted("Deir ez-Zor", 1.0, "Yes."), Accepted("Deir ez Zor", 1.0)),
                (Accepted("Euphrates", 1.0), Accepted("Tigris", 0.0, "That is in Iraq.")),
            ),
        )
        return question.replace(answer_display=question.default_answer_display())

    def parse_response(self, raw: Any) -> list[str]:
        if isinstance(raw, str) and len(self.blanks) == 1:
            raw = [raw]
        if not isinstance(raw, list | tuple):
            raise InvalidResponse("send a list with one answer per blank")
        if len(raw) != len(self.blanks):
            raise InvalidResponse(f"this question has {len(self.blanks)} blank(s)")
        return [text_response(item if item is not None else "") for item in raw]

    def grade(self, response: Any) -> Grade:
        if not self.blanks or not isinstance(response, list | tuple):
            return Grade(0.0)
        scores, feedback = [], []
        for accepted, given in zip(self.blanks, response, strict=False):
            match = best_text_match(accepted, given) if isinstance(given, str) else None
            scores.append(clamp01(match.weight) if match else 0.0)
            if match and match.feedback:
                feedback.append(match.feedback)
        return Grade(sum(scores) / len(self.blanks), tuple(feedback))

    def correct_response(self) -> list[str]:
        return [max(blank, key=lambda a: a.weight).text for blank in self.blanks]

    def full_mark_texts(self) -> list[str]:
        return [a.text for blank in self.blanks for a in blank if a.weight >= 1 - 1e-9]

    def segments(self) -> list[str | int]:
        """The prompt cut into text and blank numbers (0-based), for rendering."""
        parts: list[str | int] = []
        position = 0
        for match in BLANK_PATTERN.finditer(self.prompt):
            parts.append(self.prompt[position : match.start()])
            parts.append(int(match.group(1)) - 1)
            position = match.end()
        parts.append(self.prompt[position:])
        return parts

    def card_front(self) -> str:
        return BLANK_PATTERN.sub("_____", self.prompt)

    def card(self) -> Card | None:
        """A cloze card: the prompt with each blank a deletion of its best answer
        (``{{1}}`` -> ``{{c1::answer}}``).  None when an answer cannot be written as one
        (it holds ``}}`` or ``::``) or the question is not whole."""
        if self.problems():
            return None
        answers = self.correct_response()
        if any("}}" in a or "::" in a or not a.strip() for a in answers):
            return None

        def deletion(match: re.Match[str]) -> str:
            number = int(match.group(1))
            return f"{{{{c{number}::{answers[number - 1]}}}}}"

        cloze = BLANK_PATTERN.sub(deletion, self.prompt)
        return self.made_card(self.card_id or self.id, cloze=cloze)

    def public_dict(self) -> dict[str, Any]:
        data = super().public_dict()
        data["blanks"] = len(self.blanks)
        return data

    def editor_answers(self) -> dict[str, Any]:
        return {"blanks": [{"accepted": [a.to_dict() for a in blank]} for blank in self.blanks]}

    @classmethod
    def answers_from_editor(
        cls, values: Mapping[str, Any], original: Question | None
    ) -> dict[str, Any]:
        return {
            "blanks": tuple(
                tuple(Accepted.from_dict(a) for a in row["accepted"]) for row in values["blanks"]
            )
        }

    def _answers_to_dict(self) -> dict[str, Any]:
        return {"blanks": [[a.to_dict() for a in blank] for blank in self.blanks]}

    @classmethod
    def _answers_from_dict(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "blanks": tuple(
                tuple(Accepted.from_dict(a) for a in blank) for blank in data.get("blanks") or ()
            )
        }

    def problems(self) -> list[str]:
        found = super().problems()
        numbers = sorted(int(n) for n in BLANK_PATTERN.findall(self.prompt))
        if not self.blanks:
            found.append(Problem("a cloze question needs at least one blank", "blanks"))
        elif numbers != list(range(1, len(self.blanks) + 1)):
            found.append(
                Problem(
                    f"the text marks blanks {numbers} but {len(self.blanks)} blank(s) have answers",
                    "prompt",
                )
            )
        for number, blank in enumerate(self.blanks, start=1):
            if not full_marks(blank):
                found.append(
                    Problem(f"blank {number} has no answer worth full marks", "blanks", number - 1)
                )
        return found

    def default_answer_display(self) -> str:
        return "; ".join(self.correct_response()) if self.blanks else ""
