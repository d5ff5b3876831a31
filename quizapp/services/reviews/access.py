"""Who may study which cards: public sets, one's own, and the sets of one's courses.

An unknown set, or one the learner may not study, is "not found" (404), so ids do not
leak; a card named in a review that is unknown or not the learner's is a 400
``unknown_card``, and a card retired from its set a 400 ``card_retired``.

**A course decides when its answers can be seen.**  Flashcards show every answer, so the
cards of a set a student reaches only through courses follow each course's choice
(``CourseSet.flashcards_open``, on by default) and its review options: they are closed while
the quiz is open (no close date, or before it) and its review hides the right answers
(``flashcards_open_now``).  Closed in every course that has the set: no card of it is shown
or reviewed (403 ``flashcards_closed`` for the set and its cards), and the queue of all sets
leaves it out (``closed_sets``).  Public sets, one's own and the sets of a course one
teaches are always open.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from types import SimpleNamespace
from typing import Any, Protocol

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.orm import Session

from quizapp.models import Card, CardState, Course, CourseMember, CourseSet, QuestionSet, User
from quizapp.models.question_set import PUBLIC
from quizapp.services.errors import Forbidden, NotFound, ValidationFailed
from quizapp.services.ids import is_id
from quizapp.services.reviews.queue_queries import MEMBER_COURSE_SETS, rows

#: ``study_access``: what the learner may do with a set's flashcards.
OPEN, CLOSED, NO_ACCESS = "open", "closed", "no_access"
CLOSED_MESSAGE = (
    "Your instructor keeps the flashcards of this set closed while its quiz is open, as they "
    "show the answers."
)


def flashcards_open_now(
    *, flashcards_open: bool, show_answer: bool, closes_at: datetime | None, now: datetime
) -> bool:
    """Are a course set's flashcards open to its students now?  Pure.  Not when the
    instructor closed them; not while the quiz is open (no close date, or before it) and its
    review hides the right answers."""
    if not flashcards_open:
        return False
    return show_answer or (closes_at is not None and closes_at <= now)


class SetAccess(Protocol):
    """What deciding access needs of a set: a QuestionSet, or a row with these columns."""

    id: int
    visibility: str
    owner_id: int | None
    deleted_at: datetime | None


def study_access(session: Session, user: User, question_set: SetAccess, *, now: datetime) -> str:
    """``OPEN`` for public sets, the user's own, the sets of the courses they teach, and the
    sets of the courses they belong to whose flashcards are open now (in one of them at
    least); ``CLOSED`` when they belong to courses with the set but none has them open;
    ``NO_ACCESS`` otherwise."""
    if question_set.deleted_at is not None:
        return NO_ACCESS
    if question_set.visibility == PUBLIC or question_set.owner_id == user.id:
        return OPEN
    found = session.execute(
        select(
            Course.owner_id,
            CourseSet.flashcards_open,
            CourseSet.review_show_answer,
            CourseSet.closes_at,
        )
        .join(Course, Course.id == CourseSet.course_id)
        .outerjoin(
            CourseMember,
            and_(CourseMember.course_id == Course.id, CourseMember.user_id == user.id),
        )
        .where(
            CourseSet.set_id == question_set.id,
            or_(Course.owner_id == user.id, CourseMember.id.is_not(None)),
        )
    ).all()
    if not found:
        return NO_ACCESS
    for owner_id, flashcards_open, show_answer, closes_at in found:
        if owner_id == user.id or flashcards_open_now(
            flashcards_open=flashcards_open, show_answer=show_answer, closes_at=closes_at, now=now
        ):
            return OPEN
    return CLOSED


def can_study(session: Session, user: User, question_set: SetAccess, *, now: datetime) -> bool:
    """May the user see this set's flashcards now (``study_access`` is ``OPEN``)?"""
    return study_access(session, user, question_set, now=now) == OPEN


_TAUGHT = (
    select(CourseSet.set_id)
    .join(Course, Course.id == CourseSet.course_id)
    .where(Course.owner_id == bindparam("user_id"))
)
_CLOSABLE = MEMBER_COURSE_SETS.where(CourseSet.set_id.not_in(_TAUGHT))


def closed_sets(session: Session, user_id: int, *, now: datetime) -> set[int]:
    """The sets the user reaches only through courses that keep their flashcards closed now
    (see the module's docstring): what the queue of all sets leaves out.  One query on the
    user's memberships: nothing for a user in no course."""
    found = rows(session, _CLOSABLE, {"user_id": user_id}).all()
    return _closed(found, now)


