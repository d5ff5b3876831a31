"""What one rating does to a card's schedule: pure.

fsrs (``Scheduler.review_card``) computes the memory: stability, difficulty, and the
interval it would give.  This module decides what fsrs is told and what is kept, as Anki
does with FSRS:

* **Elapsed time in study days.**  fsrs counts the days since a card's last review in whole
  24-hour periods; Anki counts study days (dates that roll over at 4 a.m. in the learner's
  zone).  fsrs is shown the card as if last reviewed exactly that many days before now
  (``Days``), so a card seen Monday at 21:01 and again Tuesday at 08:00 is one day old.
* **Due on a day.**  A card scheduled in whole days (a review card; a learning step of a day
  or more) is due at the *start* of the study day N days ahead: it is studied any time that
  day, and a 23- or 25-hour day neither repeats nor skips a study day.
* **Hard < Good < Easy** on a review card, as Anki enforces: Hard is at least a day, Good at
  least a day more than Hard, Easy at least a day more than Good, none beyond the maximum.

**Rules and the log.**  A log entry written under these rules keeps, under
``state_after["days"]``, the study day of the review, the day of the card's previous review
and the learner's calendar (``Days.as_record``).  Entries without it were written before,
when elapsed time was whole 24-hour periods and a due date was the review time plus the
interval (``schedule(..., days=None)``); they replay under that rule, so old logs still
replay exactly.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from quizapp.services.reviews.days import Calendar, elapsed_days

#: The name of the study-day rule in the log (``state_after["days"]["rule"]``).
STUDY_DAYS = "study-days"

DAY = timedelta(days=1)


@dataclass(frozen=True)
class Days:
    """How a review is placed in study days: the day it happens, the day of the card's last
    review (None: the card is new) and the learner's calendar (when each day begins)."""

    today: date
    last: date | None
    calendar: Calendar

    @property
    def elapsed(self) -> int | None:
        return elapsed_days(self.last, self.today)

    def due_on(self, interval: int) -> datetime:
        """The start of the study day ``interval`` days after today."""
        return self.calendar.day_start(self.today + timedelta(days=interval))

    def as_record(self) -> dict[str, Any]:
        return {
            "rule": STUDY_DAYS,
            "today": self.today.isoformat(),
            "last": self.last.isoformat() if self.last else None,
            "calendar": self.calendar.as_record(),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any], *, last: date | None = None) -> Days:
        """The days a log entry was reviewed in (``last`` overrides its recorded last day:
        a replay passes the day of the entry before it)."""
        recorded = record.get("last")
        return cls(
            today=date.fromisoformat(record["today"]),
            last=last if last is not None else (date.fromisoformat(recorded) if recorded else None),
            calendar=Calendar.from_record(record["calendar"]),
        )


@dataclass(frozen=True)
class Scheduled:
    """A card after a rating: fsrs's card (its due date placed on a study day when the
    interval is in days) and that interval in days (None: a step within the day)."""

    card: FsrsCard
    interval_days: int | None


def _as_fsrs_sees_it(before: FsrsCard, now: datetime, days: Days) -> FsrsCard:
    """The card as fsrs should see it: last reviewed exactly the study days ago."""
    seen = copy(before)
    if before.last_review is not None and days.elapsed is not None:
        seen.last_review = now - timedelta(days=max(days.elapsed, 0))
    return seen


def _whole_days(card: FsrsCard, now: datetime) -> int | None:
    """fsrs's interval in days, or None for a step shorter than a day."""
    interval = card.due - now
    return round(interval / DAY) if interval >= DAY else None


def _bounded(interval: int | None, minimum: int, maximum: int) -> int:
    return min(max(interval or 1, min(minimum, maximum)), maximum)


def passing_intervals(scheduler: Scheduler, seen: FsrsCard, now: datetime) -> dict[Rating, int]:
    """Hard, Good and Easy on a card in review, in days, each at least a day longer than
    the one before (Anki's rule for FSRS), none longer than the maximum interval."""
    raw = {
        rating: _whole_days(scheduler.review_card(seen, rating, now)[0], now)
        for rating in (Rating.Hard, Rating.Good, Rating.Easy)
    }
    top = scheduler.maximum_interval
    hard = _bounded(raw[Rating.Hard], 1, top)
    good = _bounded(raw[Rating.Good], hard + 1, top)
    easy = _bounded(raw[Rating.Easy], good + 1, top)
    return {Rating.Hard: hard, Rating.Good: good, Rating.Easy: easy}


def schedule(
    scheduler: Scheduler, before: FsrsCard, rating: Rating, now: datetime, days: Days | None
) -> Scheduled:
    """Rate ``before`` at ``now``: under the study-day rule (``days``), or, with None, the
    rule of the logs written before it (whole 24-hour periods)."""
    now = now.astimezone(UTC)
    if days is None:
        after, _ = scheduler.review_card(before, rating, now)
        return Scheduled(after, None)
    seen = _as_fsrs_sees_it(before, now, days)
    after, _ = scheduler.review_card(seen, rating, now)
    interval = _whole_days(after, now)
    if interval is None:
        return Scheduled(after, None)
    if before.state == State.Review and after.state == State.Review and rating != Rating.Again:
        interval = passing_intervals(scheduler, seen, now)[rating]
    after.due = days.due_on(interval)
    return Scheduled(after, interval)
