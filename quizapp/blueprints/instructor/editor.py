"""The question editor: a form per question type, checked by the type's own rules, with the
question as students will see it beside the form.

Pages (all for the set's owner; someone else's set is 404):

* ``/instructor/sets/<set>/questions/<q>/edit``: edit a question.  One form, several
  buttons, each a submit that works without JavaScript: *Save*; *Preview* (the form again,
  checked, with the preview updated, nothing saved); a row's *Move up*, *Move down*,
  *Remove* and a list's *Add* (the form again with the row changed).  ``editor.js`` updates
  the preview as one types (the same POST, answered with the preview alone).
* ``/instructor/sets/<set>/questions/new``: choose the type of a new question, then
  ``.../new/<type>``: the same editor, saving adds the question at the end of the set.
* ``.../<q>/delete``: delete a question, after a confirmation.
* ``.../<q>/json``: the question's JSON in a text box ("advanced").
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from question_bank import media
from question_bank.formats import DEFAULT_MAX_BYTES
from question_bank.sizes import human_size
from question_bank.types import Question as BankQuestion
from question_bank.types import editing
from quizapp.blueprints.instructor import editor_forms
from quizapp.blueprints.instructor.forms import DeleteForm, QuestionForm
from quizapp.extensions import db
from quizapp.services import imports, question_editor, set_admin
from quizapp.services.errors import ValidationFailed
from quizapp.services.question_editor import EditorTarget
from quizapp.web import instructor_required, now

bp = Blueprint("editor", __name__, url_prefix="/instructor")

#: Room beside the texts (which may be as long as an upload): the other fields, and the
#: images attached but not saved yet, which travel in the form (base64) until it is saved.
FORM_OVERHEAD_BYTES = 64 * 1024 + 4 * media.MAX_FILE_BYTES
#: Fields a form may send: enough for the largest form the editor makes (50 blanks of 50
#: answers), and for a form sent with 10,000 choices to be read and refused in words.
MAX_FORM_PARTS = 50_000
_BASE64 = re.compile(r"[A-Za-z0-9+/=]+")
#: The header ``editor.js`` sends to get the preview alone.
PREVIEW_HEADER = "X-Editor-Preview"


def _max_bytes() -> int:
    return int(current_app.config.get("MAX_UPLOAD_BYTES") or DEFAULT_MAX_BYTES)


@bp.url_value_preprocessor
def _limits(endpoint: str | None, values: dict | None) -> None:
    """A question's texts may be as long as an upload, and its rows many: Flask's default
    form limits (500 KB, 1,000 fields) would refuse a large question before the editor
    could say why.  Runs before the CSRF check reads the form."""
    limit = _max_bytes() + FORM_OVERHEAD_BYTES
    request.max_content_length = limit
    request.max_form_memory_size = limit
    request.max_form_parts = MAX_FORM_PARTS


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    size = human_size(_max_bytes() + FORM_OVERHEAD_BYTES)
    message = (
        f"That form is too large to read: at most {size} and "
        f"{MAX_FORM_PARTS:,} fields. Nothing was saved. Go back, remove some rows or text, "
        "and save again."
    )
    return render_template("errors/error.html", status=413, message=message), 413


# ---------------------------------------------------------------------------- editor


@dataclass(frozen=True)
class Preview:
    """The question as the quiz's templates expect it (``q.model``, ``q.number``)."""

    model: BankQuestion
    number: str = "preview"

    @property
    def category(self) -> str | None:
        return self.model.category


def _action_url(target: EditorTarget) -> str:
    if target.is_new:
        return url_for(
            "editor.add_question",
            set_id=target.question_set.id,
            type_name=target.question_type.type_name,
        )
    return url_for("editor.edit_question", set_id=target.question_set.id, question_id=target.row_id)


def _render(
    target: EditorTarget,
    form: editor_forms.EditorForm,
    *,
    errors: editing.Errors,
    preview: BankQuestion | None,
    status: int = 200,
    saving: bool = False,
) -> tuple[str, int]:
    context: dict[str, Any] = {
        "target": target,
        "preview": Preview(editing.with_data_urls(preview)) if preview is not None else None,
        "errors": editor_forms.error_names(errors),
        "saving": saving,
    }
    if request.headers.get(PREVIEW_HEADER):
        return render_template("instructor/editor/_preview.html", **context), status
    cls = target.question_type
    thumbnails = _thumbnails(target, form)
    labels = {editing.path_name(path): editing.field_label(cls, path) for path in errors if path}
    page = render_template(
        "instructor/editor/edit.html",
        form=form,
        sections=editing.sections(cls),
        labels=labels,
        thumbnails=thumbnails,
        action_url=_action_url(target),
        **context,
    )
    return page, status


def _data_url(mime: str, encoded: str) -> str:
    return f"data:{mime};base64,{encoded}"


def _thumbnails(target: EditorTarget, form: editor_forms.EditorForm) -> dict[str, str]:
    """Each image of the form by name, as a ``data:`` URL (a new one is not stored yet)."""
    found = {
        f.name: _data_url(f.mime, base64.b64encode(f.data).decode("ascii"))
        for f in (target.question.files if target.question else ())
    }
    rows = form["files"].data if "files" in form else []
    for row in rows or ():
        data, mime = str(row.get("content") or ""), str(row.get("mime") or "")
        if data and mime in media.IMAGE_TYPES and _BASE64.fullmatch(data):
            found[str(row.get("name"))] = _data_url(mime, data)
    return found


