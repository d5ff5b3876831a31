"""Building the views of an attempt from its rows, and what its review shows.

A question's result shows once the attempt is submitted, or during the attempt once an
answer was checked (immediate feedback).  Once submitted, an attempt taken in a course shows
what the course's review options allow: the answers, whether each was right, the right
answer, the feedback.  They are applied here, so the page and the API hide the same things.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.types import Grade
from question_bank.types import Question as BankQuestion
from quizapp.models import Attempt, AttemptQuestion, CourseSet
from quizapp.services.quizzes import availability
from quizapp.services.quizzes.loading import set_name
from quizapp.services.quizzes.options import IMMEDIATE
from quizapp.services.quizzes.views import (
    ALL_SHOWN,
    AttemptSummary,
    AttemptView,
    QuestionView,
    Result,
    ReviewOptions,
)


def is_locked(attempt: Attempt, row: AttemptQuestion) -> bool:
    """The answer can no longer change: submitted, or checked in immediate mode."""
    return attempt.is_submitted or (attempt.feedback_mode == IMMEDIATE and row.score is not None)


def result(
    attempt: Attempt, row: AttemptQuestion, model: BankQuestion, review: ReviewOptions
) -> Result | None:
    if not model.answerable:
        return None
    if not is_locked(attempt, row):
        return None
    if not model.gradable:
        status = "ungraded"
    elif row.response is None:
        status = "unanswered"
    else:
        status = Grade(row.score or 0.0).status
    shown = Result(
        status=status,
        score=row.score,
        feedback=tuple(row.feedback or ()),
        answer_display=model.answer_display,
        general_feedback=model.general_feedback,
        source_quote=model.source.quote if model.source else None,
    )
    if not attempt.is_submitted:
        return shown  # immediate feedback during the attempt: the feedback mode decides
    return reviewed(shown, review)


def reviewed(shown: Result, review: ReviewOptions) -> Result:
    """A submitted question's result with what the review options hide taken out."""
    if not review.show_correctness:
        hidden = "answered" if shown.status not in ("ungraded", "unanswered") else shown.status
        shown = replace(shown, status=hidden, score=None)
    if not review.show_answer:
        shown = replace(shown, answer_display="")
    if not review.show_feedback:
        shown = replace(shown, feedback=(), general_feedback="", source_quote=None)
    return shown


def review_options(session: Session, attempt: Attempt) -> ReviewOptions:
    """The review options of the attempt's course (everything, outside a course, and
    before it is submitted)."""
    if attempt.course_id is None or not attempt.is_submitted:
        return ALL_SHOWN
    course_set = session.execute(
        select(CourseSet).where(
            CourseSet.course_id == attempt.course_id, CourseSet.set_id == attempt.set_id
        )
    ).scalar_one_or_none()
    if course_set is None:
        return ALL_SHOWN  # the set was detached from the course: no option applies
    return ReviewOptions(
        show_response=course_set.review_show_response,
        show_correctness=course_set.review_show_correctness,
        show_answer=course_set.review_show_answer,
        show_feedback=course_set.review_show_feedback,
    )


def question_view(
    attempt: Attempt, row: AttemptQuestion, model: BankQuestion, review: ReviewOptions
) -> QuestionView:
    hide_responses = attempt.is_submitted and not review.show_response
    return QuestionView(
        key=row.question_key,
        position=row.position,
        model=model,
        category=row.category,
        response=None if hide_responses else row.response,
        answered_at=row.answered_at,
        locked=is_locked(attempt, row),
        result=result(attempt, row, model, review),
        flagged=row.flagged,
    )


def head(
    attempt: Attempt,
    name: str,
    now: datetime,
    *,
    auto_submitted: bool = False,
    review: ReviewOptions = ALL_SHOWN,
) -> dict[str, Any]:
    """The fields of ``AttemptHead``, for any view of the attempt."""
    return {
        "id": attempt.id,
        "set_id": attempt.set_id,
        "set_name": name,
        "feedback_mode": attempt.feedback_mode,
        "started_at": attempt.started_at,
        "deadline": attempt.deadline,
        "submitted_at": attempt.submitted_at,
        "current_position": attempt.current_position,
        "score": attempt.score,
        "max_score": attempt.max_score,
        "version": attempt.version,
        "seconds_left": None
        if attempt.is_submitted
        else availability.seconds_left(attempt.deadline, now),
        "auto_submitted": auto_submitted,
        "course_id": attempt.course_id,
        "review": review if attempt.is_submitted else ALL_SHOWN,
    }


def view(
    attempt: Attempt,
    name: str,
    now: datetime,
    *,
    auto_submitted: bool = False,
    review: ReviewOptions = ALL_SHOWN,
) -> AttemptView:
    """The whole attempt, every question rebuilt from its snapshot."""
    return AttemptView(
        **head(attempt, name, now, auto_submitted=auto_submitted, review=review),
        questions=tuple(
            question_view(attempt, row, row.to_model(), review) for row in attempt.questions
        ),
    )


def summary(attempt: Attempt, name: str) -> AttemptSummary:
    """The attempt in a list (``name``: its set's)."""
    return AttemptSummary(
        id=attempt.id,
        set_id=attempt.set_id,
        set_name=name,
        started_at=attempt.started_at,
        submitted_at=attempt.submitted_at,
        score=attempt.score,
        max_score=attempt.max_score,
    )


def attempt_record(session: Session, attempt: Attempt, now: datetime) -> AttemptView:
    """Everything about an attempt, review options aside: for its course's instructor, whose
    access the caller (``services.reports``) has checked."""
    return view(attempt, set_name(session, attempt.set_id), now)
