r"""GIFT: Moodle's plain-text question format, read and written.

One question per paragraph (blank lines separate questions); the answers go in braces::

    // a comment line; Moodle 3.6+ also reads "// [id:ID] [tag:TAG]" comments
    $CATEGORY: $course$/top/History/actor

    ::Title::[html]Who is buried in Grant's tomb?{
        ~Grant #feedback for this answer
        =no one
        ####general feedback
    }

What each construct becomes:

=================================================  ==========================================
``{=right ~wrong ~%50%half}`` (at least one ``=``)  ``multiple_choice``; ``=`` weighs 100%,
                                                   ``~`` 0%, ``%n%`` after either sets n%
``{~%50%a ~%50%b ~%-100%c}`` (``~`` only)           ``multiple_response``
``{T}`` ``{F}`` ``{TRUE}`` ``{FALSE}`` (any case)   ``true_false``; ``{TRUE#A#B}``: A is shown
                                                   to a student who answers wrong (it goes on
                                                   the ``false`` choice), B to one who answers
                                                   right (the ``true`` choice); the other way
                                                   round for ``{FALSE#A#B}``
``{=a =%50%b}`` (``=`` only, block at the end)     ``short_answer``
``{#12:0.5}`` ``{#1..5}`` ``{#=%50%12:2 ...}``      ``numerical`` (a range is its midpoint
                                                   plus or minus half its width)
``{=item -> match ...}``                           ``matching`` (``= -> extra`` is an option
                                                   that matches no item)
``text {~a =b} text`` (text after the block)       the block's type, the prompt showing the
                                                   gap as ``_____`` (Moodle's "missing word")
``text {=a =b} text``                              ``cloze``, the gap written ``{{1}}``
``{}``, ``{####general feedback}``                 ``essay``
no braces at all                                   ``description``
=================================================  ==========================================

``#feedback`` follows an answer; ``####feedback`` ends a block and is the general feedback.
``[html]``, ``[moodle]``, ``[plain]`` or ``[markdown]`` before the text set ``text_format``
(without one the format is ``moodle``, GIFT's default).  ``\~ \= \# \{ \} \: \\`` are
literal characters and ``\n`` a line break.  ``$CATEGORY: a/b/actor`` applies to the
questions after it: when its last part is a category (actor, date, place, outcome) that
becomes the questions' ``category``, and the path becomes one of their tags, after any
``// [tag:x]`` ones (a bare category name, or Moodle's ``$course$/top``, adds no tag).

Ids: a ``// [id:x]`` comment (Moodle's question "ID number") gives the id; otherwise the
title, made into a slug; otherwise ``q-`` and a hash of the type and text.  Ids are made
unique within the file with a ``-2``, ``-3``... suffix.  Choices are named ``a``, ``b``...;
matching items ``1``, ``2``... and their options ``a``, ``b``... in order of appearance.

``dump`` writes every question with a ``// [id:...]`` comment (Moodle imports it as the ID
number and ``parse`` reads it back as the id) and its tags as ``[tag:...]``, so the title
stays exactly the title and ids survive a round trip even without one.  ``$CATEGORY:`` lines
carry the category, using the tag whose last part names it, else the bare category name;
``$course$/top`` sets "no category" again (Moodle files such questions in the course's top
category, when its "get category from file" option is on).
The text format is always written (``[plain]``...), which also keeps a text that starts
with ``//`` or ``::`` from being read as a comment or a title.

Extensions and limits, deliberately:

* several ``{=...}`` blocks in one question are read as a cloze with several blanks, and
  written that way: Moodle's GIFT importer takes one block per question, so only cloze
  questions with one blank import into Moodle;
* ``{Paris}`` (no ``=``) is read as Moodle does: a short answer with that one answer;
* a numerical ``~#feedback`` (Moodle's feedback for any other number) is accepted but not
  kept: the model has no catch-all numerical answer;
* GIFT cannot carry ``source``, ``card_id``, a description's general feedback, an
  ``answer_display`` other than the default one, or a set's cards;
* GIFT has no ordering questions: ``dump`` raises ``UnsupportedType`` for one (as for any
  type without a GIFT codec), and ``parse`` reports the ordering plugin's ``{>...}`` blocks.

Each question type reads and writes its own answers (its ``gift`` codec, see
``question_bank.types.codecs``): this module cuts the file into questions, reads titles,
formats, comments and categories, lexes the answer blocks into constructs, and writes the
parts every question has.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from question_bank import types as registry
from question_bank.categories import from_moodle_path, to_moodle_path
from question_bank.formats.base import ParseError, ParseResult, check_question
from question_bank.sets import QuestionSet
from question_bank.types import (
    Accepted,
    Choice,
    CodecError,
    NumericAnswer,
    Question,
)
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
_COMMENT_FIELD = re.compile(r"\[(id|tag):((?:\\\]|[^\]\x00-\x1f])+)\]")
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


@dataclass
class _Block:
    """The lines of one question (comments apart), with what places them in the file."""

    comments: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)

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
            current = _Block()
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


@dataclass
class _Piece:
    """What one answer block says, before the question around it is built."""

    #: The GIFT construct (see ``question_bank.types.codecs``): "choice" (with a "=" answer),
    #: "choices" (only "~"), "true_false", "short", "numerical", "matching", "essay".
    kind: str
    offset: int
    values: dict[str, Any] = field(default_factory=dict)


def _read_block(inner: str, base: int) -> tuple[_Piece, str]:
    """Read the inside of ``{...}`` (at ``base`` in the question): the piece, general feedback."""
    cut = _find(_GENERAL_FEEDBACK, inner, "####") if "####" in inner else -1
    general = ""
    if cut >= 0:
        general = _clean(inner[cut + 4 :])
        inner = inner[:cut]
    stripped = inner.strip()
    lead = base + len(inner) - len(inner.lstrip())
    if not stripped:
        return _Piece("essay", lead), general
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
    if head.upper() in _TRUE_FALSE:
        if answer.weight is not None:
            raise _Invalid("a true/false answer takes no weight", lead)
        feedbacks = [_clean(p) for p in _split_on(_HASH, answer.feedback, "#")]
        wrong = feedbacks[0] if answer.has_feedback else ""
        right = "#".join(feedbacks[1:])
        return _Piece(
            "true_false", lead, {"answer": _TRUE_FALSE[head.upper()], "fb": (wrong, right)}
        )
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
    if other >= 0:
        # Moodle's feedback for any other number: "~#feedback".  Accepted, not kept.
        if not body[other + 1 :].lstrip().startswith("#"):
            raise _Invalid(
                "in a numerical question '~' only introduces the feedback for other numbers "
                "('~#feedback')",
                body_base + other,
            )
        body = body[:other]
    if not body.strip():
        raise _Invalid("a numerical question needs a number after '{#'", base + hash_at)
    numeric = []
    for answer in _answers(body, body_base, head_is_answer=True):
        numeric.append(_numeric_answer(answer))
    return _Piece("numerical", base + hash_at, {"numeric": tuple(numeric)})


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
        return NumericAnswer((low + high) / 2, (high - low) / 2, weight, feedback)
    colon = _find(_COLON, raw, ":")
    if colon >= 0:
        value = _number(raw[:colon], "the answer", offset)
        tolerance = _number(raw[colon + 1 :], "the tolerance after ':'", offset + colon)
        if tolerance < 0:
            raise _Invalid("the tolerance after ':' cannot be negative", offset + colon)
        return NumericAnswer(value, tolerance, weight, feedback)
    return NumericAnswer(_number(raw, "the answer", offset), 0.0, weight, feedback)


def _slug(title: str) -> str:
    title = title.replace("'", "").replace("\u2019", "")  # "Grant's" -> "grants"
    if not title.isascii():  # "Élysée" -> "elysee"
        title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return _SLUG_UNSAFE.sub("-", title.lower()).strip("-")[:60].strip("-")


def _unique(candidate: str, used: set[str]) -> str:
    result, number = candidate, 2
    while result in used:
        result = f"{candidate}-{number}"
        number += 1
    used.add(result)
    return result


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


@dataclass(frozen=True)
class Construct:
    """One question's answers as GIFT wrote them, handed to the type that reads them: the
    construct's ``kind`` and ``values`` (choices, accepted answers, numbers, pairs...), the
    prompt, and the fields every question has; ``build`` makes the question."""

    kind: str
    values: dict[str, Any]
    prompt: str
    common: dict[str, Any]
    explicit_id: str | None
    reader: _Reader

    def build(
        self, cls: type[Question], make: Callable[..., Question] | None = None, **answers: Any
    ) -> Question:
        return self.reader.build(
            cls, self.explicit_id, make=make, prompt=self.prompt, **self.common, **answers
        )


class _Reader:
    def __init__(self) -> None:
        self.readers = registry.readers(NAME, "constructs")
        self.errors: list[ParseError] = []
        self.questions: list[Question] = []
        self.used_ids: set[str] = set()
        self.category: str | None = None

    def block(self, block: _Block) -> None:
        if block.lines and _CATEGORY_LINE.match(block.lines[0].lstrip()):
            path = block.lines[0].strip()[len("$CATEGORY:") :].strip()
            self.category = from_moodle_path(path)
            del block.lines[0], block.numbers[0]
        if not block.lines:
            return
        text = block.text()
        try:
            question = self.question(block, text)
        except _Invalid as problem:
            self.errors.append(block.error(problem.message, problem.offset))
            return
        except Exception as exc:  # pragma: no cover - a safety net; the property test checks it
            self.errors.append(block.error(f"this question could not be read ({exc!r})", None))
            return
        if question is None:
            return
        found = check_question(question, block.numbers[0])
        if found:
            self.errors.extend(found)
            self.used_ids.discard(question.id)
            return
        self.questions.append(question)

    def question(self, block: _Block, text: str) -> Question | None:
        position = _WHITESPACE.match(text).end()  # type: ignore[union-attr]
        title = ""
        if text.startswith("::", position):
            end = _find(_TITLE_END, text, "::", position + 2)
            if end < 0:
                raise _Invalid("the title opened with '::' is never closed", position)
            title = _unescape(text[position + 2 : end]).strip()
            position = _WHITESPACE.match(text, end + 2).end()  # type: ignore[union-attr]
        text_format = DEFAULT_TEXT_FORMAT
        marker = _FORMAT_MARK.match(text, position) if text.startswith("[", position) else None
        if marker:
            text_format = marker.group(1)
            position = marker.end()

        spans = self.answer_spans(text, position, block)
        if spans is None:
            return None
        pieces: list[_Piece] = []
        general_feedback = ""  # the last one given, when several blocks have one
        problems = []
        for start, end in spans:
            try:
                piece, general = _read_block(text[start + 1 : end], start + 1)
            except _Invalid as problem:
                problems.append(block.error(problem.message, problem.offset))
                continue
            pieces.append(piece)
            general_feedback = general or general_feedback
        if problems:
            self.errors.extend(problems)
            return None

        explicit_id, tags = self.id_and_tags(block)
        common: dict[str, Any] = {
            "title": title,
            "category": self.category,
            "tags": tags,
            "general_feedback": general_feedback,
            "text_format": text_format,
        }
        if not spans:
            prompt = _unescape(text[position:]).strip()
            return self.read("text", {}, position, prompt, explicit_id, common)

        at_end = not text[spans[-1][1] + 1 :].strip()
        if len(spans) > 1 or (pieces[0].kind == "short" and not at_end):
            return self.cloze(text, position, spans, pieces, explicit_id, common)
        start, end = spans[0]
        before = text[position:start]
        if at_end:
            prompt = _unescape(before).strip()
        else:
            prompt = (_unescape(before) + GAP + _unescape(text[end + 1 :])).strip()
        return self.single(pieces[0], prompt, explicit_id, common)

    def answer_spans(self, text: str, position: int, block: _Block) -> list[tuple[int, int]] | None:
        """Where each ``{...}`` block opens and closes, or None after reporting stray braces."""
        if "\\" not in text:
            spans = _plain_spans(text, position)
            if spans is not None:
                return spans
        spans = []
        opened, depth = -1, 0  # depth counts braces nested by mistake, reported once each
        problems = []
        for match in _BRACES.finditer(text, position):
            token = match.group()
            if token == "{":
                if opened >= 0:
                    depth += 1
                    problems.append(
                        block.error(
                            "a '{' inside an answer block: close the block with '}' first, "
                            "or write \\{ for a literal brace",
                            match.start(),
                        )
                    )
                else:
                    opened = match.start()
            elif token == "}":
                if depth:
                    depth -= 1
                elif opened < 0:
                    problems.append(
                        block.error(
                            "this '}' closes no answer block; write \\} for a literal brace",
                            match.start(),
                        )
                    )
                else:
                    spans.append((opened, match.start()))
                    opened = -1
        if opened >= 0:
            problems.append(block.error("the answer block opened here is never closed", opened))
        if problems:
            self.errors.extend(problems)
            return None
        return spans

    def cloze(
        self,
        text: str,
        position: int,
        spans: list[tuple[int, int]],
        pieces: list[_Piece],
        explicit_id: str | None,
        common: dict[str, Any],
    ) -> Question:
        for (start, _), piece in zip(spans, pieces, strict=True):
            if piece.kind != "short":
                raise _Invalid(
                    "a question has one answer block, or several blocks of fill-in-the-blank "
                    "answers ('{=...}'); this block is not one",
                    start,
                )
        parts, cursor = [], position
        for number, (start, end) in enumerate(spans, start=1):
            parts.append(_unescape(text[cursor:start]))
            parts.append(f"{{{{{number}}}}}")
            cursor = end + 1
        parts.append(_unescape(text[cursor:]))
        blanks = tuple(piece.values["accepted"] for piece in pieces)
        prompt = "".join(parts).strip()
        return self.read("blanks", {"blanks": blanks}, spans[0][0], prompt, explicit_id, common)

    def single(
        self, piece: _Piece, prompt: str, explicit_id: str | None, common: dict[str, Any]
    ) -> Question:
        return self.read(piece.kind, piece.values, piece.offset, prompt, explicit_id, common)

    def read(
        self,
        kind: str,
        values: dict[str, Any],
        offset: int,
        prompt: str,
        explicit_id: str | None,
        common: dict[str, Any],
    ) -> Question:
        """The question, built by the type that reads the construct ``kind``."""
        codec = self.readers.get(kind)
        if codec is None:
            raise _Invalid(f"no question type here reads GIFT's {kind} answers", offset)
        try:
            return codec.read(Construct(kind, values, prompt, common, explicit_id, self))
        except CodecError as problem:
            raise _Invalid(str(problem), offset) from None

    def build(
        self,
        cls: type[Question],
        explicit_id: str | None,
        make: Callable[..., Question] | None = None,
        **values: Any,
    ) -> Question:
        """The question, built once (by ``make``, else ``cls``), with its id and answer display.

        The answer display is the question's own ``default_answer_display``, so it is known
        only once the question exists: it is set on the new question, which nothing else has
        seen yet, as a frozen dataclass's ``__post_init__`` would.  Building the question a
        second time for it (or ``dataclasses.replace``) made a big file markedly slower.
        """
        if explicit_id:
            candidate = explicit_id
        else:
            candidate = _slug(values["title"])
            if not candidate:
                digest = hashlib.sha256(f"{cls.type_name}\n{values['prompt']}".encode())
                candidate = f"q-{digest.hexdigest()[:10]}"
        values["id"] = _unique(candidate, self.used_ids)
        question = (make or cls)(**values)
        object.__setattr__(question, "answer_display", question.default_answer_display())
        return question

    def id_and_tags(self, block: _Block) -> tuple[str | None, tuple[str, ...]]:
        """The ``[id:...]`` (the first one) and ``[tag:...]`` comments."""
        if not block.comments:
            return None, ()
        explicit_id: str | None = None
        tags: list[str] = []
        for comment in block.comments:
            for match in _COMMENT_FIELD.finditer(comment):
                value = match.group(2).replace("\\]", "]").strip()
                if match.group(1) == "id":
                    explicit_id = explicit_id or value or None
                elif value and value not in tags:
                    tags.append(value)
        return explicit_id, tuple(tags)


def parse(text: str, set_name: str = "Imported questions") -> ParseResult:
    """Read GIFT text.  Never raises: every problem becomes a ``ParseError`` with its line."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    reader = _Reader()
    for block in _blocks(text):
        reader.block(block)
    result = ParseResult(errors=reader.errors)
    if reader.questions:
        result.sets.append(QuestionSet(name=set_name, questions=tuple(reader.questions)))
    elif not reader.errors:
        result.errors.append(ParseError("the file holds no questions"))
    return result


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
    fmt = question.text_format if question.text_format in TEXT_FORMATS else DEFAULT_TEXT_FORMAT
    head = f"::{_escape(question.title)}::" if question.title else ""
    head += f"[{fmt}]"
    return head + codec.write(question, Writer(question, fmt))


def _bracketed(key: str, value: str) -> str:
    return "[" + key + ":" + value.replace("]", "\\]") + "]"


def _comment(question: Question) -> str:
    bits = [_bracketed("id", question.id)]
    bits.extend(_bracketed("tag", tag) for tag in question.tags)
    return "// " + " ".join(bits).replace("\n", " ")


def dump(question_set: QuestionSet) -> str:
    """GIFT for a question set: Moodle imports it, and ``parse`` reads back the same set.

    Raises ``UnsupportedType`` for a question of a type GIFT cannot hold (ordering).
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
