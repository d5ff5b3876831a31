"""Accounts: a person who logs in, their role, their study settings, and the credentials that
stand for them for a while: login sessions, API tokens and password-reset links.

Only digests of those secrets are stored (SHA-256 of 256 random bits: no salt or slow hash is
needed for a value nobody chose), so a copy of the database logs nobody in.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import db
from quizapp.models.types import JSONType, UTCDateTime


class Role(enum.StrEnum):
    STUDENT = "student"
    INSTRUCTOR = "instructor"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=Role.STUDENT.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # Spaced-repetition settings, with Anki's defaults.
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    #: A change of time zone takes effect at the next 4 a.m. (``reviews.days.Calendar``):
    #: the zone before it, and the moment it took (or takes) effect.
    timezone_before: Mapped[str | None] = mapped_column(String(64), default=None)
    timezone_since: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    desired_retention: Mapped[float] = mapped_column(default=0.9)
    new_cards_per_day: Mapped[int] = mapped_column(default=20)
    max_reviews_per_day: Mapped[int] = mapped_column(default=200)
    learning_steps: Mapped[str] = mapped_column(String(100), default="1m 10m")
    relearning_steps: Mapped[str] = mapped_column(String(100), default="10m")
    maximum_interval_days: Mapped[int] = mapped_column(default=36500)
    #: FSRS parameters fitted from this user's own log; None means the defaults.
    fsrs_parameters: Mapped[list[float] | None] = mapped_column(JSONType, default=None)
    #: The last fit of those parameters: when, from how many reviews, and the held-out
    #: check (log loss and RMSE of the fit and of the defaults); shown on the settings page.
    fsrs_fit: Mapped[dict[str, Any] | None] = mapped_column(JSONType, default=None)

    tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    #: The login session this request was authenticated with (set by the user loader; not a
    #: column): Flask-Login keeps its key in the session cookie and the remember-me cookie.
    login_session_id = None
    login_key = None
    login_remember = False
    #: The API token this request was authenticated with, if any (not a column).
    api_token_id = None

    def get_session_key(self) -> str:
        """What Flask-Login stores in the cookies (``login_manager.id_attribute``): the login
        session's secret, never the user id, so a cookie stops working when its session ends."""
        if not self.login_key:
            raise RuntimeError("log in through accounts.start_login_session()")
        return self.login_key

    @property
    def is_instructor(self) -> bool:
        return self.role == Role.INSTRUCTOR.value

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


class ApiToken(db.Model):
    """A bearer token for the JSON API.  Only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: Refused from this moment on; revoking deletes the row.
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="tokens")

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "created_at": self.created_at.isoformat(),
            "expires_at": self.expires_at.isoformat(),
        }


class LoginSession(db.Model):
    """One login in one browser: its secret rides in the session cookie (and in the
    remember-me cookie when asked for).  Logging out deletes the row, so a replayed cookie
    finds nothing; a password change or "log out everywhere" deletes them all."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    remember: Mapped[bool] = mapped_column(default=False)
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PasswordReset(db.Model):
    """A password-reset link: works once (``used_at``) and until ``expires_at``."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
