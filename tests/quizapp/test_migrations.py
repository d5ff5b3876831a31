"""The migrations build the schema the models describe, on every engine."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect

from quizapp.extensions import db


def _drop_everything(app) -> None:
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


@pytest.fixture(autouse=True)
def schema_restored(app):
    """Whatever a test leaves (a failed assert at an old revision), the next test in the
    session gets the models' schema back: these tests share the PostgreSQL database."""
    yield
    _drop_everything(app)
    with app.app_context():
        db.create_all()


def test_upgrade_to_head_matches_the_models(app):
    _drop_everything(app)
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"users", "question_sets", "card_states", "review_logs"} <= tables
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            diff = compare_metadata(context, db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"


def test_due_index_exists_after_migration(app):
    _drop_everything(app)
    with app.app_context():
        upgrade()
        indexes = {
            ix["name"]: ix["column_names"] for ix in inspect(db.engine).get_indexes("card_states")
        }
        assert indexes["ix_card_states_user_due"] == ["user_id", "due"]


BEFORE_ACCOUNTS = "ea2655060239"
INSERT_USER = (
    "INSERT INTO users (id, email, password_hash, role, created_at, timezone, "
    "desired_retention, new_cards_per_day, max_reviews_per_day, learning_steps, "
    "relearning_steps, maximum_interval_days) VALUES (:id, :email, 'x', 'student', "
    "'2026-01-01 00:00:00', 'UTC', 0.9, 20, 200, '1m 10m', '10m', 36500)"
)
#: A public set with id 1, as the revisions since the flags one know the table.
INSERT_SET = (
    "INSERT INTO question_sets (id, name, description, visibility, version, created_at, "
    "updated_at, shuffle_questions, shuffle_choices, feedback_mode) VALUES (1, 'S', '', "
    "'public', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00', false, false, 'deferred')"
)


def _at_revision_before_accounts(app) -> None:
    _drop_everything(app)
    with app.app_context():
        upgrade(revision=BEFORE_ACCOUNTS)


def test_accounts_revision_normalises_emails_and_dates_old_tokens(app):
    from datetime import UTC, datetime

    from sqlalchemy import text

    _at_revision_before_accounts(app)
    with app.app_context(), db.engine.begin() as connection:
        for user_id, email in [(1, "ＡＮＡ@example.com"), (2, "Bob@Example.com"), (3, "c@d.org")]:
            connection.execute(text(INSERT_USER), {"id": user_id, "email": email})
        connection.execute(
            text(
                "INSERT INTO api_tokens (user_id, token_hash, created_at) "
                "VALUES (2, 'digest', '2026-01-01 00:00:00')"
            )
        )
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            emails = connection.execute(text("SELECT email FROM users ORDER BY id")).scalars()
            assert list(emails) == ["ana@example.com", "bob@example.com", "c@d.org"]
            name, expires = connection.execute(
                text("SELECT name, expires_at FROM api_tokens")
            ).one()
    assert name == "API token"
    if isinstance(expires, str):  # SQLite hands the text back
        expires = datetime.fromisoformat(expires)
    days_left = (expires.replace(tzinfo=UTC) - datetime.now(UTC)).days
    assert 28 <= days_left <= 30


def test_accounts_revision_stops_on_look_alike_accounts(app, capsys):
    import pytest
    from sqlalchemy import text

    _at_revision_before_accounts(app)
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text(INSERT_USER), {"id": 1, "email": "ana@example.com"})
        connection.execute(text(INSERT_USER), {"id": 2, "email": "ａｎａ@example.com"})
    try:
        with app.app_context():
            with pytest.raises(SystemExit):  # Flask-Migrate logs the error and exits
                upgrade()
            logged = capsys.readouterr().err
            assert "keep one of each" in logged
            assert "user 1 ('ana@example.com'), user 2 ('ａｎａ@example.com')" in logged
            with db.engine.connect() as connection:
                emails = connection.execute(text("SELECT email FROM users ORDER BY id")).scalars()
                assert list(emails) == ["ana@example.com", "ａｎａ@example.com"]  # unchanged
    finally:
        # Leave the schema the models describe (PostgreSQL keeps its database between tests).
        _drop_everything(app)
        with app.app_context():
            db.create_all()


