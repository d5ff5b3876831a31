"""Lapses, leeches and where a log entry comes from: pure (no imports of the app).

* A **lapse** is Again on a card in review, except from a quiz's recognition answer
  (``counts_as_lapse``): picking a wrong option is not the recall failure a leech counts.
* The ``LEECH_THRESHOLD``-th lapse makes a card a **leech** (suspended and tagged), and so
  does every half threshold after it (12, 16...), each time with the warning, as Anki does.
"""

from __future__ import annotations

import math

from fsrs import Rating

#: A card lapsed this many times is a leech: suspended and tagged, as in Anki.
LEECH_THRESHOLD = 8
#: What the learner is told when a review makes a card a leech (the page and review.js).
LEECH_MESSAGE = (
    f"You have forgotten this card {LEECH_THRESHOLD} times or more: it is now a leech, "
    "suspended so it stops taking your time. Rewrite it or study its source, then unsuspend "
    "it from its page."
)
#: Where a log entry comes from: a flashcard review; a quiz whose evidence was a recall
#: answer (the answer was produced) or only recognition answers (picked among options);
#: ``"quiz"`` is the rule before issue 15 (every graded answer a review), kept for old logs.
REVIEW, QUIZ_RECALL, QUIZ_RECOGNITION, QUIZ_LEGACY = (
    "review",
    "quiz_recall",
    "quiz_recognition",
    "quiz",
)
QUIZ_ORIGINS = (QUIZ_RECALL, QUIZ_RECOGNITION, QUIZ_LEGACY)
#: The origins whose ratings say whether the learner *recalled* the card (the optimizer
#: learns from these only; a legacy quiz entry may be a guessed multiple-choice answer).
RECALL_ORIGINS = (REVIEW, QUIZ_RECALL)


def counts_as_lapse(origin: str) -> bool:
    """Whether an Again from this origin counts toward the leech threshold."""
    return origin != QUIZ_RECOGNITION


def leech_warning(lapses: int, threshold: int = LEECH_THRESHOLD) -> bool:
    """At the threshold, and every half threshold after it (rounded up), as Anki warns."""
    if threshold <= 0:
        return False
    half = max(math.ceil(threshold / 2), 1)
    return lapses >= threshold and (lapses - threshold) % half == 0


def count_lapse(
    lapses: int, rating: Rating, *, was_review: bool, origin: str = REVIEW
) -> tuple[int, bool]:
    """The lapse and leech rule: Again on a card in review is a lapse (unless its origin
    does not count, ``counts_as_lapse``).  Returns (lapses after the rating, whether this
    rating makes the card a leech now: suspended, with the warning)."""
    if rating != Rating.Again or not was_review or not counts_as_lapse(origin):
        return lapses, False
    lapses += 1
    return lapses, leech_warning(lapses)
