"""The quiz JSON API: /api/v1/sets and /api/v1/attempts, with bearer tokens."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Attempt, QuestionSet, ReviewLog
from tests.conftest import PASSWORD
from tests.quizapp.quiz_helpers import (
    RIGHT_ANSWERS,
    as_text,
    by_text,
    count_models_built,
    counted_statements,
    every_type,
    find_question,
    make_set,
    mc,
)

REVEALING = {"weight", "correct", "accepted", "answer_display", "numeric", "pairs"}


def keys_anywhere(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            found |= keys_anywhere(item)
    elif isinstance(value, list):
        for item in value:
            found |= keys_anywhere(item)
    return found


class Api:
    def __init__(self, client, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path):
        return self.client.get(f"/api/v1{path}", headers=self.headers)

    def post(self, path, json=None):
        return self.client.post(f"/api/v1{path}", json=json, headers=self.headers)

    def put(self, path, json=None, **kwargs):
        return self.client.put(f"/api/v1{path}", json=json, headers=self.headers, **kwargs)

    def answer(self, attempt_id, question_id, response, **extra):
        return self.put(
            f"/attempts/{attempt_id}/answers/{question_id}", {"response": response, **extra}
        )

    def answer_text(self, attempt, question_id, answer, **extra):
        """Answer with texts (``by_text``), read in ``attempt``, the attempt's JSON."""
        question = find_question(attempt, question_id)
        return self.answer(attempt["id"], question_id, by_text(question, answer), **extra)


@pytest.fixture
def api_for(client, factories):
    def make(role: str = "student"):
        account = factories.user(role=role)
        response = client.post(
            "/api/v1/tokens", json={"email": account.email, "password": PASSWORD}
        )
        return Api(client, response.get_json()["token"]), account

    return make


def test_calls_need_a_token(client):
    for response in (
        client.get("/api/v1/sets"),
        client.post("/api/v1/sets/1/attempts"),
        client.get("/api/v1/attempts/1"),
        client.put("/api/v1/attempts/1/answers/q1", json={"response": "a"}),
        client.post("/api/v1/attempts/1/submit"),
    ):
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "unauthenticated"


def test_list_sets(app, factories, api_for):
    api, student = api_for()
    instructor = factories.user(role="instructor")
    public_id = make_set(app, factories, every_type(), question_count=3)
    own_id = make_set(app, factories, [mc("q1")], owner_id=student.id, public=False)
    make_set(app, factories, [mc("q1")], owner_id=instructor.id, public=False)
    deleted_id = make_set(app, factories, [mc("q1")])
    with app.app_context():
        question_set = db.session.get(QuestionSet, deleted_id)
        question_set.deleted_at = question_set.created_at
        db.session.commit()
    response = api.get("/sets")
    assert response.status_code == 200
    assert sorted(response.get_json(), key=lambda s: s["id"]) == [
        {"id": public_id, "name": "Sample set", "question_count": 3},
        {"id": own_id, "name": "Sample set", "question_count": 1},
    ]


def test_start_gives_the_questions_without_answers(app, factories, api_for):
    api, _ = api_for()
    set_id = make_set(app, factories, every_type(), shuffle_choices=True)
    response = api.post(f"/sets/{set_id}/attempts")
    assert response.status_code == 201
    data = response.get_json()
    assert set(data) >= {"id", "questions", "deadline", "feedback_mode", "submitted"}
    assert data["resumed"] is False and data["submitted"] is False and data["max_score"] == 7
    questions = {q["id"]: q for q in data["questions"]}
    assert list(questions) == [q["id"] for q in every_type()]
    assert not keys_anywhere(data) & REVEALING
    assert "general_feedback" not in keys_anywhere(data) and "source" not in keys_anywhere(data)
    # Every choice, item and option under a name of the attempt's own, never the file's.
    assert {c["text"] for c in questions["q-mc"]["choices"]} == {"Baghouz", "Raqqa", "Mosul"}
    assert not {c["id"] for c in questions["q-mc"]["choices"]} & {"a", "b", "c"}
    assert [c["id"] for c in questions["q-tf"]["choices"]] == ["true", "false"]
    assert sorted(i["text"] for i in questions["q-match"]["items"]) == ["Baghouz", "Raqqa"]
    assert not {i["id"] for i in questions["q-match"]["items"]} & {"i1", "i2"}
    assert sorted(o["text"] for o in questions["q-match"]["options"]) == [
        "Former capital",
        "Last stand",
    ]
    assert not {o["id"] for o in questions["q-match"]["options"]} & {"o1", "o2"}
    assert questions["q-cloze"]["blanks"] == 2
    assert questions["intro"]["answerable"] is False
    assert all(q["response"] is None and q["answered"] is False for q in data["questions"])

    again = api.post(f"/sets/{set_id}/attempts")
    assert again.status_code == 200 and again.get_json()["resumed"] is True
    assert again.get_json()["id"] == data["id"]
    assert again.get_json()["questions"] == data["questions"]  # the same names on resuming


