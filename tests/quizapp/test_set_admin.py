"""Managing one's own sets, and exports: the rules, and round trips through the app."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pytest
from fsrs import Rating
from sqlalchemy import select

from question_bank.formats import FORMATS, json_format
from quizapp.models import Attempt, Card, CardState, QuestionSet, User
from quizapp.models.question_set import PRIVATE, PUBLIC
from quizapp.services import imports, question_sets, scheduling, set_admin
from quizapp.services.errors import Forbidden, NotFound, ValidationFailed
from tests.quizapp.test_imports_service import read


@pytest.fixture
def owner(factories, db_session) -> User:
    return db_session.get(User, factories.user(role="instructor").id)


def save(db_session, owner, relative, clock, **options) -> list[int]:
    data, name = read(relative)
    draft = imports.create_draft(
        db_session, owner=owner, data=data, filename=name, now=clock.now(), **options
    )
    outcomes = imports.confirm(db_session, token=draft.token, owner=owner, now=clock.now())
    return [o.set_id for o in outcomes]


# ---------------------------------------------------------------------- ownership


def test_only_the_owner_reaches_a_set(factories, db_session, owner, clock):
    [set_id] = save(db_session, owner, "aiken/valid.txt", clock)
    other = db_session.get(User, factories.user(role="instructor").id)
    builtin = factories.question_set(owner_id=None)
    assert set_admin.owned_set(db_session, set_id=set_id, user=owner).id == set_id
    for user, target in ((other, set_id), (owner, builtin), (owner, 999_999)):
        with pytest.raises(NotFound):
            set_admin.owned_set(db_session, set_id=target, user=user)
    set_admin.delete_set(db_session, set_id=set_id, user=owner, now=clock.now())
    with pytest.raises(NotFound):
        set_admin.owned_set(db_session, set_id=set_id, user=owner)


def test_dashboard_counts(db_session, owner, clock):
    save(db_session, owner, "json/two_sets.json", clock)
    rows = {s.name: s for s in set_admin.dashboard(db_session, user=owner)}
    assert sorted(rows) == ["Early republic", "Geography"]
    early = rows["Early republic"]
    assert (early.version, early.public) == (1, False)
    assert early.question_count == 9


# -------------------------------------------------------------------------- edits


def test_rename_rules(db_session, owner, clock):
    [first] = save(db_session, owner, "aiken/valid.txt", clock, set_name="First")
    save(db_session, owner, "csv/with_header.csv", clock, set_name="Second")
    for bad, message in (
        ("   ", "Give the set a name"),
        ("x" * 201, "at most 200"),
        ("bad\x00name", "control or broken character"),
        ("SECOND", "already have a set named"),
    ):
        with pytest.raises(ValidationFailed, match=message):
            set_admin.rename(db_session, set_id=first, user=owner, name=bad, now=clock.now())
    clock.advance(hours=1)
    renamed = set_admin.rename(
        db_session, set_id=first, user=owner, name=" First,  again ", now=clock.now()
    )
    assert (renamed.name, renamed.updated_at) == ("First, again", clock.now())
    # Renaming a set to its own name in another case is fine.
    set_admin.rename(db_session, set_id=first, user=owner, name="first, AGAIN", now=clock.now())


def test_publish_and_make_private(db_session, owner, clock):
    [set_id] = save(db_session, owner, "aiken/valid.txt", clock)
    assert set_id not in [s.id for s in question_sets.visible_sets(db_session)]
    set_admin.set_visibility(db_session, set_id=set_id, user=owner, public=True, now=clock.now())
    assert db_session.get(QuestionSet, set_id).visibility == PUBLIC
    assert set_id in [s.id for s in question_sets.visible_sets(db_session)]
    set_admin.set_visibility(db_session, set_id=set_id, user=owner, public=False, now=clock.now())
    assert db_session.get(QuestionSet, set_id).visibility == PRIVATE


def test_quiz_options_are_checked_together(factories, db_session, owner, clock):
    set_id = factories.question_set(owner_id=owner.id)  # place, actor, outcome; 3 questions
    wrong = set_admin.QuizOptions(
        question_count=4,
        categories=["date"],
        time_limit_minutes=0,
        feedback_mode="never",
        attempts_allowed=0,
    )
    with pytest.raises(ValidationFailed) as caught:
        set_admin.update_quiz_options(
            db_session, set_id=set_id, user=owner, options=wrong, now=clock.now()
        )
    for part in ("between 1 and 3", "category date", "time limit", "feedback mode", "attempts"):
        assert part in caught.value.message
    chosen = set_admin.QuizOptions(
        question_count=2,
        categories=["actor", "place"],
        shuffle_questions=False,
        time_limit_minutes=10,
        feedback_mode="immediate",
        attempts_allowed=3,
    )
    saved = set_admin.update_quiz_options(
        db_session, set_id=set_id, user=owner, options=chosen, now=clock.now()
    )
    assert saved.categories == ["place", "actor"]  # in the set's order, as its pages list them
    assert saved.time_limit_seconds == 600
    assert set_admin.QuizOptions.of(saved) == set_admin.QuizOptions(
        question_count=2,
        categories=["place", "actor"],
        shuffle_questions=False,
        shuffle_choices=True,
        time_limit_minutes=10,
        feedback_mode="immediate",
        attempts_allowed=3,
    )
    every = set_admin.QuizOptions(categories=["place", "actor", "outcome"])
    saved = set_admin.update_quiz_options(
        db_session, set_id=set_id, user=owner, options=every, now=clock.now()
    )
    assert saved.categories is None  # every category is no filter


def test_editing_a_question_keeps_its_card_and_the_learners_schedule(
    factories, db_session, owner, clock
):
    [set_id] = save(db_session, owner, "uploads/capitals_v1.gift", clock)
    learner = db_session.get(User, factories.user().id)
    card = db_session.execute(
        select(Card).where(Card.set_id == set_id, Card.key == "capital-fr")
    ).scalar_one()
    scheduling.apply_review(
        db_session, user=learner, card=card, rating=Rating.Easy, now=clock.now()
    )
    db_session.commit()
    card_id = card.id
    question_id = db_session.get(QuestionSet, set_id).questions[0].id

    _, question, text = set_admin.question_for_edit(
        db_session, set_id=set_id, user=owner, question_id=question_id
    )
    assert question.id == "capital-fr"
    edited = text.replace("What is the capital of France?", "Name the capital of France.")
    set_admin.edit_question(
        db_session, set_id=set_id, user=owner, question_id=question_id, text=edited, now=clock.now()
    )
    db_session.expire_all()
    target = db_session.get(QuestionSet, set_id)
    assert target.version == 2
    assert target.questions[0].data["prompt"] == "Name the capital of France."
    card = db_session.get(Card, card_id)
    assert card.front == "Name the capital of France." and card.active
    state = db_session.execute(
        select(CardState).where(CardState.card_id == card_id, CardState.user_id == learner.id)
    ).scalar_one()
    assert state.reps == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"id": "capital-fr", "type": }', "line 1, column 30: this is not valid JSON"),
        ("[1, 2]", "one JSON object"),
        ('{"id": "renamed", "type": "essay", "prompt": "x"}', 'must stay "capital-fr"'),
        ('{"id": "capital-fr", "type": "riddle", "prompt": "x"}', "unknown question type"),
        ('{"id": "capital-fr", "type": "essay", "prompt": "x", "colour": 1}', "unknown field"),
        (
            '{"id": "capital-fr", "type": "short_answer", "prompt": "x", "accepted": []}',
            "no accepted answer is worth full marks",
        ),
        ('{"id": "capital-fr", "type": "essay", "prompt": "bad \\u0000"}', "NUL"),
    ],
)
def test_a_bad_edit_is_refused_and_changes_nothing(db_session, owner, clock, text, expected):
    [set_id] = save(db_session, owner, "uploads/capitals_v1.gift", clock)
    question_id = db_session.get(QuestionSet, set_id).questions[0].id
    with pytest.raises(imports.UploadRejected) as caught:
        set_admin.edit_question(
            db_session,
            set_id=set_id,
            user=owner,
            question_id=question_id,
            text=text,
            now=clock.now(),
        )
    assert any(expected in m for m in caught.value.messages), caught.value.messages
    db_session.expire_all()
    target = db_session.get(QuestionSet, set_id)
    assert target.version == 1
    assert target.questions[0].data["prompt"] == "What is the capital of France?"


def test_delete_is_soft_and_frees_the_name(factories, db_session, owner, clock):
    [set_id] = save(db_session, owner, "aiken/valid.txt", clock, public=True)
    learner = factories.user()
    db_session.add(Attempt(user_id=learner.id, set_id=set_id, started_at=clock.now()))
    db_session.commit()
    assert set_admin.delete_set(db_session, set_id=set_id, user=owner, now=clock.now()) == "valid"
    assert set_id not in [s.id for s in question_sets.visible_sets(db_session)]
    assert db_session.get(QuestionSet, set_id).deleted_at == clock.now()
    assert len(db_session.execute(select(Attempt)).all()) == 1
    [again] = save(db_session, owner, "aiken/valid.txt", clock)
    assert again != set_id


# ------------------------------------------------------------------------ exports

#: (file, format): a file of each kind, exported in each format that can carry it.
ROUND_TRIPS = [
    ("gift/every_construct.gift", "gift"),
    ("gift/every_construct.gift", "json"),
    ("moodlexml/moodle_export.xml", "moodlexml"),
    ("moodlexml/moodle_export.xml", "gift"),
    ("moodlexml/moodle_export.xml", "json"),
    ("json/two_sets.json", "json"),
    ("json/two_sets.json", "moodlexml"),
    ("aiken/valid.txt", "aiken"),
    ("aiken/valid.txt", "moodlexml"),
    ("aiken/valid.txt", "json"),
    ("csv/with_header.csv", "csv"),
    ("csv/with_header.csv", "moodlexml"),
    ("csv/with_header.csv", "json"),
    ("tsv/quizlet_export.tsv", "csv"),
    ("tsv/quizlet_export.tsv", "json"),
]


@pytest.mark.parametrize(("relative", "format_name"), ROUND_TRIPS)
def test_export_then_import_gives_the_same_questions(
    db_session, owner, clock, relative, format_name
):
    set_ids = save(db_session, owner, relative, clock)
    for set_id in set_ids:
        original = question_sets.to_bank_set(db_session.get(QuestionSet, set_id))
        export = set_admin.export_set(db_session, set_id=set_id, user=owner, format=format_name)
        assert export.filename.endswith(FORMATS[format_name].extension)
        # Uploaded again under the set's name, the export is a version that changes nothing.
        draft = imports.create_draft(
            db_session,
            owner=owner,
            data=export.content,
            filename=export.filename,
            now=clock.now(),
            set_name=original.name,
        )
        view = imports.preview(db_session, token=draft.token, owner=owner, now=clock.now())
        [planned] = view.sets
        assert planned.target.id == set_id
        assert not planned.diff.changed, planned.diff
        assert [q.to_dict() for q in planned.questions] == [q.to_dict() for q in original.questions]


def test_json_export_is_the_uploaded_json(db_session, owner, clock):
    data, _ = read("json/two_sets.json")
    uploaded = json_format.parse(data.decode("utf-8"))
    for set_id in save(db_session, owner, "json/two_sets.json", clock):
        export = set_admin.export_set(db_session, set_id=set_id, user=owner, format="json")
        [exported] = json_format.parse(export.content.decode("utf-8")).sets
        assert exported in uploaded.sets


def test_anki_export_has_one_note_per_flashcard(tmp_path, db_session, owner, clock):
    [set_id] = save(db_session, owner, "gift/every_construct.gift", clock)
    target = db_session.get(QuestionSet, set_id)
    cards = sum(1 for c in target.cards if c.active)
    export = set_admin.export_set(db_session, set_id=set_id, user=owner, format="apkg")
    with zipfile.ZipFile(io.BytesIO(export.content)) as package:
        assert "collection.anki2" in package.namelist()
        collection = Path(tmp_path / "collection.anki2")
        collection.write_bytes(package.read("collection.anki2"))
    connection = sqlite3.connect(collection)
    try:
        notes = connection.execute("SELECT count(*) FROM notes").fetchone()[0]
    finally:
        connection.close()
    # (No card from its true/false and multiple-response questions; a card per matching pair.)
    assert notes == cards == 24


def test_aiken_export_says_what_it_left_out(db_session, owner, clock):
    [set_id] = save(db_session, owner, "gift/every_construct.gift", clock)
    export = set_admin.export_set(db_session, set_id=set_id, user=owner, format="aiken")
    assert export.skipped == 25
    assert export.content.count(b"ANSWER:") == 6


def test_who_may_download_what(factories, db_session, owner, clock):
    [public_id] = save(db_session, owner, "aiken/valid.txt", clock, public=True)
    [private_id] = save(db_session, owner, "csv/with_header.csv", clock)
    student = db_session.get(User, factories.user().id)
    colleague = db_session.get(User, factories.user(role="instructor").id)
    for fmt in set_admin.EXPORT_FORMATS:
        assert set_admin.export_set(db_session, set_id=private_id, user=owner, format=fmt)
    for user in (student, colleague):
        deck = set_admin.export_set(db_session, set_id=public_id, user=user, format="apkg")
        assert deck.content.startswith(b"PK")
        for fmt in ("gift", "aiken", "moodlexml", "csv", "json"):
            with pytest.raises(Forbidden):
                set_admin.export_set(db_session, set_id=public_id, user=user, format=fmt)
        for fmt in set_admin.EXPORT_FORMATS:
            with pytest.raises(NotFound):
                set_admin.export_set(db_session, set_id=private_id, user=user, format=fmt)
    set_admin.delete_set(db_session, set_id=public_id, user=owner, now=clock.now())
    for user in (owner, student):
        with pytest.raises(NotFound):
            set_admin.export_set(db_session, set_id=public_id, user=user, format="apkg")
    with pytest.raises(ValidationFailed):
        set_admin.export_set(db_session, set_id=private_id, user=owner, format="docx")
