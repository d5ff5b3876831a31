"""The import service: check everything first, preview, confirm once, versions that keep
learners' progress.  Real files from tests/data, real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fsrs import Rating
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import (
    Attempt,
    AttemptQuestion,
    Card,
    CardState,
    ImportDraft,
    Question,
    QuestionSet,
    User,
)
from quizapp.models.question_set import PRIVATE, PUBLIC
from quizapp.services import imports, question_sets, scheduling
from quizapp.services.errors import Conflict, NotFound, ValidationFailed

DATA = Path(__file__).resolve().parent.parent / "data"
UPLOADS = DATA / "uploads"

#: Every file under tests/data that must be refused, with a piece of what is said about it.
BROKEN_FILES = {
    "gift/errors_answers.gift": "line 2",
    "gift/errors_blocks.gift": "never closed",
    "gift/errors_numbers.gift": "must be a number",
    "aiken/broken.txt": "line 4",
    "csv/broken.csv": "no answer",
    "csv/windows1252.csv": "not UTF-8",
    "tsv/broken.tsv": "no answer",
    "json/broken_shape.json": "must be a list",
    "json/broken_syntax.json": "not valid JSON",
    "moodlexml/bad_questions.xml": "no choice is marked correct",
    "moodlexml/external_dtd.xml": "DOCTYPE",
    "moodlexml/external_entity.xml": "DOCTYPE",
    "moodlexml/malformed.xml": "not well formed",
    "moodlexml/xml_bomb.xml": "DOCTYPE",
    "uploads/comments_only.gift": "no questions",
    "uploads/nul_escape.json": "NUL",
    "uploads/lone_surrogate.json": "broken character",
    "uploads/long_id.json": "longer than 200",
    "uploads/utf32.gift": "UTF-32",
}

VALID_FILES = {
    "gift/every_construct.gift": 31,
    "gift/windows_line_endings.gift": 4,
    "aiken/valid.txt": 3,
    "aiken/crlf.txt": 1,
    "csv/with_header.csv": 4,
    "csv/bom_utf8.csv": 2,
    "csv/semicolon.csv": 2,
    "tsv/quizlet_export.tsv": 5,
    "tsv/quizlet_utf16.txt": 5,
    "json/two_sets.json": 10,
    "moodlexml/moodle_export.xml": 9,
    "moodlexml/utf16_bom.xml": 9,
    "uploads/utf16_bom.gift": 1,
    "uploads/xss.gift": 3,
}


def read(relative: str) -> tuple[bytes, str]:
    path = DATA / relative
    return path.read_bytes(), path.name


def row_counts(app) -> dict[str, int]:
    """Rows in every table an import could write to, read in a fresh session."""
    with app.app_context():
        session = db.session
        return {
            model.__tablename__: session.execute(
                select(func.count()).select_from(model)
            ).scalar_one()
            for model in (QuestionSet, Question, Card, ImportDraft, CardState, AttemptQuestion)
        }


def binary_files(tmp_path: Path) -> dict[str, bytes]:
    """Real files that are not text: an Anki package, a zip, a PDF header, empty."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("questions.gift", "Q?{=A}")
    return {
        "questions.zip": archive.getvalue(),
        "slides.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "empty.gift": b"",
    }


@pytest.fixture
def instructor(factories, db_session) -> User:
    ref = factories.user(role="instructor")
    return db_session.get(User, ref.id)


def _draft(db_session, owner, relative, clock, **options):
    data, name = read(relative)
    return imports.create_draft(
        db_session, owner=owner, data=data, filename=name, now=clock.now(), **options
    )


# ----------------------------------------------------------------------- checking


@pytest.mark.parametrize("relative", sorted(VALID_FILES))
def test_every_valid_sample_file_is_accepted(relative):
    data, name = read(relative)
    checked = imports.check_upload(data, filename=name)
    assert checked.question_count == VALID_FILES[relative]


