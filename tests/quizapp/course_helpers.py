"""Courses for tests: an instructor's course with a set, students who joined, attempts with
known answers, all made through the services (as the pages and the API do)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from quizapp.extensions import db
from quizapp.models import User
from quizapp.services import courses, quizzes
from tests.quizapp.quiz_helpers import by_text, find_question


def three_questions() -> list[dict[str, Any]]:
    """Three multiple-choice questions q1..q3: "Right" (1, id a), "Wrong" (0, b), "Half"
    (0.5, c) and "Also wrong" (0, d)."""
    return [
        {
            "id": key,
            "type": "multiple_choice",
            "prompt": f"Question {key}?",
            "category": "place",
            "choices": [
                {"id": "a", "text": "Right", "weight": 1},
                {"id": "b", "text": "Wrong", "weight": 0},
                {"id": "c", "text": "Half", "weight": 0.5},
                {"id": "d", "text": "Also wrong", "weight": 0},
            ],
        }
        for key in ("q1", "q2", "q3")
    ]


def make_course(app, owner, name: str = "History 101") -> tuple[int, str]:
    """A course of ``owner`` (a factory's UserRef); returns (id, join code)."""
    with app.app_context():
        course = courses.create_course(
            db.session,
            owner=db.session.get(User, owner.id),
            name=name,
            now=app.extensions["clock"].now(),
        )
        return course.id, course.join_code


def join(app, student, code: str) -> None:
    with app.app_context():
        courses.join_course(
            db.session,
            user=db.session.get(User, student.id),
            code=code,
            now=app.extensions["clock"].now(),
        )


def attach(app, owner, course_id: int, set_id: int, **options: Any) -> None:
    with app.app_context():
        courses.attach_set(
            db.session,
            owner=db.session.get(User, owner.id),
            course_id=course_id,
            set_id=set_id,
            options=courses.SetOptions(**{"shuffle": False, **options}),
            now=app.extensions["clock"].now(),
        )


def set_options(app, owner, course_id: int, set_id: int, **options: Any) -> None:
    with app.app_context():
        courses.update_options(
            db.session,
            owner=db.session.get(User, owner.id),
            course_id=course_id,
            set_id=set_id,
            options=courses.SetOptions(**{"shuffle": False, **options}),
        )


def take(
    app,
    clock,
    student,
    course_id: int | None,
    set_id: int,
    answers: dict[str, Any],
    *,
    minutes: int = 3,
) -> int:
    """One submitted attempt with ``answers`` (question id -> the answer written with texts,
    see ``by_text``; missing: blank), taking ``minutes``; the clock moves on.  Returns the
    attempt's id."""
    with app.app_context():
        user = db.session.get(User, student.id)
        started = quizzes.start_attempt(
            db.session,
            user=user,
            set_id=set_id,
            now=clock.now(),
            rng=random.Random(1),
            course_id=course_id,
        )
        for key, response in answers.items():
            quizzes.save_answer(
                db.session,
                user=user,
                attempt_id=started.attempt_id,
                question_key=key,
                response=by_text(find_question(started.attempt, key), response),
                now=clock.now(),
            )
        clock.advance(timedelta(minutes=minutes))
        quizzes.submit_attempt(
            db.session, user=user, attempt_id=started.attempt_id, now=clock.now()
        )
        clock.advance(timedelta(minutes=1))
        return started.attempt_id
