"""PostgreSQL: end a request that only read with COMMIT, not ROLLBACK.

psycopg prepares a statement on the server once it has run five times on a connection, so
PostgreSQL stops parsing and planning it on every request.  But psycopg drops every
prepared statement whenever a transaction is rolled back, and Flask-SQLAlchemy ends each
request's session with a rollback: most requests only read, so the statements of the
flashcard queue and the quiz page were planned again on every request.

For a transaction that wrote nothing, COMMIT and ROLLBACK do the same; so, at the end of a
request, a transaction that ran nothing but SELECTs, with no ORM change pending, and whose
request raised nothing, is committed.  Anything else is left to Flask-SQLAlchemy's
rollback, as before.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from quizapp.extensions import db

_WROTE = "quizapp_wrote"


def register(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "postgresql":
        return  # SQLite's statement cache survives a rollback
    _track_writes(engine)

    @app.teardown_appcontext
    def commit_if_read_only(error: BaseException | None) -> None:
        # Registered after Flask-SQLAlchemy's own teardown, so it runs before it.
        session = db.session()
        transaction = session.get_transaction()
        if error is not None or transaction is None or not transaction.is_active:
            return
        if session.new or session.dirty or session.deleted:
            return
        if session.connection().info.get(_WROTE, True):
            return
        # Objects the request loaded stay usable, as after the usual rollback and close.
        session.expire_on_commit = False
        try:
            session.commit()
        except SQLAlchemyError:  # e.g. a statement failed and was caught: nothing to keep
            session.rollback()
        finally:
            session.expire_on_commit = True


def _track_writes(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def started(connection: Connection) -> None:
        connection.info[_WROTE] = False

    @event.listens_for(engine, "before_cursor_execute")
    def executing(connection: Connection, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip()[:6].upper() != "SELECT":
            connection.info[_WROTE] = True
