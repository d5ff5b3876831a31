"""The course pages: create, join, attach, take a quiz in a course, gradebook, reports, and
who may see what (404 for a course that is not yours, 403 for a student on report pages)."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Attempt, Course, CourseMember, CourseSet
from tests.quizapp.course_helpers import attach, join, make_course, take, three_questions
from tests.quizapp.quiz_helpers import make_set, mc, page_form
from tests.quizapp.review_helpers import set_user


def html(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def setup(app, factories, clock):
    """A course of an instructor, a private set in it, a student in it who took the quiz."""
    teacher = factories.user(role="instructor", email="teacher@example.com")
    student = factories.user(email="student@example.com")
    classmate = factories.user(email="classmate@example.com")
    set_id = make_set(app, factories, three_questions(), owner_id=teacher.id, public=False)
    course_id, code = make_course(app, teacher, "Modern history")
    attach(app, teacher, course_id, set_id)
    for who in (student, classmate):
        join(app, who, code)
    attempt_id = take(
        app, clock, student, course_id, set_id, {"q1": "Right", "q2": "Half", "q3": "Wrong"}
    )
    take(app, clock, classmate, course_id, set_id, {"q1": "Wrong", "q2": "Right", "q3": "Right"})
    return {
        "teacher": teacher,
        "student": student,
        "classmate": classmate,
        "set_id": set_id,
        "course_id": course_id,
        "code": code,
        "attempt_id": attempt_id,
    }


# ----------------------------------------------------------------- courses and joining


def test_courses_need_a_login(client):
    response = client.get("/courses/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_an_instructor_creates_a_course_and_sees_the_code_and_link(app, client, auth):
    auth.login_new(role="instructor")
    page = html(client.get("/courses/"))
    assert "Create a course" in page and "Join a course" not in page
    response = client.post("/courses/", data={"name": "  Modern   history "})
    assert response.status_code == 302
    course_page = html(client.get(response.headers["Location"]))
    with app.app_context():
        course = db.session.execute(select(Course)).scalar_one()
    assert course.name == "Modern history"
    assert course.join_code in course_page
    assert f"/courses/join/{course.join_code}" in course_page
    assert "Modern history" in html(client.get("/courses/"))
    assert client.post("/courses/", data={"name": ""}).status_code == 400


def test_a_student_cannot_create_a_course(client, auth):
    auth.login_new()
    assert client.post("/courses/", data={"name": "Mine"}).status_code == 403


def test_a_student_joins_with_the_code_and_sees_the_sets_but_no_classmates(
    app, client, auth, factories
):
    teacher = factories.user(role="instructor", email="prof@example.com")
    set_id = make_set(app, factories, three_questions(), owner_id=teacher.id, public=False)
    course_id, code = make_course(app, teacher, "Modern history")
    attach(app, teacher, course_id, set_id)
    classmate = factories.user(email="classmate@example.com")
    join(app, classmate, code)

    auth.login_new()
    page = html(client.get("/courses/"))
    assert "Join a course" in page and "Create a course" not in page
    wrong = client.post("/courses/join", data={"code": "NOTACODE"})
    assert wrong.status_code == 404 and "No course has this join code" in html(wrong)
    response = client.post("/courses/join", data={"code": code.lower()})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/courses/{course_id}")
    course_page = html(client.get(f"/courses/{course_id}"))
    assert "Sample set" in course_page and "Take the quiz" in course_page
    assert "classmate@example.com" not in course_page  # no roster for a student
    assert code not in course_page
    assert "Leave the course" in course_page
    home = html(client.get("/"))
    assert "Your courses&#39; sets" in home or "Your courses' sets" in home
    assert f"/courses/{course_id}/sets/{set_id}/quiz" in home
    assert "Modern history" in html(client.get("/courses/"))


def test_the_join_link_asks_before_joining(app, client, auth, factories):
    teacher = factories.user(role="instructor")
    course_id, code = make_course(app, teacher, "Modern history")
    assert client.get(f"/courses/join/{code}").status_code == 302  # log in first
    auth.login_new()
    page = client.get(f"/courses/join/{code}")
    assert page.status_code == 200 and "Join Modern history" in html(page)
    with app.app_context():
        assert db.session.execute(select(CourseMember)).first() is None
    assert client.get("/courses/join/WRONGCODE1").status_code == 404
    assert client.post("/courses/join", data={"code": code}).status_code == 302
    assert client.get(f"/courses/{course_id}").status_code == 200


def test_leaving_and_being_removed(app, client, auth, factories, setup):
    auth.login(setup["student"].email)
    assert client.post(f"/courses/{setup['course_id']}/leave").status_code == 302
    assert client.get(f"/courses/{setup['course_id']}").status_code == 404
    assert client.get(f"/courses/{setup['course_id']}/sets/{setup['set_id']}/quiz").status_code == (
        404
    )
    # The attempt is still theirs to review.
    assert client.get(f"/quiz/attempts/{setup['attempt_id']}/review").status_code == 200
    auth.logout()
    auth.login(setup["teacher"].email)
    url = f"/courses/{setup['course_id']}/students/{setup['classmate'].id}/remove"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 404
    page = html(client.get(f"/courses/{setup['course_id']}"))
    assert "classmate@example.com" not in page and "No student yet" in page


# --------------------------------------------------------------------- sets in a course


def test_course_dates_are_typed_and_shown_in_each_persons_time_zone(app, client, auth, factories):
    """The instructor types 9:00 in Tokyo (UTC+9); it is stored as 00:00 UTC, shown back as
    9:00, and a student in New York (UTC-5) reads the evening before, the zone named."""
    teacher = auth.login_new(role="instructor")
    set_user(app, teacher.id, timezone="Asia/Tokyo")
    own = make_set(app, factories, [mc("q1")], owner_id=teacher.id, public=False)
    course_id, code = make_course(app, teacher)
    form = html(client.get(f"/courses/{course_id}"))
    assert "Opens (Asia/Tokyo time)" in form and "Dates are in your time zone, Asia/Tokyo" in form
    response = client.post(
        f"/courses/{course_id}/sets",
        data={
            "set_id": own,
            "opens_at": "2026-03-10T09:00",
            "closes_at": "2026-03-20T18:00",
            "grading_method": "highest",
            "feedback_mode": "deferred",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        row = db.session.execute(select(CourseSet)).scalar_one()
        assert row.opens_at.isoformat() == "2026-03-10T00:00:00+00:00"
        assert row.closes_at.isoformat() == "2026-03-20T09:00:00+00:00"
    options = html(client.get(f"/courses/{course_id}/sets/{own}/options"))
    assert 'value="2026-03-10T09:00"' in options and 'value="2026-03-20T18:00"' in options
    assert "Opens Tue 10 Mar 2026, 09:00 (Asia/Tokyo)" in html(client.get(f"/courses/{course_id}"))

    auth.logout()
    student = auth.login_new()
    set_user(app, student.id, timezone="America/New_York")
    join(app, student, code)
    start = html(client.get(f"/courses/{course_id}/sets/{own}/quiz"))
    assert "Mon 9 Mar 2026, 20:00 (America/New_York)" in start  # opens, in their evening
    refused = client.post(f"/courses/{course_id}/sets/{own}/quiz")
    assert refused.status_code == 403
    assert "This quiz opens on Mon 9 Mar 2026, 20:00 (America/New_York)." in html(refused)


def test_attaching_a_set_with_options_and_editing_them(app, client, auth, factories):
    teacher = auth.login_new(role="instructor")
    own = make_set(app, factories, [mc("q1")], owner_id=teacher.id, public=False)
    other = factories.user(role="instructor")
    foreign = make_set(app, factories, [mc("q1")], owner_id=other.id, public=False)
    course_id, _ = make_course(app, teacher)
    page = html(client.get(f"/courses/{course_id}"))
    assert f'value="{own}"' in page and f'value="{foreign}"' not in page
    response = client.post(
        f"/courses/{course_id}/sets",
        data={
            "set_id": own,
            "opens_at": "2026-03-02T08:00",
            "closes_at": "2026-03-09T17:30",
            "time_limit_minutes": "20",
            "attempts_allowed": "2",
            "grading_method": "average",
            "feedback_mode": "immediate",
            "review_show_response": "y",
            "review_show_feedback": "y",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        row = db.session.execute(select(CourseSet)).scalar_one()
        assert (row.time_limit_seconds, row.attempts_allowed) == (1200, 2)
        assert row.grading_method == "average" and row.feedback_mode == "immediate"
        assert row.shuffle is False
        assert row.closes_at.isoformat() == "2026-03-09T17:30:00+00:00"
        assert (row.review_show_correctness, row.review_show_answer) == (False, False)
    listed = html(client.get(f"/courses/{course_id}"))
    assert "Average grade" in listed and "Open until Mon 9 Mar 2026, 17:30 (UTC)" in listed
    # Someone else's private set cannot be attached, even by id.
    refused = client.post(f"/courses/{course_id}/sets", data={"set_id": foreign})
    assert refused.status_code == 404
    # Options: shown, then changed; nonsense is refused with the reason.
    options = html(client.get(f"/courses/{course_id}/sets/{own}/options"))
    assert 'value="20"' in options and 'value="2026-03-09T17:30"' in options
    bad = client.post(
        f"/courses/{course_id}/sets/{own}/options",
        data={
            "opens_at": "2026-03-09T08:00",
            "closes_at": "2026-03-02T08:00",
            "grading_method": "first",
            "feedback_mode": "deferred",
        },
    )
    assert bad.status_code == 400 and "must close after it opens" in html(bad)
    good = client.post(
        f"/courses/{course_id}/sets/{own}/options",
        data={"grading_method": "last", "feedback_mode": "deferred", "shuffle": "y"},
    )
    assert good.status_code == 302
    with app.app_context():
        row = db.session.execute(select(CourseSet)).scalar_one()
        assert row.grading_method == "last" and row.opens_at is None and row.shuffle is True
    assert client.post(f"/courses/{course_id}/sets/{own}/detach").status_code == 302
    assert "No set in this course yet" in html(client.get(f"/courses/{course_id}"))


def test_taking_a_quiz_in_a_course_with_its_options_and_review_options(
    app, client, auth, factories
):
    teacher = factories.user(role="instructor")
    set_id = make_set(app, factories, three_questions(), owner_id=teacher.id, public=False)
    course_id, code = make_course(app, teacher, "Modern history")
    attach(
        app,
        teacher,
        course_id,
        set_id,
        time_limit_seconds=900,
        grading_method="first",
        review_show_answer=False,
        review_show_correctness=False,
    )
    student = auth.login_new()
    join(app, student, code)
    assert client.get(f"/quiz/sets/{set_id}").status_code == 404  # private: only in the course
    start = html(client.get(f"/courses/{course_id}/sets/{set_id}/quiz"))
    assert "Modern history" in start and "15 min" in start and "Your first attempt" in start
    response = client.post(f"/courses/{course_id}/sets/{set_id}/quiz")
    assert response.status_code == 302
    attempt_id = int(re.search(r"/attempts/(\d+)/", response.headers["Location"]).group(1))
    for n, choice in ((1, "Wrong"), (2, "Right"), (3, "Half")):
        page = client.get(f"/quiz/attempts/{attempt_id}/q/{n}").get_data(as_text=True)
        client.post(
            f"/quiz/attempts/{attempt_id}/q/{n}", data={**page_form(page, choice), "go": "next"}
        )
    client.post(f"/quiz/attempts/{attempt_id}/submit")
    review = html(client.get(f"/quiz/attempts/{attempt_id}/review"))
    assert "Answer recorded" in review
    assert "Correct answer:" not in review and "right answer" not in review
    assert "status-incorrect" not in review and "result-incorrect" not in review
    assert f"/courses/{course_id}/sets/{set_id}/quiz" in review  # back to the course's quiz
    # No total either (1.5 of 3 would say which were right), here, in the history, or on the
    # quiz's start page.
    assert "points" not in review and "Your instructor chose not to show marks" in review
    history = html(client.get("/quiz/history"))
    assert (
        "1.5" not in history and "50%" not in history and "Not shown by your instructor" in history
    )
    assert "Share answered right per category" not in history or "place" not in history
    start = html(client.get(f"/courses/{course_id}/sets/{set_id}/quiz"))
    assert "1.5" not in start and "Not shown by your instructor" in start
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.course_id == course_id and attempt.score == 1.5
        assert (attempt.deadline - attempt.started_at).total_seconds() == 900


def test_a_closed_course_set_says_so(app, client, auth, factories, clock):
    teacher = factories.user(role="instructor")
    set_id = make_set(app, factories, [mc("q1")], owner_id=teacher.id)
    course_id, code = make_course(app, teacher)
    attach(app, teacher, course_id, set_id, closes_at=clock.now() - timedelta(minutes=1))
    student = auth.login_new()
    join(app, student, code)
    page = html(client.get(f"/courses/{course_id}/sets/{set_id}/quiz"))
    assert "This quiz closed on" in page and "Start the quiz" not in page
    refused = client.post(f"/courses/{course_id}/sets/{set_id}/quiz")
    assert refused.status_code == 403 and "closed" in html(refused)


# --------------------------------------------------------------------------- reports


def test_the_gradebook_page_sorts_and_downloads(client, auth, setup):
    auth.login(setup["teacher"].email)
    course_id = setup["course_id"]
    page = html(client.get(f"/courses/{course_id}/gradebook"))
    # student: 1 + 0.5 + 0 = 1.5/3 = 50%; classmate: 0 + 1 + 1 = 2/3 = 66.7%.
    assert "50.0%" in page and "66.7%" in page and "58.3%" in page  # class average
    assert page.index("classmate@example.com") < page.index("student@example.com")
    assert 'aria-sort="ascending"' in page
    by_set = html(client.get(f"/courses/{course_id}/gradebook?sort=set-{setup['set_id']}"))
    assert by_set.index("student@example.com") < by_set.index("classmate@example.com")
    by_set_desc = html(
        client.get(f"/courses/{course_id}/gradebook?sort=set-{setup['set_id']}&order=desc")
    )
    assert by_set_desc.index("classmate@example.com") < by_set_desc.index("student@example.com")
    assert 'aria-sort="descending"' in by_set_desc
    download = client.get(f"/courses/{course_id}/gradebook.csv")
    assert download.status_code == 200
    assert download.mimetype == "text/csv"
    assert "attachment" in download.headers["Content-Disposition"]
    body = download.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [
        ["Student", "Sample set (%)"],
        ["classmate@example.com", "66.7"],
        ["student@example.com", "50.0"],
    ]


def test_a_students_attempts_and_answers(client, auth, setup):
    auth.login(setup["teacher"].email)
    course_id = setup["course_id"]
    page = html(client.get(f"/courses/{course_id}/students/{setup['student'].id}"))
    assert "1.5 / 3" in page and "3 min" in page
    detail = html(client.get(f"/courses/{course_id}/attempts/{setup['attempt_id']}"))
    assert "student@example.com" in detail and "1.5 / 3 points" in detail
    assert "time taken 3 min<" in detail
    assert "checked" in detail  # the student's choices are shown


def test_the_set_report_page_draws_its_charts(app, client, auth, setup):
    auth.login(setup["teacher"].email)
    page = html(client.get(f"/courses/{setup['course_id']}/sets/{setup['set_id']}/report"))
    assert page.count('<svg class="chart') == 3  # the header has svg icons too
    assert 'id="score-histogram-title"' in page and 'id="item-scatter-title"' in page
    assert 'id="retention-chart-title"' in page
    assert "Item analysis" in page and "Facility" in page and "Memory" in page
    assert "counts as 0" in page  # the memory report says how it counts
    svg = "".join(re.findall(r"<svg.*?</svg>", page, flags=re.S))
    assert "style=" not in svg and "<script" not in svg
    # Two first attempts: q1 marks 1, 0 with rests 0.5, 2 -> r = -1 -> -100.0, flagged.
    assert "-100.0" in page and "negative discrimination" in page


def test_an_exam_date_and_a_day_picked_on_the_report(app, client, auth, setup):
    auth.login(setup["teacher"].email)
    c, s = setup["course_id"], setup["set_id"]
    report = f"/courses/{c}/sets/{s}/report"
    page = html(client.get(report))
    assert 'name="on" value="2026-03-09"' in page  # a week ahead by default
    assert "Recall on 09 Mar" in page and "Recall at the exam" not in page
    saved = client.post(
        f"/courses/{c}/sets/{s}/options",
        data={"grading_method": "highest", "feedback_mode": "deferred", "exam_date": "2026-04-20"},
    )
    assert saved.status_code == 302
    assert 'value="2026-04-20"' in html(client.get(f"/courses/{c}/sets/{s}/options"))
    page = html(client.get(f"{report}?on=2026-03-20"))
    assert 'name="on" value="2026-03-20"' in page and "Recall on 20 Mar" in page
    assert 'data-exam="2026-04-20"' in page and "Recall at the exam" in page
    assert "Students before the exam" in page
    assert page.count("data-student=") == 2  # the two students of the course
    bad = html(client.get(f"{report}?on=someday"))
    assert 'aria-invalid="true"' in bad and "the report shows a week ahead" in bad
    assert "Recall on 09 Mar" in bad
    cleared = client.post(
        f"/courses/{c}/sets/{s}/options",
        data={"grading_method": "highest", "feedback_mode": "deferred", "exam_date": ""},
    )
    assert cleared.status_code == 302
    assert "Recall at the exam" not in html(client.get(report))


def test_chart_text_is_escaped(app, client, auth, factories, clock):
    teacher = auth.login_new(role="instructor")
    questions = [dict(mc("q1"), prompt="<script>alert(1)</script>")]
    set_id = make_set(app, factories, questions, owner_id=teacher.id)
    course_id, code = make_course(app, teacher, "<b>Bold</b> course")
    attach(app, teacher, course_id, set_id)
    for answer in ("Right", "Wrong"):
        student = factories.user()
        join(app, student, code)
        take(app, clock, student, course_id, set_id, {"q1": answer})
    page = html(client.get(f"/courses/{course_id}/sets/{set_id}/report"))
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<b>Bold</b>" not in page


# ---------------------------------------------------------------------------- access


def test_a_student_gets_403_on_instructor_pages(client, auth, setup):
    auth.login(setup["student"].email)
    c, s = setup["course_id"], setup["set_id"]
    for url in (
        f"/courses/{c}/gradebook",
        f"/courses/{c}/gradebook.csv",
        f"/courses/{c}/sets/{s}/report",
        f"/courses/{c}/sets/{s}/options",
        f"/courses/{c}/students/{setup['classmate'].id}",
        f"/courses/{c}/attempts/{setup['attempt_id']}",
    ):
        assert client.get(url).status_code == 403, url
    for url in (
        f"/courses/{c}/sets",
        f"/courses/{c}/sets/{s}/detach",
        f"/courses/{c}/students/{setup['classmate'].id}/remove",
    ):
        assert client.post(url, data={"set_id": s}).status_code == 403, url
    # Their own course page shows no classmate.
    assert "classmate@example.com" not in html(client.get(f"/courses/{c}"))


def test_another_instructor_gets_404_everywhere(client, auth, setup):
    auth.login_new(role="instructor")
    c, s = setup["course_id"], setup["set_id"]
    for url in (
        f"/courses/{c}",
        f"/courses/{c}/gradebook",
        f"/courses/{c}/gradebook.csv",
        f"/courses/{c}/sets/{s}/report",
        f"/courses/{c}/sets/{s}/options",
        f"/courses/{c}/sets/{s}/quiz",
        f"/courses/{c}/students/{setup['student'].id}",
        f"/courses/{c}/attempts/{setup['attempt_id']}",
        "/courses/999999/gradebook",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/courses/{c}/sets",
        f"/courses/{c}/sets/{s}/options",
        f"/courses/{c}/sets/{s}/detach",
        f"/courses/{c}/students/{setup['student'].id}/remove",
        f"/courses/{c}/leave",
    ):
        assert (
            client.post(
                url, data={"set_id": s, "grading_method": "first", "feedback_mode": "deferred"}
            ).status_code
            == 404
        ), url


def test_a_student_outside_the_course_gets_404(client, auth, setup):
    auth.login_new()
    c, s = setup["course_id"], setup["set_id"]
    assert client.get(f"/courses/{c}").status_code == 404
    assert client.get(f"/courses/{c}/sets/{s}/quiz").status_code == 404
    assert client.post(f"/courses/{c}/sets/{s}/quiz").status_code == 404
    assert client.get(f"/quiz/sets/{s}").status_code == 404
    assert client.get(f"/quiz/attempts/{setup['attempt_id']}/review").status_code == 404
