"""The memory model: fsrs applied to a card state, the log it writes, lapses and leeches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, Scheduler, State
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import CardState, ReviewLog
from quizapp.services import scheduling
from tests.quizapp.review_helpers import apply_review, card_ids, make_deck, set_user

# ------------------------------------------------------------------------ pure parts


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


@pytest.mark.parametrize(
    ("score", "rating"),
    [(1.0, Rating.Good), (0.0, Rating.Again), (0.5, Rating.Hard), (0.75, Rating.Hard)]
    + [(0.49, Rating.Again), (0.25, Rating.Again), (0.9999999999, Rating.Good)],
)
def test_rating_for_score_maps_partial_credit(score, rating):
    assert scheduling.rating_for_score(score) == rating


def test_the_lapse_and_leech_rule():
    again, good = Rating.Again, Rating.Good
    assert scheduling.count_lapse(0, False, again, was_review=True) == (1, False)
    assert scheduling.count_lapse(3, False, good, was_review=True) == (3, False)
    assert scheduling.count_lapse(3, False, again, was_review=False) == (3, False)  # learning
    last = scheduling.LEECH_THRESHOLD - 1
    assert scheduling.count_lapse(last, False, again, was_review=True) == (last + 1, True)
    # a leech becomes one once: later lapses count, and make nothing new of it
    assert scheduling.count_lapse(last + 1, True, again, was_review=True) == (last + 2, False)


def test_mature_means_in_review_with_21_days_or_more():
    reviewed = datetime(2026, 3, 2, 9, tzinfo=UTC)

    def state(kind, days):
        return CardState(state=int(kind), last_review=reviewed, due=reviewed + timedelta(days))

    assert scheduling.is_mature(state(State.Review, 21))
    assert not scheduling.is_mature(state(State.Review, 20.9))
    assert not scheduling.is_mature(state(State.Relearning, 30))
    assert scheduling.interval_days(state(State.Review, 2.5)) == 2.5


# ------------------------------------------------------------------- apply_review


def test_apply_review_writes_state_and_log(app, factories, clock):
    user = factories.user()
    card_id = card_ids(app, make_deck(factories, 4))[0]
    start = clock.now()
    apply_review(app, user.id, card_id, 3, start)
    apply_review(app, user.id, card_id, 3, start + timedelta(minutes=10))
    with app.app_context():
        state = db.session.execute(select(CardState)).scalar_one()
        logs = list(db.session.execute(select(ReviewLog).order_by(ReviewLog.id)).scalars())
        assert state.state == State.Review and state.reps == 2 and state.version == 2
        # the same as fsrs alone, with the default settings
        expected, _ = Scheduler(enable_fuzzing=False).review_card(
            scheduling.new_fsrs_card(card_id, start), Rating.Good, start
        )
        expected, _ = Scheduler(enable_fuzzing=False).review_card(
            expected, Rating.Good, start + timedelta(minutes=10)
        )
        assert (state.stability, state.difficulty, state.due) == (
            expected.stability,
            expected.difficulty,
            expected.due,
        )
        assert logs[0].state_before is None
        assert logs[1].state_before["state"] == State.Learning
        assert logs[1].state_before["reps"] == 1
        assert logs[1].state_after["reps"] == 2
        assert logs[1].state_after["scheduler"]["desired_retention"] == 0.9
        assert [log.rating for log in logs] == [3, 3]


def test_leech_after_eight_lapses_in_review(app, factories, clock):
    user = factories.user()
    set_user(app, user.id, relearning_steps="10m")
    card_id = card_ids(app, make_deck(factories, 4))[0]
    now = clock.now()
    apply_review(app, user.id, card_id, 4, now)  # Easy: straight to review
    lapses_seen = []
    for lapse in range(1, 9):
        now += timedelta(days=3)
        became = apply_review(app, user.id, card_id, 1, now)  # Again in review: a lapse
        lapses_seen.append(became)
        now += timedelta(minutes=10)
        apply_review(app, user.id, card_id, 3, now)  # Good: back to review
        with app.app_context():
            state = db.session.execute(select(CardState)).scalar_one()
            assert state.lapses == lapse
            assert state.leech is (lapse >= 8)
            assert state.suspended is (lapse >= 8)
    assert lapses_seen == [False] * 7 + [True]
    # Again on a learning card is no lapse
    other = card_ids(app, make_deck(factories, 4, name="Other"))[0]
    apply_review(app, user.id, other, 1, now)
    apply_review(app, user.id, other, 1, now + timedelta(minutes=1))
    with app.app_context():
        state = db.session.execute(select(CardState).where(CardState.card_id == other)).scalar_one()
        assert state.lapses == 0
