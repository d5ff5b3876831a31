"""Taking quizzes: start (or resume) an attempt, save answers, submit, review, history.

The pages and the JSON API call these functions; none of them imports Flask.  Each takes the
session, the user and ``now`` (and ``rng`` where something is drawn), owns its commit, and
returns plain views (dataclasses holding the pure question model), never half-written state.

**How to use this package.**  Callers import the package, ``from quizapp.services import
quizzes``, and use what this module names: the use cases, the views they return, and the
modules of pure rules (``quizzes.availability``, ``quizzes.options``, ``quizzes.drawing``,
``quizzes.grading_methods``, ``quizzes.review_summary``), which other services, the forms and
the pages share.  The modules of the package import each other directly, never through this
facade.

The modules, one concept each (rules that need no database are pure, tested on their own):

=================  ==========================================================================
availability       pure: the open/close window, attempts left, deadline, time left, expiry
options            pure: quiz options, the ones an attempt takes, and their one validator
grading_methods    pure: highest, average, first or last attempt as one grade
drawing            pure: which questions an attempt shows, in which order, their snapshots
access             who may take which set (in a course or not); the sets a user can take
locking            serialising the writers of an attempt and the starts of a user
loading            reading an attempt whole, or one question and the list of all of them
views              the frozen views the use cases return
results            building the views from rows; what a course's review options hide
submission         grading an attempt (and reviewing its cards), submitting it
attempts           start (or resume), the start page, reading an attempt, the question page
answers            saving (and checking) one answer
history            a student's attempts and share right per category
review_summary     pure: a submitted attempt at a glance (per status and category), filters
=================  ==========================================================================

* **Courses.** An attempt started from a course (``course_id``) takes the options the
  instructor chose for that course (``CourseSet``: time limit, attempts allowed, shuffle,
  feedback mode, open and close dates) instead of the set's own; its attempts are counted
  apart from the attempts outside the course.  Once submitted, the course's review options
  decide what the student sees again (``results``).
* **Concurrency.** Every change bumps the attempt's ``version``; see ``locking``.
"""

from __future__ import annotations

from quizapp.services.quizzes import (
    availability,
    drawing,
    grading_methods,
    options,
    review_summary,
)
from quizapp.services.quizzes.access import can_take, takeable_sets
from quizapp.services.quizzes.answers import KEEP, TimeUp, answer_from_page, save_answer
from quizapp.services.quizzes.attempts import (
    get_attempt,
    question_page,
    start_attempt,
    start_or_page,
    start_page,
)
from quizapp.services.quizzes.grading_methods import GRADING_METHODS, graded
from quizapp.services.quizzes.history import history
from quizapp.services.quizzes.options import (
    DEFERRED,
    FEEDBACK_MODES,
    IMMEDIATE,
    LEARNER_QUIZ_SIZE,
    MAX_ATTEMPTS,
    MAX_TIME_LIMIT_MINUTES,
    MAX_TIME_LIMIT_SECONDS,
    LearnerChoice,
    QuizOptions,
    option_problems,
)
from quizapp.services.quizzes.results import attempt_record, summary
from quizapp.services.quizzes.submission import submit_attempt
from quizapp.services.quizzes.views import (
    ALL_SHOWN,
    AttemptHead,
    AttemptSummary,
    AttemptView,
    CategoryStat,
    History,
    PageAnswer,
    QuestionEntry,
    QuestionPage,
    QuestionView,
    Result,
    ReviewOptions,
    SaveResult,
    SetSummary,
    StartOutcome,
    StartPage,
    StartResult,
    StudyEntry,
    share,
)

__all__ = [
    "ALL_SHOWN",
    "DEFERRED",
    "FEEDBACK_MODES",
    "GRADING_METHODS",
    "IMMEDIATE",
    "LEARNER_QUIZ_SIZE",
    "KEEP",
    "MAX_ATTEMPTS",
    "MAX_TIME_LIMIT_MINUTES",
    "MAX_TIME_LIMIT_SECONDS",
    "AttemptHead",
    "AttemptSummary",
    "AttemptView",
    "CategoryStat",
    "History",
    "LearnerChoice",
    "PageAnswer",
    "QuestionEntry",
    "QuestionPage",
    "QuestionView",
    "QuizOptions",
    "Result",
    "ReviewOptions",
    "SaveResult",
    "SetSummary",
    "StartOutcome",
    "StartPage",
    "StartResult",
    "StudyEntry",
    "TimeUp",
    "answer_from_page",
    "attempt_record",
    "availability",
    "can_take",
    "drawing",
    "get_attempt",
    "graded",
    "grading_methods",
    "history",
    "option_problems",
    "options",
    "question_page",
    "review_summary",
    "save_answer",
    "share",
    "start_attempt",
    "start_or_page",
    "start_page",
    "submit_attempt",
    "summary",
    "takeable_sets",
]
