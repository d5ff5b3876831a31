"""Thirty days of a learner reviewing a deck of 40 cards through the API, with the clock
moved day by day: the due counts, the daily new-card limit, the 4 a.m. rollover in Berlin
(across the change to summer time), undo, and a leech."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import CardState, User
from quizapp.services import progress, reviews
from tests.quizapp.review_helpers import api_login, card_ids, log_count, make_deck, set_user

BERLIN = ZoneInfo("Europe/Berlin")
FIRST_DAY = date(2026, 3, 2)
DAYS = 30
NEW_PER_DAY = 5
NIGHT_OWL_DAY = 3  # skips the evening; studies at 03:30 instead, then again at 04:30
UNDO_DAY = 5


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN).astimezone(UTC)


def next_rollover(now: datetime) -> datetime:
    """By hand: the next 4 a.m. in Berlin after ``now``."""
    here = now.astimezone(BERLIN)
    day = here.date() if here.hour < 4 else here.date() + timedelta(days=1)
    return local(day, 4)


def expected_counts(app, user_id: int, now: datetime, new_left: int) -> dict[str, int]:
    """Today's counts computed from the stored states by the rules, not by the service."""
    with app.app_context():
        states = list(
            db.session.execute(select(CardState).where(CardState.user_id == user_id)).scalars()
        )
    shown = [s for s in states if s.reps and not s.suspended]
    review = sum(1 for s in shown if s.state == 2 and s.due < next_rollover(now))
    learning = sum(1 for s in shown if s.state != 2 and s.due <= now + timedelta(minutes=20))
    return {"new": new_left, "learning": learning, "review": review}


class Learner:
    """Rates like a person would: new and learning cards Good; a review is forgotten now
    and then (seeded, so the run is the same every time); one card is never remembered."""

    def __init__(self, client, clock, leech_card: int) -> None:
        self.client = client
        self.clock = clock
        self.leech_card = leech_card
        self.random = random.Random(2026)
        self.introduced: Counter[date] = Counter()  # new cards per study day
        self.reviews: Counter[date] = Counter()
        self.told_leech: list[tuple[int, date]] = []

    def study_day(self) -> date:
        here = self.clock.now().astimezone(BERLIN)
        return here.date() - timedelta(days=1) if here.hour < 4 else here.date()

    def rating(self, card: dict) -> int:
        if card["kind"] != "review":
            return 3
        if card["id"] == self.leech_card:
            return 1
        return 1 if self.random.random() < 0.1 else 3

    def answer(self, card: dict, rating: int) -> dict:
        response = self.client.post(
            "/api/v1/review",
            json={
                "card_id": card["id"],
                "rating": rating,
                "review_id": f"{card['id']}-{self.clock.now().isoformat()}-{rating}",
                "duration_ms": 3000,
                "version": card["version"],
            },
        )
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        if body["leech"]:
            self.told_leech.append((card["id"], self.study_day()))
        self.reviews[self.study_day()] += 1
        if card["kind"] == "new":
            self.introduced[self.study_day()] += 1
        self.clock.advance(seconds=20)
        return body

    def session(self, *, mistake_then_undo: bool = False) -> int:
        """Review until nothing is left; returns how many answers were given."""
        given = 0
        while True:
            response = self.client.get("/api/v1/review/next")
            if response.status_code == 204:
                return given
            card = response.get_json()["card"]
            assert card["id"] != self.leech_card or not self.told_leech, "a leech came back"
            if mistake_then_undo and card["kind"] == "review":
                mistake_then_undo = False
                card = self.undo_a_mistake(card)
            self.answer(card, self.rating(card))
            given += 1

    def undo_a_mistake(self, card: dict) -> dict:
        """Press the wrong button, undo, and get the card back (with its new version)."""
        app = self.client.application
        with app.app_context():
            before = db.session.execute(
                select(CardState).where(CardState.card_id == card["id"])
            ).scalar_one()
            before = {c.key: getattr(before, c.key) for c in CardState.__table__.columns}
        logs = log_count(app)
        self.answer(card, 4 if self.rating(card) != 4 else 1)  # the wrong button
        self.reviews[self.study_day()] -= 1
        undone = self.client.post("/api/v1/review/undo").get_json()
        assert undone["undone"]["card_id"] == card["id"]
        assert undone["next"]["card"]["id"] == card["id"]  # shown again
        assert log_count(app) == logs
        with app.app_context():
            after = db.session.execute(
                select(CardState).where(CardState.card_id == card["id"])
            ).scalar_one()
            after = {c.key: getattr(after, c.key) for c in CardState.__table__.columns}
        assert {k: v for k, v in after.items() if k != "version"} == {
            k: v for k, v in before.items() if k != "version"
        }
        return undone["next"]["card"]


