"""Taking quizzes: start (or resume) an attempt, save answers, submit, review, history.

The pages and the JSON API call these functions; none of them imports Flask.  Each takes the
session, the user and ``now``, owns its commit, and returns plain views (dataclasses holding
the pure question model), never half-written state.

Decisions worth knowing:

* **Drawing.** Only answerable questions are drawn.  Descriptions are kept, in place, when
  an attempt shows every question in the set's order; when questions are shuffled or a random
  N is drawn they are left out, as they would lose their context.  The order of questions and
  of choices (and of matching items) is fixed in the attempt's snapshot, so a reload shows
  the same order.  True/false keeps True before False.
* **Blank answers.** An empty response (no choice, empty text, all blanks empty) means "not
  answered": saving one clears a saved answer.  ``None`` in the API does the same.
* **Scoring.** ``max_score`` is the number of gradable questions (essays and descriptions do
  not count); the score is the sum of the pure ``grade()`` scores (partial credit included).
  Unanswered questions score 0.
* **Spaced repetition.** A graded *answered* question whose card is known counts as a review
  of that card: wrong is Again, half right or more Hard, right Good
  (``scheduling.rating_for_score``).
  An unanswered question logs no review (skipping is not a recall attempt).  A question is
  linked to the card named by its ``card_id`` or, for sets whose cards are derived from the
  questions, to the card with the question's own id.
* **Immediate feedback.** A non-blank answer to a gradable question is graded when saved and
  then locked; essays stay editable until submit.
* **Time limit.** Enforced here: a save after the deadline is refused (``TimeUp``) and the
  attempt is submitted with what was saved; any read of an expired attempt submits it.  The
  recorded submission time is then the deadline.
* **Courses.** An attempt started from a course (``course_id``) takes the options the
  instructor chose for that course (``CourseSet``: time limit, attempts allowed, shuffle,
  feedback mode, open and close dates) instead of the set's own; its attempts are counted
  apart from the attempts outside the course.  A close date caps the attempt's deadline, so
  an attempt still open when the course set closes is submitted like one whose time ran out.
  Once submitted, the course's review options decide what the student sees again: their
  answers, whether each was right, the right answer, the feedback.  They are applied here, so
  the page and the API hide the same things.
* **Concurrency.** Every change bumps the attempt's ``version``.  A save reads first, without
  a lock, then claims the attempt with an UPDATE that bumps the version only if it is still
  the one it read (``_claim``); if another request changed the attempt in between, the save
  reads again under the lock and cannot lose.  A submit (and the submission of an expired
  attempt) locks the attempt row before reading (``SELECT ... FOR UPDATE`` on PostgreSQL; on
  SQLite a no-op write takes the database's write lock).  So a save and a submit serialise,
  on SQLite the write lock is held only from the claim to the commit, an answer is checked
  (and reviewed) once, and a save that changes nothing writes nothing.  Each answer is its
  own row: two tabs saving different questions lose nothing, and the last save of one
  question wins.
* **Reading little.** The question page and a save read the attempt row, the one question
  asked for, and (the page) a few columns of every question for the list; only that one
  question is rebuilt from its snapshot (``question_page``, ``_save``).  The review, the
  submit page and the API's whole attempt use ``get_attempt``, which rebuilds them all.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import Select, and_, bindparam, func, null, or_, select, update
from sqlalchemy.orm import Session, aliased, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from question_bank.types import CATEGORIES, QUESTION_TYPES, Grade, InvalidResponse
from question_bank.types import Question as BankQuestion
from quizapp.models import (
    Attempt,
    AttemptQuestion,
    Card,
    Course,
    CourseMember,
    CourseSet,
    Question,
    QuestionSet,
    User,
)
from quizapp.models.question_set import PUBLIC
from quizapp.services import scheduling
from quizapp.services.errors import Forbidden, NotFound, ServiceError, ValidationFailed

IMMEDIATE = "immediate"
DEFERRED = "deferred"
FEEDBACK_MODES = (DEFERRED, IMMEDIATE)


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


#: Pass as ``response`` to ``save_answer`` to leave the saved answer as it is (move only).
KEEP: Any = _Keep()


class TimeUp(ValidationFailed):
    """An answer after the deadline: refused, and the attempt was submitted (committed)."""

    code = "time_up"


# ----------------------------------------------------------------------------- views


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
    score: float | None
    feedback: tuple[str, ...]
    answer_display: str
    general_feedback: str
    source_quote: str | None

    @property
    def correct(self) -> bool | None:
        return None if self.status in ("ungraded", "answered") else self.status == "correct"


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
class AttemptHead:
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
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def immediate(self) -> bool:
        return self.feedback_mode == IMMEDIATE

    @property
    def percent(self) -> float | None:
        return _share(self.score, self.max_score)

    @property
    def time_taken(self) -> timedelta | None:
        return self.submitted_at - self.started_at if self.submitted_at else None


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


def _no_question(position: int) -> NotFound:
    return NotFound(f"There is no question {position + 1} in this attempt.")


@dataclass(frozen=True, kw_only=True)
class AttemptView(_Listing[QuestionView]):
    """The whole attempt, every question with its model: the review, the submit page, the API."""

    def question(self, position: int) -> QuestionView:
        if not 0 <= position < len(self.questions):
            raise _no_question(position)
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
            raise _no_question(self.position)
        return self.shown


@dataclass(frozen=True)
class QuizOptions:
    """A set's quiz options, as a student sees them before starting."""

    question_count: int  # how many questions an attempt draws
    available: int  # answerable questions in the chosen categories
    categories: tuple[str, ...] | None
    shuffle_questions: bool
    shuffle_choices: bool
    time_limit_seconds: int | None
    feedback_mode: str
    attempts_allowed: int | None