def _closed(found: Iterable[Any], now: datetime) -> set[int]:
    closed: set[int] = set()
    opened: set[int] = set()
    for set_id, flashcards_open, show_answer, closes_at in found:
        is_open = flashcards_open_now(
            flashcards_open=flashcards_open, show_answer=show_answer, closes_at=closes_at, now=now
        )
        (opened if is_open else closed).add(set_id)
    return closed - opened


def _access_of(session: Session, user: User, question_set: SetAccess | None, now: datetime) -> str:
    if question_set is None:
        return NO_ACCESS
    return study_access(session, user, question_set, now=now)


def _refuse_set(access: str) -> None:
    if access == CLOSED:
        raise Forbidden(CLOSED_MESSAGE, code="flashcards_closed")
    if access != OPEN:
        raise NotFound("There is no such set.")


_SET_ACCESS = select(
    QuestionSet.id, QuestionSet.visibility, QuestionSet.owner_id, QuestionSet.deleted_at
).where(QuestionSet.id == bindparam("set_id"))

#: A card and ``:user_id``'s state of it (None: no row), by ``:card_id``.
_STATE_PREFIX = "state_"
#: A user's card state as plain columns, each named ``state_<column>`` (``plain_state``).
STATE_COLUMNS = tuple(column.label(_STATE_PREFIX + column.name) for column in CardState.__table__.c)


def plain_state(values: Mapping[str, Any]) -> Any:
    """The state of a row read with ``STATE_COLUMNS`` (None: no state, the card is new) as
    a read-only object with ``CardState``'s attribute names.  The review paths read states
    this way: an ORM entity costs a good part of a short request to build, and they write
    with UPDATE statements of their own."""
    if values[_STATE_PREFIX + "id"] is None:
        return None
    return SimpleNamespace(
        **{column.name: values[_STATE_PREFIX + column.name] for column in CardState.__table__.c}
    )


#: A card and the user's state of it as plain columns (``card_and_state``).
_CARD_AND_STATE = (
    select(*Card.__table__.c, *STATE_COLUMNS)
    .outerjoin(
        CardState,
        and_(CardState.card_id == Card.id, CardState.user_id == bindparam("user_id")),
    )
    .where(Card.id == bindparam("card_id"))
)


def card_and_state(session: Session, user_id: int, card_id: int) -> tuple[Any, Any]:
    """The card shown and the user's state of it (None: never studied), read-only objects
    with the models' attribute names (``plain_state``)."""
    values = rows(session, _CARD_AND_STATE, {"card_id": card_id, "user_id": user_id}).one()
    mapping = values._mapping
    card = SimpleNamespace(**{column.name: mapping[column.name] for column in Card.__table__.c})
    return card, plain_state(mapping)


def check_studyable(session: Session, user: User, set_id: int, *, now: datetime) -> None:
    """``studyable_set`` without loading the set: its access columns only."""
    access = rows(session, _SET_ACCESS, {"set_id": set_id}).one_or_none()
    _refuse_set(NO_ACCESS if access is None else study_access(session, user, access, now=now))


def studyable_set(session: Session, user: User, set_id: int, *, now: datetime) -> QuestionSet:
    """The set, if the user may study its flashcards now: 404 when they may not see it, 403
    ``flashcards_closed`` when its courses keep them closed."""
    question_set = session.get(QuestionSet, set_id)
    access = (
        NO_ACCESS if question_set is None else study_access(session, user, question_set, now=now)
    )
    _refuse_set(access)
    assert question_set is not None
    return question_set


def check_card(
    session: Session,
    user: User,
    question_set: SetAccess | None,
    active: bool,
    *,
    now: datetime,
) -> None:
    """A 400 unless the card exists (``question_set`` is its set's), this user may study it
    now and it is still in its set."""
    access = (
        NO_ACCESS if question_set is None else study_access(session, user, question_set, now=now)
    )
    if access == CLOSED:
        raise ValidationFailed(CLOSED_MESSAGE, code="flashcards_closed")
    if access != OPEN:
        raise ValidationFailed("There is no such card.", code="unknown_card")
    if not active:
        raise ValidationFailed("This card is no longer in its set.", code="card_retired")


def card_for(session: Session, user: User, card_id: Any, *, now: datetime) -> Card:
    """The card, if this user may study it now; else a 400 that says why not."""
    card = session.get(Card, card_id) if is_id(card_id) else None
    check_card(
        session, user, card.question_set if card else None, bool(card and card.active), now=now
    )
    assert card is not None
    return card


_STATE_OF = select(CardState).where(
    CardState.user_id == bindparam("user_id"), CardState.card_id == bindparam("card_id")
)


def state_of(session: Session, user: User, card_id: int) -> CardState | None:
    """The user's state of the card; None when they have no row for it."""
    return session.execute(_STATE_OF, {"user_id": user.id, "card_id": card_id}).scalar_one_or_none()
