"""A Moodle XML question with an embedded image, in a real browser: the instructor uploads
it through the page and sees the image in the preview; a student of the course sees it in
the quiz and in the review (the <img> loads: 200, image/png, its alt text, within a phone's
width); another student gets 404 for it; the set exports back with the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from question_bank.formats import moodle_xml
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_upload_flow import _account, _console_errors, _log_in

XML_FILE = Path(__file__).resolve().parent.parent / "quizapp" / "data" / "image_question.xml"
ALT = "A blue river on a map"


def _image_state(page: Page) -> dict:
    """What the browser made of the question's image: loaded, its size on screen."""
    image = page.get_by_role("img", name=ALT)
    expect(image).to_be_visible()
    return image.evaluate(
        "img => ({src: img.currentSrc, loaded: img.complete && img.naturalWidth > 0,"
        " natural: img.naturalWidth, right: img.getBoundingClientRect().right})"
    )


def _fetched(page: Page, url: str) -> tuple[int, str]:
    response = page.request.get(url)
    return response.status, response.headers.get("content-type", "")


def _attach_to_a_course(app, teacher: str, student: str) -> tuple[int, int]:
    from sqlalchemy import select

    from quizapp.extensions import db
    from quizapp.models import QuestionSet, User
    from quizapp.services import accounts, courses

    with app.app_context():
        now = app.extensions["clock"].now()
        owner = accounts.find_user_by_email(db.session, teacher)
        set_id = db.session.execute(
            select(QuestionSet.id).where(QuestionSet.name == "Rivers")
        ).scalar_one()
        course = courses.create_course(db.session, owner=owner, name="Geography", now=now)
        courses.attach_set(db.session, owner=owner, course_id=course.id, set_id=set_id, now=now)
        member = db.session.get(User, accounts.find_user_by_email(db.session, student).id)
        courses.join_course(db.session, user=member, code=course.join_code, now=now)
        return course.id, set_id


@pytest.mark.e2e
def test_an_embedded_image_reaches_exactly_the_students_who_may_see_it(
    page: Page, browser: Browser, live_server, screenshot
):
    app = live_server.app
    _account(app, "teacher@example.com", "instructor")
    _account(app, "student@example.com", "student")
    _account(app, "outsider@example.com", "student")
    errors = _console_errors(page)

    # The instructor uploads the file and sees the image in the preview, with the answers.
    _log_in(page, live_server.base, "teacher@example.com")
    page.goto(live_server.url("/instructor/upload"))
    page.get_by_label("Question file").set_input_files(str(XML_FILE))
    page.get_by_label("Set name").fill("Rivers")
    page.get_by_role("button", name="Check and preview").click()
    expect(page.get_by_role("heading", name="Preview: 1 question")).to_be_visible()
    preview = _image_state(page)
    assert preview["loaded"] and "/instructor/uploads/" in preview["src"]
    expect(page.get_by_text("Answer key")).to_be_visible()
    screenshot("image-preview")
    page.get_by_role("button", name="Save these questions").click()
    expect(page.get_by_role("heading", name="Rivers")).to_be_visible()
    saved = _image_state(page)
    assert saved["loaded"] and "/media/" in saved["src"]
    image_url = saved["src"]
    assert _fetched(page, image_url) == (200, "image/png")
    exported = page.request.get(page.url + "/download/moodlexml")
    [back] = moodle_xml.parse(exported.text()).questions
    [original] = moodle_xml.parse(XML_FILE.read_text("utf-8")).questions
    assert back.files == original.files  # the same bytes, under the same name

    course_id, set_id = _attach_to_a_course(app, "teacher@example.com", "student@example.com")

    # A student of the course: the image in the quiz, on a phone too, and in the review.
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        student = context.new_page()
        student_errors = _console_errors(student)
        _log_in(student, live_server.base, "student@example.com")
        student.goto(live_server.url(f"/courses/{course_id}/sets/{set_id}/quiz"))
        student.get_by_role("button", name="Start the quiz").click()
        shown = _image_state(student)
        assert shown["loaded"] and shown["src"] == image_url
        assert shown["right"] <= 360
        assert _fetched(student, image_url) == (200, "image/png")
        student.screenshot(path=str(ARTIFACTS / "image-quiz-phone.png"), full_page=True)
        student.get_by_label("Euphrates").check()
        student.get_by_role("button", name="Finish →").click()
        student.get_by_role("button", name="Submit my answers").click()
        expect(student.get_by_role("heading", name="Your results")).to_be_visible()
        expect(student.get_by_text("2 / 2 points").first).to_be_visible()
        reviewed = _image_state(student)
        assert reviewed["loaded"] and reviewed["src"] == image_url
        assert student_errors == []
    finally:
        context.close()

    # Another student may not see the set: the image is "not found", as is any other hash.
    other = browser.new_context()
    try:
        outsider = other.new_page()
        _log_in(outsider, live_server.base, "outsider@example.com")
        assert _fetched(outsider, image_url)[0] == 404
        assert _fetched(outsider, live_server.url(f"/quiz/sets/{set_id}"))[0] == 404
    finally:
        other.close()
    assert errors == []
