"""Grading and closing an attempt.

* **Scoring.** Each question is worth its points (``Question.points``, Moodle's default mark;
  1 unless the set says otherwise).  ``max_score`` is the points of the gradable questions
  (essays and descriptions do not count); the score is the sum over them of the pure
  ``grade()`` score (a share, partial credit included) times the points.  Unanswered
  questions score 0.
* **Spaced repetition.** At submission the attempt's graded, *answered* questions are
  evidence for the flashcards they test: at most one review per card, recall answers
  stronger than recognition answers, only for cards in review (``evidence``).  An
  unanswered question is no evidence (skipping is not a recall attempt).  The question's
  type says which cards its answer tests and how each part scored
  (``Question.card_scores``): by default the card named by its ``card_id`` or, for sets
  whose cards are derived from the questions, the card with the question's own id; for a
  matching question, each answered pair's own card (``<card id or id>-<item id>``).  When
  the set has none of those cards, the whole question counts for the card the attempt
  linked it to (``AttemptQuestion.card_id``).
* **Time limit.** Any read of an expired attempt submits it (``submit_expired``); the
  recorded submission time is then the deadline.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.types import Grade
from question_bank.types import Question as BankQuestion
from quizapp.models import Attempt, AttemptQuestion, Card, User
from quizapp.services.quizzes import availability
from quizapp.services.quizzes.evidence import Answer, apply_evidence, linked_answers
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


def card_answers(session: Session, attempt: Attempt) -> list[Answer]:
    """The attempt's graded answers on the cards they test (one query for the cards)."""
    answered = []
    for row in attempt.questions:
        if row.response is None or row.score is None:
            continue
        model = row.to_model()
        if model.answerable and model.gradable:
            answered.append((row, model, model.card_scores(row.response, row.score)))
    keys = {part.card for _, _, parts in answered for part in parts}
    card_ids = (
        dict(
            session.execute(
                select(Card.key, Card.id).where(
                    Card.set_id == attempt.set_id, Card.key.in_(keys), Card.active.is_(True)
                )
            ).all()
        )
        if keys
        else {}
    )
    answers = []
    for row, model, parts in answered:
        whole = Answer(row.card_id, row.score, model.evidence) if row.card_id is not None else None
        answers.extend(linked_answers(parts, card_ids, whole))
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
    apply_evidence(session, user, card_answers(session, attempt), now)
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
