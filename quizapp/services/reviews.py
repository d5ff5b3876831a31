"""Flashcard review: the queue of what to study now, rating a card, undo, suspend, bury,
flag, and the learner's spaced-repetition settings.

The pages and the JSON API call these functions; none of them imports Flask.  Each takes the
session, the user and ``now`` (the app's clock), owns its commit, and returns plain views.

Decisions worth knowing:

* **The study day** rolls over at 4 a.m. in the learner's time zone, as Anki's does.
* **What is due.** A card in review is due on its day (any time before the next 4 a.m.);
  a card in (re)learning is due to the minute, and up to 20 minutes early when nothing else
  is left (Anki's "learn ahead" limit).  A card with no state, or with a state that only
  holds a flag, a burial or a suspension (``reps == 0``), is new.
* **The queue**: reviews due, oldest due first (at most ``max_reviews_per_day`` a day); then
  learning cards due now; then new cards, at most ``new_cards_per_day`` a day, in the set's
  order and interleaved across categories (the first card of each category, then the second
  of each, ...); then learning cards due within the learn-ahead limit.
* **One indexed query** (``due_query``) gives every due state of the user: a range scan of
  ``ix_card_states_user_due`` on (user_id, due < the end of the study day); suspended,
  buried and never-reviewed rows are filtered out in the same WHERE.
* **Concurrency.** A review is optimistic: the version of the card's state read at the start
  (or the one the client saw, when it sends it) is compared-and-set by the first write
  (``UPDATE ... WHERE version = :seen``).  Of two requests reviewing one card at once,
  exactly one applies; the other gets 409 ``conflict`` -- unless it carries the same
  ``review_id``, in which case it is a retry and gets the first answer.  Two first reviews
  of a new card meet at the unique (user, card) constraint, with the same outcome.
* **Idempotency.** A ``review_id`` names a review for good: posting it again returns the
  first answer and records nothing, even days later.
* **Settings** apply from the next review of each card; existing due dates are kept.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple, Protocol

from fsrs import Rating, Scheduler, State
from sqlalchemy import Select, and_, bindparam, case, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from quizapp.models import (
    Card,
    CardState,
    Course,
    CourseMember,
    CourseSet,
    QuestionSet,
    ReviewLog,
    User,
)
from quizapp.models.question_set import PUBLIC
from quizapp.services import scheduling
from quizapp.services.errors import Conflict, NotFound, ServiceError, ValidationFailed
from quizapp.services.ids import is_id

ROLLOVER_HOUR = 4
LEARN_AHEAD = timedelta(minutes=20)
MAX_REVIEW_ID_LENGTH = 64
MAX_DURATION_MS = 24 * 3600 * 1000

REVIEW = int(State.Review)
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
STATE_NAMES = {int(State.Learning): "learning", int(State.Review): "review"}
STATE_NAMES[int(State.Relearning)] = "relearning"


# ----------------------------------------------------------------------------- the day


def zone_of(user: User) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(user.timezone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_day(moment: datetime, zone: zoneinfo.ZoneInfo) -> date:
    """The study day ``moment`` belongs to: before 4 a.m. local is still the day before."""
    local = moment.astimezone(zone)
    return local.date() - timedelta(days=1) if local.hour < ROLLOVER_HOUR else local.date()


def day_start(day: date, zone: zoneinfo.ZoneInfo) -> datetime:
    """4 a.m. local on ``day``, in UTC."""
    return datetime.combine(day, time(ROLLOVER_HOUR), tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class StudyDay:
    date: date  # the learner's calendar date of this study day
    start: datetime  # UTC: 4 a.m. local on ``date``
    end: datetime  # UTC: 4 a.m. local the next day (the next rollover)


def study_day(user: User, now: datetime) -> StudyDay:
    zone = zone_of(user)
    today = local_day(now, zone)
    return StudyDay(today, day_start(today, zone), day_start(today + timedelta(days=1), zone))


def describe_when(moment: datetime | None, user: User, reference: datetime) -> str:
    """A moment as the learner reads it, in their time zone: "today at 10:10"."""
    if moment is None:
        return ""
    zone = zone_of(user)
    local = moment.astimezone(zone)
    today = reference.astimezone(zone).date()
    clock = f"{local:%H:%M}"
    if moment <= reference:
        return "now"
    if moment - reference < timedelta(hours=1):
        minutes = max(1, round((moment - reference).total_seconds() / 60))
        return f"in {minutes} minute{'s' if minutes != 1 else ''} ({clock})"
    if local.date() == today:
        return f"today at {clock}"
    if local.date() == today + timedelta(days=1):
        return f"tomorrow at {clock}"
    return f"on {local:%a} {local.day} {local:%b} at {clock}"


# --------------------------------------------------------------------------- the queue


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
class Queue:
    items: list[QueueItem]
    counts: Counts
    day: StudyDay


@dataclass(frozen=True)
class TodayDone:
    new: int  # cards introduced today (first flashcard reviews)
    reviews: int  # reviews of cards that were in review


def due_query(user_id: Any, *, now: Any, cutoff: Any, set_id: Any = None) -> Select[Any]:
    """Every state of ``user_id`` due before ``cutoff`` that may be shown now, oldest due
    first: ONE query, a range scan of ``ix_card_states_user_due`` (and the card's primary
    key, to leave out retired cards).  Only the columns the queue needs."""
    query = (
        select(
            CardState.id.label("state_id"),
            CardState.card_id,
            CardState.set_id,
            CardState.state,
            CardState.due,
        )
        .join(Card, Card.id == CardState.card_id)
        .where(
            CardState.user_id == user_id,
            CardState.due < cutoff,
            CardState.suspended.is_(False),
            or_(CardState.buried_until.is_(None), CardState.buried_until <= now),
            CardState.reps > 0,
            Card.active.is_(True),
            CardState.set_id.not_in(
                select(QuestionSet.id).where(QuestionSet.deleted_at.is_not(None))
            ),
        )
        .order_by(CardState.due, CardState.id)
    )
    if set_id is not None:
        query = query.where(CardState.set_id == set_id)
    return query


# The queries of every request are built once with bound parameters: building and hashing
# a statement costs more than running it (the queue's queries run in about a millisecond).
_BEFORE_STATE = ReviewLog.state_before["state"].as_integer()
_DONE_NEW = func.coalesce(func.sum(case((_BEFORE_STATE.is_(None), 1), else_=0)), 0)
_DONE_REVIEWS = func.coalesce(func.sum(case((int(State.Review) == _BEFORE_STATE, 1), else_=0)), 0)
_TODAY = (
    ReviewLog.user_id == bindparam("user_id"),
    ReviewLog.reviewed_at >= bindparam("start"),
    ReviewLog.reviewed_at < bindparam("end"),
    ReviewLog.origin == "review",
)
_TODAY_DONE = select(_DONE_NEW, _DONE_REVIEWS).where(*_TODAY)


def _with_today_done(query: Select[Any]) -> Select[Any]:
    """``query`` with today's done counts on every row: computed once (an uncorrelated
    subquery), they save the queue a round trip whenever anything is due."""
    return query.add_columns(
        select(_DONE_NEW).where(*_TODAY).scalar_subquery(),
        select(_DONE_REVIEWS).where(*_TODAY).scalar_subquery(),
    )


_DUE_ALL = _with_today_done(
    due_query(bindparam("user_id"), now=bindparam("now"), cutoff=bindparam("cutoff"))
)
_DUE_IN_SET = _with_today_done(
    due_query(
        bindparam("user_id"),
        now=bindparam("now"),
        cutoff=bindparam("cutoff"),
        set_id=bindparam("set_id"),
    )
)


def _rows(session: Session, statement: Any, params: Mapping[str, Any]) -> Any:
    """Run a statement of columns (no ORM entities) on the session's connection: plain rows,
    without the ORM's result processing (a good part of a short query's cost)."""
    return session.connection().execute(statement, params)


def today_done(session: Session, user: User, day: StudyDay) -> TodayDone:
    """What counts against today's limits: one indexed query on the user's log."""
    new, reviews = _rows(
        session, _TODAY_DONE, {"user_id": user.id, "start": day.start, "end": day.end}
    ).one()
    return TodayDone(new=int(new), reviews=int(reviews))


_STARTED_SETS = select(CardState.set_id).where(CardState.user_id == bindparam("user_id")).distinct()


def _started_sets(user_id: int) -> Select[Any]:
    return select(CardState.set_id).where(CardState.user_id == user_id).distinct()


def _still_new(card_id: Any = Card.id) -> Any:
    """The card ``card_id`` is new for ``:user_id``: no state of theirs holds more than a
    flag or a burial that is over.  NOT EXISTS, probing the unique (user, card) index once
    per card.  ``OFFSET 0`` keeps PostgreSQL from turning it into an anti-join, which it
    plans as a loop over all the user's states for every card when a LIMIT is above it."""
    own = aliased(CardState)
    studied = or_(own.reps > 0, own.suspended.is_(True), own.buried_until > bindparam("now"))
    return ~(
        select(own.id)
        .where(own.user_id == bindparam("user_id"), own.card_id == card_id, studied)
        .offset(0)
        .exists()
    )


