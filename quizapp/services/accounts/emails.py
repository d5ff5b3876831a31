"""Email addresses: one spelling per mailbox, for storage and for every comparison.

A full-width ``ａｎａ@example.com`` and ``Ana@Example.com`` are the same account as
``ana@example.com``: addresses are NFKC-normalised (compatibility forms folded) and
lower-cased before they are validated, stored or looked up.
"""

from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email

from quizapp.services.accounts.credentials import storable
from quizapp.services.errors import ValidationFailed

MAX_EMAIL_LENGTH = 254


def canonical_email(text: str) -> str:
    """NFKC, trimmed, lower-cased (and NFKC again: lower-casing can leave a decomposed form)."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    return unicodedata.normalize("NFKC", folded)


def normalise_email(email: str) -> str:
    """The stored form of an address: canonical and valid, or a ValidationFailed that says why."""
    if not storable(email):
        raise ValidationFailed("That email address has characters that cannot be used.")
    candidate = canonical_email(email)
    if len(candidate) > MAX_EMAIL_LENGTH:
        raise ValidationFailed("That email address is too long.")
    try:
        checked = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationFailed(f"That email address is not valid: {exc}") from exc
    return canonical_email(checked.normalized)


def lookup_email(email: str) -> str | None:
    """The stored form to look an address up by, or None when no account can have it."""
    try:
        return normalise_email(email)
    except ValidationFailed:
        return None
