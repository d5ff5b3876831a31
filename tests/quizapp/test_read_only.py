"""quizapp.read_only: a request that only read ends with COMMIT on PostgreSQL (so psycopg
keeps its prepared statements); one that changed anything without committing still loses
the change."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text, update

from quizapp.extensions import db
from quizapp.models import User


def _add_routes(app, user_id: int) -> None:
    @app.get("/_test/read")
    def read() -> str:
        return str(db.session.execute(select(User.email).where(User.id == user_id)).scalar())

    @app.get("/_test/prepared")
    def prepared() -> dict:
        statements = db.session.execute(text("SELECT statement FROM pg_prepared_statements"))
        return {"statements": list(statements.scalars())}

    @app.post("/_test/write-without-commit")
    def write_without_commit() -> str:
        db.session.execute(update(User).where(User.id == user_id).values(timezone="Asia/Tokyo"))
        return "written, not committed"

    @app.post("/_test/change-without-commit")
    def change_without_commit() -> str:
        db.session.get(User, user_id).timezone = "America/Lima"
        return "changed, not committed"


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_read_only_requests_keep_their_prepared_statements(app, factories):
    user = factories.user()
    _add_routes(app, user.id)
    client = app.test_client()
    for _ in range(8):  # psycopg prepares a statement at its sixth run on a connection
        assert client.get("/_test/read").get_data(as_text=True) == user.email
    statements = client.get("/_test/prepared").get_json()["statements"]
    assert any("FROM users" in statement for statement in statements)


def test_changes_left_uncommitted_are_still_rolled_back(app, factories):
    user = factories.user()
    _add_routes(app, user.id)
    with app.app_context():
        before = db.session.get(User, user.id).timezone
    client = app.test_client()
    assert client.post("/_test/write-without-commit").status_code == 200
    assert client.post("/_test/change-without-commit").status_code == 200
    assert client.get("/_test/read").status_code == 200  # and a read after them
    with app.app_context():
        assert db.session.get(User, user.id).timezone == before
