"""The JSON API under /api/v1: the same services as the pages, in JSON.

Authentication: ``Authorization: Bearer <token>`` (from ``POST /api/v1/tokens``), or the
browser session, in which case state-changing requests need the ``X-CSRFToken`` header.
Errors are ``{"error": {"code", "message"}}`` with the fitting status.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from quizapp.api import (  # noqa: E402,F401
    auth,
    courses,
    courses_openapi,
    quiz,
    review,
    review_openapi,
    routes,
    sets,
)
