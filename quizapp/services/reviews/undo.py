"""Undo, as Anki offers it: a stack of the day's flashcard actions.

The actions are a review (rating a card), bury, suspend and flag.  ``undo_last`` undoes the
most recent one, and only it: pressing undo again undoes the one before, and so on back to
the start of the current study day (never further: yesterday's work is done).  Since each
undo takes the top of the stack, it never reverts an action done after the one it undoes.

* A **review** is undone from its log entry, which keeps the state before it
  (``scheduling.restore_before``); the entry goes.  Refused (409) when the card was
  answered since in a quiz: that evidence came after it and would be lost.
* **Bury, suspend, flag** are ``UndoStep`` rows (``card_actions`` records them), placed among
  the reviews by the newest log entry when they were done; undoing one puts the value it
  replaced back, and the row goes.

Refused (409) as well when another request changes the card at the same moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from quizapp.models import Card, CardState, ReviewLog, UndoStep, User
from quizapp.services import scheduling
from quizapp.services.errors import Conflict, ValidationFailed
from quizapp.services.reviews import card_actions
from quizapp.services.reviews.access import state_of
from quizapp.services.reviews.days import StudyDay, study_day
from quizapp.services.reviews.queue import NextCard, current_card

#: What the learner is told was undone, by action.
UNDONE = {
    "review": "your last answer",
    "bury": "the burial",
    "suspend": "the suspension",
    "flag": "the flag",
}


@dataclass(frozen=True)
class UndoResult:
    action: str  # "review", "bury", "suspend" or "flag"
    card_id: int
    set_id: int
    rating: int | None  # the rating undone (a review), else None
    done_at: datetime  # when the action undone was done
    state: CardState | None  # the card's state now; None: no row (a new card)

    @property
    def reviewed_at(self) -> datetime:
        return self.done_at

    @property
    def message(self) -> str:
        return f"Undone: {UNDONE[self.action]}."


def _top(session: Session, user: User, day: StudyDay) -> ReviewLog | UndoStep | None:
    """The most recent undoable action of today: a review or a step, whichever is later."""
    review = session.execute(
        select(ReviewLog)
        .where(
            ReviewLog.user_id == user.id,
            ReviewLog.origin == scheduling.REVIEW,
            ReviewLog.reviewed_at >= day.start,
        )
        .order_by(ReviewLog.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    step = session.execute(
        select(UndoStep)
        .where(UndoStep.user_id == user.id, UndoStep.done_at >= day.start)
        .order_by(UndoStep.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if step is not None and (review is None or step.after_log_id >= review.id):
        return step
    return review


def _claim(session: Session, state: CardState) -> bool:
    """Compare-and-set on the state's version: the first write of the transaction, which
    takes the row's lock (PostgreSQL) or the database's write lock (SQLite)."""
    claimed = session.execute(
        update(CardState)
        .where(CardState.id == state.id, CardState.version == state.version)
        .values(version=state.version)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1  # type: ignore[attr-defined]


def _undo_review(session: Session, user: User, log: ReviewLog) -> CardState | None:
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
    restored: CardState | None = None
    if state is not None:
        if not _claim(session, state):
            session.rollback()
            raise Conflict("This card changed in the meantime; try again.", code="conflict")
        if scheduling.restore_before(state, log):
            restored = state
        elif not state.flagged:
            session.delete(state)
    session.delete(log)
    return restored


def _undo_step(session: Session, user: User, step: UndoStep, now: datetime) -> CardState | None:
    state = state_of(session, user, step.card_id)
    if state is not None and not _claim(session, state):
        session.rollback()
        raise Conflict("This card changed in the meantime; try again.", code="conflict")
    restored = card_actions.put_back(session, user, step, state, now)
    session.delete(step)
    return restored


def undo_last(session: Session, user: User, *, now: datetime) -> UndoResult:
    """Undo the most recent flashcard action of today (see the module's docstring)."""
    day = study_day(user, now)
    top = _top(session, user, day)
    if top is None:
        raise ValidationFailed("There is nothing to undo today.", code="nothing_to_undo")
    card = session.get(Card, top.card_id)
    assert card is not None
    if isinstance(top, ReviewLog):
        action, rating, done_at = "review", top.rating, top.reviewed_at
        state = _undo_review(session, user, top)
    else:
        action, rating, done_at = top.action, None, top.done_at
        state = _undo_step(session, user, top, now)
    result = UndoResult(action, top.card_id, card.set_id, rating, done_at, state)
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
