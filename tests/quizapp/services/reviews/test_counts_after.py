"""The counts a review answers with are derived from the counts before it
(``reviews.counts_after``): they must be the counts a fresh count gives after it."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from fsrs import State

from quizapp.extensions import db
from quizapp.models import User
from quizapp.services import reviews
from quizapp.services.reviews import counts_after
from quizapp.services.reviews.queue_order import Counts, Limits, TodayDone
from tests.quizapp.review_helpers import card_ids, make_deck, set_user


def _study(app, user_id, set_ids, clock, *, scope_of, steps, seed):
    """Rate the next card of a random set ``steps`` times (random ratings and pauses);
    after each, compare the review's counts (in ``scope_of(card_set)``) with a new count."""
    rng = random.Random(seed)
    compared = 0
    for _ in range(steps):
        with app.app_context():
            user = db.session.get(User, user_id)
            set_id = rng.choice(set_ids)
            shown = reviews.next_card(db.session, user, now=clock.now(), set_id=set_id)
            if shown is None:
                clock.advance(timedelta(hours=rng.choice([1, 6, 20])))
                continue
            scope = scope_of(shown.card.set_id)
            result = reviews.review(
                db.session,
                user,
                card_id=shown.card.id,
                rating=rng.choice([1, 1, 2, 3, 3, 4]),
                now=clock.now(),
                with_counts=True,
                set_id=scope,
            )
            user = db.session.get(User, user_id)
            fresh = reviews.counts(db.session, user, now=clock.now(), set_id=scope)
            assert result.counts == fresh, (scope, shown.kind)
            compared += 1
        clock.advance(timedelta(minutes=rng.choice([0, 1, 5, 11, 30, 90])))
    return compared


@pytest.mark.parametrize("scope_name", ["own set", "other set", "all sets"])
def test_the_counts_after_a_review_are_a_new_count(app, factories, clock, scope_name):
    """Two decks, limits low enough to be reached (3 new, 6 reviews a day), steps both
    shorter and longer than the 20 minutes of learn-ahead, weeks of study with failures
    into relearning: in the card's set, in another set, and in all."""
    user = factories.user()
    set_user(
        app,
        user.id,
        new_cards_per_day=3,
        max_reviews_per_day=6,
        learning_steps="1m 30m",
        relearning_steps="45m",
    )
    first = make_deck(factories, 8, name="First deck")
    second = make_deck(factories, 8, name="Second deck")
    card_ids(app, first)
    scopes = {
        "own set": lambda card_set: card_set,
        "other set": lambda card_set: second if card_set == first else first,
        "all sets": lambda card_set: None,
    }
    compared = _study(
        app,
        user.id,
        [first, second],
        clock,
        scope_of=scopes[scope_name],
        steps=120,
        seed=len(scope_name),
    )
    assert compared >= 60


def _state(**values):
    base = {
        "state": int(State.Review),
        "reps": 3,
        "suspended": False,
        "buried_until": None,
        "due": None,
    }
    return {**base, **values}


def test_counted_as_follows_the_counting_queries(clock):
    now = clock.now()
    when = {"now": now, "day_end": now + timedelta(hours=8), "ahead": now + timedelta(minutes=20)}
    assert counts_after.counted_as(None, **when) == counts_after.NEW
    assert counts_after.counted_as(_state(reps=0), **when) == counts_after.NEW
    assert counts_after.counted_as(_state(due=now), **when) == counts_after.REVIEW
    assert counts_after.counted_as(_state(due=now + timedelta(days=1)), **when) is None
    learning = _state(state=int(State.Relearning), due=now + timedelta(minutes=10))
    assert counts_after.counted_as(learning, **when) == counts_after.LEARNING
    later = _state(state=int(State.Learning), due=now + timedelta(minutes=30))
    assert counts_after.counted_as(later, **when) is None
    assert counts_after.counted_as(_state(due=now, suspended=True), **when) is None
    buried = _state(due=now, buried_until=now + timedelta(hours=1))
    assert counts_after.counted_as(buried, **when) is None


def test_a_card_of_another_set_moves_only_the_limits():
    """Rated elsewhere, a card leaves this set's parts as they were; today's limits, which
    are the learner's over every set, still take its review."""
    limits = Limits(new_per_day=2, reviews_per_day=5)
    raw = counts_after.Raw(new=3, learning=1, review=5, done=TodayDone(new=0, reviews=0))
    rated = {"before": counts_after.REVIEW, "after": None, "done": counts_after.REVIEW}
    inside = counts_after.after_rating(raw, **rated, in_scope=True, limits=limits)
    outside = counts_after.after_rating(raw, **rated, in_scope=False, limits=limits)
    assert inside == Counts(new=0, learning=1, review=4)
    assert outside == Counts(new=0, learning=1, review=4)  # 5 due, 4 left of the limit
    relaxed = Limits(new_per_day=2, reviews_per_day=50)
    assert counts_after.after_rating(raw, **rated, in_scope=True, limits=relaxed) == Counts(
        new=2, learning=1, review=4
    )
    assert counts_after.after_rating(raw, **rated, in_scope=False, limits=relaxed) == Counts(
        new=2, learning=1, review=5
    )
