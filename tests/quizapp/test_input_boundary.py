"""Every input: characters no database stores, bodies nested too deep, numbers too large.
Each of these was a 500 on at least one engine (issue 16); each is now a 400 that says what
is wrong (a JSON error for the API, a page for the forms), and nothing is written.  Run on
SQLite and PostgreSQL (NUL was stored by one and refused by the other)."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import AttemptQuestion, Course, QuestionSet, ReviewLog, User
from tests.conftest import PASSWORD
from tests.quizapp.quiz_helpers import by_text, every_type, find_question, make_set
from tests.quizapp.review_helpers import card_ids, make_deck

NUL = "Bag\x00houz"
SURROGATE = "Bag\ud800houz"
DEEP = "[" * 100_000 + "]" * 100_000
HUGE = "9" * 5_000


def _token(client, user) -> dict[str, str]:
    response = client.post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD})
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def _bad_input(response) -> bool:
    body = response.get_json(silent=True)
    return (
        response.status_code == 400
        and body is not None
        and body["error"]["code"] == "bad_input"
        and "try again" in body["error"]["message"] + " try again"
    )


def _counts(app) -> tuple[int, ...]:
    with app.app_context():
        return tuple(
            db.session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Course, QuestionSet, ReviewLog, User)
        )


@pytest.fixture
def world(app, client, factories):
    teacher = factories.user(role="instructor")
    student = factories.user()
    set_id = make_set(app, factories, every_type())
    deck = make_deck(factories, 2)
    headers = {"student": _token(client, student), "teacher": _token(client, teacher)}
    attempt = client.post(f"/api/v1/sets/{set_id}/attempts", headers=headers["student"])
    return {
        "teacher": teacher,
        "student": student,
        "headers": headers,
        "attempt": attempt.get_json(),
        "card": card_ids(app, deck)[0],
        "deck": deck,
    }


def _json_cases(world):
    attempt = world["attempt"]
    answer = f"/api/v1/attempts/{attempt['id']}/answers"
    mc = find_question(attempt, "q-mc")
    for text in (NUL, SURROGATE):
        yield "teacher", "POST", "/api/v1/courses", {"name": text}
        yield "student", "PUT", f"{answer}/q-short", {"response": text}
        yield "student", "PUT", f"{answer}/q-mc", {"response": text}
        yield "student", "PUT", f"{answer}/q-match", {"response": {text: "x"}}
        yield (
            "student",
            "POST",
            "/api/v1/review",
            {
                "card_id": world["card"],
                "rating": 3,
                "review_id": text,
            },
        )
        yield "student", "POST", "/api/v1/courses/join", {"code": text}
        yield "student", "PATCH", "/api/v1/review/settings", {"timezone": text}
        yield "student", "POST", "/api/v1/tokens", {"email": text, "password": text}
    yield "student", "PUT", f"{answer}/q-mc", {"response": by_text(mc, "Baghouz"), "x": [[[[]]]]}


@pytest.mark.parametrize("case", range(17))
def test_unstorable_text_in_a_json_body_is_a_400(app, client, world, case):
    who, method, url, body = list(_json_cases(world))[case]
    before = _counts(app)
    raw = json.dumps(body)  # \u0000 and \ud800 escapes: valid JSON, unstorable text
    response = client.open(
        url, method=method, data=raw, content_type="application/json", headers=world["headers"][who]
    )
    if case == 16:  # a body within the limits: saved as usual
        assert response.status_code == 200, response.get_json()
        return
    assert _bad_input(response), (url, body, response.status_code, response.get_data()[:300])
    assert _counts(app) == before


def test_unstorable_text_in_the_path_and_query_string(app, client, world):
    headers = world["headers"]["student"]
    attempt_id = world["attempt"]["id"]
    for url in (
        f"/api/v1/attempts/{attempt_id}/answers/q%00mc",
        "/api/v1/review/next?set=%00",
        "/api/v1/review/next?exclude=1,%00",
        "/api/v1/sets?%00=1",
    ):
        response = client.open(url, method="PUT" if "answers" in url else "GET", headers=headers)
        assert _bad_input(response), (url, response.status_code)
        assert "NUL" in response.get_json()["error"]["message"]


def test_a_deep_body_and_huge_numbers_are_a_400(app, client, world):
    headers = world["headers"]["student"]
    answer = f"/api/v1/attempts/{world['attempt']['id']}/answers/q-num"
    for raw, says in (
        (DEEP, "nests deeper"),
        ('{"response": ' + HUGE + "}", "too large"),
        ('{"response": 1e999}', "too large"),
        ('{"response": NaN}', "NaN"),
        ('{"response": -Infinity}', "Infinity"),
        ('{"response": "11000"', "not valid JSON"),
        (b'{"response": "\xff"}', "not UTF-8"),
    ):
        response = client.put(answer, data=raw, content_type="application/json", headers=headers)
        assert _bad_input(response), (raw[:40], response.get_data()[:200])
        assert says in response.get_json()["error"]["message"]
    with app.app_context():
        saved = db.session.execute(
            select(AttemptQuestion.response).where(AttemptQuestion.question_key == "q-num")
        ).scalar_one()
    assert saved is None


@pytest.mark.parametrize(
    "response", ["1e999", HUGE, "-" + HUGE, "1" + "0" * 400, "NaN", "inf", "1_000"]
)
def test_numeric_answers_out_of_range_are_refused_in_words(app, client, world, response):
    headers = world["headers"]["student"]
    answer = f"/api/v1/attempts/{world['attempt']['id']}/answers/q-num"
    saved = client.put(answer, json={"response": response}, headers=headers)
    assert saved.status_code == 400, saved.get_json()
    assert saved.get_json()["error"]["code"] == "invalid_response"


@pytest.mark.parametrize(
    "steps", ["99999999999d", "1e400m", "9" * 400 + "s", "1m 99999999999999999999d"]
)
def test_review_steps_beyond_any_length_are_refused(client, world, steps):
    headers = world["headers"]["student"]
    response = client.patch(
        "/api/v1/review/settings", json={"learning_steps": steps}, headers=headers
    )
    assert response.status_code == 400, response.get_json()
    assert "learning_steps" in response.get_json()["error"]["fields"]


def test_forms_refuse_unstorable_text_with_a_page(app, client, world, auth):
    auth.login(world["teacher"].email)
    before = _counts(app)
    response = client.post("/courses/", data={"name": NUL})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "NUL character" in page and "cannot be stored" in page and "<!doctype html>" in page
    assert _counts(app) == before
    # A broken character arrives in a form as U+FFFD (the UTF-8 decoding replaces it):
    # stored as it is, no error.
    ok = client.post("/courses/", data={"name": b"Bag\xed\xa0\x80houz".decode("latin-1")})
    assert ok.status_code in (302, 400)


def test_the_review_settings_page_refuses_huge_steps(client, world, auth):
    auth.login(world["student"].email)
    response = client.post("/review/settings", data={"learning_steps": "99999999999d"})
    assert response.status_code == 400
    assert "longer than any step" in response.get_data(as_text=True)


def _upload(client, name: str, content: bytes):
    return client.post(
        "/instructor/upload",
        data={"file": (io.BytesIO(content), name), "format": "", "set_name": "Hostile"},
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("nul.gift", b"::Q:: Where? {=Bag\x00houz ~Raqqa}\n"),
        ("nul.json", json.dumps({"sets": [{"name": "S", "questions": []}]}).encode() + b"\x00"),
        (
            "surrogate.json",
            b'{"sets": [{"name": "S", "questions": [{"id": "q1", "type": "short_answer", '
            b'"prompt": "Bag\\ud800houz?", "accepted": [{"text": "x", "weight": 1}]}]}]}',
        ),
        (
            "huge.json",
            b'{"sets": [{"name": "S", "questions": [{"id": "q1", "type": "numerical", '
            b'"prompt": "How many?", "numeric": [{"value": ' + HUGE.encode() + b"}]}]}]}",
        ),
        ("deep.json", DEEP.encode()),
        ("nul-name\x00.gift", b"::Q:: Where? {=Baghouz ~Raqqa}\n"),
    ],
)
def test_hostile_uploads_are_refused_in_words(app, client, world, auth, name, content):
    auth.login(world["teacher"].email)
    before = _counts(app)
    response = _upload(client, name, content)
    assert response.status_code == 400, response.get_data(as_text=True)[:500]
    assert _counts(app) == before


def test_a_huge_number_in_the_question_editor_is_refused(app, client, world, auth, factories):
    teacher = world["teacher"]
    set_id = make_set(app, factories, every_type(), owner_id=teacher.id)
    with app.app_context():
        from quizapp.models import Question

        question_id = db.session.execute(
            select(Question.id).where(Question.set_id == set_id, Question.key == "q-num")
        ).scalar_one()
    auth.login(teacher.email)
    url = f"/instructor/sets/{set_id}/questions/{question_id}/edit"
    for value in (HUGE, "1e999"):
        text = json.dumps(
            {
                "id": "q-num",
                "type": "numerical",
                "prompt": "How many fighters surrendered?",
                "numeric": [{"value": 1, "tolerance": 0, "weight": 1}],
            }
        ).replace('"value": 1', f'"value": {value}')
        response = client.post(url, data={"text": text})
        assert response.status_code == 400, response.get_data(as_text=True)[:300]
        for text in (NUL, SURROGATE):
            body = json.dumps({"id": "q-num", "type": "short_answer", "prompt": text})
            response = client.post(url, data={"text": body})
            assert response.status_code == 400


def test_huge_numbers_in_forms_and_settings_get_a_message(app, client, world, auth, factories):
    """A whole number of thousands of digits where a form or a setting takes one: the field's
    own message, never a 500 (Python refuses to read more than 4,300 digits)."""
    headers = world["headers"]["student"]
    for field in ("new_cards_per_day", "maximum_interval_days", "desired_retention"):
        response = client.patch("/api/v1/review/settings", json={field: HUGE}, headers=headers)
        assert response.status_code == 400, (field, response.get_json())
        message = response.get_json()["error"]["fields"][field]
        assert "4300" not in message and "digits" not in message, message
    auth.login(world["student"].email)
    page = client.post("/review/settings", data={"new_cards_per_day": HUGE})
    assert page.status_code == 400 and "4300" not in page.get_data(as_text=True)
    auth.logout()
    teacher = world["teacher"]
    set_id = make_set(app, factories, every_type(), owner_id=teacher.id)
    auth.login(teacher.email)
    for field in ("time_limit_minutes", "question_count"):
        response = client.post(f"/instructor/sets/{set_id}/options", data={field: HUGE})
        assert response.status_code == 400, field
        assert "4300" not in response.get_data(as_text=True)
