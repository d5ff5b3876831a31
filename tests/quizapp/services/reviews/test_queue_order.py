"""The queue's order and today's counts: pure functions of what is due and the limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import State

from quizapp.services.reviews.queue_order import (
    Counts,
    DueItems,
    DueRow,
    Limits,
    QueueItem,
    TodayDone,
    capped,
    counts_of,
    order,
    sort_due,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY_END = datetime(2026, 3, 3, 4, 0, tzinfo=UTC)
REVIEW, LEARNING = int(State.Review), int(State.Learning)
NOTHING_DONE = TodayDone(new=0, reviews=0)


def _review(card_id: int, set_id: int = 1) -> QueueItem:
    return QueueItem(card_id, set_id, "review")


def _learning(card_id: int, set_id: int = 1) -> QueueItem:
    return QueueItem(card_id, set_id, "learning")


def _new(card_id: int, set_id: int = 1) -> QueueItem:
    return QueueItem(card_id, set_id, "new")


def test_due_rows_are_sorted_into_the_queues_parts_in_their_order():
    rows = [
        DueRow(1, 1, REVIEW, NOW - timedelta(days=2)),
        DueRow(2, 1, LEARNING, NOW - timedelta(minutes=1)),
        DueRow(3, 2, REVIEW, NOW + timedelta(hours=3)),
        DueRow(4, 1, LEARNING, NOW + timedelta(minutes=10)),
        DueRow(5, 1, LEARNING, NOW + timedelta(minutes=30)),  # beyond the learn-ahead limit
        DueRow(6, 1, REVIEW, DAY_END + timedelta(minutes=1)),  # tomorrow's
    ]
    due = sort_due(rows, now=NOW, day_end=DAY_END)
    assert due.reviews == [_review(1), _review(3, 2)]
    assert due.learning_now == [_learning(2)]
    assert due.learning_ahead == [_learning(4)]
    assert due.learning == [_learning(2), _learning(4)]


def test_learning_now_then_reviews_then_new_then_learning_ahead():
    """Anki's v3 order: a (re)learning card due now comes before the review pile."""
    due = DueItems([_review(1), _review(2)], [_learning(3)], [_learning(4)])
    items, counts = order(due, [_new(5), _new(6)], limits=Limits(20, 200), done=NOTHING_DONE)
    assert [item.card_id for item in items] == [3, 1, 2, 5, 6, 4]
    assert counts == Counts(new=2, learning=2, review=2)


def test_reviews_stop_at_what_is_left_of_the_daily_limit():
    due = DueItems([_review(1), _review(2), _review(3)])
    items, counts = order(due, [], limits=Limits(20, 5), done=TodayDone(new=0, reviews=3))
    assert [item.card_id for item in items] == [1, 2]
    assert counts.review == 2
    _, counts = order(due, [], limits=Limits(20, 5), done=TodayDone(new=0, reviews=9))
    assert counts == Counts(0, 0, 0)
    # new cards studied today count toward the review limit (Anki's v3)
    items, _ = order(due, [], limits=Limits(20, 5), done=TodayDone(new=2, reviews=2))
    assert [item.card_id for item in items] == [1]


def test_new_cards_take_only_what_the_reviews_leave_of_the_review_limit():
    reviews = DueItems([_review(i) for i in range(1, 21)])  # 20 due, a limit of 5
    fresh = [_new(100 + i) for i in range(20)]
    items, counts = order(reviews, fresh, limits=Limits(20, 5), done=NOTHING_DONE)
    assert counts == Counts(new=0, learning=0, review=5)
    assert {item.kind for item in items} == {"review"}
    few = DueItems([_review(1), _review(2)])
    items, counts = order(few, fresh, limits=Limits(20, 5), done=NOTHING_DONE)
    assert counts == Counts(new=3, learning=0, review=2)
    assert [item.kind for item in items] == ["review"] * 2 + ["new"] * 3


def test_an_excluded_card_is_left_out_but_keeps_its_place_under_the_limit():
    due = DueItems([_review(1), _review(2), _review(3)], [_learning(4)])
    items, counts = order(due, [_new(5)], limits=Limits(20, 3), done=NOTHING_DONE, exclude={1, 4})
    assert [item.card_id for item in items] == [2, 3]  # the limit of 3 is the reviews'
    assert counts == Counts(new=0, learning=0, review=2)
    items, counts = order(due, [_new(5)], limits=Limits(20, 4), done=NOTHING_DONE, exclude={1})
    assert [item.card_id for item in items] == [4, 2, 3, 5]


def test_limits_and_counts():
    limits = Limits(new_per_day=10, reviews_per_day=50)
    done = TodayDone(new=7, reviews=30)
    assert limits.reviews_left(done) == 13  # 50 - 30 reviews - 7 new cards
    assert limits.new_left(done) == 3
    assert limits.new_left(done, reviews_due=11) == 2
    assert limits.new_left(done, reviews_due=40) == 0
    assert capped(new=12, learning=4, review=8, limits=limits, done=done) == Counts(3, 4, 8)
    assert capped(new=12, learning=4, review=20, limits=limits, done=done) == Counts(0, 4, 13)
    assert Counts(1, 2, 3).total == 6
    assert Counts(1, 2, 3).as_dict() == {"new": 1, "learning": 2, "review": 3}


def test_the_overviews_counts_per_set_and_in_all():
    due = DueItems(
        [_review(1, set_id=1), _review(2, set_id=2), _review(3, set_id=2)],
        [_learning(4, set_id=2)],
        [_learning(5, set_id=1)],
    )
    limits = Limits(new_per_day=5, reviews_per_day=4)
    first = counts_of(due, new_cards=9, limits=limits, done=NOTHING_DONE, set_id=1)
    second = counts_of(due, new_cards=2, limits=limits, done=NOTHING_DONE, set_id=2)
    every = counts_of(due, new_cards=11, limits=limits, done=NOTHING_DONE)
    assert first == Counts(new=3, learning=1, review=1)
    assert second == Counts(new=2, learning=1, review=2)
    assert every == Counts(new=1, learning=2, review=3)  # the limits apply once
