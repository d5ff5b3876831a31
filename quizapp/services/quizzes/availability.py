"""When a quiz can be started and how long an attempt runs: pure rules, ``now`` passed in.

* **Window.** A quiz in a course is open from ``opens_at`` (included) until ``closes_at``
  (excluded); either may be missing.  Outside a course a quiz has no window: always open.
* **Attempts.** ``attempts_allowed`` counts every attempt started (submitted or not) in one
  context (the course, or outside any course); None is unlimited.
* **Deadline.** An attempt with a time limit ends ``time_limit_seconds`` after it starts;
  a close date caps the deadline, so an attempt still open when the quiz closes is submitted
  like one whose time ran out.  An attempt is expired from its deadline on.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from quizapp.formatting import UTC_ZONE, datetime_text

OPEN = "open"
NOT_OPEN = "not_open"
CLOSED = "closed"


def window(opens_at: datetime | None, closes_at: datetime | None, now: datetime) -> str:
    """``OPEN``, ``NOT_OPEN`` (before ``opens_at``) or ``CLOSED`` (from ``closes_at`` on)."""
    if opens_at is not None and now < opens_at:
        return NOT_OPEN
    if closes_at is not None and now >= closes_at:
        return CLOSED
    return OPEN


def window_refusal(
    status: str,
    opens_at: datetime | None,
    closes_at: datetime | None,
    zone: ZoneInfo = UTC_ZONE,
) -> str:
    """Why a quiz outside its window cannot be started, with the date that decides it, in
    the student's time zone (named)."""
    if status == NOT_OPEN:
        return f"This quiz opens on {datetime_text(opens_at, zone, with_zone=True)}."
    return f"This quiz closed on {datetime_text(closes_at, zone, with_zone=True)}."


def attempts_left(allowed: int | None, used: int) -> int | None:
    """How many more attempts may start; None when unlimited."""
    return None if allowed is None else max(0, allowed - used)


def attempts_refusal(allowed: int) -> str:
    times = "once" if allowed == 1 else f"{allowed} times"
    return f"You have used all your attempts: this quiz can be taken {times}."


def deadline(
    started_at: datetime, time_limit_seconds: int | None, closes_at: datetime | None
) -> datetime | None:
    """When an attempt started at ``started_at`` ends (None: it runs until submitted)."""
    end = started_at + timedelta(seconds=time_limit_seconds) if time_limit_seconds else None
    if closes_at is not None:
        end = min(end or closes_at, closes_at)
    return end


def expired(end: datetime | None, now: datetime) -> bool:
    return end is not None and now >= end


def seconds_left(end: datetime | None, now: datetime) -> int | None:
    """Whole seconds until ``end`` (0 once past); None without a deadline."""
    if end is None:
        return None
    return max(0, int((end - now).total_seconds()))


def submitted_at(end: datetime | None, now: datetime) -> datetime:
    """The recorded submission time: ``now``, or the deadline when submitted after it."""
    return min(now, end) if end else now