@pytest.mark.parametrize("relative", sorted(BROKEN_FILES))
def test_every_broken_file_is_refused_with_every_error(
    relative, app, db_session, instructor, clock
):
    before = row_counts(app)
    data, name = read(relative)
    with pytest.raises(imports.UploadRejected) as caught:
        imports.create_draft(
            db_session, owner=instructor, data=data, filename=name, now=clock.now()
        )
    messages = caught.value.messages
    assert any(BROKEN_FILES[relative].lower() in m.lower() for m in messages), messages
    assert row_counts(app) == before


def test_a_file_with_several_errors_reports_them_all_with_lines_and_columns():
    data, name = read("gift/errors_blocks.gift")
    with pytest.raises(imports.UploadRejected) as caught:
        imports.check_upload(data, filename=name)
    errors = caught.value.errors
    assert len(errors) >= 4
    assert all(e.line is not None for e in errors)
    assert str(errors[0]).startswith("line 3, column 10: ")
    assert "never closed" in str(errors[0])


def test_binary_and_empty_files_are_refused(tmp_path, app, db_session, instructor, clock):
    before = row_counts(app)
    for name, data in binary_files(tmp_path).items():
        with pytest.raises(imports.UploadRejected) as caught:
            imports.create_draft(
                db_session, owner=instructor, data=data, filename=name, now=clock.now()
            )
        text = " ".join(caught.value.messages)
        assert "not a text file" in text or "empty" in text, (name, text)
    assert row_counts(app) == before


def test_size_limit(app, db_session, instructor, clock):
    data, name = read("gift/every_construct.gift")
    before = row_counts(app)
    with pytest.raises(imports.UploadRejected) as caught:
        imports.create_draft(
            db_session,
            owner=instructor,
            data=data,
            filename=name,
            now=clock.now(),
            max_bytes=len(data) - 1,
        )
    assert "too large" in caught.value.messages[0]
    assert row_counts(app) == before


def test_format_override_and_unknown_format():
    data, _ = read("aiken/valid.txt")
    assert imports.check_upload(data, filename=None).format == "aiken"
    # Read as GIFT, the Aiken file is not GIFT: refused, not guessed.
    with pytest.raises(imports.UploadRejected):
        imports.check_upload(data, filename=None, format="csv")
    with pytest.raises(imports.UploadRejected) as caught:
        imports.check_upload(data, filename="x.txt", format="docx")
    assert "Unknown format" in caught.value.messages[0]


def test_set_name_names_the_set_and_cannot_rename_several_sets():
    data, name = read("gift/every_construct.gift")
    checked = imports.check_upload(data, filename=name, set_name="  My   GIFT  ")
    assert [s.name for s in checked.sets] == ["My GIFT"]
    data, name = read("json/two_sets.json")
    assert len(imports.check_upload(data, filename=name).sets) == 2
    with pytest.raises(imports.UploadRejected) as caught:
        imports.check_upload(data, filename=name, set_name="One name")
    assert "holds 2 sets" in caught.value.messages[0]


# ------------------------------------------------------------- preview and confirm


def test_preview_then_confirm_writes_once(app, db_session, instructor, clock):
    before = row_counts(app)
    draft = _draft(db_session, instructor, "gift/every_construct.gift", clock)
    after_upload = row_counts(app)
    assert after_upload["import_drafts"] == before["import_drafts"] + 1
    assert {k: v for k, v in after_upload.items() if k != "import_drafts"} == {
        k: v for k, v in before.items() if k != "import_drafts"
    }

    view = imports.preview(db_session, token=draft.token, owner=instructor, now=clock.now())
    assert not view.confirmed
    assert view.format == "gift"
    [planned] = view.sets
    assert planned.target is None
    assert len(planned.questions) == 31
    assert planned.next_version == 1

    outcomes = imports.confirm(db_session, token=draft.token, owner=instructor, now=clock.now())
    [outcome] = outcomes
    assert outcome.created and outcome.added == 31
    saved = db_session.get(QuestionSet, outcome.set_id)
    assert saved.owner_id == instructor.id
    assert saved.visibility == PRIVATE
    assert len(saved.questions) == 31
    assert row_counts(app)["questions"] == before["questions"] + 31

    with pytest.raises(Conflict):
        imports.confirm(db_session, token=draft.token, owner=instructor, now=clock.now())
    assert row_counts(app)["questions"] == before["questions"] + 31
    # The confirmed draft keeps only its outcome.
    done = imports.preview(db_session, token=draft.token, owner=instructor, now=clock.now())
    assert done.confirmed and done.sets == [] and done.outcome == outcomes


