"""Any instructor's material through the upload page: partial imports that are never
silent, images in the preview and after saving, CSV columns chosen in the preview, Anki's
plain-text notes and packages; on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from question_bank.formats import moodle_xml
from quizapp.extensions import db
from quizapp.models import ImportDraft, QuestionSet, StoredFile
from quizapp.services import imports
from tests.quizapp.test_imports_service import row_counts

DATA = Path(__file__).parent / "data"


def upload_file(client, name: str, data: bytes | None = None, **fields):
    form = {"format": "", "set_name": "", "text": "", **fields}
    content = data if data is not None else (DATA / name).read_bytes()
    form["file"] = (io.BytesIO(content), name)
    return client.post("/instructor/upload", data=form, content_type="multipart/form-data")


def draft_of(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)
    match = re.fullmatch(r"/instructor/uploads/([\w-]+)", response.location)
    assert match, response.location
    return match.group(1)


def saved_set(app, name: str) -> QuestionSet:
    with app.app_context():
        found = db.session.execute(select(QuestionSet).where(QuestionSet.name == name)).scalar_one()
        _ = (found.questions, found.cards)
        return found


# --------------------------------------------------------------------- partial import


def test_skipped_questions_are_listed_and_the_rest_imported_only_on_request(app, client, auth):
    auth.login_new(role="instructor")
    token = draft_of(upload_file(client, "mixed_support.xml", set_name="Mixed"))
    html = client.get(f"/instructor/uploads/{token}").get_data(as_text=True)
    assert "1 question of this file cannot be imported" in html
    assert '<span class="line-ref">Line 9:</span> Question &#34;Drag the words&#34; skipped' in html
    assert "Import the 2 supported questions" in html
    assert "Save these questions" not in html
    before = row_counts(app)
    refused = client.post(f"/instructor/uploads/{token}/confirm")
    assert refused.status_code == 400
    assert "cannot be imported: choose" in refused.get_data(as_text=True)
    assert row_counts(app) == before
    saved = client.post(f"/instructor/uploads/{token}/confirm", data={"include_skipped": "1"})
    assert saved.status_code == 302
    assert [q.type for q in saved_set(app, "Mixed").questions] == ["short_answer", "true_false"]


def test_a_file_with_nothing_importable_says_so_and_saves_nothing(app, client, auth):
    auth.login_new(role="instructor")
    before = row_counts(app)
    response = upload_file(client, "only_unsupported.xml")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Nothing in this file can be imported" in html
    assert "Line 4: question &#34;Mark the town&#34; skipped" in html
    assert row_counts(app) == before


# -------------------------------------------------------------------------- images


def test_an_image_shows_in_the_preview_and_after_saving(app, client, auth, factories):
    auth.login_new(role="instructor")
    token = draft_of(upload_file(client, "image_question.xml", set_name="Rivers"))
    html = client.get(f"/instructor/uploads/{token}").get_data(as_text=True)
    [question] = moodle_xml.parse((DATA / "image_question.xml").read_text("utf-8")).questions
    picture = question.files[0]
    draft_url = f"/instructor/uploads/{token}/files/{picture.sha256}/river%20map.png"
    assert f'<img src="{draft_url}" alt="A blue river on a map" width="24" height="16">' in html
    assert "Answer key" in html and "2 points" in html and "Geography/Rivers" in html
    served = client.get(draft_url)
    assert (served.status_code, served.data, served.mimetype) == (200, picture.data, "image/png")
    assert served.headers["Cache-Control"] == "private, no-store"

    other = app.test_client()
    other_teacher = factories.user(role="instructor")
    other.post(
        "/auth/login",
        data={"email": other_teacher.email, "password": "correct horse battery staple"},
    )
    assert other.get(draft_url).status_code in (302, 404)

    saved = client.post(f"/instructor/uploads/{token}/confirm")
    assert saved.status_code == 302
    page = client.get(saved.location).get_data(as_text=True)
    assert f'src="/media/{picture.sha256}/river%20map.png"' in page
    with app.app_context():
        assert db.session.execute(select(StoredFile.sha256)).scalars().all() == [picture.sha256]
    exported = client.get(f"{saved.location}/download/moodlexml")
    [back] = moodle_xml.parse(exported.get_data(as_text=True)).questions
    assert back.files == question.files


# --------------------------------------------------------------------- CSV columns


def test_a_csv_with_its_own_categories_and_header(app, client, auth):
    auth.login_new(role="instructor")
    token = draft_of(upload_file(client, "biology.csv", set_name="Biology"))
    html = client.get(f"/instructor/uploads/{token}").get_data(as_text=True)
    assert "The first row names the columns." in html
    for index, role in enumerate(["question", "answer", "category", "tags"]):
        assert f'<select name="role-{index}" id="role-{index}">' in html
        assert re.search(rf'id="role-{index}">.*?<option value="{role}" selected>', html, re.S)
    assert "Mitochondrion" in html and "1 · Term" in html
    assert client.post(f"/instructor/uploads/{token}/confirm").status_code == 302
    saved = saved_set(app, "Biology")
    assert saved.category_order == ["Cell biology", "Plant biology", "Genetics"]
    assert [q.category for q in saved.questions][:3] == ["Cell biology"] * 2 + ["Plant biology"]


def test_choosing_the_columns_reads_the_file_again(app, client, auth):
    auth.login_new(role="instructor")
    token = draft_of(upload_file(client, "biology.csv", set_name="Swapped"))
    roles = {"role-0": "answer", "role-1": "question", "role-2": "ignore", "role-3": "tags"}
    response = client.post(f"/instructor/uploads/{token}/columns", data={**roles, "header": "1"})
    assert response.status_code == 302
    html = client.get(f"/instructor/uploads/{token}").get_data(as_text=True)
    assert "Organelle that makes most of the cell" in html
    with app.app_context():
        draft = db.session.execute(select(ImportDraft)).scalar_one()
        first = draft.data["sets"][0]["questions"][0]
        assert (first["prompt"], first["category"]) == (
            "Organelle that makes most of the cell's ATP",
            None,
        )
    assert client.post(f"/instructor/uploads/{token}/confirm").status_code == 302
    assert saved_set(app, "Swapped").questions[0].data["answer_display"] == "Mitochondrion"


def test_a_mapping_with_no_question_column_is_refused_with_its_reason(app, client, auth):
    auth.login_new(role="instructor")
    token = draft_of(upload_file(client, "biology.csv", set_name="Nothing"))
    roles = {"role-0": "ignore", "role-1": "answer", "role-2": "category", "role-3": "tags"}
    response = client.post(f"/instructor/uploads/{token}/columns", data={**roles, "header": "1"})
    assert response.status_code == 302
    html = client.get(f"/instructor/uploads/{token}").get_data(as_text=True)
    assert "This file was read with" in html and "question" in html
    assert "Save these questions" not in html  # nothing to save until the roles are right
    before = row_counts(app)
    refused = client.post(f"/instructor/uploads/{token}/confirm")
    assert refused.status_code == 400 and "read with errors" in refused.get_data(as_text=True)
    assert row_counts(app) == before
    for bad in ({"role-0": "question"}, {**roles, "role-0": "weird"}):
        again = client.post(f"/instructor/uploads/{token}/columns", data=bad)
        assert again.status_code == 400
        assert "Give each of the 4 columns one of these roles" in again.get_data(as_text=True)


def test_columns_of_a_file_that_has_none_cannot_be_chosen(app, client, auth):
    auth.login_new(role="instructor")
    token = draft_of(upload_file(client, "mixed_support.xml"))
    response = client.post(f"/instructor/uploads/{token}/columns", data={"role-0": "question"})
    assert response.status_code == 400
    assert "Only the columns of a CSV or TSV file" in response.get_data(as_text=True)


# --------------------------------------------------------------------------- Anki


def test_an_anki_plain_text_export_imports(app, client, auth):
    auth.login_new(role="instructor")
    token = draft_of(upload_file(client, "anki_notes.txt", set_name="Anki notes"))
    assert client.post(f"/instructor/uploads/{token}/confirm").status_code == 302
    saved = saved_set(app, "Anki notes")
    prompts = [q.data["prompt"] for q in saved.questions]
    assert prompts == ["Capital of <b>Syria</b>", "River through\nRaqqa", "Year Baghouz fell"]
    assert saved.questions[0].data["tags"] == ["geography", "capitals"]


def make_apkg(path: Path) -> bytes:
    """A deck made by Anki's own library: a Basic note with an image, and a Cloze note."""
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

    from tests.question_bank.images import png

    collection = Collection(str(path / "collection.anki2"))
    try:
        deck = collection.decks.id("Rivers")
        basic = collection.new_note(collection.models.by_name("Basic"))
        name = collection.media.write_data("river.png", png(4, 4, (0, 0, 200)))
        basic["Front"] = f'Which river? <img src="{name}">'
        basic["Back"] = "Euphrates"
        collection.add_note(basic, deck)
        cloze = collection.new_note(collection.models.by_name("Cloze"))
        cloze["Text"] = "Baghouz fell in {{c1::2019}}."
        collection.add_note(cloze, deck)
        out = path / "rivers.apkg"
        options = ExportAnkiPackageOptions(with_scheduling=False, with_media=True, legacy=True)
        collection.export_anki_package(
            out_path=str(out), options=options, limit=DeckIdLimit(deck_id=deck)
        )
    finally:
        collection.close()
    return out.read_bytes()


