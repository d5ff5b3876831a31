"""How the simulated learner answers a quiz question: right when they know the fact, wrong
otherwise; on a question that shows its answers among others, sometimes right by chance.

Pure.  Nothing here asks a question's type: a right response is the type's own
``correct_response``; a wrong one is found by trying responses shaped like it and keeping
the first the question grades as wrong.
"""

from __future__ import annotations

import random
from typing import Any

from question_bank.types import InvalidResponse
from question_bank.types import Question as BankQuestion

WRONG_TEXT = "I do not remember"


def chance_of_guessing(question: BankQuestion) -> float:
    """A recognition question can be answered right without recalling: one chance in as many
    options as it shows (a third when it does not say)."""
    if question.evidence == "recall":
        return 0.0
    shown = question.public_dict()
    options = shown.get("choices") or shown.get("options") or ()
    return 1 / len(options) if options else 1 / 3


def _candidates(question: BankQuestion, right: Any) -> list[Any]:
    shown = question.public_dict()
    ids = [item["id"] for item in shown.get("choices") or () if isinstance(item, dict)]
    found: list[Any] = [WRONG_TEXT, *ids, *([i] for i in ids)]
    if isinstance(right, bool):
        found.append(not right)
    elif isinstance(right, int | float):
        found.append(right * 7 + 13)
    elif isinstance(right, list):
        found += [[WRONG_TEXT] * len(right), list(reversed(right))]
    elif isinstance(right, dict):
        values = list(right.values())
        found.append({key: values[(i + 1) % len(values)] for i, key in enumerate(right)})
    return found


def wrong_response(question: BankQuestion) -> Any:
    """A response the question grades as mostly wrong (under half right)."""
    for candidate in _candidates(question, question.correct_response()):
        try:
            parsed = question.parse_response(candidate)
        except InvalidResponse:
            continue
        if question.grade(parsed).score < 0.5:
            return candidate
    raise ValueError(f"no wrong answer found for question {question.id!r}")


def response(question: BankQuestion, *, recalled: bool, rng: random.Random) -> tuple[Any, bool]:
    """The learner's response and whether it is right: right when they recall the fact, or,
    on a recognition question, by recognising or guessing among the options shown."""
    right = recalled or rng.random() < chance_of_guessing(question)
    return (question.correct_response() if right else wrong_response(question)), right
