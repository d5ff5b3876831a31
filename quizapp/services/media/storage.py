"""Storing files once by content hash, and recording which sets and attempts use them.

``store`` inserts each file that is not stored yet (``INSERT ... ON CONFLICT DO NOTHING`` on
the SHA-256, so two imports of the same image at once both succeed and keep one row), in
the caller's transaction: an import that fails leaves no file behind.  ``link_set`` makes a
set's ``set_media`` rows those of its current questions and cards; ``link_attempt`` records
the files of an attempt's snapshot.  Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from quizapp.models import AttemptMedia, SetMedia, StoredFile


def _insert_ignoring_duplicates(session: Session, rows: list[dict[str, Any]]) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        statement = postgresql.insert(StoredFile).on_conflict_do_nothing(index_elements=["sha256"])
    elif dialect == "sqlite":
        statement = sqlite.insert(StoredFile).on_conflict_do_nothing(index_elements=["sha256"])
    else:  # pragma: no cover - the app runs on SQLite and PostgreSQL
        statement = insert(StoredFile)
    session.execute(statement, rows)


def store(session: Session, files: Iterable[Any], *, now: datetime) -> dict[str, int]:
    """Store each ``MediaFile`` not stored yet; returns the row id of every one, by SHA-256."""
    wanted = {f.sha256: f for f in files}
    if not wanted:
        return {}
    known = ids_of(session, wanted)
    missing = [
        {"sha256": sha, "mime": f.mime, "size": len(f.data), "data": f.data, "created_at": now}
        for sha, f in wanted.items()
        if sha not in known
    ]
    if missing:
        _insert_ignoring_duplicates(session, missing)
        known = ids_of(session, wanted)
    return known


def ids_of(session: Session, hashes: Collection[str]) -> dict[str, int]:
    if not hashes:
        return {}
    return dict(
        session.execute(
            select(StoredFile.sha256, StoredFile.id).where(StoredFile.sha256.in_(list(hashes)))
        ).all()
    )


def link_set(session: Session, set_id: int, media_ids: Collection[int]) -> None:
    """The set uses exactly these files now."""
    current = set(
        session.execute(select(SetMedia.media_id).where(SetMedia.set_id == set_id)).scalars()
    )
    wanted = set(media_ids)
    gone = current - wanted
    if gone:
        session.execute(
            delete(SetMedia).where(SetMedia.set_id == set_id, SetMedia.media_id.in_(gone))
        )
    new = wanted - current
    if new:
        session.execute(insert(SetMedia), [{"set_id": set_id, "media_id": m} for m in sorted(new)])


def link_attempt(session: Session, attempt_id: int, hashes: Collection[str]) -> None:
    """The attempt's snapshot uses these files (stored already: its set's questions do)."""
    ids = ids_of(session, hashes)
    if ids:
        session.execute(
            insert(AttemptMedia),
            [{"attempt_id": attempt_id, "media_id": m} for m in sorted(ids.values())],
        )


def contents(session: Session, hashes: Collection[str]) -> dict[str, bytes]:
    """The bytes of stored files, by SHA-256 (for exports)."""
    if not hashes:
        return {}
    return dict(
        session.execute(
            select(StoredFile.sha256, StoredFile.data).where(StoredFile.sha256.in_(list(hashes)))
        ).all()
    )
