"""The memory model: FSRS (the ``fsrs`` package, the scheduler Anki ships) applied to a
user's card state, and the review log that records every step.

``apply_review`` (or ``review_step`` for the flashcard review's own statements) is the one
place a rating changes a schedule, for flashcard reviews and quiz evidence alike.  Neither
commits: the calling use case owns the transaction.

**How to use it.**  A facade, as the services' packages are: callers import the package
(``from quizapp.services import scheduling``) and use the names below.  The modules:

==============  ========================================================================
``settings``*   the learner's settings as an fsrs ``Scheduler`` (fuzz off), and the
                snapshot of them every log entry keeps
``cards``*      a state as fsrs's card, new, interval, mature; the ratings' and states' names
``rules``*      what a rating does: elapsed time in study days, due at the start of a
                study day, Hard < Good < Easy; the older rule for older logs
``leeches``*    lapses and leeches (a warning every half threshold), the log's origins
``step``        ``review_step`` / ``apply_review``: the state and log entry after a
                rating; ``restore_before`` for undo
``replay``*     the log replayed: a card's state rebuilt from its entries alone
``recall``*     figures a person can use: predicted recall on a day, memory strength
==============  ========================================================================

(* pure: values in, values out.)  Study days themselves are ``reviews.days``.
"""

from quizapp.services.scheduling.cards import (
    MATURE_DAYS,
    RATING_NAMES,
    STATE_NAMES,
    copy_into,
    interval_days,
    is_mature,
    is_new,
    new_fsrs_card,
    to_fsrs,
)
from quizapp.services.scheduling.leeches import (
    LEECH_MESSAGE,
    LEECH_THRESHOLD,
    QUIZ_LEGACY,
    QUIZ_ORIGINS,
    QUIZ_RECALL,
    QUIZ_RECOGNITION,
    RECALL_ORIGINS,
    REVIEW,
    count_lapse,
    counts_as_lapse,
    leech_warning,
)
from quizapp.services.scheduling.recall import (
    lasts_days,
    recall_after,
    recall_on,
    recall_when_due,
)
from quizapp.services.scheduling.replay import Replayed, replay, replay_differences
from quizapp.services.scheduling.rules import (
    STUDY_DAYS,
    Days,
    Scheduled,
    passing_intervals,
    schedule,
)
from quizapp.services.scheduling.settings import (
    parse_steps,
    scheduler_for,
    scheduler_from_snapshot,
    settings_snapshot,
)
from quizapp.services.scheduling.step import (
    ReviewOutcome,
    ReviewStep,
    apply_review,
    last_day_of,
    restore_before,
    review_step,
)

__all__ = [
    "LEECH_MESSAGE",
    "LEECH_THRESHOLD",
    "MATURE_DAYS",
    "QUIZ_LEGACY",
    "QUIZ_ORIGINS",
    "QUIZ_RECALL",
    "QUIZ_RECOGNITION",
    "RATING_NAMES",
    "RECALL_ORIGINS",
    "REVIEW",
    "STATE_NAMES",
    "STUDY_DAYS",
    "Days",
    "Replayed",
    "ReviewOutcome",
    "ReviewStep",
    "Scheduled",
    "apply_review",
    "copy_into",
    "count_lapse",
    "counts_as_lapse",
    "interval_days",
    "is_mature",
    "is_new",
    "lasts_days",
    "last_day_of",
    "leech_warning",
    "new_fsrs_card",
    "parse_steps",
    "passing_intervals",
    "recall_after",
    "recall_on",
    "recall_when_due",
    "replay",
    "replay_differences",
    "restore_before",
    "review_step",
    "schedule",
    "scheduler_for",
    "scheduler_from_snapshot",
    "settings_snapshot",
    "to_fsrs",
]
