"""Who is calling the API, and CSRF for calls that ride on the browser session."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import current_app, request
from flask_login import current_user

from quizapp.api import bp
from quizapp.auth_loading import bearer_token
from quizapp.extensions import csrf
from quizapp.services.errors import Forbidden, NotAuthenticated

F = TypeVar("F", bound=Callable[..., Any])

csrf.exempt(bp)


@bp.before_request
def protect_session_calls() -> None:
    """A bearer token cannot be forged by another site; a session cookie can, so it needs
    the CSRF header on every state-changing call."""
    if request.method in ("GET", "HEAD", "OPTIONS") or bearer_token(request):
        return
    if current_user.is_authenticated and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()


def api_login_required(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            raise NotAuthenticated("Log in, or send an API token: Authorization: Bearer <token>.")
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def api_instructor_required(view: F) -> F:
    @wraps(view)
    @api_login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_instructor:
            raise Forbidden("Only instructors can do this.")
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]
