"""What the editor works on: one question of the instructor's own set, or a new question
of a chosen type.  Someone else's set or question, or an unknown type, is "not found"."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from question_bank import types as question_types
from question_bank.types import Question as BankQuestion
from quizapp.models import QuestionSet, User
from quizapp.services import question_sets, set_admin
from quizapp.services.errors import NotFound


@dataclass(frozen=True)
class EditorTarget:
    question_set: QuestionSet
    question_type: type[BankQuestion]
    #: The question's row id (it names the question in URLs) and the question as stored;
    #: both None for a new question.
    row_id: int | None
    question: BankQuestion | None
    #: Its number in the set, 1 first (a new question's: the one it will take, the last).
    number: int
    #: The categories the set's questions use: the editor offers them.
    categories: list[str]

    @property
    def is_new(self) -> bool:
        return self.question is None

    @property
    def question_count(self) -> int:
        return len(self.question_set.questions)


def open_question(session: Session, *, set_id: int, user: User, question_id: int) -> EditorTarget:
    """A question of the user's own set, by its row id."""
    target = set_admin.owned_set(session, set_id=set_id, user=user)
    rows = target.questions
    found = next((i for i, row in enumerate(rows) if row.id == question_id), None)
    if found is None:
        raise NotFound("There is no such question in this set.")
    # As the set holds it, images and all (wherever the set keeps their bytes), so that an
    # edit keeps them.
    key = rows[found].key
    bank = question_sets.to_bank_set(target)
    question = next(q for q in bank.questions if q.id == key)
    return EditorTarget(
        question_set=target,
        question_type=type(question),
        row_id=question_id,
        question=question,
        number=found + 1,
        categories=set_admin.set_categories(target),
    )


def open_new(session: Session, *, set_id: int, user: User, type_name: str) -> EditorTarget:
    """A new question of a registered type, to be added at the end of the user's set."""
    target = set_admin.owned_set(session, set_id=set_id, user=user)
    question_type = question_types.QUESTION_TYPES.get(type_name)
    if question_type is None:
        raise NotFound("There is no such question type.")
    return EditorTarget(
        question_set=target,
        question_type=question_type,
        row_id=None,
        question=None,
        number=len(target.questions) + 1,
        categories=set_admin.set_categories(target),
    )


@dataclass(frozen=True)
class TypeChoice:
    name: str
    label: str
    summary: str


def type_choices() -> list[TypeChoice]:
    """Every registered type, as the "new question" page offers them."""
    return [
        TypeChoice(name, cls.label or name, cls.summary)
        for name, cls in question_types.QUESTION_TYPES.items()
    ]
