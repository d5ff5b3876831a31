"""Building the views of an attempt from its rows, and what its review shows.

Every view shows a question with the names its attempt gives the question's ids
(``attempt_ids``, see ``question_bank.types.public_ids``), and the saved response in those
names: the snapshot and the saved responses keep the real ids, which no student sees.

A question's result shows once the attempt is submitted, or during the attempt once an
answer was checked (immediate feedback).  Once submitted, an attempt taken in a course shows
what the course's review options allow: the answers, whether each was right (and so the
total, which would tell a one-question attempt whether it was right), the right answer, the
feedback.  They are applied here, so the page, the API and the history hide the same.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import Session

from question_bank.types import Grade
from question_bank.types import Question as BankQuestion
from question_bank.types.public_ids import AttemptIds
from quizapp.models import Attempt, AttemptQuestion, CourseSet
from quizapp.services import media
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
    feedback = [str(line) for line in row.feedback or ()]
    if row.media:  # graded on the stored question: its images are named as the file wrote them
        feedback = media.with_urls(feedback, media.url_map(media.stored_refs(row.media)))
    shown = Result(
        status=status,
        score=row.score,
        points=row.points,
        feedback=tuple(feedback),
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


def marks_hidden(user_id: int) -> Select[Any]:
    """The ids of the user's attempts whose course hides whether answers were right (and so
    their marks), for the lists that show many attempts."""
    return (
        select(Attempt.id)
        .join(
            CourseSet,
            and_(CourseSet.course_id == Attempt.course_id, CourseSet.set_id == Attempt.set_id),
        )
        .where(Attempt.user_id == user_id, CourseSet.review_show_correctness.is_(False))
    )


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


def attempt_ids(attempt: Attempt, row: AttemptQuestion, model: BankQuestion) -> AttemptIds:
    """The names under which the attempt shows this question's ids, and the way back."""
    return AttemptIds(model, bytes.fromhex(attempt.ids_key), row.question_key)


def question_view(
    attempt: Attempt, row: AttemptQuestion, model: BankQuestion, review: ReviewOptions
) -> QuestionView:
    """The question as its attempt shows it: its ids and the saved response under the
    attempt's names."""
    hide_responses = attempt.is_submitted and not review.show_response
    if row.media:  # its images named by the URLs that serve them
        model = media.shown_question(row.data, row.media)
    ids = attempt_ids(attempt, row, model)
    return QuestionView(
        key=row.question_key,
        position=row.position,
        model=ids.shown(),
        category=row.category,
        response=None if hide_responses else ids.response_out(row.response),
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
    """The fields of ``AttemptHead``, for any view of the attempt.  The score is left out
    (None) where the review options hide whether the answers were right."""
    shown = review if attempt.is_submitted else ALL_SHOWN
    return {
        "id": attempt.id,
        "set_id": attempt.set_id,
        "set_name": name,
        "feedback_mode": attempt.feedback_mode,
        "started_at": attempt.started_at,
        "deadline": attempt.deadline,
        "submitted_at": attempt.submitted_at,
        "current_position": attempt.current_position,
        "score": attempt.score if shown.show_correctness else None,
        "max_score": attempt.max_score,
        "version": attempt.version,
        "seconds_left": None
        if attempt.is_submitted
        else availability.seconds_left(attempt.deadline, now),
        "auto_submitted": auto_submitted,
        "course_id": attempt.course_id,
        "review": shown,
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


def summary(attempt: Attempt, name: str, *, marks_shown: bool = True) -> AttemptSummary:
    """The attempt in a list (``name``: its set's); without its score where its course hides
    whether the answers were right (``marks_shown`` False)."""
    return AttemptSummary(
        id=attempt.id,
        set_id=attempt.set_id,
        set_name=name,
        started_at=attempt.started_at,
        submitted_at=attempt.submitted_at,
        score=attempt.score if marks_shown else None,
        max_score=attempt.max_score,
    )


def attempt_record(session: Session, attempt: Attempt, now: datetime) -> AttemptView:
    """Everything about an attempt, review options aside: for its course's instructor, whose
    access the caller (``services.reports``) has checked."""
    return view(attempt, set_name(session, attempt.set_id), now)
