"""The queue's SQL: the due query, today's done counts, the new cards, today's counts.

Statements only (no session, no rules): ``queue`` runs them, ``queue_order`` and
``availability`` decide what the rows mean.

* **One indexed query** (``due_query``) gives every due state of the user: a range scan of
  ``ix_card_states_user_due`` on (user_id, due < the end of the study day); suspended,
  buried and never-reviewed rows are filtered out in the same WHERE.
* The statements of every request are built once, with bound parameters: building and
  hashing a statement costs more than running it (the queue's queries run in about a
  millisecond).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fsrs import State
from sqlalchemy import Select, bindparam, case, func, or_, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session, aliased

from quizapp.models import Card, CardState, CourseMember, CourseSet, QuestionSet, ReviewLog
from quizapp.models.question_set import PUBLIC


def due_query(user_id: Any, *, now: Any, cutoff: Any, set_id: Any = None) -> Select[Any]:
    """Every state of ``user_id`` due before ``cutoff`` that may be shown now, oldest due
    first: ONE query, a range scan of ``ix_card_states_user_due`` (and the card's primary
    key, to leave out retired cards).  Only the columns the queue needs."""
    query = (
        select(
            CardState.id.label("state_id"),
            CardState.card_id,
            CardState.set_id,
            CardState.state,
            CardState.due,
        )
        .join(Card, Card.id == CardState.card_id)
        .where(
            CardState.user_id == user_id,
            CardState.due < cutoff,
            CardState.suspended.is_(False),
            or_(CardState.buried_until.is_(None), CardState.buried_until <= now),
            CardState.reps > 0,
            Card.active.is_(True),
            CardState.set_id.not_in(
                select(QuestionSet.id).where(QuestionSet.deleted_at.is_not(None))
            ),
        )
        .order_by(CardState.due, CardState.id)
    )
    if set_id is not None:
        query = query.where(CardState.set_id == set_id)
    return query


def rows(session: Session, statement: Any, params: Mapping[str, Any]) -> CursorResult[Any]:
    """Run a statement of columns (no ORM entities) on the session's connection: plain rows,
    without the ORM's result processing (a good part of a short query's cost)."""
    return session.connection().execute(statement, params)


_BEFORE_STATE = ReviewLog.before_state
_DONE_NEW = func.coalesce(func.sum(case((_BEFORE_STATE.is_(None), 1), else_=0)), 0)
_DONE_REVIEWS = func.coalesce(func.sum(case((int(State.Review) == _BEFORE_STATE, 1), else_=0)), 0)
_TODAY = (
    ReviewLog.user_id == bindparam("user_id"),
    ReviewLog.reviewed_at >= bindparam("start"),
    ReviewLog.reviewed_at < bindparam("end"),
    ReviewLog.origin == "review",
)
#: (new cards started, reviews of cards in review) of ``:user_id`` between ``:start``
#: and ``:end``: what counts against today's limits.
TODAY_DONE = select(_DONE_NEW, _DONE_REVIEWS).where(*_TODAY)


def _with_today_done(query: Select[Any]) -> Select[Any]:
    """``query`` with today's done counts on every row: computed once (an uncorrelated
    subquery), they save the queue a round trip whenever anything is due."""
    return query.add_columns(
        select(_DONE_NEW).where(*_TODAY).scalar_subquery(),
        select(_DONE_REVIEWS).where(*_TODAY).scalar_subquery(),
    )


#: The due states of ``:user_id`` (in every set, or in ``:set_id``), each row with
#: today's done counts last.
DUE_ALL = _with_today_done(
    due_query(bindparam("user_id"), now=bindparam("now"), cutoff=bindparam("cutoff"))
)
DUE_IN_SET = _with_today_done(
    due_query(
        bindparam("user_id"),
        now=bindparam("now"),
        cutoff=bindparam("cutoff"),
        set_id=bindparam("set_id"),
    )
)

#: How many reviews ``:user_id`` has due in the set ``:set_id`` before ``:cutoff`` (the
#: end of the study day), counted up to ``:review_cap``: what they leave of the review limit.
REVIEWS_DUE_IN_SET = select(func.count()).select_from(
    due_query(
        bindparam("user_id"),
        now=bindparam("now"),
        cutoff=bindparam("cutoff"),
        set_id=bindparam("set_id"),
    )
    .where(CardState.state == int(State.Review))
    .order_by(None)
    .limit(bindparam("review_cap"))
    .subquery()
)

#: The sets ``:user_id`` has started (has a state in).
STARTED_SETS = select(CardState.set_id).where(CardState.user_id == bindparam("user_id")).distinct()


def started_sets(user_id: int) -> Select[Any]:
    return select(CardState.set_id).where(CardState.user_id == user_id).distinct()


def _still_new(card_id: Any = Card.id) -> Any:
    """The card ``card_id`` is new for ``:user_id``: no state of theirs holds more than a
    flag or a burial that is over.  NOT EXISTS, probing the unique (user, card) index once
    per card.  ``OFFSET 0`` keeps PostgreSQL from turning it into an anti-join, which it
    plans as a loop over all the user's states for every card when a LIMIT is above it."""
    own = aliased(CardState)
    studied = or_(own.reps > 0, own.suspended.is_(True), own.buried_until > bindparam("now"))
    return ~(
        select(own.id)
        .where(own.user_id == bindparam("user_id"), own.card_id == card_id, studied)
        .offset(0)
        .exists()
    )


