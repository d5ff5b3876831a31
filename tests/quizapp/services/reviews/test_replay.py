"""The log is the truth: replaying each card's log gives its stored state."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from fsrs import Rating, Scheduler, State
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import CardState, ReviewLog
from quizapp.services import reviews, scheduling
from quizapp.services.reviews import replay
from tests.quizapp.review_helpers import apply_review, card_ids, make_deck, set_user

RATINGS = st.sampled_from([1, 2, 3, 4])
ORIGINS = ("review", "review", "quiz_recall", "review", "quiz_recognition")
GAPS = st.sampled_from(
    [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=5)]
    + [timedelta(days=1), timedelta(days=3), timedelta(days=9), timedelta(days=40)]
)


def _day(moment: datetime):
    """The study day of a moment in UTC (4 a.m. rollover), by hand."""
    return (moment - timedelta(hours=4)).date()


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
        origin = ORIGINS[index % len(ORIGINS)]
        apply_review(app, user.id, ids[which], rating, now, origin=origin)
    assert _replay_matches(app, user.id) == []
    # And from scratch with fsrs alone, told the study days (the learner is in UTC: days
    # begin at 04:00 UTC), for the cards reviewed under one setting only.
    if change_settings_at >= len(history):
        with app.app_context():
            for state in db.session.execute(
                select(CardState).where(CardState.user_id == user.id)
            ).scalars():
                logs = reviews.logs_of(db.session, user.id, [state.card_id])
                card = scheduling.new_fsrs_card(state.card_id, logs[0].reviewed_at)
                scheduler = Scheduler(enable_fuzzing=False)
                for log in logs:
                    if card.last_review is not None:
                        days = (_day(log.reviewed_at) - _day(card.last_review)).days
                        card.last_review = log.reviewed_at - timedelta(days=days)
                    card, _ = scheduler.review_card(card, Rating(log.rating), log.reviewed_at)
                assert (card.state, card.step, card.stability, card.difficulty) == (
                    State(state.state),
                    state.step,
                    state.stability,
                    state.difficulty,
                )
                assert card.last_review == state.last_review
                if state.scheduled_days is not None:  # due at 4 a.m. on its day
                    due_day = _day(state.last_review) + timedelta(days=state.scheduled_days)
                    assert state.due == datetime.combine(due_day, time(4), tzinfo=UTC)
                else:
                    assert card.due == state.due


def test_replay_with_fitted_parameters(app, factories, clock):
    user = factories.user()
    card_id = card_ids(app, make_deck(factories, 2))[0]
    now = clock.now()
    apply_review(app, user.id, card_id, 3, now)
    fitted = list(Scheduler().parameters)
    fitted[0], fitted[2] = 0.5, 3.1
    set_user(app, user.id, fsrs_parameters=fitted)
    for gap, rating in ((timedelta(minutes=10), 3), (timedelta(days=4), 2), (timedelta(days=9), 1)):
        now += gap
        apply_review(app, user.id, card_id, rating, now)
    assert _replay_matches(app, user.id) == []


def test_mismatches_name_a_state_without_a_log_and_a_log_without_a_state():
    """The comparison itself, on rows that were never stored: pure."""
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    log = ReviewLog(id=1, user_id=5, card_id=2, rating=3, reviewed_at=start, state_after={})
    replayed = scheduling.replay(2, [log])
    matching = CardState(user_id=5, card_id=2, reps=1, lapses=0, leech=False)
    scheduling.copy_into(matching, replayed.card)
    orphan = CardState(user_id=5, card_id=3, reps=1, lapses=0, leech=False)
    found = replay.mismatches({(5, 2): matching, (5, 3): orphan}, {(5, 2): [log], (5, 4): [log]})
    assert [(m.card_id, m.problems) for m in found] == [
        (3, ["a state but no log"]),
        (4, ["a log but no state"]),
    ]
    matching.stability = 99.0
    (mismatch,) = replay.mismatches({(5, 2): matching}, {(5, 2): [log]})
    assert mismatch.problems == [f"stability: stored 99.0, replayed {replayed.card.stability!r}"]


def test_logs_from_before_study_days_replay_under_their_rule(app, factories, clock):
    """A card reviewed under the old rule (whole 24-hour periods, due at the review time plus
    the interval; its log records no days), then under study days: the whole log replays
    exactly, each entry under the rule it was written with."""
    user = factories.user()
    card_id = card_ids(app, make_deck(factories, 1))[0]
    scheduler = Scheduler(enable_fuzzing=False)
    snapshot = {
        "desired_retention": 0.9,
        "learning_steps": [60.0, 600.0],
        "relearning_steps": [600.0],
        "maximum_interval": 36500,
        "parameters": None,
    }
    card = scheduling.new_fsrs_card(card_id, clock.now())
    moments = [
        clock.now(),
        clock.now() + timedelta(minutes=10),
        clock.now() + timedelta(days=2, hours=7),
    ]
    with app.app_context():
        before = None
        for number, moment in enumerate(moments, start=1):
            card, _ = scheduler.review_card(card, Rating.Good, moment)
            db.session.add(
                ReviewLog(
                    user_id=user.id,
                    card_id=card_id,
                    rating=3,
                    reviewed_at=moment,
                    origin="quiz" if number == 2 else "review",
                    state_before=before,
                    state_after={**card.to_dict(), "reps": number, "scheduler": snapshot},
                )
            )
            before = {**card.to_dict(), "reps": number, "lapses": 0}
        state = CardState(
            user_id=user.id,
            card_id=card_id,
            set_id=_set_of(card_id),
            reps=3,
            lapses=0,
            flagged=False,
        )
        scheduling.copy_into(state, card)
        db.session.add(state)
        db.session.commit()
    assert _replay_matches(app, user.id) == []
    assert card.due - card.last_review == timedelta(days=(card.due - card.last_review).days)
    # the next review counts study days from the day the last one falls in
    later = card.due + timedelta(hours=3)
    apply_review(app, user.id, card_id, 3, later)
    with app.app_context():
        after = db.session.execute(select(CardState)).scalar_one()
        assert after.last_day == _day(later) and after.scheduled_days is not None
    assert _replay_matches(app, user.id) == []


def _set_of(card_id: int) -> int:
    from quizapp.models import Card

    return db.session.get(Card, card_id).set_id