def _in_scope(*, in_set: bool) -> list[Any]:
    """Active cards of live sets (the query joins QuestionSet): the set ``:set_id``, or the
    sets ``:set_ids`` (every set the user has started, read first: given a subquery instead,
    PostgreSQL guesses dozens of sets and scans every card)."""
    live = [Card.active.is_(True), QuestionSet.deleted_at.is_(None)]
    if in_set:
        return [*live, Card.set_id == bindparam("set_id")]
    return [*live, Card.set_id.in_(bindparam("set_ids", expanding=True))]


def _new_cards_query(*, in_set: bool) -> Select[Any]:
    """New cards in the bank's order, interleaved across categories: the first card of each
    category, then the second of each...  ``rank`` is a card's place within its category
    among *all* the cards, so the round keeps its order as cards are learnt."""
    rank = (
        func.row_number()
        .over(partition_by=Card.category, order_by=(Card.set_id, Card.position))
        .label("rank")
    )
    ranked = (
        select(Card.id, Card.set_id, Card.position, rank)
        .join(QuestionSet, QuestionSet.id == Card.set_id)
        .where(*_in_scope(in_set=in_set))
        .subquery()
    )
    return (
        select(ranked.c.id, ranked.c.set_id)
        .where(_still_new(ranked.c.id))
        .order_by(ranked.c.rank, ranked.c.set_id, ranked.c.position)
        .limit(bindparam("limit"))
    )


def _counts_query(*, in_set: bool) -> Select[Any]:
    """Today's counts in ONE statement: what was done today (for the limits), the reviews
    due (counted up to the daily limit), the learning cards, and the new cards (up to the
    daily limit: the count stops there instead of ranking every card)."""

    def count(query: Select[Any]) -> Any:
        return select(func.count()).select_from(query.order_by(None).subquery()).scalar_subquery()

    due = due_query(
        bindparam("user_id"),
        now=bindparam("now"),
        cutoff=bindparam("cutoff"),
        set_id=bindparam("set_id") if in_set else None,
    )
    reviews = due.where(
        CardState.state == int(State.Review), CardState.due < bindparam("day_end")
    ).limit(bindparam("review_cap"))
    learning = due.where(CardState.state != int(State.Review), CardState.due <= bindparam("ahead"))
    return select(
        count(reviews).label("review"),
        count(learning).label("learning"),
        _new_count(in_set=in_set).label("new"),
        select(_DONE_REVIEWS).where(*_TODAY).scalar_subquery().label("done_reviews"),
        select(_DONE_NEW).where(*_TODAY).scalar_subquery().label("done_new"),
    )


def _new_count(*, in_set: bool) -> Any:
    """How many new cards there are, counted up to ``:new_cap`` in each set: the count
    walks the set's cards in order and stops there.  For every started set, set by set
    (a correlated count per set): one IN over all their cards is planned by PostgreSQL as
    a scan of every card."""
    if in_set:
        one_set = (
            select(Card.id)
            .join(QuestionSet, QuestionSet.id == Card.set_id)
            .where(*_in_scope(in_set=True), _still_new())
            .limit(bindparam("new_cap"))
            .subquery()
        )
        return select(func.count()).select_from(one_set).scalar_subquery()
    started = (
        select(CardState.set_id)
        .join(QuestionSet, QuestionSet.id == CardState.set_id)
        .where(CardState.user_id == bindparam("user_id"), QuestionSet.deleted_at.is_(None))
        .distinct()
        .subquery("started")
    )
    in_started_set = (
        select(Card.id)
        .where(Card.set_id == started.c.set_id, Card.active.is_(True), _still_new())
        .limit(bindparam("new_cap"))
        .correlate(started)
        .subquery("capped")
    )
    per_set = (
        select(select(func.count()).select_from(in_started_set).scalar_subquery().label("new"))
        .select_from(started)
        .subquery("per_set")
    )
    return select(func.coalesce(func.sum(per_set.c.new), 0)).scalar_subquery()


