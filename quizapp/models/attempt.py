"""Quiz attempts: the questions drawn for one sitting, their saved answers and the score.

Each attempt keeps a snapshot of its questions (``AttemptQuestion.data``, choices in the
order shown, with their real ids), so a new version of the set never changes an attempt in
progress or its record.  Responses are saved with the real ids too; the student sees and
sends names made for the attempt from ``Attempt.ids_key``.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from question_bank.types import Question as BankQuestion
from question_bank.types import question_from_dict
from quizapp.extensions import db
from quizapp.models.question_set import MAX_CATEGORY
from quizapp.models.types import JSONType, UTCDateTime


class Attempt(db.Model):
    __tablename__ = "attempts"
    __table_args__ = (Index("ix_attempts_user_set", "user_id", "set_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"))
    course_id: Mapped[int | None] = mapped_column(
        ForeignKey("courses.id", ondelete="SET NULL"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: When the time limit runs out (None: no limit).  Enforced by the server.
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    feedback_mode: Mapped[str] = mapped_column(String(20), default="deferred")
    #: The question the student last looked at (0-based), so a resume lands there.
    current_position: Mapped[int] = mapped_column(default=0)
    score: Mapped[float | None] = mapped_column(default=None)
    max_score: Mapped[float] = mapped_column(default=0.0)
    #: Bumped on every change: lets two tabs detect that the other one saved.
    version: Mapped[int] = mapped_column(default=1)
    #: The attempt's secret (64 hex digits, never sent): the names under which it shows
    #: choice, item and option ids are made from it (``question_bank.types.public_ids``).
    ids_key: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(32))

    questions: Mapped[list[AttemptQuestion]] = relationship(
        back_populates="attempt",
        order_by="AttemptQuestion.position",
        cascade="all, delete-orphan",
    )

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class AttemptQuestion(db.Model):
    __tablename__ = "attempt_questions"
    __table_args__ = (
        UniqueConstraint("attempt_id", "position"),
        UniqueConstraint("attempt_id", "question_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    position: Mapped[int]
    question_key: Mapped[str] = mapped_column(String(200))
    #: The flashcard this question tests: a graded answer counts as a review of it.
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id", ondelete="SET NULL"))
    category: Mapped[str | None] = mapped_column(String(MAX_CATEGORY))
    #: What the question is worth (its points, Moodle's default mark); ``score`` is the
    #: share of it earned (0..1), so the mark is ``score * points``.
    points: Mapped[float] = mapped_column(default=1.0, server_default="1")
    data: Mapped[dict[str, Any]] = mapped_column(JSONType)
    #: The files the snapshot's texts name, as ``Question.media``.
    media: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType, default=None)
    response: Mapped[Any | None] = mapped_column(JSONType, default=None)
    #: Set exactly when ``response`` is: the question list reads it instead of the responses.
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    score: Mapped[float | None] = mapped_column(default=None)
    feedback: Mapped[list[str] | None] = mapped_column(JSONType, default=None)
    #: The student marked the question to come back to it (Moodle's "flag this question"):
    #: shown in the question list, and as a filter of the review.
    flagged: Mapped[bool] = mapped_column(default=False, server_default=false())

    attempt: Mapped[Attempt] = relationship(back_populates="questions")

    def to_model(self) -> BankQuestion:
        return question_from_dict(self.data)