def _attached(values: dict[str, Any], alt: str) -> tuple[dict[str, Any] | None, editing.Errors]:
    """The form values with the image chosen in the form attached (None: none was chosen);
    or what is wrong with it, beside the image field."""
    upload = request.files.get("image_upload")
    if upload is None or not upload.filename:
        return None, {}
    name = PurePosixPath(upload.filename.replace("\\", "/")).name
    try:
        image = media.MediaFile.from_bytes(name, upload.read(media.MAX_FILE_BYTES + 1))
    except media.MediaError as refused:
        return None, {("image_upload",): [str(refused)]}
    attached, problem = editing.attach_image(values, image, alt)
    if problem:
        return None, {("image_upload",): [problem]}
    return attached, {}


def _editor(target: EditorTarget) -> tuple[str, int] | Response:
    cls = target.question_type
    form_class = editor_forms.form_class(cls)
    if request.method == "GET":
        question = target.question
        values = editing.form_values(question) if question else editing.new_form_values(cls)
        too_many = editing.oversized(cls, values)
        if question is not None and too_many:
            flash(
                f"This question is larger than the editor holds ({'; '.join(too_many)}): "
                "edit it as JSON here.",
                "warning",
            )
            return redirect(
                url_for(
                    "editor.edit_json", set_id=target.question_set.id, question_id=target.row_id
                )
            )
        return _render(target, form_class(formdata=None, data=values), errors={}, preview=question)

    formdata = editor_forms.usable_formdata(request.form)
    form = form_class(formdata=formdata)
    values = editor_forms.values_of(form, cls)
    action = request.form.get("action", "save")
    attached, upload_errors = _attached(values, form.image_alt.data or "")
    if attached is not None:  # the image's row, and the text that shows it
        values = attached
        form = form_class(formdata=None, data=values)
    row_action = editing.parse_action(action)
    if row_action is not None or action == "attach":
        if row_action is not None:
            values, _ = editing.change_rows(cls, values, *row_action)
            form = form_class(formdata=None, data=values)
        edited = question_editor.check(target, values)
        status = 400 if upload_errors else 200
        return _render(target, form, errors=upload_errors, preview=edited.question, status=status)

    overflow = editor_forms.row_overflow(cls, formdata.keys())
    for path, messages in upload_errors.items():
        overflow.setdefault(path, []).extend(messages)
    saving = action == "save"
    if saving and not overflow:
        try:
            saved = question_editor.save_question(
                db.session, target=target, values=values, now=now()
            )
        except question_editor.EditRejected as rejected:
            edited = rejected.edited
        else:
            if saved.created:
                flash(f"The question is added as question {target.number}.", "success")
            elif saved.changed:
                flash(f"The question is saved (version {saved.version} of the set).", "success")
            else:
                flash("Nothing changed: the question is as it was.", "info")
            anchor = f"q{saved.row_id}"
            return redirect(
                url_for("instructor.set_page", set_id=target.question_set.id, _anchor=anchor)
            )
    else:
        edited = question_editor.check(target, values)
    errors = {**edited.errors}
    for path, messages in overflow.items():
        errors.setdefault(path, []).extend(messages)
    status = 400 if saving or overflow else 200
    return _render(
        target, form, errors=errors, preview=edited.question, status=status, saving=saving
    )


@bp.route("/sets/<int:set_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
@instructor_required
def edit_question(set_id: int, question_id: int):
    target = question_editor.open_question(
        db.session, set_id=set_id, user=current_user, question_id=question_id
    )
    return _editor(target)


@bp.get("/sets/<int:set_id>/questions/new")
@instructor_required
def new_question(set_id: int) -> str:
    target = set_admin.owned_set(db.session, set_id=set_id, user=current_user)
    return render_template(
        "instructor/editor/new.html", question_set=target, types=question_editor.type_choices()
    )


@bp.route("/sets/<int:set_id>/questions/new/<type_name>", methods=["GET", "POST"])
@instructor_required
def add_question(set_id: int, type_name: str):
    target = question_editor.open_new(
        db.session, set_id=set_id, user=current_user, type_name=type_name
    )
    return _editor(target)


@bp.route("/sets/<int:set_id>/questions/<int:question_id>/delete", methods=["GET", "POST"])
@instructor_required
def delete_question(set_id: int, question_id: int):
    target = question_editor.open_question(
        db.session, set_id=set_id, user=current_user, question_id=question_id
    )
    form = DeleteForm()
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            label = question_editor.delete_question(db.session, target=target, now=now())
        except ValidationFailed as refused:
            errors = [refused.message]
        else:
            flash(f"The {label} is deleted. Attempts already taken keep their record.", "success")
            return redirect(url_for("instructor.set_page", set_id=set_id))
    page = render_template("instructor/editor/delete.html", target=target, form=form, errors=errors)
    return page, 400 if errors else 200


# ------------------------------------------------------------------ advanced: the JSON


@bp.route("/sets/<int:set_id>/questions/<int:question_id>/json", methods=["GET", "POST"])
@instructor_required
def edit_json(set_id: int, question_id: int):
    target, question, text = set_admin.question_for_edit(
        db.session, set_id=set_id, user=current_user, question_id=question_id
    )
    form = QuestionForm(data=None if request.method == "POST" else {"text": text})
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            set_admin.edit_question(
                db.session,
                set_id=set_id,
                user=current_user,
                question_id=question_id,
                text=form.text.data,
                now=now(),
            )
        except imports.UploadRejected as rejected:
            errors = rejected.messages
        else:
            flash("The question is saved.", "success")
            anchor = f"q{question_id}"
            return redirect(url_for("instructor.set_page", set_id=set_id, _anchor=anchor))
    elif form.is_submitted():
        errors = ["Write the question's JSON in the text box."]
    status = 400 if errors else 200
    return render_template(
        "instructor/editor/json.html",
        question_set=target,
        question=question,
        question_id=question_id,
        form=form,
        errors=errors,
    ), status