_COUNTS_IN_SET = _counts_query(in_set=True)
_COUNTS_ALL = _counts_query(in_set=False)


@dataclass(frozen=True)
class Learner:
    """What the queue needs of a user, read once: a commit expires the user's row, and
    reading it again would cost a query."""

    user_id: int
    day: StudyDay
    new_per_day: int
    reviews_per_day: int

    @classmethod
    def of(cls, user: User, now: datetime) -> Learner:
        return cls(user.id, study_day(user, now), user.new_cards_per_day, user.max_reviews_per_day)

    def counts(self, session: Session, now: datetime, set_id: int | None = None) -> Counts:
        """Today's counts, as ``build_queue`` gives them, in one statement."""
        query = _COUNTS_ALL if set_id is None else _COUNTS_IN_SET
        row = _rows(
            session,
            query,
            {
                "user_id": self.user_id,
                "set_id": set_id,
                "now": now,
                "cutoff": max(self.day.end, now + LEARN_AHEAD),
                "ahead": now + LEARN_AHEAD,
                "day_end": self.day.end,
                "start": self.day.start,
                "end": self.day.end,
                "review_cap": max(self.reviews_per_day, 0),
                "new_cap": max(self.new_per_day, 0),
            },
        ).one()
        # int(): PostgreSQL's sums are NUMERIC (Decimal), and the counts go out as JSON
        return Counts(
            new=min(int(row.new), max(self.new_per_day - int(row.done_new), 0)),
            learning=int(row.learning),
            review=min(int(row.review), max(self.reviews_per_day - int(row.done_reviews), 0)),
        )


_NEW_IN_SET = _new_cards_query(in_set=True)
_NEW_ALL = _new_cards_query(in_set=False)


def _new_cards(
    session: Session, user: User, *, now: datetime, set_id: int | None, limit: int
) -> list[QueueItem]:
    """Up to ``limit`` new cards, in the bank's order, interleaved across categories."""
    if limit <= 0:
        return []
    query, params = _NEW_IN_SET, {"user_id": user.id, "now": now, "limit": limit}
    if set_id is None:
        started = _rows(session, _STARTED_SETS, {"user_id": user.id}).scalars().all()
        if not started:
            return []
        query, params = _NEW_ALL, {**params, "set_ids": started}
    else:
        params["set_id"] = set_id
    return [
        QueueItem(card_id, set_id, "new") for card_id, set_id in _rows(session, query, params).all()
    ]


@dataclass
class _Due:
    done: TodayDone
    reviews: list[QueueItem] = field(default_factory=list)
    learning_now: list[QueueItem] = field(default_factory=list)
    learning_ahead: list[QueueItem] = field(default_factory=list)


def _due_items(
    session: Session,
    user: User,
    *,
    now: datetime,
    day: StudyDay,
    set_id: int | None,
) -> _Due:
    """The due states, sorted into reviews (due today), learning due now, learning due
    within the learn-ahead limit, and what was done today.  One query (``due_query``),
    two when nothing is due."""
    cutoff = max(day.end, now + LEARN_AHEAD)
    ahead = now + LEARN_AHEAD
    params = {"user_id": user.id, "now": now, "cutoff": cutoff}
    query, params = _DUE_ALL, {**params, "start": day.start, "end": day.end}
    if set_id is not None:
        query, params = _DUE_IN_SET, {**params, "set_id": set_id}
    rows = _rows(session, query, params).all()
    if rows:
        due = _Due(TodayDone(new=int(rows[0][5]), reviews=int(rows[0][6])))
    else:
        due = _Due(today_done(session, user, day))
    for _, card_id, card_set, state, due_at, _, _ in rows:
        if state == REVIEW:
            if due_at < day.end:
                due.reviews.append(QueueItem(card_id, card_set, "review"))
        elif due_at <= now:
            due.learning_now.append(QueueItem(card_id, card_set, "learning"))
        elif due_at <= ahead:
            due.learning_ahead.append(QueueItem(card_id, card_set, "learning"))
    return due


def build_queue(
    session: Session,
    user: User,
    *,
    now: datetime,
    set_id: int | None = None,
    exclude: Collection[int] = (),
) -> Queue:
    """What to study now, in order, with today's counts.  ``exclude``: card ids left out
    (the card on screen, when the client prefetches the one after it); they still take
    their place under today's limits, as they are about to be reviewed."""
    day = study_day(user, now)
    due = _due_items(session, user, now=now, day=day, set_id=set_id)
    done = due.done
    new_limit = max(user.new_cards_per_day - done.new, 0)

    def kept(items: list[QueueItem]) -> list[QueueItem]:
        return [item for item in items if item.card_id not in exclude]

    reviews = kept(due.reviews[: max(user.max_reviews_per_day - done.reviews, 0)])
    fresh = kept(_new_cards(session, user, now=now, set_id=set_id, limit=new_limit))
    learning_now, learning_ahead = kept(due.learning_now), kept(due.learning_ahead)
    counts = Counts(
        new=len(fresh), learning=len(learning_now) + len(learning_ahead), review=len(reviews)
    )
    items = reviews + learning_now + fresh + learning_ahead
    return Queue(items=items, counts=counts, day=day)


@dataclass(frozen=True)
class SetToStudy:
    id: int
    name: str
    description: str
    cards: int
    counts: Counts


@dataclass(frozen=True)
class StudyOverview:
    sets: list[SetToStudy]
    total: Counts  # the "all due" queue: every set started, limits applied once


