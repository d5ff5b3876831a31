"""The one per-set count (``question_sets.set_counts`` over ``counts.grouped_count``), on
SQLite and PostgreSQL."""

from __future__ import annotations

import random

from sqlalchemy import func, select

from quizapp.models import Card, Question
from quizapp.services import question_sets, quizzes
from quizapp.services.counts import grouped_count
from tests.quizapp.quiz_helpers import every_type, make_set, mc, user


def test_set_counts_count_questions_by_kind_cards_and_attempts(app, db_session, factories, clock):
    full = make_set(app, factories, every_type())
    small = make_set(app, factories, [mc("q1", "date"), mc("q2", "date"), mc("q3", "place")])
    student = user(db_session, factories.user())
    for _ in range(2):
        started = quizzes.start_attempt(
            db_session, user=student, set_id=small, now=clock.now(), rng=random.Random(1)
        )
        quizzes.submit_attempt(
            db_session, user=student, attempt_id=started.attempt_id, now=clock.now()
        )
    counts = question_sets.set_counts(db_session, [full, small, full + small + 1], attempts=True)
    assert counts[small].kinds == {("multiple_choice", "date"): 2, ("multiple_choice", "place"): 1}
    assert counts[small].questions == 3 and counts[small].attempts == 2
    assert counts[full].questions == len(every_type()) and counts[full].attempts == 0
    assert counts[full].kinds[("description", None)] == 1
    active = db_session.execute(
        select(func.count(Card.id)).where(Card.set_id == full, Card.active.is_(True))
    ).scalar_one()
    assert counts[full].cards == active > 0
    nothing = counts[full + small + 1]  # an unknown set counts nothing, without an error
    assert (nothing.questions, nothing.cards, nothing.attempts) == (0, 0, 0)
    assert question_sets.set_counts(db_session, []) == {}
    assert question_sets.set_counts(db_session, [small])[small].attempts == 0  # not asked


def test_grouped_count_by_one_column_or_several(app, db_session, factories):
    first = make_set(app, factories, [mc("a", "date"), mc("b", "date"), mc("c", "place")])
    second = make_set(app, factories, [mc("d", "place")])
    ids = [first, second]
    assert grouped_count(db_session, Question.set_id, Question.id, Question.set_id.in_(ids)) == {
        first: 3,
        second: 1,
    }
    by_category = grouped_count(
        db_session, (Question.set_id, Question.category), Question.id, Question.set_id.in_(ids)
    )
    assert by_category == {(first, "date"): 2, (first, "place"): 1, (second, "place"): 1}
    assert grouped_count(db_session, Question.set_id, Question.id, Question.set_id == -1) == {}
