"""Editing a set's flashcards: cards made from questions only where a good card can be made,
edited, added (front and back or cloze) and deleted, with messages beside the fields,
nothing half-written, no 500, someone else's set not found, CSRF checked."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from question_bank.types import QUESTION_TYPES
from quizapp.extensions import db
from quizapp.models import Card, CardState, QuestionSet
from tests.quizapp.review_helpers import review_due_now


def _make(app, factories, owner_id: int) -> int:
    samples = [cls.sample().to_dict() for cls in QUESTION_TYPES.values()]
    return factories.question_set(name="Samples", questions=samples, owner_id=owner_id)


@pytest.fixture
def owned(app, factories, auth):
    owner = factories.user(role="instructor")
    auth.login(owner.email)
    return _make(app, factories, owner.id)


def _rows(app, set_id: int) -> list[Card]:
    with app.app_context():
        rows = db.session.execute(
            select(Card).where(Card.set_id == set_id).order_by(Card.position)
        ).scalars()
        return [r for r in rows if r.active]


def _version(app, set_id: int) -> int:
    with app.app_context():
        return db.session.get(QuestionSet, set_id).version


def _form(**values: str) -> dict[str, str]:
    data = {"kind": "basic", "front": "", "back": "", "cloze": "", "extra": "", "category": ""}
    data.update(values)
    return data


def test_cards_are_made_only_from_questions_that_make_good_ones(app, client, owned):
    kinds = {r.key: (r.front, r.back) for r in _rows(app, owned)}
    backs = {back.casefold() for _, back in kinds.values()}
    assert not backs & {"true", "false"}
    assert not any("choose" in front.casefold() for front, _ in kinds.values())
    html = client.get(f"/instructor/sets/{owned}/cards").get_data(as_text=True)
    assert "Flashcards of Samples" in html
    # The cloze question's card shows its gap and its answers marked.
    assert "<mark>[…]</mark>" in html and "Cloze" in html


def test_an_edit_keeps_the_card_row_and_its_schedule(app, client, owned):
    row = _rows(app, owned)[0]
    url = f"/instructor/sets/{owned}/cards/{row.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'name="front"' in page and row.front.split()[0] in page
    before = _version(app, owned)
    response = client.post(url, data=_form(front="Capital of Türkiye?", back="Ankara"))
    assert response.status_code == 302
    again = {r.id: r for r in _rows(app, owned)}[row.id]
    assert (again.front, again.back, again.key) == ("Capital of Türkiye?", "Ankara", row.key)
    assert _version(app, owned) == before + 1
    # Saving the same again changes nothing.
    response = client.post(url, data=_form(front="Capital of Türkiye?", back="Ankara"))
    assert response.status_code == 302 and _version(app, owned) == before + 1


def test_a_card_breaking_the_rules_is_refused_beside_its_fields(app, client, owned):
    row = _rows(app, owned)[0]
    url = f"/instructor/sets/{owned}/cards/{row.id}/edit"
    cases = [
        (_form(front="Is Ankara the capital?", back="True"), "back", "true or false"),
        (_form(front="Choose all that apply: capitals", back="Ankara"), "front", "options"),
        (_form(front="When was it signed?", back="24 July"), "back", "year"),
        (_form(front="", back="Ankara"), "front", "write the question"),
        (_form(kind="cloze", cloze="No gap here."), "cloze", "deletion"),
        (_form(kind="cloze", cloze="Open {{c1::gap"), "cloze", "not closed"),
        (_form(kind="other"), "kind", "choose"),
        (_form(front="x" * 5001, back="y"), "front", "at most"),
        (_form(front="Q?", back="A", category="c" * 101), "category", "longer than"),
    ]
    before = _version(app, owned)
    for data, field, words in cases:
        response = client.post(url, data=data)
        assert response.status_code == 400, (data, response.status_code)
        html = response.get_data(as_text=True)
        error = re.search(rf'<p class="error"(?: id="{field}-error")?>([^<]*)</p>', html)
        assert error and words in error.group(1), (field, words, html[-3000:])
    # A NUL character is refused at the input boundary, before the editor.
    response = client.post(url, data=_form(front="Nul\x00", back="x"))
    assert response.status_code == 400 and "NUL" in response.get_data(as_text=True)
    assert _version(app, owned) == before  # nothing written


def test_add_a_cloze_card_and_review_it(app, client, owned, auth, factories):
    response = client.post(
        f"/instructor/sets/{owned}/cards/new",
        data=_form(kind="cloze", cloze="The Treaty of {{c1::Lausanne}} was signed in 1923."),
    )
    assert response.status_code == 302
    added = _rows(app, owned)[-1]
    assert added.cloze == "The Treaty of {{c1::Lausanne}} was signed in 1923."
    assert (added.front, added.back) == ("The Treaty of […] was signed in 1923.", "Lausanne")
    assert added.key.startswith("card-")


def test_delete_a_card_and_keep_the_last(app, client, owned):
    rows = _rows(app, owned)
    for row in rows[:-1]:
        url = f"/instructor/sets/{owned}/cards/{row.id}/delete"
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 302
    last = _rows(app, owned)
    assert [r.id for r in last] == [rows[-1].id]
    response = client.post(f"/instructor/sets/{owned}/cards/{rows[-1].id}/delete")
    assert response.status_code == 400
    assert "at least one flashcard" in response.get_data(as_text=True)
    # A question whose card was deleted can still be edited and saved.
    with app.app_context():
        questions = db.session.get(QuestionSet, owned).questions
        assert all(q.card_key in (None, rows[-1].key) for q in questions)


def test_someone_elses_set_and_unknown_cards_are_not_found(app, client, factories, auth):
    other = factories.user(role="instructor")
    set_id = _make(app, factories, other.id)
    row = _rows(app, set_id)[0]
    me = factories.user(role="instructor")
    auth.login(me.email)
    assert client.get(f"/instructor/sets/{set_id}/cards").status_code == 404
    assert (
        client.post(f"/instructor/sets/{set_id}/cards/{row.id}/edit", data=_form()).status_code
        == 404
    )
    mine = _make(app, factories, me.id)
    assert client.get(f"/instructor/sets/{mine}/cards/999999/edit").status_code == 404
    assert client.post(f"/instructor/sets/{mine}/cards/{row.id}/delete").status_code == 404


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_forms_need_their_csrf_token(app, client, factories, auth):
    owner = factories.user(role="instructor")
    auth.login(owner.email)
    set_id = _make(app, factories, owner.id)
    row = _rows(app, set_id)[0]
    before = _version(app, set_id)
    response = client.post(
        f"/instructor/sets/{set_id}/cards/{row.id}/edit", data=_form(front="Q?", back="A")
    )
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)
    response = client.post(f"/instructor/sets/{set_id}/cards/{row.id}/delete")
    assert response.status_code == 400
    assert _version(app, set_id) == before


def test_students_cannot_edit_cards(app, client, factories, auth):
    owner = factories.user(role="instructor")
    set_id = _make(app, factories, owner.id)
    auth.login_new()
    assert client.get(f"/instructor/sets/{set_id}/cards").status_code in (302, 403, 404)


def test_an_edited_card_keeps_a_learners_progress(app, client, factories, auth, clock):
    owner = factories.user(role="instructor")
    set_id = _make(app, factories, owner.id)
    learner = auth.login_new()
    review_due_now(client, set_id, rating=3)
    with app.app_context():
        states = db.session.execute(select(CardState.card_id)).scalars().all()
    assert states
    auth.logout()
    auth.login(owner.email)
    card_row = next(r for r in _rows(app, set_id) if r.id in states)
    url = f"/instructor/sets/{set_id}/cards/{card_row.id}/edit"
    assert client.post(url, data=_form(front="New front?", back="New back")).status_code == 302
    with app.app_context():
        kept = db.session.execute(select(CardState.card_id)).scalars().all()
    assert card_row.id in kept and learner is not None
