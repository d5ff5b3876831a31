"""Small helpers that pages and the API share: the clock, hash settings, role checks,
downloads."""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar

from flask import Response, abort, current_app, request
from flask_login import current_user, login_required

from quizapp.clock import current_now
from quizapp.services.accounts import HashSettings, SessionLifetimes
from quizapp.services.downloads import Download

F = TypeVar("F", bound=Callable[..., Any])


def now() -> datetime:
    return current_now()


def new_rng() -> random.Random:
    """A fresh random source for one request's draw (the services take it as an argument)."""
    return random.Random(secrets.randbits(64))


def hash_settings() -> HashSettings:
    return HashSettings(
        time_cost=current_app.config["PASSWORD_HASH_TIME_COST"],
        memory_kib=current_app.config["PASSWORD_HASH_MEMORY_KIB"],
    )


def session_lifetimes() -> SessionLifetimes:
    return SessionLifetimes(
        remembered=current_app.config["REMEMBER_COOKIE_DURATION"],
        visit=current_app.config["SESSION_LIFETIME"],
    )


def user_agent() -> str:
    """The browser's own description, kept with its login session for the account page."""
    return request.headers.get("User-Agent", "")


def instructor_required(view: F) -> F:
    """Logged in (else to the login page) and an instructor (else 403)."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_instructor:
            abort(403, description="This page is for instructors.")
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def send_download(download: Download) -> Response:
    """A file to save, never to keep in a shared cache (sets hold answers, gradebooks
    students' grades)."""
    response = Response(download.content, mimetype=None, content_type=download.media_type)
    response.headers.set("Content-Disposition", "attachment", filename=download.filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response


#: A stored file is private to who may see it; its bytes never change (its hash names it).
#: An image may show an answer (a card's back, a labelled map), so, like every answer-bearing
#: response, it is not stored; its ETag still lets a client that kept it get a 304.
MEDIA_CACHE_CONTROL = "private, no-store"
#: An image needs nothing else: if one is opened on its own, it may run and load nothing.
MEDIA_POLICY = "default-src 'none'; img-src 'self'; sandbox"


def send_media(served: Any) -> Response:
    """An image (``services.media.ServedFile``): its stored type, ``nosniff``, not stored,
    and its hash as ETag (a revalidation is a 304)."""
    response = Response(served.data, content_type=served.mime)
    response.set_etag(served.sha256)
    response.headers["Cache-Control"] = MEDIA_CACHE_CONTROL
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = MEDIA_POLICY
    return response.make_conditional(request)