def study_overview(session: Session, user: User, *, now: datetime) -> StudyOverview:
    """The sets a learner can study, each with what is left today.  Four queries."""
    day = study_day(user, now)
    due = _due_items(session, user, now=now, day=day, set_id=None)
    done = due.done
    review_limit = max(user.max_reviews_per_day - done.reviews, 0)
    new_limit = max(user.new_cards_per_day - done.new, 0)
    started = set(session.execute(_started_sets(user.id)).scalars())
    own = aliased(CardState)
    new_per_set = dict(
        session.execute(
            select(Card.set_id, func.count(Card.id))
            .outerjoin(own, and_(own.card_id == Card.id, own.user_id == user.id))
            .where(
                Card.active.is_(True),
                or_(
                    own.id.is_(None),
                    and_(
                        own.reps == 0,
                        own.suspended.is_(False),
                        or_(own.buried_until.is_(None), own.buried_until <= now),
                    ),
                ),
            )
            .group_by(Card.set_id)
        ).all()
    )
    cards_per_set = dict(
        session.execute(
            select(Card.set_id, func.count(Card.id))
            .where(Card.active.is_(True))
            .group_by(Card.set_id)
        ).all()
    )
    sets = [
        s
        for s in session.execute(
            select(QuestionSet)
            .where(QuestionSet.deleted_at.is_(None))
            .order_by(QuestionSet.builtin_key.is_(None), QuestionSet.name, QuestionSet.id)
        ).scalars()
        if (s.visibility == PUBLIC or s.owner_id == user.id or s.id in started)
        and cards_per_set.get(s.id)
    ]
    result = []
    for question_set in sets:

        def mine(items: list[QueueItem], set_id: int = question_set.id) -> int:
            return sum(1 for item in items if item.set_id == set_id)

        result.append(
            SetToStudy(
                id=question_set.id,
                name=question_set.name,
                description=question_set.description,
                cards=cards_per_set.get(question_set.id, 0),
                counts=Counts(
                    new=min(new_per_set.get(question_set.id, 0), new_limit),
                    learning=mine(due.learning_now + due.learning_ahead),
                    review=min(mine(due.reviews), review_limit),
                ),
            )
        )
    total_new = sum(new_per_set.get(set_id, 0) for set_id in started)
    total = Counts(
        new=min(total_new, new_limit),
        learning=len(due.learning_now) + len(due.learning_ahead),
        review=min(len(due.reviews), review_limit),
    )
    return StudyOverview(sets=result, total=total)


def _format_interval(delta: timedelta) -> str:
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


def preview_intervals(
    user: User, card_id: int, state: CardState | None, now: datetime
) -> dict[str, str]:
    """The interval each rating would give, as Anki shows it on the buttons."""
    scheduler = scheduling.scheduler_for(user)
    before = (
        scheduling.new_fsrs_card(card_id, now)
        if scheduling.is_new(state)
        else scheduling.to_fsrs(state)  # type: ignore[arg-type]
    )
    labels = {}
    for rating in Rating:
        after, _ = scheduler.review_card(before, rating, now.astimezone(UTC))
        labels[RATING_NAMES[int(rating)]] = _format_interval(after.due - now)
    return labels


@dataclass(frozen=True)
class NextCard:
    card: Card
    state: CardState | None
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
        _check_studyable(session, user, set_id)
    queue = build_queue(session, user, now=now, set_id=set_id, exclude=exclude)
    if not queue.items:
        return None
    first = queue.items[0]
    card, state = session.execute(
        _CARD_AND_STATE, {"card_id": first.card_id, "user_id": user.id}
    ).one()
    return NextCard(
        card=card,
        state=state,
        kind=first.kind,
        intervals=preview_intervals(user, card.id, state, now),
        counts=queue.counts,
    )


def counts(session: Session, user: User, *, now: datetime, set_id: int | None = None) -> Counts:
    """Today's counts (the same as ``build_queue``'s), without building the queue."""
    return Learner.of(user, now).counts(session, now, set_id)


def next_due(
    session: Session, user: User, *, now: datetime, set_id: int | None = None
) -> datetime | None:
    """When the next card becomes available to study (for the "done for today" screen):
    a learning card 20 minutes before it is due, a review on the morning of its day, and
    buried cards, reviews over today's limit and new cards over it at the next rollover."""
    day = study_day(user, now)
    zone = zone_of(user)
    in_scope = [CardState.set_id == set_id] if set_id is not None else []
    shown = select(func.min(CardState.due)).where(
        CardState.user_id == user.id,
        CardState.suspended.is_(False),
        or_(CardState.buried_until.is_(None), CardState.buried_until <= now),
        CardState.reps > 0,
        *in_scope,
    )
    candidates: list[datetime] = []
    review_due = session.execute(
        shown.where(CardState.due >= day.end, CardState.state == int(State.Review))
    ).scalar()
    if review_due is not None:
        candidates.append(day_start(local_day(review_due, zone), zone))
    learning_due = session.execute(
        shown.where(CardState.due > now, CardState.state != int(State.Review))
    ).scalar()
    if learning_due is not None:
        candidates.append(max(learning_due - LEARN_AHEAD, now))
    waiting = session.execute(
        select(CardState.id)
        .where(
            CardState.user_id == user.id,
            CardState.suspended.is_(False),
            *in_scope,
            or_(
                CardState.buried_until > now,
                and_(
                    CardState.reps > 0,
                    CardState.state == int(State.Review),
                    CardState.due < day.end,
                ),
            ),
        )
        .limit(1)
    ).first()
    if waiting is not None or _new_cards(session, user, now=day.end, set_id=set_id, limit=1):
        candidates.append(day.end)
    return min(candidates) if candidates else None


# ---------------------------------------------------------------------- access to cards


class SetAccess(Protocol):
    """What deciding access needs of a set: a QuestionSet, or a row with these columns."""

    id: int
    visibility: str
    owner_id: int | None
    deleted_at: datetime | None


def can_study(session: Session, user: User, question_set: SetAccess) -> bool:
    """Public sets, the user's own, and the sets of the courses they belong to or teach."""
    if question_set.deleted_at is not None:
        return False
    if question_set.visibility == PUBLIC or question_set.owner_id == user.id:
        return True
    member = session.execute(
        select(CourseSet.id)
        .join(Course, Course.id == CourseSet.course_id)
        .outerjoin(
            CourseMember,
            and_(CourseMember.course_id == Course.id, CourseMember.user_id == user.id),
        )
        .where(
            CourseSet.set_id == question_set.id,
            or_(Course.owner_id == user.id, CourseMember.id.is_not(None)),
        )
        .limit(1)
    ).first()
    return member is not None


_SET_ACCESS = select(
    QuestionSet.id, QuestionSet.visibility, QuestionSet.owner_id, QuestionSet.deleted_at
).where(QuestionSet.id == bindparam("set_id"))
_CARD_AND_STATE = (
    select(Card, CardState)
    .outerjoin(
        CardState,
        and_(CardState.card_id == Card.id, CardState.user_id == bindparam("user_id")),
    )
    .where(Card.id == bindparam("card_id"))
)


def _check_studyable(session: Session, user: User, set_id: int) -> None:
    """``studyable_set`` without loading the set: its access columns only."""
    access = _rows(session, _SET_ACCESS, {"set_id": set_id}).one_or_none()
    if access is None or not can_study(session, user, access):
        raise NotFound("There is no such set.")


def studyable_set(session: Session, user: User, set_id: int) -> QuestionSet:
    question_set = session.get(QuestionSet, set_id)
    if question_set is None or not can_study(session, user, question_set):
        raise NotFound("There is no such set.")
    return question_set


