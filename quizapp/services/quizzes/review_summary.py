"""The review of a submitted attempt at a glance: a summary (how each question went, per
category) and the filters of its list (wrong, partly right, flagged).  Pure: it reads the
attempt's view, so whatever the course's review options hide there (whether an answer was
right, the scores) stays hidden here too, and the filters that would need it are not
offered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quizapp.services.quizzes.views import AttemptView, QuestionView, share

#: The statuses a summary counts, in the order it lists them, with how it says them.
STATUSES = {
    "correct": "Right",
    "partial": "Partly right",
    "incorrect": "Wrong",
    "unanswered": "Not answered",
    "ungraded": "Not marked automatically",
}


def _wrong(q: QuestionView) -> bool:
    return q.result is not None and q.result.status in ("incorrect", "unanswered")


def _partial(q: QuestionView) -> bool:
    return q.result is not None and q.result.status == "partial"


def _flagged(q: QuestionView) -> bool:
    return q.flagged


@dataclass(frozen=True)
class Filter:
    key: str
    label: str
    keep: Callable[[QuestionView], bool]
    #: Says whether each answer was right: offered only where the review shows it.
    needs_correctness: bool = False
    #: Said when no question is left.
    empty: str = ""


FILTERS = (
    Filter("all", "All", lambda q: True),
    Filter("wrong", "Wrong or blank", _wrong, True, "No question is wrong or blank."),
    Filter("partial", "Partly right", _partial, True, "No question is partly right."),
    Filter("flagged", "Flagged", _flagged, False, "You flagged no question."),
)
FILTER_BY_KEY = {f.key: f for f in FILTERS}


@dataclass(frozen=True)
class CategoryResult:
    category: str
    questions: int  # graded questions of the category
    points: float

    @property
    def share(self) -> float | None:
        return share(self.points, self.questions)


@dataclass(frozen=True)
class FilterChoice:
    key: str
    label: str
    count: int
    current: bool


@dataclass(frozen=True)
class ReviewSummary:
    #: Questions per status (``STATUSES``), those that occur; empty where hidden.
    statuses: tuple[tuple[str, str, int], ...]
    flagged: int
    #: Points per category, in the order the categories first appear; empty where hidden.
    categories: tuple[CategoryResult, ...]
    filters: tuple[FilterChoice, ...]
    #: The filter applied, and the questions it keeps.
    shown: Filter
    questions: tuple[QuestionView, ...]


def _correctness_shown(view: AttemptView) -> bool:
    return view.review.show_correctness


def _categories(questions: Sequence[QuestionView]) -> tuple[CategoryResult, ...]:
    found: dict[str, list[float]] = {}
    for q in questions:
        if q.result is None or q.result.score is None or not q.gradable:
            continue
        found.setdefault(q.category or "other", []).append(q.result.score)
    return tuple(CategoryResult(name, len(scores), sum(scores)) for name, scores in found.items())


def summarise(view: AttemptView, show: str | None = None) -> ReviewSummary:
    """The summary of a submitted attempt and its questions under the filter ``show``
    (``all`` when unknown, or when it needs what the review options hide)."""
    correctness = _correctness_shown(view)
    offered = [f for f in FILTERS if correctness or not f.needs_correctness]
    chosen = next((f for f in offered if f.key == show), FILTERS[0])
    statuses: list[tuple[str, str, int]] = []
    if correctness:
        for status, label in STATUSES.items():
            count = sum(1 for q in view.questions if q.result and q.result.status == status)
            if count:
                statuses.append((status, label, count))
    return ReviewSummary(
        statuses=tuple(statuses),
        flagged=sum(1 for q in view.questions if q.flagged),
        categories=_categories(view.questions) if correctness else (),
        filters=tuple(
            FilterChoice(f.key, f.label, sum(1 for q in view.questions if f.keep(q)), f is chosen)
            for f in offered
        ),
        shown=chosen,
        questions=tuple(q for q in view.questions if chosen.keep(q)),
    )
