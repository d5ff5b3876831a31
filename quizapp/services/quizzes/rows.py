"""An attempt and its questions as plain rows, for the hot paths that write them.

The answer save and the start run on every request of an exam: they read and write with
Core statements on the tables (no ORM entity, no identity map, no flush), and hand the
views plain objects with the attributes the views read (``results.question_view``,
``results.head``).

The save reads the attempt, its set's name, how many questions it has and the one question
in one SELECT (``attempt_and_question``), then writes with the version-checked claim
(``locking``'s rule: the claim succeeds only if nobody changed the attempt since it was
read, and every change bumps the version).  On PostgreSQL the claim and the question's
UPDATE are one statement (``WITH claim AS (UPDATE attempts ... RETURNING id) UPDATE
attempt_questions ... WHERE attempt_id IN (SELECT id FROM claim)``): the question is
written only if the claim succeeded, and the row count says whether it did.  SQLite has no
UPDATE inside a WITH, so there it is two statements, the claim first (it takes the write
lock).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, Table, Update, and_, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from question_bank.types import Question as BankQuestion
from question_bank.types import question_from_dict
from quizapp.models import Attempt, AttemptQuestion, Question, QuestionSet

ATTEMPTS = cast(Table, Attempt.__table__)
QUESTIONS = cast(Table, AttemptQuestion.__table__)
_SETS = cast(Table, QuestionSet.__table__)
_SET_QUESTIONS = cast(Table, Question.__table__)


@dataclass(slots=True)
class AttemptRow:
    """The columns of ``attempts`` the views and the save read."""

    id: int
    user_id: int
    set_id: int
    course_id: int | None
    started_at: datetime
    deadline: datetime | None
    submitted_at: datetime | None
    feedback_mode: str
    current_position: int
    score: float | None
    max_score: float
    version: int
    ids_key: str

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


@dataclass(slots=True)
class QuestionRow:
    """The columns of ``attempt_questions`` the views and the save read.  Mutable: grading
    (``submission.grade_question``) sets ``score`` and ``feedback`` on it.  ``id`` is None
    for a question the start has just inserted (it does not read the ids back)."""

    id: int | None
    position: int
    question_key: str
    card_id: int | None
    category: str | None
    points: float
    data: dict[str, Any]
    media: list[dict[str, Any]] | None
    response: Any
    answered_at: datetime | None
    score: float | None
    feedback: list[str] | None
    flagged: bool

    def to_model(self) -> BankQuestion:
        return question_from_dict(self.data)


_ATTEMPT_COLUMNS = [ATTEMPTS.c[name] for name in AttemptRow.__dataclass_fields__]
_QUESTION_COLUMNS = [QUESTIONS.c[name] for name in QuestionRow.__dataclass_fields__]
_A = len(_ATTEMPT_COLUMNS)


# Built once, with parameters: a save runs them on every request (SQLAlchemy then reuses
# the compiled SQL).


def _attempt_and_question_query(by_key: bool) -> Select[Any]:
    counted = QUESTIONS.alias("counted")
    total = select(func.count(counted.c.id)).where(counted.c.attempt_id == ATTEMPTS.c.id)
    which = QUESTIONS.c.question_key if by_key else QUESTIONS.c.position
    return (
        select(*_ATTEMPT_COLUMNS, _SETS.c.name, total.scalar_subquery(), *_QUESTION_COLUMNS)
        .select_from(ATTEMPTS)
        .join(_SETS, _SETS.c.id == ATTEMPTS.c.set_id)
        .outerjoin(
            QUESTIONS,
            and_(QUESTIONS.c.attempt_id == ATTEMPTS.c.id, which == bindparam("question")),
        )
        .where(ATTEMPTS.c.id == bindparam("attempt_id"), ATTEMPTS.c.user_id == bindparam("user_id"))
    )


_BY_KEY = _attempt_and_question_query(by_key=True)
_AT = _attempt_and_question_query(by_key=False)


def attempt_and_question(
    session: Session,
    user_id: int,
    attempt_id: int,
    *,
    question_key: str | None = None,
    position: int | None = None,
) -> tuple[AttemptRow, str, int, QuestionRow | None] | None:
    """In one query: the attempt, its set's name, how many questions it has, and the one
    question named by key (else by 0-based position), None if it has no such question.
    None when the user has no such attempt."""
    found = session.execute(
        _AT if question_key is None else _BY_KEY,
        {
            "attempt_id": attempt_id,
            "user_id": user_id,
            "question": position if question_key is None else question_key,
        },
    ).one_or_none()
    if found is None:
        return None
    attempt = AttemptRow(*found[:_A])
    question = QuestionRow(*found[_A + 2 :]) if found[_A + 2] is not None else None
    return attempt, found[_A], int(found[_A + 1]), question


_ATTEMPT_WITH_NAME = (
    select(*_ATTEMPT_COLUMNS, _SETS.c.name)
    .join(_SETS, _SETS.c.id == ATTEMPTS.c.set_id)
    .where(ATTEMPTS.c.id == bindparam("attempt_id"), ATTEMPTS.c.user_id == bindparam("user_id"))
)
_ALL_QUESTIONS = (
    select(*_QUESTION_COLUMNS)
    .where(QUESTIONS.c.attempt_id == bindparam("attempt_id"))
    .order_by(QUESTIONS.c.position)
)


def attempt_with_questions(
    session: Session, user_id: int, attempt_id: int
) -> tuple[AttemptRow, str, list[QuestionRow]] | None:
    """The attempt, its set's name and every question in order, in two queries; None when
    the user has no such attempt."""
    params = {"attempt_id": attempt_id, "user_id": user_id}
    found = session.execute(_ATTEMPT_WITH_NAME, params).one_or_none()
    if found is None:
        return None
    questions = [QuestionRow(*row) for row in session.execute(_ALL_QUESTIONS, params)]
    return AttemptRow(*found[:_A]), found[_A], questions


# ------------------------------------------------------------------------------ starting


@dataclass(frozen=True, slots=True)
class SetQuestion:
    """A question of a set as the draw and the start read it (``drawing.Candidate``)."""

    key: str
    position: int
    type: str
    category: str | None
    card_key: str | None
    data: dict[str, Any]
    media: list[dict[str, Any]] | None

    def to_model(self) -> BankQuestion:
        return question_from_dict(self.data)


_SET_QUESTIONS_QUERY = (
    select(*(_SET_QUESTIONS.c[name] for name in SetQuestion.__dataclass_fields__))
    .where(_SET_QUESTIONS.c.set_id == bindparam("set_id"))
    .order_by(_SET_QUESTIONS.c.position)
)


def set_questions(session: Session, set_id: int) -> list[SetQuestion]:
    """The set's questions in its order, as plain rows (the ORM's ``QuestionSet.questions``
    would build an entity of each, 146 for the article's bank, on every start)."""
    return [SetQuestion(*row) for row in session.execute(_SET_QUESTIONS_QUERY, {"set_id": set_id})]


