"""What an instructor learns from a course: gradebook, attempts, item analysis, memory.

Read-only, and only for the course's owner: a course that is not the caller's is "not
found" (``courses.owned_course``).  The class is the course's current students; someone who
left (or was removed) no longer counts.  Only attempts taken in the course count.

Definitions (Moodle's, where Moodle has one; the pages say them too):

* **Graded score** of a student on a set: over their submitted attempts in the course, the
  highest, the average, the first or the last percentage, as the set's grading method says.
* **Item analysis** is on each student's *first* submitted attempt at the set in the course.
  Each gradable question has a mark of 0..1 (partial credit included), so its max mark is 1.
  *Facility index* = mean mark / max mark.  *Discrimination index* = 100 x the Pearson
  correlation between the question's mark and the rest of the test (the attempt's score minus
  this mark), over the attempts that drew the question; null with fewer than two attempts or
  when either side does not vary.  *Choices*: the share of those attempts that picked each
  choice, and the average score of the students who picked it (a distractor that attracts
  strong students shows a high average).  Flags: facility above 0.95 or below 0.2,
  discrimination below 0.
* **Memory**: for each active flashcard of the set, the class's average retrievability now
  (FSRS, each student's own scheduler), a student who never studied the card counting as 0
  (there is nothing in memory to recall), and how many students hold it *mature* (in review
  with an interval of 21 days or more, as ``services.progress`` counts it).
* **Retention over time**: per study day (the instructor's days, 4 a.m. rollover), the share
  of the class's reviews of the set's cards (flashcards and quiz answers) rated Hard, Good
  or Easy rather than Again.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from fsrs import State
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from question_bank.rendering import plain_text
from question_bank.types import QUESTION_TYPES, question_from_dict
from quizapp.models import (
    Attempt,
    AttemptQuestion,
    Card,
    CardState,
    Course,
    CourseSet,
    Question,
    QuestionSet,
    ReviewLog,
    User,
)
from quizapp.services import courses, quizzes, reviews, scheduling
from quizapp.services.errors import NotFound
from quizapp.services.ids import is_id

#: Moodle's thresholds for a question worth a second look.
EASY_ABOVE = 0.95
HARD_BELOW = 0.2
#: Days of review history in the retention plot.
RETENTION_DAYS = 30
#: Score histogram: ten bins of 10 points; 100% falls in the last one.
HISTOGRAM_BINS = 10
#: The first character of a spreadsheet formula (and tab/CR, which some strip first).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The correlation of two equally long series; None when undefined (n < 2, no spread)."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def _percent(attempt: Attempt) -> float | None:
    if attempt.score is None or not attempt.max_score:
        return None
    return attempt.score / attempt.max_score


def graded(percents: Sequence[float], method: str) -> float | None:
    """The grade of attempts (oldest first, as fractions) under a grading method."""
    if not percents:
        return None
    if method == "average":
        return sum(percents) / len(percents)
    if method == "first":
        return percents[0]
    if method == "last":
        return percents[-1]
    return max(percents)


def _submitted(session: Session, course_id: int, set_ids: Sequence[int], user_ids: Sequence[int]):
    """Submitted attempts in the course at these sets by these students, oldest first."""
    if not set_ids or not user_ids:
        return []
    return list(
        session.execute(
            select(Attempt)
            .where(
                Attempt.course_id == course_id,
                Attempt.set_id.in_(set_ids),
                Attempt.user_id.in_(user_ids),
                Attempt.submitted_at.is_not(None),
            )
            .order_by(Attempt.started_at, Attempt.id)
        ).scalars()
    )


# ------------------------------------------------------------------------- gradebook


@dataclass(frozen=True)
class GradebookColumn:
    set_id: int
    name: str
    grading_method: str

    @property
    def grading_label(self) -> str:
        return courses.GRADING_METHODS.get(self.grading_method, self.grading_method)


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
            _mean([g for row in self.rows if (g := row.grades[i]) is not None])
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
    by_cell: dict[tuple[int, int], list[float]] = {}
    for attempt in _submitted(session, course.id, set_ids, [s.id for s in roster]):
        percent = _percent(attempt)
        if percent is not None:
            by_cell.setdefault((attempt.user_id, attempt.set_id), []).append(percent)
    rows = [
        GradebookRow(
            student_id=student.id,
            email=student.email,
            grades=tuple(
                graded(by_cell.get((student.id, c.set_id), []), c.grading_method) for c in columns
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


# -------------------------------------------------------------------------- attempts


@dataclass(frozen=True)
class StudentAttempts:
    course_id: int
    course_name: str
    student_id: int
    email: str
    #: Per set of the course (by name): (set id, set name, attempts newest first).
    sets: tuple[tuple[int, str, tuple[quizzes.AttemptSummary, ...]], ...]


def student_attempts(
    session: Session, *, owner: User, course_id: int, student_id: int
) -> StudentAttempts:
    """Every attempt a student of the course made in it, per set."""
    course = courses.owned_course(session, owner, course_id)
    student = next((s for s in courses.students(session, course.id) if s.id == student_id), None)
    if student is None:
        raise NotFound("This student is not in the course.")
    attempts = session.execute(
        select(Attempt)
        .where(Attempt.course_id == course.id, Attempt.user_id == student.id)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    ).scalars()
    per_set: dict[int, list[Attempt]] = {}
    for attempt in attempts:
        per_set.setdefault(attempt.set_id, []).append(attempt)
    names = dict(
        session.execute(
            select(QuestionSet.id, QuestionSet.name).where(QuestionSet.id.in_(per_set))
        ).all()
    )
    listed = [(set_id, name) for set_id, name, _ in courses.course_sets(session, course.id)]
    listed += sorted(
        ((i, names[i]) for i in per_set if i not in {s for s, _ in listed}), key=lambda p: p[1]
    )
    return StudentAttempts(
        course_id=course.id,
        course_name=course.name,
        student_id=student.id,
        email=student.email,
        sets=tuple(
            (
                set_id,
                name,
                tuple(
                    quizzes.AttemptSummary(
                        id=a.id,
                        set_id=a.set_id,
                        set_name=name,
                        started_at=a.started_at,
                        submitted_at=a.submitted_at,
                        score=a.score,
                        max_score=a.max_score,
                    )
                    for a in per_set.get(set_id, [])
                ),
            )
            for set_id, name in listed
        ),
    )


@dataclass(frozen=True)
class AttemptDetail:
    course_id: int
    course_name: str
    student_id: int
    email: str
    view: quizzes.AttemptView


def attempt_detail(
    session: Session, *, owner: User, course_id: int, attempt_id: int, now: datetime
) -> AttemptDetail:
    """One attempt taken in the course: the answers, the time taken, the score."""
    course = courses.owned_course(session, owner, course_id)
    attempt = (
        session.execute(
            select(Attempt)
            .where(Attempt.id == attempt_id, Attempt.course_id == course.id)
            .options(selectinload(Attempt.questions))
        ).scalar_one_or_none()
        if is_id(attempt_id)
        else None
    )
    if attempt is None:
        raise NotFound("There is no such attempt in this course.")
    email = session.execute(select(User.email).where(User.id == attempt.user_id)).scalar_one()
    return AttemptDetail(
        course_id=course.id,
        course_name=course.name,
        student_id=attempt.user_id,
        email=email,
        view=quizzes.attempt_record(session, attempt, now),
    )


# --------------------------------------------------------------------- item analysis


@dataclass(frozen=True)
class ChoiceStat:
    id: str
    text: str
    correct: bool  # a positive weight
    count: int
    share: float  # of the attempts that drew the question
    #: The mean score (0..1) of the attempts that picked it; None if nobody did.
    mean_score: float | None


@dataclass(frozen=True)
class ItemStat:
    question_id: str
    number: int  # 1-based, in the set's order
    prompt: str
    type_label: str
    attempts: int
    facility: float | None
    discrimination: float | None  # -100..100
    choices: tuple[ChoiceStat, ...]

    @property
    def flags(self) -> tuple[str, ...]:
        found = []
        if self.facility is not None and self.facility > EASY_ABOVE:
            found.append("very easy")
        if self.facility is not None and self.facility < HARD_BELOW:
            found.append("very hard")
        if self.discrimination is not None and self.discrimination < 0:
            found.append("negative discrimination")
        return tuple(found)


@dataclass(frozen=True)
class ItemAnalysis:
    course_id: int
    course_name: str
    set_id: int
    set_name: str
    attempts: int  # first attempts analysed
    items: tuple[ItemStat, ...]


def _course_set(session: Session, course: Course, set_id: int) -> tuple[CourseSet, QuestionSet]:
    row = (
        session.execute(
            select(CourseSet, QuestionSet)
            .join(QuestionSet, QuestionSet.id == CourseSet.set_id)
            .where(
                CourseSet.course_id == course.id,
                CourseSet.set_id == set_id,
                QuestionSet.deleted_at.is_(None),
            )
        ).first()
        if is_id(set_id)
        else None
    )
    if row is None:
        raise NotFound("This set is not in the course.")
    return row[0], row[1]


def first_attempts(
    session: Session, course_id: int, set_id: int, user_ids: Sequence[int]
) -> list[Attempt]:
    """Each student's first submitted attempt at the set in the course (with its questions)."""
    firsts: dict[int, Attempt] = {}
    for attempt in _submitted(session, course_id, [set_id], user_ids):
        firsts.setdefault(attempt.user_id, attempt)
    if not firsts:
        return []
    return list(
        session.execute(
            select(Attempt)
            .where(Attempt.id.in_([a.id for a in firsts.values()]))
            .options(selectinload(Attempt.questions))
            .order_by(Attempt.user_id)
        ).scalars()
    )


