"""The instructor's pages: upload, preview, confirm, manage, download, and who may do what."""

from __future__ import annotations

import io
import re

import pytest
from markupsafe import escape
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Attempt, QuestionSet
from quizapp.services import imports
from tests.quizapp.test_imports_service import (
    BROKEN_FILES,
    binary_files,
    read,
    row_counts,
)


def upload(client, relative: str | None = None, *, data=None, filename=None, **fields):
    form = {"format": "", "set_name": "", "text": ""}
    form.update(fields)
    if relative is not None:
        data, filename = read(relative)
    if data is None:
        # No file: a plain form post, as a browser sends it.
        return client.post("/instructor/upload", data=form)
    form["file"] = (io.BytesIO(data), filename)
    return client.post("/instructor/upload", data=form, content_type="multipart/form-data")


def token_of(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)
    match = re.fullmatch(r"/instructor/uploads/([\w-]+)", response.location)
    assert match, response.location
    return match.group(1)


def upload_and_confirm(client, relative: str, **fields) -> int:
    token = token_of(upload(client, relative, **fields))
    response = client.post(f"/instructor/uploads/{token}/confirm")
    assert response.status_code == 302, response.get_data(as_text=True)
    match = re.fullmatch(r"/instructor/sets/(\d+)", response.location)
    assert match, response.location
    return int(match.group(1))


def page(response) -> str:
    return response.get_data(as_text=True)


# ------------------------------------------------------------------------- access


