"""Databases for the benchmark: create one per engine, migrate it, bulk-load rows, drop it.

The schema always comes from the project's migrations (``quizapp db upgrade`` on an empty
database), never from ``create_all``: the benchmark measures what production runs.

Bulk loading goes around the ORM: ``executemany`` of plain tuples on SQLite (one
transaction, journal off while loading, WAL again afterwards) and ``COPY ... FROM STDIN`` on
PostgreSQL.  Secondary indexes of the biggest table are dropped while it loads and rebuilt
from their own definitions afterwards (``IndexSet``), which is several times faster than
maintaining them row by row.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
CHUNK = 20_000


@dataclass
class Target:
    """One benchmark database."""

    engine: str  # "sqlite" or "postgresql"
    url: str  # SQLAlchemy URL, as QUIZAPP_DATABASE_URL
    path: Path | None = None  # the SQLite file
    admin_url: str | None = None  # PostgreSQL: where to CREATE/DROP DATABASE
    name: str | None = None  # PostgreSQL: the database name

    @property
    def dsn(self) -> str:
        """A libpq connection string for psycopg (PostgreSQL only)."""
        url = make_url(self.url)
        parts = [f"dbname={url.database}", f"host={url.host or '127.0.0.1'}"]
        parts.append(f"port={url.port or 5432}")
        parts.append(f"user={url.username or 'postgres'}")
        if url.password:
            parts.append(f"password={url.password}")
        return " ".join(parts)


def pg_admin_dsn(admin_url: str) -> str:
    url = make_url(admin_url)
    parts = [f"dbname={url.database or 'postgres'}", f"host={url.host or '127.0.0.1'}"]
    parts += [f"port={url.port or 5432}", f"user={url.username or 'postgres'}"]
    if url.password:
        parts.append(f"password={url.password}")
    return " ".join(parts)


def create_target(engine: str, workdir: Path, *, pg_admin_url: str, label: str) -> Target:
    """An empty database for ``engine``; the caller migrates it and drops it at the end."""
    if engine == "sqlite":
        path = workdir / f"{label}.db"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return Target(engine="sqlite", url=f"sqlite:///{path}", path=path)
    if engine != "postgresql":
        raise ValueError(f"unknown engine {engine!r}")
    name = f"quizapp_{label}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(pg_admin_dsn(pg_admin_url), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    return Target(engine="postgresql", url=url, admin_url=pg_admin_url, name=name)


def drop_target(target: Target) -> None:
    if target.engine == "sqlite":
        assert target.path is not None
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target.path}{suffix}").unlink(missing_ok=True)
        return
    assert target.admin_url and target.name
    with psycopg.connect(pg_admin_dsn(target.admin_url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target.name}" WITH (FORCE)')


def app_env(target: Target, secret_key: str) -> dict[str, str]:
    """The environment a server or a CLI command of the app gets for ``target``."""
    env = dict(os.environ)
    env.update(
        QUIZAPP_DATABASE_URL=target.url,
        QUIZAPP_SECRET_KEY=secret_key,
        PYTHONUNBUFFERED="1",
    )
    return env


def quizapp_command() -> list[str]:
    script = Path(sys.executable).parent / "quizapp"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from quizapp.cli import main; main()"]


def migrate(target: Target, secret_key: str) -> None:
    """``quizapp db upgrade`` on the empty database (Flask-Migrate, the project's revisions)."""
    subprocess.run(
        [*quizapp_command(), "db", "upgrade"],
        cwd=ROOT,
        env=app_env(target, secret_key),
        check=True,
        capture_output=True,
        timeout=300,
    )


# ------------------------------------------------------------------------------ loading


class Loader:
    """Raw, fast access to one database for bulk loading and timing."""

    engine: str

    def load(self, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> int:
        raise NotImplementedError

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """After the bulk load: make the database what the app expects."""

    def placeholder(self) -> str:
        return "?"


class SqliteLoader(Loader):
    engine = "sqlite"

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("PRAGMA journal_mode=OFF")
        self.connection.execute("PRAGMA synchronous=OFF")
        self.connection.execute("PRAGMA foreign_keys=OFF")
        self.connection.execute("PRAGMA cache_size=-1000000")  # 1 GB while loading
        self.connection.execute("PRAGMA temp_store=MEMORY")
        self.connection.execute("BEGIN")

    def load(self, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> int:
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        count = 0
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= CHUNK:
                self.connection.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            self.connection.executemany(sql, batch)
            count += len(batch)
        return count

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.connection.execute(sql, tuple(params))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql, tuple(params)).fetchall()

    def commit(self) -> None:
        self.connection.execute("COMMIT")
        self.connection.execute("BEGIN")

    def finish(self) -> None:
        self.connection.execute("COMMIT")
        # What the app runs with (quizapp/__init__.py sets WAL on every connection too).
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA foreign_keys=ON")
        problems = self.connection.execute("PRAGMA foreign_key_check").fetchmany(5)
        if problems:
            raise RuntimeError(f"generated data breaks foreign keys: {problems}")
        self.connection.execute("BEGIN")

    def close(self) -> None:
        if self.connection.in_transaction:
            self.connection.execute("COMMIT")
        self.connection.close()


class PostgresLoader(Loader):
    engine = "postgresql"

    def __init__(self, dsn: str) -> None:
        self.connection = psycopg.connect(dsn)
        self.connection.execute("SET synchronous_commit = off")
        self.connection.execute("SET maintenance_work_mem = '512MB'")

    def placeholder(self) -> str:
        return "%s"

    def load(self, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> int:
        count = 0
        with (
            self.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        if params:
            self.connection.execute(sql.replace("?", "%s"), tuple(params))  # type: ignore[arg-type]
        else:
            self.connection.execute(sql)  # type: ignore[arg-type]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if params:
            cursor = self.connection.execute(sql.replace("?", "%s"), tuple(params))  # type: ignore[arg-type]
        else:
            cursor = self.connection.execute(sql)  # type: ignore[arg-type]
        return cursor.fetchall()

    def commit(self) -> None:
        self.connection.commit()

    def finish(self) -> None:
        self.connection.commit()
        # Rows were loaded with explicit ids: move every id sequence past them.
        for (table,) in self.query(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND column_name = 'id' "
            "AND column_default LIKE 'nextval%'"
        ):
            self.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
            )
        self.connection.commit()
        # What autovacuum would reach on its own a little later: statistics and the
        # visibility map (index-only scans), so the timings are of a settled database.
        # A checkpoint too, so that writing the loaded gigabytes back does not happen during
        # the measurements.
        self.connection.autocommit = True
        self.connection.execute("VACUUM (ANALYZE)")
        self.connection.execute("CHECKPOINT")
        self.connection.autocommit = False

    def close(self) -> None:
        self.connection.commit()
        self.connection.close()


def loader_for(target: Target) -> Loader:
    if target.engine == "sqlite":
        assert target.path is not None
        return SqliteLoader(target.path)
    return PostgresLoader(target.dsn)


# ------------------------------------------------------------------------------ indexes


@dataclass
class IndexSet:
    """The secondary (non-unique, non-primary) indexes of a table, to drop and rebuild."""

    table: str
    definitions: list[tuple[str, str]]  # (name, CREATE INDEX statement)

    @classmethod
    def of(cls, loader: Loader, table: str) -> IndexSet:
        if loader.engine == "sqlite":
            rows = loader.query(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL",
                (table,),
            )
            found = [(n, s) for n, s in rows if not re.match(r"\s*CREATE\s+UNIQUE", s, re.I)]
        else:
            rows = loader.query(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "JOIN pg_class c ON c.relname = i.indexname "
                "JOIN pg_index x ON x.indexrelid = c.oid "
                "WHERE i.schemaname = 'public' AND i.tablename = ? "
                "AND NOT x.indisunique AND NOT x.indisprimary",
                (table,),
            )
            found = [(n, s) for n, s in rows]
        return cls(table=table, definitions=found)

    def drop(self, loader: Loader) -> None:
        for name, _ in self.definitions:
            loader.execute(f'DROP INDEX "{name}"')

    def create(self, loader: Loader) -> None:
        for _, definition in self.definitions:
            loader.execute(definition)
