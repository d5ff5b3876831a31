"""Taking a quiz in Chromium: every question type, a reload mid-quiz, submit, review;
once more with JavaScript off.  Screenshots: tests/artifacts/quiz-phone.png, quiz-laptop.png."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import ARTIFACTS
from tests.quizapp.quiz_helpers import every_type, mc, seed_live_app

EMAIL = "learner@example.com"


def log_in(page: Page, live_server) -> None:
    page.goto(live_server.url("/auth/login"))
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()


def saved(page: Page) -> None:
    """quiz.js saved the answer (PUT with the session's CSRF header)."""
    expect(page.locator("#save-status")).to_have_text("Your answer is saved.")


def test_take_a_whole_quiz(page: Page, live_server, screenshot):
    seed_live_app(
        live_server.app,
        email=EMAIL,
        password=PASSWORD,
        questions=every_type(),
        name="The fall of Baghouz",
        time_limit_seconds=1200,
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server)
    page.get_by_role("link", name="Take the quiz").click()
    expect(page.get_by_role("heading", name="The fall of Baghouz")).to_be_visible()
    expect(page.locator(".quiz-options")).to_contain_text("20 min")
    page.get_by_role("button", name="Start the quiz").click()

    # 1: a description, nothing to answer.
    expect(page.get_by_text("Question 1 of 9")).to_be_visible()
    expect(page.get_by_text("These questions are about the fall of Baghouz.")).to_be_visible()
    expect(page.get_by_text("Time left:")).to_be_visible()
    page.get_by_role("button", name="Next →").click()

    # 2: multiple choice, radio buttons, usable with the keyboard.
    expect(page.get_by_text("Question 2 of 9")).to_be_visible()
    group = page.get_by_role("group", name="Where was the last stronghold?")
    expect(group.get_by_role("radio")).to_have_count(3)
    page.get_by_label("Raqqa").check()
    saved(page)
    page.get_by_label("Raqqa").press("ArrowUp")
    expect(page.get_by_label("Baghouz")).to_be_checked()
    saved(page)
    expect(page.get_by_role("button", name="Question 2, answered")).to_be_visible()
    screenshot("quiz-laptop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("quiz-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="Next →").click()

    # 3: true/false.
    page.get_by_label("True", exact=True).check()
    page.get_by_role("button", name="Next →").click()

    # 4: multiple response, checkboxes.
    page.get_by_label("SDF").check()
    page.get_by_label("US-led coalition").check()
    saved(page)
    page.get_by_role("button", name="Next →").click()

    # 5: short answer; Enter moves on, as a person expects.
    page.get_by_label("Your answer").fill("Mustafa Bali")
    page.get_by_label("Your answer").press("Enter")

    # 6: a number, typed as written in the article; then the tab "closes".
    expect(page.get_by_text("Question 6 of 9")).to_be_visible()
    number = page.get_by_label("Your answer (a number)")
    expect(number).to_have_attribute("inputmode", "decimal")
    number.fill("11,000")
    saved(page)
    page.reload()
    expect(page.get_by_text("Question 6 of 9")).to_be_visible()
    expect(page.get_by_label("Your answer (a number)")).to_have_value("11000")
    page.goto(live_server.url("/"))
    page.get_by_role("link", name="Take the quiz").click()
    page.get_by_role("button", name="Resume the quiz").click()
    expect(page.get_by_text("Welcome back: you are where you left off.")).to_be_visible()
    expect(page.get_by_text("Question 6 of 9")).to_be_visible()
    page.get_by_role("button", name="Question 2, answered").click()
    expect(page.get_by_label("Baghouz")).to_be_checked()
    page.get_by_role("button", name="Question 7, not answered").click()

    # 7: matching, a dropdown per item.
    page.get_by_label("Baghouz").select_option(label="Last stand")
    page.get_by_label("Raqqa").select_option(label="Former capital")
    saved(page)
    page.get_by_role("button", name="Next →").click()

    # 8: cloze, inline blanks.
    page.get_by_label("Blank 1 of 2").fill("March")
    page.get_by_label("Blank 2 of 2").fill("SDF")
    page.get_by_role("button", name="Next →").click()

    # 9: essay.
    page.get_by_label("Your answer").fill("It ended the territorial caliphate.")
    page.get_by_role("button", name="Finish →").click()

    expect(page.get_by_role("heading", name="Ready to submit?")).to_be_visible()
    expect(page.get_by_text("You answered 8 of 8 questions.")).to_be_visible()
    page.get_by_role("button", name="Submit my answers").click()

    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.get_by_text("7 / 7 points")).to_be_visible()
    expect(page.locator(".score-percent")).to_have_text("100%")
    first = page.locator("#question-2")
    expect(first.get_by_text("Right", exact=True)).to_be_visible()
    expect(first.get_by_text("Yes, Baghouz.")).to_be_visible()
    expect(first.get_by_text("The SDF said the last ISIS stronghold")).to_be_visible()
    expect(
        page.locator("#question-9").get_by_text("Not marked automatically", exact=True)
    ).to_be_visible()
    screenshot("quiz-review")

    page.get_by_role("link", name="All my quizzes").click()
    expect(page.get_by_role("heading", name="My quizzes")).to_be_visible()
    expect(page.locator("svg.chart")).to_have_count(2)
    screenshot("quiz-history")


