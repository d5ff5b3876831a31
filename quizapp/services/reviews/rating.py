"""Rating a due card: the review use case, and its retries and races.

* **Concurrency.** A review is optimistic: the version of the card's state read at the
  start (or the one the client saw, when it sends it) is compared-and-set by the first
  write (``UPDATE ... WHERE version = :seen``).  Of two requests reviewing one card at
  once, exactly one applies; the other gets 409 ``conflict`` -- unless it carries the same
  ``review_id``, in which case it is a retry and gets the first answer.  Two first reviews
  of a new card meet at the unique (user, card) constraint, with the same outcome.
* **Idempotency.** A ``review_id`` names a review for good: posting it again returns the
  first answer and records nothing, even days later.
* What a rating does to the card is ``scheduling.review_step`` (fsrs, lapses, leeches);
  whether the card may be rated now is ``availability``'s.  The input checks below are pure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, NamedTuple

from fsrs import Rating
from sqlalchemy import and_, bindparam, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from quizapp.models import Card, CardState, QuestionSet, ReviewLog, User
from quizapp.services import scheduling
from quizapp.services.errors import Conflict, ValidationFailed
from quizapp.services.ids import is_id
from quizapp.services.reviews import access, availability, counts_after, queue_queries
from quizapp.services.reviews.queue import Learner, check_due
from quizapp.services.reviews.queue_order import Counts, TodayDone

MAX_REVIEW_ID_LENGTH = 64
MAX_DURATION_MS = 24 * 3600 * 1000
#: A page left open longer than this: its time on the card says nothing.
MAX_PAGE_DURATION_MS = 60 * 60 * 1000


@dataclass(frozen=True)
class ReviewResult:
    card_id: int
    rating: int
    due: datetime
    state: str  # "learning", "review" or "relearning"
    stability: float | None
    difficulty: float | None
    version: int
    leech: bool  # this review made the card a leech (it is now suspended)
    retried: bool = False  # a retry: the first answer, nothing recorded
    counts: Counts | None = None  # today's counts after it, when asked for

    def as_dict(self) -> dict[str, Any]:
        return {
            "card_id": self.card_id,
            "due": self.due.isoformat(),
            "state": self.state,
            "stability": self.stability,
            "difficulty": self.difficulty,
        }


def valid_rating(rating: Any) -> Rating:
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 4:
        raise ValidationFailed(
            "The rating must be 1 (again), 2 (hard), 3 (good) or 4 (easy).", code="bad_rating"
        )
    return Rating(rating)


def valid_review_id(review_id: Any) -> str | None:
    if review_id is None:
        return None
    if not isinstance(review_id, str) or not review_id.strip():
        raise ValidationFailed("review_id must be a non-empty string.", code="bad_review_id")
    if len(review_id) > MAX_REVIEW_ID_LENGTH:
        raise ValidationFailed(
            f"review_id must be at most {MAX_REVIEW_ID_LENGTH} characters.", code="bad_review_id"
        )
    return review_id


def valid_version(version: Any) -> int | None:
    """The card version the client saw: 0 for a card never seen, then counting up."""
    if version is not None and (isinstance(version, bool) or (version != 0 and not is_id(version))):
        raise ValidationFailed('"version" must be a whole number, 0 or more.')
    return version


def duration_from_page(shown_at_ms: int | None, now: datetime) -> int | None:
    """The time spent on a card, from when its page was made (epoch ms) to ``now``; None
    when unknown or not believable (in the future, or an hour or more ago)."""
    if not shown_at_ms:
        return None
    elapsed = int(now.timestamp() * 1000) - shown_at_ms
    return elapsed if 0 <= elapsed <= MAX_PAGE_DURATION_MS else None


def valid_duration(duration_ms: Any) -> int | None:
    if duration_ms is None:
        return None
    if (
        isinstance(duration_ms, bool)
        or not isinstance(duration_ms, int)
        or not 0 <= duration_ms <= MAX_DURATION_MS
    ):
        raise ValidationFailed(
            "duration_ms must be a whole number of milliseconds, at most a day.",
            code="bad_duration",
        )
    return duration_ms


def answer_from_log(log: ReviewLog, card_id: int, rating: Rating) -> ReviewResult:
    """A retry: the answer the first request got, from what it logged."""
    if log.card_id != card_id or log.rating != int(rating):
        raise Conflict(
            "This review_id was already used for another review.", code="review_id_reused"
        )
    after = log.state_after
    before = log.state_before or {}
    return ReviewResult(
        card_id=log.card_id,
        rating=log.rating,
        due=datetime.fromisoformat(after["due"]),
        state=scheduling.STATE_NAMES[int(after["state"])],
        stability=after.get("stability"),
        difficulty=after.get("difficulty"),
        version=0,
        leech=bool(after.get("leech")) and not bool(before.get("leech")),
        retried=True,
    )


_LOGGED = select(ReviewLog).where(
    ReviewLog.user_id == bindparam("user_id"), ReviewLog.review_id == bindparam("review_id")
)


def _logged(session: Session, user: User, review_id: str) -> ReviewLog | None:
    return session.execute(
        _LOGGED, {"user_id": user.id, "review_id": review_id}
    ).scalar_one_or_none()


class _Target(NamedTuple):
    """The card a review names, its set's access columns, the user's state of it, and
    whether the review's ``review_id`` is in the log already: one query."""

    card_id: int
    set_id: int
    active: bool
    id: int  # the set's, for ``can_study``
    visibility: str
    owner_id: int | None
    deleted_at: datetime | None
    state: Any  # the user's state of the card, read-only (``access.plain_state``); None: new
    logged: bool
    row: Any = None  # the whole row: with the counts before, when asked (``_CountsAfter``)


