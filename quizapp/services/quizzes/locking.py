"""Serialising the writers of one attempt, and of one user's starts.

Every change bumps the attempt's ``version``.  A save reads first, without a lock, then
claims the attempt with an UPDATE that bumps the version only if it is still the one it read
(``claim``); if another request changed the attempt in between, the save reads again under
the lock and cannot lose.  A submit (and the submission of an expired attempt) locks the
attempt row before reading (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite a no-op write
takes the database's write lock).  So a save and a submit serialise, on SQLite the write lock
is held only from the claim to the commit, an answer is checked (and reviewed) once, and a
save that changes nothing writes nothing.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from quizapp.models import Attempt, User


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def lock_attempt(session: Session, attempt_id: int) -> None:
    """Serialise writers of one attempt (see the module docstring)."""
    if _sqlite(session):
        session.execute(
            update(Attempt)
            .where(Attempt.id == attempt_id)
            .values(version=Attempt.version)
            .execution_options(synchronize_session=False)
        )
    else:
        session.execute(select(Attempt.id).where(Attempt.id == attempt_id).with_for_update())


def lock_user(session: Session, user: User) -> None:
    """Serialise the starts of one user, so two tabs cannot open two attempts at once."""
    if _sqlite(session):
        session.execute(
            update(User)
            .where(User.id == user.id)
            .values(role=User.role)
            .execution_options(synchronize_session=False)
        )
    else:
        session.execute(select(User.id).where(User.id == user.id).with_for_update())


# Built once, with parameters: a save runs it on every request (SQLAlchemy then reuses the
# compiled SQL).
_CLAIM = (
    update(Attempt)
    .where(
        Attempt.id == bindparam("attempt_id"),
        Attempt.version == bindparam("version"),
        Attempt.submitted_at.is_(None),
    )
    .values(version=Attempt.version + 1)
    .execution_options(synchronize_session=False)
)
_CLAIM_AND_MOVE = _CLAIM.values(current_position=bindparam("position"))


def claim(session: Session, attempt: Attempt, *, move_to: int | None = None) -> bool:
    """The first write of a change: bump the attempt's version (and move to ``move_to``)
    unless someone changed it since it was read.  False when someone did: read again, then.

    Every change bumps the version, so a claim that succeeds saw the attempt as it still is:
    the reads before it needed no lock.  On SQLite it takes the write lock (the driver begins
    the transaction at the first write, so the reads held no snapshot that could have gone
    stale), which is then held only from here to the commit.
    """
    params = {"attempt_id": attempt.id, "version": attempt.version}
    if move_to is None:
        claimed = session.execute(_CLAIM, params)
    else:
        claimed = session.execute(_CLAIM_AND_MOVE, {**params, "position": move_to})
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    # What the database now holds, without another UPDATE at the flush.
    set_committed_value(attempt, "version", attempt.version + 1)
    if move_to is not None:
        set_committed_value(attempt, "current_position", move_to)
    return True
