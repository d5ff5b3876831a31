"""Shared helpers for the flashcard tests: a deck of our own, users as model rows, API calls."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: A deck laid out the way banks often are -- grouped by category -- so that interleaving
#: shows: the first 10 cards are actors, the next 10 dates, then places, then outcomes.
DECK_SIZE = 40
#: The test deck's four categories (the article's first four; its fifth is not needed here).
CATEGORIES = ("actor", "date", "place", "outcome")


def deck_questions(size: int = DECK_SIZE, *, grouped: bool = True) -> list[dict[str, Any]]:
    per_category = max(size // len(CATEGORIES), 1)
    questions = []
    for index in range(size):
        category = (
            CATEGORIES[min(index // per_category, len(CATEGORIES) - 1)]
            if grouped
            else CATEGORIES[index % len(CATEGORIES)]
        )
        questions.append(
            {
                "id": f"fact-{index:02d}",
                "type": "short_answer",
                "prompt": f"Fact number {index}: who, when, where or what?",
                "category": category,
                "accepted": [{"text": f"answer {index}", "weight": 1}],
                "source": {
                    "quote": f"The article's sentence behind fact {index}.",
                    "start": index * 50,
                    "end": index * 50 + 40,
                },
            }
        )
    return questions


def make_deck(factories, size: int = DECK_SIZE, name: str = "Test deck", **options: Any) -> int:
    return factories.question_set(name=name, questions=deck_questions(size, **options))


def card_ids(app, set_id: int) -> list[int]:
    """The set's card ids in the bank's order."""
    from sqlalchemy import select

    from quizapp.extensions import db
    from quizapp.models import Card

    with app.app_context():
        return list(
            db.session.execute(
                select(Card.id).where(Card.set_id == set_id).order_by(Card.position)
            ).scalars()
        )


@contextmanager
def as_user(app, user_id: int) -> Iterator[Any]:
    """An app context and the user as a model row (services take the row)."""
    from quizapp.extensions import db
    from quizapp.models import User

    with app.app_context():
        yield db.session.get(User, user_id)


def set_user(app, user_id: int, **values: Any) -> None:
    """Change a user's settings directly (tests only: no service rule is being tested)."""
    from quizapp.extensions import db
    from quizapp.models import User

    with app.app_context():
        user = db.session.get(User, user_id)
        for key, value in values.items():
            setattr(user, key, value)
        db.session.commit()


def state_of(app, user_id: int, card_id: int) -> dict[str, Any] | None:
    """A card's stored state as a plain dict (None: no row)."""
    from sqlalchemy import select

    from quizapp.extensions import db
    from quizapp.models import CardState

    with app.app_context():
        state = db.session.execute(
            select(CardState).where(CardState.user_id == user_id, CardState.card_id == card_id)
        ).scalar_one_or_none()
        if state is None:
            return None
        return {
            column.key: getattr(state, column.key)
            for column in CardState.__table__.columns
            if column.key != "id"
        }


def log_count(app, user_id: int | None = None) -> int:
    from sqlalchemy import func, select

    from quizapp.extensions import db
    from quizapp.models import ReviewLog

    with app.app_context():
        query = select(func.count(ReviewLog.id))
        if user_id is not None:
            query = query.where(ReviewLog.user_id == user_id)
        return db.session.execute(query).scalar_one()


def snapshot(app) -> tuple[list[tuple], list[tuple]]:
    """Every card state and log row, to prove that a refused request changed nothing."""
    from sqlalchemy import select

    from quizapp.extensions import db
    from quizapp.models import CardState, ReviewLog

    with app.app_context():
        states = [
            tuple(row)
            for row in db.session.execute(select(CardState.__table__).order_by("id")).all()
        ]
        logs = [
            tuple(row)
            for row in db.session.execute(select(ReviewLog.__table__).order_by("id")).all()
        ]
        return states, logs


def api_next(client, set_id: int | None = None, **params: Any):
    query = {"set": set_id} if set_id is not None else {}
    query.update(params)
    return client.get("/api/v1/review/next", query_string=query)


def api_review(client, card_id: Any, rating: Any, **fields: Any):
    return client.post("/api/v1/review", json={"card_id": card_id, "rating": rating, **fields})


def review_due_now(client, set_id: int, rating: int = 3, **fields: Any) -> dict[str, Any]:
    """Fetch the next card and rate it; returns the next payload and the answer."""
    shown = api_next(client, set_id)
    assert shown.status_code == 200, shown.get_data(as_text=True)
    payload = shown.get_json()
    answer = api_review(client, payload["card"]["id"], rating, **fields)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return {"shown": payload, "answer": answer.get_json()}


def api_login(client, factories, **user_options: Any):
    """A new user whose bearer token the client sends from now on (the API's own auth:
    session calls would need the page's CSRF header).  Returns the user."""
    from tests.conftest import PASSWORD

    user = factories.user(**user_options)
    response = client.post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 201, response.get_data(as_text=True)
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {response.get_json()['token']}"
    return user


def rate(app, user_id: int, card_id: int, rating: Any, now, **fields: Any):
    """Rate a card through the review service, as the user (a fresh app context)."""
    from quizapp.extensions import db
    from quizapp.services import reviews

    with as_user(app, user_id) as user:
        return reviews.review(db.session, user, card_id=card_id, rating=rating, now=now, **fields)


def queue_of(app, user_id: int, now, set_id: int | None = None, **options: Any):
    """The queue as (card, kind) pairs and its counts.  Every call also checks that the
    one-statement ``reviews.counts`` agrees with the counts of the queue built in full."""
    from quizapp.extensions import db
    from quizapp.services import reviews

    with as_user(app, user_id) as user:
        queue = reviews.build_queue(db.session, user, now=now, set_id=set_id, **options)
        if not options.get("exclude"):
            counts = reviews.counts(db.session, user, now=now, set_id=set_id)
            assert counts == queue.counts
            assert {type(n) for n in counts.as_dict().values()} == {int}  # not Decimal
        return [(item.card_id, item.kind) for item in queue.items], queue.counts


def replay_ok(app, user_id: int) -> bool:
    """Every card of the user replays from its log to its stored state."""
    from quizapp.extensions import db
    from quizapp.services import reviews

    with app.app_context():
        return reviews.replay_check(db.session, user_id=user_id)[1] == []


def apply_review(app, user_id: int, card_id: int, rating: int, now, origin: str = "review"):
    """Rate a card through the memory model itself (as a quiz answer does), committed.
    Returns whether the rating made the card a leech."""
    from fsrs import Rating

    from quizapp.extensions import db
    from quizapp.models import Card, User
    from quizapp.services import scheduling

    with app.app_context():
        user = db.session.get(User, user_id)
        card = db.session.get(Card, card_id)
        outcome = scheduling.apply_review(
            db.session, user=user, card=card, rating=Rating(rating), now=now, origin=origin
        )
        db.session.commit()
        return outcome.became_leech
