"""The interval each rating would give, as Anki shows it on the answer buttons: pure.

Values in, values out: the learner's settings (through their scheduler), the card's state
and ``now``.  Nothing is written: the preview runs fsrs on a copy.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler

from quizapp.models import CardState, User
from quizapp.services import scheduling


def format_interval(delta: timedelta) -> str:
    """An interval as a button label: "<1m", "10m", "3h", "4d", "1.5mo", "2y"."""
    seconds = delta.total_seconds()
    if seconds <= 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}".removesuffix(".0") + "mo"
    return f"{days / 365:.1f}".removesuffix(".0") + "y"


def interval_labels(scheduler: Scheduler, before: FsrsCard, now: datetime) -> dict[str, str]:
    """Each rating's name and the interval it would give ``before`` at ``now``."""
    labels = {}
    for rating in Rating:
        after, _ = scheduler.review_card(before, rating, now.astimezone(UTC))
        labels[scheduling.RATING_NAMES[int(rating)]] = format_interval(after.due - now)
    return labels


def preview_intervals(
    user: User, card_id: int, state: CardState | None, now: datetime
) -> dict[str, str]:
    """The interval each rating would give this card, with the learner's own settings."""
    before = (
        scheduling.new_fsrs_card(card_id, now)
        if scheduling.is_new(state)
        else scheduling.to_fsrs(state)  # type: ignore[arg-type]
    )
    return interval_labels(scheduling.scheduler_for(user), before, now)
