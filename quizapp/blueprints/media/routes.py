"""Serving stored files to the people who may see them; "not found" for everyone else.

The path names the file by its SHA-256 (``/media/<sha256>/<name>``); the name is for people
and for saving, the hash alone finds the bytes.  A file's bytes never change, so its hash
is its ETag and a browser may keep it: ``private`` (never a shared cache: access is per
person), an hour, revalidated with ``If-None-Match`` after the access check.  The stored
type (sniffed at import) is the Content-Type, and ``nosniff`` keeps the browser to it.
"""

from __future__ import annotations

from flask import Blueprint, Response
from flask_login import current_user

from quizapp.extensions import db
from quizapp.services import media
from quizapp.web import send_media

bp = Blueprint("media", __name__, url_prefix=media.MEDIA_PREFIX.rstrip("/"))


@bp.get("/<sha256>/<path:name>")
def file(sha256: str, name: str) -> Response:
    viewer = current_user if current_user.is_authenticated else None
    return send_media(media.served_file(db.session, viewer, sha256))
