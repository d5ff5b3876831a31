"""An instructor's own sets: list, rename, edit a question, publish, quiz options, delete,
and exports.

Every function takes the acting user and checks ownership: someone else's set (or a deleted
one) is ``NotFound``, never ``Forbidden``, so set ids do not leak.  Built-in banks belong
to no one and are managed from the command line only.

Who may download what (``export_set``):

* the owner: every format (GIFT, Aiken, Moodle XML, CSV, JSON, Anki);
* anyone logged in: the Anki deck (``apkg``) of a *public* set, and nothing else.  A deck
  holds the set's flashcards, fronts and backs, which is exactly what every student already
  sees in the app when they study that set's flashcards; the other formats carry the quiz's
  answer key (weights, wrong options, feedback) and stay with the owner, so students never
  get a set's answers before they answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from question_bank import types as question_types
from question_bank.formats import FORMATS, aiken, json_format
from question_bank.formats.base import ParseError
from question_bank.sets import QuestionSet as BankSet
from question_bank.types import Question as BankQuestion
from question_bank.types import UnsupportedType
from quizapp.models import Question, QuestionSet, User
from quizapp.models.question_set import PRIVATE, PUBLIC
from quizapp.services import categories, media, question_sets, quizzes
from quizapp.services.downloads import Download
from quizapp.services.errors import Forbidden, NotFound, ValidationFailed
from quizapp.services.imports import MAX_SET_NAME, UploadRejected, set_problems, unstorable

#: Formats a set can be downloaded in, in the order the buttons show them.
EXPORT_FORMATS = tuple(name for name, fmt in FORMATS.items() if fmt.can_export)
#: What a logged-in user who does not own a public set may download (see the module doc).
PUBLIC_DOWNLOADS = ("apkg",)

_NOT_FOUND = "There is no such question set."


# --------------------------------------------------------------------------- access


def owned_set(session: Session, *, set_id: int, user: User) -> QuestionSet:
    """The user's own set, not deleted; ``NotFound`` otherwise (also for other owners)."""
    found = session.get(QuestionSet, set_id)
    if found is None or found.deleted_at is not None or found.owner_id != user.id:
        raise NotFound(_NOT_FOUND)
    return found


# ------------------------------------------------------------------------ dashboard


@dataclass(frozen=True)
class OwnedSetSummary:
    id: int
    name: str
    description: str
    public: bool
    version: int
    updated_at: datetime
    question_count: int
    card_count: int


def dashboard(session: Session, *, user: User) -> list[OwnedSetSummary]:
    """The user's sets with their counts (two grouped queries whatever their number)."""
    sets = question_sets.sets_owned_by(session, user.id)
    counts = {s.id: s for s in question_sets.summaries(session, sets)}
    return [
        OwnedSetSummary(
            id=s.id,
            name=s.name,
            description=s.description,
            public=s.visibility == PUBLIC,
            version=s.version,
            updated_at=s.updated_at,
            question_count=counts[s.id].question_count,
            card_count=counts[s.id].card_count,
        )
        for s in sets
    ]


@dataclass(frozen=True)
class SetDetail:
    question_set: QuestionSet
    #: (row id, question) in the set's order; the row id names the question in URLs.
    questions: list[tuple[int, BankQuestion]]
    card_count: int
    categories: list[str]
    attempt_count: int

    @property
    def public(self) -> bool:
        return self.question_set.visibility == PUBLIC


def set_detail(session: Session, *, set_id: int, user: User) -> SetDetail:
    target = owned_set(session, set_id=set_id, user=user)
    questions = [(row.id, media.shown_question(row.data, row.media)) for row in target.questions]
    counts = question_sets.set_counts(session, [target.id], attempts=True)[target.id]
    return SetDetail(
        question_set=target,
        questions=questions,
        card_count=counts.cards,
        categories=set_categories(target),
        attempt_count=counts.attempts,
    )


def set_categories(target: QuestionSet) -> list[str]:
    """The categories the set's questions use, in the set's order (``services.categories``)."""
    used = [row.category for row in target.questions if row.category]
    return [name for name in categories.ordered(used, target.category_order) if name]


# ---------------------------------------------------------------------------- edits


