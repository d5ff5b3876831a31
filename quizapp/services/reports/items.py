"""Item analysis of a set in a course, on each student's *first* submitted attempt.

Each gradable question earns a share of its points (0..1, partial credit included); its
mark is that share times its points.  *Facility index* = mean mark / max mark (the mean
share).  *Discrimination index* = 100 x the Pearson correlation between the question's mark
and the rest of the test (the attempt's score minus this mark, both in points, so a question
worth 2 weighs twice in the rest), over the attempts that drew the question; null with
fewer than two attempts or when either side does not vary.  *Choices*: the share of those
attempts that picked each choice, and the average score of the students who picked it (a
distractor that attracts strong students shows a high average).  Flags: facility above 0.95
or below 0.2, discrimination below 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.rendering import plain_text
from question_bank.types import QUESTION_TYPES, question_from_dict
from quizapp.models import Attempt, AttemptQuestion, Course, Question, QuestionSet, User
from quizapp.services import courses
from quizapp.services.reports.course_attempts import course_set_in, first_attempts, percent
from quizapp.services.reports.statistics import mean, pearson

#: Moodle's thresholds for a question worth a second look.
EASY_ABOVE = 0.95
HARD_BELOW = 0.2


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
    #: The question's category in its set (as the instructor named it), and its points.
    category: str | None
    points: float
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
    shares = [float(row.score or 0.0) for row, _ in rows]
    marks = [share * float(row.points) for share, (row, _) in zip(shares, rows, strict=True)]
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
                text=plain_text(choice.text, model.text_format),
                correct=choice.weight > 0,
                count=len(pickers),
                share=len(pickers) / len(rows) if rows else 0.0,
                mean_score=mean([p for a in pickers if (p := percent(a)) is not None]),
            )
        )
    return ItemStat(
        question_id=key,
        number=number,
        # As a reader sees it: a cloze's blanks as "_____", never its raw {{1}}.
        prompt=plain_text(model.card_front(), model.text_format),
        type_label=model.label,
        category=model.category,
        points=float(rows[0][0].points) if rows else 1.0,
        attempts=len(rows),
        facility=mean(shares),
        discrimination=None if r is None else 100 * r,
        choices=tuple(choices),
    )


def analyse(
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


def analysis_of(
    session: Session, course: Course, question_set: QuestionSet, user_ids: Sequence[int]
) -> ItemAnalysis:
    """The item analysis of the set on these students' first attempts."""
    attempts, items = analyse(session, course, question_set, user_ids)
    return ItemAnalysis(
        course_id=course.id,
        course_name=course.name,
        set_id=question_set.id,
        set_name=question_set.name,
        attempts=len(attempts),
        items=tuple(items),
    )


def item_analysis(session: Session, *, owner: User, course_id: int, set_id: int) -> ItemAnalysis:
    course = courses.owned_course(session, owner, course_id)
    _, question_set = course_set_in(session, course, set_id)
    return analysis_of(session, course, question_set, courses.member_ids(session, course.id))
