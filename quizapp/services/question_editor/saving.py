"""Saving what the editor made, and deleting a question, each in one transaction.

The set is saved as a new version through ``question_sets.sync_set``, as an upload is: an
edited question keeps its row, its id and its flashcard (so every learner's progress on it),
a new one is added at the end, a deleted one is removed and its implied flashcard retired
(schedules kept); attempts keep their own snapshot of every question."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from question_bank.sets import QuestionSet as BankSet
from question_bank.types import Question as BankQuestion
from question_bank.types.editing import Edited, new_question_id
from quizapp.services import question_sets
from quizapp.services.errors import ValidationFailed
from quizapp.services.imports import set_problems
from quizapp.services.imports.checking import describe
from quizapp.services.question_editor.checking import EditRejected, check
from quizapp.services.question_editor.opening import EditorTarget


@dataclass(frozen=True)
class Saved:
    row_id: int
    created: bool
    #: False when the form changed nothing.
    changed: bool
    version: int


def _final_problems(bank: BankSet, question: BankQuestion) -> list[str]:
    """What an import would still refuse once the fields are right (ids, storage), and a
    flashcard reference the set does not have."""
    problems = set_problems(BankSet(name=bank.name, questions=(question,)))
    card_ids = {card.id for card in bank.cards}
    if bank.cards and question.card_id is not None and question.card_id not in card_ids:
        problems.append(
            f'the question refers to the card "{question.card_id}", which is not in the set'
        )
    return problems


def save_question(
    session: Session, *, target: EditorTarget, values: Mapping[str, Any], now: datetime
) -> Saved:
    """Save the question the form describes; ``EditRejected`` (nothing written) with every
    problem by field otherwise."""
    edited = check(target, values)
    question = edited.question
    if question is None or not edited.ok:
        raise EditRejected(edited)
    bank = question_sets.to_bank_set(target.question_set)
    if target.is_new:
        question = question.replace(id=new_question_id(question, (q.id for q in bank.questions)))
        questions = (*bank.questions, question)
    else:
        questions = tuple(question if q.id == question.id else q for q in bank.questions)
    bank = replace(bank, questions=questions)
    problems = _final_problems(bank, question)
    if problems:
        raise EditRejected(Edited(question, {(): problems}))
    report = question_sets.sync_set(session, target.question_set, bank, now=now)
    try:
        session.commit()
    except IntegrityError:  # another tab added a question with the same id meanwhile
        session.rollback()
        raise EditRejected(
            Edited(question, {(): ["the set changed while you edited: reload it and try again"]})
        ) from None
    row = next(r for r in target.question_set.questions if r.key == question.id)
    return Saved(
        row_id=row.id,
        created=target.is_new,
        changed=report.changed,
        version=target.question_set.version,
    )


def delete_question(session: Session, *, target: EditorTarget, now: datetime) -> str:
    """Remove the question from its set (a new version); returns how it was named.  A set
    keeps at least one question: deleting the last is refused."""
    question = target.question
    if question is None:
        raise ValidationFailed("There is no question to delete.")
    bank = question_sets.to_bank_set(target.question_set)
    if len(bank.questions) <= 1:
        raise ValidationFailed(
            "A set keeps at least one question: add another first, or delete the whole set."
        )
    bank = replace(bank, questions=tuple(q for q in bank.questions if q.id != question.id))
    question_sets.sync_set(session, target.question_set, bank, now=now)
    session.commit()
    return describe(question)
