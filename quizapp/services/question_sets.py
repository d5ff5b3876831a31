"""Saving question sets: built-in banks, imports and new versions, without losing progress.

A set is synchronised by the stable ids of its questions and cards: what is new is added,
what changed is updated in place (so a card keeps its row, and every learner's schedule for
it), what disappeared is removed (questions: attempts keep their own snapshot) or retired
(cards: ``active=False``, schedules kept in case it comes back).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session, object_session

from question_bank.media import MediaFile
from question_bank.sets import Card as BankCard
from question_bank.sets import QuestionSet as BankSet
from question_bank.types import question_from_dict
from quizapp.models import Attempt, Card, Question, QuestionSet
from quizapp.models.question_set import PRIVATE, PUBLIC
from quizapp.services import categories, media
from quizapp.services.counts import grouped_count
from quizapp.services.errors import Conflict, NotFound

#: The built-in bank of the first article (``question_bank.article``).
ARTICLE_BANK_KEY = "article"


@dataclass(frozen=True)
class SyncReport:
    set_id: int
    created: bool
    added: int
    updated: int
    removed: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return self.created or bool(self.added or self.updated or self.removed)


def _without_files(data: dict) -> dict:
    """A question's or card's dict as a row stores it: its files are stored apart, once."""
    data.pop("files", None)
    return data


def _question_row_values(question, position: int) -> dict:
    return {
        "position": position,
        "type": question.type_name,
        "category": question.category,
        "card_key": question.card_id or None,
        "data": _without_files(question.to_dict()),
        "media": media.refs_of(question.files),
    }


def _card_row_values(card, position: int) -> dict:
    return {
        "position": position,
        "front": card.front,
        "back": card.back,
        "cloze": card.cloze or None,
        "category": card.category,
        "data": _without_files(card.to_dict()),
        "media": media.refs_of(card.files),
        "active": True,
    }


def _sync_rows(existing: dict, wanted: list, values_for, make_row) -> tuple[int, int, int, list]:
    """Update rows in place by key; returns (added, updated, unchanged, leftover rows)."""
    added = updated = unchanged = 0
    for position, item in enumerate(wanted):
        values = values_for(item, position)
        row = existing.pop(item.id, None)
        if row is None:
            make_row(item.id, values)
            added += 1
            continue
        changes = {k: v for k, v in values.items() if getattr(row, k) != v}
        if changes:
            for key, value in changes.items():
                setattr(row, key, value)
            # a new position alone is a reorder, not a change of content
            if set(changes) - {"position"}:
                updated += 1
            else:
                unchanged += 1
        else:
            unchanged += 1
    return added, updated, unchanged, list(existing.values())


def sync_set(
    session: Session,
    target: QuestionSet,
    bank: BankSet,
    *,
    now: datetime,
    category_order: Sequence[str] | None = None,
) -> SyncReport:
    """Make ``target``'s questions and cards those of ``bank``.  Does not commit.

    The set's categories are listed in ``category_order`` (the names the bank uses), then
    in their order of first appearance (``categories.bank_order``).
    """
    created = target.id is None
    if created:
        session.add(target)
        session.flush()
    # New rows are collected and inserted in bulk: the unit of work costs about 0.3 ms a
    # row, which made a 10,000-question import take seconds (bench/README.md).
    new_questions: list[dict] = []
    new_cards: list[dict] = []
    existing_questions = {q.key: q for q in target.questions}
    q_added, q_updated, q_unchanged, stale_questions = _sync_rows(
        existing_questions,
        list(bank.questions),
        _question_row_values,
        lambda key, values: new_questions.append({"set_id": target.id, "key": key, **values}),
    )
    for row in stale_questions:
        target.questions.remove(row)

    existing_cards = {c.key: c for c in target.cards}
    c_added, c_updated, _, stale_cards = _sync_rows(
        existing_cards,
        list(bank.effective_cards()),
        _card_row_values,
        lambda key, values: new_cards.append({"set_id": target.id, "key": key, **values}),
    )
    if new_questions:
        session.execute(insert(Question), new_questions)
    if new_cards:
        session.execute(insert(Card), new_cards)
    if new_questions or new_cards:
        session.expire(target, ["questions", "cards"])
    retired = 0
    for card in stale_cards:
        if card.active:
            card.active = False
            retired += 1
    rank_new_cards(session, target.id)

    report = SyncReport(
        set_id=target.id,
        created=created,
        added=q_added + c_added,
        updated=q_updated + c_updated,
        removed=len(stale_questions) + retired,
        unchanged=q_unchanged,
    )
    if report.changed:
        if not created:
            target.version += 1
        target.updated_at = now
    if target.description != bank.description:
        target.description = bank.description
    files = [*bank.all_files(), *(f for c in bank.effective_cards() for f in c.files)]
    media.link_set(session, target.id, media.store(session, files, now=now).values())
    order = categories.bank_order(bank, category_order)
    if target.category_order != order:
        target.category_order = order
    return report


def new_ranks(cards: Sequence[tuple[int, str | None, int, bool]]) -> dict[int, int | None]:
    """``Card.new_rank`` of each card, from its (id, category, position, active): its place
    among the active cards of its category, by position; None for a retired card."""
    ranks: dict[int, int | None] = {}
    seen: dict[str | None, int] = {}
    for card_id, category, _position, active in sorted(cards, key=lambda c: (c[2], c[0])):
        if active:
            seen[category] = ranks[card_id] = seen.get(category, 0) + 1
        else:
            ranks[card_id] = None
    return ranks


_SET_RANK = (
    update(Card.__table__)
    .where(Card.__table__.c.id == bindparam("card_id"))
    .values(new_rank=bindparam("rank"))
)


def rank_new_cards(session: Session, set_id: int) -> None:
    """Store the order of the set's new cards (``Card.new_rank``), writing only the ranks
    that changed.  Does not commit."""
    session.flush()
    rows = session.execute(
        select(Card.id, Card.category, Card.position, Card.active, Card.new_rank).where(
            Card.set_id == set_id
        )
    ).all()
    stored = {row.id: row.new_rank for row in rows}
    changed = [
        {"card_id": card_id, "rank": rank}
        for card_id, rank in new_ranks([tuple(row[:4]) for row in rows]).items()
        if stored[card_id] != rank
    ]
    if changed:
        session.connection().execute(_SET_RANK, changed)


def load_builtin(
    session: Session,
    bank: BankSet,
    *,
    key: str,
    now: datetime,
    category_order: Sequence[str] | None = None,
) -> SyncReport:
    """Load a built-in bank (owned by no one, public).  Idempotent; commits.

    ``category_order``: the order the bank lists its categories in (see ``sync_set``)."""
    target = session.execute(
        select(QuestionSet).where(QuestionSet.builtin_key == key)
    ).scalar_one_or_none()
    if target is None:
        target = QuestionSet(
            name=bank.name,
            description=bank.description,
            owner_id=None,
            visibility=PUBLIC,
            builtin_key=key,
            created_at=now,
            updated_at=now,
        )
    else:
        target.name = bank.name
    report = sync_set(session, target, bank, now=now, category_order=category_order)
    session.commit()
    return report


def new_set_row(bank: BankSet, *, owner_id: int | None, public: bool, now: datetime) -> QuestionSet:
    """The row of a new set of ``owner_id`` named after ``bank`` (not added, no questions)."""
    return QuestionSet(
        name=bank.name,
        description=bank.description,
        owner_id=owner_id,
        visibility=PUBLIC if public else PRIVATE,
        created_at=now,
        updated_at=now,
    )


def save_new_set(
    session: Session,
    bank: BankSet,
    *,
    owner_id: int | None,
    now: datetime,
    public: bool = True,
) -> SyncReport:
    """Save an imported set as a new set of ``owner_id``.  Commits."""
    target = new_set_row(bank, owner_id=owner_id, public=public, now=now)
    report = sync_set(session, target, bank, now=now)
    session.commit()
    return report


def visible_sets(session: Session) -> list[QuestionSet]:
    """The public sets that are not deleted, built-in banks first."""
    return list(
        session.execute(
            select(QuestionSet)
            .where(QuestionSet.visibility == PUBLIC, QuestionSet.deleted_at.is_(None))
            .order_by(QuestionSet.builtin_key.is_(None), QuestionSet.name)
        ).scalars()
    )


@dataclass(frozen=True)
class SetCounts:
    """How much one set holds: the one per-set count of the services."""

    #: Questions per (type name, category).
    kinds: Mapping[tuple[str, str | None], int]
    #: Active cards.
    cards: int
    #: Attempts ever started (0 unless asked for).
    attempts: int = 0

    @property
    def questions(self) -> int:
        return sum(self.kinds.values())


def set_counts(
    session: Session, set_ids: Collection[int], *, attempts: bool = False
) -> dict[int, SetCounts]:
    """The counts of each set in ``set_ids``, in one grouped query per thing counted
    (questions by type and category, active cards, and attempts when ``attempts``)."""
    if not set_ids:
        return {}
    ids = list(set_ids)
    kinds: dict[int, dict[tuple[str, str | None], int]] = {set_id: {} for set_id in ids}
    by_kind = (Question.set_id, Question.type, Question.category)
    for (set_id, type_name, category), count in grouped_count(
        session, by_kind, Question.id, Question.set_id.in_(ids)
    ).items():
        kinds[set_id][(type_name, category)] = count
    active = Card.active.is_(True)
    cards = grouped_count(session, Card.set_id, Card.id, Card.set_id.in_(ids), active)
    tries = {}
    if attempts:
        tries = grouped_count(session, Attempt.set_id, Attempt.id, Attempt.set_id.in_(ids))
    return {
        set_id: SetCounts(
            kinds=kinds[set_id], cards=cards.get(set_id, 0), attempts=tries.get(set_id, 0)
        )
        for set_id in ids
    }


@dataclass(frozen=True)
class SetSummary:
    id: int
    name: str
    description: str
    question_count: int
    card_count: int


def summaries(session: Session, sets: list[QuestionSet]) -> list[SetSummary]:
    """Names and counts of ``sets`` (``set_counts``: grouped queries whatever their number)."""
    counts = set_counts(session, [s.id for s in sets])
    return [
        SetSummary(
            id=s.id,
            name=s.name,
            description=s.description,
            question_count=counts[s.id].questions,
            card_count=counts[s.id].cards,
        )
        for s in sets
    ]


# ------------------------------------------------------------------ reading sets back


def session_of(target: QuestionSet) -> Session:
    found = object_session(target)
    if found is None:  # pragma: no cover - sets are read through a session
        raise RuntimeError("the set is not attached to a session")
    return found


def to_bank_set(target: QuestionSet) -> BankSet:
    """The set as the pure model (for exports and edits), from its rows' stored data, with
    the bytes of its files read back from ``media_files``.

    The cards are written out only when they are not the ones the questions imply, so a
    set imported without cards exports without cards, and a JSON round trip is exact.
    """
    rows = [*target.questions, *(row for row in target.cards if row.active)]
    stored = media.contents(
        session_of(target), {ref.sha256 for row in rows for ref in media.stored_refs(row.media)}
    )

    def files(row: Question | Card) -> tuple[MediaFile, ...]:
        return tuple(
            MediaFile(ref.name, ref.mime, stored[ref.sha256])
            for ref in media.stored_refs(row.media)
            if ref.sha256 in stored
        )

    questions = tuple(
        dataclasses.replace(question_from_dict(row.data), files=files(row))
        for row in target.questions
    )
    cards = tuple(
        dataclasses.replace(BankCard.from_dict(row.data), files=files(row))
        for row in target.cards
        if row.active
    )
    derived = BankSet(name=target.name, questions=questions).effective_cards()
    return BankSet(
        name=target.name,
        description=target.description or "",
        questions=questions,
        cards=() if cards == derived else cards,
    )


def normalise_name(name: str) -> str:
    """A set name as stored: inner runs of spaces made one, no spaces at the ends."""
    return " ".join((name or "").split())


def _same_name(a: str, b: str) -> bool:
    return normalise_name(a).casefold() == normalise_name(b).casefold()


def sets_owned_by(session: Session, owner_id: int) -> list[QuestionSet]:
    """The sets of one owner that are not deleted, by name."""
    return list(
        session.execute(
            select(QuestionSet)
            .where(QuestionSet.owner_id == owner_id, QuestionSet.deleted_at.is_(None))
            .order_by(QuestionSet.name, QuestionSet.id)
        ).scalars()
    )


def find_version_target(session: Session, name: str, owner_id: int | None) -> QuestionSet | None:
    """The set a new upload named ``name`` is a new version of, if any.

    Same owner (``None``: the sets that belong to no one, built-in banks excepted), same
    name ignoring case and spacing, not deleted.  The oldest wins if several match.
    """
    query = select(QuestionSet).where(
        QuestionSet.deleted_at.is_(None), QuestionSet.builtin_key.is_(None)
    )
    if owner_id is None:
        query = query.where(QuestionSet.owner_id.is_(None))
    else:
        query = query.where(QuestionSet.owner_id == owner_id)
    # Names are compared in Python: casefold() is the rule, whatever the engine's collation.
    candidates = session.execute(query.order_by(QuestionSet.id)).scalars()
    return next((s for s in candidates if _same_name(s.name, name)), None)


def all_sets(session: Session) -> list[QuestionSet]:
    """Every set that is not deleted, built-in banks first, then by name."""
    return list(
        session.execute(
            select(QuestionSet)
            .where(QuestionSet.deleted_at.is_(None))
            .order_by(QuestionSet.builtin_key.is_(None), QuestionSet.name, QuestionSet.id)
        ).scalars()
    )


def find_set_by_name_or_id(session: Session, reference: str) -> QuestionSet:
    """A set that is not deleted, named by its id (digits) or its name (case ignored).

    Raises ``NotFound`` when nothing matches and ``Conflict`` when a name is shared by
    several sets (the message lists their ids, so the caller can pick one).
    """
    reference = (reference or "").strip()
    if reference.isdigit():
        found = session.get(QuestionSet, int(reference))
        if found is not None and found.deleted_at is None:
            return found
    matches = [s for s in all_sets(session) if _same_name(s.name, reference)]
    if not matches:
        raise NotFound(f'There is no question set with the id or name "{reference}".')
    if len(matches) > 1:
        ids = ", ".join(str(s.id) for s in matches)
        raise Conflict(
            f'{len(matches)} sets are named "{reference}" (ids {ids}); give the id instead.'
        )
    return matches[0]


# ------------------------------------------------------------- what a new version does


@dataclass(frozen=True)
class SetDiff:
    """What saving a bank over an existing set would do to its questions (by stable id)."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def diff_set(target: QuestionSet | None, bank: BankSet) -> SetDiff:
    """Compare ``bank``'s questions with ``target``'s rows, without changing anything.

    Uses the rule of ``sync_set``: a question is the same when its stable id is; it is
    updated when its content differs; a new position alone is not a change.
    """
    if target is None:
        return SetDiff(added=tuple(q.id for q in bank.questions))
    existing = {row.key: row for row in target.questions}
    added, updated = [], []
    unchanged = 0
    for question in bank.questions:
        row = existing.pop(question.id, None)
        if row is None:
            added.append(question.id)
            continue
        values = _question_row_values(question, row.position)
        if any(getattr(row, key) != value for key, value in values.items()):
            updated.append(question.id)
        else:
            unchanged += 1
    return SetDiff(
        added=tuple(added),
        updated=tuple(updated),
        removed=tuple(existing),
        unchanged=unchanged,
    )