def test_anonymous_visitors_are_sent_to_log_in(client):
    for path in ("/instructor/", "/instructor/upload", "/instructor/sets/1"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/auth/login" in response.location


def test_students_get_403_on_instructor_pages(client, auth, factories):
    owner = factories.user(role="instructor")
    set_id = factories.question_set(owner_id=owner.id)
    auth.login_new()
    for path in (
        "/instructor/",
        "/instructor/upload",
        f"/instructor/sets/{set_id}",
        f"/instructor/sets/{set_id}/options",
        f"/instructor/sets/{set_id}/delete",
    ):
        assert client.get(path).status_code == 403, path
    response = upload(client, "aiken/valid.txt")
    assert response.status_code == 403
    assert client.post(f"/instructor/sets/{set_id}/delete").status_code == 403


def test_another_instructors_set_and_upload_are_404(app, client, auth, factories):
    auth.login_new(role="instructor")
    set_id = upload_and_confirm(client, "aiken/valid.txt")
    token = token_of(upload(client, "gift/every_construct.gift"))
    question_id = _first_question_id(app, set_id)
    auth.logout()
    auth.login_new(role="instructor")
    before = row_counts(app)
    gets = [
        f"/instructor/sets/{set_id}",
        f"/instructor/sets/{set_id}/options",
        f"/instructor/sets/{set_id}/delete",
        f"/instructor/sets/{set_id}/questions/{question_id}/edit",
        f"/instructor/sets/{set_id}/questions/{question_id}/json",
        f"/instructor/sets/{set_id}/questions/{question_id}/delete",
        f"/instructor/sets/{set_id}/questions/new",
        f"/instructor/sets/{set_id}/questions/new/multiple_choice",
        f"/instructor/sets/{set_id}/download/json",
        f"/instructor/sets/{set_id}/download/gift",
        f"/instructor/uploads/{token}",
    ]
    posts = {
        f"/instructor/sets/{set_id}/rename": {"name": "Mine now"},
        f"/instructor/sets/{set_id}/visibility": {"public": "0"},
        f"/instructor/sets/{set_id}/options": {"feedback_mode": "deferred"},
        f"/instructor/sets/{set_id}/questions/{question_id}/edit": {"action": "save"},
        f"/instructor/sets/{set_id}/questions/{question_id}/json": {"text": "{}"},
        f"/instructor/sets/{set_id}/questions/{question_id}/delete": {},
        f"/instructor/sets/{set_id}/questions/new/short_answer": {"prompt": "Mine?"},
        f"/instructor/sets/{set_id}/delete": {},
        f"/instructor/uploads/{token}/confirm": {},
        f"/instructor/uploads/{token}/discard": {},
    }
    for path in gets:
        assert client.get(path).status_code == 404, path
    for path, form in posts.items():
        assert client.post(path, data=form).status_code in (404, 302), path
    assert row_counts(app) == before
    with app.app_context():
        kept = db.session.get(QuestionSet, set_id)
        assert (kept.name, kept.visibility, kept.deleted_at) == ("valid", "private", None)
    # The discard route redirects, but the draft is still there for its owner (beside the
    # confirmed one, which keeps its outcome until it expires).
    assert before["import_drafts"] == 2


def _first_question_id(app, set_id: int) -> int:
    with app.app_context():
        return db.session.get(QuestionSet, set_id).questions[0].id


# ------------------------------------------------------------ upload and preview


def test_upload_preview_confirm(app, client, auth):
    auth.login_new(role="instructor")
    assert client.get("/instructor/upload").status_code == 200
    before = row_counts(app)
    response = upload(client, "gift/every_construct.gift", set_name="Grant and friends")
    token = token_of(response)
    preview = client.get(response.location)
    assert preview.status_code == 200
    html = page(preview)
    assert "Preview: 31 questions" in html
    assert "Grant and friends" in html
    assert "a new private set" in html
    assert "Who's buried in Grant's tomb?" in html
    assert "✓ correct" in html
    assert "Correct answer:" in html
    # Nothing but the draft is written before the confirmation.
    after = row_counts(app)
    assert after["questions"] == before["questions"]
    assert after["import_drafts"] == before["import_drafts"] + 1

    confirmed = client.post(f"/instructor/uploads/{token}/confirm")
    assert confirmed.status_code == 302
    set_page = client.get(confirmed.location)
    assert 'Saved the new set "Grant and friends" with 31 questions.' in page(set_page).replace(
        "&#34;", '"'
    )
    assert row_counts(app)["questions"] == before["questions"] + 31

    again = client.post(f"/instructor/uploads/{token}/confirm")
    assert again.status_code == 409
    assert "already saved" in page(again)
    assert row_counts(app)["questions"] == before["questions"] + 31
    # The preview link now shows what was saved.
    assert "Upload saved" in page(client.get(f"/instructor/uploads/{token}"))


def test_pasted_text_upload(app, client, auth):
    auth.login_new(role="instructor")
    text = "::sky::The sky is blue.{T}\n\nTwo plus two?{=four =4}\n"
    response = upload(client, text=text, set_name="Pasted")
    preview = page(client.get(response.location))
    assert "Preview: 2 questions" in preview
    assert "the pasted text (GIFT)" in preview


def test_nothing_chosen(client, auth):
    auth.login_new(role="instructor")
    response = upload(client)
    assert response.status_code == 400
    assert "Choose a file, or paste the questions" in page(response)


@pytest.mark.parametrize("relative", sorted(BROKEN_FILES))
def test_every_broken_file_is_refused_on_the_page(app, client, auth, relative):
    auth.login_new(role="instructor")
    data, name = read(relative)
    with pytest.raises(imports.UploadRejected) as caught:
        imports.check_upload(data, filename=name)
    before = row_counts(app)
    response = upload(client, relative, set_name="Kept name")
    assert response.status_code == 400
    html = page(response)
    assert f"Nothing was saved from {escape(name)}" in html
    for message in caught.value.messages:
        shown = message[:1].upper() + message[1:]
        assert str(escape(shown)) in html, message
    assert 'value="Kept name"' in html
    assert row_counts(app) == before


def test_pasted_text_with_errors_keeps_the_form(app, client, auth):
    auth.login_new(role="instructor")
    text = "What is it? {=yes ~no\n\nAnother {=ok}}\n"
    before = row_counts(app)
    response = upload(client, text=text, format="gift", set_name="Draft set")
    assert response.status_code == 400
    html = page(response)
    assert "Line 1, column 13: the answer block opened here is never closed" in html
    assert str(escape(text)) in html
    assert '<option selected value="gift">' in html
    assert row_counts(app) == before


def test_binary_files_are_refused_on_the_page(app, client, auth, tmp_path):
    auth.login_new(role="instructor")
    before = row_counts(app)
    for name, data in binary_files(tmp_path).items():
        response = upload(client, data=data, filename=name)
        assert response.status_code == 400, name
        assert "not a text file" in page(response) or "The file is empty" in page(response)
    assert row_counts(app) == before


@pytest.mark.parametrize("app_config", [{"MAX_UPLOAD_BYTES": 2048}])
def test_size_limits_give_clear_messages(app, client, auth):
    auth.login_new(role="instructor")
    before = row_counts(app)
    just_over = b"::q::Question?{=yes}\n" + b"// padding\n" * 200
    response = upload(client, data=just_over, filename="big.gift")
    assert response.status_code == 400
    assert "The file is too large" in page(response)

    far_over = b"// padding\n" * 20000
    response = upload(client, data=far_over, filename="huge.gift")
    assert response.status_code == 413
    html = page(response)
    assert "That upload is too large: the limit is" in html
    assert 'enctype="multipart/form-data"' in html
    assert row_counts(app) == before


def test_pasted_text_beyond_flasks_form_memory_limit_is_read(client, auth):
    auth.login_new(role="instructor")
    text = "".join(f"::q{i}::Question number {i} of many?{{=yes ~no}}\n\n" for i in range(12000))
    assert len(text.encode()) > 500_000
    response = upload(client, text=text, set_name="Many")
    assert response.status_code == 302
    assert "Preview: 12000 questions" in page(client.get(response.location))


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_confirm_needs_the_forms_csrf_token(app, client, factories):
    user = factories.user(role="instructor")
    login = client.get("/auth/login")
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page(login)).group(1)
    client.post(
        "/auth/login",
        data={"email": user.email, "password": factories.password, "csrf_token": csrf},
    )
    # The token changes at login: the upload form's is the logged-in session's.
    upload_page = page(client.get("/instructor/upload"))
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', upload_page).group(1)
    data, name = read("aiken/valid.txt")
    response = client.post(
        "/instructor/upload",
        data={"file": (io.BytesIO(data), name), "format": "", "csrf_token": csrf},
        content_type="multipart/form-data",
    )
    token = token_of(response)
    before = row_counts(app)
    forged = client.post(f"/instructor/uploads/{token}/confirm")
    assert forged.status_code == 400
    assert row_counts(app) == before
    preview = page(client.get(f"/instructor/uploads/{token}"))
    form_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', preview).group(1)
    confirmed = client.post(f"/instructor/uploads/{token}/confirm", data={"csrf_token": form_token})
    assert confirmed.status_code == 302
    assert row_counts(app)["questions"] == before["questions"] + 3


