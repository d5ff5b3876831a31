"""Images and files of questions and cards, each stored once by the SHA-256 of its bytes.

Why in the database rather than in files under ``instance/``: an import is one transaction,
and the bytes belong to it (a failed import leaves no file behind, a saved one never points
at a missing file); every worker and every server reads the same rows, with no shared disk
to set up; a backup of the database is a backup of everything.  The per-file and per-set
limits (``question_bank.media``) keep the rows small enough for both engines (SQLite BLOB,
PostgreSQL BYTEA), and a file used by many sets, versions and attempts is stored once.

Who may fetch a file (``services.media``) follows from the links: ``set_media`` says which
sets' questions and cards use a file today (rewritten with each version), ``attempt_media``
which attempts' snapshots do (kept with the attempt, so a student's review still shows its
images after the set changed or was deleted).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from quizapp.extensions import db
from quizapp.models.types import UTCDateTime


class StoredFile(db.Model):
    __tablename__ = "media_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Hex SHA-256 of ``data``: the file's name in URLs, and what makes it stored once.
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    #: The type sniffed from the bytes when it was imported (never the name's extension).
    mime: Mapped[str] = mapped_column(String(50))
    size: Mapped[int]
    #: Loaded only when asked for: access checks and listings never read the bytes.
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SetMedia(db.Model):
    """A file used by the current questions or cards of a set."""

    __tablename__ = "set_media"
    __table_args__ = (Index("ix_set_media_media_id", "media_id"),)

    set_id: Mapped[int] = mapped_column(
        ForeignKey("question_sets.id", ondelete="CASCADE"), primary_key=True
    )
    media_id: Mapped[int] = mapped_column(ForeignKey("media_files.id"), primary_key=True)


class AttemptMedia(db.Model):
    """A file used by the snapshot of an attempt's questions."""

    __tablename__ = "attempt_media"
    __table_args__ = (Index("ix_attempt_media_media_id", "media_id"),)

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    media_id: Mapped[int] = mapped_column(ForeignKey("media_files.id"), primary_key=True)
