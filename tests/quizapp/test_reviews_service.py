"""The review use cases: the queue and its one indexed query, limits, the study day, undo,
suspend, bury, flag, concurrency and settings."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, State
from sqlalchemy import event, insert, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ClauseElement, Executable

from quizapp.extensions import db
from quizapp.models import Card, CardState, QuestionSet, ReviewLog, User
from quizapp.services import reviews, scheduling
from quizapp.services.errors import Conflict, ValidationFailed
from tests.conftest import PASSWORD
from tests.quizapp.review_helpers import (
    as_user,
    card_ids,
    log_count,
    make_deck,
    set_user,
    snapshot,
    state_of,
)

# ----------------------------------------------------------------- EXPLAIN the due query


class Explain(Executable, ClauseElement):
    """``EXPLAIN <statement>`` with the statement's own bind parameters (and their types)."""

    inherit_cache = False

    def __init__(self, statement, prefix: str) -> None:
        self.statement = statement
        self.prefix = prefix


@compiles(Explain)
def _compile_explain(element, compiler, **kw):
    return f"{element.prefix} {compiler.process(element.statement, **kw)}"


def _populate(users: int, cards: int, start: datetime) -> tuple[int, int]:
    """``users`` x ``cards`` card states, due over 60 days, some suspended or buried.
    Returns one user's id and the set's.  Rows go in with executemany: data, not a use case."""
    session = db.session
    set_id = session.execute(
        insert(QuestionSet)
        .values(name="Bulk", description="", created_at=start, updated_at=start)
        .returning(QuestionSet.id)
    ).scalar_one()
    session.execute(
        insert(Card),
        [
            {
                "set_id": set_id,
                "key": f"c{i}",
                "position": i,
                "front": "f",
                "back": "b",
                "category": "actor",
                "data": {},
                "active": True,
            }
            for i in range(cards)
        ],
    )
    card_rows = list(session.execute(select(Card.id).where(Card.set_id == set_id)).scalars())
    session.execute(
        insert(User),
        [
            {"email": f"bulk{u}@example.com", "password_hash": "x", "created_at": start}
            for u in range(users)
        ],
    )
    user_rows = list(session.execute(select(User.id).where(User.email.like("bulk%"))).scalars())
    rows = []
    for u_index, user_id in enumerate(user_rows):
        for c_index, card_id in enumerate(card_rows):
            n = u_index * cards + c_index
            rows.append(
                {
                    "user_id": user_id,
                    "card_id": card_id,
                    "set_id": set_id,
                    "state": int(State.Review),
                    "step": None,
                    "stability": 5.0,
                    "difficulty": 5.0,
                    "due": start + timedelta(hours=(n * 7) % (60 * 24)),
                    "last_review": start - timedelta(days=3),
                    "reps": 3,
                    "lapses": 0,
                    "suspended": n % 17 == 0,
                    "buried_until": start + timedelta(hours=5) if n % 23 == 0 else None,
                    "flagged": False,
                    "leech": False,
                    "version": 3,
                }
            )
    session.execute(insert(CardState), rows)
    session.commit()
    return user_rows[len(user_rows) // 2], set_id


def test_due_query_uses_its_index(app, clock, capsys):
    """EXPLAIN the one due query on both engines.  The tables hold 20,000 states of 200
    users and are ANALYZEd, so the planner's choice is its own (no enable_seqscan=off)."""
    with app.app_context():
        user_id, bulk_set = _populate(users=200, cards=100, start=clock.now())
        engine = db.engine.dialect.name
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        now = clock.now()
        for set_id in (None, bulk_set):
            query = reviews.due_query(
                user_id, now=now, cutoff=now + timedelta(days=1), set_id=set_id
            )
            prefix = "EXPLAIN QUERY PLAN" if engine == "sqlite" else "EXPLAIN"
            plan_rows = db.session.execute(Explain(query, prefix)).all()
            plan = "\n".join(str(row[-1]) for row in plan_rows)
            with capsys.disabled():
                print(f"\n--- {engine}, set={set_id}: {prefix} of the due query ---\n{plan}")
            assert "ix_card_states_user_due" in plan
            if engine == "sqlite":
                assert "SEARCH card_states USING INDEX ix_card_states_user_due" in plan
                assert "SCAN card_states" not in plan
            else:
                assert "Seq Scan on card_states" not in plan
            # and the query gives what the plan promises
            rows = db.session.execute(query).all()
            states = [db.session.get(CardState, row.state_id) for row in rows]
            assert states and all(s.user_id == user_id and not s.suspended for s in states)
            assert all(s.buried_until is None or s.buried_until <= now for s in states)
            assert [row.due for row in rows] == sorted(row.due for row in rows)


# ------------------------------------------------------------------------- the queue


def _rate(app, user_id, card_id, rating, now, **kw):
    with as_user(app, user_id) as user:
        return reviews.review(db.session, user, card_id=card_id, rating=rating, now=now, **kw)


def _queue(app, user_id, now, set_id=None, **kw):
    """The queue as (card, kind) pairs and its counts.  Every call also checks that the
    one-statement ``reviews.counts`` agrees with the counts of the queue built in full."""
    with as_user(app, user_id) as user:
        queue = reviews.build_queue(db.session, user, now=now, set_id=set_id, **kw)
        if not kw.get("exclude"):
            counts = reviews.counts(db.session, user, now=now, set_id=set_id)
            assert counts == queue.counts
            assert {type(n) for n in counts.as_dict().values()} == {int}  # not Decimal
        return [(item.card_id, item.kind) for item in queue.items], queue.counts


def test_new_cards_come_in_bank_order_interleaved_across_categories(app, factories, clock):
    user = factories.user()
    set_id = make_deck(factories, 40)
    ids = card_ids(app, set_id)
    set_user(app, user.id, new_cards_per_day=9)
    items, counts = _queue(app, user.id, clock.now(), set_id)
    # actors are 0-9, dates 10-19, places 20-29, outcomes 30-39 in the bank
    assert [ids.index(card_id) for card_id, _ in items] == [0, 10, 20, 30, 1, 11, 21, 31, 2]
    assert counts == reviews.Counts(new=9, learning=0, review=0)
    # the round goes on where it was as cards are learnt (and a flag keeps a card new)
    _rate(app, user.id, ids[0], 3, clock.now())
    _rate(app, user.id, ids[10], 3, clock.now())
    with as_user(app, user.id) as row:
        reviews.set_flagged(db.session, row, card_id=ids[20], flagged=True, now=clock.now())
    items, counts = _queue(app, user.id, clock.now(), set_id)
    new = [ids.index(card_id) for card_id, kind in items if kind == "new"]
    assert new == [20, 30, 1, 11, 21, 31, 2]


def test_reviews_first_oldest_due_first_then_learning_then_new(app, factories, clock):
    user = factories.user()
    set_id = make_deck(factories, 8, grouped=False)
    ids = card_ids(app, set_id)
    start = clock.now()
    # Three cards go to review (Easy), on different days, so they fall due on different days.
    _rate(app, user.id, ids[0], 4, start)
    _rate(app, user.id, ids[1], 4, start - timedelta(days=0))
    clock.advance(days=1)
    _rate(app, user.id, ids[2], 4, clock.now())
    with app.app_context():  # make the due dates distinct and known
        for card_id, due in ((ids[0], 12), (ids[1], 10), (ids[2], 11)):
            state = db.session.execute(
                select(CardState).where(CardState.card_id == card_id)
            ).scalar_one()
            state.due = start + timedelta(days=due)
            state.version += 1
        db.session.commit()
    clock.set(start + timedelta(days=13))
    _rate(app, user.id, ids[3], 3, clock.now())  # new -> learning, due in 10 minutes
    clock.advance(minutes=11)
    _rate(app, user.id, ids[4], 1, clock.now())  # new -> learning, due in 1 minute
    items, counts = _queue(app, user.id, clock.now(), set_id)
    order = [(ids.index(card_id), kind) for card_id, kind in items]
    assert order[:3] == [(1, "review"), (2, "review"), (0, "review")]  # oldest due first
    assert order[3] == (3, "learning")  # due now
    assert [kind for _, kind in order[4:]] == ["new"] * 3 + ["learning"]  # learn ahead last
    assert order[-1] == (4, "learning")
    assert counts == reviews.Counts(new=3, learning=2, review=3)


def test_counts_of_every_started_set_agree_with_the_queue(app, factories, clock):
    """Across sets: only started sets count, limits apply once, a deleted set drops out."""
    user = factories.user()
    first = card_ids(app, make_deck(factories, 12, name="First"))
    second_set = make_deck(factories, 12, name="Second")
    second = card_ids(app, second_set)
    make_deck(factories, 12, name="Never started")
    set_user(app, user.id, new_cards_per_day=30, max_reviews_per_day=3)
    assert _queue(app, user.id, clock.now())[1] == reviews.Counts(0, 0, 0)  # nothing started
    for card_id in first[:5]:
        _rate(app, user.id, card_id, 4, clock.now())  # Easy: in review, due in days
    _rate(app, user.id, first[5], 1, clock.now())  # learning, due in a minute
    _rate(app, user.id, second[0], 3, clock.now())  # learning, due in 10 minutes
    _, counts = _queue(app, user.id, clock.now())
    assert counts == reviews.Counts(new=6 + 11, learning=2, review=0)
    set_user(app, user.id, new_cards_per_day=10)
    _, counts = _queue(app, user.id, clock.now())
    assert counts == reviews.Counts(new=10 - 7, learning=2, review=0)  # 7 started today
    set_user(app, user.id, new_cards_per_day=30)
    clock.advance(days=40)
    _, counts = _queue(app, user.id, clock.now())
    assert counts == reviews.Counts(new=17, learning=2, review=3)  # 5 due, 3 allowed
    with app.app_context():
        db.session.get(QuestionSet, second_set).deleted_at = clock.now()
        db.session.commit()
    _, counts = _queue(app, user.id, clock.now())
    assert counts == reviews.Counts(new=6, learning=1, review=3)


def test_daily_limits(app, factories, clock):
    user = factories.user()
    set_id = make_deck(factories, 12)
    ids = card_ids(app, set_id)
    set_user(app, user.id, new_cards_per_day=3, max_reviews_per_day=2)
    for card_id in [item for item, _ in _queue(app, user.id, clock.now(), set_id)[0]]:
        _rate(app, user.id, card_id, 4, clock.now())  # Easy: to review, due in days
    _, counts = _queue(app, user.id, clock.now(), set_id)
    assert counts == reviews.Counts(0, 0, 0)
    with pytest.raises(ValidationFailed) as refused:
        _rate(app, user.id, ids[-1], 3, clock.now())
    assert refused.value.code == "new_limit"
    clock.advance(days=40)
    _, counts = _queue(app, user.id, clock.now(), set_id)
    assert counts == reviews.Counts(new=3, learning=0, review=2)  # 3 due, 2 allowed


def test_study_day_rolls_over_at_4am_local(app, factories, clock):
    user = factories.user()
    set_user(app, user.id, timezone="Europe/Paris")  # UTC+1 in March 2026 (until the 29th)
    with as_user(app, user.id) as row:
        at_0330 = datetime(2026, 3, 3, 2, 30, tzinfo=UTC)  # 03:30 in Paris
        at_0430 = datetime(2026, 3, 3, 3, 30, tzinfo=UTC)  # 04:30 in Paris
        first, second = reviews.study_day(row, at_0330), reviews.study_day(row, at_0430)
        assert first.date == datetime(2026, 3, 2).date()
        assert second.date == datetime(2026, 3, 3).date()
        assert first.end == second.start == at_0430 - timedelta(minutes=30)
        # the study day across the change to summer time (2 a.m. on 29 March) lasts 23 hours
        spring = reviews.study_day(row, datetime(2026, 3, 28, 12, tzinfo=UTC))
        assert spring.end - spring.start == timedelta(hours=23)


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
    items, counts = _queue(app, user.id, clock.now(), set_id)
    assert {card_id for card_id, _ in items} == {ids[2], ids[3]}
    assert counts.new == 2
    with as_user(app, user.id) as row:
        overview = reviews.study_overview(db.session, row, now=clock.now())
        assert [(s.id, s.counts.new) for s in overview.sets] == [(set_id, 2)]
        assert overview.total.new == 2
    # both stay new: a row that holds only a burial or a suspension is no review
    assert state_of(app, user.id, ids[0])["reps"] == 0
    with pytest.raises(ValidationFailed) as refused:
        _rate(app, user.id, ids[0], 3, clock.now())
    assert refused.value.code == "buried"
    with pytest.raises(ValidationFailed) as refused:
        _rate(app, user.id, ids[1], 3, clock.now())
    assert refused.value.code == "suspended"
    clock.set(datetime(2026, 3, 3, 9, 0, tzinfo=UTC))  # 4 a.m. in New York: unburied
    items, _ = _queue(app, user.id, clock.now(), set_id)
    assert ids[0] in {card_id for card_id, _ in items}
    assert ids[1] not in {card_id for card_id, _ in items}
    with as_user(app, user.id) as row:
        reviews.set_suspended(db.session, row, card_id=ids[1], suspended=False, now=clock.now())
    assert state_of(app, user.id, ids[1]) is None  # nothing left to hold: no row
    # a review state that is buried stays out of the due query, then comes back
    _rate(app, user.id, ids[2], 1, clock.now())
    with as_user(app, user.id) as row:
        reviews.set_buried(db.session, row, card_id=ids[2], buried=True, now=clock.now())
    clock.advance(minutes=5)
    assert ids[2] not in {c for c, _ in _queue(app, user.id, clock.now(), set_id)[0]}
    clock.advance(days=1)
    assert ids[2] in {c for c, _ in _queue(app, user.id, clock.now(), set_id)[0]}


def test_flag_keeps_a_card_new_and_survives_reviews(app, factories, clock):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 2))
    with as_user(app, user.id) as row:
        reviews.set_flagged(db.session, row, card_id=ids[0], flagged=True, now=clock.now())
    assert state_of(app, user.id, ids[0])["flagged"] is True
    assert _queue(app, user.id, clock.now())[1].new == 2  # the flagged card is still new
    result = _rate(app, user.id, ids[0], 3, clock.now())
    assert result.state == "learning"
    assert state_of(app, user.id, ids[0])["flagged"] is True
    with as_user(app, user.id) as row:
        undone = reviews.undo_last(db.session, row, now=clock.now())
    assert undone.state is None  # new again...
    kept = state_of(app, user.id, ids[0])
    assert kept["reps"] == 0 and kept["flagged"] is True  # ...and still flagged