def test_expired_preview_sends_back_to_the_upload_page(client, auth, clock):
    auth.login_new(role="instructor")
    token = token_of(upload(client, "aiken/valid.txt"))
    clock.advance(days=2)
    response = client.get(f"/instructor/uploads/{token}")
    assert response.status_code == 302 and response.location == "/instructor/upload"
    assert "This preview has expired" in page(client.get("/instructor/upload"))


def test_discard(app, client, auth):
    auth.login_new(role="instructor")
    token = token_of(upload(client, "aiken/valid.txt"))
    response = client.post(f"/instructor/uploads/{token}/discard")
    assert response.status_code == 302
    assert row_counts(app)["import_drafts"] == 0
    assert client.get(f"/instructor/uploads/{token}").status_code == 404


# ----------------------------------------------------------------- sanitising

#: A tag with an event handler (onerror=, onclick=...), anywhere in the page's markup.
EVENT_HANDLER = re.compile(r"<[^>]*\son\w+\s*=", re.IGNORECASE)


def assert_no_active_content(html: str) -> None:
    """No script but the app's own files, no event handler attribute, no javascript: link
    in the markup (the same words escaped as text, as in the edit form's JSON, are harmless)."""
    scripts = re.findall(r"<script\b[^>]*>", html, re.IGNORECASE)
    assert all(re.fullmatch(r'<script src="/static/[\w.-]+"( defer)?>', s) for s in scripts), (
        scripts
    )
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html).group(0)
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.IGNORECASE)


