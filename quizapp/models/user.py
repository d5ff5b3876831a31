"""Accounts: a person who logs in, their role, their study settings and API tokens."""

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
    desired_retention: Mapped[float] = mapped_column(default=0.9)
    new_cards_per_day: Mapped[int] = mapped_column(default=20)
    max_reviews_per_day: Mapped[int] = mapped_column(default=200)
    learning_steps: Mapped[str] = mapped_column(String(100), default="1m 10m")
    relearning_steps: Mapped[str] = mapped_column(String(100), default="10m")
    maximum_interval_days: Mapped[int] = mapped_column(default=36500)
    #: FSRS parameters fitted from this user's own log; None means the defaults.
    fsrs_parameters: Mapped[list[float] | None] = mapped_column(JSONType, default=None)

    tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

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
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="tokens")

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "created_at": self.created_at.isoformat()}
