"""Saving and deleting through the question editor's service, on both engines: one
transaction, the question's id, flashcard and learners' progress kept, nothing written when
refused."""

from __future__ import annotations

import pytest
from fsrs import Rating
from sqlalchemy import select

from question_bank.types import MultipleChoice, editing
from quizapp.models import Card, CardState, QuestionSet, User
from quizapp.services import question_editor, scheduling
from quizapp.services.errors import NotFound, ValidationFailed
from quizapp.services.imports import MAX_CATEGORY
from tests.factories import sample_questions


@pytest.fixture
def owner(factories, db_session) -> User:
    return db_session.get(User, factories.user(role="instructor").id)


@pytest.fixture
def set_id(factories, owner) -> int:
    return factories.question_set(name="Baghouz", owner_id=owner.id)


def rows(db_session, set_id: int) -> list[tuple[str, int, dict]]:
    db_session.expire_all()
    target = db_session.get(QuestionSet, set_id)
    return [(row.key, row.position, row.data) for row in target.questions]


def snapshot(db_session, set_id: int):
    db_session.expire_all()
    target = db_session.get(QuestionSet, set_id)
    cards = [(c.key, c.front, c.back, c.active) for c in target.cards]
    return target.version, rows(db_session, set_id), cards


def opened(db_session, owner, set_id: int, index: int = 0):
    row = db_session.get(QuestionSet, set_id).questions[index]
    return question_editor.open_question(db_session, set_id=set_id, user=owner, question_id=row.id)


def test_an_edit_keeps_the_question_its_card_and_the_learners_progress(
    factories, db_session, owner, set_id, clock
):
    learner = db_session.get(User, factories.user().id)
    card = db_session.execute(
        select(Card).where(Card.set_id == set_id, Card.key == "q-capital")
    ).scalar_one()
    scheduling.apply_review(
        db_session, user=learner, card=card, rating=Rating.Good, now=clock.now()
    )
    db_session.commit()
    card_id = card.id
    target = opened(db_session, owner, set_id)
    row_id = target.row_id
    assert (target.number, target.question.id, target.categories) == (
        1,
        "q-capital",
        ["place", "actor", "outcome"],  # the set's order: first appearance
    )

    values = editing.form_values(target.question)
    values["prompt"] = "Where did ISIS make its last stand?"
    values["choices"][0]["text"] = "Al-Baghuz"
    values["choices"].append({"id": "", "text": "Hajin", "weight": "0", "feedback": ""})
    clock.advance(hours=1)
    saved = question_editor.save_question(db_session, target=target, values=values, now=clock.now())

    assert (saved.row_id, saved.created, saved.changed, saved.version) == (row_id, False, True, 2)
    [(key, position, data), *others] = rows(db_session, set_id)
    assert (key, position) == ("q-capital", 0)
    assert data["prompt"] == "Where did ISIS make its last stand?"
    assert [(c["id"], c["text"]) for c in data["choices"]] == [
        ("a", "Al-Baghuz"),
        ("b", "Raqqa"),
        ("c", "Mosul"),
        ("d", "Hajin"),
    ]
    assert data["answer_display"] == "Al-Baghuz"
    assert [k for k, _, _ in others] == ["q-spokesman", "q-troops"]
    card = db_session.get(Card, card_id)
    assert (card.front, card.back, card.active) == (
        "Where did ISIS make its last stand?",
        "Al-Baghuz",
        True,
    )
    state = db_session.execute(
        select(CardState).where(CardState.card_id == card_id, CardState.user_id == learner.id)
    ).scalar_one()
    assert state.reps == 1
    assert db_session.get(QuestionSet, set_id).updated_at == clock.now()


def test_saving_the_same_question_changes_nothing(db_session, owner, set_id, clock):
    before = snapshot(db_session, set_id)
    target = opened(db_session, owner, set_id, 2)
    values = editing.form_values(target.question)
    saved = question_editor.save_question(db_session, target=target, values=values, now=clock.now())
    assert (saved.changed, saved.version) == (False, 1)
    assert snapshot(db_session, set_id) == before


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"prompt": "Where \x00 was it?"}, ("prompt",), "NUL character"),
        ({"title": "A \ud800 title"}, ("title",), "broken character"),
        ({"category": "x" * (MAX_CATEGORY + 1)}, ("category",), f"at most {MAX_CATEGORY} "),
        ({"points": "1001"}, ("points",), "from 0 to 1000"),
        ({"text_format": "latex"}, ("text_format",), "choose one of"),
        ({"prompt": ""}, ("prompt",), "the question has no text"),
    ],
)
def test_a_refused_form_says_where_and_writes_nothing(
    db_session, owner, set_id, clock, change, path, message
):
    before = snapshot(db_session, set_id)
    target = opened(db_session, owner, set_id)
    values = {**editing.form_values(target.question), **change}
    with pytest.raises(question_editor.EditRejected) as refused:
        question_editor.save_question(db_session, target=target, values=values, now=clock.now())
    errors = refused.value.edited.errors
    assert any(message in m for m in errors.get(path, [])), errors
    assert refused.value.message.startswith("The question was not saved: ")
    assert snapshot(db_session, set_id) == before


