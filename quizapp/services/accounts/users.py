"""Accounts: creating one, checking a password, roles, and changing a password."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from functools import cache

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.models import ApiToken, LoginSession, PasswordReset, Role, User
from quizapp.services.accounts.credentials import storable
from quizapp.services.accounts.emails import lookup_email, normalise_email
from quizapp.services.accounts.passwords import (
    HashSettings,
    check_password_strength,
    hash_password,
    spend_one_verification,
    verify_password,
)
from quizapp.services.errors import Conflict, NotAuthenticated, NotFound, ValidationFailed

#: Said for a taken address when nothing else can be said (sign-up without mail): it does
#: not confirm the account, and tells its owner what to do.
EMAIL_UNAVAILABLE = (
    "An account cannot be created with that email. If it is yours, log in instead "
    "(or reset your password)."
)
BAD_CREDENTIALS = "Wrong email or password."


def _check_role(role: str) -> None:
    if role not in {r.value for r in Role}:
        raise ValidationFailed(f"Unknown role {role!r}: use student or instructor.")


def find_user_by_email(session: Session, email: str) -> User | None:
    address = lookup_email(email)
    if address is None:
        return None
    return session.execute(select(User).where(User.email == address)).scalar_one_or_none()


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def known_zone(name: str | None) -> str:
    """``name`` when it is a time zone (the browser's, sent at sign-up), else UTC: a wrong
    or missing zone never refuses an account."""
    return name if isinstance(name, str) and name in _known_zones() else "UTC"


def create_user(
    session: Session,
    *,
    email: str,
    password: str,
    role: str = Role.STUDENT.value,
    now: datetime,
    hashing: HashSettings,
    timezone: str | None = None,
) -> User:
    """Create an account; refuses a taken email, a weak password or an unknown role.
    ``timezone``: where the person is (the browser says it at sign-up); UTC if unknown."""
    _check_role(role)
    address = normalise_email(email)
    check_password_strength(password, email=address)
    if find_user_by_email(session, address) is not None:
        raise Conflict(EMAIL_UNAVAILABLE, code="email_taken")
    user = User(
        email=address,
        password_hash=hash_password(password, hashing),
        role=role,
        created_at=now,
        timezone=known_zone(timezone),
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError as exc:  # a concurrent registration won the race
        session.rollback()
        raise Conflict(EMAIL_UNAVAILABLE, code="email_taken") from exc
    return user


def authenticate(session: Session, *, email: str, password: str, hashing: HashSettings) -> User:
    """The user with this email and password.  The error never says which of the two was
    wrong, and both cases cost the same: one lookup and one argon2 verification."""
    failure = NotAuthenticated(BAD_CREDENTIALS, code="bad_credentials")
    if not storable(password):
        raise failure
    user = find_user_by_email(session, email)
    if user is None:
        spend_one_verification(password, hashing)
        raise failure
    if not verify_password(user.password_hash, password, hashing):
        raise failure
    if hashing.hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password, hashing)
        session.commit()
    return user


def set_role(session: Session, *, email: str, role: str) -> User:
    _check_role(role)
    user = find_user_by_email(session, email)
    if user is None:
        raise NotFound(f"No account with the email {email}.")
    user.role = role
    session.commit()
    return user


def list_users(session: Session) -> list[User]:
    return list(session.execute(select(User).order_by(User.id)).scalars())


def count_users(session: Session) -> int:
    return session.execute(select(func.count(User.id))).scalar_one()


def replace_password(
    session: Session, user: User, password: str, *, now: datetime, hashing: HashSettings
) -> None:
    """Set a new password and end what the old one opened: every login session (and so every
    remember-me cookie) and every pending reset link.  API tokens stay: they are listed and
    revoked on their own page.  Does not commit: the caller's transaction does."""
    check_password_strength(password, email=user.email)
    user.password_hash = hash_password(password, hashing)
    session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )


def set_password(
    session: Session, *, email: str, password: str, now: datetime, hashing: HashSettings
) -> User:
    """An administrator sets a password (``quizapp user reset-password --password-stdin``)."""
    user = find_user_by_email(session, email)
    if user is None:
        raise NotFound(f"No account with the email {email}.")
    replace_password(session, user, password, now=now, hashing=hashing)
    session.commit()
    return user


def end_everything(session: Session, user_id: int) -> None:
    """Log out everywhere: every login session and every API token of the user."""
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
    session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))
    session.commit()
