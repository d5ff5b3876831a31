"""The order of the queue and today's counts, from what is due: pure.

The queue is Anki's v3 scheduler's:

1. **(Re)learning cards due now**, as soon as they are due, before anything else: a
   10-minute relearning step does not wait behind the review pile.
2. **Reviews due**, oldest due first, at most what is left of ``max_reviews_per_day``.
3. **New cards** (in the set's order, interleaved across categories: the query gives them
   in that order), at most what is left of ``new_cards_per_day`` *and* of the review limit
   once today's reviews are counted: new cards studied today count toward the review
   limit, and with 20 reviews due under a limit of 5 no new card is offered (Anki's
   default, "new cards ignore review limit" off).
4. **Learning cards due within the learn-ahead limit**, when nothing else is left.

The counts shown beside it are the lengths of those lists, after the limits.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from quizapp.services.reviews.availability import (
    LEARNING_AHEAD,
    LEARNING_NOW,
    REVIEW_DUE,
    due_kind,
    remaining,
)


@dataclass(frozen=True)
class Counts:
    new: int = 0
    learning: int = 0
    review: int = 0

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review

    def as_dict(self) -> dict[str, int]:
        return {"new": self.new, "learning": self.learning, "review": self.review}


class QueueItem(NamedTuple):  # a tuple: a queue holds every due card, built per request
    card_id: int
    set_id: int
    kind: str  # "review", "learning" or "new"


@dataclass(frozen=True)
class TodayDone:
    new: int  # cards introduced today (first flashcard reviews)
    reviews: int  # reviews of cards that were in review


@dataclass(frozen=True)
class Limits:
    """A learner's daily limits."""

    new_per_day: int
    reviews_per_day: int

    def reviews_left(self, done: TodayDone) -> int:
        """What is left of the review limit: new cards studied today count toward it."""
        return remaining(self.reviews_per_day, done.reviews + done.new)

    def new_left(self, done: TodayDone, reviews_due: int = 0) -> int:
        """New cards still allowed today, once ``reviews_due`` reviews (before the limit)
        have taken their place under the review limit."""
        room = self.reviews_left(done)
        return min(remaining(self.new_per_day, done.new), remaining(room, min(reviews_due, room)))


@dataclass
class DueItems:
    """The due cards, sorted into the queue's parts (each oldest due first)."""

    reviews: list[QueueItem] = field(default_factory=list)
    learning_now: list[QueueItem] = field(default_factory=list)
    learning_ahead: list[QueueItem] = field(default_factory=list)

    @property
    def learning(self) -> list[QueueItem]:
        return self.learning_now + self.learning_ahead


class DueRow(NamedTuple):
    """A due state as the due query gives it."""

    card_id: int
    set_id: int
    state: int
    due: datetime


def sort_due(rows: Iterable[DueRow], *, now: datetime, day_end: datetime) -> DueItems:
    """Sort due states (oldest due first, as the query gives them) into reviews due
    today, learning cards due now and learning cards due within the learn-ahead limit."""
    due = DueItems()
    for card_id, set_id, state, due_at in rows:
        kind = due_kind(state, due_at, now=now, day_end=day_end)
        if kind == REVIEW_DUE:
            due.reviews.append(QueueItem(card_id, set_id, "review"))
        elif kind == LEARNING_NOW:
            due.learning_now.append(QueueItem(card_id, set_id, "learning"))
        elif kind == LEARNING_AHEAD:
            due.learning_ahead.append(QueueItem(card_id, set_id, "learning"))
    return due


def order(
    due: DueItems,
    fresh: list[QueueItem],
    *,
    limits: Limits,
    done: TodayDone,
    exclude: Collection[int] = (),
) -> tuple[list[QueueItem], Counts]:
    """The queue, in order, and its counts.  ``fresh``: the new cards, already at most
    ``limits.new_left(done, len(due.reviews))``.  ``exclude``: card ids left out (the card
    on screen, when the client prefetches the one after it); they still take their place
    under today's limits, as they are about to be reviewed."""

    def kept(items: list[QueueItem]) -> list[QueueItem]:
        return [item for item in items if item.card_id not in exclude]

    reviews = kept(due.reviews[: limits.reviews_left(done)])
    fresh = kept(fresh[: limits.new_left(done, len(due.reviews))])
    learning_now, learning_ahead = kept(due.learning_now), kept(due.learning_ahead)
    counts = Counts(
        new=len(fresh), learning=len(learning_now) + len(learning_ahead), review=len(reviews)
    )
    return learning_now + reviews + fresh + learning_ahead, counts


def capped(*, new: int, learning: int, review: int, limits: Limits, done: TodayDone) -> Counts:
    """Counts of what is there (new and review cards counted up to the daily limits at
    most), with what is left of today's limits applied."""
    return Counts(
        new=min(new, limits.new_left(done, review)),
        learning=learning,
        review=min(review, limits.reviews_left(done)),
    )


def counts_of(
    due: DueItems,
    *,
    new_cards: int,
    limits: Limits,
    done: TodayDone,
    set_id: int | None = None,
) -> Counts:
    """Today's counts of the overview: over every set (``new_cards``: those of the sets
    started), or of the set ``set_id`` (``new_cards``: the set's)."""

    def mine(items: list[QueueItem]) -> int:
        if set_id is None:
            return len(items)
        return sum(1 for item in items if item.set_id == set_id)

    return capped(
        new=new_cards,
        learning=mine(due.learning),
        review=mine(due.reviews),
        limits=limits,
        done=done,
    )
