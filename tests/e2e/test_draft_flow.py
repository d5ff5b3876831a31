"""An instructor drafts questions from a new article in the browser, drops one, edits
another, and saves the set through the preview."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.test_upload_flow import _account, _console_errors, _log_in

ARTICLE = (
    "Election results\n\n"
    "In March 2021, the Electoral Commission counted 4,500,000 votes in Lagos State.\n"
    "Governor Amina Bello said turnout had risen to 61 per cent.\n"
    "The results were read out in Abuja by the commission's chairman, Musa Idris.\n"
)


def test_draft_a_set_from_an_article(page: Page, live_server, screenshot):
    _account(live_server.app, "teacher@example.com", "instructor")
    errors = _console_errors(page)
    _log_in(page, live_server.base, "teacher@example.com")
    page.goto(live_server.url("/instructor/"))
    page.get_by_role("link", name="Draft questions from an article").click()
    page.get_by_label("The article's text").fill(ARTICLE)
    page.get_by_label("Name of the new set").fill("Elections 2021")
    page.get_by_role("button", name="Propose questions").click()

    keep_boxes = page.get_by_label("Keep this", exact=False)
    count = keep_boxes.count()
    assert count >= 3
    keep_boxes.nth(0).uncheck()
    first_kept_prompt = page.get_by_label("Question", exact=True).nth(1)
    first_kept_prompt.fill(first_kept_prompt.input_value() + " (edited)")
    screenshot("draft-from-article", full_page=False)
    page.get_by_role("button", name="Preview the kept questions").click()

    expect(page.get_by_text("(edited)")).to_be_visible()
    page.get_by_role("button", name="Save").first.click()
    page.goto(live_server.url("/instructor/"))
    expect(page.get_by_role("link", name="Elections 2021", exact=True)).to_be_visible()
    assert errors == []