def _chosen(response: Any) -> set[str]:
    """The choice ids a response to a choice question picks (one id, or a list of ids)."""
    if isinstance(response, str):
        return {response}
    if isinstance(response, list | tuple):
        return {str(item) for item in response}
    return set()


def _item(
    number: int,
    key: str,
    template: dict[str, Any],
    rows: list[tuple[AttemptQuestion, Attempt]],
) -> ItemStat:
    model = question_from_dict(template)
    marks = [float(row.score or 0.0) for row, _ in rows]
    rests = [
        float(attempt.score or 0.0) - mark for mark, (_, attempt) in zip(marks, rows, strict=True)
    ]
    r = pearson(marks, rests)
    choices: list[ChoiceStat] = []
    for choice in getattr(model, "choices", ()) or ():
        pickers = [attempt for row, attempt in rows if choice.id in _chosen(row.response)]
        choices.append(
            ChoiceStat(
                id=choice.id,
                text=choice.text,
                correct=choice.weight > 0,
                count=len(pickers),
                share=len(pickers) / len(rows) if rows else 0.0,
                mean_score=_mean([p for a in pickers if (p := _percent(a)) is not None]),
            )
        )
    return ItemStat(
        question_id=key,
        number=number,
        prompt=plain_text(model.prompt, model.text_format),
        type_label=model.label,
        attempts=len(rows),
        facility=_mean(marks),
        discrimination=None if r is None else 100 * r,
        choices=tuple(choices),
    )


