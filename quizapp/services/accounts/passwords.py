"""Passwords: the policy a new password must meet, and argon2id hashing.

Policy: 10 to 1,024 characters, and not guessable by zxcvbn's estimate (score 3 of 4 or more).
zxcvbn checks the password against the lists it ships: about 30,000 of the most common
passwords from public breaches, English words, names and surnames, keyboard patterns,
repeats, sequences and dates, plus the person's own email.  So ``password``, ``12345678``,
``aaaaaaaaaa`` and ``qwerty123456`` are refused with zxcvbn's own advice.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from quizapp.services.accounts.credentials import storable
from quizapp.services.errors import ValidationFailed

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
#: zxcvbn's scores: 3 is "safely unguessable" (about 10^8 to 10^10 guesses).
MIN_PASSWORD_SCORE = 3
#: zxcvbn refuses longer input (its matching is quadratic); the first 72 characters decide.
_ZXCVBN_MAX_LENGTH = 72


@dataclass(frozen=True)
class HashSettings:
    time_cost: int = 3
    memory_kib: int = 65536

    def hasher(self) -> PasswordHasher:
        return PasswordHasher(time_cost=self.time_cost, memory_cost=self.memory_kib)


class WeakPassword(ValidationFailed):
    code = "weak_password"


def check_password_strength(password: str, *, email: str = "") -> None:
    """Raise WeakPassword with a message a person can act on, or return."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword(f"Choose a password of at most {MAX_PASSWORD_LENGTH:,} characters.")
    if not storable(password):
        raise WeakPassword("That password has characters that cannot be used.")
    local, _, domain = email.partition("@")
    verdict = zxcvbn(
        password[:_ZXCVBN_MAX_LENGTH],
        user_inputs=[part for part in (email, local, *domain.split("."), "quizapp") if part],
    )
    if verdict["score"] < MIN_PASSWORD_SCORE:
        feedback = verdict["feedback"]
        advice = " ".join(
            part for part in (feedback["warning"], *feedback["suggestions"][:1]) if part
        )
        raise WeakPassword(f"That password is too easy to guess. {advice}".strip())


def hash_password(password: str, hashing: HashSettings) -> str:
    return hashing.hasher().hash(password)


def verify_password(password_hash: str, password: str, hashing: HashSettings) -> bool:
    try:
        return hashing.hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def spend_one_verification(password: str, hashing: HashSettings) -> None:
    """Verify against a hash of nothing, with the same cost as a real account's check: an
    unknown email costs exactly one verification, as a known one does."""
    with contextlib.suppress(VerificationError, InvalidHashError):
        hashing.hasher().verify(_dummy_hash(hashing), password)


@functools.cache
def _dummy_hash(hashing: HashSettings) -> str:
    """Computed once per cost setting (the first unknown email pays it; later ones do not)."""
    return hashing.hasher().hash("not a password: unknown accounts are checked against this")