BEFORE_MATERIAL = "8c48717d69ce"


def test_material_revision_orders_categories_and_keeps_scores(app):
    """Existing sets get their categories in order of first appearance; existing attempt
    questions are worth 1 point (their scores stay), descriptions 0; downgrade and upgrade
    again work."""
    import json

    from flask_migrate import downgrade
    from sqlalchemy import text

    _drop_everything(app)
    with app.app_context():
        upgrade(revision=BEFORE_MATERIAL)
        with db.engine.begin() as connection:
            connection.execute(text(INSERT_USER), {"id": 1, "email": "a@example.com"})
            connection.execute(
                text(
                    "INSERT INTO question_sets (id, name, description, visibility, version, "
                    "created_at, updated_at, shuffle_questions, shuffle_choices, feedback_mode) "
                    "VALUES (1, 'S', '', 'public', 1, '2026-01-01 00:00:00', "
                    "'2026-01-01 00:00:00', true, true, 'deferred')"
                )
            )
            for position, (key, category) in enumerate(
                [("q1", "outcome"), ("q2", None), ("q3", "actor"), ("q4", "outcome")]
            ):
                connection.execute(
                    text(
                        "INSERT INTO questions (set_id, key, position, type, category, data) "
                        "VALUES (1, :key, :position, 'essay', :category, '{}')"
                    ),
                    {"key": key, "position": position, "category": category},
                )
            connection.execute(
                text(
                    "INSERT INTO cards (set_id, key, position, front, back, category, data, "
                    "active) VALUES (1, 'c1', 0, 'f', 'b', 'date', '{}', true)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO attempts (id, user_id, set_id, started_at, feedback_mode, "
                    "current_position, max_score, version) VALUES (1, 1, 1, "
                    "'2026-01-01 00:00:00', 'deferred', 0, 1, 1)"
                )
            )
            for position, kind in enumerate(["description", "multiple_choice"]):
                connection.execute(
                    text(
                        "INSERT INTO attempt_questions (attempt_id, position, question_key, "
                        "data) VALUES (1, :position, :key, :data)"
                    ),
                    {"position": position, "key": kind, "data": json.dumps({"type": kind})},
                )
        upgrade()
        with db.engine.connect() as connection:
            order = connection.execute(
                text("SELECT category_order FROM question_sets WHERE id = 1")
            ).scalar_one()
            points = connection.execute(
                text("SELECT question_key, points FROM attempt_questions ORDER BY position")
            ).all()
        if isinstance(order, str):  # SQLite hands JSON back as text
            order = json.loads(order)
        assert order == ["outcome", "actor", "date"]
        assert [(key, float(value)) for key, value in points] == [
            ("description", 0.0),
            ("multiple_choice", 1.0),
        ]
        downgrade(revision=BEFORE_MATERIAL)
        upgrade()


BEFORE_INTEGRITY = "db8186d76b33"


