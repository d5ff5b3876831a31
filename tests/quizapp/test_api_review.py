"""The review JSON API: every rule of the issue, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

import pytest

from tests.conftest import PASSWORD, make_test_app
from tests.quizapp.review_helpers import (
    api_login,
    api_next,
    api_review,
    card_ids,
    log_count,
    make_deck,
    review_due_now,
    set_user,
    snapshot,
    state_of,
)


def test_login_is_required(client):
    assert client.get("/api/v1/review/next").status_code == 401
    assert client.post("/api/v1/review", json={"card_id": 1, "rating": 3}).status_code == 401
    assert client.post("/api/v1/review/undo").status_code == 401


def test_next_card_payload(client, factories):
    api_login(client, factories)
    set_id = make_deck(factories, 8)
    response = api_next(client, set_id)
    assert response.status_code == 200
    body = response.get_json()
    card = body["card"]
    assert card["id"] == card_ids(client.application, set_id)[0]
    assert card["front"].startswith("Fact number 0")
    assert card["back"] == "answer 0"
    assert card["source"] == {
        "quote": "The article's sentence behind fact 0.",
        "start": 0,
        "end": 40,
    }
    assert card["kind"] == "new" and card["version"] == 0 and card["flagged"] is False
    # a new card with Anki's default steps (1m 10m) and FSRS's default parameters
    assert body["intervals"] == {"again": "<1m", "hard": "6m", "good": "10m", "easy": "8d"}
    assert body["counts"] == {"new": 8, "learning": 0, "review": 0}


def test_204_when_nothing_is_due(client, factories, clock):
    user = api_login(client, factories)
    set_id = make_deck(factories, 2)
    set_user(client.application, user.id, new_cards_per_day=1)
    review_due_now(client, set_id, rating=4)  # Easy: due in days
    response = api_next(client, set_id)
    assert response.status_code == 204
    assert response.get_data() == b""
    status = client.get("/api/v1/review/status", query_string={"set": set_id}).get_json()
    assert status["counts"] == {"new": 0, "learning": 0, "review": 0}
    # the other new card waits for tomorrow's limit: the next 4 a.m. (UTC here)
    assert status["next_due"] == "2026-03-03T04:00:00+00:00"
    clock.advance(days=1)
    assert api_next(client, set_id).status_code == 200


def test_review_answer_and_time_travel(client, factories, clock):
    api_login(client, factories)
    set_id = make_deck(factories, 3)
    first = review_due_now(client, set_id, rating=3)
    answer = first["answer"]
    assert set(answer) >= {"card_id", "due", "state", "stability", "difficulty"}
    assert answer["card_id"] == first["shown"]["card"]["id"]
    assert answer["state"] == "learning"
    assert datetime.fromisoformat(answer["due"]) == clock.now() + timedelta(minutes=10)
    assert answer["counts"] == {"new": 2, "learning": 1, "review": 0}
    card_id = answer["card_id"]
    clock.advance(minutes=10)
    graduated = api_review(client, card_id, 3).get_json()
    assert graduated["state"] == "review"
    due = datetime.fromisoformat(graduated["due"])
    # FSRS's first interval for Good, Good: 2 days, due at the start of that study day
    # (the learner is in UTC: 04:00 UTC), not at the time of day of the review
    assert due == datetime.combine(clock.now().date() + timedelta(days=2), time(4), tzinfo=UTC)
    # not due tomorrow; due when the clock moves on
    clock.advance(days=1)
    assert card_id not in _queue_ids(client, set_id)
    clock.advance(days=1)
    assert api_next(client, set_id).get_json()["card"]["id"] == card_id


def _queue_ids(client, set_id) -> set[int]:
    ids, exclude = set(), []
    while True:
        response = api_next(client, set_id, exclude=",".join(map(str, exclude)))
        if response.status_code == 204:
            return ids
        card_id = response.get_json()["card"]["id"]
        ids.add(card_id)
        exclude.append(card_id)


def test_a_retry_returns_the_first_answer_and_records_nothing(client, factories, clock):
    user = api_login(client, factories)
    set_id = make_deck(factories, 3)
    card_id = api_next(client, set_id).get_json()["card"]["id"]
    first = api_review(client, card_id, 3, review_id="abc-1", duration_ms=4200)
    assert first.status_code == 200
    before = snapshot(client.application)
    clock.advance(days=2)  # even much later
    again = api_review(client, card_id, 3, review_id="abc-1", duration_ms=4200)
    assert again.status_code == 200
    core = ("card_id", "due", "state", "stability", "difficulty")
    assert {k: again.get_json()[k] for k in core} == {k: first.get_json()[k] for k in core}
    assert again.get_json()["retried"] is True and first.get_json()["retried"] is False
    assert snapshot(client.application) == before
    assert log_count(client.application, user.id) == 1
    # the same id for another review is refused, and changes nothing
    other = api_review(client, card_id, 1, review_id="abc-1")
    assert other.status_code == 409
    assert other.get_json()["error"]["code"] == "review_id_reused"
    assert snapshot(client.application) == before


@pytest.mark.parametrize(
    "body",
    [
        {"rating": 0},
        {"rating": 5},
        {"rating": "3"},
        {"rating": 2.5},
        {"rating": True},
        {"rating": None},
        {"card_id": 999999},
        {"card_id": "1"},
        {"card_id": None},
        {"review_id": ""},
        {"review_id": "x" * 65},
        {"review_id": 12},
        {"duration_ms": -1},
        {"duration_ms": "fast"},
        {"version": "2"},
        {"set": "all-of-them"},
    ],
)
def test_bad_requests_are_400_and_change_nothing(client, factories, body):
    api_login(client, factories)
    set_id = make_deck(factories, 3)
    card_id = review_due_now(client, set_id, rating=1)["answer"]["card_id"]
    before = snapshot(client.application)
    response = client.post("/api/v1/review", json={"card_id": card_id, "rating": 3, **body})
    assert response.status_code == 400, response.get_json()
    assert set(response.get_json()["error"]) == {"code", "message"}
    assert snapshot(client.application) == before


def test_not_json_is_400(client, factories):
    api_login(client, factories)
    response = client.post("/api/v1/review", data="rating=3", content_type="text/plain")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid"


def test_a_card_not_due_is_400_and_changes_nothing(client, factories, clock):
    user = api_login(client, factories)
    set_id = make_deck(factories, 3)
    card_id = review_due_now(client, set_id, rating=4)["answer"]["card_id"]  # due in 8 days
    clock.advance(days=2)
    before = snapshot(client.application)
    response = api_review(client, card_id, 3)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "not_due"
    assert snapshot(client.application) == before
    # a learning card is due to the minute, up to 20 minutes early (Anki's learn ahead)
    learning = review_due_now(client, set_id, rating=1)["answer"]["card_id"]
    set_user(client.application, user.id, learning_steps="1m 1h")
    clock.advance(minutes=1)
    assert api_review(client, learning, 3).status_code == 200  # now due in an hour
    assert api_review(client, learning, 3).get_json()["error"]["code"] == "not_due"
    clock.advance(minutes=41)
    assert api_review(client, learning, 3).status_code == 200  # 19 minutes early


def test_a_card_of_someone_elses_private_set_is_unknown(client, factories):
    owner = factories.user()
    private = factories.question_set(name="Mine", owner_id=owner.id, public=False)
    api_login(client, factories)
    card_id = card_ids(client.application, private)[0]
    before = snapshot(client.application)
    response = api_review(client, card_id, 3)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "unknown_card"
    assert snapshot(client.application) == before
    assert api_next(client, private).status_code == 404
    assert client.get("/api/v1/review/next?set=abc").status_code == 400


def test_a_stale_version_is_409(client, factories):
    api_login(client, factories)
    set_id = make_deck(factories, 3)
    shown = api_next(client, set_id).get_json()["card"]
    assert api_review(client, shown["id"], 1, version=shown["version"]).status_code == 200
    before = snapshot(client.application)
    stale = api_review(client, shown["id"], 3, version=shown["version"])
    assert stale.status_code == 409
    assert stale.get_json()["error"]["code"] == "conflict"
    assert snapshot(client.application) == before


def test_undo(client, factories, clock):
    user = api_login(client, factories)
    app = client.application
    set_id = make_deck(factories, 3)
    first = review_due_now(client, set_id, rating=4)["answer"]["card_id"]
    clock.advance(days=10)
    before = state_of(app, user.id, first)
    lapse = api_review(client, first, 1)
    assert lapse.status_code == 200 and lapse.get_json()["state"] == "relearning"
    assert log_count(app, user.id) == 2
    undone = client.post("/api/v1/review/undo", json={"set": set_id})
    assert undone.status_code == 200
    body = undone.get_json()
    assert body["undone"]["card_id"] == first and body["undone"]["rating"] == 1
    assert body["undone"]["action"] == "review"
    assert body["undone"]["message"] == "Undone: your last answer."
    assert body["restored"]["state"] == "review"
    assert body["next"]["card"]["id"] == first  # shown again
    after = state_of(app, user.id, first)
    assert {k: v for k, v in after.items() if k != "version"} == {
        k: v for k, v in before.items() if k != "version"
    }
    assert log_count(app, user.id) == 1
    # the first review was ten days ago: undo reaches back to the start of today only
    nothing = client.post("/api/v1/review/undo")
    assert nothing.status_code == 400
    assert nothing.get_json()["error"]["code"] == "nothing_to_undo"


def test_another_users_state_is_untouched(client, factories, clock):
    app = client.application
    set_id = make_deck(factories, 3)
    first = api_login(client, factories)
    card_id = review_due_now(client, set_id, rating=3)["answer"]["card_id"]
    mine = state_of(app, first.id, card_id)
    second = api_login(client, factories)
    assert review_due_now(client, set_id, rating=1)["answer"]["card_id"] == card_id
    assert client.post("/api/v1/review/undo").status_code == 200
    assert client.post("/api/v1/review/undo").status_code == 400  # nothing of *theirs* left
    assert state_of(app, first.id, card_id) == mine
    assert state_of(app, second.id, card_id) is None
    assert log_count(app, first.id) == 1


def test_leech_is_told(client, factories, clock):
    user = api_login(client, factories)
    set_user(client.application, user.id, relearning_steps="")  # Again keeps it in review
    set_id = make_deck(factories, 2)
    card_id = review_due_now(client, set_id, rating=4)["answer"]["card_id"]
    answers = []
    for _ in range(8):
        clock.advance(days=40)
        answers.append(api_review(client, card_id, 1).get_json())
    assert [a["leech"] for a in answers] == [False] * 7 + [True]
    assert state_of(client.application, user.id, card_id)["suspended"] is True
    flags = client.get(f"/api/v1/review/cards/{card_id}").get_json()["flags"]
    assert flags["leech"] is True and flags["suspended"] is True


def test_suspend_bury_flag(client, factories, clock):
    api_login(client, factories)
    set_id = make_deck(factories, 3)
    ids = card_ids(client.application, set_id)
    flagged = client.post(f"/api/v1/review/cards/{ids[0]}/flag")
    assert flagged.get_json() == {
        "card_id": ids[0],
        "suspended": False,
        "buried_until": None,
        "flagged": True,
        "leech": False,
    }
    assert api_next(client, set_id).get_json()["card"]["flagged"] is True
    buried = client.post(f"/api/v1/review/cards/{ids[0]}/bury").get_json()
    assert buried["buried_until"] == "2026-03-03T04:00:00+00:00"
    client.post(f"/api/v1/review/cards/{ids[1]}/suspend", json={"suspended": True})
    assert api_next(client, set_id).get_json()["card"]["id"] == ids[2]
    assert api_next(client, set_id).get_json()["counts"]["new"] == 1
    client.post(f"/api/v1/review/cards/{ids[1]}/suspend", json={"suspended": False})
    assert api_next(client, set_id).get_json()["counts"]["new"] == 2
    bad = client.post(f"/api/v1/review/cards/{ids[1]}/suspend", json={"suspended": "yes"})
    assert bad.status_code == 400
    assert client.post("/api/v1/review/cards/999999/flag").status_code == 404


def test_settings_api(client, factories):
    api_login(client, factories)
    settings = client.get("/api/v1/review/settings").get_json()
    assert settings["desired_retention"] == 0.9 and settings["new_cards_per_day"] == 20
    assert settings["fitted_parameters"] is False
    bad = client.patch(
        "/api/v1/review/settings", json={"desired_retention": 0.6, "timezone": "Nowhere"}
    )
    assert bad.status_code == 400
    assert set(bad.get_json()["error"]["fields"]) == {"desired_retention", "timezone"}
    assert client.get("/api/v1/review/settings").get_json() == settings
    good = client.patch("/api/v1/review/settings", json={"new_cards_per_day": 5})
    assert good.get_json()["new_cards_per_day"] == 5


def test_card_history_api(client, factories, clock):
    api_login(client, factories)
    set_id = make_deck(factories, 2)
    card_id = review_due_now(client, set_id, rating=3, duration_ms=3000)["answer"]["card_id"]
    clock.advance(minutes=10)
    api_review(client, card_id, 3)
    body = client.get(f"/api/v1/review/cards/{card_id}").get_json()
    assert [h["rating"] for h in body["history"]] == [3, 3]
    assert body["history"][0]["duration_ms"] == 3000
    assert body["history"][1]["interval_days"] == 2
    assert body["state"]["state"] == "review"
    assert body["state"]["interval_days"] == 2
    assert body["lasts_days"] == body["state"]["stability"]
    assert 0.85 < body["recall_when_due"] < 0.95  # on its due day, not "100% now"
    assert "retrievability" not in body


def test_openapi_lists_the_review_paths(client):
    document = client.get("/api/v1/openapi.json").get_json()
    for path in (
        "/review/next",
        "/review",
        "/review/undo",
        "/review/status",
        "/review/cards/{card_id}",
        "/review/cards/{card_id}/suspend",
        "/review/cards/{card_id}/bury",
        "/review/cards/{card_id}/flag",
        "/review/settings",
    ):
        assert path in document["paths"], path
    post = document["paths"]["/review"]["post"]
    assert set(post["responses"]) >= {"200", "400", "401", "409"}
    assert "204" in document["paths"]["/review/next"]["get"]["responses"]
    result = document["components"]["schemas"]["ReviewResult"]
    assert result["required"] == ["card_id", "due", "state", "stability", "difficulty"]


def test_session_calls_need_the_csrf_header(database_url, clock, app, factories):
    """In the browser the API rides on the session cookie: X-CSRFToken is required."""
    csrf_app = make_test_app(database_url, clock, WTF_CSRF_ENABLED=True)
    client = csrf_app.test_client()
    user = factories.user()
    login_page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', login_page).group(1)
    client.post(
        "/auth/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    set_id = make_deck(factories, 2)
    page = client.get(f"/review/sets/{set_id}").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    card_id = api_next(client, set_id).get_json()["card"]["id"]
    refused = client.post("/api/v1/review", json={"card_id": card_id, "rating": 3})
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "csrf"
    accepted = client.post(
        "/api/v1/review",
        json={"card_id": card_id, "rating": 3},
        headers={"X-CSRFToken": token},
    )
    assert accepted.status_code == 200
    with csrf_app.app_context():
        from quizapp.extensions import db

        db.engine.dispose()