def _analyse(
    session: Session, course: Course, question_set: QuestionSet, user_ids: Sequence[int]
) -> tuple[list[Attempt], list[ItemStat]]:
    attempts = first_attempts(session, course.id, question_set.id, user_ids)
    per_key: dict[str, list[tuple[AttemptQuestion, Attempt]]] = {}
    snapshots: dict[str, dict[str, Any]] = {}
    for attempt in attempts:
        for row in attempt.questions:
            if row.score is None:  # a description, or an essay: no mark to analyse
                continue
            per_key.setdefault(row.question_key, []).append((row, attempt))
            snapshots.setdefault(row.question_key, row.data)
    current = session.execute(
        select(Question.key, Question.data)
        .where(Question.set_id == question_set.id)
        .order_by(Question.position)
    ).all()
    order = [key for key, _ in current if key in per_key]
    listed = set(order)
    order += sorted(k for k in per_key if k not in listed)  # questions the set dropped since
    templates: dict[str, dict[str, Any]] = {row.key: row.data for row in current}
    items = []
    for key in order:
        data = templates.get(key) or snapshots[key]
        if data.get("type") not in QUESTION_TYPES:
            continue
        items.append(_item(len(items) + 1, key, data, per_key[key]))
    return attempts, items


def item_analysis(session: Session, *, owner: User, course_id: int, set_id: int) -> ItemAnalysis:
    course = courses.owned_course(session, owner, course_id)
    _, question_set = _course_set(session, course, set_id)
    attempts, items = _analyse(
        session, course, question_set, courses.member_ids(session, course.id)
    )
    return ItemAnalysis(
        course_id=course.id,
        course_name=course.name,
        set_id=question_set.id,
        set_name=question_set.name,
        attempts=len(attempts),
        items=tuple(items),
    )


# ----------------------------------------------------------------------------- memory


@dataclass(frozen=True)
class CardMemory:
    card_id: int
    front: str
    category: str | None
    students: int
    studied: int
    mature: int
    #: Over every student of the course; one who never studied the card counts as 0.
    average_retrievability: float | None


@dataclass(frozen=True)
class RetentionDay:
    day: date
    reviews: int
    recalled: int

    @property
    def share(self) -> float:
        return self.recalled / self.reviews if self.reviews else 0.0


