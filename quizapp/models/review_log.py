"""The review log: every rating ever given, with the card's state before and after.

The log is the truth: replaying a card's log from a new card gives its stored state.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, validates

from quizapp.extensions import db
from quizapp.models.types import JSONType, UTCDateTime


class ReviewLog(db.Model):
    __tablename__ = "review_logs"
    __table_args__ = (
        UniqueConstraint("user_id", "review_id"),
        # origin and before_state too: today's counts read the index alone.
        Index(
            "ix_review_logs_user_reviewed_at", "user_id", "reviewed_at", "origin", "before_state"
        ),
        Index("ix_review_logs_card_reviewed_at", "card_id", "reviewed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    #: The client's id for this review: a retry with the same id records nothing new.
    review_id: Mapped[str | None] = mapped_column(String(64))
    rating: Mapped[int]  # fsrs.Rating: 1 again, 2 hard, 3 good, 4 easy
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    duration_ms: Mapped[int | None]
    #: "review" (flashcards) or "quiz" (a graded quiz answer).
    origin: Mapped[str] = mapped_column(String(20), default="review")
    #: The card's state before (None: it was new) and after, as fsrs.Card.to_dict().
    state_before: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    state_after: Mapped[dict[str, Any]] = mapped_column(JSONType)
    #: ``state_before["state"]`` as a column (None: the card was new), which today's limits
    #: count on every flashcard request without parsing JSON.
    before_state: Mapped[int | None]

    @validates("state_before")
    def _keep_before_state(self, _key: str, value: dict[str, Any] | None) -> Any:
        """``before_state`` follows ``state_before`` whoever builds the entry."""
        self.before_state = None if not value else value.get("state")
        return value