_INSERT_ATTEMPT = insert(ATTEMPTS).returning(ATTEMPTS.c.id)
_INSERT_QUESTION = insert(QUESTIONS)


def insert_attempt(
    session: Session, attempt: dict[str, Any], questions: list[dict[str, Any]]
) -> int:
    """Insert a new attempt (the columns of ``attempt``) and its questions (every dict with
    the same keys; ``attempt_id`` is added) in two statements: the attempt's INSERT returns
    its id, the questions go in one executemany.  Columns left out take their defaults
    (``response``, ``score``... NULL), as the ORM's INSERT leaves them."""
    attempt_id: int = session.execute(_INSERT_ATTEMPT, attempt).scalar_one()
    session.execute(_INSERT_QUESTION, [{**row, "attempt_id": attempt_id} for row in questions])
    return attempt_id


# ------------------------------------------------------------------------------ writing
# The parameters are named ``p_...``: an UPDATE executed with a parameter named like a
# column of its table would also SET that column.

#: The columns of a question a save may change; the save writes them all, as it read them
#: and changed them (its claim says nobody else changed them since).
_WRITTEN = ("response", "answered_at", "score", "feedback", "flagged")


def _claim(move: bool) -> Update:
    claim = (
        update(ATTEMPTS)
        .where(
            ATTEMPTS.c.id == bindparam("p_attempt"),
            ATTEMPTS.c.version == bindparam("p_version"),
            ATTEMPTS.c.submitted_at.is_(None),
        )
        .values(version=ATTEMPTS.c.version + 1)
    )
    return claim.values(current_position=bindparam("p_position")) if move else claim


def _write(claimed: Any = None) -> Update:
    where = [QUESTIONS.c.id == bindparam("p_question")]
    if claimed is not None:
        where.append(QUESTIONS.c.attempt_id.in_(select(claimed.c.id)))
    return (
        update(QUESTIONS)
        .where(*where)
        .values({name: bindparam(f"p_{name}", type_=QUESTIONS.c[name].type) for name in _WRITTEN})
    )


_CLAIMS = {move: _claim(move) for move in (False, True)}
_WRITE = _write()
_CLAIM_AND_WRITE = {
    move: _write(_claim(move).returning(ATTEMPTS.c.id).cte("claim")) for move in (False, True)
}


def claim_and_write(
    session: Session,
    attempt: AttemptRow,
    question: QuestionRow | None,
    *,
    move_to: int | None,
) -> bool:
    """Claim the attempt (bump its version, and move to ``move_to``) unless someone changed
    it since it was read, and write ``question``'s changeable columns as they are now (None:
    only the claim).  False when the claim was lost: nothing was written; roll back and read
    again.  On success ``attempt`` holds what the database now holds."""
    params: dict[str, Any] = {"p_attempt": attempt.id, "p_version": attempt.version}
    move = move_to is not None
    if move:
        params["p_position"] = move_to
    if question is None:
        claimed = session.execute(_CLAIMS[move], params).rowcount  # type: ignore[attr-defined]
    else:
        params["p_question"] = question.id
        params.update({f"p_{name}": getattr(question, name) for name in _WRITTEN})
        if session.get_bind().dialect.name == "postgresql":
            claimed = session.execute(_CLAIM_AND_WRITE[move], params).rowcount  # type: ignore[attr-defined]
        else:
            claimed = session.execute(_CLAIMS[move], params).rowcount  # type: ignore[attr-defined]
            if claimed == 1:
                session.execute(_WRITE, params)
    if claimed != 1:
        return False
    attempt.version += 1
    if move_to is not None:
        attempt.current_position = move_to
    return True