@dataclass(frozen=True)
class AttemptSummary:
    id: int
    set_id: int
    set_name: str
    started_at: datetime
    submitted_at: datetime | None
    score: float | None
    max_score: float

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def percent(self) -> float | None:
        return _share(self.score, self.max_score)

    @property
    def time_taken(self) -> timedelta | None:
        return self.submitted_at - self.started_at if self.submitted_at else None


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
    availability: str = "open"

    @property
    def can_start(self) -> bool:
        if self.options.available == 0:
            return False
        if self.open_attempt_id is not None:
            return True
        return self.availability == "open" and self.attempts_left != 0


@dataclass(frozen=True)
class StartResult:
    attempt: AttemptView
    resumed: bool

    @property
    def attempt_id(self) -> int:
        return self.attempt.id

    @property
    def position(self) -> int:
        return self.attempt.current_position


@dataclass(frozen=True)
class SaveResult:
    #: The attempt after the save (its questions are not loaded).
    attempt: AttemptHead
    question: QuestionView
    changed: bool
    #: How many questions the attempt has (a move to ``total`` or beyond leaves them).
    total: int


@dataclass(frozen=True)
class CategoryStat:
    category: str
    questions: int
    points: float

    @property
    def share(self) -> float | None:
        return _share(self.points, self.questions)


@dataclass(frozen=True)
class History:
    attempts: tuple[AttemptSummary, ...]  # newest first
    categories: tuple[CategoryStat, ...]

    @property
    def submitted_oldest_first(self) -> list[AttemptSummary]:
        return sorted((a for a in self.attempts if a.is_submitted), key=lambda a: a.started_at)


@dataclass(frozen=True)
class SetSummary:
    id: int
    name: str
    question_count: int


def _share(points: float | None, out_of: float) -> float | None:
    if points is None or not out_of:
        return None
    return points / out_of


# ------------------------------------------------------------------------ visibility


def can_take(
    session: Session, user: User, question_set: QuestionSet, *, course_id: int | None = None
) -> bool:
    """May ``user`` take ``question_set``?  The one place this rule lives.

    Outside a course: public sets that are not deleted, and the user's own sets that are
    not deleted.  In a course (``course_id``): a set that is not deleted, attached to that
    course, which the user belongs to (or teaches: the instructor may try it).  A private set
    of a course is taken only in its course, where the course's options apply.
    """
    if question_set.deleted_at is not None:
        return False
    if course_id is None:
        return question_set.visibility == PUBLIC or question_set.owner_id == user.id
    return _course_set(session, user, course_id, question_set.id) is not None


def _course_set(session: Session, user: User, course_id: int, set_id: int) -> CourseSet | None:
    """The set's options in the course, if it is attached and ``user`` belongs to or teaches it."""
    return session.execute(
        select(CourseSet)
        .join(Course, Course.id == CourseSet.course_id)
        .outerjoin(
            CourseMember,
            and_(CourseMember.course_id == Course.id, CourseMember.user_id == user.id),
        )
        .where(
            CourseSet.course_id == course_id,
            CourseSet.set_id == set_id,
            or_(Course.owner_id == user.id, CourseMember.id.is_not(None)),
        )
        .limit(1)
    ).scalar_one_or_none()


def _takeable_set(
    session: Session, user: User, set_id: int, course_id: int | None = None
) -> tuple[QuestionSet, CourseSet | None]:
    question_set = session.get(QuestionSet, set_id)
    if question_set is None or not can_take(session, user, question_set, course_id=course_id):
        raise NotFound("There is no such question set.")
    course_set = None if course_id is None else _course_set(session, user, course_id, set_id)
    return question_set, course_set


def availability(course_set: CourseSet | None, now: datetime) -> str:
    """Whether a course set can be started: "open", "not_open" (before it opens) or "closed"
    (once it has closed).  Outside a course a set is always open."""
    if course_set is None:
        return "open"
    if course_set.opens_at is not None and now < course_set.opens_at:
        return "not_open"
    if course_set.closes_at is not None and now >= course_set.closes_at:
        return "closed"
    return "open"


