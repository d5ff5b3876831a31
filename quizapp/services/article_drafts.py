"""Draft a question set from a new article: propose, let the instructor keep, edit or drop
each draft, then hand the result to the upload pipeline (preview, then one-transaction save).

Drafting is deterministic (``question_bank.drafting``), so the article text sent back with
the instructor's choices gives the same drafts again: nothing needs storing in between.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from question_bank import drafting, grading
from question_bank.formats import json_format
from question_bank.sets import Card
from question_bank.sets import QuestionSet as BankSet
from question_bank.types import (
    BLANK_PATTERN,
    Accepted,
    Cloze,
    MultipleChoice,
    Numerical,
    Question,
    ShortAnswer,
)
from quizapp.models import ImportDraft, User
from quizapp.services import imports
from quizapp.services.errors import ValidationFailed

MAX_ARTICLE_CHARS = 200_000


@dataclass(frozen=True)
class Decision:
    """What the instructor chose for one draft."""

    keep: bool
    prompt: str
    answer: str


def propose(text: str) -> list[Question]:
    """The drafts for an article, or a clear error when there is nothing to draft from."""
    if not text.strip():
        raise ValidationFailed("Paste the article's text first.")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ValidationFailed(f"The article is longer than {MAX_ARTICLE_CHARS:,} characters.")
    drafts = drafting.draft_questions(text)
    if not drafts:
        raise ValidationFailed("No sentence with a date, a figure or a name was found.")
    return drafts


def _edited(draft: Question, decision: Decision) -> Question:
    prompt = decision.prompt.strip() or draft.prompt
    answer = decision.answer.strip()
    if isinstance(draft, Cloze):
        blanks = draft.blanks
        if answer and answer != draft.answer_display:
            blanks = ((Accepted(answer),),)
        return replace(draft, prompt=prompt, blanks=blanks, answer_display=answer or "")
    if isinstance(draft, ShortAnswer):
        accepted = draft.accepted
        if answer and answer != draft.answer_display:
            accepted = (Accepted(answer),)
        return replace(draft, prompt=prompt, accepted=accepted, answer_display=answer or "")
    if isinstance(draft, MultipleChoice) and answer and answer != draft.answer_display:
        # The answer typed must be one of the choices (else the draft reports no right one).
        choices = tuple(replace(c, weight=1.0 if c.text == answer else 0.0) for c in draft.choices)
        return replace(draft, prompt=prompt, choices=choices, answer_display=answer)
    if isinstance(draft, Numerical) and answer and answer != draft.answer_display:
        value = grading.parse_number(answer)
        if value is not None:
            numeric = (replace(draft.numeric[0], value=value),)
            return replace(draft, prompt=prompt, numeric=numeric, answer_display=answer)
        return replace(draft, prompt=prompt, numeric=(), answer_display=answer)
    return replace(draft, prompt=prompt)


def note() -> str:
    """Said on the page when the rules draft instead of the NLP pipeline (what to install)."""
    return drafting.fallback_note()


def _cards(text: str, kept: list[Question]) -> tuple[Card, ...]:
    """The flashcard of each kept draft (NLP drafter only), its back following an edit."""
    by_id = {card.id: card for card in drafting.draft_cards(text)}
    cards = []
    for question in kept:
        card = by_id.get(question.card_id or "")
        if card is not None:
            cards.append(replace(card, back=question.answer_display or card.back))
    return tuple(cards)


def choose(
    text: str, name: str, decisions: Mapping[str, Decision]
) -> tuple[BankSet, dict[str, list[str]]]:
    """The set of kept, edited drafts, and the problems of each draft that has any."""
    kept: list[Question] = []
    problems: dict[str, list[str]] = {}
    for draft in propose(text):
        decision = decisions.get(draft.id)
        if decision is None or not decision.keep:
            continue
        question = _edited(draft, decision)
        if not question.answer_display:
            question = replace(question, answer_display=question.default_answer_display())
        found = question.problems()
        if isinstance(question, Cloze) and not BLANK_PATTERN.search(question.prompt):
            found.append("keep the {{1}} that marks the blank in the text")
        if found:
            problems[draft.id] = found
        kept.append(question)
    if not kept and not problems:
        raise ValidationFailed("Keep at least one draft question.")
    cards = _cards(text, kept)
    if not cards:
        kept = [replace(q, card_id=None) for q in kept]
    chosen = BankSet(
        name=name, description="Drafted from an article", questions=tuple(kept), cards=cards
    )
    return chosen, problems


def save_for_preview(
    session: Session, *, owner: User, question_set: BankSet, now: datetime
) -> ImportDraft:
    """Hand the chosen drafts to the upload pipeline: checked, kept for the preview."""
    data = json_format.dump(question_set).encode("utf-8")
    return imports.create_draft(
        session,
        owner=owner,
        data=data,
        filename="drafted-from-article.json",
        now=now,
        format="json",
        set_name=question_set.name,
    )
