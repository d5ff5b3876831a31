"""The memory model: fsrs applied to a card state, the log, replay, leeches, the srs CLI."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, Scheduler, State
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Card, CardState, ReviewLog
from quizapp.services import reviews, scheduling
from quizapp.services.reviews import intervals
from tests.quizapp.review_helpers import card_ids, make_deck, set_user

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


def test_interval_labels_are_anki_like():
    fmt = intervals.format_interval
    assert fmt(timedelta(seconds=30)) == "<1m"
    assert fmt(timedelta(minutes=1)) == "<1m"
    assert fmt(timedelta(minutes=10)) == "10m"
    assert fmt(timedelta(minutes=5, seconds=30)) == "6m"
    assert fmt(timedelta(hours=3)) == "3h"
    assert fmt(timedelta(days=3)) == "3d"
    assert fmt(timedelta(days=45)) == "1.5mo"
    assert fmt(timedelta(days=60)) == "2mo"
    assert fmt(timedelta(days=730)) == "2y"


# ------------------------------------------------------------------- apply_review


def _review(app, user_id, card_id, rating, now, origin="review"):
    from quizapp.models import User

    with app.app_context():
        user = db.session.get(User, user_id)
        card = db.session.get(Card, card_id)
        outcome = scheduling.apply_review(
            db.session, user=user, card=card, rating=Rating(rating), now=now, origin=origin
        )
        db.session.commit()
        return outcome.became_leech


def test_apply_review_writes_state_and_log(app, factories, clock):
    user = factories.user()
    card_id = card_ids(app, make_deck(factories, 4))[0]
    start = clock.now()
    _review(app, user.id, card_id, 3, start)
    _review(app, user.id, card_id, 3, start + timedelta(minutes=10))
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
    _review(app, user.id, card_id, 4, now)  # Easy: straight to review
    lapses_seen = []
    for lapse in range(1, 9):
        now += timedelta(days=3)
        became = _review(app, user.id, card_id, 1, now)  # Again in review: a lapse
        lapses_seen.append(became)
        now += timedelta(minutes=10)
        _review(app, user.id, card_id, 3, now)  # Good: back to review
        with app.app_context():
            state = db.session.execute(select(CardState)).scalar_one()
            assert state.lapses == lapse
            assert state.leech is (lapse >= 8)
            assert state.suspended is (lapse >= 8)
    assert lapses_seen == [False] * 7 + [True]
    # Again on a learning card is no lapse
    other = card_ids(app, make_deck(factories, 4, name="Other"))[0]
    _review(app, user.id, other, 1, now)
    _review(app, user.id, other, 1, now + timedelta(minutes=1))
    with app.app_context():
        state = db.session.execute(select(CardState).where(CardState.card_id == other)).scalar_one()
        assert state.lapses == 0


# ------------------------------------------------------------------------- replay

RATINGS = st.sampled_from([1, 2, 3, 4])
GAPS = st.sampled_from(
    [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=5)]
    + [timedelta(days=1), timedelta(days=3), timedelta(days=9), timedelta(days=40)]
)


def _replay_matches(app, user_id: int) -> list[str]:
    with app.app_context():
        checked, mismatches = reviews.replay_check(db.session, user_id=user_id)
        assert checked > 0
        return [f"{m.card_id}: {m.problems}" for m in mismatches]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    history=st.lists(st.tuples(st.integers(0, 2), RATINGS, GAPS), min_size=1, max_size=30),
    change_settings_at=st.integers(0, 40),
)
def test_replaying_the_log_gives_the_stored_state(
    app, factories, clock, history, change_settings_at
):
    """Many ratings over time, on three cards, from reviews and quizzes, with the learner's
    settings changed half-way: replaying each card's log from a new card gives its state."""
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 3, name=f"Replay {user.id}"))
    now = clock.now()
    for index, (which, rating, gap) in enumerate(history):
        if index == change_settings_at:
            set_user(
                app,
                user.id,
                desired_retention=0.8,
                learning_steps="2m 30m 2h",
                relearning_steps="5m 1h",
                maximum_interval_days=30,
            )
        now += gap
        _review(
            app, user.id, ids[which], rating, now, origin="quiz" if index % 5 == 4 else "review"
        )
    assert _replay_matches(app, user.id) == []
    # And replay from scratch with fsrs alone, for the cards reviewed under one setting only.
    if change_settings_at >= len(history):
        with app.app_context():
            for state in db.session.execute(
                select(CardState).where(CardState.user_id == user.id)
            ).scalars():
                logs = reviews.logs_of(db.session, user.id, [state.card_id])
                card = scheduling.new_fsrs_card(state.card_id, logs[0].reviewed_at)
                scheduler = Scheduler(enable_fuzzing=False)
                for log in logs:
                    card, _ = scheduler.review_card(card, Rating(log.rating), log.reviewed_at)
                assert (card.state, card.step, card.stability, card.difficulty) == (
                    State(state.state),
                    state.step,
                    state.stability,
                    state.difficulty,
                )
                assert (card.due, card.last_review) == (state.due, state.last_review)


