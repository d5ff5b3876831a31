"""Who is calling the API, and CSRF for calls that ride on the browser session."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Response, current_app, g, request
from flask_login import current_user

from quizapp.api import bp
from quizapp.auth_loading import bearer_token
from quizapp.clock import current_now
from quizapp.extensions import csrf, db, login_manager
from quizapp.services import accounts
from quizapp.services.errors import Forbidden, NotAuthenticated

F = TypeVar("F", bound=Callable[..., Any])

csrf.exempt(bp)

INVALID_TOKEN = (
    "That API token is not valid: it may have expired or been revoked. "
    "Get a new one with POST /api/v1/tokens."
)


@bp.before_request
def authenticate_bearer() -> None:
    """An ``Authorization`` header decides alone: a token in force is the caller, anything
    else is a 401, whatever session cookie comes with it."""
    g.api_token_auth = False
    if "Authorization" not in request.headers:
        return
    token = bearer_token(request)
    user = accounts.user_for_token(db.session, token, current_now()) if token else None
    if user is None:
        raise NotAuthenticated(INVALID_TOKEN, code="invalid_token")
    # Flask-Login's own way to set the request's user without touching the session cookie.
    login_manager._update_request_context_with_user(user)
    g.api_token_auth = True


@bp.before_request
def protect_session_calls() -> None:
    """A bearer token cannot be forged by another site; a session cookie can, so it needs
    the CSRF header on every state-changing call."""
    if request.method in ("GET", "HEAD", "OPTIONS") or g.get("api_token_auth"):
        return
    if current_user.is_authenticated and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()


@bp.after_request
def ask_for_a_token(response: Response) -> Response:
    """RFC 6750: a 401 names the scheme it wants."""
    if response.status_code == 401:
        error = ', error="invalid_token"' if "Authorization" in request.headers else ""
        response.headers.setdefault("WWW-Authenticate", f'Bearer realm="quizapp"{error}')
    return response


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
