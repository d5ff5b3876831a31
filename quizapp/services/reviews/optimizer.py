"""A learner's own FSRS parameters, fitted from their log (``quizapp srs optimize``), and
kept only when they predict the learner's latest reviews better than the defaults.

* **Recall reviews only**: flashcard reviews and quiz answers that had to be recalled
  (``scheduling.RECALL_ORIGINS``); a quiz's recognition evidence, and quiz entries from
  before that distinction (a right multiple-choice guess counted as Good), are left out.
* **Study days**: fsrs's optimizer counts whole days between review dates; it is given each
  review at the start of its study day (``fsrs_review_logs``), so it learns from the same
  elapsed days the scheduler uses.  Reviews of one day keep their order.
* **fsrs's own counting** (``usable_count``): it learns from at most the first 64 reviews of
  each card (``max_seq_len``), and only from those a day or more after the card's previous
  one; with fewer than 512 of them (one mini-batch) it returns its defaults unchanged.
* **A held-out check**: the latest ``HELD_OUT_SHARE`` of those reviews are kept out of the
  fit; the fitted parameters and the defaults each predict them (every card replayed through
  its whole history), scored by log loss and RMSE (``evaluate``).  The fit is used only if
  its log loss is lower; otherwise the defaults stay.  Both figures are stored
  (``User.fsrs_fit``) and shown on the settings page.

The fitting is fsrs's Optimizer, in the optional ``optimizer`` extra (it needs torch).  All
but the fit itself is pure and runs without torch.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler
from fsrs import ReviewLog as FsrsReviewLog
from fsrs.scheduler import DEFAULT_PARAMETERS
from sqlalchemy.orm import Session

from quizapp.models import ReviewLog, User
from quizapp.services import scheduling
from quizapp.services.errors import ServiceError, ValidationFailed
from quizapp.services.reviews.days import Calendar, calendar_of
from quizapp.services.reviews.replay import logs_of

#: fsrs's optimizer: the reviews of a card it learns from, and its mini-batch, below which
#: it returns its defaults (``fsrs.optimizer.max_seq_len`` and ``mini_batch_size``).
MAX_REVIEWS_PER_CARD = 64
MINI_BATCH = 512
#: The latest share of the usable reviews kept out of the fit to check it.
HELD_OUT_SHARE = 0.2
#: Usable reviews needed: a mini-batch to fit on, once the held-out share is set aside.
OPTIMIZER_MINIMUM = math.ceil(MINI_BATCH / (1 - HELD_OUT_SHARE))


class NotEnoughReviews(ValidationFailed):
    code = "not_enough_reviews"


class OptimizerMissing(ServiceError):
    status = 503
    code = "optimizer_missing"


@dataclass(frozen=True)
class Review:
    """One recall review as the optimizer sees it."""

    card_id: int
    rating: int
    day: date  # its study day
    moment: datetime  # when it happened (for order only)


def recall_reviews(logs: Iterable[ReviewLog], calendar: Calendar) -> list[Review]:
    """The log's recall reviews, oldest first, each on its study day (as recorded, or, for
    entries from before study days, the day it falls in)."""
    found = []
    for log in sorted(logs, key=lambda entry: (entry.reviewed_at, entry.id or 0)):
        if (log.origin or scheduling.REVIEW) not in scheduling.RECALL_ORIGINS:
            continue
        days = (log.state_after or {}).get("days")
        day = date.fromisoformat(days["today"]) if days else calendar.day_of(log.reviewed_at)
        found.append(Review(log.card_id, log.rating, day, log.reviewed_at))
    return found


def _by_card(reviews: Iterable[Review]) -> dict[int, list[Review]]:
    cards: dict[int, list[Review]] = {}
    for review in reviews:
        cards.setdefault(review.card_id, []).append(review)
    return cards


def scored(reviews: Sequence[Review], *, cap: int | None = MAX_REVIEWS_PER_CARD) -> list[Review]:
    """The reviews fsrs learns from (or is scored on): a study day or more after the
    card's previous review, among the first ``cap`` reviews of each card."""
    found = []
    for history in _by_card(reviews).values():
        kept = history[:cap] if cap is not None else history
        found += [now for before, now in zip(kept, kept[1:], strict=False) if now.day > before.day]
    return sorted(found, key=lambda review: review.moment)


def usable_count(reviews: Sequence[Review]) -> int:
    """How many reviews fsrs's optimizer would learn from (its own counting)."""
    return len(scored(reviews))


def fsrs_review_logs(reviews: Iterable[Review]) -> list[FsrsReviewLog]:
    """The reviews as fsrs's ReviewLog, each at midnight UTC of its study day: fsrs counts
    whole days between dates, so it sees study days."""
    return [
        FsrsReviewLog(
            card_id=review.card_id,
            rating=Rating(review.rating),
            review_datetime=datetime.combine(review.day, time(0), tzinfo=UTC),
            review_duration=None,
        )
        for review in reviews
    ]


@dataclass(frozen=True)
class Scores:
    """How well parameters predict reviews: log loss and RMSE of the predicted recall
    against what happened (recalled: Hard, Good or Easy), over ``reviews`` of them."""

    log_loss: float
    rmse: float
    reviews: int