def _check_card(session: Session, user: User, question_set: SetAccess | None, active: bool) -> None:
    """A 400 unless the card exists (``question_set`` is its set's), this user may study it
    and it is still in its set."""
    if question_set is None or not can_study(session, user, question_set):
        raise ValidationFailed("There is no such card.", code="unknown_card")
    if not active:
        raise ValidationFailed("This card is no longer in its set.", code="card_retired")


def _card_for(session: Session, user: User, card_id: Any) -> Card:
    """The card, if this user may study it; else a 400 that says the card is unknown."""
    card = session.get(Card, card_id) if is_id(card_id) else None
    _check_card(session, user, card.question_set if card else None, bool(card and card.active))
    assert card is not None
    return card


_STATE_OF = select(CardState).where(
    CardState.user_id == bindparam("user_id"), CardState.card_id == bindparam("card_id")
)
_LOGGED = select(ReviewLog).where(
    ReviewLog.user_id == bindparam("user_id"), ReviewLog.review_id == bindparam("review_id")
)


def _state_of(session: Session, user: User, card_id: int) -> CardState | None:
    return session.execute(_STATE_OF, {"user_id": user.id, "card_id": card_id}).scalar_one_or_none()


# ------------------------------------------------------------------------------ review


@dataclass(frozen=True)
class ReviewResult:
    card_id: int
    rating: int
    due: datetime
    state: str  # "learning", "review" or "relearning"
    stability: float | None
    difficulty: float | None
    version: int
    leech: bool  # this review made the card a leech (it is now suspended)
    retried: bool = False  # a retry: the first answer, nothing recorded
    counts: Counts | None = None  # today's counts after it, when asked for

    def as_dict(self) -> dict[str, Any]:
        return {
            "card_id": self.card_id,
            "due": self.due.isoformat(),
            "state": self.state,
            "stability": self.stability,
            "difficulty": self.difficulty,
        }


def _valid_rating(rating: Any) -> Rating:
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 4:
        raise ValidationFailed(
            "The rating must be 1 (again), 2 (hard), 3 (good) or 4 (easy).", code="bad_rating"
        )
    return Rating(rating)


def _valid_review_id(review_id: Any) -> str | None:
    if review_id is None:
        return None
    if not isinstance(review_id, str) or not review_id.strip():
        raise ValidationFailed("review_id must be a non-empty string.", code="bad_review_id")
    if len(review_id) > MAX_REVIEW_ID_LENGTH:
        raise ValidationFailed(
            f"review_id must be at most {MAX_REVIEW_ID_LENGTH} characters.", code="bad_review_id"
        )
    return review_id


def _valid_duration(duration_ms: Any) -> int | None:
    if duration_ms is None:
        return None
    if (
        isinstance(duration_ms, bool)
        or not isinstance(duration_ms, int)
        or not 0 <= duration_ms <= MAX_DURATION_MS
    ):
        raise ValidationFailed(
            "duration_ms must be a whole number of milliseconds, at most a day.",
            code="bad_duration",
        )
    return duration_ms


def _answer_from_log(log: ReviewLog, card_id: int, rating: Rating) -> ReviewResult:
    """A retry: the answer the first request got, from what it logged."""
    if log.card_id != card_id or log.rating != int(rating):
        raise Conflict(
            "This review_id was already used for another review.", code="review_id_reused"
        )
    after = log.state_after
    before = log.state_before or {}
    return ReviewResult(
        card_id=log.card_id,
        rating=log.rating,
        due=datetime.fromisoformat(after["due"]),
        state=STATE_NAMES[int(after["state"])],
        stability=after.get("stability"),
        difficulty=after.get("difficulty"),
        version=0,
        leech=bool(after.get("leech")) and not bool(before.get("leech")),
        retried=True,
    )


def _logged(session: Session, user: User, review_id: str) -> ReviewLog | None:
    return session.execute(
        _LOGGED, {"user_id": user.id, "review_id": review_id}
    ).scalar_one_or_none()


def check_due(
    session: Session, user: User, state: CardState | None, *, now: datetime, day: StudyDay
) -> None:
    """Raise a 400 unless the card may be reviewed now."""
    if state is not None and state.suspended:
        raise ValidationFailed("This card is suspended.", code="suspended")
    if state is not None and state.buried_until is not None and state.buried_until > now:
        raise ValidationFailed("This card is buried until tomorrow.", code="buried")
    if scheduling.is_new(state):
        if today_done(session, user, day).new >= user.new_cards_per_day:
            raise ValidationFailed(
                "You have started today's new cards already; more tomorrow.", code="new_limit"
            )
        return
    assert state is not None
    if state.state == int(State.Review):
        if state.due >= day.end:
            raise ValidationFailed(
                f"This card is not due until {state.due.isoformat()}.", code="not_due"
            )
    elif state.due > now + LEARN_AHEAD:
        raise ValidationFailed(
            f"This card is not due until {state.due.isoformat()}.", code="not_due"
        )


class _Target(NamedTuple):
    """The card a review names, its set's access columns, the user's state of it, and
    whether the review's ``review_id`` is in the log already: one query."""

    card_id: int
    set_id: int
    active: bool
    id: int  # the set's, for ``can_study``
    visibility: str
    owner_id: int | None
    deleted_at: datetime | None
    state: CardState | None
    logged: bool


_REVIEW_TARGET = (
    select(
        Card.id,
        Card.set_id,
        Card.active,
        QuestionSet.id,
        QuestionSet.visibility,
        QuestionSet.owner_id,
        QuestionSet.deleted_at,
        CardState,
        select(ReviewLog.id)
        .where(
            ReviewLog.user_id == bindparam("user_id"),
            ReviewLog.review_id == bindparam("review_id"),
        )
        .exists(),
    )
    .join(QuestionSet, QuestionSet.id == Card.set_id)
    .outerjoin(
        CardState,
        and_(CardState.card_id == Card.id, CardState.user_id == bindparam("user_id")),
    )
    .where(Card.id == bindparam("card_id"))
)
_states = CardState.__table__
_INSERT_STATE = _states.insert()
_UPDATE_STATE = _states.update().where(
    _states.c.id == bindparam("state_id"), _states.c.version == bindparam("seen")
)
_INSERT_LOG = ReviewLog.__table__.insert()


def _target(session: Session, user: User, card_id: Any, review_id: str | None) -> _Target | None:
    if not is_id(card_id):
        return None
    row = session.execute(
        _REVIEW_TARGET, {"user_id": user.id, "card_id": card_id, "review_id": review_id}
    ).one_or_none()
    return None if row is None else _Target(*row)


