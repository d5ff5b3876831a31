"""A card's schedule as fsrs sees it, and what Anki derives from it (new, mature).

Pure: a ``CardState`` row (or any object with its columns) in, values out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Protocol

from fsrs import Card as FsrsCard
from fsrs import State

#: A card is mature once its interval reaches this many days (Anki's definition).
MATURE_DAYS = 21

#: The names the pages and the API give to fsrs's ratings and states.
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
STATE_NAMES = {
    int(State.Learning): "learning",
    int(State.Review): "review",
    int(State.Relearning): "relearning",
}


class StateRow(Protocol):
    """A user's schedule of one card (a CardState row)."""

    card_id: int
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int
    lapses: int
    leech: bool
    suspended: bool
    buried_until: datetime | None
    last_day: date | None
    scheduled_days: int | None


def new_fsrs_card(card_id: int, now: datetime) -> FsrsCard:
    return FsrsCard(card_id=card_id, due=now)


def is_new(state: Any) -> bool:
    """Never reviewed: no row, or a row that only holds a flag, a burial or a suspension."""
    return state is None or not state.reps


def to_fsrs(state: Any) -> FsrsCard:
    return FsrsCard(
        card_id=state.card_id,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def copy_into(state: Any, card: FsrsCard) -> None:
    state.state = int(card.state)
    state.step = card.step
    state.stability = card.stability
    state.difficulty = card.difficulty
    state.due = card.due
    state.last_review = card.last_review


def interval_days(state: Any) -> float:
    """The scheduled interval in days: the study days from the last review's day to the due
    day for a card scheduled in days; else (a (re)learning step, or a review logged before
    days were counted as study days) the time from the last review to the due date."""
    if state.last_review is None:
        return 0.0
    if getattr(state, "scheduled_days", None) is not None:
        return float(state.scheduled_days)
    return (state.due - state.last_review).total_seconds() / 86400


def is_mature(state: Any) -> bool:
    """In review with an interval of ``MATURE_DAYS`` or more (Anki's "mature")."""
    return state.state == int(State.Review) and interval_days(state) >= MATURE_DAYS
