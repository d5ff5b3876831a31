"""The queue through the database: the bank's order interleaved across categories, reviews
before learning before new cards, counts across sets, and the daily limits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import CardState, QuestionSet
from quizapp.services import reviews
from quizapp.services.errors import ValidationFailed
from tests.quizapp.review_helpers import as_user, card_ids, make_deck, queue_of, rate, set_user


def test_new_cards_come_in_bank_order_interleaved_across_categories(app, factories, clock):
    user = factories.user()
    set_id = make_deck(factories, 40)
    ids = card_ids(app, set_id)
    set_user(app, user.id, new_cards_per_day=9)
    items, counts = queue_of(app, user.id, clock.now(), set_id)
    # actors are 0-9, dates 10-19, places 20-29, outcomes 30-39 in the bank
    assert [ids.index(card_id) for card_id, _ in items] == [0, 10, 20, 30, 1, 11, 21, 31, 2]
    assert counts == reviews.Counts(new=9, learning=0, review=0)
    # the round goes on where it was as cards are learnt (and a flag keeps a card new)
    rate(app, user.id, ids[0], 3, clock.now())
    rate(app, user.id, ids[10], 3, clock.now())
    with as_user(app, user.id) as row:
        reviews.set_flagged(db.session, row, card_id=ids[20], flagged=True, now=clock.now())
    items, counts = queue_of(app, user.id, clock.now(), set_id)
    new = [ids.index(card_id) for card_id, kind in items if kind == "new"]
    assert new == [20, 30, 1, 11, 21, 31, 2]


def test_learning_due_now_first_then_reviews_oldest_due_first_then_new(app, factories, clock):
    user = factories.user()
    set_id = make_deck(factories, 8, grouped=False)
    ids = card_ids(app, set_id)
    start = clock.now()
    # Three cards go to review (Easy), on different days, so they fall due on different days.
    rate(app, user.id, ids[0], 4, start)
    rate(app, user.id, ids[1], 4, start - timedelta(days=0))
    clock.advance(days=1)
    rate(app, user.id, ids[2], 4, clock.now())
    with app.app_context():  # make the due dates distinct and known
        for card_id, due in ((ids[0], 12), (ids[1], 10), (ids[2], 11)):
            state = db.session.execute(
                select(CardState).where(CardState.card_id == card_id)
            ).scalar_one()
            state.due = start + timedelta(days=due)
            state.version += 1
        db.session.commit()
    clock.set(start + timedelta(days=13))
    rate(app, user.id, ids[3], 3, clock.now())  # new -> learning, due in 10 minutes
    clock.advance(minutes=11)
    rate(app, user.id, ids[4], 1, clock.now())  # new -> learning, due in 1 minute
    items, counts = queue_of(app, user.id, clock.now(), set_id)
    order = [(ids.index(card_id), kind) for card_id, kind in items]
    assert order[0] == (3, "learning")  # due now: before the reviews (Anki's v3)
    assert order[1:4] == [(1, "review"), (2, "review"), (0, "review")]  # oldest due first
    assert [kind for _, kind in order[4:]] == ["new"] * 3 + ["learning"]  # learn ahead last
    assert order[-1] == (4, "learning")
    assert counts == reviews.Counts(new=3, learning=2, review=3)


def test_counts_of_every_started_set_agree_with_thequeue_of(app, factories, clock):
    """Across sets: only started sets count, limits apply once, a deleted set drops out."""
    user = factories.user()
    first = card_ids(app, make_deck(factories, 12, name="First"))
    second_set = make_deck(factories, 12, name="Second")
    second = card_ids(app, second_set)
    make_deck(factories, 12, name="Never started")
    set_user(app, user.id, new_cards_per_day=30, max_reviews_per_day=100)
    assert queue_of(app, user.id, clock.now())[1] == reviews.Counts(0, 0, 0)  # nothing started
    for card_id in first[:5]:
        rate(app, user.id, card_id, 4, clock.now())  # Easy: in review, due in days
    rate(app, user.id, first[5], 1, clock.now())  # learning, due in a minute
    rate(app, user.id, second[0], 3, clock.now())  # learning, due in 10 minutes
    _, counts = queue_of(app, user.id, clock.now())
    assert counts == reviews.Counts(new=6 + 11, learning=2, review=0)
    set_user(app, user.id, new_cards_per_day=10)
    _, counts = queue_of(app, user.id, clock.now())
    assert counts == reviews.Counts(new=10 - 7, learning=2, review=0)  # 7 started today
    set_user(app, user.id, new_cards_per_day=30, max_reviews_per_day=3)
    clock.advance(days=40)
    _, counts = queue_of(app, user.id, clock.now())
    # 5 due, 3 allowed; the review limit leaves no room for new cards
    assert counts == reviews.Counts(new=0, learning=2, review=3)
    set_user(app, user.id, max_reviews_per_day=6)
    _, counts = queue_of(app, user.id, clock.now())
    assert counts == reviews.Counts(new=1, learning=2, review=5)
    with app.app_context():
        db.session.get(QuestionSet, second_set).deleted_at = clock.now()
        db.session.commit()
    _, counts = queue_of(app, user.id, clock.now())
    assert counts == reviews.Counts(new=1, learning=1, review=5)


def test_daily_limits(app, factories, clock):
    user = factories.user()
    set_id = make_deck(factories, 12)
    ids = card_ids(app, set_id)
    set_user(app, user.id, new_cards_per_day=3, max_reviews_per_day=10)
    for card_id in [item for item, _ in queue_of(app, user.id, clock.now(), set_id)[0]]:
        rate(app, user.id, card_id, 4, clock.now())  # Easy: to review, due in days
    _, counts = queue_of(app, user.id, clock.now(), set_id)
    assert counts == reviews.Counts(0, 0, 0)
    with pytest.raises(ValidationFailed) as refused:
        rate(app, user.id, ids[-1], 3, clock.now())
    assert refused.value.code == "new_limit"
    clock.advance(days=40)
    _, counts = queue_of(app, user.id, clock.now(), set_id)
    assert counts == reviews.Counts(new=3, learning=0, review=3)


def test_review_limit_5_with_20_due_offers_no_new_card(app, factories, clock):
    """Anki's v3 default: new cards take what the reviews due leave of the review limit."""
    user = factories.user()
    set_id = make_deck(factories, 30)
    ids = card_ids(app, set_id)
    set_user(app, user.id, new_cards_per_day=20, max_reviews_per_day=100)
    for card_id in ids[:20]:
        rate(app, user.id, card_id, 4, clock.now())  # Easy: in review
    set_user(app, user.id, max_reviews_per_day=5)
    clock.advance(days=60)  # all 20 due
    items, counts = queue_of(app, user.id, clock.now(), set_id)
    assert counts == reviews.Counts(new=0, learning=0, review=5)
    assert [kind for _, kind in items] == ["review"] * 5
    with pytest.raises(ValidationFailed) as refused:  # the API refuses one too
        rate(app, user.id, ids[25], 3, clock.now())
    assert refused.value.code == "new_limit"
    with as_user(app, user.id) as row:
        shown = reviews.next_card(db.session, row, now=clock.now(), set_id=set_id)
        assert shown.kind == "review"