def test_uploaded_scripts_never_reach_the_browser(app, client, auth, factories):
    auth.login_new(role="instructor")
    response = upload(client, "uploads/xss.gift", public="y")
    preview = page(client.get(response.location))
    set_id = upload_and_confirm(client, "uploads/xss.gift", public="y")
    managed = page(client.get(f"/instructor/sets/{set_id}"))
    question_id = _first_question_id(app, set_id)
    editing = page(client.get(f"/instructor/sets/{set_id}/questions/{question_id}/edit"))
    as_json = page(client.get(f"/instructor/sets/{set_id}/questions/{question_id}/json"))
    for html in (preview, managed, editing, as_json):
        assert_no_active_content(html)
        assert "<b>none</b> of them" in html  # allowed markup survives
        assert "Sanitised." in html
        assert "&lt;script&gt;alert(" in html  # the plain-text question shows it as text
    # What students get: the pages that show this set's questions (the question browser and
    # the quiz itself, when those blueprints are present in this checkout).
    auth.logout()
    auth.login_new()
    shown = []
    if "bank.browse" in app.view_functions:
        response = client.get(f"/bank/sets/{set_id}")
        assert response.status_code == 200
        shown.append(page(response))
    if "quiz.question" in app.view_functions:
        started = client.post(f"/quiz/sets/{set_id}")
        assert started.status_code == 302, page(started)
        first = re.fullmatch(r"(/quiz/attempts/\d+/q/)\d+", started.location)
        assert first, started.location
        for number in (1, 2, 3):
            response = client.get(f"{first.group(1)}{number}")
            assert response.status_code == 200
            shown.append(page(response))
        assert any("Which tag runs code?" in html for html in shown[-3:])
    for html in shown:
        assert_no_active_content(html)


# ------------------------------------------------------------------------ versions


def test_reupload_shows_what_changes_and_makes_version_two(client, auth):
    auth.login_new(role="instructor")
    set_id = upload_and_confirm(client, "uploads/capitals_v1.gift", set_name="Capitals")
    response = upload(client, "uploads/capitals_v2.gift", set_name="capitals")
    html = page(client.get(response.location))
    assert "becomes version 2 of your set" in html
    assert "1 added, 1 updated,\n        1 removed, 2 unchanged" in html
    assert "This question is changed in this version." in html
    assert "This question is new in this version." in html
    token = token_of(response)
    confirmed = client.post(f"/instructor/uploads/{token}/confirm")
    assert confirmed.location == f"/instructor/sets/{set_id}"
    html = page(client.get(confirmed.location)).replace("&#34;", '"')
    assert 'Saved version 2 of "Capitals": 1 added, 1 updated, 1 removed, 2 unchanged.' in html
    assert "Version 2 · 4 questions" in html


# --------------------------------------------------------------------- dashboard


