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
#: The most drafts per sentence, or per entity, that may be asked for (no limit aside).
MAX_LIMIT = 10
#: By default: at most one draft from a sentence and one about each entity.
DEFAULT_LIMIT = 1


@dataclass(frozen=True)
class Limits:
    """How many drafts at most from one sentence, and about one entity (a name, a date, a
    number or a key term); ``None``: no limit."""

    per_sentence: int | None = DEFAULT_LIMIT
    per_entity: int | None = DEFAULT_LIMIT

    @classmethod
    def read(cls, per_sentence: str | None, per_entity: str | None) -> Limits:
        """The limits the page sent back with its drafts (hidden fields): a number from 1
        to ``MAX_LIMIT``, or empty for no limit; anything else reads as the default."""
        return cls(_limit(per_sentence), _limit(per_entity))

    def as_text(self) -> tuple[str, str]:
        """The limits as the page keeps them (empty: no limit)."""
        return tuple("" if n is None else str(n) for n in (self.per_sentence, self.per_entity))


def _limit(text: str | None) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if text.isascii() and text.isdigit() and len(text) < 4 and 1 <= int(text) <= MAX_LIMIT:
        return int(text)
    return DEFAULT_LIMIT


@dataclass(frozen=True)
class Decision:
    """What the instructor chose for one draft."""

    keep: bool
    prompt: str
    answer: str


@dataclass(frozen=True)
class Proposal:
    """A draft question and the flashcard the drafter made with it (``None`` from the rules,
    whose drafts bring no card: a set of them takes each question's own card)."""

    question: Question
    drafted_card: Card | None

    def card(self, decision: Decision | None = None) -> Card | None:
        """The flashcard the set will have for this draft, as the instructor left it: the
        drafter's card with the answer on its back, or else the question's own card (none
        when the question makes no good card)."""
        question = self.question if decision is None else _edited(self.question, decision)
        if self.drafted_card is None:
            return replace(question, card_id=None).card()
        return replace(self.drafted_card, back=question.answer_display or self.drafted_card.back)


def propose(text: str, limits: Limits = Limits()) -> list[Proposal]:
    """The drafts for an article, each with its card, or a clear error when there is
    nothing to draft from."""
    if not text.strip():
        raise ValidationFailed("Paste the article's text first.")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ValidationFailed(f"The article is longer than {MAX_ARTICLE_CHARS:,} characters.")
    for value in (limits.per_sentence, limits.per_entity):
        if value is not None and not 1 <= value <= MAX_LIMIT:
            raise ValidationFailed(f"A limit is a number from 1 to {MAX_LIMIT}, or none.")
    drafts = drafting.draft_with_cards(
        text, per_sentence=limits.per_sentence, per_entity=limits.per_entity
    )
    if not drafts:
        raise ValidationFailed("No sentence with a date, a figure or a name was found.")
    return [Proposal(question, card) for question, card in drafts]


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


def choose(
    text: str, name: str, decisions: Mapping[str, Decision], limits: Limits = Limits()
) -> tuple[BankSet, dict[str, list[str]]]:
    """The set of kept, edited drafts with their cards, and the problems of each draft that
    has any.  ``limits`` must be those the drafts were proposed with, so that the same drafts
    (and their ids) come back."""
    kept: list[Question] = []
    cards: list[Card] = []
    problems: dict[str, list[str]] = {}
    for proposal in propose(text, limits):
        draft = proposal.question
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
        if proposal.drafted_card is not None:
            cards.append(proposal.card(decision))
    if not kept and not problems:
        raise ValidationFailed("Keep at least one draft question.")
    if not cards:  # drafted by rules: the set takes each question's own card
        kept = [replace(q, card_id=None) for q in kept]
    chosen = BankSet(
        name=name, description="Drafted from an article", questions=tuple(kept), cards=tuple(cards)
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