def test_a_quiz_without_javascript(browser: Browser, live_server):
    seed_live_app(
        live_server.app,
        email=EMAIL,
        password=PASSWORD,
        questions=[mc("q1"), *every_type()[5:8]],
        name="No script",
        time_limit_seconds=600,
    )
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        log_in(page, live_server)
        page.get_by_role("link", name="Take the quiz").click()
        page.get_by_role("button", name="Start the quiz").click()

        expect(page.get_by_text("Question 1 of 4")).to_be_visible()
        expect(page.locator(".timer-value")).to_have_text("10:00")
        page.get_by_label("Half").check()
        page.get_by_role("button", name="Next →").click()

        page.get_by_label("Your answer (a number)").fill("eleven-ish")
        page.get_by_role("button", name="Next →").click()
        expect(page.get_by_role("alert")).to_contain_text("is not a number")
        expect(page.get_by_label("Your answer (a number)")).to_have_value("eleven-ish")
        page.get_by_label("Your answer (a number)").fill("11 000")
        page.get_by_role("button", name="Next →").click()

        expect(page.get_by_text("Question 3 of 4")).to_be_visible()
        page.reload()
        page.get_by_label("Baghouz").select_option(label="Last stand")
        page.screenshot(path=str(ARTIFACTS / "quiz-phone-matching-nojs.png"), full_page=True)
        page.get_by_role("button", name="Question 1, answered").click()  # saves, then jumps
        expect(page.get_by_label("Half")).to_be_checked()
        page.get_by_role("button", name="Question 3, answered").click()
        expect(page.get_by_label("Baghouz").locator("option:checked")).to_have_text("Last stand")
        page.get_by_role("button", name="Finish and submit…").click()

        expect(page.get_by_text("1 question is not answered")).to_be_visible()
        page.get_by_role("link", name="question 4", exact=True).click()
        page.get_by_label("Blank 1 of 2").fill("March")
        page.get_by_label("Blank 2 of 2").fill("SDF")
        page.screenshot(path=str(ARTIFACTS / "quiz-phone-cloze-nojs.png"), full_page=True)
        page.get_by_role("button", name="Finish →").click()
        page.get_by_role("button", name="Submit my answers").click()

        expect(page.get_by_role("heading", name="Your results")).to_be_visible()
        # 0.5 (half) + 1 (number) + 0.5 (one pair of two) + 1 (both blanks) of 4.
        expect(page.get_by_text("3 / 4 points")).to_be_visible()
        expect(page.locator("#question-1").get_by_text("Partly right", exact=True)).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "quiz-review-nojs.png"), full_page=True)
        assert re.search(r"/quiz/attempts/\d+/review$", page.url)
    finally:
        context.close()


def test_immediate_feedback(page: Page, live_server, screenshot):
    seed_live_app(
        live_server.app,
        email=EMAIL,
        password=PASSWORD,
        questions=every_type()[1:3],
        name="Feedback at once",
        feedback_mode="immediate",
    )
    log_in(page, live_server)
    page.get_by_role("link", name="Take the quiz").click()
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_label("Raqqa").check()
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_text("Wrong", exact=True)).to_be_visible()
    expect(page.get_by_text("Raqqa fell in 2017.")).to_be_visible()
    expect(page.get_by_text("Correct answer: Baghouz")).to_be_visible()
    expect(page.get_by_label("Baghouz")).to_be_disabled()
    screenshot("quiz-immediate")
    page.get_by_role("button", name="Next →").click()
    page.get_by_label("True", exact=True).check()
    page.get_by_label("True", exact=True).press("Enter")  # Enter checks the answer
    expect(page.get_by_text("Right", exact=True)).to_be_visible()
    page.get_by_role("button", name="Finish →").click()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("1 / 2 points")).to_be_visible()
