"""``quizapp srs``: replay-check and optimize, through the command line."""

from __future__ import annotations

import importlib.util
from datetime import timedelta

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import CardState, ReviewLog
from quizapp.services import reviews
from tests.quizapp.review_helpers import apply_review, card_ids, make_deck


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


def test_srs_replay_check_of_an_unknown_learner(app, runner):
    result = runner.invoke(args=["srs", "replay-check", "--email", "nobody@example.com"])
    assert result.exit_code == 1
    assert "No account with the email nobody@example.com." in result.output
