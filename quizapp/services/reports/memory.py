"""What the class remembers of a set's flashcards, and how well it recalled them lately.

Definitions (the report page says them too):

* **Memory**: for each active flashcard of the set, the class's average retrievability now
  (FSRS, each student's own scheduler), a student who never studied the card counting as 0
  (there is nothing in memory to recall), and how many students hold it *mature* (in review
  with an interval of 21 days or more, as ``services.progress`` counts it).
* **Retention over time**: per study day (the instructor's days, 4 a.m. rollover), the share
  of the class's reviews of the set's cards (flashcards and quiz answers) rated Hard, Good
  or Easy rather than Again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.models import Card, CardState, QuestionSet, ReviewLog, User
from quizapp.services import reviews, scheduling

#: Days of review history in the retention plot.
RETENTION_DAYS = 30


@dataclass(frozen=True)
class CardMemory:
    card_id: int
    front: str
    category: str | None
    students: int
    studied: int
    mature: int
    #: Over every student of the course; one who never studied the card counts as 0.
    average_retrievability: float | None


@dataclass(frozen=True)
class RetentionDay:
    day: date
    reviews: int
    recalled: int

    @property
    def share(self) -> float:
        return self.recalled / self.reviews if self.reviews else 0.0


def memory(
    session: Session, question_set: QuestionSet, user_ids: Sequence[int], now: datetime
) -> list[CardMemory]:
    """Each active card of the set, what the class is about to forget first."""
    cards = list(
        session.execute(
            select(Card)
            .where(Card.set_id == question_set.id, Card.active.is_(True))
            .order_by(Card.position)
        ).scalars()
    )
    users = (
        list(session.execute(select(User).where(User.id.in_(user_ids))).scalars())
        if user_ids
        else []
    )
    schedulers = {u.id: scheduling.scheduler_for(u) for u in users}
    states = (
        session.execute(
            select(CardState).where(
                CardState.card_id.in_([c.id for c in cards]),
                CardState.user_id.in_(list(schedulers)),
                CardState.reps > 0,
            )
        ).scalars()
        if cards and schedulers
        else []
    )
    per_card: dict[int, list[tuple[float, bool]]] = {}
    for state in states:
        recall = float(
            schedulers[state.user_id].get_card_retrievability(scheduling.to_fsrs(state), now)
        )
        mature = scheduling.is_mature(state)
        per_card.setdefault(state.card_id, []).append((recall, mature))
    count = len(schedulers)
    result = [
        CardMemory(
            card_id=card.id,
            front=card.front,
            category=card.category,
            students=count,
            studied=len(per_card.get(card.id, [])),
            mature=sum(1 for _, mature in per_card.get(card.id, []) if mature),
            average_retrievability=(
                sum(r for r, _ in per_card.get(card.id, [])) / count if count else None
            ),
        )
        for card in cards
    ]
    result.sort(key=lambda m: m.average_retrievability or 0.0)  # stable: set order in ties
    return result


def retention(
    session: Session,
    question_set: QuestionSet,
    user_ids: Sequence[int],
    *,
    viewer: User,
    now: datetime,
    days: int = RETENTION_DAYS,
) -> list[RetentionDay]:
    """Per study day with reviews, over the last ``days``: reviews and recalled ones."""
    if not user_ids:
        return []
    span = reviews.last_days(reviews.zone_of(viewer), now, days)
    rows = session.execute(
        select(ReviewLog.reviewed_at, ReviewLog.rating)
        .join(Card, Card.id == ReviewLog.card_id)
        .where(
            Card.set_id == question_set.id,
            ReviewLog.user_id.in_(user_ids),
            ReviewLog.reviewed_at >= span.start,
            ReviewLog.reviewed_at < span.end,
        )
    ).all()
    per_day: dict[date, list[int]] = {}
    for moment, rating in rows:
        counts = per_day.setdefault(span.day_of(moment), [0, 0])
        counts[0] += 1
        counts[1] += 1 if rating > 1 else 0
    return [RetentionDay(day, *per_day[day]) for day in sorted(per_day)]