def takeable_sets(session: Session, user: User) -> list[SetSummary]:
    """The sets ``user`` can take, built-in banks first, with the size of an attempt."""
    candidates = session.execute(
        select(QuestionSet)
        .where(
            QuestionSet.deleted_at.is_(None),
            or_(QuestionSet.visibility == PUBLIC, QuestionSet.owner_id == user.id),
        )
        .order_by(QuestionSet.builtin_key.is_(None), QuestionSet.name, QuestionSet.id)
    ).scalars()
    sets = [s for s in candidates if can_take(session, user, s)]
    if not sets:
        return []
    rows = session.execute(
        select(Question.set_id, Question.type, Question.category).where(
            Question.set_id.in_([s.id for s in sets])
        )
    ).all()
    by_set: dict[int, list[tuple[str, str | None]]] = {}
    for set_id, type_name, category in rows:
        by_set.setdefault(set_id, []).append((type_name, category))
    return [
        SetSummary(s.id, s.name, _options(s, by_set.get(s.id, [])).question_count) for s in sets
    ]


# ---------------------------------------------------------------------------- options


def _answerable_type(type_name: str) -> bool:
    cls = QUESTION_TYPES.get(type_name)
    return cls is not None and cls.answerable


def _in_categories(category: str | None, categories: Sequence[str] | None) -> bool:
    return not categories or category in categories


def _options(
    question_set: QuestionSet,
    questions: list[tuple[str, str | None]],
    course_set: CourseSet | None = None,
) -> QuizOptions:
    """The options an attempt takes: the set's, or the course's where the set is in one."""
    available = sum(
        1
        for type_name, category in questions
        if _answerable_type(type_name) and _in_categories(category, question_set.categories)
    )
    count = question_set.question_count
    drawn = min(count, available) if count and count > 0 else available
    options = QuizOptions(
        question_count=drawn,
        available=available,
        categories=tuple(question_set.categories) if question_set.categories else None,
        shuffle_questions=question_set.shuffle_questions,
        shuffle_choices=question_set.shuffle_choices,
        time_limit_seconds=question_set.time_limit_seconds,
        feedback_mode=question_set.feedback_mode,
        attempts_allowed=question_set.attempts_allowed,
    )
    if course_set is not None:
        options = replace(
            options,
            shuffle_questions=course_set.shuffle,
            shuffle_choices=course_set.shuffle,
            time_limit_seconds=course_set.time_limit_seconds,
            feedback_mode=course_set.feedback_mode,
            attempts_allowed=course_set.attempts_allowed,
        )
    if options.feedback_mode not in FEEDBACK_MODES:
        options = replace(options, feedback_mode=DEFERRED)
    return options


def quiz_options(question_set: QuestionSet, course_set: CourseSet | None = None) -> QuizOptions:
    questions = [(q.type, q.category) for q in question_set.questions]
    return _options(question_set, questions, course_set)


# ------------------------------------------------------------------------- locking


def _lock_attempt(session: Session, attempt_id: int) -> None:
    """Serialise writers of one attempt (see the module docstring)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            update(Attempt)
            .where(Attempt.id == attempt_id)
            .values(version=Attempt.version)
            .execution_options(synchronize_session=False)
        )
    else:
        session.execute(select(Attempt.id).where(Attempt.id == attempt_id).with_for_update())


def _lock_user(session: Session, user: User) -> None:
    """Serialise the starts of one user, so two tabs cannot open two attempts at once."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            update(User)
            .where(User.id == user.id)
            .values(role=User.role)
            .execution_options(synchronize_session=False)
        )
    else:
        session.execute(select(User.id).where(User.id == user.id).with_for_update())


def _owned_attempt(
    session: Session, user: User, attempt_id: int, *, lock: bool
) -> tuple[Attempt, str]:
    """The attempt with every question loaded, and its set's name (the full view's load)."""
    if lock:
        _lock_attempt(session, attempt_id)
    found = session.execute(
        select(Attempt, QuestionSet.name)
        .join(QuestionSet, QuestionSet.id == Attempt.set_id)
        .where(Attempt.id == attempt_id)
        .options(selectinload(Attempt.questions))
        .execution_options(populate_existing=True)
    ).one_or_none()
    if found is None or found[0].user_id != user.id:
        # Someone else's attempt is "not found": ids do not leak.
        raise NotFound("There is no such attempt.")
    return found[0], found[1]


# The question page and the answer save run these on every request: built once, with
# parameters, so no request pays for building them (SQLAlchemy then reuses the compiled SQL).


def _attempt_and_question_query(which: Any) -> Select[Any]:
    counted = aliased(AttemptQuestion)
    total = select(func.count(counted.id)).where(counted.attempt_id == Attempt.id)
    return (
        select(Attempt, QuestionSet.name, total.scalar_subquery(), AttemptQuestion)
        .join(QuestionSet, QuestionSet.id == Attempt.set_id)
        .outerjoin(AttemptQuestion, and_(AttemptQuestion.attempt_id == Attempt.id, which))
        .where(Attempt.id == bindparam("attempt_id"), Attempt.user_id == bindparam("user_id"))
        .execution_options(populate_existing=True)
    )


