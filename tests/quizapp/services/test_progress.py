"""Progress figures, computed by hand for a small known history (in Paris, UTC+1)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Rating
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Card, CardState, User
from quizapp.services import progress, scheduling
from tests.quizapp.review_helpers import card_ids, make_deck, set_user

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)  # Monday, 10:30 in Paris
DECAY = -0.1542  # FSRS-6's default decay (parameter 20)
FACTOR = 0.9 ** (1 / DECAY) - 1

# (card index in the deck, rating, when (UTC), duration ms, origin)
HISTORY = [
    (4, 4, datetime(2026, 1, 1, 12, tzinfo=UTC), 3000, "review"),  # a place, long ago
    (4, 3, datetime(2026, 1, 17, 12, tzinfo=UTC), 5000, "review"),
    (3, 4, datetime(2026, 3, 2, 2, 30, tzinfo=UTC), 1000, "review"),  # 03:30 Paris: 1 March
    (0, 3, datetime(2026, 3, 2, 9, 0, tzinfo=UTC), 4000, "review"),
    (1, 1, datetime(2026, 3, 2, 9, 1, tzinfo=UTC), 6000, "review"),
    (0, 3, datetime(2026, 3, 2, 9, 10, tzinfo=UTC), 2000, "review"),
    (2, 3, datetime(2026, 3, 2, 9, 20, tzinfo=UTC), None, "quiz_recall"),
]


@pytest.fixture
def learner(app, factories, clock):
    """A learner in Paris with the history above, on a deck of 8 cards: two per category
    (0-1 actor, 2-3 date, 4-5 place, 6-7 outcome)."""
    user = factories.user()
    set_user(app, user.id, timezone="Europe/Paris")
    ids = card_ids(app, make_deck(factories, 8))
    with app.app_context():
        row = db.session.get(User, user.id)
        for index, rating, moment, duration, origin in HISTORY:
            scheduling.apply_review(
                db.session,
                user=row,
                card=db.session.get(Card, ids[index]),
                rating=Rating(rating),
                now=moment,
                origin=origin,
                duration_ms=duration,
            )
            db.session.commit()
    clock.set(NOW)
    return user, ids


def _state(card_id: int) -> CardState:
    return db.session.execute(select(CardState).where(CardState.card_id == card_id)).scalar_one()


def test_today(app, learner):
    user, _ = learner
    with app.app_context():
        today = progress.today_stats(db.session, db.session.get(User, user.id), now=NOW)
    # today began at 04:00 in Paris (03:00 UTC): the review at 03:30 Paris was yesterday's
    assert today.reviewed == 4
    assert today.from_quizzes == 1
    assert today.time_spent_ms == 4000 + 6000 + 2000
    assert today.recalled == 3  # one Again
    assert today.retention == pytest.approx(0.75)


def test_heatmap(app, learner):
    user, _ = learner
    with app.app_context():
        days = progress.heatmap(db.session, db.session.get(User, user.id), now=NOW)
    assert len(days) == 365
    assert days[-1].day == date(2026, 3, 2) and days[0].day == date(2025, 3, 3)
    counts = {d.day: d.count for d in days if d.count}
    assert counts == {
        date(2026, 1, 1): 1,
        date(2026, 1, 17): 1,
        date(2026, 3, 1): 1,  # 03:30 in Paris belongs to the day before
        date(2026, 3, 2): 4,
    }


def test_forecast(app, learner):
    user, ids = learner
    with app.app_context():
        days = progress.forecast(db.session, db.session.get(User, user.id), now=NOW)
        place_due = _state(ids[4]).due
    assert len(days) == 30 and days[0].day == date(2026, 3, 2)
    expected = [0] * 30
    expected[0] += 2  # the Again (due 09:02) and the quiz answer (learning, due 09:30)
    expected[2] += 1  # Good, Good today: 2 days, due Wednesday 4 March at 4 a.m.
    expected[7] += 1  # Easy at 03:30 Paris on 2 March (1 March's study day): 8 days, the 9th
    local = place_due.astimezone(PARIS)
    place_day = (local - timedelta(hours=4)).date()
    offset = max((place_day - date(2026, 3, 2)).days, 0)
    if offset < 30:
        expected[offset] += 1
    assert [d.count for d in days] == expected


def _recall(stability: float, days: int) -> float:
    return (1 + FACTOR * days / stability) ** DECAY


def test_categories(app, learner):
    user, ids = learner
    with app.app_context():
        stats = {
            c.category: c
            for c in progress.categories(db.session, db.session.get(User, user.id), now=NOW)
        }
        actor = [_state(ids[0]), _state(ids[1])]
        date_card = _state(ids[3])
        place = _state(ids[4])
    assert list(stats) == ["actor", "date", "place", "outcome"]
    assert [(c.cards, c.studied) for c in stats.values()] == [(2, 2), (2, 2), (2, 1), (2, 0)]
    # actor: one card in review (Good, Good), one just failed (learning: no due day yet)
    assert stats["actor"].learning == 1
    assert stats["actor"].recall_when_due == pytest.approx(
        _recall(actor[0].stability, actor[0].scheduled_days)
    )
    assert stats["actor"].lasts_days == pytest.approx(
        (actor[0].stability + actor[1].stability) / 2  # the median of two
    )
    assert stats["actor"].recall_when_due < 0.95  # not "100% now" for what was just seen
    # date: the Easy card is in review; the quiz's card is learning
    assert stats["date"].recall_when_due == pytest.approx(
        _recall(date_card.stability, date_card.scheduled_days)
    )
    assert stats["actor"].mature == 0 and stats["date"].mature == 0
    # place: Easy, then Good 16 days later: a long interval, due after today, so its
    # predicted recall when due is about the desired retention
    assert place.scheduled_days >= 21
    assert stats["place"].mature == 1 and stats["place"].mature_share == pytest.approx(0.5)
    assert place.last_day + timedelta(days=place.scheduled_days) > date(2026, 3, 2)
    expected = _recall(place.stability, place.scheduled_days)
    assert stats["place"].recall_when_due == pytest.approx(expected)
    assert 0.88 < expected < 0.92
    assert stats["outcome"].recall_when_due is None and stats["outcome"].lasts_days is None
    assert stats["outcome"].mature_share == 0


def test_card_history(app, learner):
    user, ids = learner
    with app.app_context():
        row = db.session.get(User, user.id)
        history = progress.card_history(db.session, row, ids[0], now=NOW)
        assert [e.rating_name for e in history.entries] == ["Good", "Good"]
        assert [e.duration_ms for e in history.entries] == [4000, 2000]
        assert history.entries[0].retrievability_before is None  # it was new
        assert history.entries[1].retrievability_before == pytest.approx(1.0)  # same day
        assert history.entries[0].interval_after_days == pytest.approx(10 / 1440)
        assert history.entries[1].interval_after_days == 2
        state = _state(ids[0])
        assert history.lasts_days == state.stability
        assert history.recall_when_due == pytest.approx(_recall(state.stability, 2))
        failed = progress.card_history(db.session, row, ids[1], now=NOW)
        assert failed.recall_when_due is None  # just failed: being learnt, not "100% now"
        place = progress.card_history(db.session, row, ids[4], now=NOW)
        assert place.entries[1].retrievability_before == pytest.approx(
            _recall(place.entries[0].stability_after, 16)
        )
        assert place.source["quote"] == "The article's sentence behind fact 4."


def test_progress_page_shows_the_figures(client, auth, app, learner):
    user, ids = learner
    client.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    html = client.get("/review/progress").get_data(as_text=True)
    assert re.search(r'data-figure="reviewed">4<', html)
    assert re.search(r'data-figure="time">12 s<', html)
    assert re.search(r'data-figure="retention">75%<', html)
    assert "3 of 4 recalled" in html
    assert "7 reviews in 12 months on 4 days" in html
    assert "4 reviews on Mon 2 Mar 2026" in html
    assert "1 review on Sun 1 Mar 2026" in html
    assert re.search(r'data-category="place">.*?data-figure="mature">50%<', html, re.S)
    assert "Days end at 4 a.m. (Europe/Paris)" in html
    # honest figures: no "recall chance now" (100% for a card just failed)
    assert "recall chance now" not in html.lower() and "100%" not in html
    assert "Predicted recall when due" in html and "Memory lasts" in html
    assert re.search(r"Your weakest memories.*?being learnt", html, re.S)
    assert "FSRS default parameters" in html
    history = client.get(f"/review/cards/{ids[0]}").get_data(as_text=True)
    assert history.count('<span class="rating rating-3">Good</span>') == 2
    assert "Mon 2 Mar 2026, 10:00" in history  # in the learner's time zone
