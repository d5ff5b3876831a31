"""Editing a set's flashcards: change a card's front and back or its cloze text, add a card,
delete one, each checked by the rules of good cards and saved in one transaction.

A set imported without cards has the cards its questions imply (``effective_cards``); the
first edit writes them all down as the set's own, so that the edit sticks (a question
changed later no longer changes them).  The set is saved as a new version through
``question_sets.sync_set``, as an upload is: an edited card keeps its row and id, so every
learner's schedule for it; a deleted card is retired (schedules kept); a question that named
the deleted card as its flashcard no longer does.  A set keeps at least one card.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from question_bank import card_rules, cloze_marks
from question_bank.categories import category_problem, clean_category
from question_bank.sets import Card as BankCard
from question_bank.sets import QuestionSet as BankSet
from quizapp.models import QuestionSet, User
from quizapp.services import question_sets, set_admin
from quizapp.services.errors import NotFound, ValidationFailed
from quizapp.services.imports import MAX_CATEGORY, unstorable

KINDS = ("basic", "cloze")
#: The longest text a card's field may hold (a card is one fact: this is generous).
MAX_TEXT = 5_000
FIELDS = ("kind", "front", "back", "cloze", "extra", "category")

Errors = dict[str, list[str]]


class CardRejected(ValidationFailed):
    """A card form that cannot be saved: ``errors`` by field name ("" for the whole card)."""

    code = "card_rejected"

    def __init__(self, errors: Errors) -> None:
        self.errors = errors
        count = sum(len(m) for m in errors.values())
        super().__init__(f"The card was not saved: {count} problem{'s' if count != 1 else ''}.")


@dataclass(frozen=True)
class CardsTarget:
    """A set of the user's own, its bank (as stored) and its cards with their row ids."""

    question_set: QuestionSet
    bank: BankSet
    cards: tuple[BankCard, ...]
    row_ids: dict[str, int]

    def card(self, row_id: int) -> BankCard:
        key = next((k for k, v in self.row_ids.items() if v == row_id), None)
        found = next((c for c in self.cards if c.id == key), None)
        if found is None:
            raise NotFound("There is no such flashcard in this set.")
        return found


def open_cards(session: Session, *, set_id: int, user: User) -> CardsTarget:
    """The user's own set and its flashcards (someone else's set is "not found")."""
    target = set_admin.owned_set(session, set_id=set_id, user=user)
    bank = question_sets.to_bank_set(target)
    rows = {row.key: row.id for row in target.cards if row.active}
    return CardsTarget(target, bank, bank.effective_cards(), rows)


def values_of(card: BankCard) -> dict[str, str]:
    """The form's values for a card."""
    return {
        "kind": "cloze" if card.cloze else "basic",
        "front": "" if card.cloze else card.front,
        "back": "" if card.cloze else card.back,
        "cloze": card.cloze,
        "extra": card.extra,
        "category": card.category or "",
    }


def _text(values: Mapping[str, Any], name: str, errors: Errors) -> str:
    raw = values.get(name)
    text = raw if isinstance(raw, str) else ""
    text = text.replace("\r\n", "\n").strip()
    reason = unstorable(text)
    if reason:
        errors.setdefault(name, []).append(f"this text {reason}: retype it")
    if len(text) > MAX_TEXT:
        errors.setdefault(name, []).append(
            f"at most {MAX_TEXT:,} characters (this has {len(text):,}): a card holds one fact"
        )
    return text


def _rule_field(problem: str) -> str:
    return "front" if "front" in problem.split(":")[0] else "back"


def check_card(
    values: Mapping[str, Any], *, card_id: str, original: BankCard | None = None
) -> tuple[BankCard | None, Errors]:
    """The card a form describes and what keeps it from being saved, by field.  The
    original keeps its source quote, tags, images and text format."""
    errors: Errors = {}
    kind = values.get("kind")
    if kind not in KINDS:
        errors["kind"] = ['choose "front and back" or "cloze"']
        return None, errors
    texts = {name: _text(values, name, errors) for name in FIELDS[1:]}
    category = " ".join(texts["category"].split())
    problem = category_problem(category) if category else None
    if problem or len(category) > MAX_CATEGORY:
        errors.setdefault("category", []).append(problem or f"at most {MAX_CATEGORY} characters")
    kept: dict[str, Any] = {}
    if original is not None:
        kept = {
            "tags": original.tags,
            "source": original.source,
            "files": original.files,
            "text_format": original.text_format,
        }
    if kind == "cloze":
        for message in cloze_marks.problems(texts["cloze"]):
            errors.setdefault("cloze", []).append(message)
        card = BankCard(
            id=card_id,
            cloze=texts["cloze"],
            extra=texts["extra"],
            category=clean_category(category),
            **kept,
        )
    else:
        front, back = texts["front"], texts["back"]
        if not front:
            errors.setdefault("front", []).append("write the question or cue of the card")
        if not back:
            errors.setdefault("back", []).append("write the answer: one fact")
        if front and back:
            for message in card_rules.card_problems(front, back):
                errors.setdefault(_rule_field(message), []).append(message)
        card = BankCard(
            id=card_id, front=front, back=back, category=clean_category(category), **kept
        )
    return (None if errors else card), errors


def _new_id(cards: tuple[BankCard, ...]) -> str:
    used = {c.id for c in cards}
    number = len(cards) + 1
    while f"card-{number}" in used:
        number += 1
    return f"card-{number}"


def _save(session: Session, target: CardsTarget, bank: BankSet, now: datetime) -> None:
    question_sets.sync_set(session, target.question_set, bank, now=now)
    session.commit()


def save_card(
    session: Session,
    *,
    target: CardsTarget,
    row_id: int | None,
    values: Mapping[str, Any],
    now: datetime,
) -> tuple[int, bool]:
    """Save the edited card (``row_id``) or a new one (None, added at the end).  Returns
    its row id and whether anything changed; ``CardRejected`` (nothing written) otherwise."""
    original = target.card(row_id) if row_id is not None else None
    card_id = original.id if original is not None else _new_id(target.cards)
    card, errors = check_card(values, card_id=card_id, original=original)
    if card is None:
        raise CardRejected(errors)
    if original is not None and card == original:
        return row_id, False  # type: ignore[return-value]
    if original is None:
        cards = (*target.cards, card)
    else:
        cards = tuple(card if c.id == card.id else c for c in target.cards)
    _save(session, target, replace(target.bank, cards=cards), now)
    row = next(r for r in target.question_set.cards if r.key == card.id)
    return row.id, True


def delete_card(session: Session, *, target: CardsTarget, row_id: int, now: datetime) -> str:
    """Remove a card from its set (a new version); returns its front.  The last card stays:
    without any, the set would make its cards from its questions again."""
    card = target.card(row_id)
    if len(target.cards) <= 1:
        raise ValidationFailed(
            "A set keeps at least one flashcard: add another first, or edit this one."
        )
    cards = tuple(c for c in target.cards if c.id != card.id)
    questions = tuple(
        q.replace(card_id=None) if q.card_id == card.id else q for q in target.bank.questions
    )
    _save(session, target, replace(target.bank, questions=questions, cards=cards), now)
    return card.front
