"""GIFT's lexing: blocks of lines, escapes, answer blocks cut into answers and read into
the constructs the question types read (``_Piece``).  Shared constants live here too."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from question_bank.formats.base import ParseError
from question_bank.types import Accepted, Choice, NumericAnswer
from question_bank.types.values import letters

NAME = "gift"
LABEL = "GIFT"
TEXT_FORMATS = ("moodle", "html", "plain", "markdown")
#: The format of a text with no ``[format]`` marker (Moodle's default).
DEFAULT_TEXT_FORMAT = "moodle"
#: What a missing-word question shows where its answer block was.
GAP = "_____"

_FORMAT_MARK = re.compile(r"\[(moodle|html|plain|markdown)\]")
_CATEGORY_LINE = re.compile(r"\$CATEGORY:", re.IGNORECASE)
#: ``[id:...]`` and ``[tag:...]`` in comments (Moodle 3.6+), ``]`` escaped as ``\]``.
_COMMENT_FIELD = re.compile(r"\[(id|tag|points):((?:\\\]|[^\]\x00-\x1f])+)\]")
# Scanners: each consumes an escape (a backslash and the character after it) as one token,
# so that an escaped character never counts as syntax.
_BRACES = re.compile(r"\\.|[{}]", re.DOTALL)
_TITLE_END = re.compile(r"\\.|::", re.DOTALL)
_GENERAL_FEEDBACK = re.compile(r"\\.|####", re.DOTALL)
_HASH = re.compile(r"\\.|#", re.DOTALL)
_TILDE = re.compile(r"\\.|~", re.DOTALL)
_ARROW = re.compile(r"\\.|->", re.DOTALL)
_COLON = re.compile(r"\\.|:", re.DOTALL)
# An answer's text runs to the first unescaped "#" (its feedback follows), "=" or "~" (the
# next answer); the feedback runs to the next answer.  "\\.?" takes an escape whole (and a
# lone backslash at the very end), so, as with the scanners, "\\=" never ends an answer.
_ANSWER_TEXT = r"([^=~#\\]*(?:\\.?[^=~#\\]*)*)(?:(#)([^=~\\]*(?:\\.?[^=~\\]*)*))?"
#: What an answer block says before its first ``=`` or ``~``: (text, "#", feedback).
_BEFORE_ANSWERS = re.compile(_ANSWER_TEXT, re.DOTALL)
#: One answer of a block: (mark, text, "#", feedback); without feedback, "#" is empty.
_ANSWER = re.compile(f"([=~]){_ANSWER_TEXT}", re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_PERCENT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
_WHITESPACE = re.compile(r"\s*")
_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_UNESCAPED = {"n": "\n", "~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "\\": "\\"}
_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
    }
)


class _Invalid(Exception):
    """One problem in a question, at an offset of its text (caught inside this module)."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# =========================================================================== reading


@dataclass(slots=True)
class _Block:
    """The lines of one question (comments apart), with what places them in the file."""

    comments: list[str]
    lines: list[str]
    numbers: list[int]

    def text(self) -> str:
        return "\n".join(self.lines)

    def error(self, message: str, offset: int | None) -> ParseError:
        """The error at an offset of the question's text, with its line and column in the file."""
        if offset is None:
            return ParseError(message, self.numbers[0])
        starts, position = [], 0  # where each line starts in the question's text
        for line in self.lines:
            starts.append(position)
            position += len(line) + 1
        index = max(0, bisect_right(starts, offset) - 1)
        return ParseError(message, self.numbers[index], offset - starts[index] + 1)


def _blocks(text: str) -> Iterator[_Block]:
    """Cut the file into questions: runs of lines between blank lines.

    One at a time: only the question being read holds its lines, which spares the garbage
    collector tens of thousands of live objects in a big file.
    """
    current: _Block | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            if current is not None:
                yield current
                current = None
            continue
        if current is None:
            current = _Block([], [], [])
        if stripped.startswith("//"):
            current.comments.append(stripped)
        else:
            current.lines.append(line)
            current.numbers.append(number)
    if current is not None:
        yield current


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(0)), raw)


