"""The article page and the question browser, as a reader sees them."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from question_bank import article
from quizapp.extensions import db
from quizapp.services import question_sets


def test_read_the_article_and_follow_a_passage_to_its_questions(
    page: Page, live_server, screenshot
):
    with live_server.app.app_context():
        question_sets.load_builtin(
            db.session,
            article.load_bank(),
            key="article",
            now=live_server.app.extensions["clock"].now(),
        )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url("/bank/article"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("When the end isn")
    screenshot("article", full_page=False)
    page.locator("a.sourced").filter(has_text="Baghouz").first.click()
    expect(page.get_by_text("quote one passage")).to_be_visible()
    expect(page.locator("li.card").first).to_be_visible()
    screenshot("article-passage-questions", full_page=False)
