"""What the class will remember of a set's flashcards, and how well it recalled them lately.

Definitions (the report page says them too):

* **Predicted recall on a day**: for each active flashcard of the set, fsrs's probability
  that a student recalls it on that study day if they do not review it before, averaged over
  the course's students (each with their own scheduler and calendar; a student who never
  studied the card counts as 0, there is nothing to recall).  The average is also the share
  of the class expected to recall the fact that day.  The instructor picks the day; it
  defaults to a week ahead.  "Recall now" is not offered: a card a student reviewed (or
  failed) today reads 100% today, which is true for fsrs and useless for teaching.
* **Exam**: when the course set has an exam date, the same prediction for that day, and per
  student the reviews that come due before it (their flashcards scheduled before the exam:
  doing them is what keeps the prediction up, since it assumes no review in between).
* **Mature**: in review with an interval of 21 days or more (as ``services.progress``).
* **Retention over time**: per study day (the instructor's days, 4 a.m. rollover), the share
  of the class's reviews of the set's cards (flashcards and quiz evidence) rated Hard, Good
  or Easy rather than Again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fsrs import Scheduler
from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.models import Card, CardState, QuestionSet, ReviewLog, User
from quizapp.services import reviews, scheduling
from quizapp.services.reviews.days import Calendar, calendar_of

#: Days of review history in the retention plot.
RETENTION_DAYS = 30
#: The day the report predicts recall on unless the instructor picks one: a week ahead.
DAYS_AHEAD = 7


@dataclass(frozen=True)
class CardMemory:
    card_id: int
    front: str
    category: str | None
    students: int
    studied: int
    mature: int
    #: Over every student of the course; one who never studied the card counts as 0.
    recall_on_day: float | None
    recall_on_exam: float | None  # None: no exam date


@dataclass(frozen=True)
class StudentOutlook:
    """One student before the exam."""

    user_id: int
    email: str
    studied: int  # cards of the set studied
    due_before_exam: int  # reviews of the set's cards due before the exam day
    recall_on_exam: float  # their predicted recall of the set's cards (never studied: 0)


@dataclass(frozen=True)
class ClassMemory:
    day: date  # the day the cards' recall is predicted on
    exam_date: date | None
    cards: list[CardMemory]
    students: list[StudentOutlook]  # empty without an exam date


@dataclass(frozen=True)
class RetentionDay:
    day: date
    reviews: int
    recalled: int

    @property
    def share(self) -> float:
        return self.recalled / self.reviews if self.reviews else 0.0


def default_day(viewer: User, now: datetime) -> date:
    """A week from the viewer's study day today."""
    return reviews.study_day(viewer, now).date + timedelta(days=DAYS_AHEAD)


def memory(
    session: Session,
    question_set: QuestionSet,
    user_ids: Sequence[int],
    *,
    day: date,
    exam_date: date | None = None,
) -> ClassMemory:
    """Each active card of the set, what the class is about to forget first."""
    cards = list(
        session.execute(
            select(Card)
            .where(Card.set_id == question_set.id, Card.active.is_(True))
            .order_by(Card.position)
        ).scalars()
    )
    users = (
        list(
            session.execute(
                select(User).where(User.id.in_(user_ids)).order_by(User.email)
            ).scalars()
        )
        if user_ids
        else []
    )
    learners = {u.id: (scheduling.scheduler_for(u), calendar_of(u)) for u in users}
    states = (
        list(
            session.execute(
                select(CardState).where(
                    CardState.card_id.in_([c.id for c in cards]),
                    CardState.user_id.in_(list(learners)),
                    CardState.reps > 0,
                )
            ).scalars()
        )
        if cards and learners
        else []
    )
    per_card: dict[int, list[tuple[float, float | None, bool]]] = {}
    per_student: dict[int, list[CardState]] = {}
    for state in states:
        scheduler, calendar = learners[state.user_id]
        on_day = scheduling.recall_on(scheduler, state, calendar, day)
        on_exam = scheduling.recall_on(scheduler, state, calendar, exam_date) if exam_date else None
        per_card.setdefault(state.card_id, []).append(
            (on_day, on_exam, scheduling.is_mature(state))
        )
        per_student.setdefault(state.user_id, []).append(state)
    count = len(learners)

    def average(values: list[float]) -> float | None:
        return sum(values) / count if count else None

    result = []
    for card in cards:
        found = per_card.get(card.id, [])
        result.append(
            CardMemory(
                card_id=card.id,
                front=card.front,
                category=card.category,
                students=count,
                studied=len(found),
                mature=sum(1 for *_, mature in found if mature),
                recall_on_day=average([r for r, _, _ in found]),
                recall_on_exam=average([r or 0.0 for _, r, _ in found]) if exam_date else None,
            )
        )
    key = (lambda m: m.recall_on_exam or 0.0) if exam_date else (lambda m: m.recall_on_day or 0.0)
    result.sort(key=key)  # stable: the set's order in ties
    outlook = (
        [
            _outlook(u, per_student.get(u.id, []), learners[u.id], exam_date, len(cards))
            for u in users
        ]
        if exam_date
        else []
    )
    return ClassMemory(day, exam_date, result, outlook)


def _outlook(
    user: User,
    states: list[CardState],
    learner: tuple[Scheduler, Calendar],
    exam_date: date,
    card_count: int,
) -> StudentOutlook:
    scheduler, calendar = learner
    exam_starts = calendar.day_start(exam_date)
    recalls = [scheduling.recall_on(scheduler, s, calendar, exam_date) for s in states]
    return StudentOutlook(
        user_id=user.id,
        email=user.email,
        studied=len(states),
        due_before_exam=sum(1 for s in states if not s.suspended and s.due < exam_starts),
        recall_on_exam=sum(recalls) / card_count if card_count else 0.0,
    )


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
