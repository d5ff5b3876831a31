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
    expect(page.get_by_label("Drafts per sentence")).to_have_value("1")
    page.get_by_role("button", name="Propose questions").click()

    keep_boxes = page.get_by_label("Keep this", exact=False)
    count = keep_boxes.count()
    assert count >= 3
    # Each draft shows its flashcard: the sentence with a gap, and the answer on the back.
    cards = page.get_by_role("region", name="Its flashcard")
    expect(cards).to_have_count(count)
    expect(cards.first.locator(".card-front")).to_contain_text("_____")
    first_answer = page.get_by_label("Answer", exact=True).first.input_value()
    expect(cards.first.locator(".card-back")).to_have_text(first_answer)

    dropped = keep_boxes.nth(0).get_attribute("id")
    keep_boxes.nth(0).uncheck()
    # Two drafts a sentence: more drafts, each with its card; the unticked one stays unticked.
    page.get_by_text("More or fewer drafts").click()
    page.get_by_label("Drafts per sentence").fill("2")
    page.get_by_role("button", name="Propose again with these limits").click()
    expect(page.get_by_text("at most 2 per sentence")).to_be_visible()
    more = keep_boxes.count()
    assert more > count
    expect(cards).to_have_count(more)
    expect(page.locator(f"#{dropped}")).not_to_be_checked()

    first_kept_prompt = page.get_by_label("Question", exact=True).last
    first_kept_prompt.fill(first_kept_prompt.input_value() + " (edited)")
    screenshot("draft-from-article", full_page=False)
    # Enter in a field previews the kept drafts (the form's default button), as the button
    # at the end does; it does not propose them again.
    page.get_by_label("Name of the new set").press("Enter")

    expect(page.get_by_text("(edited)")).to_be_visible()
    # Every kept draft comes with its flashcard.
    kept = more - 1
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Preview: {kept} questions, {kept} flashcards"
    )
    page.get_by_role("button", name="Save").first.click()
    page.goto(live_server.url("/instructor/"))
    expect(page.get_by_role("link", name="Elections 2021", exact=True)).to_be_visible()
    assert errors == []
