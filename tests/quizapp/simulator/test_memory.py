"""The simulated learner's true memory and answers: pure."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from question_bank.types import QUESTION_TYPES
from quizapp.simulator import answers
from quizapp.simulator.memory import AGAIN, EASY, GOOD, HARD, TrueMemory, rating_for

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # 08:00 in Berlin


def test_a_card_never_seen_is_not_recalled():
    assert TrueMemory(BERLIN).recall(1, START) == 0.0


def test_the_forgetting_curve_is_continuous_and_stability_is_the_90_percent_point():
    memory = TrueMemory(BERLIN)
    memory.retrieve(1, START, GOOD)
    stability = memory.traces[1].stability
    assert stability == pytest.approx(Scheduler().parameters[2])  # FSRS's first Good
    assert memory.recall(1, START) == 1.0
    assert memory.recall(1, START + timedelta(days=stability)) == pytest.approx(0.9)
    half_day = memory.recall(1, START + timedelta(hours=12))
    assert 0.9 < half_day < 1.0  # hours count, not whole days
    assert memory.recall(1, START + timedelta(days=2)) > memory.recall(1, START + timedelta(days=3))


def test_a_night_between_two_retrievals_is_the_long_term_rule():
    """After a night (a 4 a.m. passed), stability grows as fsrs's long-term rule says, with
    the recall probability of the exact time elapsed; within a study day, the short-term."""
    scheduler = Scheduler(enable_fuzzing=False)
    memory = TrueMemory(BERLIN)
    memory.retrieve(1, START, GOOD)
    same_day = START + timedelta(hours=5)
    memory.retrieve(1, same_day, GOOD)
    card = FsrsCard(card_id=1, state=State.Review, stability=scheduler.parameters[2])
    card.difficulty = memory.traces[1].difficulty
    card.last_review = START
    card.due = START
    expected_short, _ = scheduler.review_card(card, Rating.Good, same_day)
    assert memory.traces[1].stability == pytest.approx(expected_short.stability)
    # the next morning, 24 hours later exactly: the long-term rule, as fsrs with one day
    before = memory.traces[1].stability, memory.traces[1].difficulty
    next_morning = same_day + timedelta(days=1)
    memory.retrieve(1, next_morning, GOOD)
    card.stability, card.difficulty = before
    card.last_review = same_day
    expected_long, _ = scheduler.review_card(card, Rating.Good, next_morning)
    assert memory.traces[1].stability == pytest.approx(expected_long.stability)
    assert memory.traces[1].difficulty == pytest.approx(expected_long.difficulty)


def test_ratings_follow_recall():
    rng = random.Random(3)
    assert {rating_for(False, rng) for _ in range(50)} == {AGAIN}
    recalled = [rating_for(True, rng) for _ in range(500)]
    assert set(recalled) == {HARD, GOOD, EASY}
    assert recalled.count(GOOD) > recalled.count(HARD) > 0
    first = {rating_for(False, rng, first_look=True) for _ in range(200)}
    assert first == {AGAIN, HARD, GOOD, EASY}


@pytest.mark.parametrize("name", [n for n, c in QUESTION_TYPES.items() if c.gradable])
def test_every_gradable_type_can_be_answered_right_and_wrong(name):
    question = QUESTION_TYPES[name].sample()
    wrong = answers.wrong_response(question)
    assert question.grade(question.parse_response(wrong)).score < 0.5
    right, correct = answers.response(question, recalled=True, rng=random.Random(1))
    assert correct and question.grade(question.parse_response(right)).score == 1.0
    chance = answers.chance_of_guessing(question)
    assert chance == 0.0 if question.evidence == "recall" else 0 < chance < 1
