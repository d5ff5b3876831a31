"""Undo the last flashcard review: the card's previous state comes back, the log entry goes.

One step, as the review page offers it (``u`` or Ctrl+Z).  The state before a review is
kept in its log entry (``scheduling.restore_before`` puts it back), so an undo needs
nothing but the log.  Refused (409) when the card was answered again since, e.g. in a quiz,
or when another request changes the card at the same moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from quizapp.models import Card, CardState, ReviewLog, User
from quizapp.services import scheduling
from quizapp.services.errors import Conflict, ValidationFailed
from quizapp.services.reviews.access import state_of
from quizapp.services.reviews.queue import NextCard, current_card


@dataclass(frozen=True)
class UndoResult:
    card_id: int
    set_id: int
    rating: int
    reviewed_at: datetime
    state: CardState | None  # the restored state; None: the card is new again


def _claim(session: Session, state: CardState, seen: int) -> bool:
    """Compare-and-set on the state's version: the first write of the transaction, which
    takes the row's lock (PostgreSQL) or the database's write lock (SQLite)."""
    claimed = session.execute(
        update(CardState)
        .where(CardState.id == state.id, CardState.version == seen)
        .values(version=seen)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1  # type: ignore[attr-defined]


def undo_last(session: Session, user: User, *, now: datetime) -> UndoResult:
    """Undo the user's last flashcard review: the card's previous state comes back and the
    log entry goes.  Refused (409) when the card was reviewed since, e.g. in a quiz."""
    log = session.execute(
        select(ReviewLog)
        .where(ReviewLog.user_id == user.id, ReviewLog.origin == "review")
        .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if log is None:
        raise ValidationFailed("There is no review to undo.", code="nothing_to_undo")
    later = session.execute(
        select(ReviewLog.id)
        .where(
            ReviewLog.user_id == user.id,
            ReviewLog.card_id == log.card_id,
            or_(
                ReviewLog.reviewed_at > log.reviewed_at,
                and_(ReviewLog.reviewed_at == log.reviewed_at, ReviewLog.id > log.id),
            ),
        )
        .limit(1)
    ).first()
    if later is not None:
        raise Conflict(
            "This card was answered again since (in a quiz): its last review cannot be undone.",
            code="conflict",
        )
    state = state_of(session, user, log.card_id)
    card = session.get(Card, log.card_id)
    assert card is not None
    restored: CardState | None = None
    if state is not None:
        if not _claim(session, state, state.version):
            session.rollback()
            raise Conflict("This card changed in the meantime; try again.", code="conflict")
        if scheduling.restore_before(state, log):
            restored = state
        elif not state.flagged:
            session.delete(state)
    result = UndoResult(
        card_id=log.card_id,
        set_id=card.set_id,
        rating=log.rating,
        reviewed_at=log.reviewed_at,
        state=restored,
    )
    session.delete(log)
    session.commit()
    return result


@dataclass(frozen=True)
class UndoneAndNext:
    undone: UndoResult
    shown: NextCard | None  # the card undone, back on screen; else the next; None: done


def undo_and_show(
    session: Session, user: User, *, now: datetime, set_id: int | None = None
) -> UndoneAndNext:
    """``undo_last``, then the card to show: the card undone if it may be reviewed now and
    is in ``set_id`` (as in Anki, it comes back on screen), else the next of the queue."""
    undone = undo_last(session, user, now=now)
    shown = current_card(session, user, now=now, set_id=set_id, card_id=undone.card_id)
    return UndoneAndNext(undone, shown)