def test_rows_refused_in_a_list_write_nothing(db_session, owner, set_id, clock):
    before = snapshot(db_session, set_id)
    target = opened(db_session, owner, set_id)
    values = editing.form_values(target.question)
    values["choices"] = [
        {"id": "", "text": f"Choice {i}", "weight": "0", "feedback": ""} for i in range(10_000)
    ]
    values["choices"][5]["weight"] = "9" * 5000
    with pytest.raises(question_editor.EditRejected) as refused:
        question_editor.save_question(db_session, target=target, values=values, now=clock.now())
    assert refused.value.edited.errors == {
        ("choices",): ["at most 200 choice rows in the editor (this has 10,000): remove some"]
    }
    values["choices"] = values["choices"][:3]
    values["choices"][1]["weight"] = "9" * 5000
    with pytest.raises(question_editor.EditRejected) as refused:
        question_editor.save_question(db_session, target=target, values=values, now=clock.now())
    assert refused.value.edited.errors == {
        ("choices", 1, "weight"): ["this number is 5,000 characters long: far too large"]
    }
    assert snapshot(db_session, set_id) == before


def test_a_new_question_is_added_at_the_end_with_its_flashcard(db_session, owner, set_id, clock):
    target = question_editor.open_new(
        db_session, set_id=set_id, user=owner, type_name="multiple_choice"
    )
    assert (target.is_new, target.number, target.row_id) == (True, 4, None)
    values = editing.new_form_values(MultipleChoice)
    values["prompt"] = "Who spoke for the SDF?"
    values["title"] = "Spokesman"
    values["category"] = "actor"
    values["choices"][0].update(text="Mustafa Bali", weight="100")
    values["choices"][1].update(text="Atef al-Tarawneh")
    saved = question_editor.save_question(db_session, target=target, values=values, now=clock.now())
    assert (saved.created, saved.version) == (True, 2)
    [*_, (key, position, data)] = rows(db_session, set_id)
    assert (key, position) == ("q-spokesman-2", 3)  # "q-spokesman" is taken
    assert [(c["id"], c["text"], c["weight"]) for c in data["choices"]] == [
        ("a", "Mustafa Bali", 1.0),
        ("b", "Atef al-Tarawneh", 0.0),
    ]
    card = db_session.execute(
        select(Card).where(Card.set_id == set_id, Card.key == "q-spokesman-2")
    ).scalar_one()
    assert (card.front, card.back, card.category) == (
        "Who spoke for the SDF?",
        "Mustafa Bali",
        "actor",
    )
    assert db_session.get(QuestionSet, set_id).questions[3].id == saved.row_id


def test_a_question_is_deleted_its_card_retired_and_the_last_one_kept(
    factories, db_session, owner, set_id, clock
):
    learner = db_session.get(User, factories.user().id)
    card = db_session.execute(
        select(Card).where(Card.set_id == set_id, Card.key == "q-spokesman")
    ).scalar_one()
    scheduling.apply_review(
        db_session, user=learner, card=card, rating=Rating.Good, now=clock.now()
    )
    db_session.commit()
    label = question_editor.delete_question(
        db_session, target=opened(db_session, owner, set_id, 1), now=clock.now()
    )
    assert label == 'question "Who spoke for the SDF?"'
    assert [key for key, _, _ in rows(db_session, set_id)] == ["q-capital", "q-troops"]
    retired = db_session.get(Card, card.id)
    assert retired.active is False
    assert db_session.execute(select(CardState).where(CardState.card_id == card.id)).scalar_one()
    assert db_session.get(QuestionSet, set_id).version == 2

    question_editor.delete_question(
        db_session, target=opened(db_session, owner, set_id, 0), now=clock.now()
    )
    before = snapshot(db_session, set_id)
    with pytest.raises(ValidationFailed, match="keeps at least one question"):
        question_editor.delete_question(
            db_session, target=opened(db_session, owner, set_id, 0), now=clock.now()
        )
    assert snapshot(db_session, set_id) == before


def test_only_the_owner_opens_a_question(factories, db_session, owner, set_id):
    other = db_session.get(User, factories.user(role="instructor").id)
    row_id = db_session.get(QuestionSet, set_id).questions[0].id
    elsewhere = factories.question_set(
        name="Other", owner_id=owner.id, questions=sample_questions()
    )
    with pytest.raises(NotFound):
        question_editor.open_question(db_session, set_id=set_id, user=other, question_id=row_id)
    with pytest.raises(NotFound):
        question_editor.open_question(db_session, set_id=elsewhere, user=owner, question_id=row_id)
    with pytest.raises(NotFound):
        question_editor.open_new(db_session, set_id=set_id, user=other, type_name="essay")
    with pytest.raises(NotFound, match="no such question type"):
        question_editor.open_new(db_session, set_id=set_id, user=owner, type_name="riddle")
    choices = question_editor.type_choices()
    assert [c.name for c in choices][:3] == ["multiple_choice", "multiple_response", "true_false"]
    assert all(c.label and c.summary for c in choices)
