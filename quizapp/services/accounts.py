"""Accounts: registration, password checks, roles and API tokens."""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.models import ApiToken, Role, User
from quizapp.services.errors import Conflict, NotAuthenticated, NotFound, ValidationFailed

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024


@dataclass(frozen=True)
class HashSettings:
    time_cost: int = 3
    memory_kib: int = 65536

    def hasher(self) -> PasswordHasher:
        return PasswordHasher(time_cost=self.time_cost, memory_cost=self.memory_kib)


def normalise_email(email: str) -> str:
    """The stored form of an address: validated syntax, domain lower-cased, trimmed."""
    try:
        checked = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationFailed(f"That email address is not valid: {exc}") from exc
    return checked.normalized.lower()


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.",
            code="weak_password",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationFailed("That password is too long.", code="weak_password")
    if not _storable(password):
        raise ValidationFailed("That password has characters that cannot be used.")


def _storable(text: str) -> bool:
    """Text a database can compare: no NUL (PostgreSQL refuses it), valid UTF-8."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from a JSON body
        return False
    return True


def find_user_by_email(session: Session, email: str) -> User | None:
    if not _storable(email):
        return None
    return session.execute(
        select(User).where(User.email == email.strip().lower())
    ).scalar_one_or_none()


def create_user(
    session: Session,
    *,
    email: str,
    password: str,
    role: str = Role.STUDENT.value,
    now: datetime,
    hashing: HashSettings,
) -> User:
    """Create an account; refuses a taken email, a weak password or an unknown role."""
    if role not in {r.value for r in Role}:
        raise ValidationFailed(f"Unknown role {role!r}: use student or instructor.")
    address = normalise_email(email)
    check_password_strength(password)
    if find_user_by_email(session, address) is not None:
        raise Conflict("An account with that email already exists.", code="email_taken")
    user = User(
        email=address,
        password_hash=hashing.hasher().hash(password),
        role=role,
        created_at=now,
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError as exc:  # a concurrent registration won the race
        session.rollback()
        raise Conflict("An account with that email already exists.", code="email_taken") from exc
    return user


def authenticate(session: Session, *, email: str, password: str, hashing: HashSettings) -> User:
    """The user with this email and password.  The error never says which of the two was wrong."""
    failure = NotAuthenticated("Wrong email or password.", code="bad_credentials")
    if not _storable(password):
        raise failure
    user = find_user_by_email(session, email)
    hasher = hashing.hasher()
    if user is None:
        # Spend the same time as a real check, so timing does not reveal unknown emails.
        with contextlib.suppress(VerificationError):
            hasher.verify(_DUMMY_HASHES.setdefault(hashing, hasher.hash("x" * 12)), password)
        raise failure
    try:
        hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise failure from None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
        session.commit()
    return user


_DUMMY_HASHES: dict[HashSettings, str] = {}


def set_role(session: Session, *, email: str, role: str) -> User:
    if role not in {r.value for r in Role}:
        raise ValidationFailed(f"Unknown role {role!r}: use student or instructor.")
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


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(
    session: Session, *, email: str, password: str, now: datetime, hashing: HashSettings
) -> str:
    """A new API bearer token for these credentials; only its digest is stored."""
    user = authenticate(session, email=email, password=password, hashing=hashing)
    token = secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=_token_digest(token), created_at=now))
    session.commit()
    return token


_USER_FOR_TOKEN = select(User).join(ApiToken).where(ApiToken.token_hash == bindparam("digest"))


def user_for_token(session: Session, token: str) -> User | None:
    """The user a bearer token belongs to (every API request asks: one prebuilt query)."""
    if not token or len(token) > 200:
        return None
    return session.execute(_USER_FOR_TOKEN, {"digest": _token_digest(token)}).scalar_one_or_none()
