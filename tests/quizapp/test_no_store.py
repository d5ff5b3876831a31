"""No copy in a cache: every response that carries answers or personal data says
``Cache-Control: no-store``.  The access matrix checks every route of the URL map as five
callers (``test_access_matrix.test_access``); here, the responses that carry the most once
there is something in them (a submitted attempt, a review, a card, grades, a new token)."""

from __future__ import annotations

from tests.conftest import PASSWORD
from tests.quizapp.course_helpers import attach, join, make_course, take, three_questions
from tests.quizapp.quiz_helpers import by_text, find_question, make_set


def _no_store(response) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


def test_answers_grades_and_tokens_are_never_kept(app, client, factories, clock):
    teacher = factories.user(role="instructor")
    student = factories.user()
    set_id = make_set(app, factories, three_questions(), owner_id=teacher.id)
    course_id, code = make_course(app, teacher)
    attach(app, teacher, course_id, set_id)
    join(app, student, code)
    attempt_id = take(app, clock, student, course_id, set_id, {"q1": "Right"})

    token = client.post("/api/v1/tokens", json={"email": student.email, "password": PASSWORD})
    assert token.status_code == 201 and _no_store(token)
    api = {"Authorization": f"Bearer {token.get_json()['token']}"}
    started = client.post(f"/api/v1/sets/{set_id}/attempts", headers=api)
    answer = by_text(find_question(started.get_json(), "q1"), "Right")
    responses = {
        "start": started,
        "attempt": client.get(f"/api/v1/attempts/{attempt_id}", headers=api),
        "save": client.put(
            f"/api/v1/attempts/{started.get_json()['id']}/answers/q1",
            json={"response": answer},
            headers=api,
        ),
        "submit": client.post(f"/api/v1/attempts/{started.get_json()['id']}/submit", headers=api),
        "card": client.get("/api/v1/review/next", query_string={"set": set_id}, headers=api),
    }
    client.post("/auth/login", data={"email": student.email, "password": PASSWORD})
    responses |= {
        "review page": client.get(f"/quiz/attempts/{attempt_id}/review"),
        "history": client.get("/quiz/history"),
        "progress": client.get("/review/progress"),
        "account": client.get("/auth/account"),
    }
    client.post("/auth/logout")
    client.post("/auth/login", data={"email": teacher.email, "password": PASSWORD})
    responses |= {
        "gradebook": client.get(f"/courses/{course_id}/gradebook"),
        "gradebook csv": client.get(f"/courses/{course_id}/gradebook.csv"),
        "attempt record": client.get(f"/courses/{course_id}/attempts/{attempt_id}"),
        "answer key": client.get(f"/instructor/sets/{set_id}"),
    }
    for name, response in responses.items():
        assert response.status_code in (200, 201), (name, response.status_code)
        assert _no_store(response), name


def test_static_files_may_be_cached(client):
    response = client.get("/static/base.css")
    response.close()
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