_ATTEMPT_AND_QUESTION_BY_KEY = _attempt_and_question_query(
    AttemptQuestion.question_key == bindparam("question")
)
_ATTEMPT_AND_QUESTION_AT = _attempt_and_question_query(
    AttemptQuestion.position == bindparam("question")
)


def _question_list_query(*, types: bool) -> Select[Any]:
    """Every question of an attempt for its list: a few columns, no snapshot (but its type,
    read from it, when ``types``).  ``answered_at`` is set exactly when a response is
    (``_save`` keeps them together), so the responses are not read either."""
    type_name = AttemptQuestion.data["type"].as_string() if types else null()
    return (
        select(
            AttemptQuestion.question_key,
            AttemptQuestion.position,
            type_name,
            AttemptQuestion.category,
            AttemptQuestion.answered_at,
        )
        .where(AttemptQuestion.attempt_id == bindparam("attempt_id"))
        .order_by(AttemptQuestion.position)
    )


_QUESTION_LIST = _question_list_query(types=False)
_QUESTION_LIST_WITH_TYPES = _question_list_query(types=True)

_CLAIM = (
    update(Attempt)
    .where(
        Attempt.id == bindparam("attempt_id"),
        Attempt.version == bindparam("version"),
        Attempt.submitted_at.is_(None),
    )
    .values(version=Attempt.version + 1)
    .execution_options(synchronize_session=False)
)
_CLAIM_AND_MOVE = _CLAIM.values(current_position=bindparam("position"))


def _attempt_and_question(
    session: Session,
    user: User,
    attempt_id: int,
    *,
    question_key: str | None = None,
    position: int | None = None,
) -> tuple[Attempt, str, int, AttemptQuestion | None]:
    """In one query: the attempt without its questions, its set's name, how many questions
    it has, and the one question named by key (else by 0-based position), None if it has no
    such question.  The snapshots of the other questions stay in the database."""
    query = _ATTEMPT_AND_QUESTION_AT if question_key is None else _ATTEMPT_AND_QUESTION_BY_KEY
    found = session.execute(
        query,
        {
            "attempt_id": attempt_id,
            "user_id": user.id,
            "question": position if question_key is None else question_key,
        },
    ).one_or_none()
    if found is None:
        # Someone else's attempt is "not found": ids do not leak.
        raise NotFound("There is no such attempt.")
    attempt, set_name, total, row = found
    return attempt, set_name, int(total), row


def _question_list(
    session: Session, attempt: Attempt, total: int, *, hide_responses: bool
) -> tuple[QuestionEntry, ...]:
    # ``max_score`` counts the gradable questions, which are all answerable: when every
    # question is, the types need not be read from the snapshots (a JSON parse per row).
    types = attempt.max_score < total
    query = _QUESTION_LIST_WITH_TYPES if types else _QUESTION_LIST
    return tuple(
        QuestionEntry(
            key=key,
            position=position,
            answerable=not types or _answerable_type(type_name),
            category=category,
            answered=answered_at is not None and not hide_responses,
        )
        for key, position, type_name, category, answered_at in session.execute(
            query, {"attempt_id": attempt.id}
        )
    )


def _claim(session: Session, attempt: Attempt, *, move_to: int | None = None) -> bool:
    """The first write of a change: bump the attempt's version (and move to ``move_to``)
    unless someone changed it since it was read.  False when someone did: read again, then.

    Every change bumps the version, so a claim that succeeds saw the attempt as it still is:
    the reads before it needed no lock.  On SQLite it takes the write lock (the driver begins
    the transaction at the first write, so the reads held no snapshot that could have gone
    stale), which is then held only from here to the commit.
    """
    params = {"attempt_id": attempt.id, "version": attempt.version}
    if move_to is None:
        claimed = session.execute(_CLAIM, params)
    else:
        claimed = session.execute(_CLAIM_AND_MOVE, {**params, "position": move_to})
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    # What the database now holds, without another UPDATE at the flush.
    set_committed_value(attempt, "version", attempt.version + 1)
    if move_to is not None:
        set_committed_value(attempt, "current_position", move_to)
    return True


def _submit_expired(
    session: Session, user: User, attempt_id: int, now: datetime
) -> tuple[Attempt, str, bool]:
    """Submit an attempt whose time ran out (commits).  The flag is False when another
    request had submitted it already."""
    attempt, set_name = _owned_attempt(session, user, attempt_id, lock=True)
    submitted = _finalize(session, user, attempt, now)
    session.commit()
    return attempt, set_name, submitted


def _expired(attempt: Attempt, now: datetime) -> bool:
    return attempt.deadline is not None and now >= attempt.deadline


# ------------------------------------------------------------------------- grading


