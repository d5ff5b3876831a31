"""Quiz options (``quizzes.options``): the ones an attempt takes, and the one validator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from quizapp.services.quizzes.options import (
    DEFERRED,
    IMMEDIATE,
    MAX_ATTEMPTS,
    MAX_TIME_LIMIT_MINUTES,
    MAX_TIME_LIMIT_SECONDS,
    LearnerChoice,
    categories_of,
    choice_problems,
    effective_options,
    in_categories,
    option_problems,
)


@dataclass(frozen=True)
class SetSettings:
    builtin_key: str | None = None
    question_count: int | None = None
    categories: list[str] | None = None
    shuffle_questions: bool = True
    shuffle_choices: bool = True
    time_limit_seconds: int | None = None
    feedback_mode: str = DEFERRED
    attempts_allowed: int | None = None


@dataclass(frozen=True)
class CourseSettings:
    shuffle: bool = False
    time_limit_seconds: int | None = 600
    feedback_mode: str = IMMEDIATE
    attempts_allowed: int | None = 2


KINDS = {
    ("description", None): 2,
    ("multiple_choice", "place"): 3,
    ("short_answer", "date"): 4,
    ("essay", None): 1,
}


def test_categories_filter():
    assert in_categories("place", None) and in_categories(None, [])
    assert in_categories("place", ["place"]) and not in_categories("date", ["place"])
    assert not in_categories(None, ["place"])


def test_a_set_alone_takes_its_own_options():
    options = effective_options(SetSettings(), KINDS)
    assert options.available == 8  # descriptions are not answerable
    assert options.question_count == 8
    assert options.categories is None
    assert (options.shuffle_questions, options.shuffle_choices) == (True, True)
    assert options.feedback_mode == DEFERRED
    assert options.time_limit_seconds is None and options.attempts_allowed is None


def test_the_draw_counts_the_chosen_categories_and_caps_the_count():
    options = effective_options(SetSettings(categories=["place"], question_count=5), KINDS)
    assert options.categories == ("place",)
    assert (options.available, options.question_count) == (3, 3)
    options = effective_options(SetSettings(question_count=5), KINDS)
    assert (options.available, options.question_count) == (8, 5)
    options = effective_options(SetSettings(question_count=0), KINDS)
    assert options.question_count == 8  # 0 or None: every question
    assert effective_options(SetSettings(), {}).available == 0


def test_a_course_replaces_the_set_options_but_not_the_draw():
    settings = SetSettings(categories=["date"], question_count=2, time_limit_seconds=60)
    options = effective_options(settings, KINDS, CourseSettings())
    assert (options.available, options.question_count, options.categories) == (4, 2, ("date",))
    assert (options.shuffle_questions, options.shuffle_choices) == (False, False)
    assert options.time_limit_seconds == 600
    assert options.feedback_mode == IMMEDIATE
    assert options.attempts_allowed == 2
    unlimited = effective_options(settings, KINDS, CourseSettings(time_limit_seconds=None))
    assert unlimited.time_limit_seconds is None  # the course's "no limit" wins too


BANK_KINDS = {("multiple_choice", "place"): 30, ("short_answer", "date"): 12, ("essay", None): 3}


def test_a_built_in_bank_draws_twenty_at_random_unless_the_learner_chooses():
    bank = SetSettings(builtin_key="article", question_count=None)
    default = effective_options(bank, BANK_KINDS)
    assert (default.question_count, default.available, default.categories) == (20, 45, None)
    everything = effective_options(bank, BANK_KINDS, choice=LearnerChoice(size=None))
    assert everything.question_count == 45
    places = effective_options(bank, BANK_KINDS, choice=LearnerChoice(categories=("place",)))
    assert (places.question_count, places.available, places.categories) == (20, 30, ("place",))
    dates = effective_options(bank, BANK_KINDS, choice=LearnerChoice(10, ("date",)))
    assert (dates.question_count, dates.available) == (10, 12)
    few = effective_options(bank, BANK_KINDS, choice=LearnerChoice(20, ("date",)))
    assert few.question_count == 12  # all there are


def test_an_instructors_set_and_a_course_keep_their_own_draw():
    own = SetSettings(question_count=None)
    assert effective_options(own, BANK_KINDS, choice=LearnerChoice(5)).question_count == 45
    bank = SetSettings(builtin_key="article")
    in_course = effective_options(bank, BANK_KINDS, CourseSettings(), choice=LearnerChoice(5))
    assert in_course.question_count == 45  # a course's quiz is the instructor's


def test_a_learners_choice_is_checked():
    assert categories_of(BANK_KINDS) == {"date": 12, "place": 30}
    assert choice_problems(LearnerChoice(), BANK_KINDS) == []
    assert choice_problems(LearnerChoice(None, ("date", "place")), BANK_KINDS) == []
    assert choice_problems(LearnerChoice(0), BANK_KINDS) == [
        "Choose between 1 and 1000 questions, or all of them."
    ]
    assert choice_problems(LearnerChoice(20, ("weather",)), BANK_KINDS) == [
        "This set has no questions in the category weather."
    ]


def test_an_unknown_feedback_mode_is_deferred():
    assert effective_options(SetSettings(feedback_mode="later"), KINDS).feedback_mode == DEFERRED
    course = CourseSettings(feedback_mode="???")
    assert effective_options(SetSettings(), KINDS, course).feedback_mode == DEFERRED


def test_good_options_have_no_problem():
    assert option_problems() == []
    assert (
        option_problems(
            time_limit_seconds=60,
            attempts_allowed=MAX_ATTEMPTS,
            feedback_mode=IMMEDIATE,
            grading_method="average",
            opens_at=datetime(2026, 1, 1, tzinfo=UTC),
            closes_at=datetime(2026, 1, 2, tzinfo=UTC),
            question_count=3,
            answerable=3,
            categories=["place"],
            available_categories=["date", "place"],
        )
        == []
    )
    assert option_problems(time_limit_seconds=MAX_TIME_LIMIT_SECONDS) == []


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"time_limit_seconds": 59}, f"between 1 and {MAX_TIME_LIMIT_MINUTES} minutes"),
        ({"time_limit_seconds": MAX_TIME_LIMIT_SECONDS + 1}, "The time limit must be between"),
        ({"attempts_allowed": 0}, f"attempts must be between 1 and {MAX_ATTEMPTS}."),
        ({"attempts_allowed": MAX_ATTEMPTS + 1}, "The number of attempts must be between"),
        ({"feedback_mode": "later"}, "The feedback mode must be one of deferred, immediate."),
        ({"grading_method": "best"}, "must be one of highest, average, first, last."),
        ({"question_count": 0, "answerable": 4}, "questions must be between 1 and 4."),
        ({"question_count": 5, "answerable": 4}, "questions must be between 1 and 4."),
        (
            {"categories": ["place", "x", "b"], "available_categories": ["place"]},
            "This set has no questions in the category b, x.",
        ),
        ({"opens_at": datetime(2026, 1, 1)}, "Dates need a time zone."),
        (
            {
                "opens_at": datetime(2026, 1, 2, tzinfo=UTC),
                "closes_at": datetime(2026, 1, 2, tzinfo=UTC),
            },
            "The quiz must close after it opens.",
        ),
    ],
)
def test_each_problem_is_said(options, problem):
    found = option_problems(**options)
    assert len(found) == 1 and problem in found[0]


def test_every_problem_is_listed_at_once():
    found = option_problems(
        time_limit_seconds=0, attempts_allowed=0, feedback_mode="x", grading_method="y"
    )
    assert len(found) == 4
    # A set's own options have no grading method: None is not checked.
    assert option_problems(grading_method=None) == []


def test_a_time_limit_in_minutes_is_checked_as_seconds():
    """The set page speaks minutes, the course pages seconds: one rule for both."""
    for minutes in (1, MAX_TIME_LIMIT_MINUTES):
        assert option_problems(time_limit_seconds=minutes * 60) == []
    for minutes in (0, -1, MAX_TIME_LIMIT_MINUTES + 1):
        assert option_problems(time_limit_seconds=minutes * 60) != []
    closes = datetime(2026, 1, 2, tzinfo=UTC)
    assert option_problems(opens_at=closes - timedelta(minutes=1), closes_at=closes) == []
