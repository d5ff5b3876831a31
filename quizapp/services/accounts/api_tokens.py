"""API bearer tokens: named, expiring, listed and revoked by their owner; stored as digests."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from quizapp.models import ApiToken, User
from quizapp.services.accounts.credentials import digest, new_secret, storable, usable_secret
from quizapp.services.accounts.passwords import HashSettings
from quizapp.services.accounts.users import authenticate
from quizapp.services.errors import NotFound, ValidationFailed

DEFAULT_TOKEN_NAME = "API token"
MAX_TOKEN_NAME = 100
MAX_TOKEN_DAYS = 365


def _checked_name(name: str | None) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        return DEFAULT_TOKEN_NAME
    if len(cleaned) > MAX_TOKEN_NAME or not storable(cleaned):
        raise ValidationFailed(
            f"Give the token a name of at most {MAX_TOKEN_NAME} characters.", code="invalid_name"
        )
    return cleaned


def _checked_days(days: int) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValidationFailed(
            f"A token lasts from 1 to {MAX_TOKEN_DAYS} days.", code="invalid_expiry"
        )
    return days


def create_token(
    session: Session, user: User, *, name: str | None, days: int, now: datetime
) -> tuple[str, ApiToken]:
    """A new token for a logged-in user: the secret (shown once) and its row."""
    row = ApiToken(
        user_id=user.id,
        name=_checked_name(name),
        created_at=now,
        expires_at=now + timedelta(days=_checked_days(days)),
    )
    secret = new_secret()
    row.token_hash = digest(secret)
    session.execute(delete(ApiToken).where(ApiToken.user_id == user.id, ApiToken.expires_at <= now))
    session.add(row)
    session.commit()
    return secret, row


def issue_token(
    session: Session,
    *,
    email: str,
    password: str,
    now: datetime,
    hashing: HashSettings,
    name: str | None = None,
    days: int = 30,
) -> tuple[str, ApiToken]:
    """A new token for these credentials (``POST /api/v1/tokens``)."""
    _checked_name(name)  # a bad name or expiry costs no password check
    _checked_days(days)
    user = authenticate(session, email=email, password=password, hashing=hashing)
    return create_token(session, user, name=name, days=days, now=now)


def list_tokens(session: Session, user_id: int, now: datetime) -> list[ApiToken]:
    """The user's tokens still in force, newest first."""
    return list(
        session.execute(
            select(ApiToken)
            .where(ApiToken.user_id == user_id, ApiToken.expires_at > now)
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        ).scalars()
    )


def revoke_token(session: Session, *, user_id: int, token_id: int) -> None:
    """Delete one of the user's tokens; someone else's is "not found", like an unknown id."""
    result = session.execute(
        delete(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id)
    )
    if result.rowcount != 1:
        session.rollback()
        raise NotFound("There is no such token.")
    session.commit()


_USER_FOR_TOKEN = (
    select(User, ApiToken.id)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(ApiToken.token_hash == bindparam("digest"), ApiToken.expires_at > bindparam("now"))
)


def user_for_token(session: Session, token: str, now: datetime) -> User | None:
    """The owner of a token in force (every API request asks: one prebuilt query)."""
    if not usable_secret(token):
        return None
    row = session.execute(_USER_FOR_TOKEN, {"digest": digest(token), "now": now}).first()
    if row is None:
        return None
    user, token_id = row
    user.api_token_id = token_id
    return user
