"""One set in a course at a glance: item analysis, score distribution, memory, retention,
and all of them per category."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from quizapp.models import User
from quizapp.services import courses, quizzes
from quizapp.services.reports.categories import CategoryReport, per_category
from quizapp.services.reports.course_attempts import course_set_in, percents_by, submitted
from quizapp.services.reports.items import ItemAnalysis, analysis_of
from quizapp.services.reports.memory import (
    ClassMemory,
    RetentionDay,
    default_day,
    memory,
    retention,
)
from quizapp.services.reports.statistics import histogram


@dataclass(frozen=True)
class SetReport:
    analysis: ItemAnalysis
    grading_method: str
    #: Each student's graded score on the set (0..1), for the histogram.
    grades: tuple[float, ...]
    students: int
    memory: ClassMemory
    retention: tuple[RetentionDay, ...]
    categories: tuple[CategoryReport, ...] = ()

    @property
    def distribution(self) -> list[int]:
        return histogram(self.grades)


def set_report(
    session: Session,
    *,
    owner: User,
    course_id: int,
    set_id: int,
    now: datetime,
    recall_day: date | None = None,
) -> SetReport:
    """Item analysis, score distribution, memory and retention of one set in the course.
    The memory is predicted on ``recall_day`` (default: a week ahead) and on the exam day
    if the set has one in the course."""
    course = courses.owned_course(session, owner, course_id)
    course_set, question_set = course_set_in(session, course, set_id)
    user_ids = courses.member_ids(session, course.id)
    per_student = percents_by(
        submitted(session, course.id, [question_set.id], user_ids),
        lambda attempt: attempt.user_id,
    )
    grades = tuple(
        g
        for percents in per_student.values()
        if (g := quizzes.graded(percents, course_set.grading_method)) is not None
    )
    analysis = analysis_of(session, course, question_set, user_ids)
    class_memory = memory(
        session,
        question_set,
        user_ids,
        day=recall_day or default_day(owner, now),
        exam_date=course_set.exam_date,
    )
    return SetReport(
        analysis=analysis,
        grading_method=course_set.grading_method,
        grades=grades,
        students=len(user_ids),
        memory=class_memory,
        retention=tuple(retention(session, question_set, user_ids, viewer=owner, now=now)),
        categories=tuple(
            per_category(analysis.items, class_memory.cards, question_set.category_order)
        ),
    )