def test_start_errors(app, factories, api_for):
    api, _ = api_for()
    instructor = factories.user(role="instructor")
    private_id = make_set(app, factories, [mc("q1")], owner_id=instructor.id, public=False)
    assert api.post(f"/sets/{private_id}/attempts").status_code == 404
    assert api.post("/sets/4242/attempts").get_json()["error"]["code"] == "not_found"
    once_id = make_set(app, factories, [mc("q1")], attempts_allowed=1)
    attempt_id = api.post(f"/sets/{once_id}/attempts").get_json()["id"]
    api.post(f"/attempts/{attempt_id}/submit")
    refused = api.post(f"/sets/{once_id}/attempts")
    assert refused.status_code == 403
    assert refused.get_json()["error"] == {
        "code": "no_attempts_left",
        "message": "You have used all your attempts: this quiz can be taken once.",
    }


def test_answer_every_type_and_submit(app, factories, api_for):
    api, student = api_for()
    set_id = make_set(app, factories, every_type())
    attempt = api.post(f"/sets/{set_id}/attempts").get_json()
    attempt_id = attempt["id"]
    for key, response in RIGHT_ANSWERS.items():
        saved = api.answer_text(attempt, key, response)
        assert saved.status_code == 200, saved.get_json()
        body = saved.get_json()
        assert body["answered"] is True and body["changed"] is True and "result" not in body
    assert api.answer(attempt_id, "q-num", "11,000").get_json()["response"] == 11000.0

    state = api.get(f"/attempts/{attempt_id}").get_json()
    match = find_question(state, "q-match")
    assert as_text(match, match["response"]) == RIGHT_ANSWERS["q-match"]
    assert "results" not in state and not keys_anywhere(state) & REVEALING

    submitted = api.post(f"/attempts/{attempt_id}/submit")
    assert submitted.status_code == 200
    result = submitted.get_json()
    assert result["score"] == 7 and result["max_score"] == 7 and result["percent"] == 1
    by_id = {r["question_id"]: r for r in result["results"]}
    assert set(by_id) == set(RIGHT_ANSWERS)  # the description has no result
    assert by_id["q-mc"] == {
        "question_id": "q-mc",
        "status": "correct",
        "correct": True,
        "score": 1.0,
        "points": 1.0,
        "response": by_text(find_question(attempt, "q-mc"), "Baghouz"),
        "text_format": "plain",
        "answer_display": "Baghouz",
        "feedback": ["Yes, Baghouz."],
        "general_feedback": "Baghouz is on the Euphrates.",
        "source": "The SDF said the last ISIS stronghold, Baghouz, fell on 23 March 2019.",
    }
    assert by_id["q-essay"]["status"] == "ungraded" and by_id["q-essay"]["correct"] is None
    assert by_id["q-num"]["answer_display"] == "11000"

    again = api.post(f"/attempts/{attempt_id}/submit")
    assert again.get_json() == result
    with app.app_context():
        logs = db.session.execute(select(func.count(ReviewLog.id))).scalar_one()
        assert logs == 0  # the cards were never studied: a quiz leaves new cards new

    after = api.get(f"/attempts/{attempt_id}").get_json()
    assert after["submitted"] is True and len(after["results"]) == 8
    assert {q["id"]: q.get("result", {}).get("status") for q in after["questions"]}["q-tf"] == (
        "correct"
    )


