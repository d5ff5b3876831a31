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


def test_what_to_study_lists_each_sets_weak_categories_with_where_to_study_them(
    app, db_session, factories, clock
):
    from question_bank import article
    from quizapp.services import question_sets

    student = user(db_session, factories.user())
    own = make_set(app, factories, [mc("p1", "place"), mc("p2", "place"), mc("a1", "actor")])
    attempt_id = start(db_session, student, own, clock).attempt_id
    for key, answer in {"p1": "Right", "p2": "Wrong", "a1": "Right"}.items():
        save_text(db_session, student, attempt_id, key, answer, clock)
    submit(db_session, student, attempt_id, clock)
    bank = question_sets.load_builtin(
        db_session, article.load_bank(), key="article", now=clock.now()
    ).set_id
    drawn = start(db_session, student, bank, clock).attempt
    assert len(drawn.questions) == quizzes.LEARNER_QUIZ_SIZE
    submit(db_session, student, drawn.id, clock)  # all blank: 0 in each category drawn

    entries = quizzes.history(db_session, user=student).to_study
    mine = [(e.category, e.share, e.practice, e.flashcards) for e in entries if e.set_id == own]
    assert mine == [("place", 0.5, False, True)]  # actor: full marks, nothing to study
    on_bank = [e for e in entries if e.set_id == bank]
    assert {e.category for e in on_bank} == {q.category for q in drawn.questions}
    assert all(e.share == 0 and e.practice and e.flashcards for e in on_bank)
    assert entries[-1].set_id == own  # weakest first
