"""How typed answers are compared, as a teacher would compare them.

Case, surrounding spaces, punctuation and diacritics do not matter (Erdogan = Erdoğan);
number formats do not matter (11,000 = 11000 = 11 000); a close misspelling within a small
edit distance counts, unless the expected answer is a number or a year, which must be exact.
"""

from __future__ import annotations

import re
import unicodedata

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+|\d+)(?:\.\d+)?$")
_PUNCTUATION_CATEGORIES = ("P", "S")


def fold(text: str) -> str:
    """Lower case, no diacritics, punctuation turned into spaces, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":  # combining marks: the accents of é, ğ, ñ
            continue
        kept.append(" " if category[0] in _PUNCTUATION_CATEGORIES else char)
    return " ".join("".join(kept).split())


def parse_number(text: str) -> float | None:
    """Read a number as people write it: ``11,000``, ``11 000``, ``1.5``, ``-3``; else None."""
    candidate = text.strip().replace("\u2212", "-")
    if candidate.endswith("%"):
        candidate = candidate[:-1].strip()
    if not _NUMBER.match(candidate):
        return None
    return float(re.sub(r"[ ,\u00a0\u202f]", "", candidate))


def format_number(value: float) -> str:
    """``11000.0`` -> ``11000``; ``1.5`` -> ``1.5``."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _numeric_tokens(folded: str) -> bool:
    return any(ch.isdigit() for ch in folded)


def allowed_typos(expected: str) -> int:
    """How many edits a misspelling of ``expected`` may have and still count."""
    if _numeric_tokens(expected):
        return 0
    letters = len(expected.replace(" ", ""))
    if letters <= 3:
        return 0
    if letters <= 7:
        return 1
    return 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with adjacent transpositions, or ``limit + 1`` when above it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def text_matches(response: str, expected: str) -> bool:
    """Does a typed response match an accepted answer, as a teacher would judge it?"""
    expected_number = parse_number(expected)
    if expected_number is not None:
        given_number = parse_number(response)
        return given_number is not None and given_number == expected_number
    given, wanted = fold(response), fold(expected)
    if not given or not wanted:
        return False
    if given == wanted:
        return True
    if given.replace(" ", "") == wanted.replace(" ", ""):
        return True
    limit = allowed_typos(wanted)
    return limit > 0 and edit_distance(given, wanted, limit) <= limit