def test_saving_is_idempotent(app, factories, api_for):
    api, _ = api_for()
    set_id = make_set(app, factories, [mc("q1"), mc("q2")])
    attempt = api.post(f"/sets/{set_id}/attempts").get_json()
    attempt_id = attempt["id"]
    first = api.answer_text(attempt, "q1", "Right").get_json()
    second = api.answer_text(attempt, "q1", "Right").get_json()
    assert first["changed"] is True and second["changed"] is False
    assert second["attempt_version"] == first["attempt_version"]
    cleared = api.answer(attempt_id, "q1", None).get_json()
    assert cleared["answered"] is False and cleared["response"] is None


def test_a_save_rebuilds_one_question_whatever_the_size(app, factories, api_for, monkeypatch):
    api, _ = api_for()
    built = count_models_built(monkeypatch)
    cost = {}
    for size in (3, 30):
        set_id = make_set(app, factories, [mc(f"q{i}") for i in range(size)])
        attempt = api.post(f"/sets/{set_id}/attempts").get_json()
        wrong = by_text(find_question(attempt, "q1"), "Wrong")
        built.clear()
        with counted_statements(app) as changing:
            first = api.answer(attempt["id"], "q1", wrong).get_json()
        with counted_statements(app) as repeating:
            again = api.answer(attempt["id"], "q1", wrong).get_json()
        assert first["question_id"] == again["question_id"] == "q1"
        assert first["changed"] and not again["changed"] and again["response"] == wrong
        cost[size] = (len(changing), len(repeating), list(built))
    assert cost[3] == cost[30]
    changing, repeating, built_keys = cost[30]
    assert built_keys == ["q1", "q1"]
    # The token; the attempt with the question; the claim of the attempt and the answer.
    assert changing <= 4 and repeating <= 2  # the same answer again writes nothing


@pytest.mark.parametrize(
    ("question_id", "body", "code"),
    [
        ("q-mc", {"response": "nope"}, "invalid_response"),
        ("q-mc", {"response": "a"}, "invalid_response"),  # the file's id: never shown
        ("q-mc", {"response": 3.5}, "invalid_response"),
        ("q-tf", {"response": 1}, "invalid_response"),
        ("q-mr", {"response": "sdf"}, "invalid_response"),
        ("q-num", {"response": "NaN"}, "invalid_response"),
        ("q-num", {"response": [11000]}, "invalid_response"),
        ("q-match", {"response": {"i1": "o1", "i3": "o2"}}, "invalid_response"),
        ("q-match", {"response": {"i1": "o1", "i2": "o2"}}, "invalid_response"),  # the file's
        ("q-cloze", {"response": ["a", "b", "c"]}, "invalid_response"),
        ("q-short", {"response": {"text": "x"}}, "invalid_response"),
        ("not-here", {"response": "a"}, "question_not_in_attempt"),
        ("q-mc", {"answer": "a"}, "invalid"),
        ("q-mc", ["a"], "invalid"),
        # What no database stores: refused at the boundary, on both engines.
        ("q-short", {"response": "Bali\x00"}, "bad_input"),
        ("q-short", {"response": "Bali\ud800"}, "bad_input"),
        ("q-cloze", {"response": ["March", "\x00"]}, "bad_input"),
        ("q-match", {"response": {"\x00": "x"}}, "bad_input"),
        ("q\x00mc", {"response": "x"}, "bad_input"),
        ("q-num", {"response": float("nan")}, "bad_input"),
    ],
)
def test_bad_answers_are_400_and_change_nothing(app, factories, api_for, question_id, body, code):
    api, _ = api_for()
    set_id = make_set(app, factories, every_type())
    attempt = api.post(f"/sets/{set_id}/attempts").get_json()
    attempt_id = attempt["id"]
    if question_id in RIGHT_ANSWERS:
        api.answer_text(attempt, question_id, RIGHT_ANSWERS[question_id])
    before = api.get(f"/attempts/{attempt_id}").get_json()
    response = api.put(f"/attempts/{attempt_id}/answers/{question_id}", body)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == code and error["message"]
    assert api.get(f"/attempts/{attempt_id}").get_json() == before