# ------------------------------------------------------------------------------- undo


def test_undo_restores_the_previous_state_exactly(app, factories, clock):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 3))
    _rate(app, user.id, ids[0], 4, clock.now())
    clock.advance(days=9)
    before = state_of(app, user.id, ids[0])
    logs_before = log_count(app, user.id)
    _rate(app, user.id, ids[0], 1, clock.now())  # a lapse
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
    _rate(app, user.id, ids[0], 3, clock.now())
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


# ------------------------------------------------------------------------ concurrency


def test_a_stale_version_is_a_conflict_and_changes_nothing(app, factories, clock):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 2))
    first = _rate(app, user.id, ids[0], 1, clock.now())
    before = snapshot(app)
    with pytest.raises(Conflict):
        _rate(app, user.id, ids[0], 3, clock.now(), expected_version=first.version - 1)
    assert snapshot(app) == before
    assert _rate(app, user.id, ids[0], 3, clock.now(), expected_version=first.version)


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
    _rate(app, user.id, ids[0], 4, clock.now())  # in review
    clock.advance(days=30)
    with pytest.raises(Conflict):
        _interleave(app, user.id, ids[0], clock.now(), when=lambda sql: sql.startswith("update"))
    with app.app_context():
        logs = list(db.session.execute(select(ReviewLog.review_id, ReviewLog.rating)).all())
    assert sorted(logs, key=str) == sorted([(None, 4), ("other", 3)], key=str)
    assert _replay_ok(app, user.id)


