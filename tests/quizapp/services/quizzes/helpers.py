"""Helpers of the quiz service tests: start, save and submit with the clock, the quiz
reviews a user logged, and a race of threads."""

from __future__ import annotations

import random
import threading

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import ReviewLog
from quizapp.services import quizzes, scheduling
from tests.quizapp.quiz_helpers import as_text, by_text, shown_question


def start(session, app_user, set_id, clock, seed=1):
    return quizzes.start_attempt(
        session, user=app_user, set_id=set_id, now=clock.now(), rng=random.Random(seed)
    )


def save(session, app_user, attempt_id, key, response, clock, **kwargs):
    return quizzes.save_answer(
        session,
        user=app_user,
        attempt_id=attempt_id,
        question_key=key,
        response=response,
        now=clock.now(),
        **kwargs,
    )


def save_text(session, app_user, attempt_id, key, answer, clock, **kwargs):
    """``save`` with the answer written with texts (a choice's text...), sent with the ids
    the attempt shows (``by_text``); a question the attempt lacks gets the answer as it is."""
    shown = shown_question(session, attempt_id, key)
    response = by_text(shown, answer) if shown is not None else answer
    return save(session, app_user, attempt_id, key, response, clock, **kwargs)


def texts(view):
    """The responses of an attempt's view, written with texts, in order."""
    return [as_text(q, q.response) for q in view.questions]


def submit(session, app_user, attempt_id, clock):
    return quizzes.submit_attempt(session, user=app_user, attempt_id=attempt_id, now=clock.now())


def review_logs(session, user_id, origins=scheduling.QUIZ_ORIGINS):
    """The review-log entries of the user's quiz evidence, oldest first."""
    return list(
        session.execute(
            select(ReviewLog)
            .where(ReviewLog.user_id == user_id, ReviewLog.origin.in_(origins))
            .order_by(ReviewLog.id)
        ).scalars()
    )


def race(app, count, work):
    """Run ``work(index)`` in ``count`` threads at once, each with its own app context and
    session; returns each thread's result or exception, by index."""
    outcomes: list = [None] * count
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        try:
            with app.app_context():
                barrier.wait(timeout=10)
                try:
                    outcomes[index] = work(index)
                finally:
                    db.session.remove()
        except BaseException as error:  # returned to the main thread
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