def _grade(
    session: Session,
    user: User,
    row: AttemptQuestion,
    now: datetime,
    model: BankQuestion | None = None,
) -> None:
    """Grade one question of an attempt and, if answered and linked to a card, review it."""
    if model is None:
        model = row.to_model()
    if not (model.answerable and model.gradable):
        return
    grade = model.grade(row.response) if row.response is not None else Grade(0.0)
    row.score = grade.score
    row.feedback = list(grade.feedback)
    if row.response is None or row.card_id is None:
        return
    card = session.get(Card, row.card_id)
    if card is not None:
        scheduling.apply_review(
            session,
            user=user,
            card=card,
            rating=scheduling.rating_for_score(grade.score),
            now=now,
            origin="quiz",
        )


def _finalize(session: Session, user: User, attempt: Attempt, now: datetime) -> bool:
    """Grade what is not graded yet and mark the attempt submitted.  False if it already was."""
    if attempt.is_submitted:
        return False
    for row in attempt.questions:
        if attempt.feedback_mode == IMMEDIATE and row.score is not None:
            continue  # graded (and reviewed) when it was answered
        _grade(session, user, row, now)
    attempt.score = sum(row.score for row in attempt.questions if row.score is not None)
    attempt.submitted_at = min(now, attempt.deadline) if attempt.deadline else now
    attempt.version += 1
    return True


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return all(_is_blank(item) for item in value)
    if isinstance(value, dict):
        return all(_is_blank(item) for item in value.values())
    return False


def _parse(model: BankQuestion, raw: Any) -> Any:
    """The canonical response, None for a blank one; ValidationFailed for a malformed one."""
    if raw is None:
        return None
    try:
        value = model.parse_response(raw)
    except InvalidResponse as error:
        raise ValidationFailed(
            f"That answer does not fit the question: {error}.", code="invalid_response"
        ) from None
    return None if _is_blank(value) else value


# --------------------------------------------------------------------------- views


def _is_locked(attempt: Attempt, row: AttemptQuestion) -> bool:
    return attempt.is_submitted or (attempt.feedback_mode == IMMEDIATE and row.score is not None)


def _result(
    attempt: Attempt, row: AttemptQuestion, model: BankQuestion, review: ReviewOptions
) -> Result | None:
    if not model.answerable:
        return None
    revealed = attempt.is_submitted or (
        attempt.feedback_mode == IMMEDIATE and row.score is not None
    )
    if not revealed:
        return None
    if not model.gradable:
        status = "ungraded"
    elif row.response is None:
        status = "unanswered"
    else:
        status = Grade(row.score or 0.0).status
    result = Result(
        status=status,
        score=row.score,
        feedback=tuple(row.feedback or ()),
        answer_display=model.answer_display,
        general_feedback=model.general_feedback,
        source_quote=model.source.quote if model.source else None,
    )
    if not attempt.is_submitted:
        return result  # immediate feedback during the attempt: the feedback mode decides
    return _reviewed(result, review)


def _reviewed(result: Result, review: ReviewOptions) -> Result:
    """A submitted question's result with what the review options hide taken out."""
    if not review.show_correctness:
        hidden = "answered" if result.status not in ("ungraded", "unanswered") else result.status
        result = replace(result, status=hidden, score=None)
    if not review.show_answer:
        result = replace(result, answer_display="")
    if not review.show_feedback:
        result = replace(result, feedback=(), general_feedback="", source_quote=None)
    return result


def _review_options(session: Session, attempt: Attempt) -> ReviewOptions:
    """The review options of the attempt's course (everything, outside a course, and
    before it is submitted)."""
    if attempt.course_id is None or not attempt.is_submitted:
        return ALL_SHOWN
    course_set = session.execute(
        select(CourseSet).where(
            CourseSet.course_id == attempt.course_id, CourseSet.set_id == attempt.set_id
        )
    ).scalar_one_or_none()
    if course_set is None:
        return ALL_SHOWN  # the set was detached from the course: no option applies
    return ReviewOptions(
        show_response=course_set.review_show_response,
        show_correctness=course_set.review_show_correctness,
        show_answer=course_set.review_show_answer,
        show_feedback=course_set.review_show_feedback,
    )


def _question_view(
    attempt: Attempt, row: AttemptQuestion, model: BankQuestion, review: ReviewOptions
) -> QuestionView:
    hide_responses = attempt.is_submitted and not review.show_response
    return QuestionView(
        key=row.question_key,
        position=row.position,
        model=model,
        category=row.category,
        response=None if hide_responses else row.response,
        answered_at=row.answered_at,
        locked=_is_locked(attempt, row),
        result=_result(attempt, row, model, review),
    )


def _head(
    attempt: Attempt,
    set_name: str,
    now: datetime,
    *,
    auto_submitted: bool = False,
    review: ReviewOptions = ALL_SHOWN,
) -> dict[str, Any]:
    """The fields of ``AttemptHead``, for any view of the attempt."""
    seconds_left = None
    if attempt.deadline is not None and not attempt.is_submitted:
        seconds_left = max(0, int((attempt.deadline - now).total_seconds()))
    return {
        "id": attempt.id,
        "set_id": attempt.set_id,
        "set_name": set_name,
        "feedback_mode": attempt.feedback_mode,
        "started_at": attempt.started_at,
        "deadline": attempt.deadline,
        "submitted_at": attempt.submitted_at,
        "current_position": attempt.current_position,
        "score": attempt.score,
        "max_score": attempt.max_score,
        "version": attempt.version,
        "seconds_left": seconds_left,
        "auto_submitted": auto_submitted,
        "course_id": attempt.course_id,
        "review": review if attempt.is_submitted else ALL_SHOWN,
    }


