"""Importing from the command line: the same checks as an upload, then saved at once (or
not at all with ``dry_run``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from question_bank.formats import DEFAULT_MAX_BYTES
from quizapp.models import User
from quizapp.services import question_sets
from quizapp.services.errors import ValidationFailed
from quizapp.services.imports.checking import check_upload
from quizapp.services.imports.saving import SetOutcome, outcome, save_sets


@dataclass(frozen=True)
class ImportResult:
    format: str
    dry_run: bool
    #: For a dry run: what would happen, with set ids of existing sets or 0 for new ones.
    outcomes: list[SetOutcome]


def import_file(
    session: Session,
    *,
    data: bytes,
    filename: str | None,
    now: datetime,
    format: str | None = None,
    set_name: str | None = None,
    owner: User | None = None,
    public: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    dry_run: bool = False,
) -> ImportResult:
    """Check a file and save its sets at once (one transaction), unless ``dry_run``.

    Without an owner the sets belong to no one and must be public.
    """
    if owner is not None and not owner.is_instructor:
        raise ValidationFailed(f"{owner.email} is not an instructor: only instructors own sets.")
    if owner is None and not public:
        raise ValidationFailed("A set that belongs to no one must be public: give an owner.")
    checked = check_upload(
        data, filename=filename, format=format, set_name=set_name, max_bytes=max_bytes
    )
    owner_id = owner.id if owner is not None else None
    if dry_run:
        outcomes = []
        for bank in checked.sets:
            target = question_sets.find_version_target(session, bank.name, owner_id)
            outcomes.append(outcome(target, bank, question_sets.diff_set(target, bank)))
        session.rollback()
        return ImportResult(format=checked.format, dry_run=True, outcomes=outcomes)
    try:
        outcomes = save_sets(session, checked.sets, owner_id=owner_id, public=public, now=now)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return ImportResult(format=checked.format, dry_run=False, outcomes=outcomes)
