"""Question sets: the questions and flashcards of one bank, with the options of its quiz.

A question's content is stored as the interchange dict of ``question_bank.types`` (``data``),
so the pure model stays the one definition of every type; the columns beside it are what
queries filter and sort on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from question_bank.sets import Card as BankCard
from question_bank.types import Question as BankQuestion
from question_bank.types import question_from_dict
from quizapp.extensions import db
from quizapp.models.types import JSONType, UTCDateTime

#: The longest category name (``question_bank``'s rule: trimmed, at most 100 characters).
MAX_CATEGORY = 100

PUBLIC = "public"
PRIVATE = "private"


class QuestionSet(db.Model):
    __tablename__ = "question_sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    #: None for the built-in banks, which belong to no one and are visible to everyone.
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: "public" (everyone) or "private" (the owner and the courses it is attached to).
    visibility: Mapped[str] = mapped_column(String(20), default=PUBLIC)
    #: Set for built-in banks ("article"), so that loading them again finds them.
    builtin_key: Mapped[str | None] = mapped_column(String(50), unique=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: Soft delete: attempts already taken keep their record.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # Quiz options, chosen by the owner.
    question_count: Mapped[int | None] = mapped_column(default=None)  # None: all
    categories: Mapped[list[str] | None] = mapped_column(JSONType, default=None)  # None: all
    #: The set's categories in the order its pages list them (the order the bank declares,
    #: else their first appearance in it); written by ``question_sets.sync_set``.
    category_order: Mapped[list[str] | None] = mapped_column(JSONType, default=None)
    shuffle_questions: Mapped[bool] = mapped_column(default=True)
    shuffle_choices: Mapped[bool] = mapped_column(default=True)
    time_limit_seconds: Mapped[int | None] = mapped_column(default=None)
    feedback_mode: Mapped[str] = mapped_column(String(20), default="deferred")
    attempts_allowed: Mapped[int | None] = mapped_column(default=None)  # None: unlimited

    questions: Mapped[list[Question]] = relationship(
        back_populates="question_set",
        order_by="Question.position",
        cascade="all, delete-orphan",
    )
    cards: Mapped[list[Card]] = relationship(
        back_populates="question_set", order_by="Card.position", cascade="all, delete-orphan"
    )


class Question(db.Model):
    __tablename__ = "questions"
    __table_args__ = (UniqueConstraint("set_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"))
    #: The stable id of the question model (``q-baghouz-mc``): the one exports and the API use.
    key: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]
    type: Mapped[str] = mapped_column(String(30))
    category: Mapped[str | None] = mapped_column(String(MAX_CATEGORY))
    card_key: Mapped[str | None] = mapped_column(String(200))
    #: The question's interchange dict, its files left out (they are in ``media_files``).
    data: Mapped[dict[str, Any]] = mapped_column(JSONType)
    #: The files its texts name (``@@PLUGINFILE@@/<name>``): ``services.media.references``.
    media: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType, default=None)

    question_set: Mapped[QuestionSet] = relationship(back_populates="questions")

    def to_model(self) -> BankQuestion:
        return question_from_dict(self.data)


class Card(db.Model):
    """A flashcard of a set.  Each user's schedule for it lives in ``CardState``."""

    __tablename__ = "cards"
    __table_args__ = (
        UniqueConstraint("set_id", "key"),
        Index("ix_cards_set_position", "set_id", "position"),
        Index("ix_cards_set_new_rank", "set_id", "new_rank", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]
    #: What the pages list the card by: a cloze card's front is its sentence with the gaps.
    front: Mapped[str] = mapped_column(Text)
    back: Mapped[str] = mapped_column(Text)
    #: A cloze card's sentence with its deletions (``{{c1::answer}}``): the review page shows
    #: the gaps on the front and the answers marked on the back.  None: front and back.
    cloze: Mapped[str | None] = mapped_column(Text, default=None)
    category: Mapped[str | None] = mapped_column(String(MAX_CATEGORY))
    data: Mapped[dict[str, Any]] = mapped_column(JSONType)
    media: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType, default=None)
    #: False once a new version of the set dropped the card; schedules are kept.
    active: Mapped[bool] = mapped_column(default=True)
    #: The order new cards are shown in: the card's place (1, 2, ...) among the active cards
    #: of its category in its set, by position; None for a retired card.  A student meets
    #: the first card of each category, then the second of each...; stored (by
    #: ``question_sets.sync_set``) so that the queue walks ``ix_cards_set_new_rank`` and
    #: stops at the daily limit instead of ranking the set's cards on every request.
    new_rank: Mapped[int | None] = mapped_column(default=None)

    question_set: Mapped[QuestionSet] = relationship(back_populates="cards")

    def to_model(self) -> BankCard:
        return BankCard.from_dict(self.data)
