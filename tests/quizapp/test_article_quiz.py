"""The whole article bank as one quiz: every question renders on its page, takes its right
answer through the API, and the attempt scores full marks; for a learner who has learnt
every card, the quiz is one piece of evidence per card that a recall question tests."""

from __future__ import annotations

from fsrs import Rating
from sqlalchemy import select

from question_bank import article
from quizapp.extensions import db
from quizapp.models import Card, QuestionSet, ReviewLog, User
from quizapp.services import question_sets, scheduling
from tests.conftest import PASSWORD
from tests.quizapp.quiz_helpers import as_shown


def _load_article_bank(app, clock) -> int:
    with app.app_context():
        report = question_sets.load_builtin(
            db.session, article.load_bank(), key="article", now=clock.now()
        )
        return report.set_id


def test_take_the_whole_article_bank(app, client, factories, clock):
    set_id = _load_article_bank(app, clock)
    bank = {q.id: q for q in article.load_bank().questions}
    user = factories.user()
    token = client.post(
        "/api/v1/tokens", json={"email": user.email, "password": PASSWORD}
    ).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    with app.app_context():  # every card learnt (Easy: in review), and due
        row = db.session.get(User, user.id)
        cards = {c.key: c for c in db.session.execute(select(Card)).scalars()}
        for card in cards.values():
            scheduling.apply_review(
                db.session, user=row, card=card, rating=Rating.Easy, now=clock.now()
            )
        db.session.commit()
        card_ids = {key: card.id for key, card in cards.items()}
    clock.advance(days=30)

    started = client.post(
        f"/api/v1/sets/{set_id}/attempts", json={"questions": "all"}, headers=headers
    )
    assert started.status_code == 201
    attempt = started.get_json()
    assert len(attempt["questions"]) == len(bank)

    client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    for number, shown in enumerate(attempt["questions"], start=1):
        page = client.get(f"/quiz/attempts/{attempt['id']}/q/{number}")
        assert page.status_code == 200, shown["id"]
        assert "{{1}}" not in page.get_data(as_text=True)
        real = bank[shown["id"]].correct_response()
        with app.app_context():  # in the names the attempt shows
            response = as_shown(db.session, attempt["id"], shown["id"], real)
        saved = client.put(
            f"/api/v1/attempts/{attempt['id']}/answers/{shown['id']}",
            json={"response": response},
            headers=headers,
        )
        assert saved.status_code == 200, (shown["id"], saved.get_json())

    result = client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=headers).get_json()
    assert result["max_score"] == len(bank)
    assert result["score"] == len(bank)
    assert all(r["correct"] for r in result["results"])
    with app.app_context():
        logged = db.session.execute(
            select(ReviewLog.card_id, ReviewLog.rating, ReviewLog.origin).where(
                ReviewLog.user_id == user.id, ReviewLog.origin != "review"
            )
        ).all()
        # One review per card that a recall question tests (all right: Good); the cards only
        # recognition questions test get none: picking the right option proves no recall.
        recalled = {
            card_ids[q.card_id or q.id]
            for q in bank.values()
            if q.gradable and q.evidence == "recall"
        }
        assert sorted(logged) == sorted((c, Rating.Good, "quiz_recall") for c in recalled)
        assert 0 < len(recalled) < len(card_ids)
        assert db.session.get(QuestionSet, set_id).builtin_key == "article"


def test_the_article_quiz_is_twenty_questions_unless_the_learner_chooses(
    app, client, factories, clock
):
    set_id = _load_article_bank(app, clock)
    bank = article.load_bank().questions
    client.post("/auth/login", data={"email": factories.user().email, "password": PASSWORD})

    page = client.get(f"/quiz/sets/{set_id}").get_data(as_text=True)
    assert f"20, drawn at random from {len(bank)}" in page
    assert 'value="20" checked' in page and 'id="size-all" name="size" value="all">' in page
    started = client.post(f"/quiz/sets/{set_id}", data={"learner_choice": "1", "size": "20"})
    attempt = client.get(f"/api/v1/attempts/{_attempt_id(started)}").get_json()
    assert len(attempt["questions"]) == 20
    assert len({q["id"] for q in attempt["questions"]}) == 20
    client.post(f"/api/v1/attempts/{attempt['id']}/submit")

    # A practice quiz of one category, all of its questions.
    dates = [q for q in bank if q.category == "date" and q.answerable]
    page = client.get(f"/quiz/sets/{set_id}?category=date").get_data(as_text=True)
    assert 'value="date" checked' in page and 'value="actor" checked' not in page
    chosen = client.post(
        f"/quiz/sets/{set_id}",
        data={"learner_choice": "1", "size": "all", "category": "date"},
    )
    attempt = client.get(f"/api/v1/attempts/{_attempt_id(chosen)}").get_json()
    assert len(attempt["questions"]) == len(dates) > 0
    assert {q["category"] for q in attempt["questions"]} == {"date"}
    client.post(f"/api/v1/attempts/{attempt['id']}/submit")

    refused = client.post(
        f"/quiz/sets/{set_id}", data={"learner_choice": "1", "category": "weather"}
    )
    assert refused.status_code == 400
    assert "no questions in the category weather" in refused.get_data(as_text=True)
    api = client.post(f"/api/v1/sets/{set_id}/attempts", json={"questions": 0})
    assert api.status_code == 400 and api.get_json()["error"]["code"] == "invalid_choice"


def test_an_instructors_set_keeps_its_own_options(app, client, factories):
    from tests.quizapp.quiz_helpers import make_set, mc

    set_id = make_set(app, factories, [mc(f"q{i}") for i in range(30)])
    client.post("/auth/login", data={"email": factories.user().email, "password": PASSWORD})
    page = client.get(f"/quiz/sets/{set_id}").get_data(as_text=True)
    assert 'name="size"' not in page and "<dd>30</dd>" in page
    refused = client.post(f"/api/v1/sets/{set_id}/attempts", json={"questions": 5})
    assert refused.status_code == 400
    assert refused.get_json()["error"]["code"] == "options_fixed"
    started = client.post(f"/api/v1/sets/{set_id}/attempts")
    assert len(started.get_json()["questions"]) == 30


def _attempt_id(response) -> int:
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].split("/attempts/")[1].split("/")[0])
