"""The memory model: FSRS (the ``fsrs`` package, the scheduler Anki ships) applied to a
user's card state, and the review log that records every step.

``apply_review`` is the one place a rating changes a schedule, for flashcard reviews and for
graded quiz answers alike.  It does not commit: the calling use case owns the transaction.

Fuzzing is off: ``fsrs`` draws its fuzz from the global random generator, and the log must
replay to exactly the stored state (and tests must be repeatable).

Each log entry keeps, beside the fsrs card before and after, the counters Anki keeps (reps,
lapses, leech, suspended, buried_until) and the scheduler settings it was reviewed with, so
that undo restores everything and a replay gives the stored state back even after the
learner changed their settings or had their parameters fitted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State
from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.models import Card, CardState, ReviewLog, User

#: A card lapsed this many times is a leech: suspended and tagged, as in Anki.
LEECH_THRESHOLD = 8
#: What the learner is told when a review makes a card a leech (the page and review.js).
LEECH_MESSAGE = (
    f"You have forgotten this card {LEECH_THRESHOLD} times: it is now a leech, suspended so "
    "it stops taking your time. Rewrite it or study its source, then unsuspend it from its page."
)
#: A card is mature once its interval reaches this many days (Anki's definition).
MATURE_DAYS = 21

#: The names the pages and the API give to fsrs's ratings and states.
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
STATE_NAMES = {
    int(State.Learning): "learning",
    int(State.Review): "review",
    int(State.Relearning): "relearning",
}

_STEP = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
#: Longer than any setting allows (``reviews.settings`` says 30 days), short of overflowing.
_LONGEST_STEP = 366 * 86400


def parse_steps(text: str) -> tuple[timedelta, ...]:
    """``"1m 10m"`` -> (1 minute, 10 minutes).  Raises ValueError on anything else."""
    steps = []
    for token in text.split():
        match = _STEP.match(token.strip().lower())
        if not match:
            raise ValueError(f"{token!r} is not a step such as 1m, 10m, 1h or 1d")
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        if seconds <= 0:
            raise ValueError(f"{token!r}: a step must be longer than zero")
        if not seconds <= _LONGEST_STEP:  # also inf and nan: no timedelta holds them
            raise ValueError(f"{token[:20]!r} is longer than any step (a year at most)")
        steps.append(timedelta(seconds=seconds))
    return tuple(steps)


def settings_snapshot(user: User) -> dict[str, Any]:
    """What ``scheduler_for`` builds a scheduler from, as JSON (kept in every log entry)."""
    return {
        "desired_retention": user.desired_retention,
        "learning_steps": [s.total_seconds() for s in parse_steps(user.learning_steps)],
        "relearning_steps": [s.total_seconds() for s in parse_steps(user.relearning_steps)],
        "maximum_interval": user.maximum_interval_days,
        "parameters": list(user.fsrs_parameters) if user.fsrs_parameters else None,
    }


def scheduler_from_snapshot(snapshot: dict[str, Any]) -> Scheduler:
    options: dict[str, Any] = {
        "desired_retention": float(snapshot["desired_retention"]),
        "learning_steps": tuple(timedelta(seconds=s) for s in snapshot["learning_steps"]),
        "relearning_steps": tuple(timedelta(seconds=s) for s in snapshot["relearning_steps"]),
        "maximum_interval": int(snapshot["maximum_interval"]),
        "enable_fuzzing": False,
    }
    if snapshot.get("parameters"):
        options["parameters"] = tuple(float(p) for p in snapshot["parameters"])
    return Scheduler(**options)


def scheduler_for(user: User) -> Scheduler:
    """The FSRS scheduler with this user's settings (and fitted parameters, if any)."""
    return scheduler_from_snapshot(settings_snapshot(user))


def new_fsrs_card(card_id: int, now: datetime) -> FsrsCard:
    return FsrsCard(card_id=card_id, due=now)


def is_new(state: CardState | None) -> bool:
    """Never reviewed: no row, or a row that only holds a flag, a burial or a suspension."""
    return state is None or not state.reps


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


def _counters(state: CardState) -> dict[str, Any]:
    return {
        "reps": state.reps or 0,
        "lapses": state.lapses or 0,
        "leech": bool(state.leech),
        "suspended": bool(state.suspended),
        "buried_until": state.buried_until.isoformat() if state.buried_until else None,
    }


def interval_days(state: CardState) -> float:
    """The scheduled interval: from the last review to the due date, in days."""
    if state.last_review is None:
        return 0.0
    return (state.due - state.last_review).total_seconds() / 86400


def count_lapse(lapses: int, leech: bool, rating: Rating, *, was_review: bool) -> tuple[int, bool]:
    """The lapse and leech rule, as Anki's: Again on a card in review is a lapse, and the
    ``LEECH_THRESHOLD``-th lapse makes the card a leech (suspended and tagged) -- once.
    Returns (lapses after the rating, whether this rating made the card a leech)."""
    if rating != Rating.Again or not was_review:
        return lapses, False
    lapses += 1
    return lapses, lapses >= LEECH_THRESHOLD and not leech


def is_mature(state: CardState) -> bool:
    """In review with an interval of ``MATURE_DAYS`` or more (Anki's "mature")."""
    return state.state == int(State.Review) and interval_days(state) >= MATURE_DAYS


@dataclass(frozen=True)
class ReviewStep:
    """What one rating does, worked out without touching the database: the card state's
    columns after the review and the log entry's columns.  ``apply_review`` puts it into ORM
    objects; the flashcard review writes it with two statements of its own."""

    state: dict[str, Any]  # CardState columns that change (all but ids, set and flag)
    log: dict[str, Any]  # ReviewLog columns
    became_leech: bool


