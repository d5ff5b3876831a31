"""Login sessions: one row per login in one browser, so that logging out ends it for good.

The browser holds the session's secret (in the session cookie and, when asked for, the
remember-me cookie); the database holds its digest.  Every login makes a new secret, so a
remember-me cookie is never the same twice; logging out deletes the row, so a cookie kept
from before is refused; a password change deletes them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from quizapp.models import LoginSession, User
from quizapp.services.accounts.credentials import digest, new_secret, usable_secret
from quizapp.services.accounts.passwords import HashSettings, verify_password
from quizapp.services.accounts.users import authenticate, end_everything, replace_password
from quizapp.services.errors import ValidationFailed

MAX_USER_AGENT = 200


@dataclass(frozen=True)
class SessionLifetimes:
    remembered: timedelta
    visit: timedelta


def _start(
    session: Session,
    user: User,
    *,
    remember: bool,
    now: datetime,
    lifetimes: SessionLifetimes,
    user_agent: str,
) -> None:
    """Add a login session for ``user`` (commit left to the caller) and mark the user with
    it, for Flask-Login to put its key in the cookies."""
    key = new_secret()
    session.execute(
        delete(LoginSession).where(LoginSession.user_id == user.id, LoginSession.expires_at <= now)
    )
    row = LoginSession(
        user_id=user.id,
        key_hash=digest(key),
        remember=remember,
        user_agent=user_agent[:MAX_USER_AGENT],
        created_at=now,
        expires_at=now + (lifetimes.remembered if remember else lifetimes.visit),
    )
    session.add(row)
    session.flush()
    user.login_key = key
    user.login_session_id = row.id
    user.login_remember = remember


def log_in(
    session: Session,
    *,
    email: str,
    password: str,
    remember: bool,
    now: datetime,
    hashing: HashSettings,
    lifetimes: SessionLifetimes,
    user_agent: str = "",
) -> User:
    """Check the credentials and open a login session; the user carries its key."""
    user = authenticate(session, email=email, password=password, hashing=hashing)
    _start(session, user, remember=remember, now=now, lifetimes=lifetimes, user_agent=user_agent)
    session.commit()
    return user


def start_login_session(
    session: Session,
    user: User,
    *,
    remember: bool,
    now: datetime,
    lifetimes: SessionLifetimes,
    user_agent: str = "",
) -> User:
    """A login session for a user who just proved who they are another way (a new account)."""
    _start(session, user, remember=remember, now=now, lifetimes=lifetimes, user_agent=user_agent)
    session.commit()
    return user


_USER_FOR_KEY = (
    select(User, LoginSession.id, LoginSession.remember)
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(LoginSession.key_hash == bindparam("digest"), LoginSession.expires_at > bindparam("now"))
)


def user_for_login_key(session: Session, key: str, now: datetime) -> User | None:
    """The user of a live login session (every page request asks: one prebuilt query)."""
    if not usable_secret(key):
        return None
    row = session.execute(_USER_FOR_KEY, {"digest": digest(key), "now": now}).first()
    if row is None:
        return None
    user, session_id, remember = row
    user.login_key = key
    user.login_session_id = session_id
    user.login_remember = remember
    return user


def log_out(session: Session, login_session_id: int | None) -> None:
    if login_session_id is not None:
        session.execute(delete(LoginSession).where(LoginSession.id == login_session_id))
        session.commit()


def log_out_everywhere(session: Session, user_id: int) -> None:
    """Every login session on every device, and every API token."""
    end_everything(session, user_id)


def list_sessions(session: Session, user_id: int, now: datetime) -> list[LoginSession]:
    return list(
        session.execute(
            select(LoginSession)
            .where(LoginSession.user_id == user_id, LoginSession.expires_at > now)
            .order_by(LoginSession.created_at.desc(), LoginSession.id.desc())
        ).scalars()
    )


def change_password(
    session: Session,
    user: User,
    *,
    current_password: str,
    new_password: str,
    now: datetime,
    hashing: HashSettings,
    lifetimes: SessionLifetimes,
    user_agent: str = "",
) -> User:
    """Change the password of a logged-in user: every login session ends (every remember-me
    cookie with it) and this browser gets a new one, with a new key."""
    if not verify_password(user.password_hash, current_password, hashing):
        raise ValidationFailed("That is not your current password.", code="wrong_password")
    remember = user.login_remember
    replace_password(session, user, new_password, now=now, hashing=hashing)
    _start(session, user, remember=remember, now=now, lifetimes=lifetimes, user_agent=user_agent)
    session.commit()
    return user