def _in_scope(*, in_set: bool) -> list[Any]:
    """Active cards of live sets (the query joins QuestionSet): the set ``:set_id``, or the
    sets ``:set_ids`` (every set the user has started, read first: given a subquery instead,
    PostgreSQL guesses dozens of sets and scans every card)."""
    live = [Card.active.is_(True), QuestionSet.deleted_at.is_(None)]
    if in_set:
        return [*live, Card.set_id == bindparam("set_id")]
    return [*live, Card.set_id.in_(bindparam("set_ids", expanding=True))]


def _new_in_set_query() -> Select[Any]:
    """New cards of the set ``:set_id`` in the bank's order, interleaved across categories:
    the first card of each category, then the second of each...  That order is stored on
    the card (``Card.new_rank``, its place within its category), so the query walks
    ``ix_cards_set_new_rank`` and stops after ``:limit`` new cards."""
    return (
        select(Card.id, Card.set_id)
        .join(QuestionSet, QuestionSet.id == Card.set_id)
        .where(*_in_scope(in_set=True), _still_new())
        .order_by(Card.new_rank, Card.position)
        .limit(bindparam("limit"))
    )


def _new_across_sets_query() -> Select[Any]:
    """New cards of the started sets ``:set_ids``, in the same interleaved order; a card's
    ``rank`` is its place within its category among the cards of *all* those sets (sets by
    id, then position), so it depends on which sets the user started and is ranked here,
    with a window, rather than stored."""
    rank = (
        func.row_number()
        .over(partition_by=Card.category, order_by=(Card.set_id, Card.position))
        .label("rank")
    )
    ranked = (
        select(Card.id, Card.set_id, Card.position, rank)
        .join(QuestionSet, QuestionSet.id == Card.set_id)
        .where(*_in_scope(in_set=False))
        .subquery()
    )
    return (
        select(ranked.c.id, ranked.c.set_id)
        .where(_still_new(ranked.c.id))
        .order_by(ranked.c.rank, ranked.c.set_id, ranked.c.position)
        .limit(bindparam("limit"))
    )


#: Up to ``:limit`` new cards of ``:user_id`` as (card id, set id), in the queue's order:
#: of the set ``:set_id``, or of the started sets ``:set_ids``.
NEW_IN_SET = _new_in_set_query()
NEW_ALL = _new_across_sets_query()