def _write(session: Session, target: _Target, step: scheduling.ReviewStep, seen: int) -> bool:
    """Write the review: the state (compare-and-set on its version, or a new row that a
    concurrent first review meets at the unique (user, card) key) and the log entry.  The
    first write of the transaction takes the row's lock (PostgreSQL) or the database's write
    lock (SQLite).  False when another request changed the state first."""
    if target.state is None:
        session.execute(
            _INSERT_STATE,
            {
                **step.state,
                "user_id": step.log["user_id"],
                "card_id": target.card_id,
                "set_id": target.set_id,
                "flagged": False,
            },
        )
    else:
        updated = session.execute(
            _UPDATE_STATE, {**step.state, "state_id": target.state.id, "seen": seen}
        )
        if updated.rowcount != 1:  # type: ignore[attr-defined]
            return False
    session.execute(_INSERT_LOG, step.log)
    return True


def review(
    session: Session,
    user: User,
    *,
    card_id: Any,
    rating: Any,
    now: datetime,
    review_id: Any = None,
    duration_ms: Any = None,
    expected_version: int | None = None,
    with_counts: bool = False,
    set_id: int | None = None,
) -> ReviewResult:
    """Rate a due card.  Bad input, an unknown card or a card not due: 400, nothing changes.
    The same ``review_id`` again: the first answer, nothing new recorded.  A concurrent
    review of the same card, or a stale ``expected_version``: 409 ``conflict``.

    ``with_counts``: also return today's counts after the review, in ``set_id`` (None: all
    sets).  Four statements in all: the card, the state, the log, the counts.  On
    PostgreSQL the counts are read inside the review's transaction (they see it, and a
    second transaction would cost three more round trips); on SQLite after its commit, so
    that the database's one write lock is held no longer than the writes need.
    """
    learner = Learner.of(user, now)  # before the commit expires the user's row

    def count() -> Counts:
        return learner.counts(session, now, set_id)

    result = _review(
        session,
        user,
        learner,
        count=count if with_counts else None,
        card_id=card_id,
        rating=rating,
        now=now,
        review_id=review_id,
        duration_ms=duration_ms,
        expected_version=expected_version,
    )
    if with_counts and result.counts is None:  # a retry: the counts as they are now
        result = replace(result, counts=count())
    return result


def _review(
    session: Session,
    user: User,
    learner: Learner,
    *,
    count: Callable[[], Counts] | None,
    card_id: Any,
    rating: Any,
    now: datetime,
    review_id: Any,
    duration_ms: Any,
    expected_version: int | None,
) -> ReviewResult:
    checked_rating = _valid_rating(rating)
    checked_id = _valid_review_id(review_id)
    duration = _valid_duration(duration_ms)
    target = _target(session, user, card_id, checked_id)
    if checked_id is not None and (target is None or target.logged):
        earlier = _logged(session, user, checked_id)
        if earlier is not None:
            return _answer_from_log(earlier, card_id, checked_rating)
    _check_card(session, user, target, bool(target and target.active))
    assert target is not None
    state = target.state
    seen = state.version if state is not None else 0
    if expected_version is not None and expected_version != seen:
        raise Conflict(
            "This card was reviewed elsewhere in the meantime; load the next card.",
            code="conflict",
        )
    check_due(session, user, state, now=now, day=learner.day)
    step = scheduling.review_step(
        user=user,
        card_id=target.card_id,
        rating=checked_rating,
        now=now,
        state=state,
        origin="review",
        duration_ms=duration,
        review_id=checked_id,
    )
    try:
        written = _write(session, target, step, seen)
    except IntegrityError:
        written = False
    if not written:
        return _lost_race(session, user, target.card_id, checked_rating, checked_id)
    counts = None
    if count is not None and session.get_bind().dialect.name != "sqlite":
        counts = count()
    session.commit()
    if count is not None and counts is None:
        counts = count()
    after = step.state
    return ReviewResult(
        card_id=target.card_id,
        rating=int(checked_rating),
        due=after["due"],
        state=STATE_NAMES[after["state"]],
        stability=after["stability"],
        difficulty=after["difficulty"],
        version=after["version"],
        leech=step.became_leech,
        counts=counts,
    )


def _lost_race(
    session: Session, user: User, card_id: int, rating: Rating, review_id: str | None
) -> ReviewResult:
    """Another request changed the card first: its answer if it was this very review (the
    same ``review_id``), else a 409.  Nothing of this request is kept."""
    session.rollback()
    if review_id is not None:
        earlier = _logged(session, user, review_id)
        if earlier is not None:
            return _answer_from_log(earlier, card_id, rating)
    raise Conflict(
        "This card was just reviewed by another request; nothing was recorded.",
        code="conflict",
    )


# -------------------------------------------------------------------------------- undo


@dataclass(frozen=True)
class UndoResult:
    card_id: int
    set_id: int
    rating: int
    reviewed_at: datetime
    state: CardState | None  # the restored state; None: the card is new again


