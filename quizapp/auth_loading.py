"""How a request is tied to a user: the session cookie, or an API bearer token."""

from __future__ import annotations

from flask import Request
from flask_login import LoginManager

from quizapp.extensions import db
from quizapp.models import User
from quizapp.services import accounts


def register(login_manager: LoginManager) -> None:
    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        if not user_id.isdigit():
            return None
        return db.session.get(User, int(user_id))

    @login_manager.request_loader
    def load_user_from_bearer(request: Request) -> User | None:
        token = bearer_token(request)
        return accounts.user_for_token(db.session, token) if token else None


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None
