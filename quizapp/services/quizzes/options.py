"""Quiz options: what they may be, and which ones an attempt takes.  Pure rules.

A set has its own options (``QuestionSet``: how many questions, which categories, shuffling,
time limit, feedback mode, attempts allowed).  A set attached to a course takes the options
the instructor chose for that course (``CourseSet``) instead, except the draw (count and
categories), which stays the set's.  ``option_problems`` is the one validator of both: the
instructor's set page and the course pages (and the API) ask it, so they refuse alike.

A built-in bank (the article's) has no instructor to choose its draw: outside a course the
learner chooses it (``LearnerChoice``), and by default an attempt is ``LEARNER_QUIZ_SIZE``
of its questions drawn at random, the whole bank staying a choice, as are its categories
(a practice quiz of what to study).  An instructor's own set keeps its own options.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from question_bank import types as question_types
from quizapp.services.quizzes.grading_methods import GRADING_METHODS

IMMEDIATE = "immediate"
DEFERRED = "deferred"
#: How a quiz shows feedback, with how the pages say it.
FEEDBACK_MODES = {
    DEFERRED: "After the quiz is submitted",
    IMMEDIATE: "After each answer",
}
#: A learner's quiz on a built-in bank: this many questions at random unless they choose.
LEARNER_QUIZ_SIZE = 20
MAX_TIME_LIMIT_MINUTES = 24 * 60
MAX_TIME_LIMIT_SECONDS = MAX_TIME_LIMIT_MINUTES * 60
MAX_ATTEMPTS = 100
#: The most questions a learner may ask for by number (more: "all").
MAX_CHOSEN_SIZE = 1000

#: Questions of a set counted by (type name, category).
Kinds = Mapping[tuple[str, str | None], int]


def in_categories(category: str | None, categories: Sequence[str] | None) -> bool:
    """No categories chosen means every category."""
    return not categories or category in categories


@dataclass(frozen=True)
class QuizOptions:
    """A set's quiz options, as a student sees them before starting."""

    question_count: int  # how many questions an attempt draws
    available: int  # answerable questions in the chosen categories
    categories: tuple[str, ...] | None
    shuffle_questions: bool
    shuffle_choices: bool
    time_limit_seconds: int | None
    feedback_mode: str
    attempts_allowed: int | None


@dataclass(frozen=True)
class LearnerChoice:
    """What a learner chose on the start page of a built-in bank."""

    #: Questions drawn at random; None: every question (of the categories chosen).
    size: int | None = LEARNER_QUIZ_SIZE
    #: Empty: every category.
    categories: tuple[str, ...] = ()


class SetSettings(Protocol):
    """The options a set carries (a ``QuestionSet`` row has them)."""

    builtin_key: str | None
    question_count: int | None
    categories: list[str] | None
    shuffle_questions: bool
    shuffle_choices: bool
    time_limit_seconds: int | None
    feedback_mode: str
    attempts_allowed: int | None


class CourseSettings(Protocol):
    """The options a course gives a set (a ``CourseSet`` row has them)."""

    shuffle: bool
    time_limit_seconds: int | None
    feedback_mode: str
    attempts_allowed: int | None


def learner_chooses(question_set: SetSettings, course_set: CourseSettings | None) -> bool:
    """Whether the learner chooses the draw: a built-in bank, outside a course."""
    return question_set.builtin_key is not None and course_set is None


def categories_of(kinds: Kinds) -> dict[str, int]:
    """The categories of a set's answerable questions, each with how many, in name order."""
    found: dict[str, int] = {}
    for (type_name, category), count in kinds.items():
        if category is not None and question_types.answerable(type_name):
            found[category] = found.get(category, 0) + count
    return dict(sorted(found.items()))


def normalised(choice: LearnerChoice | None, kinds: Kinds) -> LearnerChoice | None:
    """``choice`` with "every category" said one way: naming them all is naming none."""
    if choice is None or not set(categories_of(kinds)) <= set(choice.categories):
        return choice
    return replace(choice, categories=())


