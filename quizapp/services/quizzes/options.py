"""Quiz options: what they may be, and which ones an attempt takes.  Pure rules.

A set has its own options (``QuestionSet``: how many questions, which categories, shuffling,
time limit, feedback mode, attempts allowed).  A set attached to a course takes the options
the instructor chose for that course (``CourseSet``) instead, except the draw (count and
categories), which stays the set's.  ``option_problems`` is the one validator of both: the
instructor's set page and the course pages (and the API) ask it, so they refuse alike.
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
MAX_TIME_LIMIT_MINUTES = 24 * 60
MAX_TIME_LIMIT_SECONDS = MAX_TIME_LIMIT_MINUTES * 60
MAX_ATTEMPTS = 100

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


class SetSettings(Protocol):
    """The options a set carries (a ``QuestionSet`` row has them)."""

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


def effective_options(
    question_set: SetSettings, kinds: Kinds, course_set: CourseSettings | None = None
) -> QuizOptions:
    """The options an attempt takes: the set's, or the course's where the set is in one."""
    available = sum(
        count
        for (type_name, category), count in kinds.items()
        if question_types.answerable(type_name) and in_categories(category, question_set.categories)
    )
    count = question_set.question_count
    drawn = min(count, available) if count and count > 0 else available
    options = QuizOptions(
        question_count=drawn,
        available=available,
        categories=tuple(question_set.categories) if question_set.categories else None,
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