def test_answers_to_a_submitted_attempt_are_400(app, factories, api_for):
    api, _ = api_for()
    set_id = make_set(app, factories, [mc("q1")])
    attempt_id = api.post(f"/sets/{set_id}/attempts").get_json()["id"]
    api.post(f"/attempts/{attempt_id}/submit")
    response = api.answer(attempt_id, "q1", "anything")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "attempt_submitted"


def test_another_users_attempt_is_404(app, factories, api_for):
    owner_api, _ = api_for()
    other_api, _ = api_for()
    set_id = make_set(app, factories, [mc("q1")])
    attempt_id = owner_api.post(f"/sets/{set_id}/attempts").get_json()["id"]
    for response in (
        other_api.get(f"/attempts/{attempt_id}"),
        other_api.answer(attempt_id, "q1", "anything"),
        other_api.post(f"/attempts/{attempt_id}/submit"),
    ):
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "not_found"
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).submitted_at is None


def test_immediate_mode_returns_the_result_with_the_saved_answer(app, factories, api_for):
    api, _ = api_for()
    set_id = make_set(app, factories, every_type(), feedback_mode="immediate")
    attempt = api.post(f"/sets/{set_id}/attempts").get_json()
    attempt_id = attempt["id"]
    # Saving does not check: nothing is revealed, the answer can still change.
    kept = api.answer_text(attempt, "q-mr", ["US-led coalition"]).get_json()
    assert kept["locked"] is False and "result" not in kept and kept["answered"] is True
    nothing = api.answer(attempt_id, "q-mc", None, check=True)
    assert nothing.status_code == 400
    assert nothing.get_json()["error"]["code"] == "nothing_to_check"
    assert api.answer_text(attempt, "q-mc", "Baghouz", check="yes").status_code == 400
    saved = api.answer_text(attempt, "q-mr", ["SDF"], check=True).get_json()
    assert saved["locked"] is True
    assert saved["result"]["status"] == "partial" and saved["result"]["score"] == 0.5
    assert saved["result"]["answer_display"] == "SDF; US-led coalition"
    state = api.get(f"/attempts/{attempt_id}").get_json()
    questions = {q["id"]: q for q in state["questions"]}
    assert questions["q-mr"]["result"]["correct"] is False
    assert "result" not in questions["q-mc"]  # not answered yet: nothing revealed
    locked = api.answer_text(attempt, "q-mr", ["SDF", "US-led coalition"])
    assert locked.status_code == 400
    assert api.answer_text(attempt, "q-mr", ["SDF"], check=True).get_json()["changed"] is False
    assert locked.get_json()["error"]["code"] == "answer_locked"


def test_a_question_is_flagged_and_unflagged_until_submitted(app, factories, api_for):
    api, _ = api_for()
    set_id = make_set(app, factories, every_type())
    attempt = api.post(f"/sets/{set_id}/attempts").get_json()
    attempt_id = attempt["id"]
    chosen = api.answer_text(attempt, "q-mc", "Baghouz").get_json()["response"]
    flagged = api.put(f"/attempts/{attempt_id}/answers/q-mc", {"flagged": True})
    assert flagged.status_code == 200
    body = flagged.get_json()
    assert body["flagged"] is True and body["changed"] is True and body["response"] == chosen
    again = api.put(f"/attempts/{attempt_id}/answers/q-mc", {"flagged": True}).get_json()
    assert again["changed"] is False  # idempotent
    both = api.put(f"/attempts/{attempt_id}/answers/q-tf", {"response": "true", "flagged": True})
    assert both.get_json()["flagged"] is True and both.get_json()["answered"] is True
    state = {q["id"]: q for q in api.get(f"/attempts/{attempt_id}").get_json()["questions"]}
    assert [k for k, q in state.items() if q["flagged"]] == ["q-mc", "q-tf"]
    off = api.put(f"/attempts/{attempt_id}/answers/q-tf", {"flagged": False}).get_json()
    assert off["flagged"] is False and off["response"] == "true"
    for bad in ({}, {"flagged": "yes"}, {"flagged": 1}):
        refused = api.put(f"/attempts/{attempt_id}/answers/q-mc", bad)
        assert refused.status_code == 400, bad
    api.post(f"/attempts/{attempt_id}/submit")
    late = api.put(f"/attempts/{attempt_id}/answers/q-mc", {"flagged": False})
    assert late.status_code == 400 and late.get_json()["error"]["code"] == "attempt_submitted"
    review = {q["id"]: q for q in api.get(f"/attempts/{attempt_id}").get_json()["questions"]}
    assert review["q-mc"]["flagged"] is True  # kept for the review's filter


