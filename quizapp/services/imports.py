"""Importing question files: check everything, show a preview, save in one transaction.

The flow of the upload page:

1. ``create_draft`` reads the file (``question_bank.formats.parse_upload``: size limit,
   encoding, format detection, the format's parser) and checks what came out against what
   the database can hold.  Any problem raises ``UploadRejected`` with *every* error (line
   and column where the format knows them) and nothing is written.  Otherwise the sets are
   kept as an ``ImportDraft`` (the interchange JSON) and its random token is returned.
2. ``preview`` reads the draft back: the questions as students will see them, and for each
   set whether it is new or a new version of one of the owner's sets (same name), with the
   questions it adds, updates and removes.
3. ``confirm`` saves every set of the draft in one transaction and records the outcome on
   the draft; a second confirmation is refused (``Conflict``), even when two arrive at once.

A new version keeps the set's rows: questions and cards are matched by their stable ids
(GIFT title, or a hash of the content) by ``question_sets.sync_set``, so learners' card
schedules carry over, and attempts in progress keep their own snapshot of each question.

``import_file`` is the command line's way: the same checks, then saved at once (or not at
all with ``dry_run``).

Drafts live ``DRAFT_LIFETIME`` (24 hours); each new upload purges the expired ones and keeps
at most ``MAX_PENDING_DRAFTS`` unconfirmed drafts per instructor (the oldest go first).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from question_bank.formats import (
    DEFAULT_MAX_BYTES,
    FORMATS,
    decode_upload,
    detect_format,
    json_format,
    parse_upload,
)
from question_bank.formats.base import ParseError
from question_bank.sets import Card as BankCard
from question_bank.sets import QuestionSet as BankSet
from question_bank.types import Question as BankQuestion
from question_bank.types import question_from_dict
from quizapp.models import ImportDraft, QuestionSet, User
from quizapp.models.question_set import PRIVATE, PUBLIC
from quizapp.services import question_sets
from quizapp.services.errors import Conflict, NotFound, ValidationFailed

DRAFT_LIFETIME = timedelta(hours=24)
MAX_PENDING_DRAFTS = 10

#: Formats a file can be read as, for the format override (``FORMATS`` minus export-only).
IMPORT_FORMATS = tuple(name for name, fmt in FORMATS.items() if fmt.can_import)

# Column sizes of the set tables (``quizapp.models.question_set``).
MAX_SET_NAME = 200
MAX_KEY = 200
MAX_CATEGORY = 20
MAX_FILENAME = 255


def printable(text: str) -> str:
    """``text`` safe to show and store: control characters (NUL...) and broken characters
    (lone surrogates) become U+FFFD; line breaks and tabs are kept."""
    return "".join(ch if ch.isprintable() or ch in "\n\t" else "\ufffd" for ch in text)


class UploadRejected(ValidationFailed):
    """An upload with problems: ``errors`` lists every one of them; nothing was written."""

    code = "upload_rejected"

    def __init__(self, errors: Iterable[ParseError | str]) -> None:
        self.errors = [
            ParseError(printable(e.message), e.line, e.column)
            if isinstance(e, ParseError)
            else ParseError(printable(e))
            for e in errors
        ]
        count = len(self.errors)
        super().__init__(f"Nothing was saved: {count} problem{'s' if count != 1 else ''} to fix.")

    @property
    def messages(self) -> list[str]:
        return [str(error) for error in self.errors]


class DraftExpired(NotFound):
    code = "draft_expired"


# ------------------------------------------------------------------------ checking


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed every check: its format and the sets it holds."""

    format: str
    sets: tuple[BankSet, ...]

    @property
    def question_count(self) -> int:
        return sum(len(s.questions) for s in self.sets)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def unstorable(value: Any) -> str | None:
    """Why a text cannot be stored (PostgreSQL refuses NUL; UTF-8 refuses lone surrogates)."""
    for text in _strings(value):
        if "\x00" in text:
            return "contains a NUL character (\\u0000), which cannot be stored"
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return "contains a broken character (a lone UTF-16 surrogate such as \\ud800)"
    return None


def _describe(question: BankQuestion) -> str:
    label = question.title.strip() or " ".join(question.prompt.split())
    if len(label) > 50:
        label = label[:47] + "..."
    return f'question "{label}"' if label else f'question "{question.id}"'


def set_problems(bank: BankSet, where: str = "") -> list[str]:
    """What the database cannot hold, or the model refuses, in one set (each message
    starts with ``where``)."""
    found = [f"{where}{problem}" for problem in bank.problems()]
    if len(bank.name) > MAX_SET_NAME:
        found.append(f"{where}the set name is longer than {MAX_SET_NAME} characters")
    for question in bank.questions:
        label = _describe(question)
        if len(question.id) > MAX_KEY:
            found.append(f"{where}{label}: its id is longer than {MAX_KEY} characters")
        if question.card_id is not None and len(question.card_id) > MAX_KEY:
            found.append(f"{where}{label}: its card id is longer than {MAX_KEY} characters")
        if question.category is not None and len(question.category) > MAX_CATEGORY:
            found.append(f"{where}{label}: its category is longer than {MAX_CATEGORY} characters")
        reason = unstorable(question.to_dict())
        if reason:
            found.append(f"{where}{label} {reason}")
    # Cards the questions imply were checked with their question; only the file's own here.
    for card in bank.cards:
        if len(card.id) > MAX_KEY:
            found.append(f'{where}card "{card.id[:40]}...": its id is longer than {MAX_KEY}')
        if card.category is not None and len(card.category) > MAX_CATEGORY:
            found.append(f'{where}card "{card.id}": its category is too long')
        reason = unstorable(card.to_dict())
        if reason:
            found.append(f'{where}card "{card.id}" {reason}')
    reason = unstorable([bank.name, bank.description])
    if reason:
        found.append(f"{where}the set's name or description {reason}")
    return found


