"""A learner's review history for the optimizer's tests, simulated without a database: a
true memory (``simulator.memory``) answering, the scheduler's study-day rule placing each
card's next review (on its due day, at a time of day that varies).  Deterministic."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

from quizapp.models import ReviewLog
from quizapp.services import scheduling
from quizapp.services.reviews.days import Calendar
from quizapp.simulator.memory import TrueMemory, rating_for

UTC_ZONE = ZoneInfo("UTC")
START = datetime(2026, 1, 5, 8, tzinfo=UTC)


def weak_memory() -> tuple[float, ...]:
    """A learner who forgets much faster than FSRS's defaults assume."""
    parameters = list(DEFAULT_PARAMETERS)
    for index in range(4):
        parameters[index] *= 0.3
    parameters[8] -= 0.7
    return tuple(parameters)


def history(
    cards: int, days: int, true_parameters=tuple(DEFAULT_PARAMETERS), seed: int = 1
) -> list[ReviewLog]:
    """ReviewLog rows (not stored) of ``cards`` cards, 20 new a day, over ``days`` days."""
    calendar = Calendar(UTC_ZONE)
    memory = TrueMemory(UTC_ZONE, tuple(true_parameters))
    scheduler = Scheduler(enable_fuzzing=False)
    rng = random.Random(seed)
    logs: list[ReviewLog] = []
    for card_id in range(1, cards + 1):
        card, last, first = FsrsCard(card_id=card_id, due=START), None, True
        now = START + timedelta(days=(card_id - 1) // 20, minutes=card_id)
        while now < START + timedelta(days=days):
            rating = rating_for(rng.random() < memory.recall(card_id, now), rng, first_look=first)
            first = False
            days_of = scheduling.Days(calendar.day_of(now), last, calendar)
            scheduled = scheduling.schedule(scheduler, card, Rating(rating), now, days_of)
            memory.retrieve(card_id, now, rating)
            logs.append(
                ReviewLog(
                    id=len(logs) + 1,
                    user_id=1,
                    card_id=card_id,
                    rating=rating,
                    reviewed_at=now,
                    duration_ms=4000,
                    origin="review",
                    state_before=None,
                    state_after={"days": days_of.as_record()},
                )
            )
            card, last = scheduled.card, days_of.today
            if scheduled.interval_days:
                now = card.due + timedelta(hours=4, minutes=card_id % 50)
            else:
                now = max(card.due, now + timedelta(minutes=1))
    return logs


def store(app, factories, logs: list[ReviewLog]) -> tuple[object, list[int]]:
    """A new user whose log is ``logs`` (on a deck of as many cards), stored; returns the
    user and the deck's card ids (history card n is the n-th)."""
    from quizapp.extensions import db
    from tests.quizapp.review_helpers import card_ids, make_deck

    user = factories.user()
    cards = max(log.card_id for log in logs)
    ids = card_ids(app, make_deck(factories, cards, name=f"History of {user.id}"))
    with app.app_context():
        db.session.add_all(
            ReviewLog(
                user_id=user.id,
                card_id=ids[log.card_id - 1],
                rating=log.rating,
                reviewed_at=log.reviewed_at,
                duration_ms=log.duration_ms,
                origin=log.origin,
                state_before=None,
                state_after=log.state_after,
            )
            for log in logs
        )
        db.session.commit()
    return user, ids