def test_public_upload_is_listed_on_the_home_page(db_session, instructor, clock):
    draft = _draft(db_session, instructor, "aiken/valid.txt", clock, public=True)
    [outcome] = imports.confirm(db_session, token=draft.token, owner=instructor, now=clock.now())
    assert db_session.get(QuestionSet, outcome.set_id).visibility == PUBLIC
    assert outcome.set_id in [s.id for s in question_sets.visible_sets(db_session)]


def test_two_sets_of_a_json_file_are_saved_together(db_session, instructor, clock):
    draft = _draft(db_session, instructor, "json/two_sets.json", clock)
    outcomes = imports.confirm(db_session, token=draft.token, owner=instructor, now=clock.now())
    assert sorted(o.name for o in outcomes) == ["Early republic", "Geography"]
    assert len(question_sets.sets_owned_by(db_session, instructor.id)) == 2


def test_someone_elses_draft_is_not_found(factories, db_session, instructor, clock):
    draft = _draft(db_session, instructor, "aiken/valid.txt", clock)
    other = db_session.get(User, factories.user(role="instructor").id)
    for action in (imports.preview, imports.confirm, imports.discard):
        with pytest.raises(NotFound):
            action(db_session, token=draft.token, owner=other, now=clock.now())
    with pytest.raises(NotFound):
        imports.preview(db_session, token="no-such-token", owner=instructor, now=clock.now())


def test_drafts_expire_and_are_purged(app, db_session, instructor, clock):
    old = _draft(db_session, instructor, "aiken/valid.txt", clock)
    clock.advance(hours=24, seconds=1)
    with pytest.raises(imports.DraftExpired):
        imports.confirm(db_session, token=old.token, owner=instructor, now=clock.now())
    assert row_counts(app)["question_sets"] == 0
    _draft(db_session, instructor, "aiken/valid.txt", clock)
    tokens = db_session.execute(select(ImportDraft.token)).scalars().all()
    assert old.token not in tokens and len(tokens) == 1


def test_pending_drafts_are_capped_per_instructor(db_session, instructor, clock):
    tokens = []
    for _ in range(imports.MAX_PENDING_DRAFTS + 3):
        tokens.append(_draft(db_session, instructor, "aiken/valid.txt", clock).token)
        clock.advance(seconds=1)
    pending = imports.pending_drafts(db_session, owner=instructor, now=clock.now())
    assert [p.token for p in pending] == tokens[::-1][: imports.MAX_PENDING_DRAFTS]


def test_discard_forgets_the_draft(app, db_session, instructor, clock):
    draft = _draft(db_session, instructor, "aiken/valid.txt", clock)
    imports.discard(db_session, token=draft.token, owner=instructor, now=clock.now())
    assert row_counts(app)["import_drafts"] == 0
    with pytest.raises(NotFound):
        imports.confirm(db_session, token=draft.token, owner=instructor, now=clock.now())


# ----------------------------------------------------------------------- versions


def _upload_and_confirm(db_session, owner, relative, clock, **options):
    draft = _draft(db_session, owner, relative, clock, **options)
    return imports.confirm(db_session, token=draft.token, owner=owner, now=clock.now())


def _card(db_session, set_id, key) -> Card:
    return db_session.execute(
        select(Card).where(Card.set_id == set_id, Card.key == key)
    ).scalar_one()


