"""When a card may be studied: what is due, the daily limits, and when the next card comes.

Pure: values in, values out; ``now`` and the study day are passed in.

* A card in **review** is due on its day: any time before the next rollover.
* A card in **(re)learning** is due to the minute, and up to 20 minutes early when
  nothing else is left (Anki's "learn ahead" limit).
* A card with no state, or with a state that only holds a flag, a burial or a suspension
  (``reps == 0``), is **new**; it counts against ``new_cards_per_day``.
* A **suspended** card is never shown; a **buried** one not before its burial ends.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from fsrs import State

from quizapp.services.errors import ValidationFailed
from quizapp.services.reviews.days import Calendar

LEARN_AHEAD = timedelta(minutes=20)
REVIEW = int(State.Review)

#: How a due card is sorted into the queue (``due_kind``).
REVIEW_DUE, LEARNING_NOW, LEARNING_AHEAD = "review", "learning_now", "learning_ahead"


class StateView(Protocol):
    """What the rules read of a card's state (a CardState row, or any object like it)."""

    state: int
    due: datetime
    reps: int
    suspended: bool
    buried_until: datetime | None


def remaining(limit: int, done: int) -> int:
    """What is left of a daily ``limit`` once ``done`` are done (never below zero)."""
    return max(limit - done, 0)


def due_cutoff(now: datetime, day_end: datetime) -> datetime:
    """Everything due before this moment may be shown today (reviews until the rollover,
    learning cards within the learn-ahead limit, whichever is later)."""
    return max(day_end, now + LEARN_AHEAD)


def due_kind(state: int, due: datetime, *, now: datetime, day_end: datetime) -> str | None:
    """Where a studied, shown card (not suspended or buried) goes in today's queue:
    ``REVIEW_DUE``, ``LEARNING_NOW``, ``LEARNING_AHEAD``, or None when it is not due."""
    if state == REVIEW:
        return REVIEW_DUE if due < day_end else None
    if due <= now:
        return LEARNING_NOW
    if due <= now + LEARN_AHEAD:
        return LEARNING_AHEAD
    return None


def unavailable(
    card: StateView | None, *, now: datetime, day_end: datetime
) -> ValidationFailed | None:
    """Why the card with this state (None: no row) may not be reviewed now, or None.
    A new card may be, as far as the card goes: the daily limit is ``new_limit_reached``."""
    if card is not None and card.suspended:
        return ValidationFailed("This card is suspended.", code="suspended")
    if card is not None and card.buried_until is not None and card.buried_until > now:
        return ValidationFailed("This card is buried until tomorrow.", code="buried")
    if card is None or not card.reps:
        return None
    if due_kind(card.state, card.due, now=now, day_end=day_end) is None:
        return ValidationFailed(
            f"This card is not due until {card.due.isoformat()}.", code="not_due"
        )
    return None


def new_limit_reached(new_left: int) -> ValidationFailed | None:
    """A refusal when no new card is left for today (``Limits.new_left``), else None."""
    if new_left <= 0:
        return ValidationFailed(
            "No more new cards today: today's new cards are started, or your reviews due "
            "fill today's review limit. More tomorrow.",
            code="new_limit",
        )
    return None


def next_available(
    *,
    review_due: datetime | None,
    learning_due: datetime | None,
    waiting: bool,
    now: datetime,
    day_end: datetime,
    calendar: Calendar,
) -> datetime | None:
    """When the next card becomes available to study (for the "done for today" screen).

    ``review_due``: the earliest review due after today; ``learning_due``: the earliest
    learning card due after ``now``; ``waiting``: something is held back until the next
    rollover (a burial, today's limits).  A review comes on the morning of its day, a
    learning card 20 minutes before it is due, what waits at the rollover."""
    candidates: list[datetime] = []
    if review_due is not None:
        candidates.append(calendar.day_start(calendar.day_of(review_due)))
    if learning_due is not None:
        candidates.append(max(learning_due - LEARN_AHEAD, now))
    if waiting:
        candidates.append(day_end)
    return min(candidates) if candidates else None
