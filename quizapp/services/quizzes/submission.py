"""Grading and closing an attempt.

* **Scoring.** Each question is worth its points (``Question.points``, Moodle's default mark;
  1 unless the set says otherwise).  ``max_score`` is the points of the gradable questions
  (essays and descriptions do not count); the score is the sum over them of the pure
  ``grade()`` score (a share, partial credit included) times the points.  Unanswered
  questions score 0.
* **Spaced repetition.** At submission the attempt's graded, *answered* questions are
  evidence for the flashcards they test: at most one review per card, recall answers
  stronger than recognition answers, only for cards in review (``evidence``).  An
  unanswered question is no evidence (skipping is not a recall attempt).  A question is
  linked to the card named by its ``card_id`` or, for sets whose cards are derived from the
  questions, to the card with the question's own id.
* **Time limit.** Any read of an expired attempt submits it (``submit_expired``); the
  recorded submission time is then the deadline.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from question_bank.types import Grade
from question_bank.types import Question as BankQuestion
from quizapp.models import Attempt, AttemptQuestion, User
from quizapp.services.quizzes import availability
from quizapp.services.quizzes.evidence import Answer, apply_evidence
from quizapp.services.quizzes.loading import owned_attempt
from quizapp.services.quizzes.options import IMMEDIATE
from quizapp.services.quizzes.results import review_options, view
from quizapp.services.quizzes.views import AttemptView


def grade_question(
    session: Session,
    user: User,
    row: AttemptQuestion,
    now: datetime,
    model: BankQuestion | None = None,
) -> None:
    """Grade one question of an attempt (its flashcard evidence waits for submission)."""
    if model is None:
        model = row.to_model()
    if not (model.answerable and model.gradable):
        return
    grade = model.grade(row.response) if row.response is not None else Grade(0.0)
    row.score = grade.score
    row.feedback = list(grade.feedback)


def card_answers(attempt: Attempt) -> list[Answer]:
    """The attempt's graded answers to questions that test a card."""
    answers = []
    for row in attempt.questions:
        if row.card_id is None or row.response is None or row.score is None:
            continue
        model = row.to_model()
        if model.answerable and model.gradable:
            answers.append(Answer(row.card_id, row.score, model.evidence))
    return answers


def finalize(session: Session, user: User, attempt: Attempt, now: datetime) -> bool:
    """Grade what is not graded yet and mark the attempt submitted.  False if it already was.
    Does not commit."""
    if attempt.is_submitted:
        return False
    for row in attempt.questions:
        if attempt.feedback_mode == IMMEDIATE and row.score is not None:
            continue  # graded when it was answered
        grade_question(session, user, row, now)
    apply_evidence(session, user, card_answers(attempt), now)
    attempt.score = sum(
        row.score * row.points for row in attempt.questions if row.score is not None
    )
    attempt.submitted_at = availability.submitted_at(attempt.deadline, now)
    attempt.version += 1
    return True


def submit_expired(
    session: Session, user: User, attempt_id: int, now: datetime
) -> tuple[Attempt, str, bool]:
    """Submit an attempt whose time ran out (commits).  The flag is False when another
    request had submitted it already."""
    attempt, set_name = owned_attempt(session, user, attempt_id, lock=True)
    submitted = finalize(session, user, attempt, now)
    session.commit()
    return attempt, set_name, submitted


def submit_attempt(session: Session, *, user: User, attempt_id: int, now: datetime) -> AttemptView:
    """Grade and close the attempt.  Submitting again returns the same result, logs nothing."""
    attempt, set_name = owned_attempt(session, user, attempt_id, lock=True)
    submitted = finalize(session, user, attempt, now)
    # Built before the commit, which would expire every question it reads.
    shown = view(attempt, set_name, now, review=review_options(session, attempt))
    if submitted:
        session.commit()
    else:
        session.rollback()
    return shown
