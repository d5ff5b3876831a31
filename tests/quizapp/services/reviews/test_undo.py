"""Undo as a stack of the day's actions: the previous state comes back exactly, only the
most recent action is undone, never a later one, and never one of an earlier study day."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fsrs import Rating
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Card, UndoStep
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
    with as_user(app, user.id) as row:  # the first review was nine days ago: not undone
        with pytest.raises(ValidationFailed) as nothing:
            reviews.undo_last(db.session, row, now=clock.now())
        assert nothing.value.code == "nothing_to_undo"
    assert log_count(app, user.id) == logs_before


def test_undo_refuses_when_a_quiz_answered_the_card_since(app, factories, clock):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 2))
    rate(app, user.id, ids[0], 3, clock.now())
    clock.advance(minutes=10)
    with as_user(app, user.id) as row:
        card = db.session.get(Card, ids[0])
        scheduling.apply_review(
            db.session,
            user=row,
            card=card,
            rating=Rating.Good,
            now=clock.now(),
            origin=scheduling.QUIZ_RECALL,
        )
        db.session.commit()
        with pytest.raises(Conflict):
            reviews.undo_last(db.session, row, now=clock.now())
    assert log_count(app, user.id) == 2


def _undo(app, user_id, clock):
    with as_user(app, user_id) as row:
        return reviews.undo_last(db.session, row, now=clock.now())


def _act(app, user_id, clock, action, card_id, value=True):
    services = {
        "suspend": (reviews.set_suspended, "suspended"),
        "bury": (reviews.set_buried, "buried"),
        "flag": (reviews.set_flagged, "flagged"),
    }
    service, name = services[action]
    with as_user(app, user_id) as row:
        return service(db.session, row, card_id=card_id, now=clock.now(), **{name: value})


def test_undo_after_review_then_suspend_undoes_the_suspension_only(app, factories, clock):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 3))
    rate(app, user.id, ids[0], 3, clock.now())
    reviewed = state_of(app, user.id, ids[0])
    clock.advance(seconds=5)
    _act(app, user.id, clock, "suspend", ids[0])
    undone = _undo(app, user.id, clock)
    assert (undone.action, undone.card_id, undone.rating) == ("suspend", ids[0], None)
    assert undone.message == "Undone: the suspension."
    after = state_of(app, user.id, ids[0])
    assert after["suspended"] is False and after["reps"] == 1  # the review stays
    assert {k: v for k, v in after.items() if k != "version"} == {
        k: v for k, v in reviewed.items() if k != "version"
    }
    assert log_count(app, user.id) == 1
    again = _undo(app, user.id, clock)  # then the review
    assert (again.action, again.rating) == ("review", 3)
    assert state_of(app, user.id, ids[0]) is None and log_count(app, user.id) == 0


def test_the_stack_undoes_the_days_actions_newest_first(app, factories, clock):
    """The same instant for every action (a frozen clock): the order is the order done."""
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 4))
    rate(app, user.id, ids[0], 3, clock.now())
    _act(app, user.id, clock, "flag", ids[1])  # a new card: its row holds the flag only
    _act(app, user.id, clock, "bury", ids[0])
    rate(app, user.id, ids[2], 4, clock.now())
    _act(app, user.id, clock, "flag", ids[2])
    _act(app, user.id, clock, "flag", ids[2], value=False)
    done = [
        (u.action, ids.index(u.card_id)) for u in (_undo(app, user.id, clock) for _ in range(6))
    ]
    assert done == [
        ("flag", 2),  # the unflagging
        ("flag", 2),
        ("review", 2),
        ("bury", 0),
        ("flag", 1),
        ("review", 0),
    ]
    for card_id in ids:
        assert state_of(app, user.id, card_id) is None  # all new again, no row left
    with pytest.raises(ValidationFailed):
        _undo(app, user.id, clock)


def test_undo_reaches_back_to_the_start_of_the_study_day_only(app, factories, clock):
    user = factories.user()  # in UTC: the day turns at 04:00
    ids = card_ids(app, make_deck(factories, 3))
    clock.set(datetime(2026, 3, 2, 3, 50, tzinfo=UTC))  # still 1 March's study day
    rate(app, user.id, ids[0], 3, clock.now())
    _act(app, user.id, clock, "flag", ids[1])
    clock.set(datetime(2026, 3, 2, 4, 10, tzinfo=UTC))
    _act(app, user.id, clock, "suspend", ids[2])
    assert _undo(app, user.id, clock).action == "suspend"
    with pytest.raises(ValidationFailed) as nothing:
        _undo(app, user.id, clock)
    assert nothing.value.code == "nothing_to_undo"
    assert state_of(app, user.id, ids[1])["flagged"] is True
    assert state_of(app, user.id, ids[0])["reps"] == 1
    _act(app, user.id, clock, "flag", ids[2])  # a new step purges yesterday's
    with app.app_context():
        assert {s.card_id for s in db.session.execute(select(UndoStep)).scalars()} == {ids[2]}


def test_undoing_a_burial_brings_the_card_back_to_the_queue(app, factories, clock):
    user = factories.user()
    set_id = make_deck(factories, 2)
    ids = card_ids(app, set_id)
    _act(app, user.id, clock, "bury", ids[0])
    with as_user(app, user.id) as row:
        shown = reviews.next_card(db.session, row, now=clock.now(), set_id=set_id)
        assert shown.card.id == ids[1]
        outcome = reviews.undo_and_show(db.session, row, now=clock.now(), set_id=set_id)
    assert outcome.undone.action == "bury" and outcome.shown.card.id == ids[0]
    assert state_of(app, user.id, ids[0]) is None
