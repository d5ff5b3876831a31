"""Suspend, bury and flag: out of the queue and back, and a new card stays new."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quizapp.extensions import db
from quizapp.models import CardState
from quizapp.services import reviews
from quizapp.services.errors import ValidationFailed
from quizapp.services.reviews import card_actions
from tests.quizapp.review_helpers import (
    as_user,
    card_ids,
    make_deck,
    queue_of,
    rate,
    set_user,
    state_of,
)


def test_bury_until_the_next_rollover_and_suspend(app, factories, clock):
    user = factories.user()
    set_user(app, user.id, timezone="America/New_York")  # 04:00 EST is 09:00 UTC
    set_id = make_deck(factories, 4, grouped=False)
    ids = card_ids(app, set_id)
    clock.set(datetime(2026, 3, 2, 15, tzinfo=UTC))
    with as_user(app, user.id) as row:
        flags = reviews.set_buried(db.session, row, card_id=ids[0], buried=True, now=clock.now())
        assert flags.buried_until == datetime(2026, 3, 3, 9, tzinfo=UTC)
        reviews.set_suspended(db.session, row, card_id=ids[1], suspended=True, now=clock.now())
    items, counts = queue_of(app, user.id, clock.now(), set_id)
    assert {card_id for card_id, _ in items} == {ids[2], ids[3]}
    assert counts.new == 2
    with as_user(app, user.id) as row:
        overview = reviews.study_overview(db.session, row, now=clock.now())
        assert [(s.id, s.counts.new) for s in overview.sets] == [(set_id, 2)]
        assert overview.total.new == 2
    # both stay new: a row that holds only a burial or a suspension is no review
    assert state_of(app, user.id, ids[0])["reps"] == 0
    with pytest.raises(ValidationFailed) as refused:
        rate(app, user.id, ids[0], 3, clock.now())
    assert refused.value.code == "buried"
    with pytest.raises(ValidationFailed) as refused:
        rate(app, user.id, ids[1], 3, clock.now())
    assert refused.value.code == "suspended"
    clock.set(datetime(2026, 3, 3, 9, 0, tzinfo=UTC))  # 4 a.m. in New York: unburied
    items, _ = queue_of(app, user.id, clock.now(), set_id)
    assert ids[0] in {card_id for card_id, _ in items}
    assert ids[1] not in {card_id for card_id, _ in items}
    with as_user(app, user.id) as row:
        reviews.set_suspended(db.session, row, card_id=ids[1], suspended=False, now=clock.now())
    assert state_of(app, user.id, ids[1]) is None  # nothing left to hold: no row
    # a review state that is buried stays out of the due query, then comes back
    rate(app, user.id, ids[2], 1, clock.now())
    with as_user(app, user.id) as row:
        reviews.set_buried(db.session, row, card_id=ids[2], buried=True, now=clock.now())
    clock.advance(minutes=5)
    assert ids[2] not in {c for c, _ in queue_of(app, user.id, clock.now(), set_id)[0]}
    clock.advance(days=1)
    assert ids[2] in {c for c, _ in queue_of(app, user.id, clock.now(), set_id)[0]}


def test_flag_keeps_a_card_new_and_survives_reviews(app, factories, clock):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 2))
    with as_user(app, user.id) as row:
        reviews.set_flagged(db.session, row, card_id=ids[0], flagged=True, now=clock.now())
    assert state_of(app, user.id, ids[0])["flagged"] is True
    assert queue_of(app, user.id, clock.now())[1].new == 2  # the flagged card is still new
    result = rate(app, user.id, ids[0], 3, clock.now())
    assert result.state == "learning"
    assert state_of(app, user.id, ids[0])["flagged"] is True
    with as_user(app, user.id) as row:
        undone = reviews.undo_last(db.session, row, now=clock.now())
    assert undone.state is None  # new again...
    kept = state_of(app, user.id, ids[0])
    assert kept["reps"] == 0 and kept["flagged"] is True  # ...and still flagged


def test_a_new_cards_row_goes_when_it_holds_nothing():
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)

    def new_row(**fields):
        values = {"reps": 0, "suspended": False, "flagged": False, "buried_until": None}
        return CardState(**{**values, **fields})

    assert card_actions.holds_nothing(new_row(), now)
    assert card_actions.holds_nothing(new_row(buried_until=now), now)  # the burial is over
    assert not card_actions.holds_nothing(new_row(buried_until=now + timedelta(hours=1)), now)
    assert not card_actions.holds_nothing(new_row(flagged=True), now)
    assert not card_actions.holds_nothing(new_row(suspended=True), now)
    assert not card_actions.holds_nothing(new_row(reps=1), now)  # reviewed: kept
    assert card_actions.flags_of(7, None).as_dict() == {
        "card_id": 7,
        "suspended": False,
        "buried_until": None,
        "flagged": False,
        "leech": False,
    }
    buried = new_row(buried_until=now, leech=True)
    assert card_actions.flags_of(7, buried).as_dict()["buried_until"] == now.isoformat()