def memory(
    session: Session, question_set: QuestionSet, user_ids: Sequence[int], now: datetime
) -> list[CardMemory]:
    """Each active card of the set, what the class is about to forget first."""
    cards = list(
        session.execute(
            select(Card)
            .where(Card.set_id == question_set.id, Card.active.is_(True))
            .order_by(Card.position)
        ).scalars()
    )
    users = (
        list(session.execute(select(User).where(User.id.in_(user_ids))).scalars())
        if user_ids
        else []
    )
    schedulers = {u.id: scheduling.scheduler_for(u) for u in users}
    states = (
        session.execute(
            select(CardState).where(
                CardState.card_id.in_([c.id for c in cards]),
                CardState.user_id.in_(list(schedulers)),
                CardState.reps > 0,
            )
        ).scalars()
        if cards and schedulers
        else []
    )
    per_card: dict[int, list[tuple[float, bool]]] = {}
    for state in states:
        recall = float(
            schedulers[state.user_id].get_card_retrievability(scheduling.to_fsrs(state), now)
        )
        mature = (
            state.state == int(State.Review)
            and scheduling.interval_days(state) >= scheduling.MATURE_DAYS
        )
        per_card.setdefault(state.card_id, []).append((recall, mature))
    count = len(schedulers)
    result = [
        CardMemory(
            card_id=card.id,
            front=card.front,
            category=card.category,
            students=count,
            studied=len(per_card.get(card.id, [])),
            mature=sum(1 for _, mature in per_card.get(card.id, []) if mature),
            average_retrievability=(
                sum(r for r, _ in per_card.get(card.id, [])) / count if count else None
            ),
        )
        for card in cards
    ]
    result.sort(key=lambda m: m.average_retrievability or 0.0)  # stable: set order in ties
    return result


def retention(
    session: Session,
    question_set: QuestionSet,
    user_ids: Sequence[int],
    *,
    viewer: User,
    now: datetime,
    days: int = RETENTION_DAYS,
) -> list[RetentionDay]:
    """Per study day with reviews, over the last ``days``: reviews and recalled ones."""
    if not user_ids:
        return []
    zone = reviews.zone_of(viewer)
    today = reviews.local_day(now, zone)
    first = today - timedelta(days=days - 1)
    rows = session.execute(
        select(ReviewLog.reviewed_at, ReviewLog.rating)
        .join(Card, Card.id == ReviewLog.card_id)
        .where(
            Card.set_id == question_set.id,
            ReviewLog.user_id.in_(user_ids),
            ReviewLog.reviewed_at >= reviews.day_start(first, zone),
            ReviewLog.reviewed_at < reviews.day_start(today + timedelta(days=1), zone),
        )
    ).all()
    per_day: dict[date, list[int]] = {}
    for moment, rating in rows:
        counts = per_day.setdefault(reviews.local_day(moment, zone), [0, 0])
        counts[0] += 1
        counts[1] += 1 if rating > 1 else 0
    return [RetentionDay(day, *per_day[day]) for day in sorted(per_day)]


def histogram(values: Sequence[float], bins: int = HISTOGRAM_BINS) -> list[int]:
    """How many values (0..1) fall in each of ``bins`` equal bins; 1.0 goes in the last."""
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, max(0, int(value * bins + 1e-9)))] += 1
    return counts


# ------------------------------------------------------------------------- set report


@dataclass(frozen=True)
class SetReport:
    analysis: ItemAnalysis
    grading_method: str
    #: Each student's graded score on the set (0..1), for the histogram.
    grades: tuple[float, ...]
    students: int
    memory: tuple[CardMemory, ...]
    retention: tuple[RetentionDay, ...]

    @property
    def distribution(self) -> list[int]:
        return histogram(self.grades)


def set_report(
    session: Session, *, owner: User, course_id: int, set_id: int, now: datetime
) -> SetReport:
    """Item analysis, score distribution, memory and retention of one set in the course."""
    course = courses.owned_course(session, owner, course_id)
    course_set, question_set = _course_set(session, course, set_id)
    user_ids = courses.member_ids(session, course.id)
    attempts, items = _analyse(session, course, question_set, user_ids)
    per_student: dict[int, list[float]] = {}
    for attempt in _submitted(session, course.id, [question_set.id], user_ids):
        percent = _percent(attempt)
        if percent is not None:
            per_student.setdefault(attempt.user_id, []).append(percent)
    grades = tuple(
        g
        for percents in per_student.values()
        if (g := graded(percents, course_set.grading_method)) is not None
    )
    return SetReport(
        analysis=ItemAnalysis(
            course_id=course.id,
            course_name=course.name,
            set_id=question_set.id,
            set_name=question_set.name,
            attempts=len(attempts),
            items=tuple(items),
        ),
        grading_method=course_set.grading_method,
        grades=grades,
        students=len(user_ids),
        memory=tuple(memory(session, question_set, user_ids, now)),
        retention=tuple(retention(session, question_set, user_ids, viewer=owner, now=now)),
    )
