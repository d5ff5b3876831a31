"""The upload page's drafts: a checked upload kept for its preview, then confirmed once.

1. ``create_draft`` checks an upload (``checking.check_upload``); nothing is written when it
   has problems.  Otherwise the sets are kept as an ``ImportDraft`` (the interchange JSON)
   and its random token is returned.
2. ``preview`` reads the draft back: the questions as students will see them, and for each
   set whether it is new or a new version of one of the owner's sets (same name), with the
   questions it adds, updates and removes.
3. ``confirm`` saves every set of the draft in one transaction and records the outcome on
   the draft; a second confirmation is refused (``Conflict``), even when two arrive at once.
   A file with questions that cannot be imported (``skipped``, listed with line and reason)
   is saved only when the instructor asks for the supported ones explicitly
   (``include_skipped=False`` is refused); nothing is ever left out silently.
4. ``reread`` reads a CSV/TSV draft again with the column roles its owner chose (the draft
   keeps the uploaded bytes for that); a reading with errors is kept, with its errors per
   line, and cannot be saved until the roles are right.

Drafts live ``DRAFT_LIFETIME`` (24 hours); each new upload purges the expired ones and keeps
at most ``MAX_PENDING_DRAFTS`` unconfirmed drafts per instructor (the oldest go first).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from question_bank.formats import (
    DEFAULT_MAX_BYTES,
    FORMATS,
    UploadError,
    decode_upload,
    json_format,
    tabular,
)
from question_bank.formats.base import COLUMN_ROLES, Columns, ParseError
from question_bank.sets import Card as BankCard
from question_bank.sets import QuestionSet as BankSet
from question_bank.types import Question as BankQuestion
from question_bank.types import question_from_dict
from quizapp.models import ImportDraft, QuestionSet, User
from quizapp.services import media, question_sets
from quizapp.services.errors import Conflict, NotFound, ValidationFailed
from quizapp.services.imports.checking import (
    MAX_FILENAME,
    TABULAR_FORMATS,
    CheckedUpload,
    UploadRejected,
    check_upload,
    describe,
    printable,
)
from quizapp.services.imports.saving import SetOutcome, save_sets, sets_from_data

DRAFT_LIFETIME = timedelta(hours=24)
#: The URL of one of a draft's images, from its hash and name (the route's to build).
FileUrl = Callable[[str, str], str]
MAX_PENDING_DRAFTS = 10


class DraftExpired(NotFound):
    code = "draft_expired"


def _purge(session: Session, *, owner_id: int, now: datetime) -> None:
    session.execute(delete(ImportDraft).where(ImportDraft.expires_at <= now))
    pending = list(
        session.execute(
            select(ImportDraft.id)
            .where(ImportDraft.owner_id == owner_id, ImportDraft.confirmed_at.is_(None))
            .order_by(ImportDraft.created_at.desc(), ImportDraft.id.desc())
        ).scalars()
    )
    too_many = pending[MAX_PENDING_DRAFTS - 1 :]
    if too_many:
        session.execute(delete(ImportDraft).where(ImportDraft.id.in_(too_many)))


def _note(error: ParseError) -> dict[str, Any]:
    return {"message": printable(error.message), "line": error.line, "column": error.column}


def _from_note(data: dict[str, Any]) -> ParseError:
    return ParseError(str(data["message"]), data.get("line"), data.get("column"))


def _fill(draft: ImportDraft, checked: CheckedUpload) -> None:
    """What a draft keeps of a checked upload: the sets, and the notes the preview lists."""
    draft.format = checked.format
    draft.data = json_format.to_data(list(checked.sets))
    draft.question_count = checked.question_count
    draft.notes = {
        "skipped": [_note(e) for e in checked.skipped],
        "warnings": [_note(e) for e in checked.warnings],
        "errors": [_note(e) for e in checked.errors],
        "columns": checked.columns.to_dict() if checked.columns else None,
    }


def create_draft(
    session: Session,
    *,
    owner: User,
    data: bytes,
    filename: str | None,
    now: datetime,
    format: str | None = None,
    set_name: str | None = None,
    public: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImportDraft:
    """Check an upload (a file, or pasted text when ``filename`` is None) and keep it for the
    preview.  Commits only when it is valid (questions that cannot be imported are kept
    aside, for the preview to list).  A CSV/TSV draft keeps the file's bytes, so that its
    owner may choose the columns' roles (``reread``)."""
    if filename is None and not data.strip():
        raise UploadRejected(["Choose a file, or paste the questions into the text box."])
    checked = check_upload(
        data,
        filename=filename,
        format=format,
        set_name=set_name,
        max_bytes=max_bytes,
    )
    _purge(session, owner_id=owner.id, now=now)
    draft = ImportDraft(
        token=secrets.token_urlsafe(24),
        owner_id=owner.id,
        filename=printable(filename or "")[-MAX_FILENAME:],
        public=public,
        created_at=now,
        expires_at=now + DRAFT_LIFETIME,
        # Kept to be read again with other column roles; other formats need no second read.
        source=data if checked.format in TABULAR_FORMATS else None,
    )
    _fill(draft, checked)
    draft.notes = {**(draft.notes or {}), "set_name": set_name or ""}
    session.add(draft)
    session.commit()
    return draft