def test_integrity_revision_gives_each_attempt_its_own_key_and_opens_flashcards(app):
    """Existing attempts get a random 64-hex-digit key each (their ids show under new
    names from then on); existing course sets keep their flashcards open."""
    from sqlalchemy import text

    _drop_everything(app)
    with app.app_context():
        upgrade(revision=BEFORE_INTEGRITY)
    try:
        with app.app_context(), db.engine.begin() as connection:
            connection.execute(text(INSERT_USER), {"id": 1, "email": "ana@example.com"})
            connection.execute(
                text(
                    "INSERT INTO question_sets (id, name, description, visibility, version, "
                    "shuffle_questions, shuffle_choices, feedback_mode, created_at, updated_at) "
                    "VALUES (1, 'S', '', 'public', 1, true, true, 'deferred', "
                    "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                )
            )
            for attempt_id in (1, 2, 3):
                connection.execute(
                    text(
                        "INSERT INTO attempts (id, user_id, set_id, started_at, feedback_mode, "
                        "current_position, max_score, version) VALUES (:id, 1, 1, "
                        "'2026-01-01 00:00:00', 'deferred', 0, 1, 1)"
                    ),
                    {"id": attempt_id},
                )
            connection.execute(
                text(
                    "INSERT INTO courses (id, name, owner_id, join_code, created_at) "
                    "VALUES (1, 'C', 1, 'CODE', '2026-01-01 00:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO course_sets (course_id, set_id, grading_method, shuffle, "
                    "feedback_mode, review_show_response, review_show_correctness, "
                    "review_show_answer, review_show_feedback) "
                    "VALUES (1, 1, 'highest', true, 'deferred', true, true, false, true)"
                )
            )
        with app.app_context():
            upgrade()
            with db.engine.connect() as connection:
                keys = connection.execute(text("SELECT ids_key FROM attempts")).scalars().all()
                opened = connection.execute(
                    text("SELECT flashcards_open FROM course_sets")
                ).scalar_one()
        assert len(keys) == 3 and len(set(keys)) == 3
        assert all(len(key) == 64 and int(key, 16) >= 0 for key in keys)
        assert opened in (True, 1)
    finally:
        _drop_everything(app)
        with app.app_context():
            db.create_all()


BEFORE_FLAGS = "5d3f0c9a1e27"


def test_flags_revision_leaves_existing_questions_unflagged_and_downgrades(app):
    from flask_migrate import downgrade
    from sqlalchemy import text

    _drop_everything(app)
    _flags_round_trip(app, downgrade, text)


def _flags_round_trip(app, downgrade, text) -> None:
    with app.app_context():
        upgrade(revision=BEFORE_FLAGS)
        with db.engine.begin() as connection:
            connection.execute(text(INSERT_USER), {"id": 1, "email": "a@example.com"})
            connection.execute(text(INSERT_SET))
            connection.execute(
                text(
                    "INSERT INTO attempts (id, user_id, set_id, started_at, feedback_mode, "
                    "current_position, max_score, version, ids_key) "
                    "VALUES (1, 1, 1, '2026-01-01 00:00:00', 'deferred', 0, 1, 1, :key)"
                ),
                {"key": "ab" * 32},
            )
            connection.execute(
                text(
                    "INSERT INTO attempt_questions (attempt_id, position, question_key, data) "
                    "VALUES (1, 0, 'q1', '{}')"
                )
            )
        upgrade()
        with db.engine.connect() as connection:
            flags = connection.execute(text("SELECT flagged FROM attempt_questions")).scalars()
            assert list(flags) == [False]
        downgrade(revision=BEFORE_FLAGS)
        columns = {c["name"] for c in inspect(db.engine).get_columns("attempt_questions")}
        assert "flagged" not in columns and "question_key" in columns
        upgrade()


BEFORE_CLOZE = "5d1f0c7b2a94"


def test_cloze_revision_keeps_cards_as_front_and_back_and_downgrades(app):
    from flask_migrate import downgrade
    from sqlalchemy import text

    _drop_everything(app)
    with app.app_context():
        upgrade(revision=BEFORE_CLOZE)
        with db.engine.begin() as connection:
            connection.execute(text(INSERT_SET))
            connection.execute(
                text(
                    "INSERT INTO cards (set_id, key, position, front, back, data, active) "
                    "VALUES (1, 'c1', 0, 'Capital?', 'Ankara', '{}', true)"
                )
            )
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(text("SELECT front, back, cloze FROM cards")).all()
        assert [tuple(row) for row in rows] == [("Capital?", "Ankara", None)]
        downgrade(revision=BEFORE_CLOZE)
        columns = {c["name"] for c in inspect(db.engine).get_columns("cards")}
        assert "cloze" not in columns and "front" in columns
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM cards")).scalar() == 1
        upgrade()


BEFORE_NEW_RANK = "7c2e9b4d1a60"  # the cloze revision


def test_new_rank_revision_ranks_existing_cards_within_set_and_category(app):
    """Each active card gets its place among the active cards of its category in its set
    (by position); a retired card gets none; the downgrade drops the column."""
    from flask_migrate import downgrade
    from sqlalchemy import text

    _drop_everything(app)
    with app.app_context():
        upgrade(revision=BEFORE_NEW_RANK)
        with db.engine.begin() as connection:
            for set_id in (1, 2):
                connection.execute(
                    text(
                        "INSERT INTO question_sets (id, name, description, visibility, version, "
                        "shuffle_questions, shuffle_choices, feedback_mode, created_at, "
                        "updated_at) VALUES (:id, :name, '', 'public', 1, true, true, "
                        "'deferred', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                    ),
                    {"id": set_id, "name": f"S{set_id}"},
                )
            cards = [  # (id, set, position, category, active)
                (1, 1, 3, "date", True),
                (2, 1, 0, "actor", True),
                (3, 1, 1, "date", False),
                (4, 1, 2, "actor", True),
                (5, 1, 4, None, True),
                (6, 1, 5, "date", True),
                (7, 2, 0, "date", True),
            ]
            for card_id, set_id, position, category, active in cards:
                connection.execute(
                    text(
                        "INSERT INTO cards (id, set_id, key, position, front, back, category, "
                        "data, active) VALUES (:id, :set_id, :key, :position, 'f', 'b', "
                        ":category, '{}', :active)"
                    ),
                    {
                        "id": card_id,
                        "set_id": set_id,
                        "key": f"k{card_id}",
                        "position": position,
                        "category": category,
                        "active": active,
                    },
                )
        upgrade()
        with db.engine.connect() as connection:
            ranks = dict(connection.execute(text("SELECT id, new_rank FROM cards")).all())
        assert ranks == {1: 1, 2: 1, 3: None, 4: 2, 5: 1, 6: 2, 7: 1}
        downgrade(revision=BEFORE_NEW_RANK)
        columns = {c["name"] for c in inspect(db.engine).get_columns("cards")}
        assert "new_rank" not in columns
        upgrade()


BEFORE_STATE_COLUMN = "7a3e9c41b8d2"  # the new-card rank revision


def test_before_state_revision_copies_the_state_out_of_the_json_and_downgrades(app):
    """Each log entry's ``before_state`` is its ``state_before["state"]`` (None for a card
    that was new), so today's counts stay what they were; the downgrade drops it."""
    import json

    from flask_migrate import downgrade
    from sqlalchemy import text

    _drop_everything(app)
    with app.app_context():
        upgrade(revision=BEFORE_STATE_COLUMN)
        with db.engine.begin() as connection:
            connection.execute(text(INSERT_USER), {"id": 1, "email": "a@example.org"})
            connection.execute(text(INSERT_SET))
            connection.execute(
                text(
                    "INSERT INTO cards (id, set_id, key, position, front, back, data, active) "
                    "VALUES (1, 1, 'k', 0, 'f', 'b', '{}', true)"
                )
            )
            befores = {1: None, 2: {"state": 1, "reps": 1}, 3: {"state": 2, "reps": 2}}
            for log_id, before in befores.items():
                connection.execute(
                    text(
                        "INSERT INTO review_logs (id, user_id, card_id, rating, reviewed_at, "
                        "origin, state_before, state_after) VALUES (:id, 1, 1, 3, "
                        "'2026-01-02 00:00:00', 'review', :before, '{}')"
                    ),
                    {"id": log_id, "before": None if before is None else json.dumps(before)},
                )
        upgrade()
        with db.engine.connect() as connection:
            copied = dict(
                connection.execute(text("SELECT id, before_state FROM review_logs")).all()
            )
        assert copied == {1: None, 2: 1, 3: 2}
        indexes = {
            ix["name"]: ix["column_names"] for ix in inspect(db.engine).get_indexes("review_logs")
        }
        assert indexes["ix_review_logs_user_reviewed_at"] == [
            "user_id",
            "reviewed_at",
            "origin",
            "before_state",
        ]
        downgrade(revision=BEFORE_STATE_COLUMN)
        columns = {c["name"] for c in inspect(db.engine).get_columns("review_logs")}
        assert "before_state" not in columns
        upgrade()
