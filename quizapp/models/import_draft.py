"""Pending imports: an uploaded file, parsed and checked, waiting for its owner to confirm.

The upload page parses and validates everything, then keeps what it understood here (the
interchange JSON of ``question_bank.formats.json_format``, not the raw file) so the preview
and the confirmation read exactly the questions the instructor was shown.  Nothing reaches
the question tables until the owner confirms; a confirmed draft keeps only its outcome, so
confirming twice is refused with a clear message.  Drafts expire (``expires_at``) and are
purged by later uploads.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from quizapp.extensions import db
from quizapp.models.types import JSONType, UTCDateTime


class ImportDraft(db.Model):
    __tablename__ = "import_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The secret, random id in the preview's URL and in the confirmation form.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255), default="")
    #: The format the file was read as (a name from ``question_bank.formats.FORMATS``).
    format: Mapped[str] = mapped_column(String(20))
    #: Whether sets created by this import are public (a new version keeps its visibility).
    public: Mapped[bool] = mapped_column(default=False)
    #: ``json_format.to_data(sets)``; emptied once the draft is confirmed.
    data: Mapped[dict[str, Any]] = mapped_column(JSONType)
    #: The uploaded bytes, kept while the draft waits so that a CSV/TSV file can be read
    #: again with other column roles; emptied once the draft is confirmed.
    source: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, default=None))
    #: What the preview lists beside the questions: the questions that cannot be imported
    #: (``skipped``), the ``warnings``, and for CSV/TSV how the ``columns`` were read.
    notes: Mapped[dict[str, Any] | None] = mapped_column(JSONType, default=None)
    question_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: What the confirmation did, per set: ids, names, versions and counts.
    outcome: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType, default=None)