def test_two_first_reviews_of_a_new_card_at_once_only_one_applies(app, factories, clock):
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 2))

    def before_the_insert(sql: str) -> bool:  # the last read before writing: today's new cards
        return sql.startswith("select") and "review_logs" in sql and "sum(" in sql

    with pytest.raises(Conflict):
        _interleave(app, user.id, ids[0], clock.now(), when=before_the_insert)
    with app.app_context():
        assert db.session.execute(select(ReviewLog.review_id)).scalars().all() == ["other"]
    assert _replay_ok(app, user.id)


def test_concurrent_requests_through_http(app, factories, clock):
    """Two clients post different reviews of one due card at the same moment: exactly one
    is recorded; the other gets 409 (they overlapped) or 400 not due (it came second)."""
    user = factories.user()
    ids = card_ids(app, make_deck(factories, 2))
    _rate(app, user.id, ids[0], 4, clock.now())
    clock.advance(days=30)
    token = (
        app.test_client()
        .post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD})
        .get_json()["token"]
    )
    barrier = threading.Barrier(2)
    statuses = []

    def post(rating):
        client = app.test_client()
        barrier.wait()
        response = client.post(
            "/api/v1/review",
            json={"card_id": ids[0], "rating": rating, "review_id": f"r{rating}"},
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
    assert _replay_ok(app, user.id)


def _replay_ok(app, user_id) -> bool:
    with app.app_context():
        return reviews.replay_check(db.session, user_id=user_id)[1] == []


# --------------------------------------------------------------------------- settings


def test_settings_are_validated_all_or_nothing(app, factories):
    user = factories.user()
    with as_user(app, user.id) as row:
        with pytest.raises(reviews.SettingsInvalid) as invalid:
            reviews.update_settings(
                db.session,
                row,
                {
                    "desired_retention": "0.5",
                    "new_cards_per_day": "-1",
                    "learning_steps": "1m ten",
                    "timezone": "Mars/Olympus",
                    "maximum_interval_days": "0",
                },
            )
        db.session.rollback()
        assert set(invalid.value.errors) == {
            "desired_retention",
            "new_cards_per_day",
            "learning_steps",
            "timezone",
            "maximum_interval_days",
        }
        assert "0.70 and 0.99" in invalid.value.errors["desired_retention"]
        saved = reviews.update_settings(
            db.session,
            row,
            {
                "desired_retention": "0.85",
                "new_cards_per_day": "5",
                "max_reviews_per_day": 100,
                "learning_steps": " 1M   5m 1h",
                "relearning_steps": "",
                "maximum_interval_days": "365",
                "timezone": "Asia/Tokyo",
            },
        )
        assert saved.learning_steps == "1m 5m 1h" and saved.relearning_steps == ""
        assert saved.desired_retention == 0.85 and saved.timezone == "Asia/Tokyo"
        assert scheduling.scheduler_for(row).relearning_steps == ()