def evaluate(parameters: Sequence[float], reviews: Sequence[Review], since: datetime) -> Scores:
    """Replay every card's whole history with ``parameters`` and score the predictions of
    the reviews at or after ``since`` that are a study day or more after the one before."""
    scheduler = Scheduler(parameters=tuple(parameters), enable_fuzzing=False)
    losses, squares = [], []
    for history in _by_card(reviews).values():
        card = FsrsCard(card_id=history[0].card_id)
        last: Review | None = None
        for review in history:
            moment = datetime.combine(review.day, time(0), tzinfo=UTC)
            if last is not None and review.day > last.day and review.moment >= since:
                predicted = min(
                    max(scheduler.get_card_retrievability(card, moment), 1e-6), 1 - 1e-6
                )
                recalled = 1.0 if review.rating > Rating.Again else 0.0
                losses.append(
                    -(recalled * math.log(predicted) + (1 - recalled) * math.log(1 - predicted))
                )
                squares.append((predicted - recalled) ** 2)
            card, _ = scheduler.review_card(card, Rating(review.rating), moment)
            last = review
    if not losses:
        return Scores(math.nan, math.nan, 0)
    return Scores(sum(losses) / len(losses), math.sqrt(sum(squares) / len(squares)), len(losses))


@dataclass(frozen=True)
class Check:
    """The held-out check of a candidate against the defaults, and the decision."""

    fitted: Scores
    defaults: Scores
    adopted: bool  # the fit predicts the held-out reviews better (lower log loss)


def held_out_split(reviews: Sequence[Review]) -> tuple[list[Review], datetime]:
    """The reviews to fit on, and the moment from which the latest ``HELD_OUT_SHARE`` of the
    usable reviews begins (those are kept out of the fit)."""
    usable = scored(reviews, cap=None)
    if not usable:
        raise NotEnoughReviews("There are no reviews to check a fit on.")
    since = usable[-max(1, round(len(usable) * HELD_OUT_SHARE))].moment
    return [review for review in reviews if review.moment < since], since


def check(candidate: Sequence[float], reviews: Sequence[Review], since: datetime) -> Check:
    """Score ``candidate`` and the defaults on the held-out reviews; adopt the candidate
    only if it is not the defaults and its log loss is lower."""
    fitted = evaluate(candidate, reviews, since)
    defaults = evaluate(DEFAULT_PARAMETERS, reviews, since)
    same = all(math.isclose(a, b) for a, b in zip(candidate, DEFAULT_PARAMETERS, strict=True))
    better = not same and fitted.log_loss < defaults.log_loss
    return Check(fitted, defaults, better)


def fsrs_optimizer(train: list[FsrsReviewLog]) -> list[float]:
    """fsrs's own fit (the optional extra); raises OptimizerMissing without torch."""
    try:
        import torch  # noqa: F401
        from fsrs.optimizer import Optimizer
    except ImportError as error:
        raise OptimizerMissing(
            "Fitting parameters needs the optional optimizer extra, which brings torch: "
            "pip install 'quizapp[optimizer]'. The default parameters stay in use."
        ) from error
    return [float(p) for p in Optimizer(train).compute_optimal_parameters()]


@dataclass(frozen=True)
class FitResult:
    reviews: int  # every log entry
    recall_reviews: int
    usable: int  # what fsrs learns from (its counting), before the held-out split
    train: int  # usable reviews in the fit
    held_out: int  # reviews scored in the check
    fitted: Scores
    defaults: Scores
    adopted: bool
    parameters: list[float] | None  # what the learner's cards use from now on (None: defaults)
    fitted_at: datetime

    def as_record(self) -> dict[str, Any]:
        record = asdict(self)
        record["fitted_at"] = self.fitted_at.isoformat()
        return record


def fit_parameters(
    session: Session,
    user: User,
    *,
    now: datetime,
    fit: Callable[[list[FsrsReviewLog]], list[float]] = fsrs_optimizer,
) -> FitResult:
    """Fit this learner's FSRS parameters on all but their latest reviews, check the fit
    on those against the defaults, and use it only if it predicts them better.  Commits."""
    logs = logs_of(session, user.id)
    reviews = recall_reviews(logs, calendar_of(user))
    usable = usable_count(reviews)
    if usable < OPTIMIZER_MINIMUM:
        raise NotEnoughReviews(
            f"{user.email} has {usable} recall reviews the optimizer can learn from (a day "
            f"or more after the card's previous one, at most {MAX_REVIEWS_PER_CARD} a card) "
            f"out of {len(logs)} log entries; it needs {OPTIMIZER_MINIMUM} ({MINI_BATCH} to "
            f"fit, the latest {HELD_OUT_SHARE:.0%} to check the fit). The default parameters "
            "stay in use."
        )
    train, since = held_out_split(reviews)
    candidate = fit(fsrs_review_logs(train))
    Scheduler(parameters=candidate)  # refuses parameters out of bounds
    outcome = check(candidate, reviews, since)
    result = FitResult(
        reviews=len(logs),
        recall_reviews=len(reviews),
        usable=usable,
        train=usable_count(train),
        held_out=outcome.fitted.reviews,
        fitted=outcome.fitted,
        defaults=outcome.defaults,
        adopted=outcome.adopted,
        parameters=list(candidate) if outcome.adopted else None,
        fitted_at=now,
    )
    user.fsrs_parameters = result.parameters
    user.fsrs_fit = result.as_record()
    session.commit()
    return result