def _clean(raw: str) -> str:
    """An answer or feedback as written: format marker dropped, escapes resolved, trimmed."""
    raw = raw.strip()
    if raw.startswith("["):
        marker = _FORMAT_MARK.match(raw)
        if marker:
            return _unescape(raw[marker.end() :]).strip()
    if "\\" in raw:
        return _unescape(raw).strip()
    return raw  # the common case, with nothing to resolve: already trimmed


def _find(pattern: re.Pattern[str], text: str, token: str, start: int = 0) -> int:
    """The offset of the first unescaped ``token`` in ``text`` from ``start``, else -1."""
    if "\\" not in text:  # no escapes: the plain search finds the same place, faster
        return text.find(token, start)
    for match in pattern.finditer(text, start):
        if match.group() == token:
            return match.start()
    return -1


def _find_last(pattern: re.Pattern[str], text: str, token: str) -> int:
    """The offset of the last unescaped ``token`` in ``text``, else -1 (Moodle's strrpos)."""
    if "\\" not in text:
        return text.rfind(token)
    found = -1
    for match in pattern.finditer(text):
        if match.group() == token:
            found = match.start()
    return found


def _split_on(pattern: re.Pattern[str], text: str, token: str) -> list[str]:
    """``text`` cut at each unescaped ``token``."""
    pieces, start = [], 0
    for match in pattern.finditer(text):
        if match.group() == token:
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    return pieces


def _number(raw: str, what: str, offset: int) -> float:
    candidate = _unescape(raw).strip()
    if not _NUMBER.fullmatch(candidate):
        shown = candidate or "nothing"
        raise _Invalid(f"{what} must be a number, not {shown!r}", offset)
    value = float(candidate)
    if not math.isfinite(value):
        raise _Invalid(f"the number {candidate!r} is too large", offset)
    return value


def _weight(raw: str, offset: int) -> tuple[float | None, str]:
    """A leading ``%n%`` weight (``raw`` is at ``offset``): (weight or None, the rest)."""
    lead = _WHITESPACE.match(raw)
    start = lead.end() if lead else 0
    if not raw.startswith("%", start):
        return None, raw
    close = raw.find("%", start + 1)
    if close < 0:
        raise _Invalid("the weight opened with '%' is never closed (write e.g. %50%)", offset)
    inside = raw[start + 1 : close].strip()
    if not _PERCENT.fullmatch(inside):
        raise _Invalid(
            f"the weight %{inside}% is not a percentage (write e.g. %50% or %-33.333%)",
            offset + start,
        )
    if not -100 <= float(inside) <= 100:
        raise _Invalid(f"the weight %{inside}% is outside -100%..100%", offset + start)
    # "n e-2" rather than n / 100: the decimal is rounded once, so weights read back exactly.
    return float(inside + "e-2"), raw[close + 1 :]


@dataclass(slots=True)
class _Answer:
    mark: str  # "=", "~" or "" (an answer written without a mark)
    offset: int  # of the mark, in the question's text
    weight: float | None
    text: str  # raw: escapes unresolved, feedback cut off
    feedback: str  # raw
    has_feedback: bool


def _answers(body: str, base: int, head_is_answer: bool = False) -> list[_Answer]:
    """Cut an answer block at its unescaped ``=`` and ``~``; each keeps its ``#feedback``.

    Text before the first mark is an error, unless ``head_is_answer`` (numerical answers,
    where Moodle lets the first one go without ``=``) or there is no mark at all.
    """
    before = _BEFORE_ANSWERS.match(body)
    assert before is not None  # it matches any text, if only with nothing
    start = before.end()  # of the first mark
    pieces = _ANSWER.findall(body, start)  # (mark, text, "#" or "", feedback)
    head = body[:start]
    if head.strip():
        if pieces and not head_is_answer:
            raise _Invalid(
                "text before the first answer: start each answer with '=' (right) or '~' (wrong)",
                base + len(head) - len(head.lstrip()),
            )
        pieces.insert(0, ("", *before.groups(default="")))
        start = 0
    answers = []
    for mark, text, hash_mark, feedback in pieces:
        end = start + len(mark) + len(text) + len(hash_mark) + len(feedback)
        weight = None
        if "%" in text:  # perhaps a weight, "%n%", where a "#" would not start the feedback
            weight, rest = _weight(text + hash_mark + feedback, base + start + len(mark))
            cut = _find(_HASH, rest, "#")
            hash_mark = "#" if cut >= 0 else ""
            text, feedback = (rest, "") if cut < 0 else (rest[:cut], rest[cut + 1 :])
        answers.append(_Answer(mark, base + start, weight, text, feedback, bool(hash_mark)))
        start = end
    return answers