def check_upload(
    data: bytes,
    *,
    filename: str | None = None,
    format: str | None = None,
    set_name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CheckedUpload:
    """Parse and validate an upload without touching the database.

    ``format`` overrides detection; ``set_name`` names the set (and renames the one set
    of a JSON file).  Raises ``UploadRejected`` with every problem found.
    """
    if format and format not in IMPORT_FORMATS:
        raise UploadRejected([f'Unknown format "{format}": choose {", ".join(IMPORT_FORMATS)}.'])
    wanted_name = question_sets.normalise_name(set_name or "")
    if len(wanted_name) > MAX_SET_NAME:
        raise UploadRejected([f"The set name is longer than {MAX_SET_NAME} characters."])
    result = parse_upload(
        data, filename, format=format or None, set_name=wanted_name or None, max_bytes=max_bytes
    )
    if result.errors:
        raise UploadRejected(result.errors)
    if not result.questions:
        raise UploadRejected(["The file holds no questions."])
    sets = [replace(s, name=question_sets.normalise_name(s.name)) for s in result.sets]
    if wanted_name:
        if len(sets) > 1:
            raise UploadRejected(
                [
                    f"This file holds {len(sets)} sets, each with its own name: leave the set "
                    "name empty, or upload the sets one at a time."
                ]
            )
        sets = [replace(sets[0], name=wanted_name)]
    problems: list[str] = []
    seen: dict[str, str] = {}
    for number, bank in enumerate(sets, start=1):
        where = f'set "{bank.name}": ' if len(sets) > 1 else ""
        if not bank.name:
            problems.append(f"{where}the set has no name: give it one")
        if not bank.questions:
            problems.append(f'set "{bank.name}" holds no questions')
        key = bank.name.casefold()
        if key in seen:
            problems.append(f'set {number}: the name "{bank.name}" is used by another set')
        seen[key] = bank.name
        problems.extend(set_problems(bank, where))
    if problems:
        raise UploadRejected(problems)
    detected = format or _detected_format(data, filename)
    return CheckedUpload(format=detected, sets=tuple(sets))


def _detected_format(data: bytes, filename: str | None) -> str:
    return detect_format(filename, decode_upload(data))


# ------------------------------------------------------------------------- saving


@dataclass(frozen=True)
class SetOutcome:
    """What saving one set did."""

    set_id: int
    name: str
    created: bool
    version: int
    added: int
    updated: int
    removed: int
    unchanged: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "set_id": self.set_id,
            "name": self.name,
            "created": self.created,
            "version": self.version,
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SetOutcome:
        return cls(**{key: data[key] for key in cls.__dataclass_fields__})


def _save_sets(
    session: Session,
    sets: Iterable[BankSet],
    *,
    owner_id: int | None,
    public: bool,
    now: datetime,
) -> list[SetOutcome]:
    """Create each set, or make it a new version of the owner's set of that name.

    Does not commit.  A new version keeps its visibility; ``public`` is for new sets.
    """
    outcomes = []
    for bank in sets:
        target = question_sets.find_version_target(session, bank.name, owner_id)
        diff = question_sets.diff_set(target, bank)
        if target is None:
            target = QuestionSet(
                name=bank.name,
                description=bank.description,
                owner_id=owner_id,
                visibility=PUBLIC if public else PRIVATE,
                created_at=now,
                updated_at=now,
            )
        report = question_sets.sync_set(session, target, bank, now=now)
        outcomes.append(
            SetOutcome(
                set_id=target.id,
                name=target.name,
                created=report.created,
                version=target.version,
                added=len(diff.added),
                updated=len(diff.updated),
                removed=len(diff.removed),
                unchanged=diff.unchanged,
            )
        )
    session.flush()
    return outcomes


def _sets_from_data(data: dict[str, Any]) -> list[BankSet]:
    return [
        BankSet(
            name=raw["name"],
            description=raw.get("description") or "",
            questions=tuple(question_from_dict(q) for q in raw.get("questions") or ()),
            cards=tuple(BankCard.from_dict(c) for c in raw.get("cards") or ()),
        )
        for raw in data.get("sets") or ()
    ]


# ------------------------------------------------------------------------- drafts


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
    """Check an upload and keep it for the preview.  Commits only when it is valid."""
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
    for bank in _sets_from_data(draft.data):
        target = question_sets.find_version_target(session, bank.name, owner.id)
        diff = question_sets.diff_set(target, bank)
        old = {row.key: row for row in target.questions} if target is not None else {}
        sets.append(
            PreviewSet(
                bank=bank,
                target=target,
                diff=diff,
                card_count=len(bank.effective_cards()),
                removed_labels=tuple(_describe(old[key].to_model()) for key in diff.removed),
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
        outcomes = _save_sets(
            session, _sets_from_data(draft.data), owner_id=owner.id, public=draft.public, now=now
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


# -------------------------------------------------------------------- command line


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
            diff = question_sets.diff_set(target, bank)
            outcomes.append(
                SetOutcome(
                    set_id=target.id if target else 0,
                    name=bank.name,
                    created=target is None,
                    version=(target.version + int(diff.changed)) if target else 1,
                    added=len(diff.added),
                    updated=len(diff.updated),
                    removed=len(diff.removed),
                    unchanged=diff.unchanged,
                )
            )
        session.rollback()
        return ImportResult(format=checked.format, dry_run=True, outcomes=outcomes)
    try:
        outcomes = _save_sets(session, checked.sets, owner_id=owner_id, public=public, now=now)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return ImportResult(format=checked.format, dry_run=False, outcomes=outcomes)
