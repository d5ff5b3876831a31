"""The study day: pure functions of a moment and a time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from quizapp.services.reviews import days

PARIS = ZoneInfo("Europe/Paris")  # UTC+1 in winter, UTC+2 from 29 March 2026
TOKYO = ZoneInfo("Asia/Tokyo")


def test_study_day_rolls_over_at_4am_local():
    learner = SimpleNamespace(timezone="Europe/Paris")
    at_0330 = datetime(2026, 3, 3, 2, 30, tzinfo=UTC)  # 03:30 in Paris
    at_0430 = datetime(2026, 3, 3, 3, 30, tzinfo=UTC)  # 04:30 in Paris
    first, second = days.study_day(learner, at_0330), days.study_day(learner, at_0430)
    assert first.date == date(2026, 3, 2)
    assert second.date == date(2026, 3, 3)
    assert first.end == second.start == at_0430 - timedelta(minutes=30)
    # the study day across the change to summer time (2 a.m. on 29 March) lasts 23 hours
    spring = days.study_day(learner, datetime(2026, 3, 28, 12, tzinfo=UTC))
    assert spring.end - spring.start == timedelta(hours=23)


@pytest.mark.parametrize(
    ("moment", "zone", "day"),
    [
        (datetime(2026, 3, 2, 18, 59, tzinfo=UTC), TOKYO, date(2026, 3, 2)),  # 03:59 on the 3rd
        (datetime(2026, 3, 2, 19, 0, tzinfo=UTC), TOKYO, date(2026, 3, 3)),  # 04:00 on the 3rd
        (datetime(2026, 3, 2, 3, 59, tzinfo=UTC), ZoneInfo("UTC"), date(2026, 3, 1)),
        (datetime(2026, 3, 2, 8, 0, tzinfo=UTC), ZoneInfo("America/New_York"), date(2026, 3, 1)),
    ],
)
def test_local_day_counts_the_hours_before_4am_to_the_day_before(moment, zone, day):
    assert days.local_day(moment, zone) == day


def test_day_start_is_4am_local_in_utc():
    assert days.day_start(date(2026, 3, 2), PARIS) == datetime(2026, 3, 2, 3, tzinfo=UTC)
    assert days.day_start(date(2026, 7, 2), PARIS) == datetime(2026, 7, 2, 2, tzinfo=UTC)


def test_an_unknown_or_empty_time_zone_is_utc():
    for name in ("Mars/Olympus", "", None, "../etc/passwd"):
        assert days.zone_named(name) == ZoneInfo("UTC")
    assert days.zone_of(SimpleNamespace(timezone="Asia/Tokyo")) == TOKYO
    assert "Europe/Paris" in days.time_zones() and "localtime" not in days.time_zones()


def test_runs_of_study_days():
    now = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)  # 03:30 in Paris: still 1 March
    last = days.last_days(PARIS, now, 3)
    assert last.dates() == [date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1)]
    assert last.start == datetime(2026, 2, 27, 3, tzinfo=UTC)
    assert last.end == datetime(2026, 3, 2, 3, tzinfo=UTC)  # the next rollover
    assert last.day_of(now) == date(2026, 3, 1)
    coming = days.next_days(PARIS, now, 2)
    assert coming.dates() == [date(2026, 3, 1), date(2026, 3, 2)]
    assert coming.end == datetime(2026, 3, 3, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (None, ""),
        (datetime(2026, 3, 2, 9, 0, tzinfo=UTC), "now"),
        (datetime(2026, 3, 2, 8, 0, tzinfo=UTC), "now"),
        (datetime(2026, 3, 2, 9, 0, 20, tzinfo=UTC), "in 1 minute (10:00)"),
        (datetime(2026, 3, 2, 9, 10, tzinfo=UTC), "in 10 minutes (10:10)"),
        (datetime(2026, 3, 2, 15, 0, tzinfo=UTC), "today at 16:00"),
        (datetime(2026, 3, 3, 3, 0, tzinfo=UTC), "tomorrow at 04:00"),
        (datetime(2026, 3, 5, 3, 0, tzinfo=UTC), "on Thu 5 Mar at 04:00"),
    ],
)
def test_a_moment_as_the_learner_reads_it(moment, text):
    reference = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in Paris
    assert days.describe(moment, PARIS, reference) == text
    assert days.describe_when(moment, SimpleNamespace(timezone="Europe/Paris"), reference) == text


# ------------------------------------------------------------------------ study days


BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("zone", "change_day", "hours"),
    [
        (BERLIN, date(2026, 10, 25), 25),
        (BERLIN, date(2026, 3, 29), 23),
        (NEW_YORK, date(2026, 11, 1), 25),
        (NEW_YORK, date(2026, 3, 8), 23),
    ],
)
def test_summer_time_neither_repeats_nor_skips_a_study_day(zone, change_day, hours):
    calendar = days.Calendar(zone)
    start = days.day_start(change_day - timedelta(days=2), zone)
    seen = []
    end = days.day_start(change_day + timedelta(days=3), zone)
    moment = start
    while moment < end:  # every quarter of an hour for five study days
        day = calendar.day_of(moment)
        moment += timedelta(minutes=15)
        if not seen or seen[-1] != day:
            seen.append(day)
    assert seen == [change_day - timedelta(days=2) + timedelta(days=i) for i in range(len(seen))]
    assert len(seen) == 5
    # the study day the clock change falls in: the one dated the day before (2 or 3 a.m.)
    the_day = calendar.study_day(days.day_start(change_day, zone) - timedelta(hours=1))
    assert the_day.date == change_day - timedelta(days=1)
    assert the_day.end - the_day.start == timedelta(hours=hours)
    assert the_day.start.astimezone(zone).hour == the_day.end.astimezone(zone).hour == 4


def test_elapsed_days_count_dates_not_hours():
    assert days.elapsed_days(None, date(2026, 3, 3)) is None
    assert days.elapsed_days(date(2026, 3, 2), date(2026, 3, 3)) == 1
    monday_2101 = datetime(2026, 3, 2, 20, 1, tzinfo=UTC)  # 21:01 in Berlin
    tuesday_0800 = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
    calendar = days.Calendar(BERLIN)
    assert tuesday_0800 - monday_2101 < timedelta(days=1)
    assert days.elapsed_days(calendar.day_of(monday_2101), calendar.day_of(tuesday_0800)) == 1


def _days_through(calendar, start, hours):
    """The study days met every 10 minutes from ``start``, each once, in order."""
    seen = []
    for step in range(hours * 6):
        day = calendar.day_of(start + timedelta(minutes=10 * step))
        if not seen or seen[-1] != day:
            seen.append(day)
    return seen


@pytest.mark.parametrize(
    ("old", "new", "local_hour"),
    [(BERLIN, NEW_YORK, 20), (NEW_YORK, BERLIN, 14), (BERLIN, NEW_YORK, 2), (NEW_YORK, BERLIN, 23)],
)
def test_a_new_time_zone_takes_effect_at_the_next_4am(old, new, local_hour):
    """The study day in progress goes on (no new day at once: today's new cards are not
    handed out again), and no day is repeated or skipped afterwards."""
    now = datetime(2026, 3, 2, local_hour, 0, tzinfo=old).astimezone(UTC)
    before = days.Calendar(old)
    today = before.day_of(now)
    after = before.changed_to(new, now)
    assert after.zone == new and after.previous == old and after.since > now
    assert after.day_of(now) == today
    assert after.study_day(now).start == before.study_day(now).start
    seen = _days_through(after, now - timedelta(hours=30), 24 * 5)
    assert seen == [seen[0] + timedelta(days=i) for i in range(len(seen))]
    assert after.day_of(after.since) == today + timedelta(days=1)
    assert after.day_start(today + timedelta(days=1)) == after.since
    assert after.since.astimezone(new).hour >= 4 or after.since.astimezone(old).hour == 4
    # from then on the days are the new zone's, from 4 a.m. to 4 a.m.
    later = after.study_day(after.since + timedelta(days=2))
    assert later.start.astimezone(new).hour == 4
    # and it survives the user's row and the log
    row = SimpleNamespace(**after.as_columns())
    assert days.calendar_of(row) == after
    assert days.Calendar.from_record(after.as_record()) == after


def test_choosing_the_zone_one_counts_in_changes_nothing():
    now = datetime(2026, 3, 2, 12, tzinfo=UTC)
    calendar = days.Calendar(BERLIN)
    assert calendar.changed_to(BERLIN, now) == calendar
    pending = calendar.changed_to(NEW_YORK, now)
    assert pending.changed_to(BERLIN, now) == days.Calendar(BERLIN)  # changed back in time