@dataclass(slots=True)
class _Piece:
    """What one answer block says, before the question around it is built."""

    #: The GIFT construct (see ``question_bank.types.codecs``): "choice" (with a "=" answer),
    #: "choices" (only "~"), "true_false", "short", "numerical", "matching", "essay".
    kind: str
    offset: int
    values: dict[str, Any]


def _read_block(inner: str, base: int) -> tuple[_Piece, str]:
    """Read the inside of ``{...}`` (at ``base`` in the question): the piece, general feedback."""
    cut = _find_last(_GENERAL_FEEDBACK, inner, "####") if "####" in inner else -1
    general = ""
    if cut >= 0:
        general = _clean(inner[cut + 4 :])
        inner = inner[:cut]
    stripped = inner.strip()
    lead = base + len(inner) - len(inner.lstrip())
    if not stripped:
        return _Piece("essay", lead, {}), general
    if stripped.startswith("#"):
        return _read_numerical(inner, base), general
    if stripped.startswith(">"):
        raise _Invalid(
            "'{>...}' is how Moodle's ordering plugin writes an ordering question; GIFT itself "
            "has no ordering syntax and quizapp does not read it: import ordering questions "
            "as Moodle XML or JSON",
            lead,
        )
    answers = _answers(inner, base)
    if answers[0].mark == "":
        return _read_unmarked(answers[0], inner, base), general
    # Without escapes or format markers, cleaning a text is only trimming it.
    clean = str.strip if "\\" not in inner and "[" not in inner else _clean
    texts = [clean(a.text) for a in answers]
    if not all(texts):
        for answer, text in zip(answers, texts, strict=True):
            if not text and _find(_ARROW, answer.text, "->") < 0:
                raise _Invalid("this answer is empty", answer.offset)
    marks = {a.mark for a in answers}
    if "~" in marks:
        choices = tuple(
            Choice(
                name,
                text,
                float(a.mark == "=") if a.weight is None else a.weight,
                clean(a.feedback),
            )
            for name, a, text in zip(_names(len(answers)), answers, texts, strict=True)
        )
        return _Piece("choice" if "=" in marks else "choices", lead, {"choices": choices}), general
    arrows = [_find(_ARROW, a.text, "->") for a in answers]
    if any(position >= 0 for position in arrows):
        return _read_matching(answers, arrows, lead), general
    accepted = tuple(
        Accepted(text, 1.0 if a.weight is None else a.weight, clean(a.feedback))
        for a, text in zip(answers, texts, strict=True)
    )
    return _Piece("short", lead, {"accepted": accepted}), general


def _read_unmarked(answer: _Answer, inner: str, base: int) -> _Piece:
    """A block with no ``=`` or ``~``: true/false, or Moodle's one-answer short answer."""
    lead = base + len(inner) - len(inner.lstrip())
    head = _unescape(answer.text).strip()
    if head in _TRUE_FALSE:  # exactly T, TRUE, F or FALSE: Moodle reads "{t}" as a short answer
        if answer.weight is not None:
            raise _Invalid("a true/false answer takes no weight", lead)
        feedbacks = [_clean(p) for p in _split_on(_HASH, answer.feedback, "#")]
        wrong = feedbacks[0] if answer.has_feedback else ""
        right = "#".join(feedbacks[1:])
        return _Piece("true_false", lead, {"answer": _TRUE_FALSE[head], "fb": (wrong, right)})
    if not head:
        raise _Invalid("this answer is empty", lead)
    weight = 1.0 if answer.weight is None else answer.weight
    accepted = (Accepted(_clean(answer.text), weight, _clean(answer.feedback)),)
    return _Piece("short", lead, {"accepted": accepted})


