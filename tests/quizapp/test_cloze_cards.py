"""Cloze flashcards in the app: stored with their text, reviewed with the gap on the front
and the answer marked on the back, in the pages and the API, sanitised as every card is."""

from __future__ import annotations

import re

from sqlalchemy import select

from question_bank.sets import Card as BankCard
from question_bank.sets import QuestionSet as BankSet
from question_bank.types import ShortAnswer
from quizapp.extensions import db
from quizapp.models import Card
from quizapp.services import question_sets
from tests.quizapp.review_helpers import api_login, api_next

LAUSANNE = BankCard(
    id="lausanne",
    cloze="The Treaty of {{c1::Lausanne}} was signed in {{c1::1923::year}}.",
    extra="It <b>replaced</b> Sèvres.",
    category="dates",
)


def _save(app, clock, *cards: BankCard) -> int:
    bank = BankSet(name="Treaties", questions=(ShortAnswer.sample(),), cards=cards)
    with app.app_context():
        report = question_sets.save_new_set(db.session, bank, owner_id=None, now=clock.now())
        return report.set_id


def _front(html: str) -> str:
    match = re.search(r'<h2 class="front" id="card-front" data-role="front">(.*?)</h2>', html, re.S)
    assert match, html
    return match.group(1)


def _back(html: str) -> str:
    match = re.search(r'<div class="back" data-role="back">(.*?)</div>\s*<figure', html, re.S)
    assert match, html
    return match.group(1)


def test_a_cloze_card_is_stored_with_its_text_and_read_back(app, clock):
    set_id = _save(app, clock, LAUSANNE)
    with app.app_context():
        row = db.session.execute(select(Card).where(Card.set_id == set_id)).scalar_one()
        assert row.cloze == LAUSANNE.cloze
        assert row.front == "The Treaty of […] was signed in [year]."
        assert row.back == "Lausanne; 1923"
        assert row.to_model() == LAUSANNE
        target = db.session.get(question_sets.QuestionSet, set_id)
        assert question_sets.to_bank_set(target).cards == (LAUSANNE,)


def test_review_page_shows_the_gap_then_the_answer_marked(app, client, auth, clock):
    set_id = _save(app, clock, LAUSANNE)
    auth.login_new()
    html = client.get(f"/review/sets/{set_id}").get_data(as_text=True)
    front = _front(html)
    assert front == "The Treaty of <mark>[…]</mark> was signed in <mark>[year]</mark>."
    assert "Lausanne" not in front and "1923" not in front
    back = _back(html)
    assert "The Treaty of <mark>Lausanne</mark> was signed in <mark>1923</mark>." in back
    # The extra note is plain text: its markup is shown, not obeyed.
    assert "It &lt;b&gt;replaced&lt;/b&gt; Sèvres." in back


def test_api_sends_a_cloze_card_as_html_with_its_text(app, client, factories, clock):
    set_id = _save(app, clock, LAUSANNE)
    api_login(client, factories)
    card = api_next(client, set_id).get_json()["card"]
    assert card["text_format"] == "html"
    assert card["cloze"] == LAUSANNE.cloze
    assert card["front"] == "The Treaty of <mark>[…]</mark> was signed in <mark>[year]</mark>."
    assert card["back"].startswith("The Treaty of <mark>Lausanne</mark> was signed in")


def test_a_cloze_card_is_sanitised_like_any_card(app, client, auth, clock):
    hostile = BankCard(
        id="hostile",
        cloze='<img src=x onerror="alert(1)"><script>alert(2)</script>'
        "Capital: {{c1::<b>Ankara</b>::city}} and {{c2::Izm<i>ir}} too.",
        text_format="html",
    )
    set_id = _save(app, clock, hostile)
    auth.login_new()
    html = client.get(f"/review/sets/{set_id}").get_data(as_text=True)
    front, back = _front(html), _back(html)
    for side in (front, back):
        assert "onerror" not in side and "<script" not in side and "alert(2)" not in side
    assert "<mark>[city]</mark>" in front and "Ankara" not in front
    assert "<mark><b>Ankara</b></mark>" in back
    # A deletion that opens a tag it does not close stays well formed.
    assert back.count("<mark>") == back.count("</mark>") == 2
    assert "<i>ir</i>" in back


def test_a_plain_cloze_card_escapes_its_markup(app, client, auth, clock):
    plain = BankCard(id="plain", cloze="1 < 2 and {{c1::<b>bold</b>}} & more")
    set_id = _save(app, clock, plain)
    auth.login_new()
    html = client.get(f"/review/sets/{set_id}").get_data(as_text=True)
    assert _front(html) == "1 &lt; 2 and <mark>[…]</mark> &amp; more"
    assert "<mark>&lt;b&gt;bold&lt;/b&gt;</mark>" in _back(html)
