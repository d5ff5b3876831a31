"""What the course pages (and the API) read: my courses, one course, its sets for a student."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.models import Course, CourseMember, CourseSet, QuestionSet, User
from quizapp.services.counts import grouped_count
from quizapp.services.courses.access import Student, students, visible_course
from quizapp.services.courses.course_sets import (
    NOT_IN_THE_COURSE,
    CourseSetView,
    attachable_sets,
    set_views,
)
from quizapp.services.courses.membership import join_course
from quizapp.services.errors import NotFound


@dataclass(frozen=True)
class CourseSummary:
    id: int
    name: str
    owner_email: str
    teaching: bool  # the caller owns it
    set_count: int
    student_count: int
    #: Only for the owner: a student joins with it.
    join_code: str | None


@dataclass(frozen=True)
class CoursePage:
    id: int
    name: str
    teaching: bool
    owner_email: str
    join_code: str | None  # the owner's view only
    sets: tuple[CourseSetView, ...]
    students: tuple[Student, ...]  # the owner's view only: a student never sees the roster
    #: The owner's sets and the public ones that are not attached yet (owner's view only).
    attachable: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class OptionsPage:
    """One set of a course, for its owner to change its options."""

    page: CoursePage
    entry: CourseSetView


@dataclass(frozen=True)
class StudentCourseSet:
    """A set of a course a student belongs to, for the home page."""

    course_id: int
    course_name: str
    set: CourseSetView


def my_courses(session: Session, user: User) -> list[CourseSummary]:
    """The courses ``user`` teaches (instructors) or belongs to (students), by name."""
    if user.is_instructor:
        query = select(Course).where(Course.owner_id == user.id)
    else:
        query = select(Course).join(CourseMember, CourseMember.course_id == Course.id)
        query = query.where(CourseMember.user_id == user.id)
    courses = list(session.execute(query.order_by(Course.name, Course.id)).scalars())
    if not courses:
        return []
    ids = [c.id for c in courses]
    live_sets = select(QuestionSet.id).where(QuestionSet.deleted_at.is_(None))
    set_counts = grouped_count(
        session,
        CourseSet.course_id,
        CourseSet.id,
        CourseSet.course_id.in_(ids),
        CourseSet.set_id.in_(live_sets),
    )
    student_counts = grouped_count(
        session, CourseMember.course_id, CourseMember.id, CourseMember.course_id.in_(ids)
    )
    owners = dict(
        session.execute(
            select(User.id, User.email).where(User.id.in_({c.owner_id for c in courses}))
        ).all()
    )
    return [
        CourseSummary(
            id=c.id,
            name=c.name,
            owner_email=owners.get(c.owner_id, ""),
            teaching=c.owner_id == user.id,
            set_count=set_counts.get(c.id, 0),
            student_count=student_counts.get(c.id, 0),
            join_code=c.join_code if c.owner_id == user.id else None,
        )
        for c in courses
    ]


def course_page(session: Session, *, user: User, course_id: int, now: datetime) -> CoursePage:
    """A course as the caller may see it: everything for its owner, the sets for a member."""
    course = visible_course(session, user, course_id)
    teaching = course.owner_id == user.id
    sets = set_views(session, course.id, now)
    owner_email = session.execute(select(User.email).where(User.id == course.owner_id)).scalar()
    attachable: tuple[tuple[int, str], ...] = ()
    if teaching:
        attached = {s.set_id for s in sets}
        attachable = tuple(
            (s.id, s.name) for s in attachable_sets(session, user) if s.id not in attached
        )
    return CoursePage(
        id=course.id,
        name=course.name,
        teaching=teaching,
        owner_email=owner_email or "",
        join_code=course.join_code if teaching else None,
        sets=tuple(sets),
        students=tuple(students(session, course.id)) if teaching else (),
        attachable=attachable,
    )


def options_page(
    session: Session, *, owner: User, course_id: int, set_id: int, now: datetime
) -> OptionsPage:
    """The course and one of its sets, for the owner only; not found otherwise."""
    page = course_page(session, user=owner, course_id=course_id, now=now)
    entry = next((s for s in page.sets if s.set_id == set_id), None)
    if not page.teaching or entry is None:
        raise NotFound(NOT_IN_THE_COURSE)
    return OptionsPage(page=page, entry=entry)


def join_and_show(session: Session, *, user: User, code: str | None, now: datetime) -> CoursePage:
    """Join the course of ``code`` (``join_course``), and the course as the student sees it."""
    course = join_course(session, user=user, code=code, now=now)
    return course_page(session, user=user, course_id=course.id, now=now)


def student_course_sets(session: Session, user: User, now: datetime) -> list[StudentCourseSet]:
    """The sets of every course ``user`` belongs to, by course then set (the home page)."""
    rows = session.execute(
        select(Course.id, Course.name)
        .join(CourseMember, CourseMember.course_id == Course.id)
        .where(CourseMember.user_id == user.id)
        .order_by(Course.name, Course.id)
    ).all()
    return [
        StudentCourseSet(course_id=cid, course_name=name, set=view)
        for cid, name in rows
        for view in set_views(session, cid, now)
    ]
