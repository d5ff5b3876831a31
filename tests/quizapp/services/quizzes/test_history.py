"""A student's quiz history (``quizzes.history``), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quizapp.services import quizzes
from tests.quizapp.quiz_helpers import every_type, make_set, mc, user
from tests.quizapp.services.quizzes.helpers import save_text, start, submit

# --------------------------------------------------------------------------- history


def test_history_per_category(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    questions = [mc("p1", "place"), mc("p2", "place"), mc("a1", "actor"), every_type()[-1]]
    set_id = make_set(app, factories, questions)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    for key, response in {"p1": "Right", "p2": "Half", "a1": "Wrong", "q-essay": "x"}.items():
        save_text(db_session, student, attempt_id, key, response, clock)
    clock.advance(minutes=3)
    submit(db_session, student, attempt_id, clock)
    clock.advance(days=1)
    second = start(db_session, student, set_id, clock).attempt_id  # in progress
    save_text(db_session, student, second, "a1", "Right", clock)

    result = quizzes.history(db_session, user=student)
    assert [a.id for a in result.attempts] == [second, attempt_id]
    assert result.attempts[1].percent == pytest.approx(0.5)
    assert result.attempts[1].time_taken == timedelta(minutes=3)
    assert not result.attempts[0].is_submitted
    shares = {c.category: (c.questions, c.share) for c in result.categories}
    assert shares == {"actor": (1, 0.0), "place": (2, 0.75)}  # the essay does not count
    # the set's order (first appearance: p1 is a place question), not alphabetical
    assert [c.category for c in result.categories] == ["place", "actor"]
    assert [a.id for a in result.submitted_oldest_first] == [attempt_id]
