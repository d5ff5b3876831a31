"""A student's quiz history: every attempt, and the share answered right per category."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from question_bank.article import CATEGORIES
from quizapp.models import Attempt, AttemptQuestion, QuestionSet, User
from quizapp.services.quizzes.results import summary
from quizapp.services.quizzes.views import CategoryStat, History


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
    return History(attempts=attempts, categories=tuple(categories))
