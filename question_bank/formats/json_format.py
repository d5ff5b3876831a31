"""The project's own interchange format: JSON, one or more sets, every field kept.

Shape::

    {"sets": [{"name": "...", "description": "...",
               "questions": [question.to_dict(), ...],
               "cards": [card.to_dict(), ...]}]}          # "cards" is optional

``dump`` then ``parse`` gives back exactly the same sets.  ``parse`` checks the shape of
every set, question and card and says what is wrong and where (line numbers of the JSON
objects), collecting every problem rather than stopping at the first.  Each question is its
type's ``to_dict`` (the interchange schema); its type's ``json`` codec checks the shape of
its answer fields on the way in (a type without one cannot be written: ``UnsupportedType``).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import fields
from json import decoder as json_decoder
from json import scanner as json_scanner
from typing import Any

from question_bank import media
from question_bank import types as registry
from question_bank.formats.base import ParseError, ParseResult, line_and_column
from question_bank.sets import Card, QuestionSet
from question_bank.types import QUESTION_TYPES, Question, question_from_dict
from question_bank.types.base import TEXT_FORMATS

NAME = "json"
LABEL = "quizapp JSON"


# ------------------------------------------------------------------------------- dump


def to_data(sets: list[QuestionSet] | tuple[QuestionSet, ...] | QuestionSet) -> dict[str, Any]:
    """The interchange structure (plain dicts and lists) for one or several sets."""
    if isinstance(sets, QuestionSet):
        sets = [sets]
    for question_set in sets:
        for question in question_set.questions:
            registry.codec(type(question), NAME, LABEL)
    return {
        "sets": [
            {
                "name": s.name,
                "description": s.description,
                "questions": [q.to_dict() for q in s.questions],
                "cards": [c.to_dict() for c in s.cards],
            }
            for s in sets
        ]
    }


def dump(sets: list[QuestionSet] | tuple[QuestionSet, ...] | QuestionSet) -> str:
    """Pretty, stable JSON (keys in schema order, non-ASCII kept), ending with a newline."""
    return json.dumps(to_data(sets), ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------------------ parse


class _LocatingDecoder(json.JSONDecoder):
    """A JSON decoder that remembers where each object starts (for error messages)."""

    def __init__(self) -> None:
        super().__init__()
        self.starts: dict[int, int] = {}

        def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
            result, end = json_decoder.JSONObject(s_and_end, *args)
            self.starts[id(result)] = s_and_end[1] - 1
            return result, end

        self.parse_object = parse_object
        # The pure Python scanner calls ``self.parse_object``; the C one would not.
        self.scan_once = json_scanner.py_make_scanner(self)


class Checker:
    """Collects shape errors with the line of the object they are in; a type's ``json``
    codec checks its answer fields with the field checks below."""

    def __init__(self, text: str, starts: dict[int, int]) -> None:
        self.text = text
        self.starts = starts
        self.errors: list[ParseError] = []

    def line_of(self, obj: Any) -> int | None:
        position = self.starts.get(id(obj))
        return None if position is None else line_and_column(self.text, position)[0]

    def error(self, where: str, message: str, obj: Any) -> None:
        self.errors.append(ParseError(f"{where}: {message}", self.line_of(obj)))

    # -- field checks: each returns True when the value is acceptable ------------------

    def text_field(self, where: str, data: Mapping, key: str, *, required: bool = False) -> bool:
        if key not in data:
            if required:
                self.error(where, f'"{key}" is missing', data)
                return False
            return True
        if not isinstance(data[key], str):
            self.error(where, f'"{key}" must be text', data)
            return False
        return True

    def optional_text(self, where: str, data: Mapping, key: str) -> bool:
        if data.get(key) is None:
            return True
        return self.text_field(where, data, key)

    def number_field(self, where: str, data: Mapping, key: str, *, required: bool = False) -> bool:
        if key not in data:
            if required:
                self.error(where, f'"{key}" is missing', data)
                return False
            return True
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(where, f'"{key}" must be a number', data)
            return False
        if not math.isfinite(value):
            self.error(where, f'"{key}" must be a finite number', data)
            return False
        return True

    def tags_field(self, where: str, data: Mapping, *, allow_text: bool = True) -> bool:
        tags = data.get("tags")
        if tags is None or (allow_text and isinstance(tags, str)):
            return True
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            self.error(where, '"tags" must be a list of texts', data)
            return False
        return True

    def source_field(self, where: str, data: Mapping) -> bool:
        source = data.get("source")
        if source is None:
            return True
        if not isinstance(source, dict):
            self.error(where, '"source" must be an object with "quote", "start" and "end"', data)
            return False
        ok = self.text_field(f"{where}, source", source, "quote", required=True)
        for key in ("start", "end"):
            value = source.get(key)
            if isinstance(value, bool) or not isinstance(value, int):
                self.error(f"{where}, source", f'"{key}" must be a whole number', source)
                ok = False
        return ok

    def files_field(self, where: str, data: Mapping) -> bool:
        """``files``: a list of ``{"name", "mime", "data"}`` with the bytes in base64."""
        return self.list_of_objects(where, data, "files", _check_file)

    def list_of_objects(
        self, where: str, data: Mapping, key: str, check: Callable[[Any, str, dict], bool]
    ) -> bool:
        items = data.get(key)
        if items is None:
            return True
        if not isinstance(items, list):
            self.error(where, f'"{key}" must be a list', data)
            return False
        ok = True
        for number, item in enumerate(items, start=1):
            item_where = f"{where}, {key[:-1] if key.endswith('s') else key} {number}"
            if not isinstance(item, dict):
                self.error(where, f'item {number} of "{key}" must be an object', data)
                ok = False
            elif not check(self, item_where, item):
                ok = False
        return ok

    # -- questions and cards ---------------------------------------------------------------

    def question(self, where: str, data: dict) -> bool:
        type_name = data.get("type")
        cls = QUESTION_TYPES.get(type_name) if isinstance(type_name, str) else None
        if cls is None:
            known = ", ".join(sorted(QUESTION_TYPES))
            if "type" not in data:
                self.error(where, f'"type" is missing (one of {known})', data)
            else:
                self.error(where, f"unknown question type {type_name!r} (use one of {known})", data)
            return False
        ok = self.text_field(where, data, "id", required=True)
        if ok and not data["id"].strip():
            self.error(where, '"id" is empty', data)
            ok = False
        for key in ("prompt", "title", "general_feedback", "answer_display"):
            ok &= self.optional_text(where, data, key)
        ok &= self.optional_text(where, data, "category")
        ok &= self.optional_text(where, data, "card_id")
        ok &= self.tags_field(where, data)
        ok &= self.source_field(where, data)
        ok &= self.files_field(where, data)
        ok &= self.number_field(where, data, "points")
        text_format = data.get("text_format")
        if text_format is not None and text_format not in TEXT_FORMATS:
            self.error(where, f'"text_format" must be one of {", ".join(TEXT_FORMATS)}', data)
            ok = False
        allowed = {f.name for f in fields(cls)} | {"type"}
        for key in data:
            if key not in allowed:
                self.error(where, f'unknown field "{key}" for a {type_name} question', data)
                ok = False
        codec = cls.codecs.get(NAME)
        if codec is None:
            self.error(where, f"{type_name} questions cannot be read from JSON", data)
            return False
        return codec.check(self, where, data) and ok

    def card(self, where: str, data: dict) -> bool:
        ok = self.text_field(where, data, "id", required=True)
        # A cloze card's front and back are made from its "cloze" text.
        cloze = isinstance(data.get("cloze"), str) and bool(data["cloze"])
        ok &= self.text_field(where, data, "front", required=not cloze)
        ok &= self.text_field(where, data, "back", required=not cloze)
        ok &= self.optional_text(where, data, "cloze")
        ok &= self.optional_text(where, data, "extra")
        ok &= self.optional_text(where, data, "category")
        ok &= self.tags_field(where, data, allow_text=False)
        ok &= self.source_field(where, data)
        ok &= self.files_field(where, data)
        return ok


def _check_file(checker: Checker, where: str, item: dict) -> bool:
    ok = checker.text_field(where, item, "name", required=True)
    ok &= checker.text_field(where, item, "mime")
    ok &= checker.text_field(where, item, "data", required=True)
    if ok:
        try:
            base64.b64decode(item["data"], validate=True)
        except (binascii.Error, ValueError):
            checker.error(where, '"data" must be the file\'s bytes in base64', item)
            ok = False
    return ok


def _question_label(number: int, data: Any) -> str:
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return f'question {number} ("{data["id"]}")'
    return f"question {number}"


def _read_set(
    checker: Checker, number: int, data: Any, set_name: str, parent: Any
) -> QuestionSet | None:
    """One set (its good questions and cards), or None when it is not even an object."""
    where = f"set {number}"
    if not isinstance(data, dict):
        checker.error("file", f'{where} must be an object with "name" and "questions"', parent)
        return None
    checker.optional_text(where, data, "name")
    checker.optional_text(where, data, "description")
    name = data.get("name") if isinstance(data.get("name"), str) else None
    if name is None or not name.strip():
        name = set_name if number == 1 else f"{set_name} ({number})"
    raw_questions = data.get("questions")
    if raw_questions is None:
        checker.error(where, '"questions" is missing', data)
        raw_questions = []
    elif not isinstance(raw_questions, list):
        checker.error(where, '"questions" must be a list', data)
        raw_questions = []
    raw_cards = data.get("cards")
    if raw_cards is None:
        raw_cards = []
    elif not isinstance(raw_cards, list):
        checker.error(where, '"cards" must be a list', data)
        raw_cards = []
    for key in data:
        if key not in ("name", "description", "questions", "cards"):
            checker.error(where, f'unknown field "{key}"', data)

    questions: list[Question] = []
    for index, raw in enumerate(raw_questions, start=1):
        label = f"{where}, {_question_label(index, raw)}"
        if not isinstance(raw, dict):
            checker.error(label, "must be an object", data)
            continue
        if not checker.question(label, raw):
            continue
        try:
            question = question_from_dict(raw)
        except (ValueError, TypeError, KeyError) as exc:
            checker.error(label, str(exc), raw)
            continue
        problems = question.problems()
        if problems:
            for problem in problems:
                checker.error(label, problem, raw)
            continue
        questions.append(question)

    cards: list[Card] = []
    for index, raw in enumerate(raw_cards, start=1):
        label = f"{where}, card {index}"
        if not isinstance(raw, dict):
            checker.error(label, "must be an object", data)
            continue
        if not checker.card(label, raw):
            continue
        card = Card.from_dict(raw)
        problems = card.problems()
        for problem in problems:
            checker.error(label, problem, raw)
        if not problems:
            cards.append(card)

    question_set = QuestionSet(
        name=name,
        description=data.get("description") if isinstance(data.get("description"), str) else "",
        questions=tuple(questions),
        cards=tuple(cards),
    )
    for problem in media.set_problems(question_set.all_files()):
        checker.error(where, problem, data)
    ids = [q.id for q in questions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        checker.error(where, f"question ids used twice: {', '.join(duplicates)}", data)
    card_ids = [c.id for c in cards]
    if len(set(card_ids)) != len(card_ids):
        checker.error(where, "two cards share the same id", data)
    if cards:
        for question in questions:
            if question.card_id is not None and question.card_id not in card_ids:
                checker.error(
                    where,
                    f'question "{question.id}" refers to card "{question.card_id}", '
                    "which is not in the set",
                    data,
                )
    return question_set


def parse(text: str, set_name: str = "Imported questions") -> ParseResult:
    """Read the interchange JSON; never raises on bad input."""
    result = ParseResult()
    if not text.strip():
        result.errors.append(ParseError("the file is empty", 1))
        return result
    decoder = _LocatingDecoder()
    try:
        data = decoder.decode(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        result.errors.append(
            ParseError(f"this is not valid JSON: {exc.msg}", exc.lineno, exc.colno)
        )
        return result
    except RecursionError:
        result.errors.append(ParseError("the JSON is nested too deeply to read", 1))
        return result
    except ValueError:  # Python refuses whole numbers of more than 4,300 digits
        result.errors.append(ParseError("a number in the file has too many digits", 1))
        return result
    checker = Checker(text.removeprefix("\ufeff"), decoder.starts)
    if not isinstance(data, dict) or not isinstance(data.get("sets"), list):
        checker.errors.append(
            ParseError(
                'the file must be an object with a list of sets: {"sets": [{"name": ..., '
                '"questions": [...]}]}',
                1,
            )
        )
        result.errors = checker.errors
        return result
    for key in data:
        if key != "sets":
            checker.error("file", f'unknown field "{key}" (only "sets" is read)', data)
    if not data["sets"]:
        checker.error("file", "the list of sets is empty", data)
    for number, raw_set in enumerate(data["sets"], start=1):
        question_set = _read_set(checker, number, raw_set, set_name, data)
        if question_set is not None:
            result.sets.append(question_set)
    if not checker.errors and not result.questions:
        checker.errors.append(ParseError("the file holds no questions", 1))
    result.errors = checker.errors
    return result
