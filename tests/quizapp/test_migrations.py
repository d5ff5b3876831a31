"""The migrations build the schema the models describe, on every engine."""

from __future__ import annotations

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