_REVIEW_TARGET = (
    select(
        Card.id,
        Card.set_id,
        Card.active,
        QuestionSet.id,
        QuestionSet.visibility,
        QuestionSet.owner_id,
        QuestionSet.deleted_at,
        select(ReviewLog.id)
        .where(
            ReviewLog.user_id == bindparam("user_id"),
            ReviewLog.review_id == bindparam("review_id"),
        )
        .exists()
        .label("logged"),
        *access.STATE_COLUMNS,
    )
    .join(QuestionSet, QuestionSet.id == Card.set_id)
    .outerjoin(
        CardState,
        and_(CardState.card_id == Card.id, CardState.user_id == bindparam("user_id")),
    )
    .where(Card.id == bindparam("card_id"))
)


def _with_counts_before(in_set: bool) -> Any:
    """The review's target with today's counts before the rating (``counts_after``) and
    whether the user has started the card's set: still one statement.  The counts are a
    derived table of one row, so that nothing in them correlates with the target's tables."""
    counts = (queue_queries.COUNTS_IN_SET if in_set else queue_queries.COUNTS_ALL).subquery()
    own = aliased(CardState)
    started = select(own.id).where(own.user_id == bindparam("user_id"), own.set_id == Card.set_id)
    return _REVIEW_TARGET.add_columns(*counts.c, started.exists().label("set_started")).join_from(
        Card, counts, true()
    )


_TARGET_WITH_COUNTS_IN_SET = _with_counts_before(in_set=True)
_TARGET_WITH_COUNTS_ALL = _with_counts_before(in_set=False)
_states = CardState.__table__
_INSERT_STATE = _states.insert()
_UPDATE_STATE = _states.update().where(
    _states.c.id == bindparam("state_id"), _states.c.version == bindparam("seen")
)
_INSERT_LOG = ReviewLog.__table__.insert()


@dataclass(frozen=True)
class _CountsAfter:
    """Today's counts after the review, derived from the counts before it, which the
    review's first statement reads (``counts_after``): no statement of their own."""

    learner: Learner
    now: datetime
    set_id: int | None  # the counts' scope (None: all sets)

    def query(self) -> Any:
        return _TARGET_WITH_COUNTS_ALL if self.set_id is None else _TARGET_WITH_COUNTS_IN_SET

    def params(self) -> dict[str, Any]:
        return self.learner.count_params(self.now, self.set_id, spare=1)

    def after(self, target: _Target, step: scheduling.ReviewStep) -> Counts | None:
        """None when they cannot be derived: in all sets, for a member of a course that
        might keep some closed, or when the review starts a set (its new cards join)."""
        row = target.row._mapping
        all_sets = self.set_id is None
        if all_sets and (row["in_courses"] or (target.state is None and not row["set_started"])):
            return None
        when = {
            "now": self.now,
            "day_end": self.learner.day.end,
            "ahead": self.now + availability.LEARN_AHEAD,
        }
        raw = counts_after.Raw(
            new=int(row["new"]),
            learning=int(row["learning"]),
            review=int(row["review"]),
            done=TodayDone(new=int(row["done_new"]), reviews=int(row["done_reviews"])),
        )
        return counts_after.after_rating(
            raw,
            before=counts_after.counted_as(target.state, **when),
            after=counts_after.counted_as(step.state, **when),
            done=counts_after.done_as(target.state),
            in_scope=all_sets or self.set_id == target.set_id,
            limits=self.learner.limits,
        )


def _target(
    session: Session,
    user: User,
    card_id: Any,
    review_id: str | None,
    counter: _CountsAfter | None = None,
) -> _Target | None:
    if not is_id(card_id):
        return None
    params = {"user_id": user.id, "card_id": card_id, "review_id": review_id}
    query = _REVIEW_TARGET
    if counter is not None:
        query, params = counter.query(), {**counter.params(), **params}
    row = queue_queries.rows(session, query, params).one_or_none()
    if row is None:
        return None
    return _Target(*row[:7], state=access.plain_state(row._mapping), logged=row.logged, row=row)


