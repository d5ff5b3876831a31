"""Saving checked sets: each a new set, or a new version of the owner's set of that name.

A new version keeps the set's rows: questions and cards are matched by their stable ids
(GIFT title, or a hash of the content) by ``question_sets.sync_set``, so learners' card
schedules carry over, and attempts in progress keep their own snapshot of each question.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from question_bank.sets import Card as BankCard
from question_bank.sets import QuestionSet as BankSet
from question_bank.types import question_from_dict
from quizapp.models import QuestionSet
from quizapp.services import question_sets


@dataclass(frozen=True)
class SetOutcome:
    """What saving one set did (or, for a dry run, would do)."""

    set_id: int
    name: str
    created: bool
    version: int
    added: int
    updated: int
    removed: int
    unchanged: int

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SetOutcome:
        return cls(**{key: data[key] for key in cls.__dataclass_fields__})


def outcome(
    target: QuestionSet | None,
    bank: BankSet,
    diff: question_sets.SetDiff,
    report: question_sets.SyncReport | None = None,
) -> SetOutcome:
    """What saving ``bank`` did to ``target`` (``report``: ``sync_set`` saved it), or, without
    a report, what it would do (set id 0 for a new set)."""
    if report is not None and target is not None:
        set_id, name, created, version = target.id, target.name, report.created, target.version
    elif target is not None:
        set_id, name, created, version = target.id, bank.name, False, target.version
        version += int(diff.changed)
    else:
        set_id, name, created, version = 0, bank.name, True, 1
    return SetOutcome(
        set_id=set_id,
        name=name,
        created=created,
        version=version,
        added=len(diff.added),
        updated=len(diff.updated),
        removed=len(diff.removed),
        unchanged=diff.unchanged,
    )


def save_sets(
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
            target = question_sets.new_set_row(bank, owner_id=owner_id, public=public, now=now)
        report = question_sets.sync_set(session, target, bank, now=now)
        outcomes.append(outcome(target, bank, diff, report))
    session.flush()
    return outcomes


def sets_from_data(data: dict[str, Any]) -> list[BankSet]:
    """The sets of a draft's interchange JSON."""
    return [
        BankSet(
            name=raw["name"],
            description=raw.get("description") or "",
            questions=tuple(question_from_dict(q) for q in raw.get("questions") or ()),
            cards=tuple(BankCard.from_dict(c) for c in raw.get("cards") or ()),
        )
        for raw in data.get("sets") or ()
    ]