def choice_problems(choice: LearnerChoice, kinds: Kinds) -> list[str]:
    """What is wrong with a learner's choice (empty: nothing)."""
    found = []
    if choice.size is not None and not 1 <= choice.size <= MAX_CHOSEN_SIZE:
        found.append(f"Choose between 1 and {MAX_CHOSEN_SIZE} questions, or all of them.")
    unknown = sorted(set(choice.categories) - set(categories_of(kinds)))
    if unknown:
        found.append(f"This set has no questions in the category {', '.join(unknown)}.")
    return found


def effective_options(
    question_set: SetSettings,
    kinds: Kinds,
    course_set: CourseSettings | None = None,
    choice: LearnerChoice | None = None,
) -> QuizOptions:
    """The options an attempt takes: the set's, or the course's where the set is in one;
    the draw the learner chose (``choice``, else the default) on a built-in bank."""
    count, categories = question_set.question_count, question_set.categories
    if learner_chooses(question_set, course_set):
        choice = choice or LearnerChoice()
        count, categories = choice.size, list(choice.categories)
    available = sum(
        found
        for (type_name, category), found in kinds.items()
        if question_types.answerable(type_name) and in_categories(category, categories)
    )
    drawn = min(count, available) if count and count > 0 else available
    options = QuizOptions(
        question_count=drawn,
        available=available,
        categories=tuple(categories) if categories else None,
        shuffle_questions=question_set.shuffle_questions,
        shuffle_choices=question_set.shuffle_choices,
        time_limit_seconds=question_set.time_limit_seconds,
        feedback_mode=question_set.feedback_mode,
        attempts_allowed=question_set.attempts_allowed,
    )
    if course_set is not None:
        options = replace(
            options,
            shuffle_questions=course_set.shuffle,
            shuffle_choices=course_set.shuffle,
            time_limit_seconds=course_set.time_limit_seconds,
            feedback_mode=course_set.feedback_mode,
            attempts_allowed=course_set.attempts_allowed,
        )
    if options.feedback_mode not in FEEDBACK_MODES:
        options = replace(options, feedback_mode=DEFERRED)
    return options


def option_problems(
    *,
    time_limit_seconds: int | None = None,
    attempts_allowed: int | None = None,
    feedback_mode: str = DEFERRED,
    grading_method: str | None = None,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    question_count: int | None = None,
    answerable: int = 0,
    categories: Collection[str] = (),
    available_categories: Collection[str] = (),
) -> list[str]:
    """Every problem with these options, as sentences (empty: they are fine).

    ``grading_method`` None: the options have none (a set's own).  ``question_count`` is
    checked against ``answerable``, the set's answerable questions, and ``categories``
    against ``available_categories``, the ones its questions use.
    """
    found = []
    if any(m is not None and m.tzinfo is None for m in (opens_at, closes_at)):
        found.append("Dates need a time zone.")
    elif opens_at and closes_at and closes_at <= opens_at:
        found.append("The quiz must close after it opens.")
    if question_count is not None and not 1 <= question_count <= answerable:
        found.append(f"The number of questions must be between 1 and {answerable}.")
    unknown = sorted(set(categories) - set(available_categories))
    if unknown:
        found.append(f"This set has no questions in the category {', '.join(unknown)}.")
    limit = time_limit_seconds
    if limit is not None and not 60 <= limit <= MAX_TIME_LIMIT_SECONDS:
        found.append(f"The time limit must be between 1 and {MAX_TIME_LIMIT_MINUTES} minutes.")
    if attempts_allowed is not None and not 1 <= attempts_allowed <= MAX_ATTEMPTS:
        found.append(f"The number of attempts must be between 1 and {MAX_ATTEMPTS}.")
    if grading_method is not None and grading_method not in GRADING_METHODS:
        found.append(f"The grading method must be one of {', '.join(GRADING_METHODS)}.")
    if feedback_mode not in FEEDBACK_MODES:
        found.append(f"The feedback mode must be one of {', '.join(FEEDBACK_MODES)}.")
    return found
