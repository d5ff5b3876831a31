"""What the study pages show around the queue: the study screen and the status."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from quizapp.extensions import db
from quizapp.services import reviews
from quizapp.services.errors import NotFound
from tests.quizapp.review_helpers import as_user, deck_questions, make_deck, rate, set_user


def test_the_study_screen_shows_a_card_then_when_the_next_comes(app, factories, clock):
    user = factories.user()
    set_user(app, user.id, new_cards_per_day=1, timezone="Europe/Paris")
    set_id = make_deck(factories, 3)
    clock.set(datetime(2026, 3, 2, 9, tzinfo=UTC))  # 10:00 in Paris
    with as_user(app, user.id) as row:
        screen = reviews.study_screen(db.session, row, now=clock.now(), set_id=set_id)
        assert screen.question_set.id == set_id and screen.shown.kind == "new"
        assert screen.next_due is None and screen.next_due_text == ""
        card_id = screen.shown.card.id
    rate(app, user.id, card_id, 4, clock.now())  # Easy: in review, days away
    with as_user(app, user.id) as row:
        screen = reviews.study_screen(db.session, row, now=clock.now(), set_id=set_id)
        assert screen.shown is None  # today's one new card is done
        # the next new card comes at the rollover: 4 a.m. in Paris
        assert screen.next_due == datetime(2026, 3, 3, 3, tzinfo=UTC)
        assert screen.next_due_text == "tomorrow at 04:00"
        status = reviews.status(db.session, row, now=clock.now(), set_id=set_id)
        assert status.as_dict() == {
            "counts": {"new": 0, "learning": 0, "review": 0},
            "next_due": "2026-03-03T03:00:00+00:00",
            "next_due_text": "tomorrow at 04:00",
        }
        everywhere = reviews.study_screen(db.session, row, now=clock.now())
        assert everywhere.question_set is None and everywhere.next_due == screen.next_due


def test_a_set_one_may_not_study_is_not_found(app, factories, clock):
    owner = factories.user(role="instructor")
    private = factories.question_set(
        name="Mine", questions=deck_questions(2), owner_id=owner.id, public=False
    )
    learner = factories.user()
    with as_user(app, learner.id) as row:
        for call in (reviews.study_screen, reviews.status):
            with pytest.raises(NotFound):
                call(db.session, row, now=clock.now(), set_id=private)
    with as_user(app, owner.id) as row:  # its owner may
        assert reviews.status(db.session, row, now=clock.now(), set_id=private).counts.new == 2
