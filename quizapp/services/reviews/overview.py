"""What the study pages show around the queue: the sets with what is left today, the
study screen (the card, or when the next one comes), and the status the API gives.

Read-only.  Each page or API view calls one of these; the rules are in ``availability``
and ``queue_order``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import State
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from quizapp.models import Card, CardState, QuestionSet, User
from quizapp.models.question_set import PUBLIC
from quizapp.services.reviews import access, availability, queue_order, queue_queries
from quizapp.services.reviews.days import calendar_of, describe_when, study_day
from quizapp.services.reviews.queue import (
    NextCard,
    counts,
    current_card,
    due_items,
    limits_of,
    new_cards,
)
from quizapp.services.reviews.queue_order import Counts


@dataclass(frozen=True)
class StudyScreen:
    question_set: QuestionSet | None  # None: every due card of the sets started
    shown: NextCard | None  # None: done for today
    next_due: datetime | None  # when nothing is shown: when the next card comes
    next_due_text: str  # the same, as the learner reads it ("" when nothing is scheduled)


def study_screen(
    session: Session,
    user: User,
    *,
    now: datetime,
    set_id: int | None = None,
    card_id: int | None = None,
) -> StudyScreen:
    """The study page: the set (404 unless the user may study it), the card to show
    (``card_id`` if it may be reviewed now, as after an undo), else when the next is due."""
    question_set = access.studyable_set(session, user, set_id, now=now) if set_id else None
    shown = current_card(session, user, now=now, set_id=set_id, card_id=card_id)
    due = None if shown else next_due(session, user, now=now, set_id=set_id)
    return StudyScreen(question_set, shown, due, describe_when(due, user, now))


@dataclass(frozen=True)
class Status:
    counts: Counts
    next_due: datetime | None
    next_due_text: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts.as_dict(),
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "next_due_text": self.next_due_text,
        }


def status(session: Session, user: User, *, now: datetime, set_id: int | None = None) -> Status:
    """Today's counts and when the next card is due, in ``set_id`` (404 unless the user may
    study it) or in every set started."""
    if set_id is not None:
        access.check_studyable(session, user, set_id, now=now)
    due = next_due(session, user, now=now, set_id=set_id)
    return Status(counts(session, user, now=now, set_id=set_id), due, describe_when(due, user, now))


@dataclass(frozen=True)
class SetToStudy:
    id: int
    name: str
    description: str
    cards: int
    counts: Counts
    #: The learner has studied a card of it: only then is it in the "all due" total.
    started: bool = True
    #: Its new cards, before today's limit (``counts.new`` is what the limit leaves).
    new_cards: int = 0


@dataclass(frozen=True)
class StudyOverview:
    sets: list[SetToStudy]
    total: Counts  # the "all due" queue: every set started, limits applied once
    #: The daily limit of new cards, shared by every set (why a set shows 20 of its 91).
    new_per_day: int = 0

    @property
    def started_sets(self) -> int:
        return sum(1 for s in self.sets if s.started)


def study_overview(session: Session, user: User, *, now: datetime) -> StudyOverview:
    """The sets a learner can study, each with what is left today (not those a course keeps
    closed).  Five queries."""
    day = study_day(user, now)
    limits = limits_of(user)
    closed = access.closed_sets(session, user.id, now=now)
    done, due = due_items(session, user, now=now, day=day, set_id=None, closed=closed)
    started = set(session.execute(queue_queries.started_sets(user.id)).scalars()) - closed
    new_per_set = _new_per_set(session, user, now)
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
    result = [
        SetToStudy(
            id=question_set.id,
            name=question_set.name,
            description=question_set.description,
            cards=cards_per_set.get(question_set.id, 0),
            counts=queue_order.counts_of(
                due,
                new_cards=new_per_set.get(question_set.id, 0),
                limits=limits,
                done=done,
                set_id=question_set.id,
            ),
            started=question_set.id in started,
            new_cards=new_per_set.get(question_set.id, 0),
        )
        for question_set in sets
    ]
    total_new = sum(new_per_set.get(set_id, 0) for set_id in started)
    total = queue_order.counts_of(due, new_cards=total_new, limits=limits, done=done)
    return StudyOverview(sets=result, total=total, new_per_day=limits.new_per_day)


def _new_per_set(session: Session, user: User, now: datetime) -> dict[int, int]:
    """Each set's new cards for this user (no state, or one that holds only a flag)."""
    own = aliased(CardState)
    return dict(
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


def next_due(
    session: Session, user: User, *, now: datetime, set_id: int | None = None
) -> datetime | None:
    """When the next card becomes available to study (for the "done for today" screen):
    a learning card 20 minutes before it is due, a review on the morning of its day, and
    buried cards, reviews over today's limit and new cards over it at the next rollover."""
    day = study_day(user, now)
    closed = access.closed_sets(session, user.id, now=now) if set_id is None else set()
    if set_id is not None:
        in_scope = [CardState.set_id == set_id]
    else:
        in_scope = [CardState.set_id.not_in(closed)]
    shown = select(func.min(CardState.due)).where(
        CardState.user_id == user.id,
        CardState.suspended.is_(False),
        or_(CardState.buried_until.is_(None), CardState.buried_until <= now),
        CardState.reps > 0,
        *in_scope,
    )
    review_due = session.execute(
        shown.where(CardState.due >= day.end, CardState.state == int(State.Review))
    ).scalar()
    learning_due = session.execute(
        shown.where(CardState.due > now, CardState.state != int(State.Review))
    ).scalar()
    held_back = session.execute(
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
    waiting = held_back is not None or bool(
        new_cards(session, user, now=day.end, set_id=set_id, limit=1, closed=closed)
    )
    return availability.next_available(
        review_due=review_due,
        learning_due=learning_due,
        waiting=waiting,
        now=now,
        day_end=day.end,
        calendar=calendar_of(user),
    )
