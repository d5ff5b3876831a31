"""The sets attached to a course, with the options chosen for them there.

The owner attaches sets they may use: their own, and public ones (the built-in banks).  A
set attached to a course is visible to its members (``quizzes.can_take`` with the course),
with the options chosen here: open and close dates, time limit, attempts, grading method,
shuffle, feedback mode, the review options, and whether its flashcards are open to the
students (``flashcards_open``, on by default: they then follow the review options, closed
while the quiz is open and its review hides the right answers; off, they stay closed; see
``reviews.flashcards_open_now``).  They are checked by the one validator of quiz options
(``quizzes.option_problems``).  An exam date, if set, is the day the class memory report
predicts recall on (``reports.memory``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.models import CourseSet, QuestionSet, User
from quizapp.models.question_set import PUBLIC
from quizapp.services import question_sets, quizzes, reviews
from quizapp.services.courses.access import owned_course
from quizapp.services.errors import NotFound, ValidationFailed
from quizapp.services.ids import is_id

NOT_IN_THE_COURSE = "This set is not in the course."


@dataclass(frozen=True)
class SetOptions:
    """The options of a set in a course (the columns of ``CourseSet``), with its defaults."""

    opens_at: datetime | None = None
    closes_at: datetime | None = None
    time_limit_seconds: int | None = None
    attempts_allowed: int | None = None
    grading_method: str = "highest"
    shuffle: bool = True
    feedback_mode: str = quizzes.DEFERRED
    review_show_response: bool = True
    review_show_correctness: bool = True
    review_show_answer: bool = True
    review_show_feedback: bool = True
    flashcards_open: bool = True
    exam_date: date | None = None

    @classmethod
    def of(cls, row: CourseSet) -> SetOptions:
        return cls(**{f.name: getattr(row, f.name) for f in fields(cls)})

    def problems(self) -> list[str]:
        return quizzes.option_problems(
            opens_at=self.opens_at,
            closes_at=self.closes_at,
            time_limit_seconds=self.time_limit_seconds,
            attempts_allowed=self.attempts_allowed,
            grading_method=self.grading_method,
            feedback_mode=self.feedback_mode,
        )


@dataclass(frozen=True)
class CourseSetView:
    set_id: int
    name: str
    description: str
    options: SetOptions
    availability: str  # "open", "not_open" or "closed" (quizzes.availability.window)
    #: The set's flashcards are open to the course's students now.
    flashcards_now: bool = True

    @property
    def grading_label(self) -> str:
        methods = quizzes.GRADING_METHODS
        return methods.get(self.options.grading_method, self.options.grading_method)


def set_view(row: CourseSet, question_set: QuestionSet, now: datetime) -> CourseSetView:
    return CourseSetView(
        set_id=question_set.id,
        name=question_set.name,
        description=question_set.description,
        options=SetOptions.of(row),
        availability=quizzes.availability.window(row.opens_at, row.closes_at, now),
        flashcards_now=reviews.flashcards_open_now(
            flashcards_open=row.flashcards_open,
            show_answer=row.review_show_answer,
            closes_at=row.closes_at,
            now=now,
        ),
    )


def set_views(session: Session, course_id: int, now: datetime) -> list[CourseSetView]:
    """The sets of the course (not deleted), by name."""
    rows = session.execute(
        select(CourseSet, QuestionSet)
        .join(QuestionSet, QuestionSet.id == CourseSet.set_id)
        .where(CourseSet.course_id == course_id, QuestionSet.deleted_at.is_(None))
        .order_by(QuestionSet.name, QuestionSet.id)
    ).all()
    return [set_view(cs, qs, now) for cs, qs in rows]


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


def attachable_sets(session: Session, owner: User) -> list[QuestionSet]:
    """What an instructor may attach: their own sets and the public ones, not deleted."""
    own = question_sets.sets_owned_by(session, owner.id)
    public = [s for s in question_sets.visible_sets(session) if s.owner_id != owner.id]
    return own + public


def may_attach(owner: User, question_set: QuestionSet | None) -> bool:
    return (
        question_set is not None
        and question_set.deleted_at is None
        and (question_set.owner_id == owner.id or question_set.visibility == PUBLIC)
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
    if question_set is None or not may_attach(owner, question_set):
        raise NotFound("There is no such question set.")
    query = select(CourseSet).where(CourseSet.course_id == course.id, CourseSet.set_id == set_id)
    existing = session.execute(query).scalar_one_or_none()
    if existing is not None:
        return set_view(existing, question_set, now), False
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
        return set_view(session.execute(query).scalar_one(), question_set, now), False
    return set_view(row, question_set, now), True


def attached(session: Session, owner: User, course_id: int, set_id: int) -> CourseSet:
    course = owned_course(session, owner, course_id)
    row = (
        session.execute(
            select(CourseSet).where(CourseSet.course_id == course.id, CourseSet.set_id == set_id)
        ).scalar_one_or_none()
        if is_id(set_id)
        else None
    )
    if row is None:
        raise NotFound(NOT_IN_THE_COURSE)
    return row


def set_options(session: Session, *, owner: User, course_id: int, set_id: int) -> SetOptions:
    return SetOptions.of(attached(session, owner, course_id, set_id))


def update_options(
    session: Session, *, owner: User, course_id: int, set_id: int, options: SetOptions
) -> CourseSet:
    """Change the options of an attached set.  Attempts already started keep theirs.  Commits."""
    row = attached(session, owner, course_id, set_id)
    problems = options.problems()
    if problems:
        raise ValidationFailed(" ".join(problems))
    for name, value in vars(options).items():
        setattr(row, name, value)
    session.commit()
    return row


def detach_set(session: Session, *, owner: User, course_id: int, set_id: int) -> None:
    """Take a set out of the course.  Attempts taken in the course are kept.  Commits."""
    row = attached(session, owner, course_id, set_id)
    session.delete(row)
    session.commit()
