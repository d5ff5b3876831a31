"""The progress a learner can see: today, a year of reviews, the next 30 days, how well each
category of facts is held, and the history of one card.

Read-only.  Days are study days: they roll over at 4 a.m. in the learner's time zone.

Definitions (the page says them too):

* **Retention today**: the share of today's answers (flashcards and quiz evidence) that were
  recalled, i.e. rated Hard, Good or Easy rather than Again (Anki's "correct" of today).
* **Mature**: a card in review whose interval is 21 days or more; the share is over every
  card of the sets the learner studies, new ones included.
* **Memory lasts about N days**: fsrs's stability, the days until the predicted recall of a
  card falls to 90%.  Per category, the median over the cards studied.
* **Predicted recall when due**: fsrs's probability of recalling a card in review on its
  due day (today, if overdue), counted in study days as the scheduler counts them; per
  category, the average over the cards in review.  Not "recall now": a card reviewed (or
  just failed) today reads 100% today, which is true for fsrs and useless to a person.
  Cards in (re)learning have no due day yet: they are "being learnt".
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Scheduler, State
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from quizapp.models import Card, CardState, QuestionSet, ReviewLog, User
from quizapp.services import categories as category_names
from quizapp.services import reviews, scheduling
from quizapp.services.errors import Forbidden, NotFound
from quizapp.services.ids import is_id
from quizapp.services.reviews.days import Calendar, calendar_of

HEATMAP_DAYS = 365
FORECAST_DAYS = 30
WEAKEST = 15


@dataclass(frozen=True)
class TodayStats:
    reviewed: int
    from_quizzes: int
    time_spent_ms: int
    recalled: int

    @property
    def retention(self) -> float | None:
        return self.recalled / self.reviewed if self.reviewed else None


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class CategoryStats:
    """One category of one set the learner studies (categories belong to their set)."""

    set_id: int
    set_name: str
    #: The instructor's name, as written (``categories.label``: none is "No category").
    category: str
    cards: int  # every active card of the studied sets in this category
    studied: int
    mature: int
    learning: int  # in (re)learning: no due day yet
    lasts_days: float | None  # the median memory strength of the cards studied
    recall_when_due: float | None  # the average predicted recall when due, cards in review

    @property
    def mature_share(self) -> float | None:
        return self.mature / self.cards if self.cards else None


@dataclass(frozen=True)
class CardSummary:
    card_id: int
    front: str
    category: str | None
    state: str
    due: datetime
    recall_when_due: float | None  # None: in (re)learning
    lasts_days: float | None
    flagged: bool
    suspended: bool
    leech: bool


@dataclass(frozen=True)
class Memory:
    """What the figures of one learner need: their scheduler, calendar and today."""

    scheduler: Scheduler
    calendar: Calendar
    today: date

    @classmethod
    def of(cls, user: User, now: datetime) -> Memory:
        calendar = calendar_of(user)
        return cls(scheduling.scheduler_for(user), calendar, calendar.day_of(now))

    def recall_when_due(self, state: CardState) -> float | None:
        return scheduling.recall_when_due(self.scheduler, state, self.calendar, self.today)


@dataclass(frozen=True)
class Progress:
    today: TodayStats
    heatmap: list[DayCount]
    forecast: list[DayCount]
    categories: list[CategoryStats]
    weakest: list[CardSummary]
    marked: list[CardSummary]  # flagged, suspended or leech
    fitted_parameters: bool
    day: reviews.StudyDay

    @property
    def categories_by_set(self) -> list[tuple[str, list[CategoryStats]]]:
        return category_names.by_set(self.categories)


def today_stats(session: Session, user: User, *, now: datetime) -> TodayStats:
    day = reviews.study_day(user, now)
    reviewed, quizzes, spent, recalled = session.execute(
        select(
            func.count(ReviewLog.id),
            func.coalesce(
                func.sum(case((ReviewLog.origin.in_(scheduling.QUIZ_ORIGINS), 1), else_=0)), 0
            ),
            func.coalesce(func.sum(ReviewLog.duration_ms), 0),
            func.coalesce(func.sum(case((ReviewLog.rating > 1, 1), else_=0)), 0),
        ).where(
            ReviewLog.user_id == user.id,
            ReviewLog.reviewed_at >= day.start,
            ReviewLog.reviewed_at < day.end,
        )
    ).one()
    return TodayStats(int(reviewed), int(quizzes), int(spent), int(recalled))


def heatmap(
    session: Session, user: User, *, now: datetime, days: int = HEATMAP_DAYS
) -> list[DayCount]:
    """Reviews per study day over the last ``days`` days, oldest first, today last."""
    span = reviews.last_days(reviews.zone_of(user), now, days)
    moments = session.execute(
        select(ReviewLog.reviewed_at).where(
            ReviewLog.user_id == user.id,
            ReviewLog.reviewed_at >= span.start,
            ReviewLog.reviewed_at < span.end,
        )
    ).scalars()
    per_day = Counter(span.day_of(moment) for moment in moments)
    return [DayCount(day, per_day.get(day, 0)) for day in span.dates()]


def forecast(
    session: Session, user: User, *, now: datetime, days: int = FORECAST_DAYS
) -> list[DayCount]:
    """Cards due on each of the next ``days`` study days (today includes the overdue ones).
    Suspended cards are left out; daily limits are not applied."""
    span = reviews.next_days(reviews.zone_of(user), now, days)
    dues = session.execute(
        select(CardState.due).where(
            CardState.user_id == user.id,
            CardState.due < span.end,
            CardState.suspended.is_(False),
            CardState.reps > 0,
        )
    ).scalars()
    per_day = Counter(max(span.day_of(due), span.first) for due in dues)
    return [DayCount(day, per_day.get(day, 0)) for day in span.dates()]


def _studied_states(session: Session, user: User) -> list[tuple[CardState, Card]]:
    return [
        (state, card)
        for state, card in session.execute(
            select(CardState, Card)
            .join(Card, Card.id == CardState.card_id)
            .where(CardState.user_id == user.id, CardState.reps > 0, Card.active.is_(True))
        )
    ]


def _summary(memory: Memory, state: CardState, card: Card) -> CardSummary:
    return CardSummary(
        card_id=card.id,
        front=card.front,
        category=card.category,
        state=reviews.STATE_NAMES[state.state],
        due=state.due,
        recall_when_due=memory.recall_when_due(state),
        lasts_days=scheduling.lasts_days(state),
        flagged=state.flagged,
        suspended=state.suspended,
        leech=state.leech,
    )


def categories(
    session: Session,
    user: User,
    *,
    now: datetime,
    studied: list[tuple[CardState, Card]] | None = None,
) -> list[CategoryStats]:
    """Per set studied and category: cards, studied, mature, in learning, memory strength
    and predicted recall when due.

    Sets by name, each one's categories in the set's order (``services.categories``)."""
    studied = _studied_states(session, user) if studied is None else studied
    started = select(CardState.set_id).where(CardState.user_id == user.id).distinct()
    totals: Counter[tuple[int, str | None]] = Counter()
    for set_id, category, count in session.execute(
        select(Card.set_id, Card.category, func.count(Card.id))
        .join(QuestionSet, QuestionSet.id == Card.set_id)
        .where(Card.active.is_(True), QuestionSet.deleted_at.is_(None), Card.set_id.in_(started))
        .group_by(Card.set_id, Card.category)
    ):
        totals[(set_id, category or None)] += int(count)
    memory = Memory.of(user, now)
    per_category: dict[tuple[int, str | None], list[CardState]] = {}
    for state, card in studied:
        per_category.setdefault((card.set_id, card.category or None), []).append(state)
    present = set(totals) | set(per_category)
    sets = {
        set_id: (name, order)
        for set_id, name, order in session.execute(
            select(QuestionSet.id, QuestionSet.name, QuestionSet.category_order).where(
                QuestionSet.id.in_({set_id for set_id, _ in present})
            )
        )
    }

    def place(key: tuple[int, str | None]) -> tuple:
        name, order = sets[key[0]]
        return (name.casefold(), key[0], category_names.sort_key(order)(key[1]))

    result = []
    for key in sorted(present, key=place):
        states = per_category.get(key, [])
        recalls = [r for r in map(memory.recall_when_due, states) if r is not None]
        strengths = [s for s in map(scheduling.lasts_days, states) if s is not None]
        result.append(
            CategoryStats(
                set_id=key[0],
                set_name=sets[key[0]][0],
                category=category_names.label(key[1]),
                cards=max(totals.get(key, 0), len(states)),
                studied=len(states),
                mature=sum(1 for state in states if scheduling.is_mature(state)),
                learning=sum(1 for state in states if state.state != int(State.Review)),
                lasts_days=statistics.median(strengths) if strengths else None,
                recall_when_due=sum(recalls) / len(recalls) if recalls else None,
            )
        )
    return result


def overview(session: Session, user: User, *, now: datetime) -> Progress:
    studied = _studied_states(session, user)
    memory = Memory.of(user, now)
    summaries = [_summary(memory, state, card) for state, card in studied]
    weakest = sorted(
        (s for s in summaries if not s.suspended),
        key=lambda s: (s.lasts_days if s.lasts_days is not None else 0.0, s.card_id),
    )[:WEAKEST]
    marked = [s for s in summaries if s.flagged or s.suspended or s.leech]
    return Progress(
        today=today_stats(session, user, now=now),
        heatmap=heatmap(session, user, now=now),
        forecast=forecast(session, user, now=now),
        categories=categories(session, user, now=now, studied=studied),
        weakest=weakest,
        marked=marked,
        fitted_parameters=bool(user.fsrs_parameters),
        day=reviews.study_day(user, now),
    )


# ----------------------------------------------------------------------------- one card


@dataclass(frozen=True)
class HistoryEntry:
    reviewed_at: datetime
    rating: int
    rating_name: str
    origin: str
    duration_ms: int | None
    retrievability_before: float | None  # fsrs's recall probability then (None: new)
    state_after: str
    interval_after_days: float
    stability_after: float | None

    @property
    def from_quiz(self) -> bool:
        return self.origin in scheduling.QUIZ_ORIGINS


@dataclass(frozen=True)
class CardHistory:
    card: Card
    state: CardState | None
    recall_when_due: float | None  # None: new, or in (re)learning
    lasts_days: float | None
    interval_days: float | None
    entries: list[HistoryEntry]
    source: dict[str, Any] | None
    flags: reviews.CardFlags


def _recall_then(log: ReviewLog, fallback: Scheduler) -> float | None:
    """fsrs's probability of recall at the moment of a review (None: the card was new),
    counted as that review counted time: study days, or 24-hour periods before them."""
    before, after = log.state_before, log.state_after or {}
    if not before:
        return None
    snapshot = after.get("scheduler")
    scheduler = scheduling.scheduler_from_snapshot(snapshot) if snapshot else fallback
    days = after.get("days")
    if days:
        elapsed = scheduling.Days.from_record(days).elapsed or 0
        return scheduling.recall_after(scheduler, before.get("stability"), elapsed)
    card = FsrsCard.from_dict(before)  # type: ignore[arg-type]
    return float(scheduler.get_card_retrievability(card, log.reviewed_at))


def card_history(session: Session, user: User, card_id: int, *, now: datetime) -> CardHistory:
    """A card's reviews, oldest first, its memory now and its flags."""
    card = session.get(Card, card_id) if is_id(card_id) else None
    access = reviews.study_access(session, user, card.question_set, now=now) if card else None
    if access == reviews.FLASHCARDS_CLOSED:
        raise Forbidden(reviews.CLOSED_MESSAGE, code="flashcards_closed")
    if access != reviews.FLASHCARDS_OPEN:
        raise NotFound("There is no such card.")
    state = session.execute(
        select(CardState).where(CardState.user_id == user.id, CardState.card_id == card.id)
    ).scalar_one_or_none()
    memory = Memory.of(user, now)
    entries = []
    for log in reviews.logs_of(session, user.id, [card.id]):
        after = log.state_after
        due_after = datetime.fromisoformat(after["due"])
        entries.append(
            HistoryEntry(
                reviewed_at=log.reviewed_at,
                rating=log.rating,
                rating_name=reviews.RATING_NAMES[log.rating].capitalize(),
                origin=log.origin,
                duration_ms=log.duration_ms,
                retrievability_before=_recall_then(log, memory.scheduler),
                state_after=reviews.STATE_NAMES[int(after["state"])],
                interval_after_days=(
                    float(after["scheduled_days"])
                    if after.get("scheduled_days") is not None
                    else (due_after - log.reviewed_at).total_seconds() / 86400
                ),
                stability_after=after.get("stability"),
            )
        )
    reviewed = state is not None and not scheduling.is_new(state)
    return CardHistory(
        card=card,
        state=state,
        recall_when_due=memory.recall_when_due(state) if reviewed else None,  # type: ignore[arg-type]
        lasts_days=scheduling.lasts_days(state),
        interval_days=scheduling.interval_days(state) if reviewed else None,  # type: ignore[arg-type]
        entries=entries,
        source=(card.data or {}).get("source"),
        flags=reviews.flags_of(card.id, state),
    )
