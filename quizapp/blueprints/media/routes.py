"""Serving stored files to the people who may see them; "not found" for everyone else.

The path names the file by its SHA-256 (``/media/<sha256>/<name>``); the name is for people
and for saving, the hash alone finds the bytes.  An image may show an answer, so it is sent
``private, no-store`` like every answer-bearing response; its hash is its ETag, and a client
that sends ``If-None-Match`` gets a 304 after the access check.  The stored
type (sniffed at import) is the Content-Type, and ``nosniff`` keeps the browser to it.
"""

from __future__ import annotations

from flask import Blueprint, Response
from flask_login import current_user

from quizapp.clock import current_now
from quizapp.extensions import db
from quizapp.services import media
from quizapp.web import send_media

bp = Blueprint("media", __name__, url_prefix=media.MEDIA_PREFIX.rstrip("/"))


@bp.get("/<sha256>/<path:name>")
def file(sha256: str, name: str) -> Response:
    viewer = current_user if current_user.is_authenticated else None
    return send_media(media.served_file(db.session, viewer, sha256, now=current_now()))
