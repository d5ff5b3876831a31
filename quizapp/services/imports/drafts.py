"""The upload page's drafts: a checked upload kept for its preview, then confirmed once.

1. ``create_draft`` checks an upload (``checking.check_upload``); nothing is written when it
   has problems.  Otherwise the sets are kept as an ``ImportDraft`` (the interchange JSON)
   and its random token is returned.
2. ``preview`` reads the draft back: the questions as students will see them, and for each
   set whether it is new or a new version of one of the owner's sets (same name), with the
   questions it adds, updates and removes.
3. ``confirm`` saves every set of the draft in one transaction and records the outcome on
   the draft; a second confirmation is refused (``Conflict``), even when two arrive at once.

Drafts live ``DRAFT_LIFETIME`` (24 hours); each new upload purges the expired ones and keeps
at most ``MAX_PENDING_DRAFTS`` unconfirmed drafts per instructor (the oldest go first).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from question_bank.formats import DEFAULT_MAX_BYTES, FORMATS, json_format
from question_bank.sets import QuestionSet as BankSet
from question_bank.types import Question as BankQuestion
from quizapp.models import ImportDraft, QuestionSet, User
from quizapp.services import question_sets
from quizapp.services.errors import Conflict, NotFound
from quizapp.services.imports.checking import (
    MAX_FILENAME,
    UploadRejected,
    check_upload,
    describe,
    printable,
)
from quizapp.services.imports.saving import SetOutcome, save_sets, sets_from_data

DRAFT_LIFETIME = timedelta(hours=24)
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
    preview.  Commits only when it is valid."""
    if filename is None and not data.strip():
        raise UploadRejected(["Choose a file, or paste the questions into the text box."])
    checked = check_upload(
        data, filename=filename, format=format, set_name=set_name, max_bytes=max_bytes
    )
    _purge(session, owner_id=owner.id, now=now)
    draft = ImportDraft(
        token=secrets.token_urlsafe(24),
        owner_id=owner.id,
        filename=printable(filename or "")[-MAX_FILENAME:],
        format=checked.format,
        public=public,
        data=json_format.to_data(list(checked.sets)),
        question_count=checked.question_count,
        created_at=now,
        expires_at=now + DRAFT_LIFETIME,
    )
    session.add(draft)
    session.commit()
    return draft


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

    @property
    def questions(self) -> tuple[BankQuestion, ...]:
        return self.bank.questions

    @property
    def next_version(self) -> int:
        if self.target is None:
            return 1
        return self.target.version + (1 if self.diff.changed else 0)


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


def preview(session: Session, *, token: str, owner: User, now: datetime) -> DraftPreview:
    """What a draft holds and what confirming it would do (or did, once confirmed)."""
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
            )
        )
    chosen = FORMATS.get(draft.format)
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
    )


def confirm(session: Session, *, token: str, owner: User, now: datetime) -> list[SetOutcome]:
    """Save the draft's sets in one transaction.  A second confirmation raises ``Conflict``."""
    draft = _owned_draft(session, token=token, owner=owner, now=now)
    if draft.confirmed_at is not None:
        raise Conflict("This upload was already saved; nothing was saved twice.")
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
        session.commit()
    except Exception:
        session.rollback()
        raise
    return outcomes


def discard(session: Session, *, token: str, owner: User, now: datetime) -> None:
    """Forget a draft that was not confirmed (a confirmed one is simply left to expire)."""
    draft = _owned_draft(session, token=token, owner=owner, now=now)
    if draft.confirmed_at is None:
        session.delete(draft)
        session.commit()
