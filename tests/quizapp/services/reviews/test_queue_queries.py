"""The queue's SQL: the one due query uses its index on both engines."""

from __future__ import annotations

from datetime import datetime, timedelta

from fsrs import State
from sqlalchemy import insert, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ClauseElement, Executable

from quizapp.extensions import db
from quizapp.models import Card, CardState, QuestionSet, User
from quizapp.services.reviews import queue_queries


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
            query = queue_queries.due_query(
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
