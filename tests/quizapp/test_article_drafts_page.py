"""The drafting page's limits (drafts per sentence and per entity) and the flashcard shown
beside each draft, kept when the drafts are saved."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from question_bank.drafting import draft_by_rules
from quizapp.extensions import db
from quizapp.models import Card, Question, QuestionSet
from quizapp.services import article_drafts
from tests.quizapp.test_article_drafts import ARTICLE
from tests.quizapp.test_article_drafts import draft_ids as _ids


def _cards(page: str) -> list[tuple[str, str]]:
    """Each draft's flashcard as the page shows it: (front, back), in the drafts' order."""
    sides = re.findall(
        r'<dd class="card-front">(.*?)</dd>\s*<dt class="back-side">Back</dt>\s*'
        r'<dd class="card-back">(.*?)</dd>',
        page,
        re.S,
    )
    return [(html.unescape(re.sub(r"<[^>]+>", "", f)).strip(),
             html.unescape(re.sub(r"<[^>]+>", "", b)).strip()) for f, b in sides]  # fmt: skip


def _answer(page: str, draft_id: str) -> str:
    found = re.search(rf'id="answer-{re.escape(draft_id)}" [^>]*value="([^"]*)"', page)
    return html.unescape(found.group(1))


def _propose(client, **fields: str):
    return client.post("/instructor/drafts", data={"text": ARTICLE, "set_name": "E", **fields})


def _error_beside(page: str, field: str) -> str:
    found = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', page)
    return html.unescape(found.group(1)) if found else ""


def test_the_page_has_the_two_limits_with_labels_hints_and_defaults(client, auth):
    auth.login_new(role="instructor")
    page = client.get("/instructor/drafts").get_data(as_text=True)
    for name, label in (
        ("per_sentence", "Drafts per sentence"),
        ("per_entity", "Drafts per name, date or figure"),
    ):
        assert f'<label for="{name}">{label}</label>' in page
        tag = re.search(rf'<input [^>]*id="{name}"[^>]*>', page).group(0)
        assert 'type="number"' in tag and 'value="1"' in tag
        assert 'min="1"' in tag and 'max="10"' in tag
        assert f'aria-describedby="{name}-help"' in tag
        assert f'id="{name}-help">At most this many questions' in page


def test_each_draft_shows_its_flashcard_beside_it(client, auth):
    auth.login_new(role="instructor")
    response = _propose(client)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    ids, cards = _ids(page), _cards(page)
    assert len(ids) == 3 and len(cards) == 3
    assert "at most 1 per sentence, at most 1 per name, date or figure" in page
    for draft_id, (front, back) in zip(ids, cards, strict=True):
        assert back == _answer(page, draft_id)  # the back is the draft's answer
        assert "_____" in front and back not in front  # the front has the gap, not the answer
    # The limits the drafts were proposed with travel with them, for the second step.
    assert '<input type="hidden" name="shown_per_sentence" value="1">' in page


def test_higher_limits_propose_more_and_empty_lifts_a_limit(client, auth):
    auth.login_new(role="instructor")
    two = _propose(client, per_sentence="2").get_data(as_text=True)
    assert len(_ids(two)) == 6 and len(_cards(two)) == 6
    assert "at most 2 per sentence" in two
    every = _propose(client, per_sentence="", per_entity="").get_data(as_text=True)
    assert len(_ids(every)) == 8
    assert "no limit per sentence, no limit per name, date or figure" in every
    assert '<input type="hidden" name="shown_per_sentence" value="">' in every


BAD_LIMIT = "Type a whole number from 1 to 10, or leave it empty for no limit."


@pytest.mark.parametrize("value", ["0", "11", "-2", "two", "1.5", "1e3", "9" * 5000])
@pytest.mark.parametrize("field", ["per_sentence", "per_entity"])
def test_a_bad_limit_gets_a_message_beside_its_field(client, auth, field, value):
    auth.login_new(role="instructor")
    response = _propose(client, **{field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert _error_beside(page, field) == BAD_LIMIT
    assert re.search(rf'<input [^>]*aria-invalid="true"[^>]*id="{field}"', page)
    assert "Check the field marked below." in page
    assert _ids(page) == []  # nothing proposed; the article is still in its box
    assert "4,500,000 votes in Lagos State" in page


def _second_step(page: str, **changes: str) -> dict:
    """What the second step's form sends: every draft kept as proposed, plus ``changes``."""
    ids = _ids(page)
    form = {
        "text": ARTICLE,
        "set_name": "Elections",
        "step": "choose",
        "draft": ids,
        "shown_per_sentence": re.search(r'name="shown_per_sentence" value="(\d*)"', page)[1],
        "shown_per_entity": re.search(r'name="shown_per_entity" value="(\d*)"', page)[1],
        "per_sentence": "1",
        "per_entity": "1",
    }
    for draft_id in ids:
        form[f"keep-{draft_id}"] = "on"
        form[f"prompt-{draft_id}"] = html.unescape(
            re.search(rf'id="prompt-{re.escape(draft_id)}"[^>]*>([^<]*)<', page)[1]
        )
        form[f"answer-{draft_id}"] = _answer(page, draft_id)
    form.update(changes)
    return form


