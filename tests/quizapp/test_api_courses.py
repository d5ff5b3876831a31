"""The courses API: /api/v1/courses..., with bearer tokens."""

from __future__ import annotations

import csv
import io
import math

import pytest

from tests.conftest import PASSWORD
from tests.quizapp.course_helpers import three_questions
from tests.quizapp.quiz_helpers import by_text, find_question, make_set


class Api:
    def __init__(self, client, token: str | None) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path):
        return self.client.get(f"/api/v1{path}", headers=self.headers)

    def post(self, path, json=None):
        return self.client.post(f"/api/v1{path}", json=json, headers=self.headers)

    def put(self, path, json=None):
        return self.client.put(f"/api/v1{path}", json=json, headers=self.headers)


@pytest.fixture
def api_for(client, factories):
    def make(role: str = "student", email: str | None = None):
        account = factories.user(role=role, email=email)
        response = client.post(
            "/api/v1/tokens", json={"email": account.email, "password": PASSWORD}
        )
        return Api(client, response.get_json()["token"]), account

    return make


@pytest.fixture
def course(app, factories, api_for):
    """An instructor (via the API) with a course and a private set attached."""
    teacher, account = api_for("instructor")
    set_id = make_set(app, factories, three_questions(), owner_id=account.id, public=False)
    created = teacher.post("/courses", {"name": "Modern history"})
    assert created.status_code == 201
    body = created.get_json()
    attached = teacher.post(f"/courses/{body['id']}/sets", {"set_id": set_id, "shuffle": False})
    assert attached.status_code == 201
    return {"api": teacher, "id": body["id"], "code": body["join_code"], "set_id": set_id}


def take(api: Api, course_id: int, set_id: int, answers: dict[str, str]) -> dict:
    """A submitted attempt with ``answers`` (question id -> the chosen choice's text)."""
    started = api.post(f"/courses/{course_id}/sets/{set_id}/attempts")
    assert started.status_code == 201, started.get_json()
    attempt = started.get_json()
    assert attempt["course_id"] == course_id
    for key, choice in answers.items():
        response = by_text(find_question(attempt, key), choice)
        saved = api.put(f"/attempts/{attempt['id']}/answers/{key}", {"response": response})
        assert saved.status_code == 200
    return api.post(f"/attempts/{attempt['id']}/submit").get_json()


def test_create_a_course(client, api_for):
    teacher, _ = api_for("instructor")
    response = teacher.post("/courses", {"name": "Modern history"})
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {"id", "name", "join_code"} and body["name"] == "Modern history"
    assert len(body["join_code"]) == 10
    assert teacher.post("/courses", {"name": ""}).status_code == 400
    assert teacher.post("/courses", {"title": "x"}).status_code == 400
    assert teacher.post("/courses", {"name": "x" * 201}).status_code == 400
    student, _ = api_for()
    refused = student.post("/courses", {"name": "Mine"})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "forbidden"
    assert Api(client, None).post("/courses", {"name": "x"}).status_code == 401
    listed = teacher.get("/courses").get_json()
    assert [(c["name"], c["teaching"], c["join_code"]) for c in listed] == [
        ("Modern history", True, body["join_code"])
    ]


def test_join_and_see_the_course_without_the_roster(api_for, course):
    student, _ = api_for(email="one@example.com")
    joined = student.post("/courses/join", {"code": course["code"].lower()})
    assert joined.status_code == 200
    body = joined.get_json()
    assert body["id"] == course["id"] and body["teaching"] is False
    assert "join_code" not in body and "students" not in body
    [entry] = body["sets"]
    assert entry["set_id"] == course["set_id"] and entry["grading_method"] == "highest"
    assert entry["availability"] == "open" and entry["review"]["answer"] is True
    assert student.post("/courses/join", {"code": course["code"]}).status_code == 200  # again
    assert student.post("/courses/join", {"code": "NOPE"}).status_code == 404
    assert student.post("/courses/join", {"code": 12}).status_code == 400
    other_teacher, _ = api_for("instructor")
    assert other_teacher.post("/courses/join", {"code": course["code"]}).status_code == 403
    owner_view = course["api"].get(f"/courses/{course['id']}").get_json()
    assert owner_view["join_code"] == course["code"]
    assert [s["email"] for s in owner_view["students"]] == ["one@example.com"]
    assert student.get(f"/courses/{course['id']}").get_json() == body
    stranger, _ = api_for()
    assert stranger.get(f"/courses/{course['id']}").status_code == 404
    assert other_teacher.get(f"/courses/{course['id']}").status_code == 404


