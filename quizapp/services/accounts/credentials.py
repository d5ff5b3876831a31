"""Random secrets handed to a person or a browser, and the digests we keep of them."""

from __future__ import annotations

import hashlib
import secrets

#: Longer than any secret we hand out: a longer "token" is refused before any lookup.
MAX_SECRET_LENGTH = 200


def new_secret() -> str:
    """256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """What the database keeps: SHA-256 is enough for a random secret nobody chose."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def storable(text: str) -> bool:
    """Text a database can compare: no NUL (PostgreSQL refuses it), valid UTF-8."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from a JSON body
        return False
    return True


def usable_secret(secret: str | None) -> bool:
    return bool(secret) and len(secret) <= MAX_SECRET_LENGTH and storable(secret)
