"""An ordering question in Chromium: put the items in order with the keyboard (the move
buttons quiz.js adds), saved as you go, then reviewed with the right order; and without
JavaScript, with a place per item.  Screenshots: tests/artifacts/ordering-laptop.png,
ordering-phone.png, ordering-review.png."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from question_bank.types import Ordering
from tests.conftest import PASSWORD
from tests.e2e.test_quiz_flow import EMAIL, log_in, saved
from tests.quizapp.quiz_helpers import mc, seed_live_app

ORDER = Ordering.sample()
TEXTS = [item.text for item in ORDER.items]


def _seed(live_server) -> None:
    seed_live_app(
        live_server.app,
        email=EMAIL,
        password=PASSWORD,
        questions=[ORDER.to_dict(), mc("q-other")],
        name="The last campaign",
    )


def _start(page: Page, live_server) -> None:
    log_in(page, live_server)
    page.get_by_role("link", name="Take the quiz").click()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_text("Question 1 of 2")).to_be_visible()


def _shown(page: Page) -> list[str]:
    """The items' texts in the order the page lists them (their ids are the attempt's own,
    so the texts are read from the page)."""
    return page.locator(".order-item .order-text").evaluate_all(
        "labels => labels.map(l => l.textContent.replace('Place of:', '').trim())"
    )


def test_put_items_in_order_with_the_keyboard(page: Page, live_server, screenshot):
    _seed(live_server)
    page.set_viewport_size({"width": 1366, "height": 900})
    _start(page, live_server)
    expect(page.get_by_role("button", name="Move up: " + TEXTS[0])).to_be_visible()
    expect(page.locator(".order-move")).to_have_count(2 * len(TEXTS))
    assert _shown(page) != TEXTS

    # Bring each item up to its place, with the keyboard only.
    for place, text in enumerate(TEXTS):
        up = page.get_by_role("button", name="Move up: " + text)
        up.focus()
        while _shown(page).index(text) > place:
            page.keyboard.press("Enter")
        expect(up).to_be_focused()
    assert _shown(page) == TEXTS
    status = page.locator('[data-role="order-status"]')
    expect(status).to_contain_text("place")
    saved(page)
    selects = page.locator(".order-place")
    assert [selects.nth(i).input_value() for i in range(len(TEXTS))] == ["1", "2", "3", "4", "5"]
    screenshot("ordering-laptop")
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot("ordering-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.reload()  # the order is saved on the server
    assert _shown(page) == TEXTS
    page.get_by_role("button", name="Next →").click()
    page.get_by_label("Right").check()
    page.get_by_role("button", name="Finish →").click()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("The right order:")).to_be_visible()
    expect(page.get_by_text("2 / 2 points")).to_be_visible()
    screenshot("ordering-review")


def test_choosing_a_place_moves_the_item(page: Page, live_server):
    _seed(live_server)
    _start(page, live_server)
    last = _shown(page)[-1]
    page.get_by_label("Place of: " + last).select_option("1")
    assert _shown(page)[0] == last
    expect(page.locator('[data-role="order-status"]')).to_have_text(f"{last}: place 1 of 5.")
    saved(page)


def test_without_javascript_each_item_gets_its_place(browser: Browser, live_server):
    _seed(live_server)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        _start(page, live_server)
        expect(page.locator(".order-move")).to_have_count(0)
        for place, text in enumerate(TEXTS, start=1):
            page.get_by_label("Place of: " + text).select_option(str(place))
        page.get_by_role("button", name="Next →").click()
        expect(page.get_by_text("Question 2 of 2")).to_be_visible()
        page.get_by_role("button", name="← Previous").click()
        assert _shown(page) == TEXTS
    finally:
        context.close()
