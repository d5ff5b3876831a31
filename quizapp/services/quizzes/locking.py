"""Serialising the writers of one attempt, and of one user's starts.

Every change bumps the attempt's ``version``.  A save reads first, without a lock, then
claims the attempt with an UPDATE that bumps the version only if it is still the one it
read (``rows.claim_and_write``); if another request changed the attempt in between, the
save reads again under the lock and cannot lose.  A submit (and the submission of an
expired attempt) locks the attempt row before reading (``SELECT ... FOR UPDATE`` on
PostgreSQL; on SQLite a no-op write takes the database's write lock).  So a save and a
submit serialise, on SQLite the write lock is held only from the claim to the commit, an
answer is checked (and reviewed) once, and a save that changes nothing writes nothing.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

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
