"""The optimizer: recall reviews in study days, fsrs's own counting, the held-out check
(log loss and RMSE against the defaults) and keeping the defaults when a fit is not better.

The pure parts run on histories simulated in memory; the fits are fsrs's Optimizer for real
(torch comes with the dev extra), computed once for the module."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pytest
from fsrs.scheduler import DEFAULT_PARAMETERS

from quizapp.models import ReviewLog
from quizapp.services.reviews import optimizer
from quizapp.services.reviews.days import Calendar
from tests.quizapp.services.reviews.optimizer_helpers import UTC_ZONE, history, store, weak_memory

CALENDAR = Calendar(UTC_ZONE)
BASE = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _log(number, card_id, when, rating=3, origin="review", today=None):
    after = {"days": {"rule": "study-days", "today": today, "last": None, "calendar": "UTC"}}
    return ReviewLog(
        id=number,
        card_id=card_id,
        rating=rating,
        reviewed_at=when,
        origin=origin,
        state_after=after if today else {},
    )


def test_only_recall_reviews_count_each_on_its_study_day():
    logs = [
        _log(1, 1, BASE),
        _log(2, 1, BASE + timedelta(days=1), origin="quiz_recall"),
        _log(3, 1, BASE + timedelta(days=2), origin="quiz_recognition"),  # a wrong pick
        _log(4, 1, BASE + timedelta(days=3), origin="quiz"),  # before recall/recognition
        _log(5, 2, BASE + timedelta(hours=20), today="2026-03-02"),  # 05:00: recorded day
        _log(6, 2, datetime(2026, 3, 4, 3, tzinfo=UTC)),  # 03:00 UTC: 3 March's study day
    ]
    found = optimizer.recall_reviews(logs, CALENDAR)
    assert sorted((r.card_id, r.day) for r in found) == [
        (1, date(2026, 3, 2)),
        (1, date(2026, 3, 3)),
        (2, date(2026, 3, 2)),
        (2, date(2026, 3, 3)),
    ]
    assert [log.review_datetime for log in optimizer.fsrs_review_logs(found)] == [
        datetime(2026, 3, 2, tzinfo=UTC),  # study days, at midnight: fsrs counts dates
        datetime(2026, 3, 2, tzinfo=UTC),
        datetime(2026, 3, 3, tzinfo=UTC),
        datetime(2026, 3, 3, tzinfo=UTC),
    ]


def test_usable_reviews_are_fsrs_s_own_count():
    """A day or more after the card's previous review, among its first 64 reviews."""
    logs = [_log(i + 1, 1, BASE + timedelta(days=i)) for i in range(100)]  # daily, 100 times
    logs += [_log(200 + i, 2, BASE + timedelta(hours=5 * i)) for i in range(10)]  # 2 days
    reviews = optimizer.recall_reviews(logs, CALENDAR)
    assert optimizer.usable_count(reviews) == 63 + 2  # card 1: 64 kept, the first not scored
    assert len(optimizer.scored(reviews, cap=None)) == 99 + 2


def test_log_loss_and_rmse_by_hand():
    """Two reviews of one card: one scored (a day later, forgotten)."""
    logs = [_log(1, 1, BASE, rating=3), _log(2, 1, BASE + timedelta(days=1), rating=1)]
    reviews = optimizer.recall_reviews(logs, CALENDAR)
    scores = optimizer.evaluate(DEFAULT_PARAMETERS, reviews, BASE)
    decay = -DEFAULT_PARAMETERS[20]
    factor = 0.9 ** (1 / decay) - 1
    predicted = (1 + factor * 1 / DEFAULT_PARAMETERS[2]) ** decay  # after a first Good
    assert scores.reviews == 1
    assert scores.log_loss == pytest.approx(-math.log(1 - predicted))
    assert scores.rmse == pytest.approx(predicted)


@pytest.fixture(scope="module")
def weak_learner():
    """A learner who forgets much faster than the defaults assume: 150 cards, 120 days."""
    reviews = optimizer.recall_reviews(history(150, 120, weak_memory()), CALENDAR)
    train, since = optimizer.held_out_split(reviews)
    return reviews, train, since


@pytest.fixture(scope="module")
def typical_learner():
    """A learner whose memory is what the defaults assume: 150 cards, 120 days."""
    reviews = optimizer.recall_reviews(history(150, 120), CALENDAR)
    train, since = optimizer.held_out_split(reviews)
    return reviews, train, since


def test_the_latest_fifth_is_held_out(weak_learner):
    reviews, train, since = weak_learner
    usable = optimizer.scored(reviews, cap=None)
    held = [r for r in usable if r.moment >= since]
    assert len(held) == round(len(usable) * optimizer.HELD_OUT_SHARE)
    assert all(r.moment < since for r in train) and max(r.moment for r in reviews) >= since
    assert optimizer.usable_count(train) >= optimizer.MINI_BATCH


def test_the_check_adopts_only_parameters_that_predict_better(weak_learner):
    reviews, _, since = weak_learner
    truth = optimizer.check(weak_memory(), reviews, since)
    assert truth.adopted  # the learner's true memory predicts their reviews better
    assert truth.fitted.log_loss < truth.defaults.log_loss
    assert truth.fitted.reviews == truth.defaults.reviews > 100
    assert not optimizer.check(DEFAULT_PARAMETERS, reviews, since).adopted  # the defaults
    wrong = list(DEFAULT_PARAMETERS)
    wrong[:4] = [50.0, 60.0, 70.0, 80.0]  # remembers everything for months: far off
    bad = optimizer.check(wrong, reviews, since)
    assert not bad.adopted and bad.fitted.log_loss > bad.defaults.log_loss


