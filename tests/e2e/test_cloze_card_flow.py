"""Cloze flashcards in a real browser: a learner reviews them (the gap, then the answer
marked, the next card loaded by review.js), and the set's owner edits a card."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from question_bank.sets import Card as BankCard
from question_bank.sets import QuestionSet as BankSet
from question_bank.types import ShortAnswer
from quizapp.extensions import db
from quizapp.services import question_sets
from tests.conftest import PASSWORD
from tests.factories import Factories

CARDS = (
    BankCard(
        id="offensive",
        cloze="In {{c1::September 2018::month and year}}, the SDF launched a major offensive "
        "in a small area along the Euphrates river to defeat ISIS.",
        category="date",
    ),
    BankCard(
        id="coalition",
        cloze="The war on ISIS mobilised some of the world's most powerful armies to form a "
        "{{c1::79}}-member coalition.",
        category="actor",
    ),
)


def _setup(live_app, clock) -> tuple[str, str, int]:
    factories = Factories(live_app, clock, PASSWORD)
    owner = factories.user(email="teacher@example.com", role="instructor")
    learner = factories.user(email="learner@example.com")
    bank = BankSet(name="Cloze deck", questions=(ShortAnswer.sample(),), cards=CARDS)
    with live_app.app_context():
        report = question_sets.save_new_set(db.session, bank, owner_id=owner.id, now=clock.now())
    return owner.email, learner.email, report.set_id


def _login(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url("/auth/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/auth/login"))


def test_review_a_cloze_card(page: Page, live_server, live_app, clock, screenshot):
    _, learner, set_id = _setup(live_app, clock)
    _login(page, live_server, learner)
    for width, height in ((360, 740), (1366, 768)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(live_server.url(f"/review/sets/{set_id}"))
        front = page.locator("#card-front")
        expect(front).to_have_text(
            "In [month and year], the SDF launched a major offensive in a small area along "
            "the Euphrates river to defeat ISIS."
        )
        expect(front.locator("mark")).to_have_text("[month and year]")
        screenshot(f"cloze-front-{width}")
        page.keyboard.press("Space")
        back = page.locator('[data-role="back"]')
        expect(back.locator("mark")).to_have_text("September 2018")
        expect(back).to_contain_text("In September 2018, the SDF launched")
        screenshot(f"cloze-back-{width}")
        # Nothing overflows sideways on a phone.
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert overflow is False
    # Rate it: the next card comes from the API and is drawn by review.js.
    page.evaluate("window.__sameDocument = true")
    page.keyboard.press("3")
    front = page.locator("#card-front")
    expect(front.locator("mark")).to_have_text("[…]")
    expect(front).to_contain_text("-member coalition.")
    assert page.evaluate("window.__sameDocument") is True
    page.keyboard.press("Space")
    expect(page.locator('[data-role="back"] mark')).to_have_text("79")


def test_edit_a_card(page: Page, live_server, live_app, clock, screenshot):
    owner, _, set_id = _setup(live_app, clock)
    page.set_viewport_size({"width": 1366, "height": 900})
    _login(page, live_server, owner)
    page.goto(live_server.url(f"/instructor/sets/{set_id}"))
    page.get_by_role("link", name="Edit the flashcards").click()
    expect(page.get_by_role("heading", name="Flashcards of Cloze deck")).to_be_visible()
    page.get_by_role("link", name="Edit card 2").click()
    cloze = page.get_by_label("Cloze text")
    expect(cloze).to_have_value(re.compile(r"\{\{c1::79\}\}-member"))
    cloze.fill("A coalition with no gap at all.")
    page.get_by_role("button", name="Save the card").click()
    expect(page.locator("#cloze-error")).to_contain_text("at least one deletion")
    screenshot("card-editor-error")
    cloze.fill("The coalition against ISIS had {{c1::79::how many}} members.")
    page.get_by_role("button", name="Save the card").click()
    expect(page.get_by_text("The card is saved.")).to_be_visible()
    expect(page.locator(".card-front mark").nth(1)).to_have_text("[how many]")
    # A front-and-back card that says only "True" is refused, then written as a fact.
    page.get_by_role("link", name="Add a card").click()
    page.get_by_label("Front", exact=True).fill("Did the SDF lose fighters?")
    page.get_by_label("Back", exact=True).fill("True")
    page.get_by_role("button", name="Save the card").click()
    expect(page.locator("#back-error")).to_contain_text("true or false")
    page.get_by_label("Front", exact=True).fill("How many fighters did the SDF say it lost?")
    page.get_by_label("Back", exact=True).fill("11,000")
    page.get_by_role("button", name="Save the card").click()
    expect(page.get_by_text("The card is saved.")).to_be_visible()
    expect(page.locator(".card-list > li")).to_have_count(3)
