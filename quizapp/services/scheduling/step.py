"""One rating applied to a user's card: the state's columns after it and the log entry.

``review_step`` works it out without touching the database; ``apply_review`` puts it into
ORM objects (quiz evidence), and the flashcard review writes it with statements of its own.
Neither commits: the calling use case owns the transaction.

Each log entry keeps, beside the fsrs card before and after, what Anki keeps beside the
memory (reps, lapses, leech, suspended, buried_until, the study day of the last review and
the interval in days), the scheduler settings and the study days it was reviewed with, so
that undo restores everything and a replay gives the stored state back even after the
learner changed their settings, their time zone, or had their parameters fitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating, State
from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.models import Card, CardState, ReviewLog, User
from quizapp.services.reviews.days import Calendar, calendar_of
from quizapp.services.scheduling.cards import copy_into, is_new, new_fsrs_card, to_fsrs
from quizapp.services.scheduling.leeches import REVIEW, count_lapse
from quizapp.services.scheduling.rules import Days, schedule
from quizapp.services.scheduling.settings import scheduler_from_snapshot, settings_snapshot


def last_day_of(state: Any, calendar: Calendar) -> date | None:
    """The study day of the card's last review: kept since reviews are counted in study
    days; for a card last reviewed before, the day its last review falls in."""
    if state is None or state.last_review is None:
        return None
    return state.last_day or calendar.day_of(state.last_review)


def _extras(state: Any) -> dict[str, Any]:
    """What the log keeps of a state beside the fsrs card."""
    return {
        "reps": state.reps or 0,
        "lapses": state.lapses or 0,
        "leech": bool(state.leech),
        "suspended": bool(state.suspended),
        "buried_until": state.buried_until.isoformat() if state.buried_until else None,
        "last_day": state.last_day.isoformat() if state.last_day else None,
        "scheduled_days": state.scheduled_days,
    }


@dataclass(frozen=True)
class ReviewStep:
    """What one rating does: the CardState columns that change (all but ids, set and flag),
    the ReviewLog columns, and whether it made the card a leech (now suspended)."""

    state: dict[str, Any]
    log: dict[str, Any]
    became_leech: bool


def review_step(
    *,
    user: User,
    card_id: int,
    rating: Rating,
    now: datetime,
    state: CardState | None,
    origin: str = REVIEW,
    duration_ms: int | None = None,
    review_id: str | None = None,
) -> ReviewStep:
    """Rate ``card_id`` for ``user`` at ``now``, from ``state`` (None: no row yet)."""
    calendar = calendar_of(user)
    was_new = is_new(state)
    before = new_fsrs_card(card_id, now) if was_new else to_fsrs(state)
    state_before = None if was_new else {**before.to_dict(), **_extras(state)}
    days = Days(calendar.day_of(now), None if was_new else last_day_of(state, calendar), calendar)
    snapshot = settings_snapshot(user)
    scheduled = schedule(scheduler_from_snapshot(snapshot), before, rating, now, days)
    after = scheduled.card
    reps, lapses, version, leech, suspended = (
        (state.reps or 0, state.lapses or 0, state.version or 0, state.leech, state.suspended)
        if state is not None
        else (0, 0, 0, False, False)
    )
    lapses, became_leech = count_lapse(
        lapses, rating, was_review=before.state == State.Review, origin=origin
    )
    leech, suspended = bool(leech) or became_leech, bool(suspended) or became_leech
    counters = {
        "reps": reps + 1,
        "lapses": lapses,
        "leech": leech,
        "suspended": suspended,
        "buried_until": None,
        "last_day": days.today,
        "scheduled_days": scheduled.interval_days,
    }
    values = {
        "state": int(after.state),
        "step": after.step,
        "stability": after.stability,
        "difficulty": after.difficulty,
        "due": after.due,
        "last_review": after.last_review,
        **counters,
        "version": version + 1,
    }
    log = {
        "user_id": user.id,
        "card_id": card_id,
        "review_id": review_id,
        "rating": int(rating),
        "reviewed_at": now,
        "duration_ms": duration_ms,
        "origin": origin,
        "state_before": state_before,
        "before_state": None if state_before is None else state_before["state"],
        "state_after": {
            **after.to_dict(),
            **counters,
            "last_day": days.today.isoformat(),
            "scheduler": snapshot,
            "days": days.as_record(),
        },
    }
    return ReviewStep(state=values, log=log, became_leech=became_leech)


@dataclass(frozen=True)
class ReviewOutcome:
    state: CardState
    log: ReviewLog
    became_leech: bool


def apply_review(
    session: Session,
    *,
    user: User,
    card: Card,
    rating: Rating,
    now: datetime,
    origin: str = REVIEW,
    duration_ms: int | None = None,
    review_id: str | None = None,
    state: CardState | None = None,
) -> ReviewOutcome:
    """Rate ``card`` for ``user`` at ``now``: update (or create) the state, append the log.

    ``state`` may be passed when the caller already loaded it (with a lock).  Does not commit.
    """
    if state is None:
        state = session.execute(
            select(CardState).where(CardState.user_id == user.id, CardState.card_id == card.id)
        ).scalar_one_or_none()
    step = review_step(
        user=user,
        card_id=card.id,
        rating=rating,
        now=now,
        state=state,
        origin=origin,
        duration_ms=duration_ms,
        review_id=review_id,
    )
    if state is None:
        state = CardState(user_id=user.id, card_id=card.id, set_id=card.set_id, flagged=False)
        session.add(state)
    for name, value in step.state.items():
        setattr(state, name, value)
    log = ReviewLog(**step.log)
    session.add(log)
    return ReviewOutcome(state=state, log=log, became_leech=step.became_leech)


def restore_before(state: CardState, log: ReviewLog) -> bool:
    """Put ``state`` back as it was before ``log`` (for undo).  Returns False when the card
    was new before it: the caller then deletes the row (or keeps it only for a flag)."""
    before = log.state_before
    state.version = (state.version or 0) + 1
    if not before:
        copy_into(state, FsrsCard(card_id=state.card_id, due=log.reviewed_at))
        state.last_review = None
        state.reps = state.lapses = 0
        state.leech = state.suspended = False
        state.buried_until = None
        state.last_day = None
        state.scheduled_days = None
        return False
    copy_into(state, FsrsCard.from_dict(before))  # type: ignore[arg-type]
    state.reps = int(before.get("reps", max((state.reps or 1) - 1, 0)))
    state.lapses = int(before.get("lapses", state.lapses or 0))
    state.leech = bool(before.get("leech", False))
    state.suspended = bool(before.get("suspended", False))
    buried = before.get("buried_until")
    state.buried_until = datetime.fromisoformat(buried) if buried else None
    last_day = before.get("last_day")
    state.last_day = date.fromisoformat(last_day) if last_day else None
    state.scheduled_days = before.get("scheduled_days")
    return True
