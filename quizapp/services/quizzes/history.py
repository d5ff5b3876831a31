"""A student's quiz history: every attempt, the share of points earned per category, and
what to study.

Categories belong to their set, so they are counted per set ("place" in one set is not
"place" in another) and listed set by set, each set's in its own order.  A question worth
2 points counts twice: the share is the points earned over the points the graded questions
were worth.  An attempt whose course hides whether answers were right shows no score, and
its answers count in no category (a category with one such question would tell).

"What to study" is the same figures below full marks, weakest first, each with where to
practise it: the set's flashcards, and a practice quiz of the category where the learner
chooses the draw (a built-in bank).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizapp.models import Attempt, AttemptQuestion, Card, QuestionSet, User
from quizapp.services import categories
from quizapp.services.quizzes.results import marks_hidden, summary
from quizapp.services.quizzes.views import CategoryStat, History, StudyEntry


def history(session: Session, *, user: User) -> History:
    """Every attempt of ``user`` (newest first), the share right per category, and what
    to study."""
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
    sets = _sets(session, {row[0] for row in stats})
    found = []
    for set_id, category, count, points, out_of in stats:
        name, order, _, _ = sets[set_id]
        stat = CategoryStat(
            set_id, name, categories.label(category), int(count), float(points), float(out_of)
        )
        found.append(((name.casefold(), set_id, categories.sort_key(order)(category)), stat))
    found.sort(key=lambda pair: pair[0])
    to_study = [
        StudyEntry(
            set_id=set_id,
            set_name=sets[set_id][0],
            category=category,
            questions=int(count),
            points=float(points),
            out_of=float(out_of),
            practice=sets[set_id][2] and category is not None,
            flashcards=sets[set_id][3],
        )
        for set_id, category, count, points, out_of in stats
    ]
    weak = [e for e in to_study if (e.share or 0.0) < 1 - 1e-9]
    weak.sort(key=lambda e: (e.share or 0.0, e.set_name, e.category or ""))
    return History(
        attempts=attempts,
        categories=tuple(stat for _, stat in found),
        to_study=tuple(weak),
    )


def _sets(session: Session, set_ids: set[int]) -> dict[int, tuple[str, list | None, bool, bool]]:
    """Each set's name, category order, whether a learner chooses its draw (a built-in
    bank, not deleted) and whether it has flashcards to study."""
    if not set_ids:
        return {}
    with_cards = set(
        session.execute(
            select(Card.set_id).where(Card.set_id.in_(set_ids), Card.active.is_(True)).distinct()
        ).scalars()
    )
    rows = session.execute(
        select(
            QuestionSet.id,
            QuestionSet.name,
            QuestionSet.category_order,
            QuestionSet.builtin_key,
            QuestionSet.deleted_at,
        ).where(QuestionSet.id.in_(set_ids))
    ).all()
    return {
        set_id: (
            name,
            order,
            builtin_key is not None and deleted_at is None,
            deleted_at is None and set_id in with_cards,
        )
        for set_id, name, order, builtin_key, deleted_at in rows
    }