def rename(session: Session, *, set_id: int, user: User, name: str, now: datetime) -> QuestionSet:
    """Rename a set.  Names identify versions, so two sets of one owner cannot share one."""
    target = owned_set(session, set_id=set_id, user=user)
    cleaned = question_sets.normalise_name(name)
    if not cleaned:
        raise ValidationFailed("Give the set a name.")
    if len(cleaned) > MAX_SET_NAME:
        raise ValidationFailed(f"A set name has at most {MAX_SET_NAME} characters.")
    if unstorable(cleaned):
        raise ValidationFailed("The name contains a control or broken character: retype it.")
    other = question_sets.find_version_target(session, cleaned, user.id)
    if other is not None and other.id != target.id:
        raise ValidationFailed(
            f'You already have a set named "{other.name}": choose another name (uploads with '
            "a set's name become its new version)."
        )
    if target.name != cleaned:
        target.name = cleaned
        target.updated_at = now
    session.commit()
    return target


def set_visibility(
    session: Session, *, set_id: int, user: User, public: bool, now: datetime
) -> QuestionSet:
    """Publish a set to everyone, or make it private (the owner and their courses)."""
    target = owned_set(session, set_id=set_id, user=user)
    wanted = PUBLIC if public else PRIVATE
    if target.visibility != wanted:
        target.visibility = wanted
        target.updated_at = now
    session.commit()
    return target


def delete_set(session: Session, *, set_id: int, user: User, now: datetime) -> str:
    """Soft delete: the set disappears for everyone; attempts already taken keep their
    record (their own snapshot of every question), learners' schedules stay in the tables.
    Returns the set's name."""
    target = owned_set(session, set_id=set_id, user=user)
    target.deleted_at = now
    target.updated_at = now
    session.commit()
    return target.name


@dataclass(frozen=True)
class QuizOptions:
    question_count: int | None = None
    categories: list[str] | None = None
    shuffle_questions: bool = True
    shuffle_choices: bool = True
    time_limit_minutes: int | None = None
    feedback_mode: str = "deferred"
    attempts_allowed: int | None = None

    @classmethod
    def of(cls, target: QuestionSet) -> QuizOptions:
        seconds = target.time_limit_seconds
        return cls(
            question_count=target.question_count,
            categories=list(target.categories) if target.categories else None,
            shuffle_questions=target.shuffle_questions,
            shuffle_choices=target.shuffle_choices,
            time_limit_minutes=None if seconds is None else max(1, round(seconds / 60)),
            feedback_mode=target.feedback_mode,
            attempts_allowed=target.attempts_allowed,
        )


def update_quiz_options(
    session: Session, *, set_id: int, user: User, options: QuizOptions, now: datetime
) -> QuestionSet:
    """Check and save the quiz options of a set; ``ValidationFailed`` lists every problem."""
    target = owned_set(session, set_id=set_id, user=user)
    available = set_categories(target)
    chosen = [name for name in categories.ordered(options.categories or (), available) if name]
    minutes = options.time_limit_minutes
    problems = quizzes.option_problems(
        question_count=options.question_count,
        answerable=sum(1 for row in target.questions if question_types.answerable(row.type)),
        categories=chosen,
        available_categories=available,
        time_limit_seconds=None if minutes is None else minutes * 60,
        feedback_mode=options.feedback_mode,
        attempts_allowed=options.attempts_allowed,
    )
    if problems:
        raise ValidationFailed(" ".join(problems))
    target.question_count = options.question_count
    # Every category (or none chosen) means no filter.
    target.categories = chosen if chosen and chosen != available else None
    target.shuffle_questions = options.shuffle_questions
    target.shuffle_choices = options.shuffle_choices
    target.time_limit_seconds = None if minutes is None else minutes * 60
    target.feedback_mode = options.feedback_mode
    target.attempts_allowed = options.attempts_allowed
    target.updated_at = now
    session.commit()
    return target


# ------------------------------------------------------------------- one question


def _question_row(target: QuestionSet, question_id: int) -> Question:
    row = next((q for q in target.questions if q.id == question_id), None)
    if row is None:
        raise NotFound("There is no such question in this set.")
    return row


def question_for_edit(
    session: Session, *, set_id: int, user: User, question_id: int
) -> tuple[QuestionSet, BankQuestion, str]:
    """The set, the question (by row id) and its JSON as the edit form shows it."""
    target = owned_set(session, set_id=set_id, user=user)
    question = _question_row(target, question_id).to_model()
    return target, question, question_json(question)


def question_json(question: BankQuestion) -> str:
    return json.dumps(question.to_dict(), ensure_ascii=False, indent=2)


_WHERE_PREFIX = re.compile(r"^set 1, ")


