"""The memory model on a real database: what a rating writes, study days through the
services with the frozen clock, leeches.  The pure rules are in ``scheduling/test_rules.py``."""

from __future__ import annotations

from copy import copy
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Rating, Scheduler, State
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import CardState, ReviewLog
from quizapp.services import reviews, scheduling
from quizapp.services.reviews.days import Calendar
from tests.quizapp.review_helpers import (
    apply_review,
    as_user,
    card_ids,
    make_deck,
    rate,
    replay_ok,
    set_user,
    state_of,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
FSRS = Scheduler(enable_fuzzing=False)


def local(zone, *args) -> datetime:
    return datetime(*args, tzinfo=zone).astimezone(UTC)


def test_parse_steps():
    assert scheduling.parse_steps("1m 10m") == (timedelta(minutes=1), timedelta(minutes=10))
    assert scheduling.parse_steps(" 30s  1h 1d ") == (
        timedelta(seconds=30),
        timedelta(hours=1),
        timedelta(days=1),
    )
    assert scheduling.parse_steps("") == ()
    for bad in ("10", "1w", "m", "-1m", "0m", "1m,10m"):
        with pytest.raises(ValueError):
            scheduling.parse_steps(bad)


def test_mature_means_in_review_with_21_days_or_more():
    reviewed = datetime(2026, 3, 2, 9, tzinfo=UTC)

    def state(kind, days, scheduled=None):
        return CardState(
            state=int(kind),
            last_review=reviewed,
            due=reviewed + timedelta(days),
            scheduled_days=scheduled,
        )

    assert scheduling.is_mature(state(State.Review, 20.2, scheduled=21))  # due at 4 a.m.
    assert not scheduling.is_mature(state(State.Review, 20.2, scheduled=20))
    # a card last reviewed before study days: the time from review to due
    assert scheduling.is_mature(state(State.Review, 21))
    assert not scheduling.is_mature(state(State.Review, 20.9))
    assert not scheduling.is_mature(state(State.Relearning, 30))
    assert scheduling.interval_days(state(State.Review, 2.5)) == 2.5


def test_apply_review_writes_state_and_log(app, factories, clock):
    user = factories.user()  # in UTC: days start at 04:00 UTC
    card_id = card_ids(app, make_deck(factories, 4))[0]
    start = clock.now()
    apply_review(app, user.id, card_id, 3, start)
    apply_review(app, user.id, card_id, 3, start + timedelta(minutes=10))
    with app.app_context():
        state = db.session.execute(select(CardState)).scalar_one()
        logs = list(db.session.execute(select(ReviewLog).order_by(ReviewLog.id)).scalars())
        assert state.state == State.Review and state.reps == 2 and state.version == 2
        # the learning steps are fsrs's own (the same study day); graduation is on a day
        expected, _ = FSRS.review_card(scheduling.new_fsrs_card(card_id, start), Rating.Good, start)
        expected, _ = FSRS.review_card(expected, Rating.Good, start + timedelta(minutes=10))
        interval = (expected.due - expected.last_review).days
        assert (state.stability, state.difficulty) == (expected.stability, expected.difficulty)
        assert state.scheduled_days == interval
        assert state.last_day == date(2026, 3, 2)
        assert state.due == datetime(2026, 3, 2 + interval, 4, tzinfo=UTC)
        assert logs[0].state_before is None
        assert logs[1].state_before["state"] == State.Learning
        assert logs[1].state_before["reps"] == 1
        assert logs[1].state_after["reps"] == 2
        assert logs[1].state_after["scheduler"]["desired_retention"] == 0.9
        assert logs[1].state_after["days"] == {
            "rule": "study-days",
            "today": "2026-03-02",
            "last": "2026-03-02",
            "calendar": "UTC",
        }
        assert [log.rating for log in logs] == [3, 3]
    assert replay_ok(app, user.id)


def test_monday_2101_then_tuesday_0800_through_the_services(app, factories, clock):
    """The issue's case, with the frozen clock and the review service: graduated Monday at
    21:01 with a 1-day interval, reviewed Good on Tuesday at 08:00, the card gets the
    interval of one elapsed study day, not of a same-day review."""
    user = factories.user()
    set_user(app, user.id, timezone="Europe/Berlin")
    card_id = card_ids(app, make_deck(factories, 2))[0]
    for rating, minute in ((Rating.Hard, 44), (Rating.Good, 50)):
        clock.set(local(BERLIN, 2026, 3, 2, 20, minute))
        rate(app, user.id, card_id, int(rating), clock.now())
    clock.set(local(BERLIN, 2026, 3, 2, 21, 1))
    rate(app, user.id, card_id, 3, clock.now())
    graduated = state_of(app, user.id, card_id)
    assert graduated["state"] == State.Review and graduated["scheduled_days"] == 1
    assert graduated["due"] == local(BERLIN, 2026, 3, 3, 4)

    clock.set(local(BERLIN, 2026, 3, 3, 8))
    rate(app, user.id, card_id, 3, clock.now())
    after = state_of(app, user.id, card_id)
    card = scheduling.to_fsrs(type("S", (), {**graduated, "card_id": card_id})())
    one_day_old = copy(card)
    one_day_old.last_review = clock.now() - timedelta(days=1)
    expected, _ = FSRS.review_card(one_day_old, Rating.Good, clock.now())
    same_day, _ = FSRS.review_card(card, Rating.Good, clock.now())  # what 24-hour counting did
    interval = (expected.due - clock.now()).days
    assert after["stability"] == pytest.approx(expected.stability)
    assert after["stability"] > same_day.stability
    assert after["scheduled_days"] == interval > (same_day.due - clock.now()).days == 1
    assert after["due"] == local(BERLIN, 2026, 3, 3 + interval, 4)
    assert replay_ok(app, user.id)


@pytest.mark.parametrize(
    ("zone", "saturday"),
    [
        (BERLIN, date(2026, 10, 24)),
        (BERLIN, date(2026, 3, 28)),
        (NEW_YORK, date(2026, 10, 31)),
        (NEW_YORK, date(2026, 3, 7)),
    ],
)
def test_across_summer_time_a_one_day_card_comes_back_on_the_next_study_day(
    app, factories, clock, zone, saturday
):
    """With the frozen clock and the queue: a card due in one day, reviewed on the Saturday
    before the clocks change, is not shown again that study day and is shown from the first
    minute of the next (Sunday, 4 a.m.), in both directions of the change."""
    user = factories.user()
    set_user(app, user.id, timezone=zone.key, maximum_interval_days=1)
    set_id = make_deck(factories, 1)
    card_id = card_ids(app, set_id)[0]
    clock.set(local(zone, saturday.year, saturday.month, saturday.day, 4, 30))
    rate(app, user.id, card_id, 4, clock.now())  # Easy: in review, 1 day (the maximum)
    sunday = saturday + timedelta(days=1)
    assert state_of(app, user.id, card_id)["due"] == local(zone, 2026, sunday.month, sunday.day, 4)
    with as_user(app, user.id) as row:
        # 03:45 on Sunday is still Saturday's study day: 23 or 25 hours after the review
        late_saturday = local(zone, 2026, sunday.month, sunday.day, 3, 45)
        assert reviews.next_card(db.session, row, now=late_saturday, set_id=set_id) is None
        sunday_start = local(zone, 2026, sunday.month, sunday.day, 4)
        shown = reviews.next_card(db.session, row, now=sunday_start, set_id=set_id)
        assert shown is not None and shown.card.id == card_id and shown.kind == "review"
    # Reviewed on Sunday, it comes back on Monday, whatever the length of Sunday.
    rate(app, user.id, card_id, 3, sunday_start)
    monday = sunday + timedelta(days=1)
    assert state_of(app, user.id, card_id)["due"] == local(zone, 2026, monday.month, monday.day, 4)
    assert replay_ok(app, user.id)


def test_leech_at_eight_lapses_and_warned_again_every_four(app, factories, clock):
    user = factories.user()
    set_user(app, user.id, relearning_steps="10m")
    card_id = card_ids(app, make_deck(factories, 4))[0]
    now = clock.now()
    apply_review(app, user.id, card_id, 4, now)  # Easy: straight to review
    warnings = []
    for lapse in range(1, 13):
        now += timedelta(days=3)
        warnings.append(apply_review(app, user.id, card_id, 1, now))  # a lapse
        now += timedelta(minutes=10)
        apply_review(app, user.id, card_id, 3, now)  # Good: back to review
        with app.app_context():
            state = db.session.execute(select(CardState)).scalar_one()
            assert state.lapses == lapse
            assert state.leech is (lapse >= 8)
            if lapse in (8, 12):
                assert state.suspended
                state.suspended = False  # the learner unsuspends it
                db.session.commit()
    assert [i + 1 for i, warned in enumerate(warnings) if warned] == [8, 12]
    # Again on a learning card is no lapse
    other = card_ids(app, make_deck(factories, 4, name="Other"))[0]
    apply_review(app, user.id, other, 1, now)
    apply_review(app, user.id, other, 1, now + timedelta(minutes=1))
    assert state_of(app, user.id, other)["lapses"] == 0
    assert replay_ok(app, user.id)


def test_a_calendar_with_a_change_of_zone_replays(app, factories, clock):
    """Reviews before and after a change of time zone replay from their log alone."""
    user = factories.user()
    set_user(app, user.id, timezone="Europe/Berlin")
    card_id = card_ids(app, make_deck(factories, 1))[0]
    rate(app, user.id, card_id, 4, clock.now())
    with as_user(app, user.id) as row:
        reviews.update_settings(db.session, row, {"timezone": "America/New_York"}, now=clock.now())
        calendar = reviews.calendar_of(row)
    assert isinstance(calendar, Calendar) and calendar.previous == BERLIN
    due = state_of(app, user.id, card_id)["due"]
    rate(app, user.id, card_id, 3, due + timedelta(hours=10))
    assert replay_ok(app, user.id)
