"""The gradebook of a course: one row per student, one column per set, and its CSV file.

A student's **graded score** on a set: over their submitted attempts in the course, the
highest, the average, the first or the last percentage, as the set's grading method says
(``quizzes.graded``).  The CSV escapes what a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from quizapp.models import User
from quizapp.services import courses, quizzes
from quizapp.services.downloads import Download
from quizapp.services.reports.course_attempts import percents_by, submitted
from quizapp.services.reports.statistics import mean

#: The first character of a spreadsheet formula (and tab/CR, which some strip first).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class GradebookColumn:
    set_id: int
    name: str
    grading_method: str

    @property
    def grading_label(self) -> str:
        return quizzes.GRADING_METHODS.get(self.grading_method, self.grading_method)


@dataclass(frozen=True)
class GradebookRow:
    student_id: int
    email: str
    #: Per column: the graded score (0..1), None without a submitted attempt.
    grades: tuple[float | None, ...]
    #: Per column: how many attempts were submitted.
    attempts: tuple[int, ...]


@dataclass(frozen=True)
class Gradebook:
    course_id: int
    course_name: str
    columns: tuple[GradebookColumn, ...]
    rows: tuple[GradebookRow, ...]
    sort: str
    descending: bool

    @property
    def averages(self) -> tuple[float | None, ...]:
        """The class's mean graded score per set, over the students who have one."""
        return tuple(
            mean([g for row in self.rows if (g := row.grades[i]) is not None])
            for i in range(len(self.columns))
        )


def gradebook(
    session: Session,
    *,
    owner: User,
    course_id: int,
    sort: str = "student",
    descending: bool = False,
) -> Gradebook:
    """One row per student, one column per set.  ``sort``: "student" (email) or
    "set-<id>" (that set's grade, students without one last whatever the direction)."""
    course = courses.owned_course(session, owner, course_id)
    columns = tuple(
        GradebookColumn(set_id, name, method)
        for set_id, name, method in courses.course_sets(session, course.id)
    )
    roster = courses.students(session, course.id)
    set_ids = [c.set_id for c in columns]
    by_cell = percents_by(
        submitted(session, course.id, set_ids, [s.id for s in roster]),
        lambda attempt: (attempt.user_id, attempt.set_id),
    )
    rows = [
        GradebookRow(
            student_id=student.id,
            email=student.email,
            grades=tuple(
                quizzes.graded(by_cell.get((student.id, c.set_id), []), c.grading_method)
                for c in columns
            ),
            attempts=tuple(len(by_cell.get((student.id, c.set_id), [])) for c in columns),
        )
        for student in roster
    ]
    index = next(
        (i for i, c in enumerate(columns) if sort == f"set-{c.set_id}"),
        None,
    )
    if index is None:
        sort = "student"
        rows.sort(key=lambda r: (r.email.casefold(), r.student_id), reverse=descending)
    else:
        present = [r for r in rows if r.grades[index] is not None]
        missing = [r for r in rows if r.grades[index] is None]
        present.sort(key=lambda r: (r.grades[index], r.email.casefold()), reverse=descending)
        rows = present + missing
    return Gradebook(
        course_id=course.id,
        course_name=course.name,
        columns=columns,
        rows=tuple(rows),
        sort=sort,
        descending=descending,
    )


def gradebook_file(
    session: Session,
    *,
    owner: User,
    course_id: int,
    sort: str = "student",
    descending: bool = False,
) -> Download:
    """The gradebook as a CSV download (the page's button and the API's ``gradebook.csv``)."""
    book = gradebook(session, owner=owner, course_id=course_id, sort=sort, descending=descending)
    return Download(
        filename=f"gradebook-{book.course_id}.csv",
        media_type="text/csv; charset=utf-8",
        content=gradebook_csv(book),
    )


def csv_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _percent_text(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}"


def gradebook_csv(book: Gradebook) -> bytes:
    """The gradebook as CSV: UTF-8 with a byte-order mark (so spreadsheets read the accents),
    one row per student, the graded score of each set in percent (empty: no attempt)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell("Student")] + [csv_cell(f"{c.name} (%)") for c in book.columns])
    for row in book.rows:
        writer.writerow([csv_cell(row.email)] + [_percent_text(g) for g in row.grades])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
