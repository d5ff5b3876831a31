"""Who may study which cards: public sets, one's own, and the sets of one's courses.

An unknown set, or one the learner may not study, is "not found" (404), so ids do not
leak; a card named in a review that is unknown or not the learner's is a 400
``unknown_card``, and a card retired from its set a 400 ``card_retired``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.orm import Session

from quizapp.models import Card, CardState, Course, CourseMember, CourseSet, QuestionSet, User
from quizapp.models.question_set import PUBLIC
from quizapp.services.errors import NotFound, ValidationFailed
from quizapp.services.ids import is_id
from quizapp.services.reviews.queue_queries import rows


class SetAccess(Protocol):
    """What deciding access needs of a set: a QuestionSet, or a row with these columns."""

    id: int
    visibility: str
    owner_id: int | None
    deleted_at: datetime | None


def can_study(session: Session, user: User, question_set: SetAccess) -> bool:
    """Public sets, the user's own, and the sets of the courses they belong to or teach."""
    if question_set.deleted_at is not None:
        return False
    if question_set.visibility == PUBLIC or question_set.owner_id == user.id:
        return True
    member = session.execute(
        select(CourseSet.id)
        .join(Course, Course.id == CourseSet.course_id)
        .outerjoin(
            CourseMember,
            and_(CourseMember.course_id == Course.id, CourseMember.user_id == user.id),
        )
        .where(
            CourseSet.set_id == question_set.id,
            or_(Course.owner_id == user.id, CourseMember.id.is_not(None)),
        )
        .limit(1)
    ).first()
    return member is not None


_SET_ACCESS = select(
    QuestionSet.id, QuestionSet.visibility, QuestionSet.owner_id, QuestionSet.deleted_at
).where(QuestionSet.id == bindparam("set_id"))

#: A card and ``:user_id``'s state of it (None: no row), by ``:card_id``.
CARD_AND_STATE = (
    select(Card, CardState)
    .outerjoin(
        CardState,
        and_(CardState.card_id == Card.id, CardState.user_id == bindparam("user_id")),
    )
    .where(Card.id == bindparam("card_id"))
)


def check_studyable(session: Session, user: User, set_id: int) -> None:
    """``studyable_set`` without loading the set: its access columns only."""
    access = rows(session, _SET_ACCESS, {"set_id": set_id}).one_or_none()
    if access is None or not can_study(session, user, access):
        raise NotFound("There is no such set.")


def studyable_set(session: Session, user: User, set_id: int) -> QuestionSet:
    question_set = session.get(QuestionSet, set_id)
    if question_set is None or not can_study(session, user, question_set):
        raise NotFound("There is no such set.")
    return question_set


def check_card(session: Session, user: User, question_set: SetAccess | None, active: bool) -> None:
    """A 400 unless the card exists (``question_set`` is its set's), this user may study it
    and it is still in its set."""
    if question_set is None or not can_study(session, user, question_set):
        raise ValidationFailed("There is no such card.", code="unknown_card")
    if not active:
        raise ValidationFailed("This card is no longer in its set.", code="card_retired")


def card_for(session: Session, user: User, card_id: Any) -> Card:
    """The card, if this user may study it; else a 400 that says the card is unknown."""
    card = session.get(Card, card_id) if is_id(card_id) else None
    check_card(session, user, card.question_set if card else None, bool(card and card.active))
    assert card is not None
    return card


_STATE_OF = select(CardState).where(
    CardState.user_id == bindparam("user_id"), CardState.card_id == bindparam("card_id")
)


def state_of(session: Session, user: User, card_id: int) -> CardState | None:
    """The user's state of the card; None when they have no row for it."""
    return session.execute(_STATE_OF, {"user_id": user.id, "card_id": card_id}).scalar_one_or_none()
