"""Each user's FSRS schedule for one card, in columns of its own.

A card with no row here is new for that user.  ``ix_card_states_user_due`` makes "what is
due for this user now" one indexed range scan, however many users and cards there are.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import db
from quizapp.models.types import UTCDateTime


class CardState(db.Model):
    __tablename__ = "card_states"
    __table_args__ = (
        UniqueConstraint("user_id", "card_id"),
        Index("ix_card_states_user_due", "user_id", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"))
    # fsrs.Card, column by column.
    state: Mapped[int]  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: Mapped[int | None]
    stability: Mapped[float | None]
    difficulty: Mapped[float | None]
    due: Mapped[datetime] = mapped_column(UTCDateTime())
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # What Anki keeps beside the memory model.
    reps: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    suspended: Mapped[bool] = mapped_column(default=False)
    buried_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    flagged: Mapped[bool] = mapped_column(default=False)
    leech: Mapped[bool] = mapped_column(default=False)
    #: The study day of the last review (reviews are counted in study days since issue 15;
    #: None for a card last reviewed before) and the interval it gave in days (None for a
    #: (re)learning step within the day): Anki's ``ivl``.
    last_day: Mapped[date | None]
    scheduled_days: Mapped[int | None]
    #: Bumped on every review: concurrent reviews of one card cannot both win.
    version: Mapped[int] = mapped_column(default=1)