def _view(
    attempt: Attempt,
    set_name: str,
    now: datetime,
    *,
    auto_submitted: bool = False,
    review: ReviewOptions = ALL_SHOWN,
) -> AttemptView:
    return AttemptView(
        **_head(attempt, set_name, now, auto_submitted=auto_submitted, review=review),
        questions=tuple(
            _question_view(attempt, row, row.to_model(), review) for row in attempt.questions
        ),
    )


def attempt_record(session: Session, attempt: Attempt, now: datetime) -> AttemptView:
    """Everything about an attempt, review options aside: for its course's instructor, whose
    access the caller (``services.reports``) has checked."""
    return _view(attempt, _set_name(session, attempt.set_id), now)


def _set_name(session: Session, set_id: int) -> str:
    return session.execute(select(QuestionSet.name).where(QuestionSet.id == set_id)).scalar_one()


def _summary(attempt: Attempt, set_name: str) -> AttemptSummary:
    return AttemptSummary(
        id=attempt.id,
        set_id=attempt.set_id,
        set_name=set_name,
        started_at=attempt.started_at,
        submitted_at=attempt.submitted_at,
        score=attempt.score,
        max_score=attempt.max_score,
    )


# ------------------------------------------------------------------------ use cases


def _in_course(course_id: int | None) -> Any:
    """Attempts taken in that course, or outside any course: each context counts apart."""
    return Attempt.course_id.is_(None) if course_id is None else Attempt.course_id == course_id


def _open_attempt(
    session: Session, user_id: int, set_id: int, course_id: int | None = None
) -> Attempt | None:
    return (
        session.execute(
            select(Attempt)
            .where(
                Attempt.user_id == user_id,
                Attempt.set_id == set_id,
                _in_course(course_id),
                Attempt.submitted_at.is_(None),
            )
            .order_by(Attempt.id.desc())
            .limit(1)
        )
        .scalars()
        .first()
    )


def _attempt_count(
    session: Session, user_id: int, set_id: int, course_id: int | None = None
) -> int:
    return session.execute(
        select(func.count(Attempt.id)).where(
            Attempt.user_id == user_id, Attempt.set_id == set_id, _in_course(course_id)
        )
    ).scalar_one()


def start_page(
    session: Session, *, user: User, set_id: int, now: datetime, course_id: int | None = None
) -> StartPage:
    """What a student sees before starting: the options and their past attempts (in the
    course, with its options and dates, when ``course_id`` is given)."""
    question_set, course_set = _takeable_set(session, user, set_id, course_id)
    open_attempt = _open_attempt(session, user.id, set_id, course_id)
    if open_attempt is not None and _expired(open_attempt, now):
        _submit_expired(session, user, open_attempt.id, now)
        open_attempt = None
    attempts = session.execute(
        select(Attempt)
        .where(Attempt.user_id == user.id, Attempt.set_id == set_id, _in_course(course_id))
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    ).scalars()
    summaries = tuple(_summary(a, question_set.name) for a in attempts)
    options = quiz_options(question_set, course_set)
    allowed = options.attempts_allowed
    course_name = None
    if course_set is not None:
        course_name = session.execute(
            select(Course.name).where(Course.id == course_set.course_id)
        ).scalar_one()
    return StartPage(
        set_id=question_set.id,
        name=question_set.name,
        description=question_set.description,
        options=options,
        attempts=summaries,
        open_attempt_id=open_attempt.id if open_attempt else None,
        attempts_left=None if allowed is None else max(0, allowed - len(summaries)),
        course_id=course_id,
        course_name=course_name,
        opens_at=course_set.opens_at if course_set else None,
        closes_at=course_set.closes_at if course_set else None,
        grading_method=course_set.grading_method if course_set else None,
        availability=availability(course_set, now),
    )


def _draw(question_set: QuestionSet, rng: random.Random, shuffle: bool) -> list[Question]:
    rows = [
        q for q in question_set.questions if _in_categories(q.category, question_set.categories)
    ]
    answerable = [q for q in rows if _answerable_type(q.type)]
    if not answerable:
        raise ValidationFailed("This set has no questions to answer yet.", code="empty_set")
    count = question_set.question_count
    partial = count is not None and 0 < count < len(answerable)
    if shuffle:
        chosen = rng.sample(answerable, count) if partial else list(answerable)
        rng.shuffle(chosen)
        return chosen
    if partial:
        return sorted(rng.sample(answerable, count), key=lambda q: q.position)
    return rows  # everything in the set's order, descriptions in place


