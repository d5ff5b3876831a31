"""Making courses and belonging to them: join codes, joining, leaving, the roster.

* Only instructors create courses.  Each gets a random join code of ``JOIN_CODE_LENGTH``
  characters from an alphabet without look-alikes (no 0/O, 1/I/L): 31^10, about 8 x 10^14
  codes, drawn by ``secrets``, so a code cannot be guessed.  Codes are read back forgiving
  case, spaces and dashes.
* Students join with the code (an instructor teaches courses rather than joining them) and
  may leave; the owner may remove a student.  Leaving or being removed keeps the student's
  attempts, which simply no longer show in the course's reports.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.models import Course, CourseMember, User
from quizapp.services import question_sets
from quizapp.services.courses.access import NO_SUCH_COURSE, is_member, owned_course
from quizapp.services.errors import Forbidden, NotFound, ValidationFailed
from quizapp.services.ids import is_id

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 10
#: What a code looks like, for the join form's hint (a test checks that it could be one).
JOIN_CODE_EXAMPLE = "K7QHM2XP9A"
MAX_COURSE_NAME = 200


def normalise_code(code: str | None) -> str:
    """A join code as typed ("abcd-efgh 23") as stored ("ABCDEFGH23")."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def _clean_name(name: str | None) -> str:
    cleaned = question_sets.normalise_name(name or "")
    if not cleaned:
        raise ValidationFailed("Give the course a name.", code="name_required")
    if len(cleaned) > MAX_COURSE_NAME:
        raise ValidationFailed(
            f"A course name has at most {MAX_COURSE_NAME} characters.", code="name_too_long"
        )
    return cleaned


def create_course(session: Session, *, owner: User, name: str, now: datetime) -> Course:
    """A new course of ``owner`` (an instructor) with a fresh join code.  Commits."""
    if not owner.is_instructor:
        raise Forbidden("Only instructors create courses.", code="instructors_only")
    cleaned = _clean_name(name)
    for _ in range(5):
        code = new_join_code()
        taken = session.execute(select(Course.id).where(Course.join_code == code)).first()
        if taken is not None:
            continue
        course = Course(name=cleaned, owner_id=owner.id, join_code=code, created_at=now)
        session.add(course)
        try:
            session.commit()
        except IntegrityError:  # the same code drawn at the same moment elsewhere
            session.rollback()
            continue
        return course
    raise RuntimeError("could not draw a free join code")  # pragma: no cover - 31^10 codes


def course_by_code(session: Session, code: str | None) -> Course:
    """The course a join code opens; not found for a code that opens none."""
    cleaned = normalise_code(code)
    course = None
    if 0 < len(cleaned) <= JOIN_CODE_LENGTH * 2:
        course = session.execute(
            select(Course).where(Course.join_code == cleaned)
        ).scalar_one_or_none()
    if course is None:
        raise NotFound("No course has this join code. Check it with your instructor.")
    return course


def join_course(session: Session, *, user: User, code: str | None, now: datetime) -> Course:
    """Join the course of ``code`` as a student.  Joining again changes nothing.  Commits."""
    course = course_by_code(session, code)
    if course.owner_id == user.id:
        raise ValidationFailed("You teach this course.", code="own_course")
    if user.is_instructor:
        raise Forbidden(
            "Instructors teach courses: join with a student account.", code="students_only"
        )
    if not is_member(session, user, course.id):
        session.add(CourseMember(course_id=course.id, user_id=user.id, joined_at=now))
        try:
            session.commit()
        except IntegrityError:  # joined from another tab at the same moment
            session.rollback()
    return course


def leave_course(session: Session, *, user: User, course_id: int) -> None:
    """Leave a course one belongs to.  Attempts are kept.  Commits."""
    if not is_id(course_id):
        raise NotFound(NO_SUCH_COURSE)
    gone = session.execute(
        delete(CourseMember).where(
            CourseMember.course_id == course_id, CourseMember.user_id == user.id
        )
    ).rowcount
    if not gone:
        session.rollback()
        raise NotFound(NO_SUCH_COURSE)
    session.commit()


def remove_student(session: Session, *, owner: User, course_id: int, student_id: int) -> None:
    """Take a student off the course's roster.  Their attempts are kept.  Commits."""
    course = owned_course(session, owner, course_id)
    gone = (
        session.execute(
            delete(CourseMember).where(
                CourseMember.course_id == course.id, CourseMember.user_id == student_id
            )
        ).rowcount
        if is_id(student_id)
        else 0
    )
    if not gone:
        session.rollback()
        raise NotFound("This student is not in the course.")
    session.commit()