def test_reupload_makes_a_new_version_that_keeps_learners_progress(
    factories, db_session, instructor, clock
):
    [first] = _upload_and_confirm(
        db_session, instructor, "uploads/capitals_v1.gift", clock, set_name="Capitals"
    )
    set_id = first.set_id
    learner = db_session.get(User, factories.user().id)
    rows = db_session.execute(select(Card).where(Card.set_id == set_id)).scalars().all()
    spain_key = next(c.key for c in rows if "Spain" in c.front)
    cards = {}
    for key in ("capital-fr", "capital-de", "capital-it", spain_key):
        cards[key] = _card(db_session, set_id, key)
        scheduling.apply_review(
            db_session, user=learner, card=cards[key], rating=Rating.Good, now=clock.now()
        )
    db_session.commit()
    reviewed = {}
    for key, card in cards.items():
        state = db_session.execute(
            select(CardState).where(CardState.user_id == learner.id, CardState.card_id == card.id)
        ).scalar_one()
        reviewed[key] = (card.id, state.id, state.due)

    # An attempt in progress, with its snapshot of the German question.
    german = db_session.execute(
        select(Question).where(Question.set_id == set_id, Question.key == "capital-de")
    ).scalar_one()
    attempt = Attempt(user_id=learner.id, set_id=set_id, started_at=clock.now())
    attempt.questions.append(
        AttemptQuestion(position=0, question_key="capital-de", data=dict(german.data))
    )
    db_session.add(attempt)
    db_session.commit()
    snapshot = dict(german.data)

    clock.advance(days=1)
    draft = _draft(db_session, instructor, "uploads/capitals_v2.gift", clock, set_name="capitals")
    view = imports.preview(db_session, token=draft.token, owner=instructor, now=clock.now())
    [planned] = view.sets
    assert planned.target.id == set_id
    assert planned.next_version == 2
    assert planned.diff.added == ("capital-pt",)
    assert planned.diff.updated == ("capital-de",)
    assert planned.diff.removed == ("capital-it",)
    assert planned.diff.unchanged == 2
    assert planned.removed_labels == ('question "capital-it"',)

    [second] = imports.confirm(db_session, token=draft.token, owner=instructor, now=clock.now())
    assert (second.set_id, second.created, second.version) == (set_id, False, 2)
    assert (second.added, second.updated, second.removed, second.unchanged) == (1, 1, 1, 2)
    db_session.expire_all()
    target = db_session.get(QuestionSet, set_id)
    assert target.version == 2
    assert [q.key for q in target.questions] == [
        "capital-fr",
        "capital-de",
        spain_key,
        "capital-pt",
    ]
    # Unchanged (and reworded-but-same-title) cards keep their rows and the learner's state.
    for key in ("capital-fr", "capital-de", spain_key):
        card_id, state_id, due = reviewed[key]
        card = _card(db_session, set_id, key)
        assert card.id == card_id and card.active
        state = db_session.execute(
            select(CardState).where(CardState.user_id == learner.id, CardState.card_id == card_id)
        ).scalar_one()
        assert (state.id, state.due) == (state_id, due)
    # The dropped question's card is retired, its schedule kept should it come back.
    italy = _card(db_session, set_id, "capital-it")
    assert not italy.active
    assert db_session.get(CardState, reviewed["capital-it"][1]) is not None
    # The attempt in progress keeps the wording it started with.
    kept = db_session.execute(
        select(AttemptQuestion).where(AttemptQuestion.attempt_id == attempt.id)
    ).scalar_one()
    assert kept.data == snapshot
    assert "Which city" in target.questions[1].data["prompt"]


def test_same_file_again_changes_nothing(db_session, instructor, clock):
    [first] = _upload_and_confirm(db_session, instructor, "gift/every_construct.gift", clock)
    [again] = _upload_and_confirm(db_session, instructor, "gift/every_construct.gift", clock)
    assert again.set_id == first.set_id
    assert (again.version, again.added, again.updated, again.removed) == (1, 0, 0, 0)


