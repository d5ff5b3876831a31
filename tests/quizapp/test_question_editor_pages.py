"""The question editor's pages through the app, on both engines: the form per type, its
buttons without JavaScript (preview, rows added, removed and moved), bad input answered in
words beside its field with nothing written, new questions and deletion."""

from __future__ import annotations

import base64
import io
import re
from urllib.parse import quote

import pytest

from question_bank.sizes import human_size
from question_bank.types import QUESTION_TYPES, MultipleChoice, Ordering, editing
from quizapp.blueprints.instructor import editor_forms
from quizapp.blueprints.instructor.editor import FORM_OVERHEAD_BYTES, MAX_FORM_PARTS
from quizapp.extensions import db
from quizapp.models import QuestionSet
from quizapp.services import question_sets
from quizapp.services.imports import MAX_CATEGORY
from tests.question_bank.images import png
from tests.quizapp.editor_helpers import editor_path, form_data, question_form
from tests.quizapp.quiz_helpers import make_set


def page(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def owned(app, factories, auth):
    """An instructor, logged in, with a set of every type's sample; (set id, row ids by type)."""
    owner = factories.user(role="instructor")
    auth.login(owner.email)
    samples = [cls.sample().to_dict() for cls in QUESTION_TYPES.values()]
    set_id = make_set(app, factories, samples, owner_id=owner.id)
    with app.app_context():
        questions = db.session.get(QuestionSet, set_id).questions
        row_ids = {row.type: row.id for row in questions}
    return set_id, row_ids


def stored(app, set_id: int) -> tuple[int, list[dict]]:
    with app.app_context():
        target = db.session.get(QuestionSet, set_id)
        return target.version, [row.data for row in target.questions]


def field_html(html: str, field_id: str) -> str:
    """The markup of the ``.field`` holding the input ``field_id``."""
    match = re.search(
        r'<div class="field[^"]*">\s*<label for="' + re.escape(field_id) + r'".*?</div>',
        html,
        re.S,
    )
    assert match, field_id
    return match.group(0)


# ----------------------------------------------------------------------------- pages


def test_every_type_opens_with_its_fields_and_the_preview(client, owned):
    set_id, row_ids = owned
    for type_name, row_id in row_ids.items():
        html = page(client.get(editor_path(set_id, row_id)))
        cls = QUESTION_TYPES[type_name]
        for spec in editing.schema(cls):
            assert f'id="{spec.name}"' in html, (type_name, spec.name)
        assert 'data-status="ready"' in html
        assert f'<span class="tag">{cls.label}</span>' in html
    choice = page(client.get(editor_path(set_id, row_ids["multiple_choice"])))
    # Labels, fieldsets with legends, the rows' hidden ids, the category suggestions.
    assert '<label for="choices-1-weight">Grade (%)</label>' in choice
    assert 'value="100"' in field_html(choice, "choices-1-weight")
    assert "<legend>Choice 2</legend>" in choice
    assert '<input id="choices-1-id" name="choices-1-id" type="hidden" value="b">' in choice
    assert '<datalist id="category-suggestions">' in choice
    assert 'list="category-suggestions"' in field_html(choice, "category")
    # The preview is the quiz's own template, read-only, with the answers below.
    assert '<fieldset class="question" disabled>' in choice
    assert "The answers and feedback" in choice


def test_the_new_question_page_lists_every_type(client, owned):
    set_id, _ = owned
    html = page(client.get(f"/instructor/sets/{set_id}/questions/new"))
    for name, cls in QUESTION_TYPES.items():
        assert f'/instructor/sets/{set_id}/questions/new/{name}"' in html
        assert cls.summary in html
    assert client.get(f"/instructor/sets/{set_id}/questions/new/riddle").status_code == 404


def test_save_an_edit(app, client, owned):
    set_id, row_ids = owned
    sample = MultipleChoice.sample()
    form = question_form(sample, prompt="Where did ISIS lose its last town?")
    form["choices-3-text"] = "Hajin, in December"
    response = client.post(editor_path(set_id, row_ids["multiple_choice"]), data=form)
    assert response.status_code == 302
    assert response.location.endswith(f"/instructor/sets/{set_id}#q{row_ids['multiple_choice']}")
    version, data = stored(app, set_id)
    assert version == 2
    assert data[0]["prompt"] == "Where did ISIS lose its last town?"
    assert data[0]["choices"][3]["text"] == "Hajin, in December"
    assert data[1:] == [cls.sample().to_dict() for cls in list(QUESTION_TYPES.values())[1:]]
    shown = page(client.get(response.location))
    assert "The question is saved (version 2 of the set)." in shown


# -------------------------------------------------------------- buttons without JavaScript


def test_preview_checks_and_shows_without_saving(app, client, owned):
    set_id, row_ids = owned
    path = editor_path(set_id, row_ids["multiple_choice"])
    before = stored(app, set_id)
    form = question_form(MultipleChoice.sample(), "preview", prompt="Which town fell last?")
    response = client.post(path, data=form)
    assert response.status_code == 200
    html = page(response)
    assert '<legend class="prompt">Which town fell last?</legend>' in html
    assert "not saved yet" in html
    assert stored(app, set_id) == before
    # A problem is shown, the preview too, nothing saved.
    form["choices-1-weight"] = "0"
    html = page(client.post(path, data=form))
    assert "Not saved yet. Before saving, fix this:" in html
    assert '<a href="#choices">Choices</a>: no choice is marked correct (100%)' in html
    assert 'data-status="ready"' in html
    # editor.js asks for the preview alone.
    partial = client.post(path, data=form, headers={"X-Editor-Preview": "1"})
    assert partial.status_code == 200
    assert page(partial).startswith('<div class="editor-preview-body" id="preview-body"')
    assert "<html" not in page(partial)
    assert stored(app, set_id) == before


def test_rows_are_added_removed_and_moved_without_javascript(app, client, owned):
    set_id, row_ids = owned
    path = editor_path(set_id, row_ids["ordering"])
    before = stored(app, set_id)
    form = question_form(Ordering.sample(), "add:items")
    form["prompt"] = "Typed before adding a row"
    html = page(client.post(path, data=form))
    assert 'id="items-5-text"' in html and 'id="items-6-text"' not in html
    assert "Typed before adding a row" in html  # what was typed stays
    assert 'formaction="/instructor/sets/' in html
    form = question_form(Ordering.sample(), "up:items-2")
    html = page(client.post(path, data=form))
    texts = re.findall(r'id="items-\d-text" name="items-\d-text" type="text" value="([^"]*)"', html)
    assert texts[:3] == [
        "The SDF launches its offensive",
        "The US announces its withdrawal",
        "Turkey threatens the SDF",
    ]
    form = question_form(Ordering.sample(), "remove:items-0")
    html = page(client.post(path, data=form))
    assert "The SDF launches its offensive" not in field_html(html, "items-0-text")
    assert 'id="items-4-text"' not in html
    # Nested rows: an answer added to a cloze blank.
    cloze = QUESTION_TYPES["cloze"].sample()
    html = page(
        client.post(
            editor_path(set_id, row_ids["cloze"]),
            data=question_form(cloze, "add:blanks-1-accepted"),
        )
    )
    assert 'id="blanks-1-accepted-2-text"' in html
    assert stored(app, set_id) == before


# ------------------------------------------------------------------------ bad input


def test_bad_input_is_answered_beside_its_field_and_nothing_is_written(app, client, owned):
    set_id, row_ids = owned
    path = editor_path(set_id, row_ids["numerical"])
    before = stored(app, set_id)
    form = question_form(QUESTION_TYPES["numerical"].sample())
    form["numeric-0-value"] = "9" * 5000
    form["numeric-1-tolerance"] = "minus one"
    form["category"] = "x" * (MAX_CATEGORY + 1)
    response = client.post(path, data=form)
    assert response.status_code == 400
    html = page(response)
    assert "The question was not saved: 3 problems to fix." in html
    value = field_html(html, "numeric-0-value")
    assert 'aria-invalid="true"' in value
    assert 'aria-describedby="numeric-0-value-error"' in value
    assert "this number is 5,000 characters long: far too large" in value
    assert 'value="' + "9" * 5000 + '"' in value  # what was typed is kept
    tolerance = field_html(html, "numeric-1-tolerance")
    assert "&#34;minus one&#34; is not a number" in tolerance
    assert f"at most {MAX_CATEGORY} characters" in field_html(html, "category")
    assert '<a href="#numeric-0-value">Answer 1, answer</a>' in html
    assert stored(app, set_id) == before
    # A NUL character never reaches the editor: the request boundary refuses it in words.
    form = question_form(QUESTION_TYPES["numerical"].sample())
    form["prompt"] = "How many \x00 fighters?"
    refused = client.post(path, data=form)
    assert refused.status_code == 400 and "NUL" in page(refused)
    assert stored(app, set_id) == before


def test_ten_thousand_choices_are_refused_in_words(app, client, owned):
    set_id, row_ids = owned
    path = editor_path(set_id, row_ids["multiple_choice"])
    before = stored(app, set_id)
    values = editing.form_values(MultipleChoice.sample())
    values["choices"] = [
        {"id": "", "text": f"Town {n}", "weight": "0", "feedback": ""} for n in range(10_000)
    ]
    response = client.post(path, data={**form_data(values), "action": "save"})
    assert response.status_code == 400
    html = page(response)
    assert "at most 200 choice rows in the editor: the form sent 10,000" in html
    assert 'id="choices-199-text"' in html and 'id="choices-200-text"' not in html
    assert stored(app, set_id) == before


def test_what_the_editor_never_sends_is_no_error_page(app, client, owned):
    """Field names WTForms would read with int() (thousands of digits, other scripts'
    digits), bytes that are not UTF-8, a select's unknown value, a body over the limits."""
    set_id, row_ids = owned
    path = editor_path(set_id, row_ids["multiple_choice"])
    before = stored(app, set_id)
    form = question_form(MultipleChoice.sample(), "preview")
    form["choices-" + "9" * 5000 + "-text"] = "huge index"
    form["choices-\u0663-text"] = "Arabic-Indic three"
    form["text_format"] = "latex"
    response = client.post(path, data=form)
    assert response.status_code == 200
    assert "choose one of: Plain text, Markdown, HTML" in field_html(page(response), "text_format")
    raw = "&".join(
        f"{quote(k)}={quote(v)}" for k, v in question_form(MultipleChoice.sample()).items()
    )
    response = client.post(
        path,
        data=(raw + "&title=%ED%A0%80%FF").encode(),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (302, 400)
    with app.app_context():
        title = db.session.get(QuestionSet, set_id).questions[0].data["title"]
    assert title.encode("utf-8")  # whatever was kept can be stored and shown
    assert stored(app, set_id)[1][1:] == before[1][1:]


@pytest.mark.parametrize("app_config", [{"MAX_UPLOAD_BYTES": 2048}])
def test_a_form_over_the_limits_is_refused_in_words(app, client, owned):
    set_id, row_ids = owned
    path = editor_path(set_id, row_ids["multiple_choice"])
    before = stored(app, set_id)
    limit = 2048 + FORM_OVERHEAD_BYTES
    form = question_form(MultipleChoice.sample(), prompt="x" * limit)
    too_long = client.post(path, data=form)
    assert too_long.status_code == 413
    assert f"That form is too large to read: at most {human_size(limit)}" in page(too_long)
    part = '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n\r\n'
    body = (part * (MAX_FORM_PARTS + 1) + "--b--\r\n").encode()
    too_many = client.post(path, data=body, content_type="multipart/form-data; boundary=b")
    assert too_many.status_code == 413
    assert "50,000 fields" in page(too_many)
    assert stored(app, set_id) == before


def test_a_question_larger_than_the_editor_opens_as_json(app, client, factories, auth):
    owner = factories.user(role="instructor")
    auth.login(owner.email)
    big = MultipleChoice.sample().to_dict()
    big["choices"] = [
        {"id": f"c{n}", "text": f"Town {n}", "weight": 1.0 if n == 0 else 0.0} for n in range(250)
    ]
    set_id = make_set(app, factories, [big], owner_id=owner.id)
    with app.app_context():
        row_id = db.session.get(QuestionSet, set_id).questions[0].id
    response = client.get(editor_path(set_id, row_id))
    assert response.status_code == 302
    assert response.location == editor_path(set_id, row_id, "json")
    shown = page(client.get(response.location))
    assert "larger than the editor holds (250 choices; the editor holds 200)" in shown


def test_overflow_is_counted_in_nested_rows():
    cloze = QUESTION_TYPES["cloze"]
    keys = [f"blanks-0-accepted-{n}-text" for n in range(60)] + ["blanks-1-accepted-0-text"]
    assert editor_forms.row_overflow(cloze, keys) == {
        ("blanks", 0, "accepted"): [
            "at most 50 answer rows in the editor: the form sent 60 (the first 50 are shown); "
            "remove some"
        ]
    }
    assert editor_forms.row_overflow(cloze, ["blanks-0-accepted-0-text"]) == {}


# ------------------------------------------------------------------- add and delete


def test_add_a_question_of_a_chosen_type(app, client, owned):
    set_id, _ = owned
    path = f"/instructor/sets/{set_id}/questions/new/short_answer"
    html = page(client.get(path))
    assert "New question: short answer" in html
    assert "Saving adds it as question 11." in html
    values = editing.new_form_values(QUESTION_TYPES["short_answer"])
    values.update(prompt="Which river runs past Baghouz?", category="place")
    values["accepted"][0]["text"] = "Euphrates"
    refused = client.post(path, data={**form_data(values), "action": "save", "prompt": ""})
    assert refused.status_code == 400
    assert "the question has no text" in page(refused)
    assert len(stored(app, set_id)[1]) == 10
    saved = client.post(path, data={**form_data(values), "action": "save"})
    assert saved.status_code == 302
    version, data = stored(app, set_id)
    assert (version, len(data)) == (2, 11)
    assert data[-1]["id"] == "q-which-river-runs-past-baghouz"
    assert data[-1]["accepted"] == [{"text": "Euphrates", "weight": 1.0}]
    assert "The question is added as question 11." in page(client.get(saved.location))


def test_delete_a_question_after_confirming(app, client, owned):
    set_id, row_ids = owned
    path = editor_path(set_id, row_ids["essay"], "delete")
    html = page(client.get(path))
    assert "Delete question 9?" in html
    assert "Why is the loss of territory not the end of ISIS?" in html
    assert len(stored(app, set_id)[1]) == 10
    deleted = client.post(path)
    assert deleted.status_code == 302
    assert "The question &#34;Why it matters&#34; is deleted." in page(client.get(deleted.location))
    version, data = stored(app, set_id)
    assert (version, [q["type"] for q in data].count("essay")) == (2, 0)
    assert client.get(path).status_code == 404


# --------------------------------------------------------------------------- images


def multipart(fields: dict[str, str], upload: tuple[str, str, bytes]) -> tuple[bytes, str]:
    """A multipart body written here: the test client's own spools a large one to a
    temporary file that it never closes."""
    boundary = "editor-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    field, filename, content = upload
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


def bank_question(app, set_id: int, type_name: str):
    """The question as the set holds it, its images' bytes included (wherever stored)."""
    with app.app_context():
        bank = question_sets.to_bank_set(db.session.get(QuestionSet, set_id))
        return next(q for q in bank.questions if q.type_name == type_name)


def test_attach_an_image_preview_it_and_save_it(app, client, owned):
    set_id, row_ids = owned
    path = editor_path(set_id, row_ids["multiple_choice"])
    before = stored(app, set_id)
    form = question_form(MultipleChoice.sample(), "attach")
    form["image_upload"] = (io.BytesIO(png()), "town map.png")
    form["image_alt"] = "A map of Baghouz on the Euphrates"
    response = client.post(path, data=form, content_type="multipart/form-data")
    assert response.status_code == 200
    html = page(response)
    assert (
        "&lt;img src=&#34;@@PLUGINFILE@@/town%20map.png&#34; "
        "alt=&#34;A map of Baghouz on the Euphrates&#34;&gt;</textarea>"
    ) in html
    assert '<option selected value="moodle">' in html
    assert 'name="files-0-content" type="hidden" value="iVBORw0KGgo' in html
    assert "Keep <code>town map.png</code>" in html
    # The preview shows it before it is saved (a data: URL: nothing is stored yet).
    assert '<img src="data:image/png;base64,iVBORw0KGgo' in html
    assert 'alt="A map of Baghouz on the Euphrates"></legend>' in html
    assert stored(app, set_id) == before

    values = editing.form_values(MultipleChoice.sample())
    values.update(
        prompt=re.search(r'<textarea[^>]*name="prompt"[^>]*>\s*(.*?)</textarea>', html, re.S)
        .group(1)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#34;", '"'),
        text_format="moodle",
        files=[
            {
                "name": "town map.png",
                "keep": True,
                "mime": "image/png",
                "content": base64.b64encode(png()).decode(),
            }
        ],
    )
    saved = client.post(path, data={**form_data(values), "action": "save"})
    assert saved.status_code == 302, page(saved)
    question = bank_question(app, set_id, "multiple_choice")
    assert [(f.name, f.data) for f in question.files] == [("town map.png", png())]
    assert '<img src="@@PLUGINFILE@@/town%20map.png"' in question.prompt

    # Opened again, the image is kept without its bytes in the form; unticked, and its
    # reference left in the text, it is refused; with the reference removed, it goes.
    html = page(client.get(path))
    assert 'name="files-0-content" type="hidden" value=""' in html
    assert re.search(r'<img src="data:image/png;base64,[^"]+" alt="" class="thumb">', html)
    values = editing.form_values(question)
    values["files"][0]["keep"] = False
    refused = client.post(path, data={**form_data(values), "action": "save"})
    assert refused.status_code == 400
    assert "the text still shows the image &#34;town map.png&#34;" in page(refused)
    values["prompt"] = "Where did ISIS make its last stand in Syria?"
    assert client.post(path, data={**form_data(values), "action": "save"}).status_code == 302
    assert bank_question(app, set_id, "multiple_choice").files == ()


def test_a_file_that_is_not_an_image_is_refused_beside_the_field(app, client, owned):
    set_id, row_ids = owned
    path = editor_path(set_id, row_ids["essay"])
    before = stored(app, set_id)
    for content, name, alt, message in (
        (b"%PDF-1.4 notes", "notes.pdf", "Notes", "is a PDF document; only images are allowed"),
        (b'<svg onload="x()"/>', "a.svg", "A", "an SVG drawing, which may hold scripts"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * (2 * 1024 * 1024), "big.png", "Big", "2.0 MiB at most"),
        (png(), "map.png", "", "describe the image in a few words first"),
    ):
        form = {**question_form(QUESTION_TYPES["essay"].sample()), "image_alt": alt}
        body, boundary = multipart(form, ("image_upload", name, content))
        response = client.post(
            path, data=body, content_type=f"multipart/form-data; boundary={boundary}"
        )
        assert response.status_code == 400, name
        html = page(response)
        assert message in field_html(html, "image_upload"), name
        assert 'aria-describedby="image_upload-help image_upload-error"' in html
        assert f'value="{alt}"' in field_html(html, "image_alt")  # what was typed stays
    assert stored(app, set_id) == before
