"""The learner's undoable flashcard actions besides reviews: bury, suspend, flag.

Undo is a stack of the day's actions (``services.reviews.undo``).  A review's place on it is
its log entry; the other actions are rows here, each placed among the reviews by the id of
the newest log entry when it was done (``after_log_id``), so the stack needs no row per
review.  A row goes when it is undone; rows from earlier study days are never undone and
are purged as new ones come.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import db
from quizapp.models.types import JSONType, UTCDateTime


class UndoStep(db.Model):
    __tablename__ = "undo_steps"
    __table_args__ = (Index("ix_undo_steps_user_id_id", "user_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    #: "bury", "suspend" or "flag".
    action: Mapped[str] = mapped_column(String(20))
    #: The card's value before the action: {"buried_until": ...}, {"suspended": ...} or
    #: {"flagged": ...}; undo puts it back.
    before: Mapped[dict[str, Any]] = mapped_column(JSONType)
    #: The id of the user's newest review-log entry when the action was done (0: none).
    after_log_id: Mapped[int] = mapped_column(default=0)
    done_at: Mapped[datetime] = mapped_column(UTCDateTime())