def review_step(
    *,
    user: User,
    card_id: int,
    rating: Rating,
    now: datetime,
    state: CardState | None,
    origin: str = "review",
    duration_ms: int | None = None,
    review_id: str | None = None,
) -> ReviewStep:
    """Rate ``card_id`` for ``user`` at ``now``, from ``state`` (None: no row yet)."""
    was_new = is_new(state)
    before = new_fsrs_card(card_id, now) if was_new else to_fsrs(state)  # type: ignore[arg-type]
    state_before = None if was_new else {**before.to_dict(), **_counters(state)}  # type: ignore[arg-type]
    was_review = before.state == State.Review
    snapshot = settings_snapshot(user)
    after, _ = scheduler_from_snapshot(snapshot).review_card(
        before, rating, now.astimezone(UTC), duration_ms
    )
    reps, lapses, version, leech, suspended = (
        (state.reps or 0, state.lapses or 0, state.version or 0, state.leech, state.suspended)
        if state is not None
        else (0, 0, 0, False, False)
    )
    lapses, became_leech = count_lapse(lapses, bool(leech), rating, was_review=was_review)
    leech, suspended = bool(leech) or became_leech, bool(suspended) or became_leech
    values = {
        "state": int(after.state),
        "step": after.step,
        "stability": after.stability,
        "difficulty": after.difficulty,
        "due": after.due,
        "last_review": after.last_review,
        "reps": reps + 1,
        "lapses": lapses,
        "leech": leech,
        "suspended": suspended,
        "buried_until": None,
        "version": version + 1,
    }
    counters = {
        "reps": reps + 1,
        "lapses": lapses,
        "leech": leech,
        "suspended": suspended,
        "buried_until": None,
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
        "state_after": {**after.to_dict(), **counters, "scheduler": snapshot},
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
    if not before:
        copy_into(state, FsrsCard(card_id=state.card_id, due=log.reviewed_at))
        state.last_review = None
        state.reps = 0
        state.lapses = 0
        state.leech = False
        state.suspended = False
        state.buried_until = None
        state.version = (state.version or 0) + 1
        return False
    copy_into(state, FsrsCard.from_dict(before))  # type: ignore[arg-type]
    state.reps = int(before.get("reps", max((state.reps or 1) - 1, 0)))
    state.lapses = int(before.get("lapses", state.lapses or 0))
    state.leech = bool(before.get("leech", False))
    state.suspended = bool(before.get("suspended", False))
    buried = before.get("buried_until")
    state.buried_until = datetime.fromisoformat(buried) if buried else None
    state.version = (state.version or 0) + 1
    return True


def rating_for_score(score: float) -> Rating:
    """A graded quiz answer as a review: wrong is Again, right is Good.

    Partial credit: at least half right is Hard (recalled, with effort: FSRS counts Hard as
    a success), less than half is Again (a lapse), since a mostly wrong answer was not
    recalled.
    """
    if score >= 1 - 1e-9:
        return Rating.Good
    if score >= 0.5 - 1e-9:
        return Rating.Hard
    return Rating.Again


def retrievability(user: User, state: CardState, now: datetime) -> float:
    """The probability, by FSRS, that the user recalls the card at ``now`` (0 if never seen)."""
    if is_new(state):
        return 0.0
    return float(scheduler_for(user).get_card_retrievability(to_fsrs(state), now))


# --------------------------------------------------------------------------------- replay


@dataclass(frozen=True)
class Replayed:
    """A card's state rebuilt from its log alone."""

    card: FsrsCard
    reps: int
    lapses: int
    leech: bool


def replay(
    card_id: int, logs: Iterable[ReviewLog], *, fallback: Scheduler | None = None
) -> Replayed | None:
    """Rebuild a card's state by replaying its log from a new fsrs card, in order.

    Each entry is replayed with the settings it was reviewed with (kept in the log), or
    ``fallback`` for entries that have none.  None when the log is empty.
    """
    ordered = sorted(logs, key=lambda entry: (entry.reviewed_at, entry.id or 0))
    if not ordered:
        return None
    card = new_fsrs_card(card_id, ordered[0].reviewed_at)
    reps = lapses = 0
    leech = False
    default = fallback or Scheduler(enable_fuzzing=False)
    for entry in ordered:
        snapshot = (entry.state_after or {}).get("scheduler")
        scheduler = scheduler_from_snapshot(snapshot) if snapshot else default
        was_review = card.state == State.Review
        rating = Rating(entry.rating)
        card, _ = scheduler.review_card(card, rating, entry.reviewed_at, entry.duration_ms)
        reps += 1
        lapses, became_leech = count_lapse(lapses, leech, rating, was_review=was_review)
        leech = leech or became_leech
    return Replayed(card=card, reps=reps, lapses=lapses, leech=leech)


def replay_differences(state: CardState, replayed: Replayed) -> list[str]:
    """What differs between a stored state and its replay (empty: they agree exactly)."""
    stored: Sequence[tuple[str, Any, Any]] = (
        ("state", state.state, int(replayed.card.state)),
        ("step", state.step, replayed.card.step),
        ("stability", state.stability, replayed.card.stability),
        ("difficulty", state.difficulty, replayed.card.difficulty),
        ("due", state.due, replayed.card.due),
        ("last_review", state.last_review, replayed.card.last_review),
        ("reps", state.reps, replayed.reps),
        ("lapses", state.lapses, replayed.lapses),
        ("leech", bool(state.leech), replayed.leech),
    )
    return [f"{name}: stored {a!r}, replayed {b!r}" for name, a, b in stored if a != b]
