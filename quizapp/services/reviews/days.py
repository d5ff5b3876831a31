"""The study day, as Anki keeps it: it rolls over at 4 a.m. in the learner's time zone.

Pure: values in, values out; the moment is always passed in.  Every other module asks
this one where a day starts and ends, so a change to how days are counted happens here.

* **Days, not hours.**  A study day is a date; the days between two reviews are the
  difference of their dates (``elapsed_days``), however many hours lie between them: a card
  seen Monday at 21:01 and again Tuesday at 08:00 was seen one day later, as Anki counts it.
* **Summer time.**  The day that loses or gains an hour at 2 or 3 a.m. lasts 23 or 25
  hours; every date still has exactly one study day, from 4 a.m. to 4 a.m.
* **A change of time zone** (``Calendar``) takes effect at the next 4 a.m., never at once:
  the study day in progress goes on until it has ended in the old zone *and* the next has
  begun in the new one, so no day is repeated or skipped (going west it lasts longer, going
  east it ends at the old zone's 4 a.m.).  The learner's row keeps the zone before the
  change and when the change took effect (``timezone_before``, ``timezone_since``).
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

ROLLOVER_HOUR = 4


class HasTimezone(Protocol):
    """What the day needs of a learner (a User): the name of their time zone.  A User also
    has ``timezone_before`` and ``timezone_since`` (a change that took effect at a 4 a.m.),
    read when present."""

    timezone: str


@dataclass(frozen=True)
class StudyDay:
    date: date  # the learner's calendar date of this study day
    start: datetime  # UTC: 4 a.m. local on ``date``
    end: datetime  # UTC: 4 a.m. local the next day (the next rollover)


def zone_named(name: str | None) -> zoneinfo.ZoneInfo:
    """The time zone called ``name``; UTC when it is empty or unknown."""
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def zone_of(user: HasTimezone) -> zoneinfo.ZoneInfo:
    return zone_named(user.timezone)


def time_zones() -> list[str]:
    """Every time zone a learner may choose, sorted."""
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def local_day(moment: datetime, zone: zoneinfo.ZoneInfo) -> date:
    """The study day ``moment`` belongs to: before 4 a.m. local is still the day before."""
    local = moment.astimezone(zone)
    return local.date() - timedelta(days=1) if local.hour < ROLLOVER_HOUR else local.date()


def day_start(day: date, zone: zoneinfo.ZoneInfo) -> datetime:
    """4 a.m. local on ``day``, in UTC."""
    return datetime.combine(day, time(ROLLOVER_HOUR), tzinfo=zone).astimezone(UTC)


def study_day_in(zone: zoneinfo.ZoneInfo, now: datetime) -> StudyDay:
    """The study day ``now`` falls in, in ``zone``: its date, start and end."""
    today = local_day(now, zone)
    return StudyDay(today, day_start(today, zone), day_start(today + timedelta(days=1), zone))


def elapsed_days(last: date | None, today: date) -> int | None:
    """Study days from the day of a card's last review to ``today`` (None: never reviewed)."""
    return None if last is None else (today - last).days


