"""How several attempts at one quiz make one grade (Moodle's grading methods).  Pure."""

from __future__ import annotations

from collections.abc import Sequence

#: The grading methods, with how the pages say them.
GRADING_METHODS = {
    "highest": "Highest grade",
    "average": "Average grade",
    "first": "First attempt",
    "last": "Last attempt",
}


def graded(percents: Sequence[float], method: str) -> float | None:
    """The grade of attempts (oldest first, as fractions) under a grading method; None
    without any.  An unknown method grades as "highest"."""
    if not percents:
        return None
    if method == "average":
        return sum(percents) / len(percents)
    if method == "first":
        return percents[0]
    if method == "last":
        return percents[-1]
    return max(percents)
