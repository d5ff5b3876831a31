"""How the pages write numbers, durations and moments: one rounding and one time zone
everywhere, so a chart and the table beside it never disagree.  Pure: the zone comes in.

* **Percentages** are whole numbers, rounded half up (6.25% and 6.5% are 6% and 7%, as a
  person rounds; Python's ``round`` would make 6.5 into 6).  Tables, charts' labels and
  their text alternatives all go through ``percent_text``.
* **Durations** say what matters: "45 s", "6 min 5 s", "10 min", "1 h 5 min".
* **Moments** are shown in the viewer's time zone ("Mon 2 Mar 2026, 10:00"), the zone named
  where it matters (deadlines, open and close dates): "... 10:00 (Europe/Paris)".
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

UTC_ZONE = ZoneInfo("UTC")


def whole_percent(value: float) -> int:
    """A value in percent as a whole number, rounded half up: 6.25 -> 6, 6.5 -> 7."""
    return math.floor(value + 0.5)


def percent_text(share: float | None) -> str:
    """A share of 0..1 as a page writes it: "6%"; "–" when there is none."""
    if share is None:
        return "–"
    return f"{whole_percent(share * 100)}%"


def duration_text(value: timedelta | float | None) -> str:
    """A duration to read: "45 s", "6 min 5 s", "10 min", "1 h", "1 h 5 min" (to the minute
    from an hour on); "–" when there is none."""
    if value is None:
        return "–"
    seconds = int(value.total_seconds() if isinstance(value, timedelta) else value)
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"
    return f"{seconds} s"


def lasts_text(days: float | None) -> str:
    """A memory's strength (fsrs's stability, in days) as a person reads it: "less than a
    day", "about 3 days", "about 2 months", "about 1.5 years"."""
    if days is None:
        return "–"
    if days < 1:
        return "less than a day"
    if days < 45:
        whole = round(days)
        return f"about {whole} day{'s' if whole != 1 else ''}"
    if days < 365:
        months = round(days / 30.4)
        return f"about {months} month{'s' if months != 1 else ''}"
    years = f"{days / 365:.1f}".removesuffix(".0")
    return f"about {years} year{'s' if years != '1' else ''}"


def zone_name(zone: ZoneInfo) -> str:
    return zone.key or "UTC"


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def datetime_text(moment: datetime | None, zone: ZoneInfo, *, with_zone: bool = False) -> str:
    """A moment in ``zone``: "Mon 2 Mar 2026, 10:00", and "(Europe/Paris)" after it when
    ``with_zone``; "" for None."""
    if moment is None:
        return ""
    shown = local(moment, zone)
    text = f"{shown:%a} {shown.day} {shown:%b %Y}, {shown:%H:%M}"
    return f"{text} ({zone_name(zone)})" if with_zone else text


def time_text(moment: datetime | None, zone: ZoneInfo, *, with_zone: bool = False) -> str:
    """The time of day of a moment in ``zone``: "10:00", "10:00 (Europe/Paris)"."""
    if moment is None:
        return ""
    text = f"{local(moment, zone):%H:%M}"
    return f"{text} ({zone_name(zone)})" if with_zone else text


def day_text(day: date) -> str:
    """A calendar day, short, for a chart's axis: "6 Dec"."""
    return f"{day.day} {day:%b}"


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The calendar date of a moment in ``zone`` (a quiz's day; flashcards count study days,
    which start at 4 a.m.: ``services.reviews.days``)."""
    return local(moment, zone).date()


def naive_local(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    """A moment as a ``datetime-local`` input shows it: the wall time in ``zone``."""
    return local(moment, zone).replace(tzinfo=None) if moment is not None else None


def from_naive_local(value: datetime | None, zone: ZoneInfo) -> datetime | None:
    """The moment a wall time typed in ``zone`` stands for, in UTC.  A time the clocks skip
    (the spring change) or repeat (the autumn one) is read as before the change."""
    if value is None:
        return None
    return value.replace(tzinfo=zone, fold=0).astimezone(UTC_ZONE)
