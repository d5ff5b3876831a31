"""The article bank in the app: loading it, browsing it, reading the article."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from question_bank import article
from question_bank.sets import QuestionSet as BankSet
from quizapp.extensions import db
from quizapp.models import Card, CardState, Question, QuestionSet
from quizapp.services import question_sets


@pytest.fixture
def article_set_id(app, runner):
    result = runner.invoke(args=["bank", "load"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        return db.session.execute(
            select(QuestionSet.id).where(QuestionSet.builtin_key == "article")
        ).scalar_one()


def _count(app, model, **where):
    with app.app_context():
        query = select(func.count()).select_from(model).filter_by(**where)
        return db.session.execute(query).scalar_one()


def test_bank_load_creates_the_article_set(app, article_set_id):
    bank = article.load_bank()
    assert _count(app, Question, set_id=article_set_id) == len(bank.questions)
    assert _count(app, Card, set_id=article_set_id) == len(bank.effective_cards())
    with app.app_context():
        loaded = db.session.get(QuestionSet, article_set_id)
        assert loaded.owner_id is None
        assert loaded.visibility == "public"
        assert loaded.name == bank.name


def test_bank_load_twice_changes_nothing(app, runner, article_set_id):
    with app.app_context():
        version = db.session.get(QuestionSet, article_set_id).version
    result = runner.invoke(args=["bank", "load"])
    assert "0 added, 0 updated, 0 removed" in result.output
    with app.app_context():
        assert db.session.get(QuestionSet, article_set_id).version == version


def test_grown_bank_keeps_progress_on_unchanged_cards(app, article_set_id, clock, factories):
    user = factories.user()
    bank = article.load_bank()
    with app.app_context():
        first_card = db.session.execute(
            select(Card).where(Card.set_id == article_set_id, Card.key == bank.cards[0].id)
        ).scalar_one()
        db.session.add(
            CardState(
                user_id=user.id,
                card_id=first_card.id,
                set_id=article_set_id,
                state=2,
                step=None,
                stability=12.0,
                difficulty=5.0,
                due=clock.now(),
                last_review=clock.now(),
            )
        )
        db.session.commit()
        card_id = first_card.id

        changed = bank.questions[1].replace(general_feedback="Reworded feedback.")
        new_question = bank.questions[2].replace(id="q-brand-new")
        grown = BankSet(
            name=bank.name,
            description=bank.description,
            questions=(bank.questions[0], changed, *bank.questions[2:], new_question),
            cards=bank.cards,
        )
        report = question_sets.load_builtin(db.session, grown, key="article", now=clock.now())
        assert (report.added, report.updated, report.removed) == (1, 1, 0)
        state = db.session.execute(
            select(CardState).where(CardState.card_id == card_id)
        ).scalar_one()
        assert state.stability == 12.0
        assert db.session.get(QuestionSet, article_set_id).version == 2


def test_browse_groups_by_category_and_hides_answers_from_students(client, auth, article_set_id):
    auth.login_new()
    page = client.get(f"/bank/sets/{article_set_id}").get_data(as_text=True)
    headings = re.findall(r'<h2 id="cat-\d+">(\w+) <span', page)
    assert headings == ["actor", "date", "place", "outcome"]  # the order the bank declares
    assert "<summary>Answer</summary>" not in page
    assert "{{1}}" not in page  # cloze blanks are shown as blanks


def test_instructors_see_the_answers_of_the_article_bank(client, auth, article_set_id):
    auth.login_new(role="instructor")
    page = client.get(f"/bank/sets/{article_set_id}").get_data(as_text=True)
    assert page.count("<summary>Answer</summary>") >= 60


def test_article_page_links_every_quoted_passage(client, article_set_id):
    page = client.get("/bank/article").get_data(as_text=True)
    links = re.findall(r'id="src-(\d+)" href="([^"]+)"', page)
    assert len(links) >= 40
    number, href = links[0]
    filtered = client.get(href.replace("&amp;", "&")).get_data(as_text=True)
    assert "quote one passage" in filtered
    assert filtered.count('class="card"') >= 1
    assert "Prarthana Mitra" in page


def test_article_page_without_the_bank_is_a_clear_404(client):
    response = client.get("/bank/article")
    assert response.status_code == 404
    assert "bank load" in response.get_data(as_text=True)


def test_private_set_of_another_user_is_404(client, auth, factories):
    owner = factories.user(role="instructor")
    set_id = factories.question_set(owner_id=owner.id, public=False)
    auth.login_new()
    assert client.get(f"/bank/sets/{set_id}").status_code == 404
    assert client.get("/bank/sets/999999").status_code == 404


def test_bank_draft_proposes_questions_that_import_back(runner, tmp_path):
    from question_bank.formats import gift

    source = tmp_path / "new-article.txt"
    source.write_text(
        "Election results\n\n"
        "In March 2021, the Electoral Commission counted 4,500,000 votes in Lagos State.\n"
        "Governor Amina Bello said turnout had risen to 61 per cent.\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["bank", "draft", str(source)])
    assert result.exit_code == 0, result.output
    parsed = gift.parse(result.stdout)
    assert parsed.ok, parsed.errors
    answers = {q.answer_display for q in parsed.questions}
    assert len(answers) == 2  # one draft per sentence by default
    assert any("4,500,000" in a or "4500000" in a for a in answers)
    every = runner.invoke(args=["bank", "draft", str(source), "--per-sentence", "0"])
    answers = {q.answer_display for q in gift.parse(every.stdout).questions}
    assert "March 2021" in answers and "Lagos State" in answers
    as_json = runner.invoke(args=["bank", "draft", str(source), "--format", "json"])
    from question_bank.formats import json_format

    parsed_json = json_format.parse(as_json.stdout)
    drafts = parsed_json.questions
    assert len(drafts) == len(parsed.questions)
    text = source.read_text(encoding="utf-8")
    assert all(text[q.source.start : q.source.end] == q.source.quote for q in drafts)
    # Each draft comes with its flashcard, tied to the same sentence.
    cards = {c.id: c for c in parsed_json.sets[0].cards}
    assert all(cards[q.card_id].source == q.source for q in drafts)


def test_bank_draft_of_an_empty_article_fails_cleanly(runner, tmp_path):
    source = tmp_path / "empty.txt"
    source.write_text("nothing to ask here\n", encoding="utf-8")
    result = runner.invoke(args=["bank", "draft", str(source)])
    assert result.exit_code != 0
    assert "No sentence" in result.output
