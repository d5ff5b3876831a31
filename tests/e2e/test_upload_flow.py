"""An instructor uploads a GIFT file through the page, reads the preview and confirms; a
student then finds the new set on the home page and opens it.  In a real browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import PASSWORD

DATA = Path(__file__).resolve().parent.parent / "data"
GIFT_FILE = DATA / "uploads" / "upload_flow.gift"
BROKEN_FILE = DATA / "gift" / "errors_blocks.gift"


def _account(app, email: str, role: str) -> None:
    from quizapp.extensions import db
    from quizapp.services import accounts
    from quizapp.services.accounts import HashSettings

    with app.app_context():
        accounts.create_user(
            db.session,
            email=email,
            password=PASSWORD,
            role=role,
            now=app.extensions["clock"].now(),
            hashing=HashSettings(time_cost=1, memory_kib=1024),
        )


def _log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()


def _console_errors(page: Page) -> list[str]:
    """Errors the browser reports (a CSP violation would be one)."""
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.e2e
def test_instructor_uploads_a_gift_file_and_a_student_takes_the_set(
    page: Page, browser: Browser, live_server, screenshot
):
    _account(live_server.app, "teacher@example.com", "instructor")
    _account(live_server.app, "student@example.com", "student")
    errors = _console_errors(page)

    _log_in(page, live_server.base, "teacher@example.com")
    page.get_by_role("link", name="Instructor").click()
    expect(page.get_by_role("heading", name="Your question sets")).to_be_visible()
    page.get_by_role("link", name="Upload questions").click()

    # A broken file first: every error listed with its line, nothing saved, the form kept.
    page.get_by_label("Question file").set_input_files(str(BROKEN_FILE))
    page.get_by_label("Set name").fill("Capitals of Europe")
    page.get_by_role("button", name="Check and preview").click()
    errors_box = page.get_by_role("alert")
    expect(errors_box).to_contain_text("Nothing was saved from errors_blocks.gift")
    expect(errors_box).to_contain_text(
        "Line 3, column 10: the answer block opened here is never closed"
    )
    expect(errors_box.locator("li")).to_have_count(5)
    expect(page.get_by_label("Set name")).to_have_value("Capitals of Europe")
    screenshot("upload-errors")
    # The refused upload answers 400, which the console reports; nothing else may be there.
    assert [e for e in errors if "status of 400" not in e] == []
    errors.clear()

    page.get_by_label("Question file").set_input_files(str(GIFT_FILE))
    page.get_by_label("Publish to every student once saved").check()
    page.get_by_role("button", name="Check and preview").click()

    # The preview: every question as students will see it, with its answers.
    expect(page.get_by_role("heading", name="Preview: 5 questions")).to_be_visible()
    expect(page.get_by_text("a new public set with 5 questions")).to_be_visible()
    expect(page.get_by_text("What is the capital of France?")).to_be_visible()
    expect(page.get_by_text("Right: Paris has been the capital since 987.")).to_be_visible()
    expect(page.locator(".prompt b", has_text="country")).to_be_visible()  # [html] rendered
    expect(page.get_by_text("✓ correct").first).to_be_visible()
    expect(page.get_by_text("Correct answer: Spain → Madrid; Portugal → Lisbon")).to_be_visible()
    screenshot("upload-preview")

    page.get_by_role("button", name="Save these questions").click()
    expect(
        page.get_by_text('Saved the new set "Capitals of Europe" with 5 questions.')
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Capitals of Europe")).to_be_visible()
    screenshot("instructor-set")
    # Back on the preview, there is nothing left to confirm: it shows what was saved.
    page.go_back()
    expect(page.get_by_role("heading", name="Upload saved")).to_be_visible()
    expect(page.get_by_role("button", name="Save these questions")).to_have_count(0)
    assert errors == []

    # A student, in a browser context of their own.
    context = browser.new_context()
    try:
        student = context.new_page()
        student_errors = _console_errors(student)
        _log_in(student, live_server.base, "student@example.com")
        card = student.locator(".set-card", has_text="Capitals of Europe")
        expect(card).to_be_visible()
        expect(card.get_by_text("5 questions")).to_be_visible()
        if "quiz.start" in live_server.app.view_functions:
            card.get_by_role("link", name="Take the quiz").click()
            expect(student.get_by_text("Capitals of Europe").first).to_be_visible()
            html = student.content()
            assert "Andorra la Vella" not in html  # no answers before answering
        assert student_errors == []
        # Students may not reach the instructor's pages.
        response = student.goto(live_server.url("/instructor/upload"))
        assert response is not None and response.status == 403
    finally:
        context.close()
