"""Who sees a course: its owner and its students; anyone else finds it "not found", as an
unknown id is, so ids do not leak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.models import Course, CourseMember, User
from quizapp.services.errors import NotFound
from quizapp.services.ids import is_id

NO_SUCH_COURSE = "There is no such course."


@dataclass(frozen=True)
class Student:
    id: int
    email: str
    joined_at: datetime


def owned_course(session: Session, owner: User, course_id: int) -> Course:
    """The course, if ``owner`` teaches it; else not found."""
    course = session.get(Course, course_id) if is_id(course_id) else None
    if course is None or course.owner_id != owner.id:
        raise NotFound(NO_SUCH_COURSE)
    return course


def is_member(session: Session, user: User, course_id: int) -> bool:
    return (
        session.execute(
            select(CourseMember.id).where(
                CourseMember.course_id == course_id, CourseMember.user_id == user.id
            )
        ).first()
        is not None
    )


def visible_course(session: Session, user: User, course_id: int) -> Course:
    """The course, if ``user`` teaches it or belongs to it; else not found."""
    course = session.get(Course, course_id) if is_id(course_id) else None
    if course is None or (course.owner_id != user.id and not is_member(session, user, course.id)):
        raise NotFound(NO_SUCH_COURSE)
    return course


def member_ids(session: Session, course_id: int) -> list[int]:
    """The students of the course, by id."""
    return list(
        session.execute(
            select(CourseMember.user_id)
            .where(CourseMember.course_id == course_id)
            .order_by(CourseMember.user_id)
        ).scalars()
    )


def students(session: Session, course_id: int) -> list[Student]:
    """The roster, by email."""
    rows = session.execute(
        select(User.id, User.email, CourseMember.joined_at)
        .join(CourseMember, CourseMember.user_id == User.id)
        .where(CourseMember.course_id == course_id)
        .order_by(User.email, User.id)
    ).all()
    return [Student(id=uid, email=email, joined_at=joined) for uid, email, joined in rows]