def test_dashboard_lists_sets_and_pending_uploads(client, auth):
    auth.login_new(role="instructor")
    upload_and_confirm(client, "csv/with_header.csv", set_name="Capitals CSV")
    upload(client, "aiken/valid.txt")
    html = page(client.get("/instructor/"))
    assert "Capitals CSV" in html
    assert "Uploads waiting for your confirmation" in html
    assert "valid.txt" in html
    row = re.search(r"Capitals CSV</a></th>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r'<td class="num"[^>]*>(\d+)</td>', row) == ["4", "4", "1"]
    assert "Only you" in row


def test_instructor_nav_link(client, auth):
    auth.login_new(role="instructor")
    assert 'href="/instructor/"' in page(client.get("/"))


# --------------------------------------------------------------- managing a set


def test_rename_publish_and_make_private(client, auth):
    auth.login_new(role="instructor")
    set_id = upload_and_confirm(client, "aiken/valid.txt", set_name="First")
    upload_and_confirm(client, "csv/with_header.csv", set_name="Second")
    assert "<h3>First</h3>" not in page(client.get("/"))

    response = client.post(f"/instructor/sets/{set_id}/visibility", data={"public": "1"})
    assert response.status_code == 302
    assert "<h3>First</h3>" in page(client.get("/"))

    clash = client.post(f"/instructor/sets/{set_id}/rename", data={"name": "second"})
    assert clash.status_code == 400
    assert "You already have a set named" in page(clash)
    renamed = client.post(f"/instructor/sets/{set_id}/rename", data={"name": "  Renamed  set "})
    assert renamed.status_code == 302
    assert "<h3>Renamed set</h3>" in page(client.get("/"))

    client.post(f"/instructor/sets/{set_id}/visibility", data={"public": "0"})
    assert "<h3>Renamed set</h3>" not in page(client.get("/"))


def test_quiz_options(app, client, auth):
    auth.login_new(role="instructor")
    set_id = upload_and_confirm(client, "csv/with_header.csv")
    form = client.get(f"/instructor/sets/{set_id}/options")
    assert form.status_code == 200
    bad = client.post(
        f"/instructor/sets/{set_id}/options",
        data={"question_count": "99", "feedback_mode": "deferred"},
    )
    assert bad.status_code == 400
    assert "between 1 and 4" in page(bad)
    good = client.post(
        f"/instructor/sets/{set_id}/options",
        data={
            "question_count": "3",
            "shuffle_questions": "y",
            "time_limit_minutes": "15",
            "feedback_mode": "immediate",
            "attempts_allowed": "2",
        },
    )
    assert good.status_code == 302
    with app.app_context():
        saved = db.session.get(QuestionSet, set_id)
        assert saved.question_count == 3
        assert saved.shuffle_questions and not saved.shuffle_choices
        assert saved.time_limit_seconds == 900
        assert saved.feedback_mode == "immediate"
        assert saved.attempts_allowed == 2
    assert "Time limit: 15 minutes" in page(client.get(f"/instructor/sets/{set_id}"))


def test_edit_a_question_as_json(app, client, auth):
    auth.login_new(role="instructor")
    set_id = upload_and_confirm(client, "uploads/capitals_v1.gift")
    question_id = _first_question_id(app, set_id)
    path = f"/instructor/sets/{set_id}/questions/{question_id}/json"
    html = page(client.get(path))
    assert "&#34;id&#34;: &#34;capital-fr&#34;" in html

    broken = client.post(path, data={"text": '{"id": "capital-fr",\n  "type": }'})
    assert broken.status_code == 400
    assert "Line 2, column 11: this is not valid JSON" in page(broken)

    no_answer = (
        '{"id": "capital-fr", "type": "multiple_choice", "prompt": "Capital of France?",'
        ' "choices": [{"id": "a", "text": "Paris", "weight": 0},'
        ' {"id": "b", "text": "Lyon", "weight": 0}]}'
    )
    refused = client.post(path, data={"text": no_answer})
    assert refused.status_code == 400
    assert "no choice is marked correct" in page(refused)

    moved = client.post(path, data={"text": no_answer.replace("capital-fr", "other-id")})
    assert moved.status_code == 400
    assert "must stay" in page(moved)

    good = no_answer.replace('"weight": 0}', '"weight": 1}', 1)
    saved = client.post(path, data={"text": good})
    assert saved.status_code == 302
    with app.app_context():
        target = db.session.get(QuestionSet, set_id)
        assert target.version == 2
        assert target.questions[0].data["prompt"] == "Capital of France?"


def test_delete_with_confirmation_keeps_attempts(app, client, auth, factories, clock):
    auth.login_new(role="instructor")
    set_id = upload_and_confirm(client, "aiken/valid.txt", public="y")
    learner = factories.user()
    with app.app_context():
        db.session.add(Attempt(user_id=learner.id, set_id=set_id, started_at=clock.now()))
        db.session.commit()
    confirm_page = client.get(f"/instructor/sets/{set_id}/delete")
    assert confirm_page.status_code == 200
    assert "1 attempt already taken keep their record" in page(confirm_page)
    deleted = client.post(f"/instructor/sets/{set_id}/delete")
    assert deleted.status_code == 302
    assert client.get(f"/instructor/sets/{set_id}").status_code == 404
    assert ">valid</a>" not in page(client.get("/instructor/"))
    assert "<h3>valid</h3>" not in page(client.get("/"))
    with app.app_context():
        assert db.session.get(QuestionSet, set_id).deleted_at == clock.now()
        attempts = db.session.execute(select(Attempt).where(Attempt.set_id == set_id)).all()
        assert len(attempts) == 1


# ----------------------------------------------------------------------- downloads


def test_download_rules(app, client, auth):
    auth.login_new(role="instructor")
    public_id = upload_and_confirm(client, "gift/every_construct.gift", public="y")
    private_id = upload_and_confirm(client, "aiken/valid.txt")
    for fmt, disposition in (
        ("gift", "every_construct.gift"),
        ("aiken", "every_construct.txt"),
        ("moodlexml", "every_construct.xml"),
        ("csv", "every_construct.csv"),
        ("json", "every_construct.json"),
        ("apkg", "every_construct.apkg"),
    ):
        response = client.get(f"/instructor/sets/{public_id}/download/{fmt}")
        assert response.status_code == 200, fmt
        assert response.headers["Content-Disposition"] == f"attachment; filename={disposition}"
        assert response.headers["Cache-Control"] == "private, no-store"
    assert client.get(f"/instructor/sets/{public_id}/download/pdf").status_code == 400

    auth.logout()
    assert client.get(f"/instructor/sets/{public_id}/download/apkg").status_code == 302
    auth.login_new()
    deck = client.get(f"/instructor/sets/{public_id}/download/apkg")
    assert deck.status_code == 200 and deck.data.startswith(b"PK")
    for fmt in ("json", "gift", "moodlexml", "csv", "aiken"):
        assert client.get(f"/instructor/sets/{public_id}/download/{fmt}").status_code == 403
    for fmt in ("apkg", "json"):
        assert client.get(f"/instructor/sets/{private_id}/download/{fmt}").status_code == 404


def test_deck_link_for_students(client, auth):
    auth.login_new(role="instructor")
    set_id = upload_and_confirm(client, "csv/with_header.csv", public="y")
    auth.logout()
    auth.login_new()
    response = client.get(f"/instructor/sets/{set_id}/deck.apkg")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=with_header.apkg"


@pytest.mark.parametrize("app_config", [{"MAX_UPLOAD_BYTES": 2048, "WTF_CSRF_ENABLED": True}])
def test_too_large_is_friendly_even_before_the_csrf_check(app, client, factories):
    user = factories.user(role="instructor")
    login = page(client.get("/auth/login"))
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
    client.post(
        "/auth/login",
        data={"email": user.email, "password": factories.password, "csrf_token": csrf},
    )
    before = row_counts(app)
    response = client.post(
        "/instructor/upload",
        data={"file": (io.BytesIO(b"// padding\n" * 20000), "huge.gift"), "csrf_token": csrf},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    html = page(response)
    assert "That upload is too large: the limit is 2 KB. Nothing was saved." in html
    assert 'name="csrf_token"' in html  # the form is there to try again
    assert row_counts(app) == before
