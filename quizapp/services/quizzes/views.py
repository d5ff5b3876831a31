"""What the quiz services return: frozen views of an attempt, its questions and results.

Plain values (they hold the pure question model, never a database row), so a page, the API
and a test read them alike.  ``results`` builds them from the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from question_bank.types import Question as BankQuestion
from quizapp.services import categories
from quizapp.services.errors import NotFound
from quizapp.services.quizzes.availability import OPEN
from quizapp.services.quizzes.options import (
    IMMEDIATE,
    LEARNER_QUIZ_SIZE,
    LearnerChoice,
    QuizOptions,
)


def share(points: float | None, out_of: float) -> float | None:
    """``points`` out of ``out_of`` as a fraction; None when there is nothing to divide."""
    if points is None or not out_of:
        return None
    return points / out_of


class _Scored:
    """What every view of an attempt derives from its times and score."""

    started_at: datetime
    submitted_at: datetime | None
    score: float | None
    max_score: float

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def percent(self) -> float | None:
        return share(self.score, self.max_score)

    @property
    def time_taken(self) -> timedelta | None:
        return self.submitted_at - self.started_at if self.submitted_at else None


@dataclass(frozen=True)
class ReviewOptions:
    """What a student sees of a submitted attempt (Moodle's review options)."""

    show_response: bool = True
    show_correctness: bool = True
    show_answer: bool = True
    show_feedback: bool = True


ALL_SHOWN = ReviewOptions()


@dataclass(frozen=True)
class Result:
    """How one question went: shown after submit, or after each answer in immediate mode."""

    #: "correct", "partial", "incorrect", "unanswered" or "ungraded"; "answered" when the
    #: course's review options hide whether an answer was right.
    status: str
    #: The share of the points earned (0..1); None until graded, or where it is hidden.
    score: float | None
    #: What the question is worth.
    points: float
    feedback: tuple[str, ...]
    answer_display: str
    general_feedback: str
    source_quote: str | None

    @property
    def correct(self) -> bool | None:
        return None if self.status in ("ungraded", "answered") else self.status == "correct"

    @property
    def mark(self) -> float | None:
        """The points earned."""
        return None if self.score is None else self.score * self.points


@dataclass(frozen=True)
class QuestionView:
    key: str
    position: int
    model: BankQuestion
    category: str | None
    response: Any
    answered_at: datetime | None
    #: Immediate mode: the answer was checked and cannot change.
    locked: bool
    #: None until the result may be shown.
    result: Result | None
    #: The student flagged it to come back to it.
    flagged: bool = False

    @property
    def number(self) -> int:
        return self.position + 1

    @property
    def type_name(self) -> str:
        return self.model.type_name

    @property
    def answerable(self) -> bool:
        return self.model.answerable

    @property
    def gradable(self) -> bool:
        return self.model.answerable and self.model.gradable

    @property
    def answered(self) -> bool:
        return self.response is not None


class _Listed(Protocol):
    """What the list of an attempt's questions needs of each one."""

    @property
    def position(self) -> int: ...

    @property
    def answerable(self) -> bool: ...

    @property
    def answered(self) -> bool: ...


_Q = TypeVar("_Q", bound=_Listed)


@dataclass(frozen=True, kw_only=True)
class AttemptHead(_Scored):
    """An attempt without its questions: what every view of it shares."""

    id: int
    set_id: int
    set_name: str
    feedback_mode: str
    started_at: datetime
    deadline: datetime | None
    submitted_at: datetime | None
    current_position: int
    score: float | None
    max_score: float
    version: int
    #: Seconds until the deadline at the time of the request (None: no limit).
    seconds_left: int | None
    #: True when this request found the attempt expired and submitted it.
    auto_submitted: bool = False
    #: The course the attempt was taken in (None: outside any course).
    course_id: int | None = None
    #: What the review shows (the course's review options; everything outside a course).
    review: ReviewOptions = ALL_SHOWN

    @property
    def immediate(self) -> bool:
        return self.feedback_mode == IMMEDIATE


@dataclass(frozen=True, kw_only=True)
class _Listing(AttemptHead, Generic[_Q]):
    """An attempt with every one of its questions, in order."""

    questions: tuple[_Q, ...]

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def answerable_questions(self) -> list[_Q]:
        return [q for q in self.questions if q.answerable]

    @property
    def answered_count(self) -> int:
        return sum(1 for q in self.questions if q.answerable and q.answered)

    @property
    def unanswered(self) -> list[_Q]:
        return [q for q in self.questions if q.answerable and not q.answered]


def no_question(position: int) -> NotFound:
    return NotFound(f"There is no question {position + 1} in this attempt.")


@dataclass(frozen=True, kw_only=True)
class AttemptView(_Listing[QuestionView]):
    """The whole attempt, every question with its model: the review, the submit page, the API."""

    def question(self, position: int) -> QuestionView:
        if not 0 <= position < len(self.questions):
            raise no_question(position)
        return self.questions[position]


@dataclass(frozen=True)
class QuestionEntry:
    """One question in the list of an attempt's questions: no snapshot, no model."""

    key: str
    position: int
    #: False for a description (text to read).
    answerable: bool
    category: str | None
    #: False where the review options hide the responses.
    answered: bool
    flagged: bool = False

    @property
    def number(self) -> int:
        return self.position + 1


@dataclass(frozen=True, kw_only=True)
class QuestionPage(_Listing[QuestionEntry]):
    """One question of an attempt, in full, and the list of all of them: the question page.

    Only the question shown is rebuilt from its snapshot.
    """

    #: The 0-based position asked for, and its question (None: the attempt has none there).
    position: int
    shown: QuestionView | None

    @property
    def question(self) -> QuestionView:
        if self.shown is None:
            raise no_question(self.position)
        return self.shown


@dataclass(frozen=True, kw_only=True)
class AttemptSummary(_Scored):
    """An attempt in a list: the history, the start page, a student's record in a course."""

    id: int
    set_id: int
    set_name: str
    started_at: datetime
    submitted_at: datetime | None
    score: float | None
    max_score: float


@dataclass(frozen=True)
class StartPage:
    set_id: int
    name: str
    description: str
    options: QuizOptions
    attempts: tuple[AttemptSummary, ...]
    open_attempt_id: int | None
    #: None: unlimited.
    attempts_left: int | None
    #: Set when the quiz is taken in a course, with that course's dates and grading method.
    course_id: int | None = None
    course_name: str | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    grading_method: str | None = None
    #: "open", "not_open" (before ``opens_at``) or "closed" (from ``closes_at`` on).
    availability: str = OPEN
    #: A built-in bank outside a course: the learner chooses the draw (``choice``, shown
    #: chosen) among its categories (name, questions).
    learner_chooses: bool = False
    category_counts: tuple[tuple[str, int], ...] = ()
    choice: LearnerChoice | None = None

    #: What a learner's quiz draws unless they choose otherwise.
    default_size: ClassVar[int] = LEARNER_QUIZ_SIZE

    @property
    def can_start(self) -> bool:
        if self.options.available == 0:
            return False
        if self.open_attempt_id is not None:
            return True
        return self.availability == OPEN and self.attempts_left != 0


@dataclass(frozen=True)
class StartResult:
    """The attempt started or resumed: where it is, and its whole view when asked for.

    The view (every question, each id renamed for the attempt) is built at the first read
    of ``attempt``: the start button only needs the id and the position to go to the
    question page, which shows one question; the API's start sends them all."""

    attempt_id: int
    position: int
    resumed: bool
    build: Callable[[], AttemptView] = field(repr=False, compare=False)

    @cached_property
    def attempt(self) -> AttemptView:
        return self.build()


@dataclass(frozen=True)
class StartOutcome:
    """The start button's outcome: the attempt, or the start page again and why not."""

    started: StartResult | None = None
    page: StartPage | None = None
    error: str | None = None
    status: int = 200


@dataclass(frozen=True)
class SaveResult:
    #: The attempt after the save (its questions are not loaded).
    attempt: AttemptHead
    question: QuestionView
    changed: bool
    #: How many questions the attempt has (a move to ``total`` or beyond leaves them).
    total: int


@dataclass(frozen=True)
class PageAnswer:
    """A question page's post: saved, or refused with the page to show again and why."""

    saved: SaveResult | None = None
    page: QuestionPage | None = None
    error: str | None = None


@dataclass(frozen=True)
class CategoryStat:
    """One category of one set in a student's history: graded questions answered in
    submitted attempts, and the points earned out of the points they were worth."""

    set_id: int
    set_name: str
    #: The instructor's name for it, as written (``categories.label``: none is "No category").
    category: str
    questions: int
    points: float
    out_of: float

    @property
    def share(self) -> float | None:
        return share(self.points, self.out_of)


@dataclass(frozen=True)
class StudyEntry:
    """A category of one set, as "What to study" lists it, with where to study it."""

    set_id: int
    set_name: str
    category: str | None
    questions: int
    points: float
    out_of: float
    #: A practice quiz of this category can start (the learner chooses the draw).
    practice: bool
    #: The set has flashcards to study.
    flashcards: bool

    @property
    def share(self) -> float | None:
        return share(self.points, self.out_of)


@dataclass(frozen=True)
class History:
    attempts: tuple[AttemptSummary, ...]  # newest first
    categories: tuple[CategoryStat, ...]
    #: Each set's categories below full marks, weakest first.
    to_study: tuple[StudyEntry, ...] = ()

    @property
    def categories_by_set(self) -> list[tuple[str, list[CategoryStat]]]:
        """The categories set by set (set name, its categories), in the listed order."""
        return categories.by_set(self.categories)

    @property
    def submitted_oldest_first(self) -> list[AttemptSummary]:
        return sorted((a for a in self.attempts if a.is_submitted), key=lambda a: a.started_at)


@dataclass(frozen=True)
class SetSummary:
    id: int
    name: str
    question_count: int
