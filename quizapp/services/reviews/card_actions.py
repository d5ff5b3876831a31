"""Suspend, bury and flag a card, as in Anki.

* **Suspended**: out of every queue until unsuspended (a leech is suspended by its review).
* **Buried**: out of the queue until the next rollover (4 a.m. in the learner's zone).
* **Flagged**: marked for the learner's own attention; it changes nothing in the queue.

A card never reviewed stays new: its row then holds only the flag, burial or suspension,
and goes when it holds none of them (``holds_nothing``).

Each change is an action on the day's undo stack (``undo``): an ``UndoStep`` keeps the
value it replaced, and ``put_back`` restores it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import State
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.models import Card, CardState, ReviewLog, UndoStep, User
from quizapp.services import scheduling
from quizapp.services.errors import Conflict, NotFound, ValidationFailed
from quizapp.services.reviews.access import card_for, state_of
from quizapp.services.reviews.days import StudyDay, study_day

#: The action each field's change is, on the undo stack.
ACTIONS = {"suspended": "suspend", "buried_until": "bury", "flagged": "flag"}


@dataclass(frozen=True)
class CardFlags:
    card_id: int
    suspended: bool
    buried_until: datetime | None
    flagged: bool
    leech: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "card_id": self.card_id,
            "suspended": self.suspended,
            "buried_until": self.buried_until.isoformat() if self.buried_until else None,
            "flagged": self.flagged,
            "leech": self.leech,
        }


def holds_nothing(state: CardState, now: datetime) -> bool:
    """A new card's row that holds no flag, suspension or burial still running: it goes."""
    return scheduling.is_new(state) and not (
        state.suspended or state.flagged or bool(state.buried_until and state.buried_until > now)
    )


def flags_of(card_id: int, state: CardState | None) -> CardFlags:
    """The card's flags, from the user's state of it (None: no row, nothing set)."""
    if state is None:
        return CardFlags(card_id, False, None, False, False)
    return CardFlags(card_id, state.suspended, state.buried_until, state.flagged, state.leech)


def _blank_state(session: Session, user: User, card: Card, now: datetime) -> CardState:
    """A row for a card this user has never reviewed (``reps == 0``: still new)."""
    state = CardState(
        user_id=user.id,
        card_id=card.id,
        set_id=card.set_id,
        state=int(State.Learning),
        step=0,
        stability=None,
        difficulty=None,
        due=now,
        last_review=None,
        reps=0,
        lapses=0,
        suspended=False,
        buried_until=None,
        flagged=False,
        leech=False,
        version=0,
    )
    session.add(state)
    return state


def newest_log_id(session: Session, user_id: int) -> int:
    """The id of the user's newest review-log entry (0: none): where an action stands
    among the reviews on the undo stack."""
    found = session.execute(
        select(func.max(ReviewLog.id)).where(ReviewLog.user_id == user_id)
    ).scalar()
    return int(found or 0)


def _as_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _from_json(name: str, value: Any) -> Any:
    return datetime.fromisoformat(value) if name == "buried_until" and value else value


def _record(
    session: Session, user: User, card_id: int, name: str, was: Any, day: StudyDay, now: datetime
) -> None:
    """Put the change on the undo stack; drop the steps of earlier days (never undone)."""
    session.execute(
        delete(UndoStep).where(UndoStep.user_id == user.id, UndoStep.done_at < day.start)
    )
    session.add(
        UndoStep(
            user_id=user.id,
            card_id=card_id,
            action=ACTIONS[name],
            before={name: _as_json(was)},
            after_log_id=newest_log_id(session, user.id),
            done_at=now,
        )
    )


def _change_flags(
    session: Session, user: User, card_id: Any, now: datetime, **changes: Any
) -> CardFlags:
    try:
        card = card_for(session, user, card_id, now=now)
    except ValidationFailed as error:
        # The card is named by the URL here: an unknown (or not yours) card is a 404.
        if error.code == "unknown_card":
            raise NotFound(error.message) from error
        raise
    state = state_of(session, user, card.id)
    if state is None:
        # A new card keeps being new: its row only holds the flag, burial or suspension.
        state = _blank_state(session, user, card, now)
    day = study_day(user, now)
    for name, value in changes.items():
        was = getattr(state, name)
        if was != value:
            _record(session, user, card.id, name, was, day, now)
        setattr(state, name, value)
    state.version = (state.version or 0) + 1
    flags = flags_of(card.id, state)
    if holds_nothing(state, now):
        session.delete(state)  # nothing left to hold: a new card has no row
    try:
        session.commit()
    except IntegrityError as error:
        session.rollback()
        raise Conflict("This card changed in the meantime; try again.") from error
    return flags


def set_suspended(
    session: Session, user: User, *, card_id: Any, suspended: bool, now: datetime
) -> CardFlags:
    """Suspend a card (it leaves every queue) or bring it back.  A leech stays tagged."""
    return _change_flags(session, user, card_id, now, suspended=bool(suspended))


def set_buried(
    session: Session, user: User, *, card_id: Any, buried: bool, now: datetime
) -> CardFlags:
    """Bury a card until the next rollover (4 a.m. in the learner's time zone), or unbury."""
    until = study_day(user, now).end if buried else None
    return _change_flags(session, user, card_id, now, buried_until=until)


def put_back(
    session: Session, user: User, step: UndoStep, state: CardState | None, now: datetime
) -> CardState | None:
    """Undo ``step``: the value it replaced comes back (no commit).  Returns the card's
    state, or None when the card, new, is left with nothing to hold (no row)."""
    ((name, value),) = step.before.items()
    value = _from_json(name, value)
    if state is None:
        if not value:
            return None
        card = session.get(Card, step.card_id)
        assert card is not None
        state = _blank_state(session, user, card, now)
    setattr(state, name, value)
    state.version = (state.version or 0) + 1
    if holds_nothing(state, now):
        session.delete(state)
        return None
    return state


def set_flagged(
    session: Session, user: User, *, card_id: Any, flagged: bool, now: datetime
) -> CardFlags:
    return _change_flags(session, user, card_id, now, flagged=bool(flagged))
