"""What an instructor learns from a course: gradebook, attempts, item analysis, memory.

Read-only, and only for the course's owner: a course that is not the caller's is "not
found" (``courses.owned_course``).  The class is the course's current students; someone who
left (or was removed) no longer counts.  Only attempts taken in the course count.  The
definitions (Moodle's, where Moodle has one; the pages say them too) are in each module:

* ``gradebook``: graded scores per student and set, sorting, the CSV download;
* ``course_attempts``: the attempts the reports read, one student's record, one attempt;
* ``items``: item analysis (facility, discrimination, choices) on first attempts;
* ``memory``: the class's predicted recall of each card on a day (a week ahead, or the
  day the instructor picks) and on the exam day, and retention over time;
* ``categories``: the item analysis and the memory summed up per category of the set;
* ``set_report``: one set at a glance; ``statistics``: the pure arithmetic.

Callers import the package (``from quizapp.services import reports``) and use the names
below, as for ``services.quizzes``; the modules import each other directly.
"""

from __future__ import annotations

from quizapp.services.reports.categories import CategoryReport, per_category
from quizapp.services.reports.course_attempts import (
    AttemptDetail,
    StudentAttempts,
    attempt_detail,
    first_attempts,
    student_attempts,
)
from quizapp.services.reports.gradebook import (
    FORMULA_STARTS,
    Gradebook,
    GradebookColumn,
    GradebookRow,
    csv_cell,
    gradebook,
    gradebook_csv,
    gradebook_file,
)
from quizapp.services.reports.items import (
    EASY_ABOVE,
    HARD_BELOW,
    ChoiceStat,
    ItemAnalysis,
    ItemStat,
    item_analysis,
)
from quizapp.services.reports.memory import (
    DAYS_AHEAD,
    RETENTION_DAYS,
    CardMemory,
    ClassMemory,
    RetentionDay,
    StudentOutlook,
    default_day,
    memory,
    retention,
)
from quizapp.services.reports.set_report import SetReport, set_report
from quizapp.services.reports.statistics import HISTOGRAM_BINS, histogram, pearson

__all__ = [
    "DAYS_AHEAD",
    "EASY_ABOVE",
    "FORMULA_STARTS",
    "HARD_BELOW",
    "HISTOGRAM_BINS",
    "RETENTION_DAYS",
    "AttemptDetail",
    "CardMemory",
    "CategoryReport",
    "ChoiceStat",
    "ClassMemory",
    "Gradebook",
    "GradebookColumn",
    "GradebookRow",
    "ItemAnalysis",
    "ItemStat",
    "RetentionDay",
    "SetReport",
    "StudentAttempts",
    "StudentOutlook",
    "attempt_detail",
    "csv_cell",
    "default_day",
    "first_attempts",
    "gradebook",
    "gradebook_csv",
    "gradebook_file",
    "histogram",
    "item_analysis",
    "memory",
    "pearson",
    "per_category",
    "retention",
    "set_report",
    "student_attempts",
]
