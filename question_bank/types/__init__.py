"""The question types, one module each, and the registry that names them.

A type is a frozen dataclass deriving from ``Question`` (``base.py``) that owns, in its own
module:

* its fields (its part of the interchange schema: ``to_dict``/``from_dict``) and ``problems``;
* its grading (``grade``), response parsing (``parse_response``) and ``correct_response``;
* its public, answer-free form (``public_dict``) and the keys of it shuffled in each attempt
  (``shuffled_keys``), by ``shuffled(rng)``, a pure method the quiz's snapshot calls;
* the ids a student sees (``public_ids``), which an attempt shows under names of its own
  (``renamed``, ``renamed_response``; see ``public_ids.py``);
* whether it is ``answerable`` and ``gradable``, the flashcards it implies (``card``,
  ``cards``) and which of them an answer is evidence for, each with its score
  (``card_scores``, ``evidence``);
* its codec for each file format that can hold it (``codecs``, see ``codecs.py``), and why
  the others cannot (``unsupported``);
* its OpenAPI fragment (``public_schema``, ``response_schema``, ``response_doc``) and its
  templates (``template``, ``answer_key_template``);
* a ``sample()``, which the contract test (``tests/question_bank/types/test_contract.py``)
  runs through all of the above and every format.

The registry is this module, as a Moodle site's qtype folder or CTFd's challenge classes:
``QUESTION_TYPES`` maps a type name to its class, in the order the built-in types are listed
below; ``register`` adds a type (a plugin's, or a test's) and ``unregister`` removes it.
Nothing outside a type's module switches on the type: formats, the quiz service, the API
and the pages ask the type, found here by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from question_bank.categories import clean_category
from question_bank.media import MediaFile
from question_bank.types.base import (
    CardScore,
    CodecError,
    Grade,
    InvalidResponse,
    Question,
    clamp01,
)
from question_bank.types.cloze import BLANK_PATTERN, Cloze
from question_bank.types.description import Description
from question_bank.types.essay import Essay
from question_bank.types.matching import Matching
from question_bank.types.multiple_choice import MultipleChoice
from question_bank.types.multiple_response import MultipleResponse
from question_bank.types.numerical import Numerical
from question_bank.types.ordering import Ordering, OrderItem
from question_bank.types.short_answer import ShortAnswer
from question_bank.types.true_false import TrueFalse
from question_bank.types.values import Accepted, Choice, NumericAnswer, Pair, Source

__all__ = [
    "BLANK_PATTERN",
    "QUESTION_TYPES",
    "Accepted",
    "CardScore",
    "Choice",
    "Cloze",
    "CodecError",
    "Description",
    "Essay",
    "Grade",
    "InvalidResponse",
    "Matching",
    "MediaFile",
    "MultipleChoice",
    "MultipleResponse",
    "NumericAnswer",
    "Numerical",
    "OrderItem",
    "Ordering",
    "Pair",
    "Question",
    "ShortAnswer",
    "Source",
    "TrueFalse",
    "UnsupportedType",
    "answerable",
    "clamp01",
    "codec",
    "question_from_dict",
    "readers",
    "register",
    "type_named",
    "unregister",
]

_TYPES: dict[str, type[Question]] = {}
#: Type name -> class, read-only: change it with ``register`` and ``unregister``.
QUESTION_TYPES: Mapping[str, type[Question]] = MappingProxyType(_TYPES)


class UnsupportedType(ValueError):
    """A question type that a file format cannot hold; the message names both, and why."""

    def __init__(self, type_name: str, format_name: str, message: str) -> None:
        super().__init__(message)
        self.type_name = type_name
        self.format_name = format_name
        self.message = message


def register(cls: type[Question]) -> type[Question]:
    """Make a question type known by its ``type_name`` (usable as a class decorator)."""
    if not cls.type_name:
        raise ValueError(f"{cls.__name__} has no type_name")
    known = _TYPES.get(cls.type_name)
    if known is not None and known is not cls:
        raise ValueError(f"the question type {cls.type_name!r} is already registered")
    _TYPES[cls.type_name] = cls
    return cls


def unregister(type_name: str) -> None:
    """Forget a type (a test's throwaway one, say)."""
    _TYPES.pop(type_name, None)


def type_named(type_name: str) -> type[Question]:
    """The class of a registered type; ``KeyError`` for an unknown name."""
    return _TYPES[type_name]


def answerable(type_name: str) -> bool:
    """Is a question of this type answered (not a description, not an unknown type)?"""
    cls = _TYPES.get(type_name)
    return cls is not None and cls.answerable


def codec(
    question_type: type[Question], format_name: str, format_label: str, note: str = ""
) -> Any:
    """The type's codec for a format, or ``UnsupportedType`` saying why there is none (the
    type's reason for that format, else the format's ``note``)."""
    found = question_type.codecs.get(format_name)
    if found is not None:
        return found
    label = (question_type.label or question_type.type_name).lower()
    reason = question_type.unsupported.get(format_name) or note
    message = f"{format_label} cannot hold {label} questions ({question_type.type_name})"
    raise UnsupportedType(
        question_type.type_name, format_name, f"{message}: {reason}" if reason else message
    )


def readers(format_name: str, key: str) -> dict[str, Any]:
    """What a format reads, each to the codec that reads it: ``key`` names the codec
    attribute listing them (GIFT's ``constructs``, Moodle XML's ``qtypes``).  Two types may
    share one codec (Moodle's ``multichoice``), not a name with two different codecs."""
    found: dict[str, Any] = {}
    for cls in _TYPES.values():
        reader = cls.codecs.get(format_name)
        for name in getattr(reader, key, ()):
            if found.setdefault(name, reader) is not reader:
                raise RuntimeError(f"two question types read {format_name}'s {name!r}")
    return found


def question_from_dict(data: Mapping[str, Any]) -> Question:
    """Build a question from the interchange schema; raises ``ValueError`` on bad data."""
    type_name = data.get("type")
    cls = _TYPES.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        raise ValueError(f"unknown question type {type_name!r}")
    try:
        tags = data.get("tags") or ()
        if isinstance(tags, str):
            tags = [tags]
        common: dict[str, Any] = {
            "id": str(data["id"]),
            "prompt": str(data.get("prompt") or ""),
            "title": str(data.get("title") or ""),
            "category": clean_category(data.get("category")),
            "tags": tuple(str(t) for t in tags),
            "general_feedback": str(data.get("general_feedback") or ""),
            "answer_display": str(data.get("answer_display") or ""),
            "source": Source.from_dict(data.get("source")),
            "text_format": str(data.get("text_format") or "plain"),
            "card_id": data.get("card_id"),
            "points": float(data.get("points", cls.default_points())),
            "files": tuple(MediaFile.from_dict(f) for f in data.get("files") or ()),
        }
        common.update(cls._answers_from_dict(data))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"question {data.get('id')!r}: missing or malformed field {exc}") from exc
    question = cls(**common)
    if not question.answer_display:
        question = question.replace(answer_display=question.default_answer_display())
    return question


for _cls in (
    MultipleChoice,
    MultipleResponse,
    TrueFalse,
    ShortAnswer,
    Numerical,
    Matching,
    Cloze,
    Ordering,
    Essay,
    Description,
):
    register(_cls)
