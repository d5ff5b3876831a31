"""Starting (or resuming) an attempt, and reading it back.

Starting takes the user's lock (two tabs cannot open two attempts at once), submits an
expired attempt in progress, refuses outside the course's window or beyond the attempts
allowed, draws the questions (``drawing``, with the ``rng`` passed in) and commits once.
Every read of an expired attempt submits it first (``submission.submit_expired``).
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.models import (
    Card,
    Course,
    CourseSet,
    QuestionSet,
    User,
)
from quizapp.services import media, question_sets
from quizapp.services.errors import Forbidden, NotFound, ServiceError, ValidationFailed
from quizapp.services.quizzes import availability, drawing, rows
from quizapp.services.quizzes.access import takeable_set
from quizapp.services.quizzes.loading import (
    attempt_and_question,
    attempt_count,
    attempts_at,
    open_attempt,
    owned_attempt,
    question_list,
)
from quizapp.services.quizzes.locking import lock_user
from quizapp.services.quizzes.options import (
    LearnerChoice,
    QuizOptions,
    categories_of,
    choice_problems,
    effective_options,
    learner_chooses,
    normalised,
)
from quizapp.services.quizzes.results import head, question_view, review_options, summary, view
from quizapp.services.quizzes.rows import AttemptRow, QuestionRow, SetQuestion
from quizapp.services.quizzes.submission import finalize, submit_expired
from quizapp.services.quizzes.views import (
    ALL_SHOWN,
    AttemptView,
    QuestionPage,
    StartOutcome,
    StartPage,
    StartResult,
)
from quizapp.services.reviews import zone_of


def _window(course_set: CourseSet | None, now: datetime) -> str:
    if course_set is None:
        return availability.OPEN  # outside a course a set is always open
    return availability.window(course_set.opens_at, course_set.closes_at, now)


def start_page(
    session: Session,
    *,
    user: User,
    set_id: int,
    now: datetime,
    course_id: int | None = None,
    choice: LearnerChoice | None = None,
) -> StartPage:
    """What a student sees before starting: the options and their past attempts (in the
    course, with its options and dates, when ``course_id`` is given).  On a built-in bank
    the learner chooses the draw: ``choice`` is shown chosen (categories it does not know
    are left out)."""
    question_set, course_set = takeable_set(session, user, set_id, course_id)
    current = open_attempt(session, user.id, set_id, course_id)
    if current is not None and availability.expired(current.deadline, now):
        submit_expired(session, user, current.id, now)
        current = None
    marks_shown = course_set is None or course_set.review_show_correctness
    summaries = tuple(
        summary(a, question_set.name, marks_shown=marks_shown)
        for a in attempts_at(session, user.id, set_id, course_id)
    )
    kinds = question_sets.set_counts(session, [question_set.id])[question_set.id].kinds
    chooses = learner_chooses(question_set, course_set)
    categories = categories_of(kinds)
    if choice is not None:
        known = tuple(c for c in choice.categories if c in categories)
        choice = normalised(LearnerChoice(choice.size, known), kinds)
    options = effective_options(question_set, kinds, course_set, choice)
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
        open_attempt_id=current.id if current else None,
        attempts_left=availability.attempts_left(options.attempts_allowed, len(summaries)),
        course_id=course_id,
        course_name=course_name,
        opens_at=course_set.opens_at if course_set else None,
        closes_at=course_set.closes_at if course_set else None,
        grading_method=course_set.grading_method if course_set else None,
        availability=_window(course_set, now),
        learner_chooses=chooses,
        category_counts=tuple(categories.items()) if chooses else (),
        choice=(choice or LearnerChoice()) if chooses else None,
    )


def _refusal(
    session: Session,
    user: User,
    question_set: QuestionSet,
    course_set: CourseSet | None,
    options: QuizOptions,
    now: datetime,
) -> ServiceError | None:
    """Why no new attempt may start now (None: it may)."""
    status = _window(course_set, now)
    if course_set is not None and status != availability.OPEN:
        message = availability.window_refusal(
            status, course_set.opens_at, course_set.closes_at, zone_of(user)
        )
        return Forbidden(message, code=status)
    allowed = options.attempts_allowed
    if allowed is None:
        return None
    course_id = course_set.course_id if course_set is not None else None
    if attempt_count(session, user.id, question_set.id, course_id) >= allowed:
        return Forbidden(availability.attempts_refusal(allowed), code="no_attempts_left")
    return None


def _choice_refusal(
    question_set: QuestionSet,
    course_set: CourseSet | None,
    choice: LearnerChoice | None,
    kinds: Counter[tuple[str, str | None]],
) -> ServiceError | None:
    """Why the learner's choice cannot be taken: an instructor chose this quiz, or it does
    not fit the set (None: it can, or there is none)."""
    if choice is None:
        return None
    if not learner_chooses(question_set, course_set):
        return ValidationFailed(
            "The instructor chose this quiz's questions: it cannot be resized or filtered.",
            code="options_fixed",
        )
    problems = choice_problems(choice, kinds)
    return ValidationFailed(" ".join(problems), code="invalid_choice") if problems else None


def _new_attempt(
    session: Session,
    user: User,
    question_set: QuestionSet,
    course_set: CourseSet | None,
    options: QuizOptions,
    drawn: list[drawing.Drawn[SetQuestion]],
    now: datetime,
) -> tuple[AttemptRow, list[QuestionRow]]:
    """Insert the attempt of the questions drawn, each linked to its card, as rows (one
    INSERT for the attempt, one executemany for its questions: ``rows.insert_attempt``),
    and return them as the view reads them."""
    card_keys = {d.source.card_key or d.source.key for d in drawn}
    cards = dict(
        session.execute(
            select(Card.key, Card.id).where(
                Card.set_id == question_set.id, Card.key.in_(card_keys), Card.active.is_(True)
            )
        ).all()
    )
    closes_at = course_set.closes_at if course_set is not None else None
    attempt = {
        "user_id": user.id,
        "set_id": question_set.id,
        "course_id": course_set.course_id if course_set is not None else None,
        "started_at": now,
        "deadline": availability.deadline(now, options.time_limit_seconds, closes_at),
        "submitted_at": None,
        "feedback_mode": options.feedback_mode,
        "current_position": 0,
        "score": None,
        "max_score": drawing.max_score(drawn),
        "version": 1,
        "ids_key": secrets.token_hex(32),
    }
    questions = [
        {
            "position": position,
            "question_key": d.source.key,
            "card_id": cards.get(d.source.card_key or d.source.key),
            "category": d.source.category,
            "points": d.model.points,
            "data": d.data,
            "media": d.source.media,
        }
        for position, d in enumerate(drawn)
    ]
    attempt_id = rows.insert_attempt(session, attempt, questions)
    empty = {"response": None, "answered_at": None, "score": None, "feedback": None}
    return AttemptRow(id=attempt_id, **attempt), [
        QuestionRow(id=None, **row, **empty, flagged=False) for row in questions
    ]


def _new_view(
    attempt: AttemptRow,
    questions: list[QuestionRow],
    drawn: list[drawing.Drawn[SetQuestion]],
    name: str,
    now: datetime,
) -> Callable[[], AttemptView]:
    """The view of a new attempt, from what was inserted: the models are the ones drawn
    (the snapshot reads back as the same model), so nothing is read or parsed again."""

    def build() -> AttemptView:
        return AttemptView(
            **head(attempt, name, now),  # type: ignore[arg-type]
            questions=tuple(
                question_view(attempt, row, d.shuffled, ALL_SHOWN)  # type: ignore[arg-type]
                for row, d in zip(questions, drawn, strict=True)
            ),
        )

    return build


def _resumed_view(
    session: Session, user: User, attempt_id: int, now: datetime
) -> Callable[[], AttemptView]:
    """The view of the attempt in progress (``results.view``: a course's review options
    apply only once submitted), read as plain rows when it is asked for."""

    def build() -> AttemptView:
        found = rows.attempt_with_questions(session, user.id, attempt_id)
        if found is None:
            raise NotFound("There is no such attempt.")
        attempt, name, questions = found
        return AttemptView(
            **head(attempt, name, now),  # type: ignore[arg-type]
            questions=tuple(
                question_view(attempt, row, row.to_model(), ALL_SHOWN)  # type: ignore[arg-type]
                for row in questions
            ),
        )

    return build


def _open_or_new(
    session: Session,
    user: User,
    question_set: QuestionSet,
    course_set: CourseSet | None,
    now: datetime,
    rng: random.Random,
    choice: LearnerChoice | None = None,
) -> StartResult | ServiceError:
    """The attempt to show (resumed or new), or why none may start.  Writes (submits an
    expired attempt, inserts a new one) without committing."""
    course_id = course_set.course_id if course_set is not None else None
    current = open_attempt(session, user.id, question_set.id, course_id)
    if current is not None:
        if not availability.expired(current.deadline, now):
            build = _resumed_view(session, user, current.id, now)
            return StartResult(current.id, current.current_position, True, build)
        expired, _ = owned_attempt(session, user, current.id, lock=True)
        finalize(session, user, expired, now)
    candidates = rows.set_questions(session, question_set.id)
    kinds = Counter((q.type, q.category) for q in candidates)
    choice = normalised(choice, kinds)
    refusal = _choice_refusal(question_set, course_set, choice, kinds)
    options = effective_options(question_set, kinds, course_set, choice)
    refusal = refusal or _refusal(session, user, question_set, course_set, options, now)
    if refusal is not None:
        return refusal
    drawn = drawing.draw_attempt(candidates, options, count=options.question_count, rng=rng)
    if not drawn:
        return ValidationFailed("This set has no questions to answer yet.", code="empty_set")
    attempt, questions = _new_attempt(session, user, question_set, course_set, options, drawn, now)
    hashes = {ref.sha256 for d in drawn for ref in media.stored_refs(d.source.media)}
    if hashes:  # the student may see the snapshot's images for as long as the attempt lasts
        media.link_attempt(session, attempt.id, hashes)
    build = _new_view(attempt, questions, drawn, question_set.name, now)
    return StartResult(attempt.id, 0, False, build)


def start_attempt(
    session: Session,
    *,
    user: User,
    set_id: int,
    now: datetime,
    rng: random.Random,
    course_id: int | None = None,
    choice: LearnerChoice | None = None,
) -> StartResult:
    """Start an attempt, or resume the one in progress (same questions, same position).

    Refuses beyond ``attempts_allowed`` (403), in a course before the set opens or once it
    has closed (403), and a set with nothing to answer (400).  ``choice``: the learner's
    draw on a built-in bank (how many questions, which categories; refused, 400, on a set
    whose instructor chose); an attempt in progress is resumed as it was drawn.  The draw
    and every shuffle use ``rng``.  Commits once, refused or not: an expired attempt's
    submission is kept.  The whole view (``StartResult.attempt``) is built when read.
    """
    question_set, course_set = takeable_set(session, user, set_id, course_id)
    lock_user(session, user)
    started = _open_or_new(session, user, question_set, course_set, now, rng, choice)
    session.commit()  # also releases the lock
    if isinstance(started, ServiceError):
        raise started
    return started


def start_or_page(
    session: Session,
    *,
    user: User,
    set_id: int,
    now: datetime,
    rng: random.Random,
    course_id: int | None = None,
    choice: LearnerChoice | None = None,
) -> StartOutcome:
    """The start button: the attempt started (or resumed), or, refused, the start page
    again with the reason and its status."""
    try:
        started = start_attempt(
            session, user=user, set_id=set_id, now=now, rng=rng, course_id=course_id, choice=choice
        )
    except (Forbidden, ValidationFailed) as refused:
        page = start_page(
            session, user=user, set_id=set_id, now=now, course_id=course_id, choice=choice
        )
        return StartOutcome(page=page, error=refused.message, status=refused.status)
    return StartOutcome(started=started)


def get_attempt(session: Session, *, user: User, attempt_id: int, now: datetime) -> AttemptView:
    """The attempt as its owner sees it; an expired attempt is submitted on the way."""
    attempt, set_name = owned_attempt(session, user, attempt_id, lock=False)
    auto = False
    if not attempt.is_submitted and availability.expired(attempt.deadline, now):
        attempt, set_name, auto = submit_expired(session, user, attempt_id, now)
    return view(
        attempt, set_name, now, auto_submitted=auto, review=review_options(session, attempt)
    )


def question_page(
    session: Session, *, user: User, attempt_id: int, position: int, now: datetime
) -> QuestionPage:
    """The question at 0-based ``position`` and the list of all the attempt's questions, as
    ``get_attempt`` shows them (an expired attempt is submitted on the way), reading the
    snapshot of that one question only.  ``QuestionPage.question`` raises ``NotFound`` when
    the attempt has no question there."""
    attempt, set_name, total, row = attempt_and_question(
        session, user, attempt_id, position=position
    )
    auto = False
    if not attempt.is_submitted and availability.expired(attempt.deadline, now):
        _, _, auto = submit_expired(session, user, attempt_id, now)
        attempt, set_name, total, row = attempt_and_question(
            session, user, attempt_id, position=position
        )
    review = review_options(session, attempt)
    hide_responses = attempt.is_submitted and not review.show_response
    return QuestionPage(
        **head(attempt, set_name, now, auto_submitted=auto, review=review),
        questions=question_list(session, attempt, total, hide_responses=hide_responses),
        position=position,
        shown=None if row is None else question_view(attempt, row, row.to_model(), review),
    )
