"""A learner's own FSRS parameters, fitted from their log (``quizapp srs optimize``).

The fitting is fsrs's Optimizer, in the optional ``optimizer`` extra (it needs torch, kept
out of the default install).  How many reviews it can learn from is a pure count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from fsrs import Rating, Scheduler
from sqlalchemy.orm import Session

from quizapp.models import ReviewLog, User
from quizapp.services.errors import ServiceError, ValidationFailed
from quizapp.services.reviews.replay import logs_of

#: The fsrs optimizer learns only from reviews at least a day after the card's previous
#: one, and fits nothing below one mini-batch of them: its own minimum.
OPTIMIZER_MINIMUM = 512


class NotEnoughReviews(ValidationFailed):
    code = "not_enough_reviews"


class OptimizerMissing(ServiceError):
    status = 503
    code = "optimizer_missing"


def optimizer_review_count(logs: Iterable[ReviewLog]) -> int:
    """The reviews the optimizer learns from: those a day or more after the card's last."""
    last: dict[int, datetime] = {}
    count = 0
    for log in sorted(logs, key=lambda entry: (entry.reviewed_at, entry.id or 0)):
        previous = last.get(log.card_id)
        if previous is not None and (log.reviewed_at - previous).days > 0:
            count += 1
        last[log.card_id] = log.reviewed_at
    return count


@dataclass(frozen=True)
class FitResult:
    reviews: int
    usable: int
    parameters: list[float]


def fit_parameters(session: Session, user: User) -> FitResult:
    """Fit this learner's FSRS parameters from their log with fsrs's Optimizer (the
    optional ``optimizer`` extra, which needs torch) and use them from now on."""
    logs = logs_of(session, user.id)
    usable = optimizer_review_count(logs)
    if usable < OPTIMIZER_MINIMUM:
        raise NotEnoughReviews(
            f"{user.email} has {usable} reviews the optimizer can learn from (a review a day "
            f"or more after the card's previous one) out of {len(logs)}; it needs "
            f"{OPTIMIZER_MINIMUM}. The default parameters stay in use."
        )
    try:
        import torch  # noqa: F401
        from fsrs.optimizer import Optimizer
    except ImportError as error:
        raise OptimizerMissing(
            "Fitting parameters needs the optional optimizer extra, which brings torch: "
            "pip install 'quizapp[optimizer]'. The default parameters stay in use."
        ) from error
    from fsrs import ReviewLog as FsrsReviewLog

    history = [
        FsrsReviewLog(
            card_id=log.card_id,
            rating=Rating(log.rating),
            review_datetime=log.reviewed_at,
            review_duration=log.duration_ms,
        )
        for log in logs
    ]
    parameters = [float(p) for p in Optimizer(history).compute_optimal_parameters()]
    Scheduler(parameters=parameters)  # refuses parameters out of bounds
    user.fsrs_parameters = parameters
    session.commit()
    return FitResult(reviews=len(logs), usable=usable, parameters=parameters)
