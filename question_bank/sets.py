"""A question set and its flashcards: what every format reads into and writes from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from question_bank import cloze_marks, media
from question_bank.categories import category_problem, clean_category
from question_bank.media import MediaFile
from question_bank.types.base import TEXT_FORMATS, Question
from question_bank.types.values import Source


@dataclass(frozen=True)
class Card:
    """A flashcard: one fact, front and back, scheduled by spaced repetition."""

    id: str
    front: str = ""
    back: str = ""
    category: str | None = None
    tags: tuple[str, ...] = ()
    source: Source | None = None
    #: The images its front and back refer to as ``@@PLUGINFILE@@/<name>``.
    files: tuple[MediaFile, ...] = ()
    #: How ``front`` and ``back`` are written: "plain", "markdown", "html" or "moodle" (a card
    #: made from a question takes its format; an Anki deck's cards are "html"); the app
    #: sanitises it as it does a question's text (``question_bank.rendering``).
    text_format: str = "plain"
    #: A cloze card's sentence with its deletions marked as Anki marks them
    #: (``{{c1::answer}}``, ``{{c1::answer::hint}}``; ``question_bank.cloze_marks``); empty for
    #: a front-and-back card.  A cloze card's ``front`` and ``back`` are made from it: the
    #: sentence with the deletions hidden, and the answers.
    cloze: str = ""
    #: What a cloze card's back shows under the sentence (Anki's "Back Extra").
    extra: str = ""

    def __post_init__(self) -> None:
        if self.cloze:
            object.__setattr__(self, "front", cloze_marks.front_text(self.cloze))
            object.__setattr__(self, "back", cloze_marks.answer_text(self.cloze))
        if len(self.files) > 1:  # one order whatever the file gave: by name
            object.__setattr__(self, "files", tuple(sorted(self.files, key=lambda f: f.name)))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "front": self.front,
            "back": self.back,
            "category": self.category,
            "tags": list(self.tags),
            "source": self.source.to_dict() if self.source else None,
        }
        if self.files:
            data["files"] = [f.to_dict() for f in self.files]
        if self.text_format != "plain":
            data["text_format"] = self.text_format
        if self.cloze:
            data["cloze"] = self.cloze
        if self.extra:
            data["extra"] = self.extra
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Card:
        return cls(
            id=str(data["id"]),
            front=str(data.get("front") or ""),
            back=str(data.get("back") or ""),
            category=clean_category(data.get("category")),
            tags=tuple(str(t) for t in data.get("tags") or ()),
            source=Source.from_dict(data.get("source")),
            files=tuple(MediaFile.from_dict(f) for f in data.get("files") or ()),
            text_format=str(data.get("text_format") or "plain"),
            cloze=str(data.get("cloze") or ""),
            extra=str(data.get("extra") or ""),
        )

    @property
    def is_cloze(self) -> bool:
        return bool(self.cloze)

    def problems(self) -> list[str]:
        """What makes this card unusable, in words an instructor understands."""
        found = []
        if self.cloze:
            found.extend(cloze_marks.problems(self.cloze))
        else:
            if not self.front.strip():
                found.append("the card has no front")
            if not self.back.strip():
                found.append("the card has no back")
        category = category_problem(self.category)
        if category:
            found.append(category)
        if self.text_format not in TEXT_FORMATS:
            known = ", ".join(TEXT_FORMATS)
            found.append(f"a card's text format is one of {known}, not {self.text_format!r}")
        found.extend(media.file_problems(self.files))
        return found


@dataclass(frozen=True)
class QuestionSet:
    name: str
    description: str = ""
    questions: tuple[Question, ...] = ()
    #: Flashcards; when empty, ``effective_cards`` derives them from the questions
    #: (``Question.cards``: only where a good card can be made).
    cards: tuple[Card, ...] = field(default=())

    def effective_cards(self) -> tuple[Card, ...]:
        if self.cards:
            return self.cards
        return tuple(card for q in self.questions for card in q.cards())

    def problems(self) -> list[str]:
        found = []
        duplicates = _used_twice(q.id for q in self.questions)
        if duplicates:
            found.append(f"question ids used twice: {', '.join(duplicates)}")
        # (A set's own cards are the format's to check: "two cards share the same id".)
        made = [] if self.cards else _used_twice(card.id for card in self.effective_cards())
        if made:
            found.append(
                "two questions make a flashcard with the same id (a question's id or card_id "
                f"is another question's card): {', '.join(made)}"
            )
        for question in self.questions:
            found.extend(f"question {question.id!r}: {p}" for p in question.problems())
        found.extend(media.set_problems(self.all_files()))
        return found

    def all_files(self) -> list[MediaFile]:
        """Every file of the set's questions and cards (a file used twice is listed twice)."""
        return [f for q in self.questions for f in q.files] + [
            f for c in self.cards for f in c.files
        ]


def _used_twice(ids: Iterable[str]) -> list[str]:
    return sorted(key for key, times in Counter(ids).items() if times > 1)