def _read_matching(answers: list[_Answer], arrows: list[int], lead: int) -> _Piece:
    pairs = []
    for answer, arrow in zip(answers, arrows, strict=True):
        if arrow < 0:
            raise _Invalid(
                "in a matching question every answer is a pair '=item -> match'; "
                "this one has no '->'",
                answer.offset,
            )
        if answer.weight is not None:
            raise _Invalid("a matching pair takes no weight", answer.offset)
        if answer.has_feedback:
            raise _Invalid(
                "a matching pair takes no feedback ('#'); write \\# for a literal #",
                answer.offset,
            )
        item, option = _clean(answer.text[:arrow]), _clean(answer.text[arrow + 2 :])
        if not option:
            raise _Invalid("this pair has nothing to match after '->'", answer.offset)
        pairs.append((item, option))
    return _Piece("matching", lead, {"pairs": pairs})


def _read_numerical(inner: str, base: int) -> _Piece:
    hash_at = inner.index("#")
    body = inner[hash_at + 1 :]
    body_base = base + hash_at + 1
    other = _find(_TILDE, body, "~")
    other_feedback = ""
    if other >= 0:
        # Moodle's feedback for any other number: everything after the first "~", its
        # feedback after a "#" (what comes before the "#" Moodle ignores).
        rest = body[other + 1 :]
        cut = _find(_HASH, rest, "#")
        other_feedback = _clean(rest[cut + 1 :]) if cut >= 0 else ""
        body = body[:other]
    if not body.strip():
        raise _Invalid("a numerical question needs a number after '{#'", base + hash_at)
    numeric = []
    for answer in _answers(body, body_base, head_is_answer=True):
        numeric.append(_numeric_answer(answer))
    values = {"numeric": tuple(numeric), "other_feedback": other_feedback}
    return _Piece("numerical", base + hash_at, values)


def _numeric_answer(answer: _Answer) -> NumericAnswer:
    if answer.mark == "~":  # pragma: no cover - "~" is cut off before the answers are read
        raise _Invalid("a numerical answer starts with '='", answer.offset)
    raw = answer.text
    offset = answer.offset + len(answer.mark)
    if not raw.strip():
        raise _Invalid("this numerical answer has no number", answer.offset)
    weight = 1.0 if answer.weight is None else answer.weight
    feedback = _clean(answer.feedback)
    if ".." in raw:
        low_raw, high_raw = raw.split("..", 1)
        low = _number(low_raw, "the start of a range", offset)
        high = _number(high_raw, "the end of a range", offset)
        if high < low:
            raise _Invalid(f"the range {_unescape(raw).strip()} ends below its start", offset)
        # In decimal, as written: 3.14..3.15 is 3.145 +- 0.005, with no float noise.
        low_d, high_d = Decimal(_unescape(low_raw).strip()), Decimal(_unescape(high_raw).strip())
        middle, half = (low_d + high_d) / 2, (high_d - low_d) / 2
        return NumericAnswer(float(middle), float(half), weight, feedback)
    colon = _find(_COLON, raw, ":")
    if colon >= 0:
        value = _number(raw[:colon], "the answer", offset)
        tolerance = _number(raw[colon + 1 :], "the tolerance after ':'", offset + colon)
        if tolerance < 0:
            raise _Invalid("the tolerance after ':' cannot be negative", offset + colon)
        return NumericAnswer(value, tolerance, weight, feedback)
    return NumericAnswer(_number(raw, "the answer", offset), 0.0, weight, feedback)


_FIRST_NAMES = tuple(letters(index) for index in range(26))


def _names(count: int) -> tuple[str, ...]:
    """The names of ``count`` choices, "a", "b"...: for a usual block, a slice of ready ones."""
    if count <= len(_FIRST_NAMES):
        return _FIRST_NAMES[:count]
    return tuple(letters(index) for index in range(count))


def _plain_spans(text: str, position: int) -> list[tuple[int, int]] | None:
    """``answer_spans`` for a text without escapes, with ``str.find``: the blocks when every
    brace pairs up, else None (the scanner then says what is wrong, and where)."""
    spans = []
    while True:
        opened = text.find("{", position)
        if opened < 0:
            return spans if text.find("}", position) < 0 else None
        closed = text.find("}", opened + 1)
        if closed < 0 or text.find("}", position, opened) >= 0:
            return None
        if text.find("{", opened + 1, closed) >= 0:
            return None
        spans.append((opened, closed))
        position = closed + 1