def test_time_up_refuses_and_submits(app, factories, api_for, clock):
    api, _ = api_for()
    set_id = make_set(app, factories, [mc("q1"), mc("q2")], time_limit_seconds=120)
    started = api.post(f"/sets/{set_id}/attempts").get_json()
    assert started["seconds_left"] == 120 and started["deadline"]
    api.answer_text(started, "q1", "Right")
    clock.advance(minutes=3)
    late = api.answer_text(started, "q2", "Right")
    assert late.status_code == 400
    assert late.get_json()["error"]["code"] == "time_up"
    state = api.get(f"/attempts/{started['id']}").get_json()
    assert state["submitted"] is True and state["score"] == 1


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_the_browser_session_needs_the_csrf_header(app, client, factories, app_config):
    """quiz.js calls the API with the session cookie and the page's X-CSRFToken header."""
    student = factories.user()
    login_page = client.get("/auth/login").get_data(as_text=True)
    token = login_page.split('name="csrf-token" content="')[1].split('"')[0]
    client.post(
        "/auth/login", data={"email": student.email, "password": PASSWORD, "csrf_token": token}
    )
    set_id = make_set(app, factories, [mc("q1")])
    refused = client.post(f"/api/v1/sets/{set_id}/attempts")
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "csrf"
    page = client.get(f"/quiz/sets/{set_id}").get_data(as_text=True)
    token = page.split('name="csrf-token" content="')[1].split('"')[0]
    headers = {"X-CSRFToken": token}
    accepted = client.post(f"/api/v1/sets/{set_id}/attempts", headers=headers)
    assert accepted.status_code == 201
    attempt_id = accepted.get_json()["id"]
    right = by_text(find_question(accepted.get_json(), "q1"), "Right")
    url = f"/api/v1/attempts/{attempt_id}/answers/q1"
    assert client.put(url, json={"response": right}).status_code == 400
    assert client.put(url, json={"response": right}, headers=headers).status_code == 200


def test_openapi_documents_the_quiz_endpoints(client):
    document = client.get("/api/v1/openapi.json").get_json()
    paths = document["paths"]
    assert "get" in paths["/sets"]
    assert "post" in paths["/sets/{set_id}/attempts"]
    assert "get" in paths["/attempts/{attempt_id}"]
    put = paths["/attempts/{attempt_id}/answers/{question_id}"]["put"]
    body = put["requestBody"]["content"]["application/json"]["schema"]
    assert body["anyOf"] == [{"required": ["response"]}, {"required": ["flagged"]}]
    assert set(body["properties"]) == {"response", "check", "flagged"}
    assert "post" in paths["/attempts/{attempt_id}/submit"]
    schemas = document["components"]["schemas"]
    for name in ("SetSummary", "Attempt", "AttemptQuestion", "Result", "Submission"):
        assert name in schemas
    # Every $ref points at a schema that exists.
    refs = {
        value.rsplit("/", 1)[1]
        for value in _walk(document)
        if isinstance(value, str) and value.startswith("#/components/schemas/")
    }
    assert refs <= set(schemas)


def _walk(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)
    else:
        yield value
