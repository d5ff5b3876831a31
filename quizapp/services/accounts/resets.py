"""Password reset: a one-time link that expires, sent by mail (or printed by the
``quizapp user reset-password`` command on a site without mail).

Asking for a reset answers the same whether or not the address has an account; only the
mailbox's owner learns the difference.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from quizapp.models import PasswordReset, User
from quizapp.services.accounts.credentials import digest, new_secret, usable_secret
from quizapp.services.accounts.messages import Send, reset_mail
from quizapp.services.accounts.passwords import HashSettings, check_password_strength
from quizapp.services.accounts.users import find_user_by_email, replace_password
from quizapp.services.errors import NotFound, ValidationFailed

LINK_NOT_VALID = "This reset link has expired or was already used. Ask for a new one."


def _new_reset(session: Session, user: User, *, now: datetime, lifetime: timedelta) -> str:
    secret = new_secret()
    session.add(
        PasswordReset(
            user_id=user.id, token_hash=digest(secret), created_at=now, expires_at=now + lifetime
        )
    )
    session.commit()
    return secret


def request_password_reset(
    session: Session,
    *,
    email: str,
    now: datetime,
    lifetime: timedelta,
    link_for: Callable[[str], str],
    send: Send,
) -> None:
    """Mail a reset link if the address has an account; do nothing visible otherwise.
    Raises MailNotSent if the mail server fails (the link is saved but unknown to anyone)."""
    user = find_user_by_email(session, email)
    if user is None:
        return
    secret = _new_reset(session, user, now=now, lifetime=lifetime)
    send(reset_mail(user.email, link_for(secret), int(lifetime.total_seconds() // 60)))


def create_reset_link(
    session: Session, *, email: str, now: datetime, lifetime: timedelta
) -> tuple[User, str]:
    """For an administrator: the user and a reset secret to hand them (no mail)."""
    user = find_user_by_email(session, email)
    if user is None:
        raise NotFound(f"No account with the email {email}.")
    return user, _new_reset(session, user, now=now, lifetime=lifetime)


def _pending(session: Session, secret: str, now: datetime) -> PasswordReset | None:
    if not usable_secret(secret):
        return None
    return session.execute(
        select(PasswordReset).where(
            PasswordReset.token_hash == digest(secret),
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > now,
        )
    ).scalar_one_or_none()


def reset_link_email(session: Session, secret: str, now: datetime) -> str | None:
    """The address a reset link is for, while it works; None once used or expired."""
    reset = _pending(session, secret, now)
    return session.get(User, reset.user_id).email if reset else None


def reset_password(
    session: Session, *, secret: str, password: str, now: datetime, hashing: HashSettings
) -> User:
    """Use a reset link: a new password, every login session ended, the link spent."""
    reset = _pending(session, secret, now)
    if reset is None:
        raise ValidationFailed(LINK_NOT_VALID, code="invalid_reset")
    user = session.get(User, reset.user_id)
    check_password_strength(password, email=user.email)
    # Spend the link first and check that this request is the one that spent it: two
    # submissions at once cannot both use it.
    spent = session.execute(
        update(PasswordReset)
        .where(PasswordReset.id == reset.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )
    if spent.rowcount != 1:
        session.rollback()
        raise ValidationFailed(LINK_NOT_VALID, code="invalid_reset")
    replace_password(session, user, password, now=now, hashing=hashing)
    session.commit()
    return user
