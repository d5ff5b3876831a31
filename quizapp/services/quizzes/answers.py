"""Saving (and, in immediate mode, checking) the answer to one question.

* **Blank answers.** An empty response (no choice, empty text, all blanks empty, an empty
  number field) means "not answered", for every type: saving one clears a saved answer, and
  it is never checked against the type (an empty number is not "not a number").  ``None``
  in the API does the same.
* **Saving is not checking.** Every feedback mode saves each answer as it is given (a
  closed tab resumes with it).  In immediate mode, checking is the student's explicit step
  (``check=True``: the page's Check button, ``"check": true`` in the API): the answer is
  saved, graded and then locked; essays stay editable until submit.  An answer saved but
  never checked is graded at submit, like any other.
* **Time limit.** Enforced here: a save after the deadline is refused (``TimeUp``) and the
  attempt is submitted with what was saved.
* **Flags.** A student may flag a question to come back to it (Moodle's "flag this
  question"), with or without changing the answer, until the attempt is submitted.
* **Concurrency.** A save reads without a lock, then claims the attempt
  (``rows.claim_and_write``); each answer is its own row, so two tabs saving different
  questions lose nothing, and the last save of one question wins.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from question_bank.types import InvalidResponse
from question_bank.types import Question as BankQuestion
from question_bank.types.public_ids import AttemptIds
from quizapp.models import User
from quizapp.services.errors import NotFound, ServiceError, ValidationFailed
from quizapp.services.quizzes import availability, rows
from quizapp.services.quizzes.attempts import question_page
from quizapp.services.quizzes.locking import lock_attempt
from quizapp.services.quizzes.options import IMMEDIATE
from quizapp.services.quizzes.results import attempt_ids, head, is_locked, question_view
from quizapp.services.quizzes.rows import AttemptRow, QuestionRow
from quizapp.services.quizzes.submission import grade_question, submit_expired
from quizapp.services.quizzes.views import ALL_SHOWN, AttemptHead, PageAnswer, SaveResult


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


#: Pass as ``response`` to ``save_answer`` to leave the saved answer as it is (move only).
KEEP: Any = _Keep()

#: Refusals that are not about the answer given: a question page does not show them beside
#: the question (time up, no such question, a submitted attempt).
_NOT_ABOUT_THE_ANSWER = {"time_up", "question_not_in_attempt", "attempt_submitted"}


class TimeUp(ValidationFailed):
    """An answer after the deadline: refused, and the attempt was submitted (committed)."""

    code = "time_up"


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return all(is_blank(item) for item in value)
    if isinstance(value, dict):
        return all(is_blank(item) for item in value.values())
    return False


def parse_response(model: BankQuestion, raw: Any, ids: AttemptIds | None = None) -> Any:
    """The canonical response, None for a blank one; ValidationFailed for a malformed one.
    ``ids``: the attempt's names for the question's ids, which a client sends."""
    if is_blank(raw):
        return None
    try:
        value = model.parse_response(ids.response_in(raw) if ids is not None else raw)
    except InvalidResponse as error:
        raise ValidationFailed(
            f"That answer does not fit the question: {error}.", code="invalid_response"
        ) from None
    return None if is_blank(value) else value


def save_answer(
    session: Session,
    *,
    user: User,
    attempt_id: int,
    response: Any,
    now: datetime,
    question_key: str | None = None,
    position: int | None = None,
    move_to: int | None = None,
    check: bool = False,
    flag: bool | None = None,
) -> SaveResult:
    """Save the answer to one question (by key or, without one, by 0-based position), and
    optionally move; in immediate mode ``check`` also grades and locks it (refused when
    there is no answer to check).  ``flag`` True or False flags the question or takes the
    flag off (a checked answer may still be flagged); None leaves it.

    Idempotent: the same answer again changes nothing (and writes nothing); ``KEEP`` leaves
    it as it is.  ``move_to`` (0-based) records where the student went next, so a resume
    lands there; out of range, it is ignored.

    Reads first, without a lock, then claims the attempt to write.  When another request
    changed the attempt in between, it reads again under the lock: the second try cannot
    lose the claim.
    """
    question = {
        "question_key": question_key,
        "position": position,
        "move_to": move_to,
        "check": check,
        "flag": flag,
    }
    try:
        saved = _save(session, user, attempt_id, response, now, lock=False, **question)
        if saved is None:
            session.rollback()
            saved = _save(session, user, attempt_id, response, now, lock=True, **question)
        if saved is None:
            raise RuntimeError(f"attempt {attempt_id} changed while it was locked")
    except ServiceError:
        session.rollback()  # nothing half-written; releases the lock
        raise
    return saved


def answer_from_page(
    session: Session,
    *,
    user: User,
    attempt_id: int,
    position: int,
    response: Any,
    move_to: int | None,
    now: datetime,
    check: bool = False,
    flag: bool | None = None,
) -> PageAnswer:
    """A question page's post: ``save_answer`` by position; an answer that does not fit or
    can no longer change gives the page again with the reason.  Other refusals (time up, no
    such question, a submitted attempt) raise as ``save_answer`` raises them."""
    try:
        saved = save_answer(
            session,
            user=user,
            attempt_id=attempt_id,
            position=position,
            response=response,
            move_to=move_to,
            now=now,
            check=check,
            flag=flag,
        )
    except ValidationFailed as refused:
        if refused.code in _NOT_ABOUT_THE_ANSWER:
            raise
        page = question_page(session, user=user, attempt_id=attempt_id, position=position, now=now)
        return PageAnswer(page=page, error=refused.message)
    return PageAnswer(saved=saved)


def _to_check(
    check: bool, attempt: AttemptRow, row: QuestionRow, model: BankQuestion, value: Any
) -> bool:
    """Whether this save checks the answer: asked for, in immediate mode, on a gradable
    question not checked yet.  Checking nothing is refused."""
    if not (check and attempt.feedback_mode == IMMEDIATE and model.answerable and model.gradable):
        return False
    if value is None:
        raise ValidationFailed(
            "Give an answer first: there is nothing to check yet.", code="nothing_to_check"
        )
    return row.score is None


def _save(
    session: Session,
    user: User,
    attempt_id: int,
    response: Any,
    now: datetime,
    *,
    lock: bool,
    question_key: str | None,
    position: int | None,
    move_to: int | None,
    check: bool,
    flag: bool | None,
) -> SaveResult | None:
    """One try of ``save_answer``: None when the claim was lost (nothing was written).

    Reads and writes plain rows (``rows``): one SELECT, then the claim and the question's
    UPDATE by its id (one statement on PostgreSQL), then the commit."""
    if lock:
        lock_attempt(session, attempt_id)
    found = rows.attempt_and_question(
        session, user.id, attempt_id, question_key=question_key, position=position
    )
    if found is None:
        raise NotFound("There is no such attempt.")
    attempt, set_name, total, row = found
    if attempt.is_submitted:
        raise ValidationFailed(
            "This attempt was submitted: its answers can no longer change.",
            code="attempt_submitted",
        )
    if availability.expired(attempt.deadline, now):
        submit_expired(session, user, attempt_id, now)
        raise TimeUp(
            "Time is up: answers after the deadline are not accepted. Your attempt was "
            "submitted with the answers saved before it."
        )
    if row is None:
        named = repr(question_key) if question_key is not None else str((position or 0) + 1)
        raise ValidationFailed(
            f"There is no question {named} in this attempt.", code="question_not_in_attempt"
        )
    model = row.to_model()
    if response is KEEP:
        value = row.response
    else:
        value = parse_response(model, response, attempt_ids(attempt, row, model))
    answer = value != row.response
    if answer and is_locked(attempt, row):
        raise ValidationFailed(
            "This answer was already checked: it cannot change now.", code="answer_locked"
        )
    to_check = _to_check(check, attempt, row, model, value)
    move = move_to is not None and 0 <= move_to < total and move_to != attempt.current_position
    flag_changed = flag is not None and flag != row.flagged
    changed = answer or move or to_check or flag_changed
    if changed:
        if answer:
            row.response = value
            row.answered_at = now if value is not None else None
            row.score = None
            row.feedback = None
        if to_check:
            grade_question(session, user, row, now, model)  # type: ignore[arg-type]
        if flag_changed:
            row.flagged = bool(flag)
        written = row if answer or to_check or flag_changed else None
        if not rows.claim_and_write(session, attempt, written, move_to=move_to if move else None):
            return None
        session.commit()
    else:
        session.rollback()  # nothing was written; releases the lock if it was taken
    return SaveResult(
        attempt=AttemptHead(**head(attempt, set_name, now)),  # type: ignore[arg-type]
        question=question_view(attempt, row, model, ALL_SHOWN),  # type: ignore[arg-type]
        changed=changed,
        total=total,
    )
