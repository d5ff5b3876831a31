"""Reading GIFT: a file cut into questions (``lexing``), titles, formats, comments and
categories read here, each question built by the type that reads its construct."""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from question_bank import types as registry
from question_bank.categories import from_moodle_path
from question_bank.formats.base import ParseError, ParseResult, check_question
from question_bank.formats.gift.lexing import (
    _BRACES,
    _CATEGORY_LINE,
    _COMMENT_FIELD,
    _FORMAT_MARK,
    _SLUG_UNSAFE,
    _TITLE_END,
    _WHITESPACE,
    DEFAULT_TEXT_FORMAT,
    GAP,
    NAME,
    _Block,
    _blocks,
    _find,
    _Invalid,
    _Piece,
    _plain_spans,
    _read_block,
    _unescape,
)
from question_bank.sets import QuestionSet
from question_bank.types import CodecError, Question


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


@dataclass(slots=True)
class Construct:
    """One question's answers as GIFT wrote them, handed to the type that reads them: the
    construct's ``kind`` and ``values`` (choices, accepted answers, numbers, pairs...), the
    prompt, and the fields every question has; ``build`` makes the question.

    One is made for every question of a file: a plain class with slots, not a frozen
    dataclass (whose ``__init__`` sets each field through ``object.__setattr__``)."""

    kind: str
    values: dict[str, Any]
    prompt: str
    common: dict[str, Any]
    explicit_id: str | None
    reader: _Reader

    def build(
        self, cls: type[Question], make: Callable[..., Question] | None = None, **answers: Any
    ) -> Question:
        fields = {"prompt": self.prompt, **self.common, **answers}
        return self.reader.build(cls, self.explicit_id, make, fields)


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

        explicit_id, tags, points = self.comment_fields(block)
        common: dict[str, Any] = {
            "title": title,
            "category": self.category,
            "tags": tags,
            "general_feedback": general_feedback,
            "text_format": text_format,
        }
        if points is not None:
            common["points"] = points
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
        piece = pieces[0]
        return self.read(piece.kind, piece.values, piece.offset, prompt, explicit_id, common)

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
        make: Callable[..., Question] | None,
        values: dict[str, Any],
    ) -> Question:
        """The question, built once (by ``make``, else ``cls``) from ``values`` (its fields but
        the id), with its id and answer display.

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

    def comment_fields(self, block: _Block) -> tuple[str | None, tuple[str, ...], float | None]:
        """The ``[id:...]`` (the first one), ``[tag:...]`` and ``[points:...]`` comments."""
        if not block.comments:
            return None, (), None
        explicit_id: str | None = None
        tags: list[str] = []
        points: float | None = None
        for comment in block.comments:
            for match in _COMMENT_FIELD.finditer(comment):
                value = match.group(2).replace("\\]", "]").strip()
                if match.group(1) == "id":
                    explicit_id = explicit_id or value or None
                elif match.group(1) == "points":
                    points = _points(value, block)
                elif value and value not in tags:
                    tags.append(value)
        return explicit_id, tuple(tags), points


def _points(value: str, block: _Block) -> float:
    try:
        points = float(value)
    except ValueError:
        points = float("nan")
    if not math.isfinite(points) or points < 0:
        raise _Invalid(f"[points:{value}] is not a number of points", None)
    return points


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