def test_replay_with_fitted_parameters(app, factories, clock):
    user = factories.user()
    card_id = card_ids(app, make_deck(factories, 2))[0]
    now = clock.now()
    _review(app, user.id, card_id, 3, now)
    fitted = list(Scheduler().parameters)
    fitted[0], fitted[2] = 0.5, 3.1
    set_user(app, user.id, fsrs_parameters=fitted)
    for gap, rating in ((timedelta(minutes=10), 3), (timedelta(days=4), 2), (timedelta(days=9), 1)):
        now += gap
        _review(app, user.id, card_id, rating, now)
    assert _replay_matches(app, user.id) == []


# --------------------------------------------------------------------------- the CLI


def test_srs_replay_check_command(app, factories, clock, runner):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 3))
    for offset, card_id in enumerate(ids):
        _review(app, user.id, card_id, 3, clock.now() + timedelta(minutes=offset))
    result = runner.invoke(args=["srs", "replay-check"])
    assert result.exit_code == 0, result.output
    assert "All 3 cards replay to their stored state." in result.output

    with app.app_context():  # a state edited behind the log's back
        state = db.session.execute(
            select(CardState).where(CardState.card_id == ids[1])
        ).scalar_one()
        state.stability = 99.0
        db.session.commit()
    result = runner.invoke(args=["srs", "replay-check", "--email", user.email])
    assert result.exit_code == 1
    assert f"card {ids[1]}: stability: stored 99.0" in result.output
    assert "1 of 3 cards differ from their log." in result.output


def test_srs_optimize_refuses_without_enough_reviews(app, factories, clock, runner):
    user = factories.user()
    card_id = card_ids(app, make_deck(factories, 2))[0]
    _review(app, user.id, card_id, 3, clock.now())
    result = runner.invoke(args=["srs", "optimize", user.email])
    assert result.exit_code == 1
    assert "has 0 reviews the optimizer can learn from" in result.output
    assert "it needs 512" in result.output
    result = runner.invoke(args=["srs", "optimize", "nobody@example.com"])
    assert result.exit_code == 1
    assert "No account with the email nobody@example.com" in result.output


def test_srs_optimize_needs_the_optional_extra(app, factories, clock, runner):
    """With 540 usable reviews the only thing missing is torch (kept out of the default
    install): the command says how to install the extra.  With torch, it fits."""
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 60))
    start = clock.now()
    with app.app_context():
        for card_id in ids:
            for review in range(10):
                db.session.add(
                    ReviewLog(
                        user_id=user.id,
                        card_id=card_id,
                        rating=3 if review % 4 else 1,
                        reviewed_at=start + timedelta(days=2 * review, minutes=card_id),
                        duration_ms=4000,
                        origin="review",
                        state_before=None,
                        state_after={},
                    )
                )
        db.session.commit()
        assert reviews.optimizer_review_count(reviews.logs_of(db.session, user.id)) == 540
    result = runner.invoke(args=["srs", "optimize", user.email])
    if importlib.util.find_spec("torch") is None:
        assert result.exit_code == 1
        assert "pip install 'quizapp[optimizer]'" in result.output
        assert "default parameters stay in use" in result.output
    else:  # pragma: no cover - only where the optional extra is installed
        assert result.exit_code == 0, result.output
        assert "scheduled with their own parameters" in result.output


def test_optimizer_counts_only_reviews_a_day_apart():
    base = datetime(2026, 3, 2, 9, tzinfo=UTC)

    def log(card_id, hours):
        return ReviewLog(card_id=card_id, reviewed_at=base + timedelta(hours=hours), rating=3)

    logs = [log(1, 0), log(1, 0.2), log(1, 23), log(1, 48), log(2, 30), log(2, 80)]
    assert reviews.optimizer_review_count(logs) == 2
