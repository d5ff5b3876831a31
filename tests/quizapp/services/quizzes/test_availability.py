"""The window, attempts, deadline and time-left rules (``quizzes.availability``), pure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from quizapp.services.quizzes import availability
from quizapp.services.quizzes.availability import CLOSED, NOT_OPEN, OPEN

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("opens_at", "closes_at", "expected"),
    [
        (None, None, OPEN),
        (NOON - HOUR, None, OPEN),
        (NOON, None, OPEN),  # opens at noon: open at noon
        (NOON + HOUR, None, NOT_OPEN),
        (None, NOON + HOUR, OPEN),
        (None, NOON, CLOSED),  # closes at noon: closed at noon
        (None, NOON - HOUR, CLOSED),
        (NOON - HOUR, NOON + HOUR, OPEN),
        (NOON + HOUR, NOON + 2 * HOUR, NOT_OPEN),
        (NOON - 2 * HOUR, NOON - HOUR, CLOSED),
    ],
)
def test_the_window_opens_at_its_start_and_closes_at_its_end(opens_at, closes_at, expected):
    assert availability.window(opens_at, closes_at, NOON) == expected


def test_refusals_name_the_date_that_decides():
    opens, closes = NOON + HOUR, NOON + 2 * HOUR
    assert availability.window_refusal(NOT_OPEN, opens, closes) == (
        "This quiz opens on Mon 2 Mar 2026, 13:00 (UTC)."
    )
    assert availability.window_refusal(CLOSED, opens, closes) == (
        "This quiz closed on Mon 2 Mar 2026, 14:00 (UTC)."
    )
    # In the student's own zone, named (Tokyo is 9 hours ahead: 23:00 that evening).
    assert availability.window_refusal(CLOSED, opens, closes, ZoneInfo("Asia/Tokyo")) == (
        "This quiz closed on Mon 2 Mar 2026, 23:00 (Asia/Tokyo)."
    )
    assert availability.attempts_refusal(1).endswith("can be taken once.")
    assert availability.attempts_refusal(3).endswith("can be taken 3 times.")


@pytest.mark.parametrize(
    ("allowed", "used", "left"),
    [(None, 0, None), (None, 50, None), (3, 0, 3), (3, 2, 1), (3, 3, 0), (3, 5, 0)],
)
def test_attempts_left(allowed, used, left):
    assert availability.attempts_left(allowed, used) == left


def test_the_deadline_is_the_time_limit_capped_by_the_close_date():
    assert availability.deadline(NOON, None, None) is None
    assert availability.deadline(NOON, 0, None) is None  # no limit
    assert availability.deadline(NOON, 600, None) == NOON + timedelta(minutes=10)
    # The close date caps the limit, and alone is the deadline.
    assert availability.deadline(NOON, 600, NOON + timedelta(minutes=5)) == NOON + timedelta(
        minutes=5
    )
    assert availability.deadline(NOON, 600, NOON + HOUR) == NOON + timedelta(minutes=10)
    assert availability.deadline(NOON, None, NOON + HOUR) == NOON + HOUR


def test_expiry_time_left_and_the_recorded_submission_time():
    end = NOON + timedelta(seconds=90)
    assert not availability.expired(None, NOON)
    assert not availability.expired(end, NOON + timedelta(seconds=89))
    assert availability.expired(end, end)
    assert availability.seconds_left(None, NOON) is None
    assert availability.seconds_left(end, NOON) == 90
    assert availability.seconds_left(end, NOON + timedelta(seconds=0.5)) == 89
    assert availability.seconds_left(end, end + HOUR) == 0
    # Submitted late (by a later read): the deadline is recorded, not the read's time.
    assert availability.submitted_at(end, end + HOUR) == end
    assert availability.submitted_at(end, NOON) == NOON
    assert availability.submitted_at(None, NOON) == NOON