def test_a_draft_kept_with_a_higher_limit_is_saved_with_its_card(app, client, auth):
    """The second step drafts again with the limits the drafts were shown with: a draft that
    only a higher limit proposes is found, and its card goes into the set."""
    auth.login_new(role="instructor")
    page = _propose(client, per_sentence="2").get_data(as_text=True)
    only_with_two = next(i for i in _ids(page) if i.startswith("draft-abuja-"))
    form = _second_step(page)
    for other in form["draft"]:
        if other != only_with_two:
            del form[f"keep-{other}"]
    form[f"answer-{only_with_two}"] = "the city of Abuja"  # the card's back follows
    response = client.post("/instructor/drafts", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    preview = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 flashcard" in preview
    token = response.headers["Location"].rstrip("/").split("/")[-1]
    assert client.post(f"/instructor/uploads/{token}/confirm").status_code == 302
    with app.app_context():
        set_id = db.session.execute(
            select(QuestionSet.id).where(QuestionSet.name == "Elections")
        ).scalar_one()
        (question,) = db.session.execute(
            select(Question).where(Question.set_id == set_id)
        ).scalars()
        (card,) = db.session.execute(select(Card).where(Card.set_id == set_id)).scalars()
        assert question.card_key == card.key
        assert card.front.startswith("The results were read out in _____ by")
        assert card.back == "the city of Abuja"


def test_propose_again_keeps_the_choices_and_a_bad_limit_keeps_the_drafts(client, auth):
    auth.login_new(role="instructor")
    page = _propose(client).get_data(as_text=True)
    first, *_ = _ids(page)
    form = _second_step(page, per_sentence="2", again="1")
    del form[f"keep-{first}"]
    form[f"prompt-{first}"] = "Edited, and dropped"
    again = client.post("/instructor/drafts", data=form)
    more = again.get_data(as_text=True)
    assert again.status_code == 200
    assert len(_ids(more)) == 6 and len(_cards(more)) == 6
    assert '<input type="hidden" name="shown_per_sentence" value="2">' in more
    assert "Edited, and dropped" in more
    assert f'id="keep-{first}" name="keep-{first}">' in more  # still unticked
    assert f'id="keep-{_ids(more)[0]}" name="keep-{_ids(more)[0]}" checked>' in more

    # A bad limit on the second step: the message beside the field, the drafts as they were.
    for button in ({"again": "1"}, {}):
        bad = client.post("/instructor/drafts", data={**form, "per_entity": "x", **button})
        shown = bad.get_data(as_text=True)
        assert bad.status_code == 400
        assert _error_beside(shown, "per_entity") == BAD_LIMIT
        assert _ids(shown) == _ids(page)  # proposed with the limits they were shown with
        assert "Edited, and dropped" in shown


def test_tampered_hidden_limits_read_as_the_default():
    assert article_drafts.Limits.read("", "") == article_drafts.Limits(None, None)
    assert article_drafts.Limits.read("3", " 10 ") == article_drafts.Limits(3, 10)
    for bad in ("0", "11", "-1", "x", "1.5", "٣", "9" * 5000):
        assert article_drafts.Limits.read(bad, "2") == article_drafts.Limits(1, 2)


def test_a_draft_by_rules_shows_the_card_its_question_makes():
    """The rules drafter makes no cards: a set of its drafts takes each question's own card,
    which is what the page shows (and what the edited question makes)."""
    question = next(q for q in draft_by_rules(ARTICLE) if q.type_name == "cloze")
    proposal = article_drafts.Proposal(question, None)
    card = proposal.card()
    assert card is not None and card == question.card()
    assert "Electoral Commission" not in card.front and card.back == "Electoral Commission"
    edited = article_drafts.Decision(keep=True, prompt="", answer="the Commission")
    assert proposal.card(edited).back == "the Commission"