# --------------------------------------------------------------- fsrs's Optimizer, for real


def test_fsrs_fits_from_512_usable_reviews_and_returns_its_defaults_below():
    """Our count is fsrs's: 511 usable reviews and it returns its defaults untouched (the
    old code stored those as "fitted"); from 512 it fits."""
    reviews = optimizer.recall_reviews(history(120, 60), CALENDAR)
    usable = optimizer.scored(reviews)
    assert len(usable) > optimizer.MINI_BATCH

    def first(count: int):
        last = usable[count - 1].moment
        return [r for r in reviews if r.moment <= last]

    below, at = first(optimizer.MINI_BATCH - 1), first(optimizer.MINI_BATCH)
    assert optimizer.usable_count(below) == optimizer.MINI_BATCH - 1
    assert optimizer.usable_count(at) == optimizer.MINI_BATCH
    fitted_below = optimizer.fsrs_optimizer(optimizer.fsrs_review_logs(below))
    assert fitted_below == list(DEFAULT_PARAMETERS)
    fitted_at = optimizer.fsrs_optimizer(optimizer.fsrs_review_logs(at))
    assert fitted_at != list(DEFAULT_PARAMETERS)


@pytest.fixture(scope="module")
def weak_fit(weak_learner):
    """fsrs's real fit on the weak learner's reviews but the latest fifth (half a minute)."""
    _, train, _ = weak_learner
    return optimizer.fsrs_optimizer(optimizer.fsrs_review_logs(train))


@pytest.fixture(scope="module")
def typical_fit(typical_learner):
    _, train, _ = typical_learner
    return optimizer.fsrs_optimizer(optimizer.fsrs_review_logs(train))


def test_a_fit_that_predicts_the_latest_reviews_better_is_adopted(weak_learner, weak_fit):
    reviews, _, since = weak_learner
    outcome = optimizer.check(weak_fit, reviews, since)
    assert outcome.adopted and outcome.fitted.log_loss < outcome.defaults.log_loss
    assert outcome.fitted.rmse < outcome.defaults.rmse


def test_a_fit_that_does_not_is_dropped(typical_learner, typical_fit):
    """On a learner the defaults already describe, 570 reviews overfit: the fit predicts
    the latest reviews worse, and the defaults stay."""
    reviews, _, since = typical_learner
    outcome = optimizer.check(typical_fit, reviews, since)
    assert typical_fit != list(DEFAULT_PARAMETERS)
    assert not outcome.adopted and outcome.fitted.log_loss >= outcome.defaults.log_loss


# ------------------------------------------------------------- fit_parameters, stored


def _same_input(expected_train):
    """A fit that hands back a fit computed above on the same reviews, after checking that
    the service gives fsrs exactly those reviews (the same days and ratings, in order)."""

    def check_then(fitted):
        def fit(logs):
            wanted = optimizer.fsrs_review_logs(expected_train)
            assert [(log.rating, log.review_datetime) for log in logs] == [
                (log.rating, log.review_datetime) for log in wanted
            ]
            return fitted

        return fit

    return check_then


def test_fit_parameters_keeps_a_better_fit_and_says_so(
    app, factories, clock, weak_learner, weak_fit
):
    from quizapp.extensions import db
    from quizapp.models import User

    reviews, train, _ = weak_learner
    learner, _ = store(app, factories, history(150, 120, weak_memory()))
    with app.app_context():
        row = db.session.get(User, learner.id)
        result = optimizer.fit_parameters(
            db.session, row, now=clock.now(), fit=_same_input(train)(weak_fit)
        )
        assert result.adopted and result.parameters == weak_fit
        assert result.usable == optimizer.usable_count(reviews) > optimizer.OPTIMIZER_MINIMUM
        assert result.train == optimizer.usable_count(train)
        stored = db.session.get(User, learner.id)
        assert stored.fsrs_parameters == weak_fit
        assert stored.fsrs_fit["adopted"] is True
        assert stored.fsrs_fit["fitted"]["log_loss"] < stored.fsrs_fit["defaults"]["log_loss"]
        assert stored.fsrs_fit["held_out"] == result.held_out > 0


def test_fit_parameters_keeps_the_defaults_when_the_fit_is_not_better(
    app, factories, clock, typical_learner, typical_fit
):
    from quizapp.extensions import db
    from quizapp.models import User

    _, train, _ = typical_learner
    learner, _ = store(app, factories, history(150, 120))
    with app.app_context():
        row = db.session.get(User, learner.id)
        row.fsrs_parameters = list(weak_memory())  # an earlier fit: replaced by the defaults
        db.session.commit()
        result = optimizer.fit_parameters(
            db.session, row, now=clock.now(), fit=_same_input(train)(typical_fit)
        )
        assert not result.adopted and result.parameters is None
        stored = db.session.get(User, learner.id)
        assert stored.fsrs_parameters is None
        assert stored.fsrs_fit["adopted"] is False
        assert stored.fsrs_fit["fitted_at"] == clock.now().isoformat()


def test_too_few_usable_reviews_are_refused(app, factories, clock):
    from quizapp.extensions import db
    from quizapp.models import User

    learner, _ = store(app, factories, history(40, 30))
    with app.app_context():
        row = db.session.get(User, learner.id)
        with pytest.raises(optimizer.NotEnoughReviews) as refused:
            optimizer.fit_parameters(db.session, row, now=clock.now())
        assert "it needs 640 (512 to fit, the latest 20% to check the fit)" in str(
            refused.value.message
        )
        assert db.session.get(User, learner.id).fsrs_fit is None