def test_a_due_relearning_card_comes_before_due_reviews(app, factories, clock):
    user = factories.user()
    set_id = make_deck(factories, 6)
    ids = card_ids(app, set_id)
    for card_id in ids[:4]:
        rate(app, user.id, card_id, 4, clock.now())  # Easy: in review
    clock.advance(days=40)  # all four due
    rate(app, user.id, ids[0], 1, clock.now())  # forgotten: relearning, 10 minutes
    items, _ = queue_of(app, user.id, clock.now(), set_id)
    assert [kind for _, kind in items[:3]] == ["review"] * 3  # not due yet: after the pile
    clock.advance(minutes=10)
    items, _ = queue_of(app, user.id, clock.now(), set_id)
    assert items[0] == (ids[0], "learning")
    assert [kind for _, kind in items[1:4]] == ["review"] * 3


def test_a_backlog_past_the_review_limit_still_shows_learning_cards_first(app, factories, clock):
    """The queue reads reviews due only up to the daily limit: a learning card due after
    the whole backlog (in due order) still comes first and is counted."""
    user = factories.user()
    set_id = make_deck(factories, 10, grouped=False)
    ids = card_ids(app, set_id)
    start = clock.now()
    for card_id in ids[:8]:
        rate(app, user.id, card_id, 4, start)  # to review, due in days
    clock.set(start + timedelta(days=60))  # all 8 overdue
    rate(app, user.id, ids[8], 1, clock.now())  # new -> learning, due in a minute
    set_user(app, user.id, max_reviews_per_day=3, new_cards_per_day=0)
    clock.advance(minutes=2)
    items, counts = queue_of(app, user.id, clock.now(), set_id)
    assert items[0] == (ids[8], "learning")
    # the new card started today takes one review of the limit of 3 (as in Anki)
    assert [kind for _, kind in items[1:]] == ["review"] * 2
    assert counts == reviews.Counts(new=0, learning=1, review=2)
    items, counts = queue_of(app, user.id, clock.now(), None)
    assert items[0] == (ids[8], "learning") and len(items) == 3
