"""Importing from the command line: the same checks as an upload, then saved at once (or
not at all with ``dry_run``).

All or nothing by default: a file with a question that cannot be imported (a Moodle
drag-and-drop question, say) is refused whole, as is a file with any error.  With
``skip_unsupported`` the supported questions are saved and the skipped ones are returned
(``ImportResult.skipped``, each with its line and reason) for the command to print; a file
with no supported question saves nothing.  Saving is one transaction either way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from question_bank.formats import DEFAULT_MAX_BYTES
from question_bank.formats.base import ParseError
from quizapp.models import User
from quizapp.services import question_sets
from quizapp.services.errors import ValidationFailed
from quizapp.services.imports.checking import NOTHING_SUPPORTED, UploadRejected, check_upload
from quizapp.services.imports.saving import SetOutcome, outcome, save_sets


@dataclass(frozen=True)
class ImportResult:
    format: str
    dry_run: bool
    #: For a dry run: what would happen, with set ids of existing sets or 0 for new ones.
    outcomes: list[SetOutcome]
    #: The questions left out (``skip_unsupported``), with line and reason, and the warnings.
    skipped: tuple[ParseError, ...] = ()
    warnings: tuple[ParseError, ...] = ()


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
    skip_unsupported: bool = False,
) -> ImportResult:
    """Check a file and save its sets at once (one transaction), unless ``dry_run``.

    Without an owner the sets belong to no one and must be public.  A question that cannot
    be imported refuses the whole file unless ``skip_unsupported`` (see the module doc).
    """
    if owner is not None and not owner.is_instructor:
        raise ValidationFailed(f"{owner.email} is not an instructor: only instructors own sets.")
    if owner is None and not public:
        raise ValidationFailed("A set that belongs to no one must be public: give an owner.")
    try:
        checked = check_upload(
            data, filename=filename, format=format, set_name=set_name, max_bytes=max_bytes
        )
    except UploadRejected as rejected:
        if skip_unsupported and _nothing_supported(rejected):
            return ImportResult(
                format=format or "",
                dry_run=dry_run,
                outcomes=[],
                skipped=tuple(rejected.errors[1:]),
            )
        raise
    if checked.skipped and not skip_unsupported:
        raise UploadRejected(
            [
                *checked.skipped,
                f"{len(checked.skipped)} question{'s' * (len(checked.skipped) != 1)} cannot be "
                "imported: nothing was saved. Import the others with --skip-unsupported.",
            ]
        )
    left_out = {"skipped": checked.skipped, "warnings": checked.warnings}
    owner_id = owner.id if owner is not None else None
    if dry_run:
        outcomes = []
        for bank in checked.sets:
            target = question_sets.find_version_target(session, bank.name, owner_id)
            outcomes.append(outcome(target, bank, question_sets.diff_set(target, bank)))
        session.rollback()
        return ImportResult(format=checked.format, dry_run=True, outcomes=outcomes, **left_out)
    try:
        outcomes = save_sets(session, checked.sets, owner_id=owner_id, public=public, now=now)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return ImportResult(format=checked.format, dry_run=False, outcomes=outcomes, **left_out)


def _nothing_supported(rejected: UploadRejected) -> bool:
    """The refusal of a file whose every question was skipped (``check_upload``)."""
    return bool(rejected.errors) and rejected.errors[0].message.startswith(NOTHING_SUPPORTED)
