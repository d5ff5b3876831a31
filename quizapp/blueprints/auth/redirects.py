"""Where to go after logging in: ``?next=`` is followed only to a path on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_NEXT_LENGTH = 2000


def safe_next(target: object, default: str) -> str:
    """``target`` if it is a plain local path, else ``default``.

    Refused: anything that is not a string starting with one ``/``; ``//host`` and
    ``/\\host`` (browsers read both as another site); a scheme or host; control characters,
    which cannot go into a Location header (``/%0aX`` used to be a 500); over-long values.
    """
    if not isinstance(target, str) or not target or len(target) > MAX_NEXT_LENGTH:
        return default
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F or char == "\\" for char in target):
        return default
    try:
        target.encode("utf-8")
        parts = urlsplit(target)
    except (UnicodeEncodeError, ValueError):
        return default
    if parts.scheme or parts.netloc:
        return default
    return target