def test_attach_sets_with_options(app, factories, api_for, course):
    teacher, course_id = course["api"], course["id"]
    again = teacher.post(f"/courses/{course_id}/sets", {"set_id": course["set_id"]})
    assert again.status_code == 200
    owner_id = factories.user(role="instructor").id
    foreign = make_set(app, factories, three_questions(), owner_id=owner_id, public=False)
    public = make_set(app, factories, three_questions(), owner_id=owner_id, public=True)
    options = {
        "set_id": public,
        "opens_at": "2026-03-02T10:00:00+01:00",
        "closes_at": "2026-03-09T17:00:00Z",
        "time_limit_seconds": 1200,
        "attempts_allowed": 3,
        "grading_method": "average",
        "shuffle": False,
        "feedback_mode": "immediate",
        "review_show_answer": False,
        "exam_date": "2026-04-20",
    }
    made = teacher.post(f"/courses/{course_id}/sets", options)
    assert made.status_code == 201
    body = made.get_json()
    assert body["opens_at"] == "2026-03-02T09:00:00+00:00"
    assert body["closes_at"] == "2026-03-09T17:00:00+00:00"
    assert (body["time_limit_seconds"], body["attempts_allowed"]) == (1200, 3)
    assert body["grading_method"] == "average" and body["feedback_mode"] == "immediate"
    assert body["exam_date"] == "2026-04-20"
    assert body["review"] == {
        "response": True,
        "correctness": True,
        "answer": False,
        "feedback": True,
    }
    assert teacher.post(f"/courses/{course_id}/sets", {"set_id": foreign}).status_code == 404
    fresh = make_set(app, factories, three_questions())  # public: attachable
    for bad in (
        {},
        {"set_id": "1"},
        {"set_id": True},
        {"set_id": 2**40},
        {"set_id": fresh, "attempts_allowed": 0},
        {"set_id": fresh, "attempts_allowed": "2"},
        {"set_id": fresh, "exam_date": "20 April"},
        {"set_id": fresh, "exam_date": "2026-02-30"},
        {"set_id": fresh, "time_limit_seconds": 2**63},
        {"set_id": fresh, "opens_at": "tomorrow"},
        {"set_id": fresh, "opens_at": "0001-01-01T00:00:00+05:00"},
        {"set_id": fresh, "grading_method": "median"},
        {"set_id": fresh, "feedback_mode": None},
        {"set_id": fresh, "shuffle": "yes"},
        {"set_id": fresh, "opens_at": "2026-03-09T00:00Z", "closes_at": "2026-03-02T00:00Z"},
    ):
        response = teacher.post(f"/courses/{course_id}/sets", bad)
        assert response.status_code == 400, bad
    listed = teacher.get(f"/courses/{course_id}").get_json()["sets"]
    assert fresh not in {s["set_id"] for s in listed}
    student, _ = api_for()
    assert student.post(f"/courses/{course_id}/sets", {"set_id": public}).status_code == 403
    other_teacher, _ = api_for("instructor")
    assert other_teacher.post(f"/courses/{course_id}/sets", {"set_id": public}).status_code == 404


