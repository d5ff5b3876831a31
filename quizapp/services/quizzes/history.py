"""A student's quiz history: every attempt, the share answered right per category, and what
to study: each set's categories, weakest first, with where to practise them (its
flashcards; a practice quiz of the category where the learner chooses the draw)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from question_bank.types import CATEGORIES
from quizapp.models import Attempt, AttemptQuestion, Card, QuestionSet, User
from quizapp.services.quizzes.results import summary
from quizapp.services.quizzes.views import CategoryStat, History, StudyEntry


def history(session: Session, *, user: User) -> History:
    """Every attempt of ``user`` (newest first) and the share right per category."""
    rows = session.execute(
        select(Attempt, QuestionSet.name)
        .join(QuestionSet, QuestionSet.id == Attempt.set_id)
        .where(Attempt.user_id == user.id)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    ).all()
    attempts = tuple(summary(attempt, name) for attempt, name in rows)
    stats = session.execute(
        select(
            AttemptQuestion.category,
            func.count(AttemptQuestion.id),
            func.coalesce(func.sum(AttemptQuestion.score), 0.0),
        )
        .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
        .where(
            Attempt.user_id == user.id,
            Attempt.submitted_at.is_not(None),
            AttemptQuestion.score.is_not(None),
        )
        .group_by(AttemptQuestion.category)
    ).all()
    order = {name: index for index, name in enumerate(CATEGORIES)}
    categories = sorted(
        (
            CategoryStat(category or "other", int(count), float(points))
            for category, count, points in stats
        ),
        key=lambda c: (order.get(c.category, len(order)), c.category),
    )
    return History(
        attempts=attempts, categories=tuple(categories), to_study=_to_study(session, user)
    )


def _to_study(session: Session, user: User) -> tuple[StudyEntry, ...]:
    """Each set's categories the student answered, below full marks, weakest first."""
    rows = session.execute(
        select(
            Attempt.set_id,
            QuestionSet.name,
            QuestionSet.builtin_key,
            AttemptQuestion.category,
            func.count(AttemptQuestion.id),
            func.coalesce(func.sum(AttemptQuestion.score), 0.0),
        )
        .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
        .join(QuestionSet, QuestionSet.id == Attempt.set_id)
        .where(
            Attempt.user_id == user.id,
            Attempt.submitted_at.is_not(None),
            AttemptQuestion.score.is_not(None),
            QuestionSet.deleted_at.is_(None),
        )
        .group_by(
            Attempt.set_id, QuestionSet.name, QuestionSet.builtin_key, AttemptQuestion.category
        )
    ).all()
    with_cards = set(
        session.execute(
            select(Card.set_id)
            .where(Card.set_id.in_({row[0] for row in rows}), Card.active.is_(True))
            .distinct()
        ).scalars()
    )
    entries = [
        StudyEntry(
            set_id=set_id,
            set_name=name,
            category=category,
            questions=int(count),
            points=float(points),
            practice=builtin_key is not None and category is not None,
            flashcards=set_id in with_cards,
        )
        for set_id, name, builtin_key, category, count, points in rows
    ]
    weak = [e for e in entries if (e.share or 0.0) < 1 - 1e-9]
    return tuple(sorted(weak, key=lambda e: (e.share or 0.0, e.set_name, e.category or "")))
