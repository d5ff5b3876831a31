"""A question set and its flashcards: what every format reads into and writes from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from question_bank.types.base import Question
from question_bank.types.values import Source


@dataclass(frozen=True)
class Card:
    """A flashcard: one fact, front and back, scheduled by spaced repetition."""

    id: str
    front: str
    back: str
    category: str | None = None
    tags: tuple[str, ...] = ()
    source: Source | None = None
    #: How ``front`` and ``back`` are written: a card made from a question takes its format
    #: ("plain", "markdown", "html" or "moodle"; see ``question_bank.rendering``).
    text_format: str = "plain"

    def to_dict(self) -> dict[str, Any]:
        data = {
            "id": self.id,
            "front": self.front,
            "back": self.back,
            "category": self.category,
            "tags": list(self.tags),
            "source": self.source.to_dict() if self.source else None,
        }
        if self.text_format != "plain":
            data["text_format"] = self.text_format
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Card:
        return cls(
            id=str(data["id"]),
            front=str(data["front"]),
            back=str(data["back"]),
            category=data.get("category") or None,
            tags=tuple(str(t) for t in data.get("tags") or ()),
            source=Source.from_dict(data.get("source")),
            text_format=str(data.get("text_format") or "plain"),
        )


@dataclass(frozen=True)
class QuestionSet:
    name: str
    description: str = ""
    questions: tuple[Question, ...] = ()
    #: Flashcards; when empty, ``effective_cards`` derives one per question that has one.
    cards: tuple[Card, ...] = field(default=())

    def effective_cards(self) -> tuple[Card, ...]:
        if self.cards:
            return self.cards
        cards = (q.card() for q in self.questions)
        return tuple(c for c in cards if c is not None)

    def problems(self) -> list[str]:
        found = []
        ids = [q.id for q in self.questions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            found.append(f"question ids used twice: {', '.join(duplicates)}")
        for question in self.questions:
            found.extend(f"question {question.id!r}: {p}" for p in question.problems())
        return found
