"""Rating a card under concurrency: a stale version, two reviews at once, two first
reviews of a new card, and two clients through HTTP.  Only one ever applies."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from quizapp.extensions import db
from quizapp.models import ReviewLog, User
from quizapp.services import reviews
from quizapp.services.errors import Conflict, ValidationFailed
from quizapp.services.reviews import rating
from tests.conftest import PASSWORD
from tests.quizapp.review_helpers import (
    card_ids,
    log_count,
    make_deck,
    rate,
    replay_ok,
    snapshot,
)


def test_a_stale_version_is_a_conflict_and_changes_nothing(app, factories, clock):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 2))
    first = rate(app, user.id, ids[0], 1, clock.now())
    before = snapshot(app)
    with pytest.raises(Conflict):
        rate(app, user.id, ids[0], 3, clock.now(), expected_version=first.version - 1)
    assert snapshot(app) == before
    assert rate(app, user.id, ids[0], 3, clock.now(), expected_version=first.version)


def _interleave(app, user_id, card_id, now, *, when):
    """Run a review in a second session at the moment ``when(sql)`` says, from the SQL about
    to be sent: between the first request's read and its write.  Returns the first
    request's outcome."""
    fired = []

    def other_request(conn, cursor, statement, parameters, context, executemany):
        if fired or not when(statement.lower()):
            return
        fired.append(True)
        with Session(db.engine) as other:
            row = other.get(User, user_id)
            reviews.review(other, row, card_id=card_id, rating=3, now=now, review_id="other")

    with app.app_context(), Session(db.engine) as session:
        user = session.get(User, user_id)
        event.listen(db.engine, "before_cursor_execute", other_request)
        try:
            return reviews.review(
                session, user, card_id=card_id, rating=1, now=now, review_id="mine"
            )
        finally:
            event.remove(db.engine, "before_cursor_execute", other_request)
            assert fired


def test_two_reviews_of_a_card_at_once_only_one_applies(app, factories, clock):
    """The other request commits between this one's read and its compare-and-set."""
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 2))
    rate(app, user.id, ids[0], 4, clock.now())  # in review
    clock.advance(days=30)
    with pytest.raises(Conflict):
        _interleave(app, user.id, ids[0], clock.now(), when=lambda sql: sql.startswith("update"))
    with app.app_context():
        logs = list(db.session.execute(select(ReviewLog.review_id, ReviewLog.rating)).all())
    assert sorted(logs, key=str) == sorted([(None, 4), ("other", 3)], key=str)
    assert replay_ok(app, user.id)


def test_two_first_reviews_of_a_new_card_at_once_only_one_applies(app, factories, clock):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 2))

    def before_the_insert(sql: str) -> bool:  # the last read before writing: today's new cards
        return sql.startswith("select") and "review_logs" in sql and "sum(" in sql

    with pytest.raises(Conflict):
        _interleave(app, user.id, ids[0], clock.now(), when=before_the_insert)
    with app.app_context():
        assert db.session.execute(select(ReviewLog.review_id)).scalars().all() == ["other"]
    assert replay_ok(app, user.id)


def test_concurrent_requests_through_http(app, factories, clock):
    """Two clients post different reviews of one due card at the same moment: exactly one
    is recorded; the other gets 409 (they overlapped) or 400 not due (it came second)."""
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 2))
    rate(app, user.id, ids[0], 4, clock.now())
    clock.advance(days=30)
    token = (
        app.test_client()
        .post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD})
        .get_json()["token"]
    )
    barrier = threading.Barrier(2)
    statuses = []

    def post(given):
        client = app.test_client()
        barrier.wait()
        response = client.post(
            "/api/v1/review",
            json={"card_id": ids[0], "rating": given, "review_id": f"r{given}"},
            headers={"Authorization": f"Bearer {token}"},
        )
        statuses.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=post, args=(r,)) for r in (2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    codes = sorted(code for code, _ in statuses)
    assert codes in ([200, 400], [200, 409]), statuses
    assert log_count(app, user.id) == 2  # the first review and one of the two
    assert replay_ok(app, user.id)


# ------------------------------------------------------------------- the input (pure)


def test_the_reviews_input_is_checked_before_anything_is_read():
    for good in (1, 2, 3, 4):
        assert rating.valid_rating(good) == good
    for bad in (0, 5, "3", 2.5, True, None):
        with pytest.raises(ValidationFailed) as refused:
            rating.valid_rating(bad)
        assert refused.value.code == "bad_rating"
    assert rating.valid_review_id(None) is None and rating.valid_review_id("abc") == "abc"
    for bad in ("", "  ", 12, "x" * 65):
        with pytest.raises(ValidationFailed):
            rating.valid_review_id(bad)
    assert rating.valid_duration(None) is None and rating.valid_duration(0) == 0
    for bad in (-1, "fast", 24 * 3600 * 1000 + 1, False):
        with pytest.raises(ValidationFailed):
            rating.valid_duration(bad)
    assert rating.valid_version(None) is None and rating.valid_version(0) == 0
    assert rating.valid_version(7) == 7
    for bad in (-1, "2", True, 1.5):
        with pytest.raises(ValidationFailed) as refused:
            rating.valid_version(bad)
        assert refused.value.message == '"version" must be a whole number, 0 or more.'


def test_the_time_on_a_card_from_the_page():
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    made = int(now.timestamp() * 1000)
    assert rating.duration_from_page(made - 4500, now) == 4500
    assert rating.duration_from_page(made, now) == 0
    assert rating.duration_from_page(None, now) is None
    assert rating.duration_from_page(made + 10, now) is None  # from the future
    assert rating.duration_from_page(made - 3600 * 1000 - 1, now) is None  # left open
