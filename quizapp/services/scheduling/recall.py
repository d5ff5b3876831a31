"""What fsrs predicts of a card's memory, in figures a person can use: pure.

* **Predicted recall on a day**: the probability of recalling the card on study day ``day``
  if it is not reviewed before, counted in study days from the day of its last review, as
  the scheduler counts them (``recall_on``).  A card reviewed today reads 100% today --
  true for fsrs, useless to a person -- so the pages ask about a day that matters: the
  card's due day (``recall_when_due``), an exam, a week ahead.
* **Memory strength**: fsrs's stability, the days until predicted recall falls to 90%:
  "lasts about N days" (``lasts_days``).

Cards in (re)learning are between steps minutes apart: they have no due *day* yet, so
``recall_when_due`` gives None for them ("being learnt" on the pages).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Scheduler, State

from quizapp.services.reviews.days import Calendar
from quizapp.services.scheduling.cards import interval_days, is_new
from quizapp.services.scheduling.step import last_day_of

_REFERENCE = datetime(2000, 1, 1, tzinfo=UTC)


def recall_after(scheduler: Scheduler, stability: float | None, days: int) -> float:
    """fsrs's probability of recall ``days`` whole days after a review that left the card
    with this stability (0 without one)."""
    if stability is None:
        return 0.0
    card = FsrsCard(state=State.Review, stability=stability, difficulty=5.0)
    card.last_review = _REFERENCE
    return float(scheduler.get_card_retrievability(card, _REFERENCE + timedelta(days=days)))


def recall_on(scheduler: Scheduler, state: Any, calendar: Calendar, day: date) -> float:
    """The predicted recall on study day ``day`` without a review before it (0 if new)."""
    if is_new(state):
        return 0.0
    last = last_day_of(state, calendar)
    elapsed = max((day - last).days, 0) if last is not None else 0
    return recall_after(scheduler, state.stability, elapsed)


def recall_when_due(
    scheduler: Scheduler, state: Any, calendar: Calendar, today: date
) -> float | None:
    """The predicted recall on the card's due day (today, if it is overdue); None for a
    new card or one in (re)learning, which has no due day yet."""
    if is_new(state) or state.state != int(State.Review):
        return None
    last = last_day_of(state, calendar)
    due_day = (
        last + timedelta(days=round(interval_days(state)))
        if last is not None
        else calendar.day_of(state.due)
    )
    return recall_on(scheduler, state, calendar, max(due_day, today))


def lasts_days(state: Any) -> float | None:
    """The memory's strength: days until predicted recall falls to 90% (fsrs's stability)."""
    if is_new(state) or state.stability is None:
        return None
    return float(state.stability)
