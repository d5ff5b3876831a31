"""Flashcards in a real browser: review with the keyboard only, without a page reload."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.factories import Factories
from tests.quizapp.review_helpers import deck_questions

FRONT = "#card-front"


def _setup(live_app, clock) -> tuple[str, int]:
    factories = Factories(live_app, clock, PASSWORD)
    user = factories.user(email="learner@example.com")
    set_id = factories.question_set(name="The article's facts", questions=deck_questions(12))
    return user.email, set_id


def _login(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url("/auth/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()


def _count(page: Page, name: str):
    return page.locator(f'[data-count="{name}"]')


def _log_count(live_app) -> int:
    from quizapp.extensions import db
    from quizapp.models import ReviewLog

    with live_app.app_context():
        return db.session.execute(select(func.count(ReviewLog.id))).scalar_one()


def test_review_with_the_keyboard_only(page: Page, live_server, live_app, clock, screenshot):
    email, set_id = _setup(live_app, clock)
    page.set_viewport_size({"width": 390, "height": 844})
    _login(page, live_server, email)
    page.goto(live_server.url(f"/review/sets/{set_id}"))
    page.evaluate("window.__sameDocument = true")  # gone if the page ever reloads

    expect(page.locator(FRONT)).to_have_text(re.compile("^Fact number 0:"))
    expect(_count(page, "new")).to_have_text("12")
    rating_buttons = page.locator(".ratings")
    expect(rating_buttons).to_be_hidden()
    page.keyboard.press("Space")
    expect(rating_buttons).to_be_visible()
    expect(page.locator('[data-role="back"]')).to_have_text("answer 0")
    expect(page.locator('[data-role="quote"]')).to_have_text(
        "The article's sentence behind fact 0."
    )
    expect(page.locator('[data-interval="again"]')).to_have_text("<1m")
    expect(page.locator('[data-interval="easy"]')).to_have_text("8d")
    screenshot("review-phone")

    page.keyboard.press("3")  # Good: learning, back in 10 minutes
    expect(page.locator(FRONT)).to_have_text(re.compile("^Fact number 3:"))  # next category
    expect(_count(page, "new")).to_have_text("11")
    expect(_count(page, "learning")).to_have_text("1")
    expect(rating_buttons).to_be_hidden()  # the new card shows its front only

    page.keyboard.press("Enter")
    page.keyboard.press("4")  # Easy: to review, in days
    expect(page.locator(FRONT)).to_have_text(re.compile("^Fact number 6:"))
    expect(_count(page, "new")).to_have_text("10")
    expect(_count(page, "learning")).to_have_text("1")

    page.keyboard.press("Space")
    page.keyboard.press("1")  # Again
    expect(page.locator(FRONT)).to_have_text(re.compile("^Fact number 9:"))
    expect(_count(page, "new")).to_have_text("9")
    expect(_count(page, "learning")).to_have_text("2")
    assert _log_count(live_app) == 3

    page.keyboard.press("u")  # undo the Again: fact 6 comes back
    expect(page.locator(FRONT)).to_have_text(re.compile("^Fact number 6:"))
    expect(page.get_by_text("Undone: your last answer.")).to_be_visible()
    expect(_count(page, "new")).to_have_text("10")
    expect(_count(page, "learning")).to_have_text("1")
    assert _log_count(live_app) == 2

    page.keyboard.press("Space")
    page.keyboard.press("3")
    expect(page.locator(FRONT)).to_have_text(re.compile("^Fact number 9:"))
    expect(_count(page, "learning")).to_have_text("2")
    page.keyboard.press("Control+z")  # Ctrl+Z undoes too
    expect(page.locator(FRONT)).to_have_text(re.compile("^Fact number 6:"))
    page.keyboard.press("Space")
    page.keyboard.press("2")  # Hard
    expect(page.locator(FRONT)).to_have_text(re.compile("^Fact number 9:"))
    expect(_count(page, "new")).to_have_text("9")
    assert _log_count(live_app) == 3

    assert page.evaluate("window.__sameDocument") is True  # never reloaded
    page.set_viewport_size({"width": 1280, "height": 800})
    page.keyboard.press("Space")
    screenshot("review-laptop")


def test_done_for_today_and_progress(page: Page, live_server, live_app, clock, screenshot):
    email, set_id = _setup(live_app, clock)
    from quizapp.extensions import db
    from quizapp.models import User

    with live_app.app_context():
        user = db.session.execute(select(User).where(User.email == email)).scalar_one()
        user.new_cards_per_day = 3
        db.session.commit()
    page.set_viewport_size({"width": 1280, "height": 800})
    _login(page, live_server, email)
    page.goto(live_server.url(f"/review/sets/{set_id}"))
    page.evaluate("window.__sameDocument = true")
    for fact in (0, 3, 6):  # as a learner does: read the card, show it, rate it
        expect(page.locator(FRONT)).to_have_text(re.compile(f"^Fact number {fact}:"))
        page.keyboard.press("Space")
        expect(page.locator(".ratings")).to_be_visible()
        page.keyboard.press("4")
    expect(page.get_by_role("heading", name="Done for today!")).to_be_visible()
    expect(page.get_by_text("Your next card is due tomorrow at")).to_be_visible()
    expect(_count(page, "new")).to_have_text("0")
    assert page.evaluate("window.__sameDocument") is True
    page.keyboard.press("u")
    expect(page.locator(FRONT)).to_be_visible()
    expect(_count(page, "new")).to_have_text("1")
    page.keyboard.press("f")  # flag it
    expect(page.locator('[data-role="flag-mark"]')).to_be_visible()
    page.keyboard.press("b")  # bury it until tomorrow
    expect(page.get_by_role("heading", name="Done for today!")).to_be_visible()

    page.goto(live_server.url("/review/progress"))
    expect(page.get_by_role("heading", name="Your progress")).to_be_visible()
    expect(page.locator('[data-figure="reviewed"]')).to_have_text("2")
    expect(page.locator("svg.heatmap")).to_be_visible()
    expect(page.locator("svg.forecast")).to_be_visible()
    screenshot("progress")


def test_a_leech_is_told_in_the_servers_words(page: Page, live_server, live_app, clock):
    """review.js shows the message the page carries (the threshold is the server's)."""
    from quizapp.extensions import db
    from quizapp.models import CardState, User
    from quizapp.services import scheduling
    from tests.quizapp.review_helpers import apply_review, card_ids

    email, set_id = _setup(live_app, clock)
    with live_app.app_context():
        user_id = db.session.execute(select(User.id).where(User.email == email)).scalar_one()
    first = card_ids(live_app, set_id)[0]
    apply_review(live_app, user_id, first, 4, clock.now())  # Easy: in review
    with live_app.app_context():  # one lapse short of a leech
        state = db.session.execute(select(CardState)).scalar_one()
        state.lapses = scheduling.LEECH_THRESHOLD - 1
        db.session.commit()
    clock.advance(days=60)
    page.set_viewport_size({"width": 1280, "height": 800})
    _login(page, live_server, email)
    page.goto(live_server.url(f"/review/sets/{set_id}"))
    page.evaluate("window.__sameDocument = true")
    expect(page.locator('[data-role="kind"]')).to_have_text("Review")
    page.keyboard.press("Space")
    expect(page.locator(".ratings")).to_be_visible()
    page.keyboard.press("1")  # Again: the last lapse
    expect(page.locator('[data-role="message"]')).to_have_text(scheduling.LEECH_MESSAGE)
    assert page.evaluate("window.__sameDocument") is True