def _parse_question_json(text: str, key: str) -> BankQuestion:
    """The question in ``text`` (the interchange schema), checked as an import would be."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UploadRejected(
            [ParseError(f"this is not valid JSON: {exc.msg}", exc.lineno, exc.colno)]
        ) from None
    except RecursionError:
        raise UploadRejected(["the JSON is nested too deeply to read"]) from None
    except ValueError:  # Python refuses whole numbers of more than 4,300 digits
        raise UploadRejected(["a number in the JSON has too many digits"]) from None
    if not isinstance(raw, dict):
        raise UploadRejected(['the question must be one JSON object: {"id": ..., "type": ...}'])
    if raw.get("id") != key:
        raise UploadRejected(
            [
                f'the "id" must stay "{key}": it is how attempts and learners\' flashcard '
                "progress follow the question (upload a new version to replace a question)"
            ]
        )
    # The JSON importer's checks, so an edit obeys exactly the rules of an upload.
    wrapped = json.dumps({"sets": [{"name": "edit", "questions": [raw]}]}, ensure_ascii=False)
    result = json_format.parse(wrapped)
    if result.errors:
        raise UploadRejected(_WHERE_PREFIX.sub("", e.message) for e in result.errors)
    return result.questions[0]


def edit_question(
    session: Session, *, set_id: int, user: User, question_id: int, text: str, now: datetime
) -> QuestionSet:
    """Replace one question by the JSON the owner edited; the set gets a new version.

    Refused with ``UploadRejected`` (every problem listed) when the JSON is not a valid
    question of the schema, when its ``problems()`` are not empty, or when it changes id.
    """
    target = owned_set(session, set_id=set_id, user=user)
    key = _question_row(target, question_id).key
    question = _parse_question_json(text, key)
    bank = question_sets.to_bank_set(target)
    bank = BankSet(
        name=bank.name,
        description=bank.description,
        questions=tuple(question if q.id == key else q for q in bank.questions),
        cards=bank.cards,
    )
    problems = set_problems(bank)
    card_ids = {card.id for card in bank.cards}
    if bank.cards and question.card_id is not None and question.card_id not in card_ids:
        problems.append(
            f'the question refers to the card "{question.card_id}", which is not in the set'
        )
    if problems:
        raise UploadRejected(problems)
    question_sets.sync_set(session, target, bank, now=now)
    session.commit()
    return target


# -------------------------------------------------------------------------- exports


@dataclass(frozen=True)
class Export(Download):
    #: Questions the format could not hold (Aiken keeps single-answer multiple choice only).
    skipped: int = 0


def _slug(name: str) -> str:
    slug = re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-.")
    return slug[:80] or "questions"


def render_export(bank: BankSet, format: str) -> Export:
    """The file of ``bank`` in ``format`` (no access check: the caller has done it)."""
    chosen = FORMATS.get(format)
    if chosen is None or chosen.dump is None:
        raise ValidationFailed(
            f'Cannot export as "{format}": choose one of {", ".join(EXPORT_FORMATS)}.'
        )
    skipped = 0
    if format == "aiken":
        text, left_out = aiken.dump_with_skipped(bank)
        content: Any = text
        skipped = len(left_out)
    else:
        try:
            content = chosen.dump(bank)
        except UnsupportedType as error:
            raise ValidationFailed(f"{error.message}.", code="unsupported_type") from None
    if isinstance(content, str):
        content = content.encode("utf-8")
    media_type = chosen.media_type
    if media_type.startswith("text/") or media_type in ("application/json", "application/xml"):
        media_type += "; charset=utf-8"
    return Export(
        filename=_slug(bank.name) + chosen.extension,
        media_type=media_type,
        content=content,
        skipped=skipped,
    )


def may_download(target: QuestionSet, user: User, format: str) -> bool:
    """The rule of the module docstring."""
    if target.deleted_at is not None:
        return False
    if target.owner_id == user.id:
        return True
    return target.visibility == PUBLIC and format in PUBLIC_DOWNLOADS


def export_set(session: Session, *, set_id: int, user: User, format: str) -> Export:
    """A set as a file, if ``user`` may download it in ``format``."""
    target = session.get(QuestionSet, set_id)
    visible = target is not None and target.deleted_at is None
    if not visible or (target.owner_id != user.id and target.visibility != PUBLIC):
        raise NotFound(_NOT_FOUND)
    if not may_download(target, user, format):
        raise Forbidden(
            "Only the set's owner can download it in this format: it holds the answers. "
            "Anyone may download the Anki deck of a public set."
        )
    return render_export(question_sets.to_bank_set(target), format)
