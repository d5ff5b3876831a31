"""Who may take which quiz, and the sets a user can take.

* Outside a course: public sets that are not deleted, and the user's own sets that are not
  deleted.
* In a course (``course_id``): a set that is not deleted, attached to that course, which
  the user belongs to (or teaches: the instructor may try it).  A private set of a course
  is taken only in its course, where the course's options apply; its attempts are counted
  apart from the attempts outside the course.
"""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from quizapp.models import Course, CourseMember, CourseSet, QuestionSet, User
from quizapp.models.question_set import PUBLIC
from quizapp.services import question_sets
from quizapp.services.errors import NotFound
from quizapp.services.quizzes.options import effective_options
from quizapp.services.quizzes.views import SetSummary


def can_take(
    session: Session, user: User, question_set: QuestionSet, *, course_id: int | None = None
) -> bool:
    """May ``user`` take ``question_set``?  The one place this rule lives (see above)."""
    if question_set.deleted_at is not None:
        return False
    if course_id is None:
        return question_set.visibility == PUBLIC or question_set.owner_id == user.id
    return course_set_for(session, user, course_id, question_set.id) is not None


def course_set_for(session: Session, user: User, course_id: int, set_id: int) -> CourseSet | None:
    """The set's options in the course, if it is attached and ``user`` belongs to or teaches it."""
    return session.execute(
        select(CourseSet)
        .join(Course, Course.id == CourseSet.course_id)
        .outerjoin(
            CourseMember,
            and_(CourseMember.course_id == Course.id, CourseMember.user_id == user.id),
        )
        .where(
            CourseSet.course_id == course_id,
            CourseSet.set_id == set_id,
            or_(Course.owner_id == user.id, CourseMember.id.is_not(None)),
        )
        .limit(1)
    ).scalar_one_or_none()


def takeable_set(
    session: Session, user: User, set_id: int, course_id: int | None = None
) -> tuple[QuestionSet, CourseSet | None]:
    """The set and, in a course, its options there; ``NotFound`` if ``user`` may not take it."""
    question_set = session.get(QuestionSet, set_id)
    if question_set is None or not can_take(session, user, question_set, course_id=course_id):
        raise NotFound("There is no such question set.")
    course_set = None if course_id is None else course_set_for(session, user, course_id, set_id)
    return question_set, course_set


def takeable_sets(session: Session, user: User) -> list[SetSummary]:
    """The sets ``user`` can take, built-in banks first, with the size of an attempt."""
    candidates = session.execute(
        select(QuestionSet)
        .where(
            QuestionSet.deleted_at.is_(None),
            or_(QuestionSet.visibility == PUBLIC, QuestionSet.owner_id == user.id),
        )
        .order_by(QuestionSet.builtin_key.is_(None), QuestionSet.name, QuestionSet.id)
    ).scalars()
    sets = [s for s in candidates if can_take(session, user, s)]
    counts = question_sets.set_counts(session, [s.id for s in sets])
    return [
        SetSummary(s.id, s.name, effective_options(s, counts[s.id].kinds).question_count)
        for s in sets
    ]
