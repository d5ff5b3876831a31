"""``quizapp srs``: replay-check and optimize, through the command line."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import CardState, User
from tests.quizapp.review_helpers import apply_review, card_ids, make_deck
from tests.quizapp.services.reviews.optimizer_helpers import history, store


def test_srs_replay_check_command(app, factories, clock, runner):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 3))
    for offset, card_id in enumerate(ids):
        apply_review(app, user.id, card_id, 3, clock.now() + timedelta(minutes=offset))
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
    apply_review(app, user.id, card_id, 3, clock.now())
    result = runner.invoke(args=["srs", "optimize", user.email])
    assert result.exit_code == 1
    assert "has 0 recall reviews the optimizer can learn from" in result.output
    assert "it needs 640" in result.output
    result = runner.invoke(args=["srs", "optimize", "nobody@example.com"])
    assert result.exit_code == 1
    assert "No account with the email nobody@example.com" in result.output


def test_srs_optimize_fits_checks_and_reports_both_figures(app, factories, clock, runner):
    """fsrs's real fit (torch comes with the dev extra) on a learner the defaults already
    describe: the fit does not predict their latest reviews better, and the defaults stay."""
    learner, _ = store(app, factories, history(150, 120))
    result = runner.invoke(args=["srs", "optimize", learner.email])
    assert result.exit_code == 0, result.output
    assert re.search(r"Fitted on \d+ of \d+ usable recall reviews", result.output)
    assert re.search(r"fitted\s+log loss 0\.\d{4}\s+RMSE 0\.\d{4}", result.output)
    assert re.search(r"defaults\s+log loss 0\.\d{4}\s+RMSE 0\.\d{4}", result.output)
    assert "the defaults stay in use" in result.output
    with app.app_context():
        stored = db.session.get(User, learner.id)
        assert stored.fsrs_parameters is None and stored.fsrs_fit["adopted"] is False


def test_srs_replay_check_of_an_unknown_learner(app, runner):
    result = runner.invoke(args=["srs", "replay-check", "--email", "nobody@example.com"])
    assert result.exit_code == 1
    assert "No account with the email nobody@example.com." in result.output
