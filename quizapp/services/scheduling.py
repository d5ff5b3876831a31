"""The memory model: FSRS (the ``fsrs`` package, the scheduler Anki ships) applied to a
user's card state, and the review log that records every step.

``apply_review`` is the one place a rating changes a schedule, for flashcard reviews and for
graded quiz answers alike.  It does not commit: the calling use case owns the transaction.

Fuzzing is off: ``fsrs`` draws its fuzz from the global random generator, and the log must
replay to exactly the stored state (and tests must be repeatable).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State
from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.models import Card, CardState, ReviewLog, User

#: A card lapsed this many times is a leech: suspended and tagged, as in Anki.
LEECH_THRESHOLD = 8

_STEP = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_steps(text: str) -> tuple[timedelta, ...]:
    """``"1m 10m"`` -> (1 minute, 10 minutes).  Raises ValueError on anything else."""
    steps = []
    for token in text.split():
        match = _STEP.match(token.strip().lower())
        if not match:
            raise ValueError(f"{token!r} is not a step such as 1m, 10m, 1h or 1d")
        steps.append(timedelta(seconds=float(match.group(1)) * _UNIT_SECONDS[match.group(2)]))
    return tuple(steps)


def scheduler_for(user: User) -> Scheduler:
    """The FSRS scheduler with this user's settings (and fitted parameters, if any)."""
    options: dict[str, Any] = {
        "desired_retention": user.desired_retention,
        "learning_steps": parse_steps(user.learning_steps),
        "relearning_steps": parse_steps(user.relearning_steps),
        "maximum_interval": user.maximum_interval_days,
        "enable_fuzzing": False,
    }
    if user.fsrs_parameters:
        options["parameters"] = tuple(user.fsrs_parameters)
    return Scheduler(**options)


def new_fsrs_card(card_id: int, now: datetime) -> FsrsCard:
    return FsrsCard(card_id=card_id, due=now)


def to_fsrs(state: CardState) -> FsrsCard:
    return FsrsCard(
        card_id=state.card_id,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def copy_into(state: CardState, card: FsrsCard) -> None:
    state.state = int(card.state)
    state.step = card.step
    state.stability = card.stability
    state.difficulty = card.difficulty
    state.due = card.due
    state.last_review = card.last_review


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
    origin: str = "review",
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
    before = to_fsrs(state) if state is not None else new_fsrs_card(card.id, now)
    was_review = before.state == State.Review
    after, _ = scheduler_for(user).review_card(before, rating, now, duration_ms)

    if state is None:
        state = CardState(user_id=user.id, card_id=card.id, set_id=card.set_id, reps=0, lapses=0)
        session.add(state)
    copy_into(state, after)
    state.reps = (state.reps or 0) + 1
    state.version = (state.version or 0) + 1
    state.buried_until = None
    became_leech = False
    if rating == Rating.Again and was_review:
        state.lapses = (state.lapses or 0) + 1
        if state.lapses >= LEECH_THRESHOLD and not state.leech:
            state.leech = True
            state.suspended = True
            became_leech = True

    log = ReviewLog(
        user_id=user.id,
        card_id=card.id,
        review_id=review_id,
        rating=int(rating),
        reviewed_at=now,
        duration_ms=duration_ms,
        origin=origin,
        state_before=None if state.reps == 1 else before.to_dict(),
        state_after=after.to_dict(),
    )
    session.add(log)
    return ReviewOutcome(state=state, log=log, became_leech=became_leech)


def rating_for_score(score: float) -> Rating:
    """A graded quiz answer as a review: wrong is Again, right is Good, partial is Hard."""
    if score >= 1 - 1e-9:
        return Rating.Good
    if score <= 1e-9:
        return Rating.Again
    return Rating.Hard


def retrievability(user: User, state: CardState, now: datetime) -> float:
    """The probability, by FSRS, that the user recalls the card at ``now`` (0 if never seen)."""
    return float(scheduler_for(user).get_card_retrievability(to_fsrs(state), now))
