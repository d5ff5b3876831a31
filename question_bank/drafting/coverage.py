"""How much of a hand-written bank the drafts find unprompted (``coverage``): its recall
facts, since its understanding items hold reasons and claims rather than an answer to blank."""

from __future__ import annotations

import re
from collections.abc import Iterable

from question_bank import grading
from question_bank.sets import Card, QuestionSet
from question_bank.types import Cloze, Question, ShortAnswer, Source


def _without_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def fact_answers(bank: QuestionSet) -> dict[str, list[str]]:
    """For each fact (card) of a bank, the texts that answer it.

    A fact's answer is its card's back and every full-mark answer of the questions that
    test it (each type's ``full_mark_texts``: short answers, cloze blanks, the right
    choice(s) of a multiple choice or multiple response question, numerical values).
    """
    answers: dict[str, list[str]] = {card.id: [card.back] for card in bank.effective_cards()}
    for question in bank.questions:
        texts = answers.get(question.card_id or question.id)
        if texts is None:
            continue
        texts.extend(question.full_mark_texts())
    return answers


def _draft_answers(draft: Question) -> list[str]:
    if isinstance(draft, ShortAnswer):
        return [a.text for a in draft.accepted]
    if isinstance(draft, Cloze):
        return [a.text for blank in draft.blanks for a in blank]
    return list(draft.full_mark_texts())  # multiple choice, numerical


def _overlaps(a: Source | None, b: Source | None) -> bool:
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def _without_year(text: str) -> str:
    """ "October 2018" -> "October": a card dates a month the article's sentence leaves bare."""
    return re.sub(r"[\s,]+(?:19|20)\d\d$", "", text.strip())


def _same_answer(proposed: str, expected: str) -> bool:
    proposed = _without_article(proposed)
    return any(
        grading.text_matches(proposed, _without_article(form))
        for form in {expected, _without_year(expected)}
    )


def recall_facts(bank: QuestionSet) -> tuple[Card, ...]:
    """The bank's facts a drafter can find: all but its understanding items (tagged
    "understanding": reasons, claims and their attribution, which no single blank holds)."""
    return tuple(c for c in bank.effective_cards() if "understanding" not in c.tags)


def proposed_facts(drafts: Iterable[Question], bank: QuestionSet) -> list[Card]:
    """The bank's facts that some draft proposes: same answer, overlapping quote."""
    drafts = list(drafts)
    answers = fact_answers(bank)
    found = []
    for card in recall_facts(bank):
        expected = answers.get(card.id, [card.back])
        for draft in drafts:
            if not _overlaps(draft.source, card.source):
                continue
            if any(_same_answer(p, e) for p in _draft_answers(draft) for e in expected):
                found.append(card)
                break
    return found


def coverage(drafts: Iterable[Question], bank: QuestionSet) -> float:
    """The share (0..1) of the bank's recall facts that the drafts propose unprompted."""
    cards = recall_facts(bank)
    if not cards:
        return 0.0
    return len(proposed_facts(drafts, bank)) / len(cards)
