"""What to study now: the queue, today's counts, the card to show, and whether a card may
be reviewed now (``check_due``).

Each use case reads with ``queue_queries``' statements and leaves the rules to the pure
modules: ``availability`` (what is due, the limits), ``queue_order`` (the order and the
counts), ``intervals`` (the button labels).  Read-only: nothing here commits.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import State
from sqlalchemy.orm import Session

from quizapp.models import CardState, User
from quizapp.services import scheduling
from quizapp.services.errors import ServiceError
from quizapp.services.reviews import access, availability, queue_order, queue_queries
from quizapp.services.reviews.days import StudyDay, study_day
from quizapp.services.reviews.intervals import preview_intervals
from quizapp.services.reviews.queue_order import Counts, DueItems, DueRow, QueueItem, TodayDone


@dataclass(frozen=True)
class Queue:
    items: list[QueueItem]
    counts: Counts
    day: StudyDay


def today_done(session: Session, user: User, day: StudyDay) -> TodayDone:
    """What counts against today's limits: one indexed query on the user's log."""
    new, reviews = queue_queries.rows(
        session,
        queue_queries.TODAY_DONE,
        {"user_id": user.id, "start": day.start, "end": day.end},
    ).one()
    return TodayDone(new=int(new), reviews=int(reviews))


def limits_of(user: User) -> queue_order.Limits:
    return queue_order.Limits(user.new_cards_per_day, user.max_reviews_per_day)


@dataclass(frozen=True)
class Learner:
    """What the queue needs of a user, read once: a commit expires the user's row, and
    reading it again would cost a query."""

    user_id: int
    day: StudyDay
    limits: queue_order.Limits

    @classmethod
    def of(cls, user: User, now: datetime) -> Learner:
        return cls(user.id, study_day(user, now), limits_of(user))

    def count_params(self, now: datetime, set_id: int | None, spare: int = 0) -> dict[str, Any]:
        """The parameters of the counting queries (``spare``: counted that far past the
        daily limits, for ``counts_after``)."""
        return {
            "user_id": self.user_id,
            "set_id": set_id,
            "now": now,
            "cutoff": availability.due_cutoff(now, self.day.end),
            "ahead": now + availability.LEARN_AHEAD,
            "day_end": self.day.end,
            "start": self.day.start,
            "end": self.day.end,
            "review_cap": max(self.limits.reviews_per_day, 0) + spare,
            "new_cap": max(self.limits.new_per_day, 0) + spare,
        }

    def counts(self, session: Session, now: datetime, set_id: int | None = None) -> Counts:
        """Today's counts, as ``build_queue`` gives them, in one statement (in all sets, a
        second asks which sets the user's courses keep closed, when they are in a course
        that could; counted from the queue itself when some are)."""
        query = queue_queries.COUNTS_ALL if set_id is None else queue_queries.COUNTS_IN_SET
        row = queue_queries.rows(session, query, self.count_params(now, set_id)).one()
        if set_id is None and row.in_courses:
            closed = access.closed_sets(session, self.user_id, now=now)
            if closed:
                user = session.get(User, self.user_id)
                assert user is not None
                return build_queue(session, user, now=now, closed=closed).counts
        # int(): PostgreSQL's sums are NUMERIC (Decimal), and the counts go out as JSON
        return queue_order.capped(
            new=int(row.new),
            learning=int(row.learning),
            review=int(row.review),
            limits=self.limits,
            done=TodayDone(new=int(row.done_new), reviews=int(row.done_reviews)),
        )


def counts(session: Session, user: User, *, now: datetime, set_id: int | None = None) -> Counts:
    """Today's counts (the same as ``build_queue``'s), without building the queue."""
    return Learner.of(user, now).counts(session, now, set_id)


def new_cards(
    session: Session,
    user: User,
    *,
    now: datetime,
    set_id: int | None,
    limit: int,
    closed: Collection[int] = (),
) -> list[QueueItem]:
    """Up to ``limit`` new cards, in the bank's order, interleaved across categories (in all
    the sets started but the ``closed`` ones, when ``set_id`` is None)."""
    if limit <= 0:
        return []
    params: dict[str, Any] = {"user_id": user.id, "now": now, "limit": limit}
    query = queue_queries.NEW_IN_SET
    if set_id is None:
        started = (
            queue_queries.rows(session, queue_queries.STARTED_SETS, {"user_id": user.id})
            .scalars()
            .all()
        )
        started = [started_set for started_set in started if started_set not in closed]
        if not started:
            return []
        query, params = queue_queries.NEW_ALL, {**params, "set_ids": started}
    else:
        params["set_id"] = set_id
    return [
        QueueItem(card_id, card_set, "new")
        for card_id, card_set in queue_queries.rows(session, query, params).all()
    ]


def due_items(
    session: Session,
    user: User,
    *,
    now: datetime,
    day: StudyDay,
    set_id: int | None,
    closed: Collection[int] = (),
) -> tuple[TodayDone, DueItems]:
    """What was done today, and the due states sorted into the queue's parts, but those of
    the ``closed`` sets.  One query (``due_query``), two when nothing is due."""
    params: dict[str, Any] = {
        "user_id": user.id,
        "now": now,
        "cutoff": availability.due_cutoff(now, day.end),
        "start": day.start,
        "end": day.end,
    }
    query = queue_queries.DUE_ALL
    if set_id is not None:
        query, params = queue_queries.DUE_IN_SET, {**params, "set_id": set_id}
    found = queue_queries.rows(session, query, params).all()
    if found:
        done = TodayDone(new=int(found[0][5]), reviews=int(found[0][6]))
    else:
        done = today_done(session, user, day)
    # a row: state id, card id, set id, state, due, and today's done counts
    due_rows = (DueRow(row[1], row[2], row[3], row[4]) for row in found if row[2] not in closed)
    return done, queue_order.sort_due(due_rows, now=now, day_end=day.end)


def build_queue(
    session: Session,
    user: User,
    *,
    now: datetime,
    set_id: int | None = None,
    exclude: Collection[int] = (),
    closed: Collection[int] | None = None,
) -> Queue:
    """What to study now, in order, with today's counts.  ``exclude``: card ids left out
    (the card on screen, when the client prefetches the one after it); they still take
    their place under today's limits, as they are about to be reviewed.  In all sets, the
    sets a course keeps closed are left out (``closed``: already read)."""
    day = study_day(user, now)
    limits = limits_of(user)
    if closed is None:
        closed = access.closed_sets(session, user.id, now=now) if set_id is None else ()
    done, due = due_items(session, user, now=now, day=day, set_id=set_id, closed=closed)
    new_left = limits.new_left(done, len(due.reviews))
    fresh = new_cards(session, user, now=now, set_id=set_id, limit=new_left, closed=closed)
    items, queue_counts = queue_order.order(due, fresh, limits=limits, done=done, exclude=exclude)
    return Queue(items=items, counts=queue_counts, day=day)


def check_due(
    session: Session,
    user: User,
    state: CardState | None,
    *,
    now: datetime,
    day: StudyDay,
    set_id: int,
) -> None:
    """Raise a 400 unless the card (of the set ``set_id``) may be reviewed now
    (``availability``'s rules, and for a new card today's limits, read only then: the
    new-card limit and what the set's reviews due leave of the review limit, as the set's
    queue counts them)."""
    refusal = availability.unavailable(state, now=now, day_end=day.end)
    if refusal is None and scheduling.is_new(state):
        limits = limits_of(user)
        done = today_done(session, user, day)
        reviews_due = queue_queries.rows(
            session,
            queue_queries.REVIEWS_DUE_IN_SET,
            {
                "user_id": user.id,
                "set_id": set_id,
                "now": now,
                "cutoff": day.end,
                "review_cap": max(limits.reviews_per_day, 0),
            },
        ).scalar_one()
        refusal = availability.new_limit_reached(limits.new_left(done, int(reviews_due)))
    if refusal is not None:
        raise refusal


# ------------------------------------------------------------------------ the card shown


@dataclass(frozen=True)
class NextCard:
    """The card to show.  ``card`` and ``state`` are read-only: the ORM entities, or, from
    ``next_card``, plain rows with the same attribute names (``access.card_and_state``)."""

    card: Any
    state: Any
    kind: str
    intervals: dict[str, str]
    counts: Counts

    @property
    def version(self) -> int:
        return self.state.version if self.state is not None else 0

    @property
    def flagged(self) -> bool:
        return bool(self.state is not None and self.state.flagged)


def next_card(
    session: Session,
    user: User,
    *,
    now: datetime,
    set_id: int | None = None,
    exclude: Collection[int] = (),
) -> NextCard | None:
    """The card to show now, with its button intervals and today's counts; None when done."""
    if set_id is not None:
        access.check_studyable(session, user, set_id, now=now)
    queue = build_queue(session, user, now=now, set_id=set_id, exclude=exclude)
    if not queue.items:
        return None
    first = queue.items[0]
    card, state = access.card_and_state(session, user.id, first.card_id)
    return NextCard(
        card=card,
        state=state,
        kind=first.kind,
        intervals=preview_intervals(user, card.id, state, now),
        counts=queue.counts,
    )


def current_card(
    session: Session,
    user: User,
    *,
    now: datetime,
    set_id: int | None = None,
    card_id: int | None = None,
) -> NextCard | None:
    """``card_id`` if it may be reviewed now (the card just undone comes back on screen, as
    in Anki), else the next card of the queue; None when nothing is left today."""
    if card_id is not None:
        try:
            card = access.card_for(session, user, card_id, now=now)
            state = access.state_of(session, user, card.id)
            check_due(session, user, state, now=now, day=study_day(user, now), set_id=card.set_id)
        except ServiceError:
            pass
        else:
            if set_id is None or card.set_id == set_id:
                return NextCard(
                    card=card,
                    state=state,
                    kind=_kind(state),
                    intervals=preview_intervals(user, card.id, state, now),
                    counts=counts(session, user, now=now, set_id=set_id),
                )
    return next_card(session, user, now=now, set_id=set_id)


def _kind(state: CardState | None) -> str:
    if scheduling.is_new(state):
        return "new"
    assert state is not None
    return "review" if state.state == int(State.Review) else "learning"
