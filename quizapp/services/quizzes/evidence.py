"""A quiz as evidence for the flashcards: at most one review per card per attempt.

A quiz is not a flashcard review.  Its questions come shuffled, several may test one fact,
and many only ask the learner to *pick* an answer.  So, at submission:

1. **One piece of evidence per card.**  Every graded answer of the attempt that tests the
   same card is combined into at most one review of it, rated by the **worst** of them: a
   fact is as well known as its weakest answer shows, and the question shuffle no longer
   decides the outcome (Again then Good and Good then Again were 7x apart before).
2. **Recall is not recognition.**  Each question type says what its answers are evidence
   of (``Question.evidence``): *recall* (short answer, numerical, cloze: the answer was
   produced) or *recognition* (multiple choice, true/false, matching, multiple response,
   ordering: it was picked among what the question shows).
   * A recall answer rates the card: right Good, at least half right Hard, else Again.
   * A **right recognition answer is no evidence of recall** and rates nothing: a learner
     who cannot recall a fact still picks it out, or guesses it (one chance in two on
     true/false).  Counting it as Good inflated stability (see docs/using.md's figures).
   * A **wrong recognition answer** (under half right) is Again: not even recognising the
     fact is strong evidence it is forgotten.  But it is not a *recall* lapse, so it does
     not count toward the leech threshold (origin ``quiz_recognition``).
3. **Each part on its own card.**  The question type says which cards an answer is
   evidence for and how each part of it scored (``Question.card_scores``): by default the
   question's one card (its ``card_id``, else the card derived from it, named after the
   question) with the whole score; a matching question, whose derived cards are one per
   pair (``<card id or id>-<item id>``), each answered pair on its pair's card, right or
   wrong (recognition: a wrong pair is Again, a right one rates nothing), an unanswered
   pair on none.  When the set has none of the cards the type names (a set with cards of
   its own, which a question names by its ``card_id``), the whole question is evidence
   for the card it names (``linked_answers``).
4. **Only cards in review.**  The evidence applies to a card the learner has learnt and
   that is in review.  A card still new stays new (it is met in the flashcards, counted
   against the daily new-card limit there); a card in (re)learning is between steps
   minutes apart, which its next step tests; a suspended or buried card is left alone.
   Quiz evidence does not count against the daily review limit, which is the flashcards'.

The rules are pure (``linked_answers``, ``answer_rating``, ``combine``, ``applies_to``);
``apply_evidence`` writes the reviews through ``scheduling.apply_review``, in the
submission's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import Rating, State
from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.types import CardScore
from quizapp.models import Card, CardState, User
from quizapp.services import scheduling

RECALL = "recall"
RECOGNITION = "recognition"


@dataclass(frozen=True)
class Answer:
    """One graded answer (or part of one: a matching pair) on the card it tests."""

    card_id: int
    score: float
    evidence: str  # RECALL or RECOGNITION


@dataclass(frozen=True)
class Evidence:
    """The one review a quiz gives a card."""

    card_id: int
    rating: Rating
    origin: str  # scheduling.QUIZ_RECALL or scheduling.QUIZ_RECOGNITION


def linked_answers(
    parts: Iterable[CardScore], card_ids: Mapping[str, int], whole: Answer | None
) -> list[Answer]:
    """One answered question as answers on the set's cards: each part its type names
    (``Question.card_scores``) on the active card of that key (``card_ids``: key -> id);
    when the set has none of them, ``whole``: the whole question on the card the attempt
    linked it to (None: no card)."""
    found = [Answer(card_ids[p.card], p.score, p.evidence) for p in parts if p.card in card_ids]
    if found:
        return found
    return [whole] if whole is not None else []


def answer_rating(answer: Answer) -> Rating | None:
    """What one answer says of the card's memory (None: nothing)."""
    if answer.evidence == RECALL:
        if answer.score >= 1 - 1e-9:
            return Rating.Good
        return Rating.Hard if answer.score >= 0.5 - 1e-9 else Rating.Again
    return Rating.Again if answer.score < 0.5 - 1e-9 else None


def combine(answers: Iterable[Answer]) -> list[Evidence]:
    """The attempt's answers as at most one review per card: the worst rating among those
    that say something; from a recall answer if one gave it (then an Again is a lapse)."""
    worst: dict[int, tuple[Rating, str]] = {}
    for answer in answers:
        rating = answer_rating(answer)
        if rating is None:
            continue
        origin = (
            scheduling.QUIZ_RECALL if answer.evidence == RECALL else scheduling.QUIZ_RECOGNITION
        )
        found = worst.get(answer.card_id)
        if (
            found is None
            or rating < found[0]
            or (rating == found[0] and origin == scheduling.QUIZ_RECALL)
        ):
            worst[answer.card_id] = (rating, origin)
    return [Evidence(card_id, rating, origin) for card_id, (rating, origin) in worst.items()]


def applies_to(state: Any, now: datetime) -> bool:
    """Whether quiz evidence may change this card state (None: a card never studied)."""
    return (
        state is not None
        and not scheduling.is_new(state)
        and state.state == int(State.Review)
        and not state.suspended
        and not (state.buried_until is not None and state.buried_until > now)
    )


def apply_evidence(session: Session, user: User, answers: list[Answer], now: datetime) -> int:
    """Write the attempt's evidence as reviews (no commit).  Returns how many were written."""
    evidence = combine(answers)
    if not evidence:
        return 0
    rows = session.execute(
        select(CardState, Card)
        .join(Card, Card.id == CardState.card_id)
        .where(
            CardState.user_id == user.id,
            CardState.card_id.in_([e.card_id for e in evidence]),
            Card.active.is_(True),
        )
    ).all()
    found = {card.id: (state, card) for state, card in rows}
    written = 0
    for item in evidence:
        state, card = found.get(item.card_id, (None, None))
        if card is None or not applies_to(state, now):
            continue
        scheduling.apply_review(
            session,
            user=user,
            card=card,
            rating=item.rating,
            now=now,
            origin=item.origin,
            state=state,
        )
        written += 1
    return written
