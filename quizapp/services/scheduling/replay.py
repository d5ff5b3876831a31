"""The log is the truth: a card's state rebuilt from its log entries alone, and what differs
from the stored state.  Pure.

Each entry is replayed with the settings and the rule it was reviewed under (kept in the
entry): the study-day rule for entries that record their days, whole 24-hour periods for
the older ones (``rules.schedule``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from quizapp.models import CardState, ReviewLog
from quizapp.services.scheduling.cards import new_fsrs_card
from quizapp.services.scheduling.leeches import REVIEW, count_lapse
from quizapp.services.scheduling.rules import Days, schedule
from quizapp.services.scheduling.settings import scheduler_from_snapshot


@dataclass(frozen=True)
class Replayed:
    """A card's state rebuilt from its log alone."""

    card: FsrsCard
    reps: int
    lapses: int
    leech: bool
    last_day: date | None = None
    scheduled_days: int | None = None


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
    last_day: date | None = None
    interval: int | None = None
    default = fallback or Scheduler(enable_fuzzing=False)
    for entry in ordered:
        after = entry.state_after or {}
        snapshot = after.get("scheduler")
        scheduler = scheduler_from_snapshot(snapshot) if snapshot else default
        record = after.get("days")
        days = Days.from_record(record, last=last_day) if record else None
        was_review = card.state == State.Review
        rating = Rating(entry.rating)
        scheduled = schedule(scheduler, card, rating, entry.reviewed_at, days)
        card, interval = scheduled.card, scheduled.interval_days
        reps += 1
        lapses, warned = count_lapse(
            lapses, rating, was_review=was_review, origin=getattr(entry, "origin", None) or REVIEW
        )
        leech = leech or warned
        last_day = days.today if days is not None else None
    return Replayed(card, reps, lapses, leech, last_day, interval)


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
        ("last_day", state.last_day, replayed.last_day),
        ("scheduled_days", state.scheduled_days, replayed.scheduled_days),
    )
    return [f"{name}: stored {a!r}, replayed {b!r}" for name, a, b in stored if a != b]