def _snapshot(model: BankQuestion, shuffle: bool, rng: random.Random) -> dict[str, Any]:
    return model.shuffled(rng, shuffle_answers=shuffle).to_dict()


def start_attempt(
    session: Session,
    *,
    user: User,
    set_id: int,
    now: datetime,
    rng: random.Random,
    course_id: int | None = None,
) -> StartResult:
    """Start an attempt, or resume the one in progress (same questions, same position).

    Refuses beyond ``attempts_allowed`` (403), and in a course before the set opens or once
    it has closed (403).  The draw and every shuffle use ``rng``.
    """
    question_set, course_set = _takeable_set(session, user, set_id, course_id)
    _lock_user(session, user)
    current = _open_attempt(session, user.id, set_id, course_id)
    if current is not None:
        if not _expired(current, now):
            session.commit()  # releases the lock
            resumed, _ = _owned_attempt(session, user, current.id, lock=False)
            return StartResult(_view(resumed, question_set.name, now), resumed=True)
        expired, _ = _owned_attempt(session, user, current.id, lock=True)
        _finalize(session, user, expired, now)
    options = quiz_options(question_set, course_set)
    status = availability(course_set, now)
    if status != "open" and course_set is not None:
        session.commit()  # keeps an expired attempt's submission
        when = course_set.opens_at if status == "not_open" else course_set.closes_at
        raise Forbidden(
            f"This quiz opens on {when:%d %b %Y, %H:%M} UTC."
            if status == "not_open"
            else f"This quiz closed on {when:%d %b %Y, %H:%M} UTC.",
            code=status,
        )
    allowed = options.attempts_allowed
    if allowed is not None and _attempt_count(session, user.id, set_id, course_id) >= allowed:
        session.commit()  # keeps an expired attempt's submission
        times = "once" if allowed == 1 else f"{allowed} times"
        raise Forbidden(
            f"You have used all your attempts: this quiz can be taken {times}.",
            code="no_attempts_left",
        )
    rows = _draw(question_set, rng, options.shuffle_questions)
    models = [row.to_model() for row in rows]
    card_keys = {row.card_key or row.key for row in rows}
    cards = dict(
        session.execute(
            select(Card.key, Card.id).where(
                Card.set_id == question_set.id, Card.key.in_(card_keys), Card.active.is_(True)
            )
        ).all()
    )
    limit = options.time_limit_seconds
    deadline = now + timedelta(seconds=limit) if limit else None
    if course_set is not None and course_set.closes_at is not None:
        deadline = min(deadline or course_set.closes_at, course_set.closes_at)
    attempt = Attempt(
        user_id=user.id,
        set_id=question_set.id,
        course_id=course_id,
        started_at=now,
        deadline=deadline,
        feedback_mode=options.feedback_mode,
        current_position=0,
        score=None,
        max_score=float(sum(1 for m in models if m.answerable and m.gradable)),
        version=1,
    )
    for position, (row, model) in enumerate(zip(rows, models, strict=True)):
        attempt.questions.append(
            AttemptQuestion(
                position=position,
                question_key=row.key,
                card_id=cards.get(row.card_key or row.key),
                category=row.category,
                data=_snapshot(model, options.shuffle_choices, rng),
            )
        )
    session.add(attempt)
    session.commit()
    return StartResult(_view(attempt, question_set.name, now), resumed=False)


def get_attempt(session: Session, *, user: User, attempt_id: int, now: datetime) -> AttemptView:
    """The attempt as its owner sees it; an expired attempt is submitted on the way."""
    attempt, set_name = _owned_attempt(session, user, attempt_id, lock=False)
    auto = False
    if not attempt.is_submitted and _expired(attempt, now):
        attempt, set_name, auto = _submit_expired(session, user, attempt_id, now)
    return _view(
        attempt, set_name, now, auto_submitted=auto, review=_review_options(session, attempt)
    )


def question_page(
    session: Session, *, user: User, attempt_id: int, position: int, now: datetime
) -> QuestionPage:
    """The question at 0-based ``position`` and the list of all the attempt's questions, as
    ``get_attempt`` shows them (an expired attempt is submitted on the way), reading the
    snapshot of that one question only.  ``QuestionPage.question`` raises ``NotFound`` when
    the attempt has no question there."""
    attempt, set_name, total, row = _attempt_and_question(
        session, user, attempt_id, position=position
    )
    auto = False
    if not attempt.is_submitted and _expired(attempt, now):
        _, _, auto = _submit_expired(session, user, attempt_id, now)
        attempt, set_name, total, row = _attempt_and_question(
            session, user, attempt_id, position=position
        )
    review = _review_options(session, attempt)
    hide_responses = attempt.is_submitted and not review.show_response
    return QuestionPage(
        **_head(attempt, set_name, now, auto_submitted=auto, review=review),
        questions=_question_list(session, attempt, total, hide_responses=hide_responses),
        position=position,
        shown=None if row is None else _question_view(attempt, row, row.to_model(), review),
    )


