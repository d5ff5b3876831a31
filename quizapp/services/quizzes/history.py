"""A student's quiz history: every attempt, and the share of points earned per category.

Categories belong to their set, so they are counted per set ("place" in one set is not
"place" in another) and listed set by set, each set's in its own order.  A question worth
2 points counts twice: the share is the points earned over the points the graded questions
were worth.  An attempt whose course hides whether answers were right shows no score, and
its answers count in no category (a category with one such question would tell).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizapp.models import Attempt, AttemptQuestion, QuestionSet, User
from quizapp.services import categories
from quizapp.services.quizzes.results import marks_hidden, summary
from quizapp.services.quizzes.views import CategoryStat, History


def history(session: Session, *, user: User) -> History:
    """Every attempt of ``user`` (newest first) and the share right per category."""
    rows = session.execute(
        select(Attempt, QuestionSet.name)
        .join(QuestionSet, QuestionSet.id == Attempt.set_id)
        .where(Attempt.user_id == user.id)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    ).all()
    hidden = set(session.execute(marks_hidden(user.id)).scalars())
    attempts = tuple(
        summary(attempt, name, marks_shown=attempt.id not in hidden) for attempt, name in rows
    )
    stats = session.execute(
        select(
            Attempt.set_id,
            AttemptQuestion.category,
            func.count(AttemptQuestion.id),
            func.coalesce(func.sum(AttemptQuestion.score * AttemptQuestion.points), 0.0),
            func.coalesce(func.sum(AttemptQuestion.points), 0.0),
        )
        .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
        .where(
            Attempt.user_id == user.id,
            Attempt.submitted_at.is_not(None),
            AttemptQuestion.score.is_not(None),
            Attempt.id.not_in(marks_hidden(user.id)),
        )
        .group_by(Attempt.set_id, AttemptQuestion.category)
    ).all()
    sets = _names_and_orders(session, {row[0] for row in stats})
    found = []
    for set_id, category, count, points, out_of in stats:
        name, order = sets[set_id]
        stat = CategoryStat(
            set_id, name, categories.label(category), int(count), float(points), float(out_of)
        )
        found.append(((name.casefold(), set_id, categories.sort_key(order)(category)), stat))
    found.sort(key=lambda pair: pair[0])
    return History(attempts=attempts, categories=tuple(stat for _, stat in found))


def _names_and_orders(session: Session, set_ids: set[int]) -> dict[int, tuple[str, list | None]]:
    if not set_ids:
        return {}
    rows = session.execute(
        select(QuestionSet.id, QuestionSet.name, QuestionSet.category_order).where(
            QuestionSet.id.in_(set_ids)
        )
    ).all()
    return {set_id: (name, order) for set_id, name, order in rows}
