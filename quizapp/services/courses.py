"""Courses: an instructor's class, the join code students use, and the sets attached to it.

The rules, in one place for the pages and the API:

* Only instructors create courses.  Each gets a random join code of ``JOIN_CODE_LENGTH``
  characters from an alphabet without look-alikes (no 0/O, 1/I/L): 31^10, about 8 x 10^14
  codes, drawn by ``secrets``, so a code cannot be guessed.  Codes are read back forgiving
  case, spaces and dashes.
* Students join with the code (an instructor teaches courses rather than joining them) and
  may leave; the owner may remove a student.  Leaving or being removed keeps the student's
  attempts, which simply no longer show in the course's reports.
* The owner attaches sets they may use: their own, and public ones (the built-in banks).  A
  set attached to a course is visible to its members (``quizzes.can_take`` with the course),
  with the options chosen here: open and close dates, time limit, attempts, grading method,
  shuffle, feedback mode and the review options.
* A course that is not the caller's (or that they do not belong to) is "not found", as an
  unknown id is, so ids do not leak.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.models import Course, CourseMember, CourseSet, QuestionSet, User
from quizapp.models.question_set import PUBLIC
from quizapp.services import question_sets, quizzes
from quizapp.services.errors import Forbidden, NotFound, ValidationFailed
from quizapp.services.ids import is_id
from quizapp.services.set_admin import FEEDBACK_MODES, MAX_ATTEMPTS, MAX_TIME_LIMIT_MINUTES

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 10
MAX_COURSE_NAME = 200

#: Moodle's grading methods for several attempts, with how the pages say them.
GRADING_METHODS = {
    "highest": "Highest grade",
    "average": "Average grade",
    "first": "First attempt",
    "last": "Last attempt",
}
MAX_TIME_LIMIT_SECONDS = MAX_TIME_LIMIT_MINUTES * 60


# ----------------------------------------------------------------------------- views


@dataclass(frozen=True)
class SetOptions:
    """The options of a set in a course (the columns of ``CourseSet``), with its defaults."""

    opens_at: datetime | None = None
    closes_at: datetime | None = None
    time_limit_seconds: int | None = None
    attempts_allowed: int | None = None
    grading_method: str = "highest"
    shuffle: bool = True
    feedback_mode: str = "deferred"
    review_show_response: bool = True
    review_show_correctness: bool = True
    review_show_answer: bool = True
    review_show_feedback: bool = True

    @classmethod
    def of(cls, row: CourseSet) -> SetOptions:
        return cls(**{f.name: getattr(row, f.name) for f in fields(cls)})

    def problems(self) -> list[str]:
        found = []
        if any(m is not None and m.tzinfo is None for m in (self.opens_at, self.closes_at)):
            found.append("Dates need a time zone.")
        elif self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            found.append("The quiz must close after it opens.")
        limit = self.time_limit_seconds
        if limit is not None and not 60 <= limit <= MAX_TIME_LIMIT_SECONDS:
            found.append(f"The time limit must be between 1 and {MAX_TIME_LIMIT_MINUTES} minutes.")
        attempts = self.attempts_allowed
        if attempts is not None and not 1 <= attempts <= MAX_ATTEMPTS:
            found.append(f"The number of attempts must be between 1 and {MAX_ATTEMPTS}.")
        if self.grading_method not in GRADING_METHODS:
            found.append(f"The grading method must be one of {', '.join(GRADING_METHODS)}.")
        if self.feedback_mode not in FEEDBACK_MODES:
            found.append(f"The feedback mode must be one of {', '.join(FEEDBACK_MODES)}.")
        return found


@dataclass(frozen=True)
class CourseSetView:
    set_id: int
    name: str
    description: str
    options: SetOptions
    availability: str  # "open", "not_open" or "closed" (quizzes.availability)

    @property
    def grading_label(self) -> str:
        return GRADING_METHODS.get(self.options.grading_method, self.options.grading_method)


@dataclass(frozen=True)
class Student:
    id: int
    email: str
    joined_at: datetime


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
class StudentCourseSet:
    """A set of a course a student belongs to, for the home page."""

    course_id: int
    course_name: str
    set: CourseSetView


# --------------------------------------------------------------------------- helpers


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


def owned_course(session: Session, owner: User, course_id: int) -> Course:
    """The course, if ``owner`` teaches it; else not found."""
    course = session.get(Course, course_id) if is_id(course_id) else None
    if course is None or course.owner_id != owner.id:
        raise NotFound("There is no such course.")
    return course


def _is_member(session: Session, user: User, course_id: int) -> bool:
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
    if course is None or (course.owner_id != user.id and not _is_member(session, user, course.id)):
        raise NotFound("There is no such course.")
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


def _set_views(session: Session, course_id: int, now: datetime) -> list[CourseSetView]:
    rows = session.execute(
        select(CourseSet, QuestionSet)
        .join(QuestionSet, QuestionSet.id == CourseSet.set_id)
        .where(CourseSet.course_id == course_id, QuestionSet.deleted_at.is_(None))
        .order_by(QuestionSet.name, QuestionSet.id)
    ).all()
    return [_set_view(cs, qs, now) for cs, qs in rows]


def course_sets(session: Session, course_id: int) -> list[tuple[int, str, str]]:
    """(set id, name, grading method) of the sets attached to a course, by name."""
    return [
        (set_id, name, method)
        for set_id, name, method in session.execute(
            select(QuestionSet.id, QuestionSet.name, CourseSet.grading_method)
            .join(CourseSet, CourseSet.set_id == QuestionSet.id)
            .where(CourseSet.course_id == course_id, QuestionSet.deleted_at.is_(None))
            .order_by(QuestionSet.name, QuestionSet.id)
        ).all()
    ]


def _attachable_sets(session: Session, owner: User) -> list[QuestionSet]:
    """What an instructor may attach: their own sets and the public ones, not deleted."""
    own = question_sets.sets_owned_by(session, owner.id)
    public = [s for s in question_sets.visible_sets(session) if s.owner_id != owner.id]
    return own + public


def _may_attach(owner: User, question_set: QuestionSet | None) -> bool:
    return (
        question_set is not None
        and question_set.deleted_at is None
        and (question_set.owner_id == owner.id or question_set.visibility == PUBLIC)
    )


# ------------------------------------------------------------------------- use cases


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
    if not _is_member(session, user, course.id):
        session.add(CourseMember(course_id=course.id, user_id=user.id, joined_at=now))
        try:
            session.commit()
        except IntegrityError:  # joined from another tab at the same moment
            session.rollback()
    return course


def leave_course(session: Session, *, user: User, course_id: int) -> None:
    """Leave a course one belongs to.  Attempts are kept.  Commits."""
    if not is_id(course_id):
        raise NotFound("There is no such course.")
    gone = session.execute(
        delete(CourseMember).where(
            CourseMember.course_id == course_id, CourseMember.user_id == user.id
        )
    ).rowcount
    if not gone:
        session.rollback()
        raise NotFound("There is no such course.")
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


def _set_view(row: CourseSet, question_set: QuestionSet, now: datetime) -> CourseSetView:
    return CourseSetView(
        set_id=question_set.id,
        name=question_set.name,
        description=question_set.description,
        options=SetOptions.of(row),
        availability=quizzes.availability(row, now),
    )


def attach_set(
    session: Session,
    *,
    owner: User,
    course_id: int,
    set_id: int,
    now: datetime,
    options: SetOptions | None = None,
) -> tuple[CourseSetView, bool]:
    """Attach a set to the course with ``options`` (the defaults if None).

    Returns the set as the course shows it and whether it is new; attaching an attached set
    again changes nothing (``update_options`` does).  Commits.
    """
    course = owned_course(session, owner, course_id)
    question_set = session.get(QuestionSet, set_id) if is_id(set_id) else None
    if question_set is None or not _may_attach(owner, question_set):
        raise NotFound("There is no such question set.")
    query = select(CourseSet).where(CourseSet.course_id == course.id, CourseSet.set_id == set_id)
    existing = session.execute(query).scalar_one_or_none()
    if existing is not None:
        return _set_view(existing, question_set, now), False
    options = options or SetOptions()
    problems = options.problems()
    if problems:
        raise ValidationFailed(" ".join(problems))
    row = CourseSet(course_id=course.id, set_id=set_id, **vars(options))
    session.add(row)
    try:
        session.commit()
    except IntegrityError:  # attached from another tab at the same moment
        session.rollback()
        return _set_view(session.execute(query).scalar_one(), question_set, now), False
    return _set_view(row, question_set, now), True


def _attached(session: Session, owner: User, course_id: int, set_id: int) -> CourseSet:
    course = owned_course(session, owner, course_id)
    row = (
        session.execute(
            select(CourseSet).where(CourseSet.course_id == course.id, CourseSet.set_id == set_id)
        ).scalar_one_or_none()
        if is_id(set_id)
        else None
    )
    if row is None:
        raise NotFound("This set is not in the course.")
    return row


def set_options(session: Session, *, owner: User, course_id: int, set_id: int) -> SetOptions:
    return SetOptions.of(_attached(session, owner, course_id, set_id))


def update_options(
    session: Session, *, owner: User, course_id: int, set_id: int, options: SetOptions
) -> CourseSet:
    """Change the options of an attached set.  Attempts already started keep theirs.  Commits."""
    row = _attached(session, owner, course_id, set_id)
    problems = options.problems()
    if problems:
        raise ValidationFailed(" ".join(problems))
    for name, value in vars(options).items():
        setattr(row, name, value)
    session.commit()
    return row


def detach_set(session: Session, *, owner: User, course_id: int, set_id: int) -> None:
    """Take a set out of the course.  Attempts taken in the course are kept.  Commits."""
    row = _attached(session, owner, course_id, set_id)
    session.delete(row)
    session.commit()


# ----------------------------------------------------------------------------- reads


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
    set_counts = dict(
        session.execute(
            select(CourseSet.course_id, func.count(CourseSet.id))
            .join(QuestionSet, QuestionSet.id == CourseSet.set_id)
            .where(CourseSet.course_id.in_(ids), QuestionSet.deleted_at.is_(None))
            .group_by(CourseSet.course_id)
        ).all()
    )
    student_counts = dict(
        session.execute(
            select(CourseMember.course_id, func.count(CourseMember.id))
            .where(CourseMember.course_id.in_(ids))
            .group_by(CourseMember.course_id)
        ).all()
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
    sets = _set_views(session, course.id, now)
    owner_email = session.execute(select(User.email).where(User.id == course.owner_id)).scalar()
    attachable: tuple[tuple[int, str], ...] = ()
    if teaching:
        attached = {s.set_id for s in sets}
        attachable = tuple(
            (s.id, s.name) for s in _attachable_sets(session, user) if s.id not in attached
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
        for view in _set_views(session, cid, now)
    ]
