"""A course decides when its answers can be seen: the flashcards of a set a student reaches
only through a course follow the course's choice and its review options (no back while the
quiz is open with its answers hidden), in the API, the pages and the queue of all sets."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quizapp.extensions import db
from quizapp.models import Attempt
from quizapp.services import reviews
from quizapp.services.reviews import access
from tests.quizapp.course_helpers import attach, join, make_course, set_options, take
from tests.quizapp.review_helpers import (
    api_login,
    api_next,
    api_review,
    apply_review,
    as_user,
    card_ids,
    deck_questions,
    snapshot,
)

HIDDEN = {"review_show_answer": False}


@pytest.fixture
def hidden(app, factories):
    """A private set of a teacher's, in a course whose quiz hides the right answers, and a
    student of the course (with a bearer token) who has met its cards in the quiz."""
    teacher = factories.user(role="instructor")
    set_id = factories.question_set(
        name="Course only", questions=deck_questions(4), owner_id=teacher.id, public=False
    )
    course_id, code = make_course(app, teacher)
    attach(app, teacher, course_id, set_id, **HIDDEN)
    client = app.test_client()
    student = api_login(client, factories)
    join(app, student, code)
    return {
        "teacher": teacher,
        "set_id": set_id,
        "course_id": course_id,
        "code": code,
        "student": student,
        "client": client,
        "cards": card_ids(app, set_id),
    }


def _closed(response) -> bool:
    body = response.get_json(silent=True) or {}
    return response.status_code in (400, 403) and (
        body.get("error", {}).get("code") == "flashcards_closed"
    )


def test_the_rule_is_the_course_choice_and_its_review_options(clock):
    now = clock.now()

    def open_now(flashcards_open=True, show_answer=True, closes_at=None):
        return reviews.flashcards_open_now(
            flashcards_open=flashcards_open, show_answer=show_answer, closes_at=closes_at, now=now
        )

    assert open_now()  # the default: answers shown, flashcards open
    assert not open_now(show_answer=False)  # answers hidden, no close date: closed
    assert not open_now(show_answer=False, closes_at=now + timedelta(minutes=1))
    assert open_now(show_answer=False, closes_at=now)  # the quiz has closed
    assert not open_now(flashcards_open=False)  # the instructor keeps them closed
    assert not open_now(flashcards_open=False, closes_at=now - timedelta(days=1))


def test_no_back_of_a_hidden_course_set_over_the_api(app, hidden, clock):
    client, set_id, cards = hidden["client"], hidden["set_id"], hidden["cards"]
    before = snapshot(app)
    shown = api_next(client, set_id)
    assert shown.status_code == 403 and _closed(shown)
    assert "closed while its quiz is open" in shown.get_json()["error"]["message"]
    assert "answer" not in shown.get_data(as_text=True).replace("answers", "")
    assert _closed(client.get("/api/v1/review/status", query_string={"set": set_id}))
    assert _closed(client.get(f"/api/v1/review/cards/{cards[0]}"))
    assert _closed(api_review(client, cards[0], 3))
    for action in ("suspend", "bury", "flag"):
        assert _closed(client.post(f"/api/v1/review/cards/{cards[0]}/{action}"))
    assert snapshot(app) == before  # nothing recorded
    # The deck and the bank page stay the owner's, as for any private set.
    assert client.get(f"/instructor/sets/{set_id}/deck.apkg").status_code in (302, 404)


def test_the_queue_of_all_sets_leaves_a_hidden_course_set_out(app, hidden, factories, clock):
    student, set_id, cards = hidden["student"], hidden["set_id"], hidden["cards"]
    public = factories.question_set(name="Public deck", questions=deck_questions(2))
    # The student met every card of the hidden set in its quiz (quiz answers are reviews).
    for card_id in cards:
        apply_review(app, student.id, card_id, 3, clock.now(), origin="quiz")
    apply_review(app, student.id, card_ids(app, public)[0], 3, clock.now())
    clock.advance(days=3)  # all due again
    with as_user(app, student.id) as user:
        queue = reviews.build_queue(db.session, user, now=clock.now())
        assert {item.card_id for item in queue.items} & set(cards) == set()
        assert queue.items  # the public card is there
        assert reviews.counts(db.session, user, now=clock.now()) == queue.counts
        overview = reviews.study_overview(db.session, user, now=clock.now())
        assert set_id not in {s.id for s in overview.sets}
        assert access.closed_sets(db.session, user.id, now=clock.now()) == {set_id}
    client = hidden["client"]
    for _ in range(5):
        shown = api_next(client)
        if shown.status_code == 204:
            break
        card = shown.get_json()["card"]
        assert card["set_id"] != set_id
        assert api_review(client, card["id"], 3).status_code == 200


def test_no_back_of_a_hidden_course_set_on_the_pages(app, hidden, client, auth):
    set_id, cards = hidden["set_id"], hidden["cards"]
    auth.login(hidden["student"].email)
    study = client.get(f"/review/sets/{set_id}")
    assert study.status_code == 403
    assert "closed while its quiz is open" in study.get_data(as_text=True)
    card = client.get(f"/review/cards/{cards[0]}")
    assert card.status_code == 403 and "answer 0" not in card.get_data(as_text=True)
    index = client.get("/review/").get_data(as_text=True)
    assert "Course only" not in index
    course = client.get(f"/courses/{hidden['course_id']}").get_data(as_text=True)
    assert "Flashcards closed while the quiz is open" in course
    assert f"/review/sets/{set_id}" not in course


def test_the_teacher_always_and_students_once_the_quiz_closes(app, hidden, factories, clock):
    client, set_id = hidden["client"], hidden["set_id"]
    teacher_client = app.test_client()
    teacher_client.environ_base["HTTP_AUTHORIZATION"] = _token(teacher_client, hidden["teacher"])
    assert api_next(teacher_client, set_id).status_code == 200  # the owner

    closes = clock.now() + timedelta(hours=1)
    set_options(app, hidden["teacher"], hidden["course_id"], set_id, closes_at=closes, **HIDDEN)
    assert _closed(api_next(client, set_id))  # still open: still closed
    clock.advance(hours=2)
    opened = api_next(client, set_id)
    assert opened.status_code == 200 and opened.get_json()["card"]["back"].startswith("answer")

    # Kept closed by the instructor, even with the answers shown.
    set_options(app, hidden["teacher"], hidden["course_id"], set_id, flashcards_open=False)
    assert _closed(api_next(client, set_id))
    # The default: answers shown, flashcards open.
    set_options(app, hidden["teacher"], hidden["course_id"], set_id)
    assert api_next(client, set_id).status_code == 200

    # A stranger never learns the set exists.
    stranger = app.test_client()
    api_login(stranger, factories)
    assert api_next(stranger, set_id).status_code == 404


def test_open_in_one_course_is_open(app, hidden, factories):
    teacher, set_id = hidden["teacher"], hidden["set_id"]
    assert _closed(api_next(hidden["client"], set_id))
    other, code = make_course(app, teacher, "Revision course")
    attach(app, teacher, other, set_id)  # answers shown there
    join(app, hidden["student"], code)
    assert api_next(hidden["client"], set_id).status_code == 200


def test_the_option_in_the_form_and_the_api(app, hidden, client, auth, factories):
    teacher, course_id, set_id = hidden["teacher"], hidden["course_id"], hidden["set_id"]
    auth.login(teacher.email)
    page = client.get(f"/courses/{course_id}/sets/{set_id}/options").get_data(as_text=True)
    assert "Flashcards open to students" in page and 'name="flashcards_open"' in page
    saved = client.post(
        f"/courses/{course_id}/sets/{set_id}/options",
        data={"grading_method": "highest", "feedback_mode": "deferred", "review_show_answer": "y"},
    )
    assert saved.status_code == 302
    with app.app_context():
        from sqlalchemy import select

        from quizapp.models import CourseSet

        row = db.session.execute(
            select(CourseSet).where(CourseSet.course_id == course_id, CourseSet.set_id == set_id)
        ).scalar_one()
        assert row.flashcards_open is False  # unticked
    student_view = hidden["client"].get(f"/api/v1/courses/{course_id}").get_json()
    [entry] = student_view["sets"]
    assert entry["flashcards_open"] is False and entry["flashcards_now"] is False

    api = app.test_client()
    api.environ_base["HTTP_AUTHORIZATION"] = _token(api, teacher)
    fresh = factories.question_set(
        name="Fresh", questions=deck_questions(1), owner_id=teacher.id, public=False
    )
    attached = api.post(
        f"/api/v1/courses/{course_id}/sets", json={"set_id": fresh, "flashcards_open": False}
    )
    assert attached.status_code == 201 and attached.get_json()["flashcards_open"] is False
    refused = api.post(
        f"/api/v1/courses/{course_id}/sets", json={"set_id": fresh, "flashcards_open": "no"}
    )
    assert refused.status_code == 400


def test_a_quiz_in_the_course_is_taken_while_its_flashcards_are_closed(app, hidden, clock):
    """Closed flashcards do not stop the quiz: it is taken and marked.  Its answers leave
    the cards, which the student could not study, new (quiz evidence counts only for cards
    in review: ``quizzes.evidence``), so nothing of the closed deck is scheduled."""
    set_id, course_id = hidden["set_id"], hidden["course_id"]
    attempt_id = take(app, clock, hidden["student"], course_id, set_id, {"fact-00": "answer 0"})
    with as_user(app, hidden["student"].id) as user:
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.submitted_at is not None and attempt.score == 1
        assert reviews.logs_of(db.session, user.id, hidden["cards"][:1]) == []


def _token(client, user) -> str:
    from tests.conftest import PASSWORD

    response = client.post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD})
    return f"Bearer {response.get_json()['token']}"