def save_answer(
    session: Session,
    *,
    user: User,
    attempt_id: int,
    response: Any,
    now: datetime,
    question_key: str | None = None,
    position: int | None = None,
    move_to: int | None = None,
) -> SaveResult:
    """Save the answer to one question (by key or, without one, by 0-based position), and
    optionally move.

    Idempotent: the same answer again changes nothing (and writes nothing); ``KEEP`` leaves
    it as it is.  ``move_to`` (0-based) records where the student went next, so a resume
    lands there; out of range, it is ignored.

    Reads first, without a lock, then claims the attempt (``_claim``) to write.  When
    another request changed the attempt in between, it reads again under the lock: the
    second try cannot lose the claim.
    """
    question = {"question_key": question_key, "position": position, "move_to": move_to}
    try:
        saved = _save(session, user, attempt_id, response, now, lock=False, **question)
        if saved is None:
            session.rollback()
            saved = _save(session, user, attempt_id, response, now, lock=True, **question)
        if saved is None:
            raise RuntimeError(f"attempt {attempt_id} changed while it was locked")
    except ServiceError:
        session.rollback()  # nothing half-written; releases the lock
        raise
    return saved


def _save(
    session: Session,
    user: User,
    attempt_id: int,
    response: Any,
    now: datetime,
    *,
    lock: bool,
    question_key: str | None,
    position: int | None,
    move_to: int | None,
) -> SaveResult | None:
    """One try of ``save_answer``: None when the claim was lost (nothing was written)."""
    if lock:
        _lock_attempt(session, attempt_id)
    attempt, set_name, total, row = _attempt_and_question(
        session, user, attempt_id, question_key=question_key, position=position
    )
    if attempt.is_submitted:
        raise ValidationFailed(
            "This attempt was submitted: its answers can no longer change.",
            code="attempt_submitted",
        )
    if _expired(attempt, now):
        _submit_expired(session, user, attempt_id, now)
        raise TimeUp(
            "Time is up: answers after the deadline are not accepted. Your attempt was "
            "submitted with the answers saved before it."
        )
    if row is None:
        named = repr(question_key) if question_key is not None else str((position or 0) + 1)
        raise ValidationFailed(
            f"There is no question {named} in this attempt.", code="question_not_in_attempt"
        )
    model = row.to_model()
    value = row.response if response is KEEP else _parse(model, response)
    answer = value != row.response
    if answer and _is_locked(attempt, row):
        raise ValidationFailed(
            "This answer was already checked: it cannot change now.", code="answer_locked"
        )
    move = move_to is not None and 0 <= move_to < total and move_to != attempt.current_position
    changed = answer or move
    if changed:
        if not _claim(session, attempt, move_to=move_to if move else None):
            return None
        if answer:
            row.response = value
            row.answered_at = now if value is not None else None
            row.score = None
            row.feedback = None
            if attempt.feedback_mode == IMMEDIATE and value is not None:
                _grade(session, user, row, now, model)
    # Built before the commit, which would expire what it reads.  Never submitted here.
    saved = SaveResult(
        attempt=AttemptHead(**_head(attempt, set_name, now)),
        question=_question_view(attempt, row, model, ALL_SHOWN),
        changed=changed,
        total=total,
    )
    if changed:
        session.commit()
    else:
        session.rollback()  # nothing was written; releases the lock if it was taken
    return saved


def submit_attempt(session: Session, *, user: User, attempt_id: int, now: datetime) -> AttemptView:
    """Grade and close the attempt.  Submitting again returns the same result, logs nothing."""
    attempt, set_name = _owned_attempt(session, user, attempt_id, lock=True)
    submitted = _finalize(session, user, attempt, now)
    # Built before the commit, which would expire every question it reads.
    view = _view(attempt, set_name, now, review=_review_options(session, attempt))
    if submitted:
        session.commit()
    else:
        session.rollback()
    return view


def history(session: Session, *, user: User) -> History:
    """Every attempt of ``user`` (newest first) and the share right per category."""
    rows = session.execute(
        select(Attempt, QuestionSet.name)
        .join(QuestionSet, QuestionSet.id == Attempt.set_id)
        .where(Attempt.user_id == user.id)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    ).all()
    attempts = tuple(_summary(attempt, name) for attempt, name in rows)
    stats = session.execute(
        select(
            AttemptQuestion.category,
            func.count(AttemptQuestion.id),
            func.coalesce(func.sum(AttemptQuestion.score), 0.0),
        )
        .join(Attempt, Attempt.id == AttemptQuestion.attempt_id)
        .where(
            Attempt.user_id == user.id,
            Attempt.submitted_at.is_not(None),
            AttemptQuestion.score.is_not(None),
        )
        .group_by(AttemptQuestion.category)
    ).all()
    order = {name: index for index, name in enumerate(CATEGORIES)}
    categories = sorted(
        (
            CategoryStat(category or "other", int(count), float(points))
            for category, count, points in stats
        ),
        key=lambda c: (order.get(c.category, len(order)), c.category),
    )
    return History(attempts=attempts, categories=tuple(categories))
