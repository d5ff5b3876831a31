"""Writing GIFT: escapes, weights, numbers and answer blocks for the types' codecs
(``Writer``), the comments, categories and titles every question has (``dump``)."""

from __future__ import annotations

from decimal import Decimal

from question_bank import types as registry
from question_bank.categories import to_moodle_path
from question_bank.formats.gift.lexing import (
    _ESCAPES,
    _FORMAT_MARK,
    DEFAULT_TEXT_FORMAT,
    LABEL,
    NAME,
    TEXT_FORMATS,
)
from question_bank.sets import QuestionSet
from question_bank.types import Accepted, Question

# =========================================================================== writing


def _escape(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_ESCAPES)


def _text(text: str, text_format: str) -> str:
    """An answer or feedback, escaped.  One that starts like a format marker or a ``%n%``
    weight gets the question's format marker first (read, and dropped, by Moodle too)."""
    escaped = _escape(text)
    if text.startswith("%") or _FORMAT_MARK.match(text):
        return f"[{text_format}]{escaped}"
    return escaped


def _format_number(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def _format_weight(weight: float) -> str:
    """``%n%`` for a weight: its shortest exact decimal, moved two places (0.5 -> %50%)."""
    percent = Decimal(repr(float(weight))).scaleb(2).normalize()
    return f"%{percent:f}%"


def _answer_text(mark: str, weight: float, default: float, text: str, fmt: str) -> str:
    written = _text(text, fmt)
    if weight != default:
        return f"{mark}{_format_weight(weight)}{written}"
    return f"{mark}{written}"


def _feedback(feedback: str, fmt: str) -> str:
    return f" #{_text(feedback, fmt)}" if feedback else ""


def _general(question: Question, fmt: str) -> str:
    if not question.general_feedback:
        return ""
    return f"####{_text(question.general_feedback, fmt)}"


def _blank(accepted: tuple[Accepted, ...], fmt: str, general: str = "") -> str:
    answers = [
        _answer_text("=", a.weight, 1.0, a.text, fmt) + _feedback(a.feedback, fmt) for a in accepted
    ]
    if general:
        answers.append(general)
    return "{" + " ".join(answers) + "}"


class Writer:
    """GIFT's conventions for writing one question, for its type's codec: escapes, answers
    and feedback in the question's text format, weights, numbers and answer blocks, each
    ending with the question's general feedback (``####...``) when it has one."""

    def __init__(self, question: Question, fmt: str) -> None:
        self.fmt = fmt
        self.general = _general(question, fmt)

    escape = staticmethod(_escape)
    weight = staticmethod(_format_weight)
    number = staticmethod(_format_number)

    def text(self, text: str) -> str:
        """An answer or feedback text, escaped."""
        return _text(text, self.fmt)

    def answer(self, mark: str, weight: float, default: float, text: str) -> str:
        """``mark`` (``=`` or ``~``), the weight as ``%n%`` unless it is ``default``, the text."""
        return _answer_text(mark, weight, default, text, self.fmt)

    def feedback(self, feedback: str) -> str:
        """`` #feedback``, or nothing."""
        return _feedback(feedback, self.fmt)

    def block(self, lines: list[str]) -> str:
        """An answer block with one answer per line."""
        lines = [*lines, self.general] if self.general else lines
        return "{\n" + "".join(f"\t{line}\n" for line in lines) + "}"

    def numerical_block(self, lines: list[str]) -> str:
        """A numerical answer block, ``{#`` then one answer per line."""
        lines = [*lines, self.general] if self.general else lines
        return "{#\n" + "".join(f"\t{line}\n" for line in lines) + "}"

    def inline_block(self, inner: str) -> str:
        """A block on one line: ``{TRUE#...}``, ``{}``."""
        return "{" + inner + self.general + "}"

    def blank(self, accepted: tuple[Accepted, ...], last: bool) -> str:
        """One blank of a cloze: its answers on one line; the last one ends with the general
        feedback."""
        return _blank(accepted, self.fmt, self.general if last else "")


def _question_text(question: Question) -> str:
    """The title, the text format, then what the question's type writes (its prompt and
    answer block): ``UnsupportedType`` for a type GIFT cannot hold."""
    codec = registry.codec(type(question), NAME, LABEL)
    if question.files:
        raise registry.UnsupportedType(
            question.type_name,
            NAME,
            f"GIFT cannot carry images: the question {question.title or question.id!r} has "
            f"{len(question.files)}; export the set as Moodle XML or JSON, which keep them",
        )
    fmt = question.text_format if question.text_format in TEXT_FORMATS else DEFAULT_TEXT_FORMAT
    head = f"::{_escape(question.title)}::" if question.title else ""
    head += f"[{fmt}]"
    return head + codec.write(question, Writer(question, fmt))


def _bracketed(key: str, value: str) -> str:
    return "[" + key + ":" + value.replace("]", "\\]") + "]"


def _comment(question: Question) -> str:
    bits = [_bracketed("id", question.id)]
    bits.extend(_bracketed("tag", tag) for tag in question.tags)
    if question.points != question.default_points():
        bits.append(_bracketed("points", _format_number(question.points)))
    return "// " + " ".join(bits).replace("\n", " ")


def dump(question_set: QuestionSet) -> str:
    """GIFT for a question set: Moodle imports it, and ``parse`` reads back the same set.

    Raises ``UnsupportedType`` for a question of a type GIFT cannot hold (ordering), or
    with images.
    """
    out: list[str] = []
    if question_set.name:
        out.append(f"// {question_set.name}".replace("\n", " ") + "\n\n")
    current: str | None = None  # a file starts in the default category
    for question in question_set.questions:
        if question.category != current:
            path = to_moodle_path(question.category)
            out.append(f"$CATEGORY: {path.replace(chr(10), ' ')}\n\n")
            current = question.category
        out.append(_comment(question) + "\n" + _question_text(question) + "\n\n")
    return "".join(out)
