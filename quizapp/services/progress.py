"""The progress a learner can see: today, a year of reviews, the next 30 days, how well each
category of facts is held, and the history of one card.

Read-only.  Days are study days: they roll over at 4 a.m. in the learner's time zone.

Definitions (the page says them too):

* **Retention today**: the share of today's answers (flashcards and quiz answers) that were
  recalled, i.e. rated Hard, Good or Easy rather than Again (Anki's "correct" of today).
* **Mature**: a card in review whose interval (last review to due) is 21 days or more; the
  share is over every card of the sets the learner studies, new ones included.
* **Average retrievability**: FSRS's probability of recall now, averaged over the cards
  the learner has studied (a new card has no memory to measure).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Scheduler
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from question_bank.article import CATEGORIES
from quizapp.models import Card, CardState, QuestionSet, ReviewLog, User
from quizapp.services import reviews, scheduling
from quizapp.services.errors import NotFound
from quizapp.services.ids import is_id

HEATMAP_DAYS = 365
FORECAST_DAYS = 30
WEAKEST = 15
#: Cards without a category.
OTHER = "other"


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
    category: str
    cards: int  # every active card of the studied sets in this category
    studied: int
    mature: int
    average_retrievability: float | None

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
    retrievability: float
    flagged: bool
    suspended: bool
    leech: bool


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


def today_stats(session: Session, user: User, *, now: datetime) -> TodayStats:
    day = reviews.study_day(user, now)
    reviewed, quizzes, spent, recalled = session.execute(
        select(
            func.count(ReviewLog.id),
            func.coalesce(func.sum(case((ReviewLog.origin == "quiz", 1), else_=0)), 0),
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


def _summary(scheduler: Scheduler, state: CardState, card: Card, now: datetime) -> CardSummary:
    return CardSummary(
        card_id=card.id,
        front=card.front,
        category=card.category,
        state=reviews.STATE_NAMES[state.state],
        due=state.due,
        retrievability=float(scheduler.get_card_retrievability(scheduling.to_fsrs(state), now)),
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
    """Per category: cards, studied, mature, average retrievability now."""
    studied = _studied_states(session, user) if studied is None else studied
    started = select(CardState.set_id).where(CardState.user_id == user.id).distinct()
    totals: Counter[str] = Counter()
    for category, count in session.execute(
        select(Card.category, func.count(Card.id))
        .join(QuestionSet, QuestionSet.id == Card.set_id)
        .where(Card.active.is_(True), QuestionSet.deleted_at.is_(None), Card.set_id.in_(started))
        .group_by(Card.category)
    ):
        totals[category or OTHER] += int(count)
    scheduler = scheduling.scheduler_for(user)
    per_category: dict[str, list[tuple[float, bool]]] = {}
    for state, card in studied:
        mature = scheduling.is_mature(state)
        recall = float(scheduler.get_card_retrievability(scheduling.to_fsrs(state), now))
        per_category.setdefault(card.category or OTHER, []).append((recall, mature))
    present = set(totals) | set(per_category)
    names = [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
    result = []
    for name in names:
        rows = per_category.get(name, [])
        result.append(
            CategoryStats(
                category=name,
                cards=max(totals.get(name, 0), len(rows)),
                studied=len(rows),
                mature=sum(1 for _, mature in rows if mature),
                average_retrievability=(sum(r for r, _ in rows) / len(rows)) if rows else None,
            )
        )
    return result


def overview(session: Session, user: User, *, now: datetime) -> Progress:
    studied = _studied_states(session, user)
    scheduler = scheduling.scheduler_for(user)
    summaries = [_summary(scheduler, state, card, now) for state, card in studied]
    weakest = sorted(
        (s for s in summaries if not s.suspended), key=lambda s: (s.retrievability, s.card_id)
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
    retrievability_before: float | None  # FSRS's recall probability at that moment
    state_after: str
    interval_after_days: float
    stability_after: float | None


@dataclass(frozen=True)
class CardHistory:
    card: Card
    state: CardState | None
    retrievability: float | None
    interval_days: float | None
    entries: list[HistoryEntry]
    source: dict[str, Any] | None
    flags: reviews.CardFlags


def card_history(session: Session, user: User, card_id: int, *, now: datetime) -> CardHistory:
    """A card's reviews, oldest first, its retrievability now and its flags."""
    card = session.get(Card, card_id) if is_id(card_id) else None
    if card is None or not reviews.can_study(session, user, card.question_set):
        raise NotFound("There is no such card.")
    state = session.execute(
        select(CardState).where(CardState.user_id == user.id, CardState.card_id == card.id)
    ).scalar_one_or_none()
    scheduler = scheduling.scheduler_for(user)
    entries = []
    for log in reviews.logs_of(session, user.id, [card.id]):
        after = log.state_after
        before = log.state_before
        recall = None
        if before:
            recall = float(
                scheduler.get_card_retrievability(FsrsCard.from_dict(before), log.reviewed_at)
            )
        due_after = datetime.fromisoformat(after["due"])
        entries.append(
            HistoryEntry(
                reviewed_at=log.reviewed_at,
                rating=log.rating,
                rating_name=reviews.RATING_NAMES[log.rating].capitalize(),
                origin=log.origin,
                duration_ms=log.duration_ms,
                retrievability_before=recall,
                state_after=reviews.STATE_NAMES[int(after["state"])],
                interval_after_days=(due_after - log.reviewed_at).total_seconds() / 86400,
                stability_after=after.get("stability"),
            )
        )
    reviewed = state is not None and not scheduling.is_new(state)
    return CardHistory(
        card=card,
        state=state,
        retrievability=scheduling.retrievability(user, state, now) if reviewed else None,  # type: ignore[arg-type]
        interval_days=scheduling.interval_days(state) if reviewed else None,  # type: ignore[arg-type]
        entries=entries,
        source=(card.data or {}).get("source"),
        flags=reviews.flags_of(card.id, state),
    )