@dataclass(frozen=True)
class Calendar:
    """A learner's study days: the time zone they count in, and the one before it until
    ``since`` (the moment a change took effect; None when there was no change)."""

    zone: zoneinfo.ZoneInfo
    previous: zoneinfo.ZoneInfo | None = None
    since: datetime | None = None

    @property
    def _switch(self) -> tuple[zoneinfo.ZoneInfo, datetime, date] | None:
        """The change, if any: the zone before, when it ended, the first day after it."""
        if self.previous is None or self.since is None:
            return None
        return self.previous, self.since, local_day(self.since, self.zone)

    def day_of(self, moment: datetime) -> date:
        """The study day ``moment`` belongs to."""
        switch = self._switch
        if switch is not None and moment < switch[1]:
            previous, _, first_new = switch
            return min(local_day(moment, previous), first_new - timedelta(days=1))
        return local_day(moment, self.zone)

    def day_start(self, day: date) -> datetime:
        """When study day ``day`` begins, in UTC."""
        switch = self._switch
        if switch is not None:
            previous, since, first_new = switch
            if day < first_new:
                return day_start(day, previous)
            if day == first_new:
                return since
        return day_start(day, self.zone)

    def study_day(self, now: datetime) -> StudyDay:
        today = self.day_of(now)
        return StudyDay(today, self.day_start(today), self.day_start(today + timedelta(days=1)))

    def zone_at(self, moment: datetime) -> zoneinfo.ZoneInfo:
        """The zone the learner's clock reads at ``moment``."""
        switch = self._switch
        return switch[0] if switch is not None and moment < switch[1] else self.zone

    def changed_to(self, zone: zoneinfo.ZoneInfo, now: datetime) -> Calendar:
        """This calendar after the learner chose ``zone`` at ``now``: from the next 4 a.m.
        (see the module's docstring), or unchanged when ``zone`` already counts now."""
        counting = self.zone_at(now)
        if zone == counting:  # no change, or back to it before a change took effect
            return self if zone == self.zone else Calendar(zone)
        today = self.day_of(now)
        tomorrow = today + timedelta(days=1)
        ends = max(self.day_start(tomorrow), day_start(tomorrow, zone))
        return Calendar(zone, counting, ends)

    def as_columns(self) -> dict[str, object]:
        """The User columns that hold this calendar."""
        return {
            "timezone": self.zone.key,
            "timezone_before": self.previous.key if self.previous is not None else None,
            "timezone_since": self.since,
        }

    def as_record(self) -> list[str] | str:
        """As a review log keeps it: the zone's name, or [zone, zone before, since]."""
        if self._switch is None:
            return self.zone.key
        assert self.previous is not None and self.since is not None
        return [self.zone.key, self.previous.key, self.since.isoformat()]

    @classmethod
    def from_record(cls, record: list[str] | str) -> Calendar:
        if isinstance(record, str):
            return cls(zone_named(record))
        zone, previous, since = record
        return cls(zone_named(zone), zone_named(previous), datetime.fromisoformat(since))


def calendar_of(user: HasTimezone) -> Calendar:
    """The learner's calendar, from their row (any object with ``timezone`` will do)."""
    previous = getattr(user, "timezone_before", None)
    since = getattr(user, "timezone_since", None)
    if previous and since is not None:
        return Calendar(zone_of(user), zone_named(previous), since)
    return Calendar(zone_of(user))


def study_day(user: HasTimezone, now: datetime) -> StudyDay:
    return calendar_of(user).study_day(now)


@dataclass(frozen=True)
class StudyDays:
    """A run of ``count`` study days from ``first``, in ``zone`` (the heatmap's year, the
    forecast's month): their dates, and the UTC moments they span."""

    zone: zoneinfo.ZoneInfo
    first: date
    count: int

    @property
    def start(self) -> datetime:
        return day_start(self.first, self.zone)

    @property
    def end(self) -> datetime:
        return day_start(self.first + timedelta(days=self.count), self.zone)

    def dates(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range(self.count)]

    def day_of(self, moment: datetime) -> date:
        return local_day(moment, self.zone)


def last_days(zone: zoneinfo.ZoneInfo, now: datetime, count: int) -> StudyDays:
    """The last ``count`` study days, today the last of them."""
    return StudyDays(zone, local_day(now, zone) - timedelta(days=count - 1), count)


def next_days(zone: zoneinfo.ZoneInfo, now: datetime, count: int) -> StudyDays:
    """The next ``count`` study days, today the first of them."""
    return StudyDays(zone, local_day(now, zone), count)


def describe(moment: datetime | None, zone: zoneinfo.ZoneInfo, reference: datetime) -> str:
    """A moment as the learner reads it in ``zone``, seen from ``reference``: "now",
    "in 5 minutes (10:10)", "today at 10:10", "tomorrow at 04:00", "on Tue 3 Mar at 04:00"."""
    if moment is None:
        return ""
    local = moment.astimezone(zone)
    today = reference.astimezone(zone).date()
    clock = f"{local:%H:%M}"
    if moment <= reference:
        return "now"
    if moment - reference < timedelta(hours=1):
        minutes = max(1, round((moment - reference).total_seconds() / 60))
        return f"in {minutes} minute{'s' if minutes != 1 else ''} ({clock})"
    if local.date() == today:
        return f"today at {clock}"
    if local.date() == today + timedelta(days=1):
        return f"tomorrow at {clock}"
    return f"on {local:%a} {local.day} {local:%b} at {clock}"


def describe_when(moment: datetime | None, user: HasTimezone, reference: datetime) -> str:
    """A moment as the learner reads it, in their time zone: "today at 10:10"."""
    return describe(moment, calendar_of(user).zone_at(reference), reference)
