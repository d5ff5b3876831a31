"""How a request is tied to a user.

* Pages: Flask-Login's session cookie (or remember-me cookie) holds a login session's
  secret; the user loader finds the live session or nobody (``accounts.login_sessions``).
* The API: ``Authorization: Bearer <token>`` (``api.auth``).  A request that sends the
  header is judged by it alone: a token that does not authenticate is a 401, never a
  fall-back to the session cookie.
"""

from __future__ import annotations

from flask import Request
from flask_login import LoginManager

from quizapp.clock import current_now
from quizapp.extensions import db
from quizapp.models import User
from quizapp.services import accounts


def register(login_manager: LoginManager) -> None:
    @login_manager.user_loader
    def load_user(session_key: str) -> User | None:
        return accounts.user_for_login_key(db.session, session_key, current_now())


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None
