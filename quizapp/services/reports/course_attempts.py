"""The attempts a course's reports read: submitted ones, first ones, and one student's.

Only attempts taken in the course count, and the class is the course's current students.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from quizapp.models import Attempt, Course, CourseSet, QuestionSet, User
from quizapp.services import courses, quizzes
from quizapp.services.errors import NotFound
from quizapp.services.ids import is_id

K = TypeVar("K")


def percent(attempt: Attempt) -> float | None:
    """The attempt's score as a fraction of its maximum (None: not scored)."""
    return quizzes.share(attempt.score, attempt.max_score)


def submitted(
    session: Session, course_id: int, set_ids: Sequence[int], user_ids: Sequence[int]
) -> list[Attempt]:
    """Submitted attempts in the course at these sets by these students, oldest first."""
    if not set_ids or not user_ids:
        return []
    return list(
        session.execute(
            select(Attempt)
            .where(
                Attempt.course_id == course_id,
                Attempt.set_id.in_(set_ids),
                Attempt.user_id.in_(user_ids),
                Attempt.submitted_at.is_not(None),
            )
            .order_by(Attempt.started_at, Attempt.id)
        ).scalars()
    )


def percents_by(attempts: Sequence[Attempt], key: Callable[[Attempt], K]) -> dict[K, list[float]]:
    """The scored attempts' percents, oldest first, grouped by ``key(attempt)``."""
    grouped: dict[K, list[float]] = {}
    for attempt in attempts:
        share = percent(attempt)
        if share is not None:
            grouped.setdefault(key(attempt), []).append(share)
    return grouped


def first_attempts(
    session: Session, course_id: int, set_id: int, user_ids: Sequence[int]
) -> list[Attempt]:
    """Each student's first submitted attempt at the set in the course (with its questions)."""
    firsts: dict[int, Attempt] = {}
    for attempt in submitted(session, course_id, [set_id], user_ids):
        firsts.setdefault(attempt.user_id, attempt)
    if not firsts:
        return []
    return list(
        session.execute(
            select(Attempt)
            .where(Attempt.id.in_([a.id for a in firsts.values()]))
            .options(selectinload(Attempt.questions))
            .order_by(Attempt.user_id)
        ).scalars()
    )


def course_set_in(session: Session, course: Course, set_id: int) -> tuple[CourseSet, QuestionSet]:
    row = (
        session.execute(
            select(CourseSet, QuestionSet)
            .join(QuestionSet, QuestionSet.id == CourseSet.set_id)
            .where(
                CourseSet.course_id == course.id,
                CourseSet.set_id == set_id,
                QuestionSet.deleted_at.is_(None),
            )
        ).first()
        if is_id(set_id)
        else None
    )
    if row is None:
        raise NotFound("This set is not in the course.")
    return row[0], row[1]


@dataclass(frozen=True)
class StudentAttempts:
    course_id: int
    course_name: str
    student_id: int
    email: str
    #: Per set of the course (by name): (set id, set name, attempts newest first).
    sets: tuple[tuple[int, str, tuple[quizzes.AttemptSummary, ...]], ...]


def student_attempts(
    session: Session, *, owner: User, course_id: int, student_id: int
) -> StudentAttempts:
    """Every attempt a student of the course made in it, per set."""
    course = courses.owned_course(session, owner, course_id)
    student = next((s for s in courses.students(session, course.id) if s.id == student_id), None)
    if student is None:
        raise NotFound("This student is not in the course.")
    attempts = session.execute(
        select(Attempt)
        .where(Attempt.course_id == course.id, Attempt.user_id == student.id)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    ).scalars()
    per_set: dict[int, list[Attempt]] = {}
    for attempt in attempts:
        per_set.setdefault(attempt.set_id, []).append(attempt)
    names = dict(
        session.execute(
            select(QuestionSet.id, QuestionSet.name).where(QuestionSet.id.in_(per_set))
        ).all()
    )
    listed = [(set_id, name) for set_id, name, _ in courses.course_sets(session, course.id)]
    listed += sorted(
        ((i, names[i]) for i in per_set if i not in {s for s, _ in listed}), key=lambda p: p[1]
    )
    return StudentAttempts(
        course_id=course.id,
        course_name=course.name,
        student_id=student.id,
        email=student.email,
        sets=tuple(
            (
                set_id,
                name,
                tuple(quizzes.summary(a, name) for a in per_set.get(set_id, [])),
            )
            for set_id, name in listed
        ),
    )


@dataclass(frozen=True)
class AttemptDetail:
    course_id: int
    course_name: str
    student_id: int
    email: str
    view: quizzes.AttemptView


def attempt_detail(
    session: Session, *, owner: User, course_id: int, attempt_id: int, now: datetime
) -> AttemptDetail:
    """One attempt taken in the course: the answers, the time taken, the score."""
    course = courses.owned_course(session, owner, course_id)
    attempt = (
        session.execute(
            select(Attempt)
            .where(Attempt.id == attempt_id, Attempt.course_id == course.id)
            .options(selectinload(Attempt.questions))
        ).scalar_one_or_none()
        if is_id(attempt_id)
        else None
    )
    if attempt is None:
        raise NotFound("There is no such attempt in this course.")
    email = session.execute(select(User.email).where(User.id == attempt.user_id)).scalar_one()
    return AttemptDetail(
        course_id=course.id,
        course_name=course.name,
        student_id=attempt.user_id,
        email=email,
        view=quizzes.attempt_record(session, attempt, now),
    )