def test_reports_over_the_api_match_the_class(api_for, course):
    teacher, course_id, set_id = course["api"], course["id"], course["set_id"]
    answers = [
        ("a@example.com", {"q1": "Right", "q2": "Right", "q3": "Right"}),  # 1, 1, 1 = 3
        ("b@example.com", {"q1": "Right", "q2": "Wrong", "q3": "Half"}),  # 1, 0, .5 = 1.5
        ("c@example.com", {"q1": "Wrong", "q2": "Right"}),  # 0, 1, 0 = 1
    ]
    for email, given in answers:
        student, _ = api_for(email=email)
        student.post("/courses/join", {"code": course["code"]})
        result = take(student, course_id, set_id, given)
        assert result["score"] == {"a": 3, "b": 1.5, "c": 1}[email[0]]

    book = teacher.get(f"/courses/{course_id}/gradebook")
    assert book.status_code == 200
    data = book.get_json()
    assert data["sets"] == [{"id": set_id, "name": "Sample set", "grading_method": "highest"}]
    rows = {r["email"]: r["grades"][0] for r in data["rows"]}
    assert rows["a@example.com"] == {"set_id": set_id, "percent": 100.0, "attempts": 1}
    assert rows["b@example.com"]["percent"] == 50.0
    assert rows["c@example.com"]["percent"] == pytest.approx(100 / 3, abs=1e-3)
    sorted_desc = teacher.get(f"/courses/{course_id}/gradebook?sort=set-{set_id}&order=desc")
    assert [r["email"][0] for r in sorted_desc.get_json()["rows"]] == ["a", "b", "c"]

    download = teacher.get(f"/courses/{course_id}/gradebook.csv")
    assert download.status_code == 200 and download.mimetype == "text/csv"
    rows_csv = list(csv.reader(io.StringIO(download.get_data().decode("utf-8-sig"))))
    assert rows_csv[1:] == [
        ["a@example.com", "100.0"],
        ["b@example.com", "50.0"],
        ["c@example.com", "33.3"],
    ]

    analysis = teacher.get(f"/courses/{course_id}/sets/{set_id}/item-analysis")
    assert analysis.status_code == 200
    items = {i["question_id"]: i for i in analysis.get_json()}
    assert list(items) == ["q1", "q2", "q3"]
    # q1: marks 1, 1, 0; totals 3, 1.5, 1; rests 2, 0.5, 1.
    # Means 2/3 and 7/6.  Deviations 1/3, 1/3, -2/3 and 5/6, -2/3, -1/6.
    # Sum of products 5/18 - 2/9 + 1/9 = 1/6; sums of squares 2/3 and 7/6.
    expected_r = (1 / 6) / math.sqrt((2 / 3) * (7 / 6))
    assert items["q1"]["facility"] == pytest.approx(2 / 3)
    assert items["q1"]["discrimination"] == pytest.approx(100 * expected_r)
    assert items["q1"]["attempts"] == 3
    shares = {c["id"]: c["share"] for c in items["q1"]["choices"]}
    assert shares == pytest.approx({"a": 2 / 3, "b": 1 / 3, "c": 0.0, "d": 0.0})
    # q3: marks 1, 0.5, 0 (c left it blank): facility 0.5.
    assert items["q3"]["facility"] == pytest.approx(0.5)
    assert {c["id"]: c["share"] for c in items["q3"]["choices"]} == pytest.approx(
        {"a": 1 / 3, "b": 0.0, "c": 1 / 3, "d": 0.0}
    )

    # Only the owner: a student 403, another instructor 404 (ids do not leak).
    student, _ = api_for()
    other_teacher, _ = api_for("instructor")
    for path in (
        f"/courses/{course_id}/gradebook",
        f"/courses/{course_id}/gradebook.csv",
        f"/courses/{course_id}/sets/{set_id}/item-analysis",
    ):
        assert student.get(path).status_code == 403, path
        missing = other_teacher.get(path)
        assert missing.status_code == 404 and missing.is_json, path
    assert teacher.get(f"/courses/{course_id}/sets/999999/item-analysis").status_code == 404


def test_review_options_apply_to_the_api_too(app, factories, api_for):
    teacher, account = api_for("instructor")
    set_id = make_set(app, factories, three_questions(), owner_id=account.id, public=False)
    course_id = teacher.post("/courses", {"name": "Quiet review"}).get_json()["id"]
    code = teacher.get(f"/courses/{course_id}").get_json()["join_code"]
    teacher.post(
        f"/courses/{course_id}/sets",
        {"set_id": set_id, "review_show_correctness": False, "review_show_answer": False},
    )
    student, _ = api_for()
    student.post("/courses/join", {"code": code})
    assert student.post(f"/sets/{set_id}/attempts").status_code == 404  # only in its course
    submission = take(student, course_id, set_id, {"q1": "Wrong"})
    results = {r["question_id"]: r for r in submission["results"]}
    assert results["q1"]["status"] == "answered" and results["q1"]["correct"] is None
    assert results["q1"]["score"] is None and results["q1"]["answer_display"] == ""
    # Nor the total: it would say how many were right.
    assert submission["score"] is None and submission["percent"] is None
    again = student.get(f"/attempts/{submission['id']}").get_json()
    assert all(r["answer_display"] == "" for r in again["results"])
    assert again["score"] is None and again["max_score"] == 3


def test_the_courses_api_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").get_json()
    paths = document["paths"]
    for path, method in (
        ("/courses", "get"),
        ("/courses", "post"),
        ("/courses/join", "post"),
        ("/courses/{course_id}", "get"),
        ("/courses/{course_id}/sets", "post"),
        ("/courses/{course_id}/sets/{set_id}/attempts", "post"),
        ("/courses/{course_id}/gradebook", "get"),
        ("/courses/{course_id}/gradebook.csv", "get"),
        ("/courses/{course_id}/sets/{set_id}/item-analysis", "get"),
    ):
        assert method in paths[path], (path, method)
    csv_ok = paths["/courses/{course_id}/gradebook.csv"]["get"]["responses"]["200"]
    assert "text/csv" in csv_ok["content"]
    assert "ItemStat" in document["components"]["schemas"]
