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