def test_versions_belong_to_one_owner_and_skip_deleted_sets(
    factories, db_session, instructor, clock
):
    [mine] = _upload_and_confirm(db_session, instructor, "aiken/valid.txt", clock)
    other = db_session.get(User, factories.user(role="instructor").id)
    [theirs] = _upload_and_confirm(db_session, other, "aiken/valid.txt", clock)
    assert theirs.created and theirs.set_id != mine.set_id

    db_session.get(QuestionSet, mine.set_id).deleted_at = clock.now()
    db_session.commit()
    [fresh] = _upload_and_confirm(db_session, instructor, "aiken/valid.txt", clock)
    assert fresh.created and fresh.set_id not in (mine.set_id, theirs.set_id)


# -------------------------------------------------------------------- command line


def test_import_file_without_owner_is_public_and_dry_run_writes_nothing(app, db_session, clock):
    data, name = read("moodlexml/moodle_export.xml")
    before = row_counts(app)
    dry = imports.import_file(db_session, data=data, filename=name, now=clock.now(), dry_run=True)
    assert dry.dry_run and dry.outcomes[0].created and dry.outcomes[0].added == 9
    assert row_counts(app) == before
    result = imports.import_file(db_session, data=data, filename=name, now=clock.now())
    saved = db_session.get(QuestionSet, result.outcomes[0].set_id)
    assert saved.owner_id is None and saved.visibility == PUBLIC
    with pytest.raises(ValidationFailed):
        imports.import_file(db_session, data=data, filename=name, now=clock.now(), public=False)


def test_import_file_refuses_a_student_owner(factories, db_session, clock):
    student = db_session.get(User, factories.user().id)
    data, name = read("aiken/valid.txt")
    with pytest.raises(ValidationFailed, match="not an instructor"):
        imports.import_file(db_session, data=data, filename=name, now=clock.now(), owner=student)


def test_two_confirmations_at_once_save_once(app, db_session, instructor, clock):
    import threading

    draft = _draft(db_session, instructor, "gift/every_construct.gift", clock)
    token, owner_id = draft.token, instructor.id
    db_session.commit()
    barrier = threading.Barrier(2)
    results: list[str] = []

    def confirm() -> None:
        with app.app_context():
            owner = db.session.get(User, owner_id)
            imports.preview(db.session, token=token, owner=owner, now=clock.now())
            barrier.wait(timeout=10)
            try:
                imports.confirm(db.session, token=token, owner=owner, now=clock.now())
            except Conflict:
                results.append("conflict")
            else:
                results.append("saved")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["conflict", "saved"]
    counts = row_counts(app)
    assert (counts["question_sets"], counts["questions"]) == (1, 31)


def test_an_empty_upload_of_pasted_text_asks_for_a_file_or_text(app, db_session, factories, clock):
    owner = db_session.get(User, factories.user(role="instructor").id)
    with pytest.raises(imports.UploadRejected) as caught:
        imports.create_draft(db_session, owner=owner, data=b"  \n ", filename=None, now=clock.now())
    assert caught.value.messages == ["Choose a file, or paste the questions into the text box."]
    assert db_session.execute(select(func.count(ImportDraft.id))).scalar_one() == 0


def test_a_card_id_that_is_another_questions_card_is_refused_not_a_500(
    app, db_session, instructor, clock
):
    """A short answer whose card_id is a matching question's pair card ("m-i1") would make
    two cards with one id: refused with a reason, nothing stored (the save used to fail on
    the unique key)."""
    import json

    from tests.question_bank.formats.samples import card_id_clash

    questions = card_id_clash()
    data = json.dumps({"sets": [{"name": "Places", "questions": questions}]}).encode()
    before = row_counts(app)
    with pytest.raises(imports.UploadRejected) as caught:
        imports.create_draft(
            db_session, owner=instructor, data=data, filename="places.json", now=clock.now()
        )
    assert "m-i1" in " ".join(caught.value.messages)
    assert row_counts(app) == before
