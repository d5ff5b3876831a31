"""Reading attempts: the whole attempt, or one question and the list of all of them.

The question page reads the attempt row, the one question asked for, and a few columns of
every question for the list; only that one question is rebuilt from its snapshot.  (The
answer save and the start read and write plain rows instead: ``rows``.)  The review, the
submit page and the API's whole attempt read every question (``owned_attempt``).  Someone
else's attempt is "not found", so ids do not leak.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, bindparam, case, func, select
from sqlalchemy.orm import Session, aliased, selectinload

from question_bank.types import answerable
from quizapp.models import Attempt, AttemptQuestion, QuestionSet, User
from quizapp.services.errors import NotFound
from quizapp.services.quizzes.locking import lock_attempt
from quizapp.services.quizzes.views import QuestionEntry

_NO_ATTEMPT = "There is no such attempt."


def owned_attempt(
    session: Session, user: User, attempt_id: int, *, lock: bool
) -> tuple[Attempt, str]:
    """The attempt with every question loaded, and its set's name (the full view's load)."""
    if lock:
        lock_attempt(session, attempt_id)
    found = session.execute(
        select(Attempt, QuestionSet.name)
        .join(QuestionSet, QuestionSet.id == Attempt.set_id)
        .where(Attempt.id == attempt_id)
        .options(selectinload(Attempt.questions))
        .execution_options(populate_existing=True)
    ).one_or_none()
    if found is None or found[0].user_id != user.id:
        raise NotFound(_NO_ATTEMPT)
    return found[0], found[1]


# The question page runs these on every request: built once, with parameters, so no
# request pays for building them (SQLAlchemy then reuses the compiled SQL).


def _attempt_and_question_query(which: Any) -> Select[Any]:
    counted = aliased(AttemptQuestion)
    total = select(func.count(counted.id)).where(counted.attempt_id == Attempt.id)
    return (
        select(Attempt, QuestionSet.name, total.scalar_subquery(), AttemptQuestion)
        .join(QuestionSet, QuestionSet.id == Attempt.set_id)
        .outerjoin(AttemptQuestion, and_(AttemptQuestion.attempt_id == Attempt.id, which))
        .where(Attempt.id == bindparam("attempt_id"), Attempt.user_id == bindparam("user_id"))
        .execution_options(populate_existing=True)
    )


_ATTEMPT_AND_QUESTION_BY_KEY = _attempt_and_question_query(
    AttemptQuestion.question_key == bindparam("question")
)
_ATTEMPT_AND_QUESTION_AT = _attempt_and_question_query(
    AttemptQuestion.position == bindparam("question")
)


#: Every question of an attempt for its list: a few columns, no snapshot.  Only a question
#: worth 0 points may be a description (text to read): its type is read from the snapshot
#: (a JSON parse); every other question is answerable.  ``answered_at`` is set exactly when a
#: response is (``answers`` keeps them together), so the responses are not read either.
_QUESTION_LIST = (
    select(
        AttemptQuestion.question_key,
        AttemptQuestion.position,
        case((AttemptQuestion.points == 0, AttemptQuestion.data["type"].as_string())),
        AttemptQuestion.category,
        AttemptQuestion.answered_at,
        AttemptQuestion.flagged,
    )
    .where(AttemptQuestion.attempt_id == bindparam("attempt_id"))
    .order_by(AttemptQuestion.position)
)


def attempt_and_question(
    session: Session,
    user: User,
    attempt_id: int,
    *,
    question_key: str | None = None,
    position: int | None = None,
) -> tuple[Attempt, str, int, AttemptQuestion | None]:
    """In one query: the attempt without its questions, its set's name, how many questions
    it has, and the one question named by key (else by 0-based position), None if it has no
    such question.  The snapshots of the other questions stay in the database."""
    query = _ATTEMPT_AND_QUESTION_AT if question_key is None else _ATTEMPT_AND_QUESTION_BY_KEY
    found = session.execute(
        query,
        {
            "attempt_id": attempt_id,
            "user_id": user.id,
            "question": position if question_key is None else question_key,
        },
    ).one_or_none()
    if found is None:
        raise NotFound(_NO_ATTEMPT)
    attempt, set_name, total, row = found
    return attempt, set_name, int(total), row


def question_list(
    session: Session, attempt: Attempt, total: int, *, hide_responses: bool
) -> tuple[QuestionEntry, ...]:
    return tuple(
        QuestionEntry(
            key=key,
            position=position,
            answerable=type_name is None or answerable(type_name),
            category=category,
            answered=answered_at is not None and not hide_responses,
            flagged=flagged,
        )
        for key, position, type_name, category, answered_at, flagged in session.execute(
            _QUESTION_LIST, {"attempt_id": attempt.id}
        )
    )


def in_course(course_id: int | None) -> Any:
    """Attempts taken in that course, or outside any course: each context counts apart."""
    return Attempt.course_id.is_(None) if course_id is None else Attempt.course_id == course_id


def open_attempt(
    session: Session, user_id: int, set_id: int, course_id: int | None = None
) -> Attempt | None:
    """The user's attempt in progress at the set (in that context), if any."""
    return (
        session.execute(
            select(Attempt)
            .where(
                Attempt.user_id == user_id,
                Attempt.set_id == set_id,
                in_course(course_id),
                Attempt.submitted_at.is_(None),
            )
            .order_by(Attempt.id.desc())
            .limit(1)
        )
        .scalars()
        .first()
    )


def attempt_count(session: Session, user_id: int, set_id: int, course_id: int | None = None) -> int:
    return session.execute(
        select(func.count(Attempt.id)).where(
            Attempt.user_id == user_id, Attempt.set_id == set_id, in_course(course_id)
        )
    ).scalar_one()


def attempts_at(
    session: Session, user_id: int, set_id: int, course_id: int | None = None
) -> list[Attempt]:
    """The user's attempts at the set (in that context), newest first."""
    return list(
        session.execute(
            select(Attempt)
            .where(Attempt.user_id == user_id, Attempt.set_id == set_id, in_course(course_id))
            .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        ).scalars()
    )


def set_name(session: Session, set_id: int) -> str:
    return session.execute(select(QuestionSet.name).where(QuestionSet.id == set_id)).scalar_one()
