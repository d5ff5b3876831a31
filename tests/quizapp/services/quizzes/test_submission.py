"""Grading and submitting attempts (``quizzes.submission``), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fsrs import Rating
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import AttemptQuestion, Card
from quizapp.services import quizzes
from quizapp.services.errors import ValidationFailed
from tests.quizapp.quiz_helpers import every_type, make_set, mc, user
from tests.quizapp.review_helpers import rate
from tests.quizapp.services.quizzes.helpers import review_logs, save, save_text, start, submit

# ------------------------------------------------------------------------- grading


def test_partial_credit_score(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type())
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    answers = {
        "q-mc": "Baghouz",  # 1
        "q-tf": "False",  # 0
        "q-mr": ["SDF"],  # 0.5
        "q-short": "mustafa bali",  # 1
        "q-num": "11 000",  # 1
        "q-match": {"Baghouz": "Last stand", "Raqqa": "Last stand"},  # 0.5
        "q-cloze": ["March", "YPG"],  # 0.5
        "q-essay": "Because.",  # not counted
    }
    for key, response in answers.items():
        save_text(db_session, student, attempt_id, key, response, clock)
    clock.advance(minutes=7)
    result = submit(db_session, student, attempt_id, clock)
    assert result.score == pytest.approx(4.5)
    assert result.max_score == 7
    assert result.percent == pytest.approx(4.5 / 7)
    assert result.time_taken == timedelta(minutes=7)
    statuses = {q.key: q.result.status for q in result.questions if q.result}
    assert statuses == {
        "q-mc": "correct",
        "q-tf": "incorrect",
        "q-mr": "partial",
        "q-short": "correct",
        "q-num": "correct",
        "q-match": "partial",
        "q-cloze": "partial",
        "q-essay": "ungraded",
    }
    mc_result = result.questions[1].result
    assert mc_result.feedback == ("Yes, Baghouz.",)
    assert mc_result.general_feedback == "Baghouz is on the Euphrates."
    assert mc_result.source_quote.startswith("The SDF said")
    assert mc_result.answer_display == "Baghouz"
    assert result.questions[0].result is None  # the description


def test_unanswered_questions_score_zero(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1"), mc("q2")])
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save_text(db_session, student, attempt_id, "q1", "Right", clock)
    result = submit(db_session, student, attempt_id, clock)
    assert result.score == 1 and result.max_score == 2
    assert result.questions[1].result.status == "unanswered"
    assert result.questions[1].result.correct is False


def _learnt(app, user_id, clock, *keys):
    """The learner has the cards with these keys in review (Easy), and they are due."""
    with app.app_context():
        ids = {c.key: c.id for c in db.session.execute(select(Card)).scalars()}
    for key in keys:
        rate(app, user_id, ids[key], 4, clock.now())
    clock.advance(days=9)
    return ids


def test_submitting_twice_counts_once(app, db_session, factories, clock):
    learner = factories.user()
    set_id = make_set(app, factories, [mc("q1"), mc("q2")])
    _learnt(app, learner.id, clock, "q1")
    student = user(db_session, learner)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save_text(db_session, student, attempt_id, "q1", "Wrong", clock)  # wrong: Again
    first = submit(db_session, student, attempt_id, clock)
    clock.advance(minutes=1)
    second = submit(db_session, student, attempt_id, clock)
    assert second == first
    assert len(review_logs(db_session, student.id)) == 1


def test_quiz_answers_feed_the_flashcards(app, db_session, factories, clock):
    """The links from questions to cards, and what the answers say of them (the rules
    themselves: ``test_evidence``): these multiple-choice answers are recognition."""
    learner = factories.user()
    questions = [mc("q1", card_id="card-one"), mc("q2"), mc("q3"), mc("q4")]
    set_id = make_set(app, factories, questions)
    cards = _learnt(app, learner.id, clock, "card-one", "q2", "q3", "q4")
    student = user(db_session, learner)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    rows = db_session.execute(
        select(AttemptQuestion.question_key, Card.key)
        .join(Card, Card.id == AttemptQuestion.card_id)
        .order_by(AttemptQuestion.position)
    ).all()
    # An explicit card_id, else the card derived from the question (same id).
    assert rows == [("q1", "card-one"), ("q2", "q2"), ("q3", "q3"), ("q4", "q4")]
    save_text(db_session, student, attempt_id, "q1", "Right", clock)  # right: no proof of recall
    save_text(db_session, student, attempt_id, "q2", "Wrong", clock)  # wrong: Again
    save_text(db_session, student, attempt_id, "q3", "Half", clock)  # half: nothing either way
    assert review_logs(db_session, student.id) == []  # deferred: nothing before submit
    submit(db_session, student, attempt_id, clock)
    logs = review_logs(db_session, student.id)
    assert [(log.card_id, log.rating, log.origin) for log in logs] == [
        (cards["q2"], Rating.Again, "quiz_recognition")
    ]  # q4 was not answered: no review
    assert all(log.reviewed_at == clock.now() for log in logs)


def test_immediate_mode_grades_and_locks_each_answer(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type(), feedback_mode="immediate")
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    unchecked = save(db_session, student, attempt_id, "q-tf", "true", clock)
    assert not unchecked.question.locked and unchecked.question.result is None
    saved = save_text(db_session, student, attempt_id, "q-mc", "Raqqa", clock, check=True)
    assert saved.question.locked
    assert saved.question.result.status == "incorrect"
    assert saved.question.result.feedback == ("Raqqa fell in 2017.",)
    assert review_logs(db_session, student.id) == []  # flashcard evidence waits for submission

    with pytest.raises(ValidationFailed) as error:
        save_text(db_session, student, attempt_id, "q-mc", "Baghouz", clock)
    assert error.value.code == "answer_locked"
    again = save_text(db_session, student, attempt_id, "q-mc", "Raqqa", clock)
    assert not again.changed  # the same answer again: fine
    again = save_text(db_session, student, attempt_id, "q-mc", "Raqqa", clock, check=True)
    assert not again.changed

    essay = save_text(db_session, student, attempt_id, "q-essay", "Draft", clock, check=True)
    assert not essay.question.locked and essay.question.result is None
    save_text(db_session, student, attempt_id, "q-essay", "Final", clock)  # still editable

    other = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    assert other.questions[2].result is None  # unanswered ones reveal nothing
    result = submit(db_session, student, attempt_id, clock)
    # The unchecked true/false answer is graded at submit (right); its card is new: it stays
    # new (quiz evidence counts only for cards in review).
    assert result.score == 1
    assert review_logs(db_session, student.id) == []
