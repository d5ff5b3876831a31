"""The study day, as Anki keeps it: it rolls over at 4 a.m. in the learner's time zone.

Pure: values in, values out; the moment is always passed in.  Every other module asks
this one where a day starts and ends, so a change to how days are counted happens here.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

ROLLOVER_HOUR = 4


class HasTimezone(Protocol):
    """What the day needs of a learner (a User): the name of their time zone."""

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


def study_day(user: HasTimezone, now: datetime) -> StudyDay:
    return study_day_in(zone_of(user), now)


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
    return describe(moment, zone_of(user), reference)
