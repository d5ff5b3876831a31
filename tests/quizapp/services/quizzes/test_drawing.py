"""The draw of an attempt's questions and their snapshots (``quizzes.drawing``), pure: the
randomness is the ``rng`` passed in."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from question_bank.types import Question as BankQuestion
from question_bank.types import question_from_dict
from quizapp.services.quizzes import drawing
from quizapp.services.quizzes.options import QuizOptions
from tests.quizapp.quiz_helpers import every_type, mc


@dataclass(frozen=True)
class Row:
    """A question of a set as the draw sees it (what a ``Question`` row offers)."""

    data: dict[str, Any] = field(hash=False)
    position: int

    @property
    def key(self) -> str:
        return self.data["id"]

    @property
    def type(self) -> str:
        return self.data["type"]

    @property
    def category(self) -> str | None:
        return self.data.get("category")

    def to_model(self) -> BankQuestion:
        return question_from_dict(self.data)


def rows(questions: list[dict[str, Any]]) -> list[Row]:
    return [Row(data, position) for position, data in enumerate(questions)]


EVERY = rows(every_type())  # a description first, then one question of each type
MANY = rows([mc(f"q{i}", "place" if i % 2 else "date") for i in range(12)])


def keys(drawn) -> list[str]:
    return [row.key for row in drawn]


def draw(candidates, *, categories=None, count=None, shuffle=False, seed=1):
    return drawing.draw(
        candidates, categories=categories, count=count, shuffle=shuffle, rng=random.Random(seed)
    )


def test_in_order_every_question_stays_with_its_descriptions():
    assert keys(draw(EVERY)) == keys(EVERY)
    assert keys(draw(EVERY, count=0)) == keys(EVERY)  # 0 or None: every question
    assert keys(draw(EVERY, count=50)) == keys(EVERY)  # more than there are: every question


def test_nothing_to_answer_draws_nothing():
    only_text = rows([every_type()[0]])
    assert draw(only_text) == [] and draw(only_text, shuffle=True) == []
    assert draw(MANY, categories=["nowhere"]) == []


def test_shuffled_the_descriptions_are_left_out_and_one_seed_gives_one_order():
    first = keys(draw(EVERY, shuffle=True, seed=7))
    assert sorted(first) == sorted(keys(EVERY)[1:])  # every answerable question, once
    assert keys(draw(EVERY, shuffle=True, seed=7)) == first
    orders = {tuple(keys(draw(MANY, shuffle=True, seed=seed))) for seed in range(10)}
    assert len(orders) > 1  # the order does change from one attempt to another


def test_a_random_n_keeps_the_set_order_unless_shuffled():
    drawn = draw(MANY, count=5, seed=3)
    assert len(drawn) == 5
    assert [row.position for row in drawn] == sorted(row.position for row in drawn)
    assert len(set(keys(draw(MANY, count=5, shuffle=True, seed=3)))) == 5
    partial = draw(EVERY, count=3, seed=3)
    assert len(partial) == 3 and "intro" not in keys(partial)  # no description out of context
    subsets = {frozenset(keys(draw(MANY, count=5, seed=seed))) for seed in range(10)}
    assert len(subsets) > 1


def test_categories_filter_the_draw():
    drawn = draw(MANY, categories=["place"])
    assert keys(drawn) == [row.key for row in MANY if row.category == "place"]
    assert {row.category for row in draw(MANY, categories=["date"], count=2)} == {"date"}


def _choice_ids(data: dict[str, Any]) -> list[str]:
    return [choice["id"] for choice in data["choices"]]


def test_snapshots_shuffle_the_choices_but_never_true_or_false():
    question = question_from_dict(mc("q"))
    assert _choice_ids(drawing.snapshot(question, False, random.Random(1))) == list("abcd")
    shuffled = {
        tuple(_choice_ids(drawing.snapshot(question, True, random.Random(s)))) for s in range(10)
    }
    assert len(shuffled) > 1 and all(sorted(order) == list("abcd") for order in shuffled)
    assert _choice_ids(drawing.snapshot(question, True, random.Random(4))) == _choice_ids(
        drawing.snapshot(question, True, random.Random(4))
    )
    true_false = question_from_dict(every_type()[2])
    for seed in range(10):
        snapshot = drawing.snapshot(true_false, True, random.Random(seed))
        assert _choice_ids(snapshot) == ["true", "false"]


def test_snapshots_shuffle_matching_pairs_and_keep_the_question():
    matching = question_from_dict(every_type()[6])
    orders = {
        tuple(p["item_id"] for p in drawing.snapshot(matching, True, random.Random(s))["pairs"])
        for s in range(10)
    }
    assert orders == {("i1", "i2"), ("i2", "i1")}
    # Without shuffling the items keep their place; the options never do (in the order of
    # the items they would say which goes with which).
    kept = [drawing.snapshot(matching, False, random.Random(s)) for s in range(10)]
    assert all(snapshot["pairs"] == matching.to_dict()["pairs"] for snapshot in kept)
    assert {tuple(snapshot["shown_options"]) for snapshot in kept} == {("o1", "o2"), ("o2", "o1")}


def options(**changes) -> QuizOptions:
    values = {
        "question_count": 0,
        "available": 0,
        "categories": None,
        "shuffle_questions": False,
        "shuffle_choices": False,
        "time_limit_seconds": None,
        "feedback_mode": "deferred",
        "attempts_allowed": None,
    }
    return QuizOptions(**{**values, **changes})


def test_an_attempt_is_drawn_and_snapshotted_from_one_seed():
    chosen = options(shuffle_questions=True, shuffle_choices=True)
    first = drawing.draw_attempt(MANY, chosen, count=4, rng=random.Random(11))
    again = drawing.draw_attempt(MANY, chosen, count=4, rng=random.Random(11))
    assert [(d.source.key, d.data) for d in first] == [(d.source.key, d.data) for d in again]
    assert len(first) == 4 and all(d.model.id == d.source.key for d in first)


def test_the_max_score_counts_the_gradable_questions():
    drawn = drawing.draw_attempt(EVERY, options(), count=None, rng=random.Random(1))
    assert keys(d.source for d in drawn) == keys(EVERY)
    # Nine questions: the description and the essay score nothing.
    assert drawing.max_score(drawn) == len(EVERY) - 2
    assert drawing.max_score([]) == 0.0
