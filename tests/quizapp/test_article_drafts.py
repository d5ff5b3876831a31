"""Drafting a set from a new article through the instructor's page."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Card, Question, QuestionSet

ARTICLE = (
    "Election results\n\n"
    "In March 2021, the Electoral Commission counted 4,500,000 votes in Lagos State.\n"
    "Governor Amina Bello said turnout had risen to 61 per cent.\n"
    "The results were read out in Abuja by the commission's chairman, Musa Idris.\n"
)


def draft_ids(page: str) -> list[str]:
    return re.findall(r'name="draft" value="([^"]+)"', page)


def test_propose_keep_edit_drop_then_preview_and_save(app, client, auth):
    auth.login_new(role="instructor")
    proposed = client.post(
        "/instructor/drafts", data={"text": ARTICLE, "set_name": "Elections"}
    ).get_data(as_text=True)
    ids = draft_ids(proposed)
    assert len(ids) >= 3
    assert "4,500,000 votes in Lagos State" in proposed  # the source quote is shown

    kept, dropped = ids[0], ids[1:]
    answer = re.search(rf'id="answer-{re.escape(kept)}" [^>]*value="([^"]*)"', proposed).group(1)
    form = {"text": ARTICLE, "set_name": "Elections", "step": "choose", "draft": ids}
    form[f"keep-{kept}"] = "on"
    form[f"prompt-{kept}"] = "Edited: " + re.search(
        rf'id="prompt-{re.escape(kept)}"[^>]*>([^<]*)<', proposed
    ).group(1).replace("&#39;", "'")
    form[f"answer-{kept}"] = answer
    for other in dropped:
        form[f"prompt-{other}"] = "ignored"
        form[f"answer-{other}"] = "ignored"
    response = client.post("/instructor/drafts", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    preview = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Edited:" in preview

    token = response.headers["Location"].rstrip("/").split("/")[-1]
    assert client.post(f"/instructor/uploads/{token}/confirm").status_code == 302
    with app.app_context():
        question_set = db.session.execute(
            select(QuestionSet).where(QuestionSet.name == "Elections")
        ).scalar_one()
        rows = list(
            db.session.execute(select(Question).where(Question.set_id == question_set.id)).scalars()
        )
        assert len(rows) == 1
        assert rows[0].data["prompt"].startswith("Edited:")
        assert rows[0].data["source"]["quote"] in ARTICLE
        # The NLP drafter gives each draft its flashcard: the kept one comes with it.
        cards = list(
            db.session.execute(select(Card).where(Card.set_id == question_set.id)).scalars()
        )
        assert len(cards) == 1
        assert cards[0].back == answer
        assert (cards[0].data.get("source") or {}).get("quote") == rows[0].data["source"]["quote"]


def test_a_cloze_whose_blank_was_removed_is_refused_and_nothing_saved(app, client, auth):
    auth.login_new(role="instructor")
    proposed = client.post(
        "/instructor/drafts", data={"text": ARTICLE, "set_name": "Elections"}
    ).get_data(as_text=True)
    ids = draft_ids(proposed)
    cloze = next(
        i
        for i in ids
        if f'id="prompt-{i}"' in proposed and "{{1}}" in proposed.split(f'id="prompt-{i}"')[1][:400]
    )
    form = {
        "text": ARTICLE,
        "set_name": "Elections",
        "step": "choose",
        "draft": [cloze],
        f"keep-{cloze}": "on",
        f"prompt-{cloze}": "No blank left here",
        f"answer-{cloze}": "Lagos State",
    }
    response = client.post("/instructor/drafts", data=form)
    assert response.status_code == 400
    assert "marks the blank" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(func.count(QuestionSet.id))).scalar_one() == 0


def test_an_article_with_nothing_to_ask_gets_a_message(client, auth):
    auth.login_new(role="instructor")
    response = client.post("/instructor/drafts", data={"text": "hello there", "set_name": "x"})
    assert response.status_code == 400
    assert "No sentence with a date" in response.get_data(as_text=True)


def test_students_cannot_draft(client, auth):
    auth.login_new()
    assert client.get("/instructor/drafts").status_code == 403


def test_a_multiple_choice_draft_takes_an_edited_answer_among_its_choices():
    from pathlib import Path

    from question_bank.types import MultipleChoice
    from quizapp.services import article_drafts

    text = (Path(__file__).parents[1] / "data" / "articles" / "history_canal.txt").read_text(
        encoding="utf-8"
    )
    draft = next(
        p.question for p in article_drafts.propose(text) if isinstance(p.question, MultipleChoice)
    )
    other = next(c.text for c in draft.choices if c.text != draft.answer_display)
    keep = article_drafts.Decision(keep=True, prompt="", answer=other)
    chosen, problems = article_drafts.choose(text, "Canal", {draft.id: keep})
    assert problems == {}
    (question,) = chosen.questions
    assert question.grade(next(c.id for c in question.choices if c.text == other)).score == 1.0
    (card,) = chosen.cards
    assert card.back == other and question.card_id == card.id

    wrong = article_drafts.Decision(keep=True, prompt="", answer="Not a choice")
    _, problems = article_drafts.choose(text, "Canal", {draft.id: wrong})
    assert "no choice is marked correct" in " ".join(problems[draft.id])
