"""How pages write percentages, durations and moments (``quizapp.formatting``), pure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from quizapp import formatting
from quizapp.charts import bar_chart, line_chart

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("share", "shown"),
    [(None, "–"), (0.0, "0%"), (0.0625, "6%"), (0.065, "7%"), (0.375, "38%"), (0.625, "63%")],
)
def test_percentages_are_whole_and_rounded_half_up(share, shown):
    assert formatting.percent_text(share) == shown


def test_a_chart_says_the_same_percentage_as_the_table():
    """The bug: 1 of 16 right was "6.2%" on the bar and "6%" in the table beside it."""
    share = 1 / 16
    table = formatting.percent_text(share)
    bars = bar_chart([("place", share * 100)], title="Right per category")
    line = line_chart([("2 Mar", share * 100)], title="Scores")
    assert table == "6%"
    assert ">6%<" in bars and "place: 6%" in bars and "6.2" not in bars
    assert "2 Mar: 6%" in line and "6.2" not in line


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (None, "–"),
        (0, "0 s"),
        (45, "45 s"),
        (60, "1 min"),
        (365, "6 min 5 s"),
        (600, "10 min"),
        (3600, "1 h"),
        (3600 + 5 * 60 + 7, "1 h 5 min"),
        (timedelta(minutes=20), "20 min"),
    ],
)
def test_durations_say_what_matters(seconds, shown):
    assert formatting.duration_text(seconds) == shown


def test_moments_are_shown_in_the_viewers_zone():
    moment = datetime(2026, 12, 5, 23, 30, tzinfo=UTC)  # already the 6th in Paris
    assert formatting.datetime_text(moment, formatting.UTC_ZONE) == "Sat 5 Dec 2026, 23:30"
    assert formatting.datetime_text(moment, PARIS) == "Sun 6 Dec 2026, 00:30"
    assert formatting.datetime_text(moment, PARIS, with_zone=True) == (
        "Sun 6 Dec 2026, 00:30 (Europe/Paris)"
    )
    assert formatting.time_text(moment, NEW_YORK, with_zone=True) == "18:30 (America/New_York)"
    assert formatting.local_day(moment, PARIS).day == 6
    assert formatting.day_text(formatting.local_day(moment, PARIS)) == "6 Dec"
    assert formatting.datetime_text(None, PARIS) == ""


def test_a_typed_local_time_round_trips_through_utc():
    typed = datetime(2026, 7, 1, 9, 0)  # 9 a.m. in Paris, summer time (UTC+2)
    stored = formatting.from_naive_local(typed, PARIS)
    assert stored == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)
    assert formatting.naive_local(stored, PARIS) == typed
    assert formatting.from_naive_local(None, PARIS) is None
    # 02:30 does not exist on 29 March 2026 in Paris: read with the offset before the change.
    skipped = formatting.from_naive_local(datetime(2026, 3, 29, 2, 30), PARIS)
    assert skipped == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
