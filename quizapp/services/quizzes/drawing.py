"""Which questions an attempt shows, in which order, and the snapshot of each.  Pure: the
randomness comes in as ``rng``, so one seed gives one attempt.

* Only answerable questions are drawn.  Descriptions are kept, in place, when an attempt
  shows every question in the set's order; when questions are shuffled or a random N is
  drawn they are left out, as they would lose their context.
* The order of questions, and of whatever each type shuffles (its ``shuffled_keys``: choices,
  matching items, ordering items), is fixed in the attempt's snapshot, so a reload shows the
  same order.  Each type shuffles itself (``Question.shuffled``): true/false keeps True
  before False, and ordering items are shuffled even when the set does not shuffle choices.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from question_bank.types import Question as BankQuestion
from question_bank.types import answerable
from quizapp.services.quizzes.options import QuizOptions, in_categories


class Candidate(Protocol):
    """A question of the set as the draw sees it (a ``Question`` row is one)."""

    @property
    def type(self) -> str: ...

    @property
    def category(self) -> str | None: ...

    @property
    def position(self) -> int: ...

    def to_model(self) -> BankQuestion: ...


C = TypeVar("C", bound=Candidate)


@dataclass(frozen=True)
class Drawn(Generic[C]):
    """One question of a new attempt: the set's question, its model, the model as the
    attempt shows it (shuffled) and that model's snapshot (``shuffled.to_dict()``, which
    ``question_from_dict`` turns back into ``shuffled``: the type contract checks it)."""

    source: C
    model: BankQuestion
    shuffled: BankQuestion
    data: dict[str, Any]

    @property
    def gradable(self) -> bool:
        return self.model.answerable and self.model.gradable


def draw(
    candidates: Sequence[C],
    *,
    categories: Sequence[str] | None,
    count: int | None,
    shuffle: bool,
    rng: random.Random,
) -> list[C]:
    """The questions of an attempt, in its order; empty when none can be answered."""
    rows = [q for q in candidates if in_categories(q.category, categories)]
    answerable_rows = [q for q in rows if answerable(q.type)]
    if not answerable_rows:
        return []
    partial = count is not None and 0 < count < len(answerable_rows)
    if shuffle:
        chosen = rng.sample(answerable_rows, count) if partial else list(answerable_rows)
        rng.shuffle(chosen)
        return chosen
    if partial:
        return sorted(rng.sample(answerable_rows, count), key=lambda q: q.position)
    return rows  # everything in the set's order, descriptions in place


def shuffled(model: BankQuestion, shuffle: bool, rng: random.Random) -> BankQuestion:
    """The question as the attempt shows it, shuffled by its type (choices when ``shuffle``)."""
    return model.shuffled(rng, shuffle_answers=shuffle)


def snapshot(model: BankQuestion, shuffle: bool, rng: random.Random) -> dict[str, Any]:
    """The question as the attempt keeps it (``shuffled``, as a dict)."""
    return shuffled(model, shuffle, rng).to_dict()


def draw_attempt(
    candidates: Sequence[C],
    options: QuizOptions,
    *,
    count: int | None,
    rng: random.Random,
) -> list[Drawn[C]]:
    """Draw the questions (``count`` as the set says it) and snapshot each, in order."""
    chosen = draw(
        candidates,
        categories=options.categories,
        count=count,
        shuffle=options.shuffle_questions,
        rng=rng,
    )
    models = [row.to_model() for row in chosen]
    shown = [shuffled(model, options.shuffle_choices, rng) for model in models]
    return [
        Drawn(row, model, kept, kept.to_dict())
        for row, model, kept in zip(chosen, models, shown, strict=True)
    ]


def max_score(drawn: Sequence[Drawn[Any]]) -> float:
    """The points of the gradable questions (essays and descriptions count none): a question
    worth 2 counts twice; questions of sets that give no points are worth 1 each."""
    return float(sum(d.model.points for d in drawn if d.gradable))