def _new_count(*, in_set: bool) -> Any:
    """How many new cards there are, counted up to ``:new_cap`` in each set: the count
    walks the set's cards in order and stops there.  For every started set, set by set
    (a correlated count per set): one IN over all their cards is planned by PostgreSQL as
    a scan of every card."""
    if in_set:
        one_set = (
            select(Card.id)
            .join(QuestionSet, QuestionSet.id == Card.set_id)
            .where(*_in_scope(in_set=True), _still_new())
            .limit(bindparam("new_cap"))
            .subquery()
        )
        return select(func.count()).select_from(one_set).scalar_subquery()
    started = (
        select(CardState.set_id)
        .join(QuestionSet, QuestionSet.id == CardState.set_id)
        .where(CardState.user_id == bindparam("user_id"), QuestionSet.deleted_at.is_(None))
        .distinct()
        .subquery("started")
    )
    in_started_set = (
        select(Card.id)
        .where(Card.set_id == started.c.set_id, Card.active.is_(True), _still_new())
        .limit(bindparam("new_cap"))
        .correlate(started)
        .subquery("capped")
    )
    per_set = (
        select(select(func.count()).select_from(in_started_set).scalar_subquery().label("new"))
        .select_from(started)
        .subquery("per_set")
    )
    return select(func.coalesce(func.sum(per_set.c.new), 0)).scalar_subquery()


#: The course sets ``:user_id`` reaches as a member that are neither public nor theirs, with
#: what decides whether their flashcards are open (``access.closed_sets``): the only sets a
#: course may keep closed.  Most learners have none, which the counts of all sets tell.
MEMBER_COURSE_SETS = (
    select(
        CourseSet.set_id,
        CourseSet.flashcards_open,
        CourseSet.review_show_answer,
        CourseSet.closes_at,
    )
    .join(CourseMember, CourseMember.course_id == CourseSet.course_id)
    .join(QuestionSet, QuestionSet.id == CourseSet.set_id)
    .where(
        CourseMember.user_id == bindparam("user_id"),
        QuestionSet.visibility != PUBLIC,
        or_(QuestionSet.owner_id.is_(None), QuestionSet.owner_id != bindparam("user_id")),
    )
)


def _counts_query(*, in_set: bool) -> Select[Any]:
    """Today's counts in ONE statement: what was done today (for the limits), the reviews
    due (counted up to the daily limit), the learning cards, and the new cards (up to the
    daily limit: the count stops there instead of ranking every card)."""

    def count(query: Select[Any]) -> Any:
        return select(func.count()).select_from(query.order_by(None).subquery()).scalar_subquery()

    due = due_query(
        bindparam("user_id"),
        now=bindparam("now"),
        cutoff=bindparam("cutoff"),
        set_id=bindparam("set_id") if in_set else None,
    )
    reviews = due.where(
        CardState.state == int(State.Review), CardState.due < bindparam("day_end")
    ).limit(bindparam("review_cap"))
    learning = due.where(CardState.state != int(State.Review), CardState.due <= bindparam("ahead"))
    query = select(
        count(reviews).label("review"),
        count(learning).label("learning"),
        _new_count(in_set=in_set).label("new"),
        select(_DONE_REVIEWS).where(*_TODAY).scalar_subquery().label("done_reviews"),
        select(_DONE_NEW).where(*_TODAY).scalar_subquery().label("done_new"),
    )
    if in_set:
        return query
    # Whether a course might keep some of these sets closed: if not (most learners), the
    # counts stand and ``access.closed_sets`` need not be asked, a round trip saved.
    return query.add_columns(MEMBER_COURSE_SETS.exists().label("in_courses"))


#: Today's counts of ``:user_id`` (``Learner.counts`` gives the parameters).
COUNTS_IN_SET = _counts_query(in_set=True)
COUNTS_ALL = _counts_query(in_set=False)