def test_an_anki_package_imports_with_its_media(app, client, auth, tmp_path):
    auth.login_new(role="instructor")
    package = make_apkg(tmp_path)
    token = draft_of(upload_file(client, "rivers.apkg", data=package, set_name="Deck"))
    html = client.get(f"/instructor/uploads/{token}").get_data(as_text=True)
    assert "Anki package" in html and "/files/" in html
    saved = client.post(f"/instructor/uploads/{token}/confirm")
    assert saved.status_code == 302
    deck = saved_set(app, "Deck")
    assert [q.type for q in deck.questions] == ["short_answer", "cloze"]
    assert len(deck.cards) == 2
    [ref] = deck.cards[0].media
    assert ref["name"] == "river.png" and ref["mime"] == "image/png"
    study = client.get(f"/review/sets/{deck.id}").get_data(as_text=True)
    assert f"/media/{ref['sha256']}/river.png" in study


# ------------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("why", "name", "content", "message"),
    [
        ("not an image renamed .png", "fake.xml", "renamed", "quizapp keeps images only"),
        ("an SVG", "svg.xml", "svg", "SVG"),
        ("too large", "huge.xml", "huge", "at most"),
    ],
)
def test_bad_images_are_refused_with_a_clear_message(
    app, client, auth, why, name, content, message
):
    from question_bank.media import MAX_FILE_BYTES
    from tests.question_bank.images import SVG

    auth.login_new(role="instructor")
    source = (DATA / "image_question.xml").read_text("utf-8")
    good = re.search(r'encoding="base64">([^<]+)<', source).group(1)
    import base64

    replacement = {
        "renamed": base64.b64encode(b"MZ\x90\x00 this is a program, not a picture").decode(),
        "svg": base64.b64encode(SVG).decode(),
        "huge": base64.b64encode(base64.b64decode(good) + b"\x00" * (MAX_FILE_BYTES + 10)).decode(),
    }[content]
    before = row_counts(app)
    data = source.replace(good, replacement).encode()
    if content == "huge":
        # Several MB: checked by the service (the test client would spool such a body to a
        # temporary file it never closes); the page shows the same messages.
        with pytest.raises(imports.UploadRejected) as caught:
            imports.check_upload(data, filename=name, max_bytes=10 * 1024 * 1024)
        assert any(message in m for m in caught.value.messages), caught.value.messages
        return
    response = upload_file(client, name, data=data)
    assert response.status_code == 400, why
    html = response.get_data(as_text=True)
    assert message in html, (why, html[html.find("upload-errors") :][:600])
    assert row_counts(app) == before


def test_too_many_images_for_one_set_are_refused():
    """The set-wide limit (``question_bank.media.MAX_SET_BYTES``) holds on upload."""
    from question_bank.media import MAX_FILE_BYTES, MAX_SET_BYTES, MediaFile
    from question_bank.sets import QuestionSet as BankSet
    from question_bank.types import question_from_dict
    from tests.question_bank.images import png
    from tests.quizapp.media_helpers import image_question

    count = MAX_SET_BYTES // MAX_FILE_BYTES + 1
    base = png(2, 2)
    questions = []
    for number in range(count):
        # Each image just under the per-file limit, and each one different.
        data = base + number.to_bytes(4, "big") * ((MAX_FILE_BYTES - len(base) - 8) // 4)
        picture = MediaFile("map.png", "image/png", data)
        questions.append(question_from_dict(image_question(f"q{number}", picture)))
    bank = BankSet(name="Too many", questions=tuple(questions))
    problems = imports.set_problems(bank)
    assert any("a set may hold 32.0 MiB of images at most" in p for p in problems), problems
