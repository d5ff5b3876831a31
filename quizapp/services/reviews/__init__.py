"""Flashcard review: the queue of what to study now, rating a card, undo, suspend, bury,
flag, the learner's spaced-repetition settings, fitted parameters and the replay check.

**How to use it.** This package is a facade: the pages, the API, the CLI and the other
services import the package (``from quizapp.services import reviews``) and call the names
re-exported below (``reviews.next_card(...)``, ``reviews.Counts``).  The modules behind
them may be split or merged without touching a caller.  Inside the package, modules import
each other's modules; a test of one module imports that module.

Each use case takes the session, the user and ``now`` (the app's clock), owns its commit,
and returns plain views; none of them imports Flask.  The rules that need no database are
pure functions in modules of their own, tested on their own (values in, values out).

The map (pure modules marked *):

=================  =====================================================================
``days``*          the study day: 4 a.m. rollover in the learner's time zone, day start
                   and end, elapsed days, a change of zone at the next 4 a.m. (the
                   ``Calendar``), a moment as the learner reads it ("tomorrow at 04:00")
``availability``*  what is due (reviews on their day, learning to the minute with 20
                   minutes' learn-ahead), whether a card may be reviewed now, the daily
                   limits, when the next card comes
``queue_order``*   the queue's order (learning now, reviews, new, learning ahead: Anki's
                   v3) and today's counts, from what is due and the limits
``intervals``*     the interval each rating would give, as the buttons show it
``queue_queries``  the queue's SQL: the one indexed due query, today's done counts, the
                   new cards in the bank's order interleaved across categories, the counts
``queue``          the use cases that read it: ``build_queue``, ``counts``,
                   ``next_card``, ``current_card``; ``check_due``
``overview``       what the study pages show around the queue: ``study_overview`` (the
                   sets), ``study_screen``, ``status``, ``next_due``
``access``         who may study which set and card (a course keeps its sets' cards
                   closed while their answers are hidden: ``closed_sets``)
``rating``         ``review``: rate a due card (optimistic concurrency, retries by
                   ``review_id``); its input checks are pure
``undo``           ``undo_last``: the day's actions (review, bury, suspend, flag) undone
                   one by one, newest first (``undo_and_show``: then the card to show)
``card_actions``   suspend, bury (until the next rollover) and flag, each on the undo stack
``settings``       the settings (``SETTINGS``: one list, also read by the form and the API
                   document), ``validate_settings``* and ``update_settings``; the
                   workload at each retention (``workload_of``, the simulator's table)
``replay``         the log, and ``replay_check``: replaying it gives every stored state
``optimizer``      ``fit_parameters``: the learner's own FSRS parameters, fitted on recall
                   reviews in study days and kept only if they predict the latest
                   reviews better than the defaults (held out)
=================  =====================================================================

What a rating does to a card (fsrs, lapses, leeches) is ``quizapp.services.scheduling``:
the memory model that quiz answers share, so it lives beside the quiz services, not in
here.
"""

from quizapp.services.reviews.access import (
    CLOSED as FLASHCARDS_CLOSED,
)
from quizapp.services.reviews.access import (
    CLOSED_MESSAGE,
    NO_ACCESS,
    can_study,
    closed_sets,
    flashcards_open_now,
    study_access,
    studyable_set,
)
from quizapp.services.reviews.access import (
    OPEN as FLASHCARDS_OPEN,
)
from quizapp.services.reviews.card_actions import (
    CardFlags,
    flags_of,
    set_buried,
    set_flagged,
    set_suspended,
)
from quizapp.services.reviews.days import (
    ROLLOVER_HOUR,
    Calendar,
    StudyDay,
    StudyDays,
    calendar_of,
    day_start,
    describe_when,
    last_days,
    local_day,
    next_days,
    study_day,
    time_zones,
    zone_of,
)
from quizapp.services.reviews.optimizer import (
    OPTIMIZER_MINIMUM,
    FitResult,
    NotEnoughReviews,
    OptimizerMissing,
    fit_parameters,
    recall_reviews,
    usable_count,
)
from quizapp.services.reviews.overview import (
    SetToStudy,
    Status,
    StudyOverview,
    StudyScreen,
    status,
    study_overview,
    study_screen,
)
from quizapp.services.reviews.queue import (
    NextCard,
    Queue,
    build_queue,
    counts,
    next_card,
)
from quizapp.services.reviews.queue_order import Counts, QueueItem, TodayDone
from quizapp.services.reviews.queue_queries import due_query
from quizapp.services.reviews.rating import ReviewResult, duration_from_page, review
from quizapp.services.reviews.replay import ReplayMismatch, logs_of, replay_check
from quizapp.services.reviews.settings import (
    SETTING_BY_NAME,
    SETTING_FIELDS,
    SETTINGS,
    SettingsInvalid,
    SrsSettings,
    Workload,
    settings_of,
    update_settings,
    validate_settings,
    workload_of,
)
from quizapp.services.reviews.undo import UndoneAndNext, UndoResult, undo_and_show, undo_last
from quizapp.services.scheduling.cards import RATING_NAMES, STATE_NAMES
from quizapp.services.scheduling.leeches import LEECH_MESSAGE

__all__ = [
    "LEECH_MESSAGE",
    "OPTIMIZER_MINIMUM",
    "RATING_NAMES",
    "ROLLOVER_HOUR",
    "SETTINGS",
    "SETTING_BY_NAME",
    "SETTING_FIELDS",
    "STATE_NAMES",
    "Calendar",
    "CardFlags",
    "Counts",
    "FitResult",
    "NextCard",
    "NotEnoughReviews",
    "OptimizerMissing",
    "Queue",
    "QueueItem",
    "ReplayMismatch",
    "ReviewResult",
    "SetToStudy",
    "SettingsInvalid",
    "SrsSettings",
    "Status",
    "StudyDay",
    "StudyDays",
    "StudyOverview",
    "StudyScreen",
    "TodayDone",
    "UndoResult",
    "UndoneAndNext",
    "Workload",
    "build_queue",
    "CLOSED_MESSAGE",
    "FLASHCARDS_CLOSED",
    "FLASHCARDS_OPEN",
    "calendar_of",
    "can_study",
    "closed_sets",
    "flashcards_open_now",
    "study_access",
    "NO_ACCESS",
    "counts",
    "day_start",
    "describe_when",
    "due_query",
    "duration_from_page",
    "fit_parameters",
    "flags_of",
    "last_days",
    "local_day",
    "logs_of",
    "next_card",
    "next_days",
    "recall_reviews",
    "replay_check",
    "review",
    "set_buried",
    "set_flagged",
    "set_suspended",
    "settings_of",
    "status",
    "study_day",
    "study_overview",
    "study_screen",
    "studyable_set",
    "time_zones",
    "undo_and_show",
    "undo_last",
    "update_settings",
    "usable_count",
    "validate_settings",
    "workload_of",
    "zone_of",
]
