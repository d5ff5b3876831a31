"""Undo: the previous state comes back exactly, and a card answered since is refused."""

from __future__ import annotations

import pytest
from fsrs import Rating

from quizapp.extensions import db
from quizapp.models import Card
from quizapp.services import reviews, scheduling
from quizapp.services.errors import Conflict, ValidationFailed
from tests.quizapp.review_helpers import as_user, card_ids, log_count, make_deck, rate, state_of


def test_undo_restores_the_previous_state_exactly(app, factories, clock):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 3))
    rate(app, user.id, ids[0], 4, clock.now())
    clock.advance(days=9)
    before = state_of(app, user.id, ids[0])
    logs_before = log_count(app, user.id)
    rate(app, user.id, ids[0], 1, clock.now())  # a lapse
    assert state_of(app, user.id, ids[0])["lapses"] == 1
    with as_user(app, user.id) as row:
        undone = reviews.undo_last(db.session, row, now=clock.now())
    assert undone.rating == 1
    after = state_of(app, user.id, ids[0])
    assert {k: v for k, v in after.items() if k != "version"} == {
        k: v for k, v in before.items() if k != "version"
    }
    assert after["version"] > before["version"]
    assert log_count(app, user.id) == logs_before
    with as_user(app, user.id) as row:  # then the first review, then nothing
        reviews.undo_last(db.session, row, now=clock.now())
        assert state_of(app, user.id, ids[0]) is None
        with pytest.raises(ValidationFailed) as nothing:
            reviews.undo_last(db.session, row, now=clock.now())
        assert nothing.value.code == "nothing_to_undo"


def test_undo_refuses_when_a_quiz_answered_the_card_since(app, factories, clock):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 2))
    rate(app, user.id, ids[0], 3, clock.now())
    clock.advance(minutes=10)
    with as_user(app, user.id) as row:
        card = db.session.get(Card, ids[0])
        scheduling.apply_review(
            db.session, user=row, card=card, rating=Rating.Good, now=clock.now(), origin="quiz"
        )
        db.session.commit()
        with pytest.raises(Conflict):
            reviews.undo_last(db.session, row, now=clock.now())
    assert log_count(app, user.id) == 2
