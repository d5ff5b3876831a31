"""When a card may be studied: pure rules of a state, ``now`` and the study day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import State

from quizapp.services.reviews import availability
from quizapp.services.reviews.availability import (
    LEARNING_AHEAD,
    LEARNING_NOW,
    REVIEW_DUE,
    due_kind,
    unavailable,
)
from quizapp.services.reviews.days import Calendar

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY_END = datetime(2026, 3, 3, 4, 0, tzinfo=UTC)  # the next rollover (UTC learner)
REVIEW, LEARNING, RELEARNING = int(State.Review), int(State.Learning), int(State.Relearning)


@dataclass
class FakeState:
    state: int = REVIEW
    due: datetime = NOW
    reps: int = 3
    suspended: bool = False
    buried_until: datetime | None = None


@pytest.mark.parametrize(
    ("state", "due", "kind"),
    [
        (REVIEW, NOW - timedelta(days=3), REVIEW_DUE),  # overdue
        (REVIEW, DAY_END - timedelta(seconds=1), REVIEW_DUE),  # later today
        (REVIEW, DAY_END, None),  # tomorrow
        (LEARNING, NOW, LEARNING_NOW),
        (RELEARNING, NOW - timedelta(minutes=1), LEARNING_NOW),
        (LEARNING, NOW + timedelta(minutes=20), LEARNING_AHEAD),  # the learn-ahead limit
        (LEARNING, NOW + timedelta(minutes=21), None),
    ],
)
def test_due_kind(state, due, kind):
    assert due_kind(state, due, now=NOW, day_end=DAY_END) == kind


def test_what_may_be_reviewed_now():
    assert unavailable(None, now=NOW, day_end=DAY_END) is None  # a new card
    assert unavailable(FakeState(), now=NOW, day_end=DAY_END) is None
    refusals = {
        "suspended": FakeState(suspended=True),
        "buried": FakeState(buried_until=NOW + timedelta(hours=1)),
        "not_due": FakeState(due=DAY_END),
    }
    for code, state in refusals.items():
        refusal = unavailable(state, now=NOW, day_end=DAY_END)
        assert refusal is not None and refusal.code == code and refusal.status == 400
    learning = FakeState(state=LEARNING, due=NOW + timedelta(minutes=25))
    assert unavailable(learning, now=NOW, day_end=DAY_END).code == "not_due"
    # a burial that is over, or a new card's row holding only a flag, is no refusal
    assert unavailable(FakeState(buried_until=NOW), now=NOW, day_end=DAY_END) is None
    assert unavailable(FakeState(reps=0, due=DAY_END), now=NOW, day_end=DAY_END) is None
    # a suspension wins over anything else
    both = FakeState(suspended=True, buried_until=NOW + timedelta(hours=1), due=DAY_END)
    assert unavailable(both, now=NOW, day_end=DAY_END).code == "suspended"


def test_daily_limits():
    assert availability.remaining(20, 5) == 15
    assert availability.remaining(20, 25) == 0
    assert availability.new_limit_reached(1) is None
    assert availability.new_limit_reached(0).code == "new_limit"
    assert availability.new_limit_reached(-2).code == "new_limit"


def test_due_cutoff_reaches_the_rollover_or_the_learn_ahead_limit():
    assert availability.due_cutoff(NOW, DAY_END) == DAY_END
    late = DAY_END - timedelta(minutes=5)
    assert availability.due_cutoff(late, DAY_END) == late + timedelta(minutes=20)


def test_when_the_next_card_comes():
    paris = ZoneInfo("Europe/Paris")

    def next_available(**given):
        options = {"review_due": None, "learning_due": None, "waiting": False}
        return availability.next_available(
            **{**options, **given}, now=NOW, day_end=DAY_END, calendar=Calendar(paris)
        )

    assert next_available() is None
    # a review due in three days comes at 4 a.m. (Paris) on its day
    in_three_days = NOW + timedelta(days=3)
    assert next_available(review_due=in_three_days) == datetime(2026, 3, 5, 3, tzinfo=UTC)
    # a learning card 20 minutes before it is due, never before now
    soon = NOW + timedelta(minutes=50)
    assert next_available(learning_due=soon) == NOW + timedelta(minutes=30)
    assert next_available(learning_due=NOW + timedelta(minutes=5)) == NOW
    # what waits for the rollover: the rollover, unless something comes sooner
    assert next_available(waiting=True) == DAY_END
    assert next_available(waiting=True, learning_due=soon) == NOW + timedelta(minutes=30)