def test_thirty_days_of_reviews(app, client, factories, clock):
    user = api_login(client, factories)
    set_user(app, user.id, timezone="Europe/Berlin", new_cards_per_day=NEW_PER_DAY)
    set_id = make_deck(factories, 40)
    ids = card_ids(app, set_id)
    # Start the set: "all due" covers the sets a learner has started.
    clock.set(local(FIRST_DAY, 19))
    first = client.get(f"/api/v1/review/next?set={set_id}").get_json()["card"]
    assert first["id"] == ids[0]
    learner = Learner(client, clock, leech_card=ids[10])  # the first date of the deck
    learner.answer(first, 3)
    daily_due: list[dict[str, int]] = []

    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        if offset == NIGHT_OWL_DAY:
            night_owl(app, client, clock, learner, user.id, day)
            continue
        clock.set(max(clock.now(), local(day, 19)))
        introduced = sum(learner.introduced.values())
        new_left = min(NEW_PER_DAY - learner.introduced[day], 40 - introduced)
        status = client.get("/api/v1/review/status").get_json()
        assert status["counts"] == expected_counts(app, user.id, clock.now(), new_left), day
        daily_due.append(status["counts"])
        learner.session(mistake_then_undo=offset == UNDO_DAY)
        assert learner.introduced[day] == min(NEW_PER_DAY, 40 - introduced)  # the limit
        done = client.get("/api/v1/review/status").get_json()
        assert done["counts"] == {"new": 0, "learning": 0, "review": 0}
        # done for today: the next card is due tomorrow at the earliest, or a learning step
        assert done["next_due"] is None or datetime.fromisoformat(done["next_due"]) > clock.now()

    # Every card was introduced, five a day, in eight study days.
    assert sum(learner.introduced.values()) == 40
    assert [learner.introduced[FIRST_DAY + timedelta(days=d)] for d in range(9)] == [5] * 8 + [0]
    # Reviews fell due as the schedule spread out.
    assert sum(c["review"] for c in daily_due) > 40
    assert max(c["review"] for c in daily_due[8:]) >= 3

    # The leech: failed 8 times once in review, then suspended, tagged, and the learner told.
    assert [card for card, _ in learner.told_leech] == [ids[10]]
    with app.app_context():
        leech = db.session.execute(
            select(CardState).where(CardState.card_id == ids[10])
        ).scalar_one()
        assert (leech.lapses, leech.leech, leech.suspended) == (8, True, True)
        others = db.session.execute(
            select(CardState).where(CardState.card_id != ids[10], CardState.leech.is_(True))
        ).all()
        assert others == []
        # The log is the truth: every card replays to its stored state.
        checked, mismatches = reviews.replay_check(db.session, user_id=user.id)
        assert checked == 40 and mismatches == []
        # Progress agrees with what the learner did.
        row = db.session.get(User, user.id)
        heat = {d.day: d.count for d in progress.heatmap(db.session, row, now=clock.now())}
        for day, count in learner.reviews.items():
            assert heat[day] == count, day
        assert sum(heat.values()) == sum(learner.reviews.values()) == log_count(app, user.id)
        forecast = progress.forecast(db.session, row, now=clock.now())
        horizon = next_rollover(clock.now()) + timedelta(days=29)
        states = list(
            db.session.execute(select(CardState).where(CardState.user_id == user.id)).scalars()
        )
        assert sum(d.count for d in forecast) == sum(
            1 for s in states if not s.suspended and s.due < horizon
        )


def night_owl(app, client, clock, learner: Learner, user_id: int, day: date) -> None:
    """No evening session on ``day``: the learner studies at 03:30 the next night (still
    ``day`` for the schedule), then at 04:30, which is the next study day."""
    clock.set(local(day + timedelta(days=1), 3, 30))
    assert learner.study_day() == day
    status = client.get("/api/v1/review/status").get_json()
    assert status["counts"]["new"] == min(NEW_PER_DAY, 40 - sum(learner.introduced.values()))
    assert status["counts"] == expected_counts(app, user_id, clock.now(), status["counts"]["new"])
    at_0330 = learner.session()
    assert at_0330 > 0
    with app.app_context():
        row = db.session.get(User, user_id)
        today = progress.today_stats(db.session, row, now=clock.now())
    assert today.reviewed == learner.reviews[day] == at_0330  # all on the night-owl's day

    clock.set(local(day + timedelta(days=1), 4, 30))
    assert learner.study_day() == day + timedelta(days=1)
    with app.app_context():
        row = db.session.get(User, user_id)
        assert progress.today_stats(db.session, row, now=clock.now()).reviewed == 0  # a new day
    status = client.get("/api/v1/review/status").get_json()
    introduced = sum(learner.introduced.values())
    assert status["counts"]["new"] == min(NEW_PER_DAY, 40 - introduced)  # the limit is back
    response = client.get("/api/v1/review/next")
    if response.status_code == 200:  # one card at 04:30, counted on the new day
        card = response.get_json()["card"]
        learner.answer(card, learner.rating(card))
        assert learner.reviews[day + timedelta(days=1)] == 1