def _write(session: Session, target: _Target, step: scheduling.ReviewStep, seen: int) -> bool:
    """Write the review: the state (compare-and-set on its version, or a new row that a
    concurrent first review meets at the unique (user, card) key) and the log entry.  The
    first write of the transaction takes the row's lock (PostgreSQL) or the database's write
    lock (SQLite).  False when another request changed the state first."""
    if target.state is None:
        session.execute(
            _INSERT_STATE,
            {
                **step.state,
                "user_id": step.log["user_id"],
                "card_id": target.card_id,
                "set_id": target.set_id,
                "flagged": False,
            },
        )
    else:
        updated = session.execute(
            _UPDATE_STATE, {**step.state, "state_id": target.state.id, "seen": seen}
        )
        if updated.rowcount != 1:  # type: ignore[attr-defined]
            return False
    session.execute(_INSERT_LOG, step.log)
    return True


def review(
    session: Session,
    user: User,
    *,
    card_id: Any,
    rating: Any,
    now: datetime,
    review_id: Any = None,
    duration_ms: Any = None,
    expected_version: Any = None,
    with_counts: bool = False,
    set_id: int | None = None,
) -> ReviewResult:
    """Rate a due card.  Bad input, an unknown card or a card not due: 400, nothing changes.
    The same ``review_id`` again: the first answer, nothing new recorded.  A concurrent
    review of the same card, or a stale ``expected_version`` (the card's version the client
    saw): 409 ``conflict``.

    ``with_counts``: also return today's counts after the review, in ``set_id`` (None: all
    sets).  Three statements in all: the card with the counts before the review, the
    state, the log; the counts after are derived (``counts_after``).  When they cannot be
    (in all sets, for a member of a course that could keep some closed, or a review that
    starts a set) they are counted again: on PostgreSQL inside the review's transaction
    (they see it, and a second transaction would cost three more round trips); on SQLite
    after its commit, so that the database's one write lock is held no longer than the
    writes need.
    """
    expected_version = valid_version(expected_version)
    learner = Learner.of(user, now)  # before the commit expires the user's row

    def count() -> Counts:
        return learner.counts(session, now, set_id)

    result = _review(
        session,
        user,
        learner,
        count=count if with_counts else None,
        counter=_CountsAfter(learner, now, set_id) if with_counts else None,
        card_id=card_id,
        rating=rating,
        now=now,
        review_id=review_id,
        duration_ms=duration_ms,
        expected_version=expected_version,
    )
    if with_counts and result.counts is None:  # a retry: the counts as they are now
        result = replace(result, counts=count())
    return result


def _review(
    session: Session,
    user: User,
    learner: Learner,
    *,
    count: Callable[[], Counts] | None,
    counter: _CountsAfter | None,
    card_id: Any,
    rating: Any,
    now: datetime,
    review_id: Any,
    duration_ms: Any,
    expected_version: int | None,
) -> ReviewResult:
    checked_rating = valid_rating(rating)
    checked_id = valid_review_id(review_id)
    duration = valid_duration(duration_ms)
    target = _target(session, user, card_id, checked_id, counter)
    if checked_id is not None and (target is None or target.logged):
        earlier = _logged(session, user, checked_id)
        if earlier is not None:
            return answer_from_log(earlier, card_id, checked_rating)
    access.check_card(session, user, target, bool(target and target.active), now=now)
    assert target is not None
    state = target.state
    seen = state.version if state is not None else 0
    if expected_version is not None and expected_version != seen:
        raise Conflict(
            "This card was reviewed elsewhere in the meantime; load the next card.",
            code="conflict",
        )
    check_due(session, user, state, now=now, day=learner.day, set_id=target.set_id)
    step = scheduling.review_step(
        user=user,
        card_id=target.card_id,
        rating=checked_rating,
        now=now,
        state=state,
        origin="review",
        duration_ms=duration,
        review_id=checked_id,
    )
    try:
        written = _write(session, target, step, seen)
    except IntegrityError:
        written = False
    if not written:
        return _lost_race(session, user, target.card_id, checked_rating, checked_id)
    counts = counter.after(target, step) if counter is not None else None
    if count is not None and counts is None and session.get_bind().dialect.name != "sqlite":
        counts = count()
    session.commit()
    if count is not None and counts is None:
        counts = count()
    after = step.state
    return ReviewResult(
        card_id=target.card_id,
        rating=int(checked_rating),
        due=after["due"],
        state=scheduling.STATE_NAMES[after["state"]],
        stability=after["stability"],
        difficulty=after["difficulty"],
        version=after["version"],
        leech=step.became_leech,
        counts=counts,
    )


def _lost_race(
    session: Session, user: User, card_id: int, rating: Rating, review_id: str | None
) -> ReviewResult:
    """Another request changed the card first: its answer if it was this very review (the
    same ``review_id``), else a 409.  Nothing of this request is kept."""
    session.rollback()
    if review_id is not None:
        earlier = _logged(session, user, review_id)
        if earlier is not None:
            return answer_from_log(earlier, card_id, rating)
    raise Conflict(
        "This card was just reviewed by another request; nothing was recorded.",
        code="conflict",
    )