def reread(
    session: Session,
    *,
    token: str,
    owner: User,
    roles: Sequence[str],
    now: datetime,
    header: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImportDraft:
    """Read a CSV/TSV draft again with ``roles`` (one per column, from ``COLUMN_ROLES``),
    its first row a header of names (``header``) or data.

    The reading replaces the draft's questions, errors and warnings (a reading with errors
    is kept, so that the roles can be changed again).  ``ValidationFailed`` for a draft
    that is not CSV/TSV, saved already, or roles that do not fit its columns."""
    draft = _owned_draft(session, token=token, owner=owner, now=now)
    if draft.confirmed_at is not None:
        raise Conflict("This upload was already saved; upload the file again to read it anew.")
    if draft.format not in TABULAR_FORMATS or draft.source is None:
        raise ValidationFailed("Only the columns of a CSV or TSV file can be chosen.")
    known = ((draft.notes or {}).get("columns") or {}).get("roles") or []
    unknown = sorted({role for role in roles if role not in COLUMN_ROLES})
    if unknown or len(roles) != len(known):
        raise ValidationFailed(
            f"Give each of the {len(known)} columns one of these roles: {', '.join(COLUMN_ROLES)}."
        )
    set_name = (draft.notes or {}).get("set_name") or None
    checked = check_upload(
        draft.source,
        filename=draft.filename or None,
        format=draft.format,
        set_name=set_name or _name_of(draft),
        max_bytes=max_bytes,
        columns=Columns(header=header, names=(), roles=tuple(roles)),
        keep_with_errors=True,
    )
    _fill(draft, checked)
    draft.notes = {**(draft.notes or {}), "set_name": set_name or ""}
    session.commit()
    return draft


def _name_of(draft: ImportDraft) -> str | None:
    """The set name the draft's first reading gave (so that a new reading keeps it)."""
    sets = (draft.data or {}).get("sets") or []
    return sets[0].get("name") if sets else None


def _owned_draft(session: Session, *, token: str, owner: User, now: datetime) -> ImportDraft:
    draft = session.execute(
        select(ImportDraft).where(ImportDraft.token == token)
    ).scalar_one_or_none()
    if draft is None or draft.owner_id != owner.id:
        raise NotFound("There is no such upload.")
    if draft.expires_at <= now:
        raise DraftExpired(
            "This preview has expired (previews are kept for 24 hours): upload the file again."
        )
    return draft


@dataclass(frozen=True)
class PendingDraft:
    token: str
    filename: str
    question_count: int
    created_at: datetime
    expires_at: datetime


def pending_drafts(session: Session, *, owner: User, now: datetime) -> list[PendingDraft]:
    """The owner's uploads still waiting for confirmation, newest first."""
    drafts = session.execute(
        select(ImportDraft)
        .where(
            ImportDraft.owner_id == owner.id,
            ImportDraft.confirmed_at.is_(None),
            ImportDraft.expires_at > now,
        )
        .order_by(ImportDraft.created_at.desc(), ImportDraft.id.desc())
    ).scalars()
    return [
        PendingDraft(d.token, d.filename, d.question_count, d.created_at, d.expires_at)
        for d in drafts
    ]


@dataclass(frozen=True)
class PreviewSet:
    """One set of a draft as the preview shows it."""

    bank: BankSet
    #: The owner's set this becomes a new version of, or None for a new set.
    target: QuestionSet | None
    diff: question_sets.SetDiff
    card_count: int
    #: How the questions a new version drops are named (title, or the start of the text).
    removed_labels: tuple[str, ...] = ()
    #: The questions and the flashcards as pages show them: their images named by URLs.
    shown: tuple[BankQuestion, ...] = ()
    shown_cards: tuple[BankCard, ...] = ()

    @property
    def questions(self) -> tuple[BankQuestion, ...]:
        return self.shown or self.bank.questions

    @property
    def next_version(self) -> int:
        if self.target is None:
            return 1
        return self.target.version + (1 if self.diff.changed else 0)


@dataclass(frozen=True)
class ColumnsView:
    """How a CSV/TSV draft's columns were read, with the first rows as a sample."""

    header: bool
    names: tuple[str, ...]
    roles: tuple[str, ...]
    #: The first rows of the file (data rows only), cut to the number of columns.
    sample: tuple[tuple[str, ...], ...]

    @property
    def choices(self) -> tuple[str, ...]:
        return COLUMN_ROLES


@dataclass(frozen=True)
class DraftPreview:
    token: str
    filename: str
    format: str
    format_label: str
    public: bool
    question_count: int
    created_at: datetime
    expires_at: datetime
    confirmed: bool
    sets: list[PreviewSet] = field(default_factory=list)
    outcome: list[SetOutcome] = field(default_factory=list)
    #: Questions that cannot be imported (line and reason), things ignored, and for a
    #: CSV/TSV file read with errors, the errors (the draft cannot be saved then).
    skipped: list[ParseError] = field(default_factory=list)
    warnings: list[ParseError] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    columns: ColumnsView | None = None

    @property
    def savable(self) -> bool:
        return not self.errors and self.question_count + self.card_count > 0

    @property
    def card_count(self) -> int:
        return sum(s.card_count for s in self.sets)


def _shown(item: Any, file_url: FileUrl | None) -> dict[str, Any]:
    """An item's dict with its images named by ``file_url`` (the draft's own route)."""
    data = item.to_dict()
    data.pop("files", None)
    if not item.files or file_url is None:
        return data
    urls = {f.name: file_url(f.sha256, f.name) for f in item.files}
    return media.with_urls(data, urls)


def preview(
    session: Session,
    *,
    token: str,
    owner: User,
    now: datetime,
    file_url: FileUrl | None = None,
) -> DraftPreview:
    """What a draft holds and what confirming it would do (or did, once confirmed).

    ``file_url(sha256, name)``: the URL of one of the draft's images (``draft_file``)."""
    draft = _owned_draft(session, token=token, owner=owner, now=now)
    sets = []
    for bank in sets_from_data(draft.data):
        target = question_sets.find_version_target(session, bank.name, owner.id)
        diff = question_sets.diff_set(target, bank)
        old = {row.key: row for row in target.questions} if target is not None else {}
        sets.append(
            PreviewSet(
                bank=bank,
                target=target,
                diff=diff,
                card_count=len(bank.effective_cards()),
                removed_labels=tuple(describe(old[key].to_model()) for key in diff.removed),
                shown=tuple(question_from_dict(_shown(q, file_url)) for q in bank.questions),
                shown_cards=tuple(
                    BankCard.from_dict(_shown(c, file_url)) for c in bank.effective_cards()
                ),
            )
        )
    chosen = FORMATS.get(draft.format)
    notes = draft.notes or {}
    return DraftPreview(
        token=draft.token,
        filename=draft.filename,
        format=draft.format,
        format_label=chosen.label if chosen else draft.format,
        public=draft.public,
        question_count=draft.question_count,
        created_at=draft.created_at,
        expires_at=draft.expires_at,
        confirmed=draft.confirmed_at is not None,
        sets=sets,
        outcome=[SetOutcome.from_dict(o) for o in draft.outcome or ()],
        skipped=[_from_note(n) for n in notes.get("skipped") or ()],
        warnings=[_from_note(n) for n in notes.get("warnings") or ()],
        errors=[_from_note(n) for n in notes.get("errors") or ()],
        columns=_columns_view(draft, notes.get("columns")),
    )


#: Rows of the file the column table shows.
SAMPLE_ROWS = 3


def _columns_view(draft: ImportDraft, columns: dict[str, Any] | None) -> ColumnsView | None:
    if not columns or draft.confirmed_at is not None:
        return None
    names = tuple(str(n) for n in columns.get("names") or ())
    roles = tuple(str(r) for r in columns.get("roles") or ())
    width = len(roles)
    sample: list[tuple[str, ...]] = []
    if draft.source is not None:
        try:
            text = decode_upload(draft.source)
        except UploadError:
            text = ""
        lines = [line for line in text.split("\n") if not line.startswith("#")]
        body = "\n".join(lines)
        delimiter = "\t" if draft.format == "tsv" else tabular.sniff_delimiter(body)
        records = tabular.rows(body, delimiter, [], quoting=delimiter != "\t")
        for _, cells in records:
            if not any(cell.strip() for cell in cells):
                continue
            if columns.get("header") and not sample and tuple(cells[:width]) == names[:width]:
                continue  # the header row, already shown as the column names
            sample.append(tuple((cells + [""] * width)[:width]))
            if len(sample) == SAMPLE_ROWS:
                break
    padded = names + ("",) * (width - len(names))
    return ColumnsView(bool(columns.get("header")), padded, roles, tuple(sample))


def confirm(
    session: Session,
    *,
    token: str,
    owner: User,
    now: datetime,
    include_skipped: bool = False,
) -> list[SetOutcome]:
    """Save the draft's sets in one transaction.  A second confirmation raises ``Conflict``.

    A draft with questions that cannot be imported is saved only with ``include_skipped``
    (the instructor chose "Import the N supported questions"); a draft read with errors is
    not saved at all (``ValidationFailed``)."""
    draft = _owned_draft(session, token=token, owner=owner, now=now)
    if draft.confirmed_at is not None:
        raise Conflict("This upload was already saved; nothing was saved twice.")
    notes = draft.notes or {}
    if notes.get("errors"):
        raise ValidationFailed(
            "This file was read with errors: fix them, or choose the columns again. "
            "Nothing was saved."
        )
    skipped = len(notes.get("skipped") or ())
    if skipped and not include_skipped:
        raise ValidationFailed(
            f"{skipped} question{'s' * (skipped != 1)} of this file cannot be imported: choose "
            f'"Import the {draft.question_count} supported questions" to save the others. '
            "Nothing was saved."
        )
    try:
        # Claim the draft first: of two confirmations racing, one updates the row and the
        # other finds it claimed (PostgreSQL makes the second wait for the first's commit).
        claimed = session.execute(
            update(ImportDraft)
            .where(ImportDraft.id == draft.id, ImportDraft.confirmed_at.is_(None))
            .values(confirmed_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            raise Conflict("This upload was already saved; nothing was saved twice.")
        outcomes = save_sets(
            session, sets_from_data(draft.data), owner_id=owner.id, public=draft.public, now=now
        )
        draft.confirmed_at = now
        draft.outcome = [o.to_dict() for o in outcomes]
        draft.data = {"sets": []}
        draft.source = None
        session.commit()
    except Exception:
        session.rollback()
        raise
    return outcomes


def draft_file(
    session: Session, *, token: str, owner: User, sha256: str, now: datetime
) -> media.ServedFile:
    """An image of a draft waiting for confirmation, for its owner's preview."""
    try:
        draft = _owned_draft(session, token=token, owner=owner, now=now)
    except NotFound:
        raise NotFound(media.NO_SUCH_FILE) from None
    for bank in sets_from_data(draft.data):
        for item in (*bank.questions, *bank.cards):
            for file in item.files:
                if file.sha256 == sha256:
                    return media.ServedFile(sha256, file.mime, file.size, file.data)
    raise NotFound(media.NO_SUCH_FILE)


def discard(session: Session, *, token: str, owner: User, now: datetime) -> None:
    """Forget a draft that was not confirmed (a confirmed one is simply left to expire)."""
    draft = _owned_draft(session, token=token, owner=owner, now=now)
    if draft.confirmed_at is None:
        session.delete(draft)
        session.commit()
