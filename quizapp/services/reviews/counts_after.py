"""Today's counts after a rating, from the counts before it: no second query.

``POST /review`` answers with today's counts once the card is rated.  Counting again after
the write cost a statement (on SQLite a second transaction) and was the largest part of the
request.  Instead the review's first statement reads the counts *before* the rating, in
their raw form (``Raw``: what is due or new, each counted one past its daily limit so that
"at the limit" and "over it" stay apart), and the rating's effect is applied here: the card
leaves the part of the queue it was counted in, enters the one its new state puts it in
(a card failed into relearning for ten minutes is a learning card again), and today's done
counts take the review; then the limits are applied as ``queue_order.capped`` does.

The rules below are the counting queries' (``queue_queries._counts_query``), in Python:
``tests/quizapp/services/reviews/test_counts_after.py`` checks them against the queries.
Pure: no database, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import State

from quizapp.services.reviews.queue_order import Counts, Limits, TodayDone, capped

NEW, LEARNING, REVIEW = "new", "learning", "review"


@dataclass(frozen=True)
class Raw:
    """Counts as the counting query gives them: reviews due and new cards counted up to one
    past the daily limit, learning cards all, and what was done today."""

    new: int
    learning: int
    review: int
    done: TodayDone


def counted_as(state: Any, *, now: datetime, day_end: datetime, ahead: datetime) -> str | None:
    """The part of today's counts a state is in (``state``: an object or a mapping with
    ``CardState``'s fields; None: never studied): ``NEW``, ``LEARNING``, ``REVIEW``, or
    None when it is not counted (suspended, buried, or due later)."""
    get = state.get if isinstance(state, Mapping) else lambda name: getattr(state, name)
    if state is None:
        return NEW
    buried = get("buried_until") is not None and get("buried_until") > now
    if get("suspended") or buried:
        return None
    if not get("reps"):
        return NEW
    due = get("due")
    if get("state") == int(State.Review):
        return REVIEW if due < day_end else None
    return LEARNING if due <= ahead and due < max(day_end, ahead) else None


def done_as(state: Any) -> str | None:
    """What a flashcard review of a card in ``state`` adds to today's done counts: ``NEW``
    (a card never studied), ``REVIEW`` (a card in review) or None (a learning card)."""
    if state is None or not state.reps:
        return NEW
    return REVIEW if state.state == int(State.Review) else None


def after_rating(
    raw: Raw,
    *,
    before: str | None,
    after: str | None,
    done: str | None,
    in_scope: bool,
    limits: Limits,
) -> Counts:
    """Today's counts once a card counted as ``before`` is rated and counted as ``after``
    (``in_scope``: whether the card is in the counts' set, or they are of all sets).  A
    rating is a flashcard review, so today's done counts take it (as ``done``: ``done_as``)
    whatever the scope."""
    parts = {NEW: raw.new, LEARNING: raw.learning, REVIEW: raw.review}
    if in_scope:
        if before is not None:
            parts[before] -= 1
        if after is not None:
            parts[after] += 1
    return capped(
        new=min(parts[NEW], max(limits.new_per_day, 0)),
        learning=parts[LEARNING],
        review=min(parts[REVIEW], max(limits.reviews_per_day, 0)),
        limits=limits,
        done=TodayDone(
            new=raw.done.new + (done == NEW), reviews=raw.done.reviews + (done == REVIEW)
        ),
    )
