"""Several attempts as one grade (``quizzes.grading_methods``), pure."""

from __future__ import annotations

import pytest

from quizapp.services.quizzes.grading_methods import GRADING_METHODS, graded

OLDEST_FIRST = [0.5, 0.9, 0.25, 0.7]


@pytest.mark.parametrize(
    ("method", "grade"),
    [("highest", 0.9), ("average", 0.5875), ("first", 0.5), ("last", 0.7)],
)
def test_each_method(method, grade):
    assert graded(OLDEST_FIRST, method) == pytest.approx(grade)


@pytest.mark.parametrize("method", list(GRADING_METHODS))
def test_no_attempt_no_grade_and_one_attempt_is_its_own_grade(method):
    assert graded([], method) is None
    assert graded([0.4], method) == pytest.approx(0.4)


def test_an_unknown_method_grades_as_the_highest():
    assert graded(OLDEST_FIRST, "median") == 0.9
