"""The whole article bank as one quiz: every question renders on its page, takes its right
answer through the API, and the attempt scores full marks with one review logged per answer."""

from __future__ import annotations

from sqlalchemy import func, select

from question_bank import article
from quizapp.extensions import db
from quizapp.models import QuestionSet, ReviewLog
from quizapp.services import question_sets
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

    started = client.post(f"/api/v1/sets/{set_id}/attempts", headers=headers)
    assert started.status_code == 201
    attempt = started.get_json()
    assert len(attempt["questions"]) == len(bank) == 113

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
    assert result["max_score"] == 113
    assert result["score"] == 113
    assert all(r["correct"] for r in result["results"])
    with app.app_context():
        logged = db.session.execute(
            select(func.count(ReviewLog.id)).where(ReviewLog.user_id == user.id)
        ).scalar_one()
        # Every question tests a fact; each fact's card gets one review per question about it.
        assert logged == 113
        assert db.session.get(QuestionSet, set_id).builtin_key == "article"