def _claim(session: Session, state: CardState, seen: int) -> bool:
    """Compare-and-set on the state's version: the first write of the transaction, which
    takes the row's lock (PostgreSQL) or the database's write lock (SQLite)."""
    claimed = session.execute(
        update(CardState)
        .where(CardState.id == state.id, CardState.version == seen)
        .values(version=seen)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1  # type: ignore[attr-defined]


def undo_last(session: Session, user: User, *, now: datetime) -> UndoResult:
    """Undo the user's last flashcard review: the card's previous state comes back and the
    log entry goes.  Refused (409) when the card was reviewed since, e.g. in a quiz."""
    log = session.execute(
        select(ReviewLog)
        .where(ReviewLog.user_id == user.id, ReviewLog.origin == "review")
        .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if log is None:
        raise ValidationFailed("There is no review to undo.", code="nothing_to_undo")
    later = session.execute(
        select(ReviewLog.id)
        .where(
            ReviewLog.user_id == user.id,
            ReviewLog.card_id == log.card_id,
            or_(
                ReviewLog.reviewed_at > log.reviewed_at,
                and_(ReviewLog.reviewed_at == log.reviewed_at, ReviewLog.id > log.id),
            ),
        )
        .limit(1)
    ).first()
    if later is not None:
        raise Conflict(
            "This card was answered again since (in a quiz): its last review cannot be undone.",
            code="conflict",
        )
    state = _state_of(session, user, log.card_id)
    card = session.get(Card, log.card_id)
    assert card is not None
    restored: CardState | None = None
    if state is not None:
        if not _claim(session, state, state.version):
            session.rollback()
            raise Conflict("This card changed in the meantime; try again.", code="conflict")
        if scheduling.restore_before(state, log):
            restored = state
        elif not state.flagged:
            session.delete(state)
    result = UndoResult(
        card_id=log.card_id,
        set_id=card.set_id,
        rating=log.rating,
        reviewed_at=log.reviewed_at,
        state=restored,
    )
    session.delete(log)
    session.commit()
    return result


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
            card = _card_for(session, user, card_id)
            state = _state_of(session, user, card.id)
            check_due(session, user, state, now=now, day=study_day(user, now))
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


# ------------------------------------------------------------ suspend, bury and flag


@dataclass(frozen=True)
class CardFlags:
    card_id: int
    suspended: bool
    buried_until: datetime | None
    flagged: bool
    leech: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "card_id": self.card_id,
            "suspended": self.suspended,
            "buried_until": self.buried_until.isoformat() if self.buried_until else None,
            "flagged": self.flagged,
            "leech": self.leech,
        }


def _flags(card_id: int, state: CardState | None) -> CardFlags:
    if state is None:
        return CardFlags(card_id, False, None, False, False)
    return CardFlags(card_id, state.suspended, state.buried_until, state.flagged, state.leech)


def card_flags(session: Session, user: User, card_id: int) -> CardFlags:
    card = _card_for(session, user, card_id)
    return _flags(card.id, _state_of(session, user, card.id))


def _blank_state(session: Session, user: User, card: Card, now: datetime) -> CardState:
    """A row for a card this user has never reviewed (``reps == 0``: still new)."""
    state = CardState(
        user_id=user.id,
        card_id=card.id,
        set_id=card.set_id,
        state=int(State.Learning),
        step=0,
        stability=None,
        difficulty=None,
        due=now,
        last_review=None,
        reps=0,
        lapses=0,
        suspended=False,
        buried_until=None,
        flagged=False,
        leech=False,
        version=0,
    )
    session.add(state)
    return state


def _change_flags(
    session: Session, user: User, card_id: Any, now: datetime, **changes: Any
) -> CardFlags:
    try:
        card = _card_for(session, user, card_id)
    except ValidationFailed as error:
        # The card is named by the URL here: an unknown (or not yours) card is a 404.
        if error.code == "unknown_card":
            raise NotFound(error.message) from error
        raise
    state = _state_of(session, user, card.id)
    if state is None:
        # A new card keeps being new: its row only holds the flag, burial or suspension.
        state = _blank_state(session, user, card, now)
    for name, value in changes.items():
        setattr(state, name, value)
    state.version = (state.version or 0) + 1
    flags = _flags(card.id, state)
    if scheduling.is_new(state) and not (
        state.suspended or state.flagged or (state.buried_until and state.buried_until > now)
    ):
        session.delete(state)  # nothing left to hold: a new card has no row
    try:
        session.commit()
    except IntegrityError as error:
        session.rollback()
        raise Conflict("This card changed in the meantime; try again.") from error
    return flags


def set_suspended(
    session: Session, user: User, *, card_id: Any, suspended: bool, now: datetime
) -> CardFlags:
    """Suspend a card (it leaves every queue) or bring it back.  A leech stays tagged."""
    return _change_flags(session, user, card_id, now, suspended=bool(suspended))


def set_buried(
    session: Session, user: User, *, card_id: Any, buried: bool, now: datetime
) -> CardFlags:
    """Bury a card until the next rollover (4 a.m. in the learner's time zone), or unbury."""
    until = study_day(user, now).end if buried else None
    return _change_flags(session, user, card_id, now, buried_until=until)


def set_flagged(
    session: Session, user: User, *, card_id: Any, flagged: bool, now: datetime
) -> CardFlags:
    return _change_flags(session, user, card_id, now, flagged=bool(flagged))


# ---------------------------------------------------------------------------- settings


class SettingsInvalid(ValidationFailed):
    """Some settings are out of range; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()), code="invalid_settings")
        self.errors = errors


SETTING_FIELDS = (
    "desired_retention",
    "new_cards_per_day",
    "max_reviews_per_day",
    "learning_steps",
    "relearning_steps",
    "maximum_interval_days",
    "timezone",
)
RETENTION_RANGE = (0.70, 0.99)
MAX_PER_DAY = 9999
MAX_INTERVAL_DAYS = 36500
MAX_STEPS = 10


@dataclass(frozen=True)
class SrsSettings:
    desired_retention: float
    new_cards_per_day: int
    max_reviews_per_day: int
    learning_steps: str
    relearning_steps: str
    maximum_interval_days: int
    timezone: str
    fitted_parameters: bool = field(default=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "desired_retention": self.desired_retention,
            "new_cards_per_day": self.new_cards_per_day,
            "max_reviews_per_day": self.max_reviews_per_day,
            "learning_steps": self.learning_steps,
            "relearning_steps": self.relearning_steps,
            "maximum_interval_days": self.maximum_interval_days,
            "timezone": self.timezone,
            "fitted_parameters": self.fitted_parameters,
        }


def settings_of(user: User) -> SrsSettings:
    return SrsSettings(
        desired_retention=user.desired_retention,
        new_cards_per_day=user.new_cards_per_day,
        max_reviews_per_day=user.max_reviews_per_day,
        learning_steps=user.learning_steps,
        relearning_steps=user.relearning_steps,
        maximum_interval_days=user.maximum_interval_days,
        timezone=user.timezone,
        fitted_parameters=bool(user.fsrs_parameters),
    )


def time_zones() -> list[str]:
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def _whole(value: Any, label: str, low: int, high: int, errors: dict[str, str], key: str) -> Any:
    if isinstance(value, bool):
        value = None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not low <= value <= high:
        errors[key] = f"{label} must be a whole number from {low} to {high}."
        return None
    return value


def _steps(value: Any, label: str, errors: dict[str, str], key: str) -> str | None:
    if not isinstance(value, str):
        errors[key] = f"{label}: write steps such as 1m 10m."
        return None
    try:
        steps = scheduling.parse_steps(value)
    except ValueError as error:
        errors[key] = f"{label}: {error}."
        return None
    if len(steps) > MAX_STEPS:
        errors[key] = f"{label}: at most {MAX_STEPS} steps."
        return None
    if any(step > timedelta(days=30) for step in steps):
        errors[key] = f"{label}: a step can be at most 30 days."
        return None
    return " ".join(value.split()).lower()


def validate_settings(values: Mapping[str, Any]) -> dict[str, Any]:
    """The changes in ``values`` (any subset of ``SETTING_FIELDS``), checked and normalised."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    unknown = sorted(set(values) - set(SETTING_FIELDS))
    if unknown:
        errors[unknown[0]] = f"Unknown setting {unknown[0]!r}."
    if "desired_retention" in values:
        raw = values["desired_retention"]
        try:
            retention = float(raw) if not isinstance(raw, bool) else None
        except (TypeError, ValueError):
            retention = None
        low, high = RETENTION_RANGE
        if retention is None or not low - 1e-9 <= retention <= high + 1e-9:
            errors["desired_retention"] = (
                f"Desired retention must be between {low:.2f} and {high:.2f} (e.g. 0.90)."
            )
        else:
            clean["desired_retention"] = round(retention, 4)
    for key, label, high in (
        ("new_cards_per_day", "New cards per day", MAX_PER_DAY),
        ("max_reviews_per_day", "Maximum reviews per day", MAX_PER_DAY),
        ("maximum_interval_days", "Maximum interval", MAX_INTERVAL_DAYS),
    ):
        if key in values:
            low = 1 if key == "maximum_interval_days" else 0
            number = _whole(values[key], label, low, high, errors, key)
            if number is not None:
                clean[key] = number
    for key, label in (
        ("learning_steps", "Learning steps"),
        ("relearning_steps", "Relearning steps"),
    ):
        if key in values:
            steps = _steps(values[key], label, errors, key)
            if steps is not None:
                clean[key] = steps
    if "timezone" in values:
        zone = values["timezone"]
        if not isinstance(zone, str) or zone not in zoneinfo.available_timezones():
            errors["timezone"] = "Choose a time zone from the list, such as Europe/Paris."
        else:
            clean["timezone"] = zone
    if errors:
        raise SettingsInvalid(errors)
    return clean


def update_settings(session: Session, user: User, values: Mapping[str, Any]) -> SrsSettings:
    """Change some of the user's settings; all or nothing (``SettingsInvalid`` lists every
    field that is wrong).  New settings apply from each card's next review."""
    clean = validate_settings(values)
    for key, value in clean.items():
        setattr(user, key, value)
    session.commit()
    return settings_of(user)


def find_user(session: Session, email: str) -> User:
    user = session.execute(
        select(User).where(User.email == email.strip().lower())
    ).scalar_one_or_none()
    if user is None:
        raise NotFound(f"No account with the email {email}.")
    return user


def logs_of(session: Session, user_id: int, card_ids: Iterable[int] | None = None) -> list[Any]:
    query = select(ReviewLog).where(ReviewLog.user_id == user_id)
    if card_ids is not None:
        query = query.where(ReviewLog.card_id.in_(list(card_ids)))
    return list(session.execute(query.order_by(ReviewLog.reviewed_at, ReviewLog.id)).scalars())


# ------------------------------------------------------- fitted parameters and replay

#: The fsrs optimizer learns only from reviews at least a day after the card's previous
#: one, and fits nothing below one mini-batch of them: its own minimum.
OPTIMIZER_MINIMUM = 512


class NotEnoughReviews(ValidationFailed):
    code = "not_enough_reviews"


class OptimizerMissing(ServiceError):
    status = 503
    code = "optimizer_missing"


def optimizer_review_count(logs: Iterable[ReviewLog]) -> int:
    """The reviews the optimizer learns from: those a day or more after the card's last."""
    last: dict[int, datetime] = {}
    count = 0
    for log in sorted(logs, key=lambda entry: (entry.reviewed_at, entry.id or 0)):
        previous = last.get(log.card_id)
        if previous is not None and (log.reviewed_at - previous).days > 0:
            count += 1
        last[log.card_id] = log.reviewed_at
    return count


@dataclass(frozen=True)
class FitResult:
    reviews: int
    usable: int
    parameters: list[float]


def fit_parameters(session: Session, user: User) -> FitResult:
    """Fit this learner's FSRS parameters from their log with fsrs's Optimizer (the
    optional ``optimizer`` extra, which needs torch) and use them from now on."""
    logs = logs_of(session, user.id)
    usable = optimizer_review_count(logs)
    if usable < OPTIMIZER_MINIMUM:
        raise NotEnoughReviews(
            f"{user.email} has {usable} reviews the optimizer can learn from (a review a day "
            f"or more after the card's previous one) out of {len(logs)}; it needs "
            f"{OPTIMIZER_MINIMUM}. The default parameters stay in use."
        )
    try:
        import torch  # noqa: F401
        from fsrs.optimizer import Optimizer
    except ImportError as error:
        raise OptimizerMissing(
            "Fitting parameters needs the optional optimizer extra, which brings torch: "
            "pip install 'quizapp[optimizer]'. The default parameters stay in use."
        ) from error
    from fsrs import ReviewLog as FsrsReviewLog

    history = [
        FsrsReviewLog(
            card_id=log.card_id,
            rating=Rating(log.rating),
            review_datetime=log.reviewed_at,
            review_duration=log.duration_ms,
        )
        for log in logs
    ]
    parameters = [float(p) for p in Optimizer(history).compute_optimal_parameters()]
    Scheduler(parameters=parameters)  # refuses parameters out of bounds
    user.fsrs_parameters = parameters
    session.commit()
    return FitResult(reviews=len(logs), usable=usable, parameters=parameters)


@dataclass(frozen=True)
class ReplayMismatch:
    user_id: int
    card_id: int
    problems: list[str]


def replay_check(
    session: Session, *, user_id: int | None = None
) -> tuple[int, list[ReplayMismatch]]:
    """Replay every card's log from a new fsrs card and compare with the stored state.
    Returns (cards checked, mismatches)."""
    states_query = select(CardState).where(CardState.reps > 0)
    logs_query = select(ReviewLog).order_by(
        ReviewLog.user_id, ReviewLog.card_id, ReviewLog.reviewed_at, ReviewLog.id
    )
    if user_id is not None:
        states_query = states_query.where(CardState.user_id == user_id)
        logs_query = logs_query.where(ReviewLog.user_id == user_id)
    states = {(s.user_id, s.card_id): s for s in session.execute(states_query).scalars()}
    grouped: dict[tuple[int, int], list[ReviewLog]] = {}
    for log in session.execute(logs_query).scalars():
        grouped.setdefault((log.user_id, log.card_id), []).append(log)
    mismatches = []
    for key in sorted(set(states) | set(grouped)):
        state, logs = states.get(key), grouped.get(key, [])
        replayed = scheduling.replay(key[1], logs)
        if state is None or replayed is None:
            problem = "a log but no state" if state is None else "a state but no log"
            mismatches.append(ReplayMismatch(key[0], key[1], [problem]))
            continue
        problems = scheduling.replay_differences(state, replayed)
        if problems:
            mismatches.append(ReplayMismatch(key[0], key[1], problems))
    return len(set(states) | set(grouped)), mismatches
