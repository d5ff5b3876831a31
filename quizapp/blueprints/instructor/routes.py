"""Instructors: upload question sets, preview, confirm, manage and export them.

Every page is for instructors (students get 403); a set or upload that is not the
instructor's own is 404.  Downloads need only a login: the rule of who may download which
format lives in ``services.set_admin.export_set``.
"""

from __future__ import annotations

from dataclasses import asdict

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms.fields.choices import SelectChoice

from question_bank.formats import DEFAULT_MAX_BYTES, FORMATS
from question_bank.sizes import human_size
from quizapp.blueprints.instructor.forms import (
    ColumnsForm,
    ConfirmForm,
    DeleteForm,
    DiscardForm,
    DraftArticleForm,
    QuizOptionsForm,
    RenameForm,
    UploadForm,
    VisibilityForm,
)
from quizapp.extensions import db
from quizapp.services import article_drafts, imports, quizzes, set_admin
from quizapp.services.errors import ServiceError
from quizapp.services.imports import SetOutcome
from quizapp.web import instructor_required, now, send_download, send_media

bp = Blueprint("instructor", __name__, url_prefix="/instructor")

#: Room for the form's other fields beside a file (or pasted text) at the upload limit.
FORM_OVERHEAD_BYTES = 64 * 1024
#: The endpoints that receive a question file (the editor's have their own limits).
_UPLOAD_ENDPOINTS = {"instructor.upload"}


def _max_upload_bytes() -> int:
    return int(current_app.config.get("MAX_UPLOAD_BYTES") or DEFAULT_MAX_BYTES)


@bp.url_value_preprocessor
def _allow_uploads(endpoint: str | None, values: dict | None) -> None:
    """Let the upload forms carry a file at the limit, and no more.

    Runs before every ``before_request`` (the CSRF check reads the form): beyond the limit
    Werkzeug refuses the body with 413, which ``too_large`` turns into the upload page.
    Flask's default form memory limit (500 KB) would refuse pasted text long before that.
    """
    if endpoint in _UPLOAD_ENDPOINTS:
        limit = _max_upload_bytes() + FORM_OVERHEAD_BYTES
        request.max_content_length = limit
        request.max_form_memory_size = limit


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    message = (
        f"That upload is too large: the limit is {human_size(_max_upload_bytes())}. "
        "Nothing was saved. Split the questions into several files, or remove images "
        "embedded in them."
    )
    if not (current_user.is_authenticated and current_user.is_instructor):
        return render_template("errors/error.html", status=413, message=message), 413
    return _upload_page(UploadForm(formdata=None), [message], None, 413)


def _upload_page(
    form: UploadForm, errors: list[str], filename: str | None, status: int
) -> tuple[str, int]:
    form.file.description = f"{form.file.description} At most {human_size(_max_upload_bytes())}."
    page = render_template("instructor/upload.html", form=form, errors=errors, filename=filename)
    return page, status


# ------------------------------------------------------------------------ dashboard


@bp.get("/")
@instructor_required
def index() -> str:
    sets = set_admin.dashboard(db.session, user=current_user)
    drafts = imports.pending_drafts(db.session, owner=current_user, now=now())
    return render_template("instructor/index.html", sets=sets, drafts=drafts)


# --------------------------------------------------------------------------- upload


def _read_upload(form: UploadForm) -> tuple[bytes, str | None]:
    """The bytes to import (the file, else the pasted text) and the file's name."""
    storage = form.file.data
    if storage is not None and getattr(storage, "filename", ""):
        # One byte over the limit is enough for the size check to say "too large".
        return storage.read(_max_upload_bytes() + 1), storage.filename
    return (form.text.data or "").encode("utf-8"), None


@bp.route("/upload", methods=["GET", "POST"])
@instructor_required
def upload() -> str | Response | tuple[str, int]:
    form = UploadForm()
    if request.method == "GET":
        form.set_name.data = request.args.get("set", "")[:200]
    errors: list[str] = []
    filename = None
    if form.validate_on_submit():
        data, filename = _read_upload(form)
        try:
            draft = imports.create_draft(
                db.session,
                owner=current_user,
                data=data,
                filename=filename,
                now=now(),
                format=form.format.data or None,
                set_name=form.set_name.data,
                public=bool(form.public.data),
                max_bytes=_max_upload_bytes(),
            )
        except imports.UploadRejected as rejected:
            errors = rejected.messages
        else:
            return redirect(url_for("instructor.draft", token=draft.token))
    elif form.is_submitted():
        errors = [f"{form[name].label.text}: {' '.join(m)}" for name, m in form.errors.items()]
    return _upload_page(form, errors, filename, 400 if errors else 200)


def _draft_page(token: str, *, errors: list[str] | None = None, status: int = 200):
    def file_url(sha256: str, name: str) -> str:
        return url_for("instructor.draft_file", token=token, sha256=sha256, name=name)

    try:
        view = imports.preview(
            db.session, token=token, owner=current_user, now=now(), file_url=file_url
        )
    except imports.DraftExpired as expired:
        flash(expired.message, "warning")
        return redirect(url_for("instructor.upload"))
    page = render_template(
        "instructor/preview.html",
        view=view,
        confirm_form=ConfirmForm(),
        discard_form=DiscardForm(),
        columns_form=ColumnsForm(),
        errors=errors or [],
    )
    return page, status


@bp.get("/uploads/<token>")
@instructor_required
def draft(token: str):
    return _draft_page(token)


@bp.get("/uploads/<token>/files/<sha256>/<path:name>")
@instructor_required
def draft_file(token: str, sha256: str, name: str) -> Response:
    """An image of the upload, for its owner's preview (``media.file`` once saved)."""
    served = imports.draft_file(
        db.session, token=token, owner=current_user, sha256=sha256, now=now()
    )
    return send_media(served)


@bp.post("/uploads/<token>/columns")
@instructor_required
def columns(token: str):
    form = ColumnsForm()
    if not form.validate_on_submit():
        flash("The form expired. Please choose the columns again.", "warning")
        return redirect(url_for("instructor.draft", token=token))
    roles = [request.form.get(f"role-{index}", "") for index in range(imports.MAX_COLUMNS)]
    count = sum(1 for name in request.form if name.startswith("role-"))
    try:
        imports.reread(
            db.session,
            token=token,
            owner=current_user,
            roles=roles[:count],
            header=request.form.get("header") == "1",
            now=now(),
            max_bytes=_max_upload_bytes(),
        )
    except ServiceError as error:
        if error.status != 400:
            raise
        return _draft_page(token, errors=[error.message], status=400)
    except imports.UploadRejected as rejected:
        return _draft_page(token, errors=rejected.messages, status=400)
    return redirect(url_for("instructor.draft", token=token, _anchor="columns"))


def _outcome_message(outcome: SetOutcome) -> str:
    if outcome.created and not outcome.added:
        return f'Saved the new set "{outcome.name}" with its flashcards.'
    if outcome.created:
        total = outcome.added
        return f'Saved the new set "{outcome.name}" with {total} question{"s" * (total != 1)}.'
    if not (outcome.added or outcome.updated or outcome.removed):
        return f'"{outcome.name}" is unchanged: the upload holds the same questions.'
    return (
        f'Saved version {outcome.version} of "{outcome.name}": {outcome.added} added, '
        f"{outcome.updated} updated, {outcome.removed} removed, {outcome.unchanged} unchanged."
    )


@bp.post("/uploads/<token>/confirm")
@instructor_required
def confirm(token: str):
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash("The form expired. Please confirm again.", "warning")
        return redirect(url_for("instructor.draft", token=token))
    try:
        outcomes = imports.confirm(
            db.session,
            token=token,
            owner=current_user,
            now=now(),
            include_skipped=form.include_skipped.data == "1",
        )
    except ServiceError as error:
        if error.status != 400:
            raise
        return _draft_page(token, errors=[error.message], status=400)
    for outcome in outcomes:
        flash(_outcome_message(outcome), "success")
    if len(outcomes) == 1:
        return redirect(url_for("instructor.set_page", set_id=outcomes[0].set_id))
    return redirect(url_for("instructor.index"))


@bp.post("/uploads/<token>/discard")
@instructor_required
def discard(token: str) -> Response:
    form = DiscardForm()
    if form.validate_on_submit():
        imports.discard(db.session, token=token, owner=current_user, now=now())
        flash("The upload was discarded; nothing was saved.", "info")
    return redirect(url_for("instructor.upload"))


# ----------------------------------------------------------------------------- sets


def _set_page(set_id: int, *, rename_form: RenameForm | None = None, status: int = 200):
    detail = set_admin.set_detail(db.session, set_id=set_id, user=current_user)
    if rename_form is None:
        rename_form = RenameForm(formdata=None, name=detail.question_set.name)
    visibility_form = VisibilityForm(formdata=None, public="0" if detail.public else "1")
    return (
        render_template(
            "instructor/set.html",
            detail=detail,
            rename_form=rename_form,
            visibility_form=visibility_form,
            formats=[FORMATS[name] for name in set_admin.EXPORT_FORMATS],
            options=set_admin.QuizOptions.of(detail.question_set),
            feedback_modes=quizzes.FEEDBACK_MODES,
        ),
        status,
    )


@bp.get("/sets/<int:set_id>")
@instructor_required
def set_page(set_id: int):
    return _set_page(set_id)


@bp.post("/sets/<int:set_id>/rename")
@instructor_required
def rename(set_id: int):
    form = RenameForm()
    if form.validate_on_submit():
        try:
            target = set_admin.rename(
                db.session, set_id=set_id, user=current_user, name=form.name.data, now=now()
            )
        except ServiceError as error:
            if error.status != 400:
                raise
            form.name.errors = [*form.name.errors, error.message]
        else:
            flash(f'The set is now named "{target.name}".', "success")
            return redirect(url_for("instructor.set_page", set_id=set_id))
    return _set_page(set_id, rename_form=form, status=400)


@bp.post("/sets/<int:set_id>/visibility")
@instructor_required
def visibility(set_id: int) -> Response:
    form = VisibilityForm()
    if form.validate_on_submit():
        public = form.public.data == "1"
        target = set_admin.set_visibility(
            db.session, set_id=set_id, user=current_user, public=public, now=now()
        )
        if public:
            flash(f'"{target.name}" is public: every student can see it.', "success")
        else:
            flash(f'"{target.name}" is private: only you (and your courses) see it.', "success")
    return redirect(url_for("instructor.set_page", set_id=set_id))


@bp.route("/sets/<int:set_id>/options", methods=["GET", "POST"])
@instructor_required
def options(set_id: int):
    detail = set_admin.set_detail(db.session, set_id=set_id, user=current_user)
    current = set_admin.QuizOptions.of(detail.question_set)
    form = QuizOptionsForm(data=None if request.method == "POST" else asdict(current))
    form.categories.choices = [SelectChoice(c, c) for c in detail.categories]
    errors: list[str] = []
    if form.validate_on_submit():
        wanted = set_admin.QuizOptions(
            question_count=form.question_count.data,
            categories=list(form.categories.data or ()) or None,
            shuffle_questions=bool(form.shuffle_questions.data),
            shuffle_choices=bool(form.shuffle_choices.data),
            time_limit_minutes=form.time_limit_minutes.data,
            feedback_mode=form.feedback_mode.data,
            attempts_allowed=form.attempts_allowed.data,
        )
        try:
            set_admin.update_quiz_options(
                db.session, set_id=set_id, user=current_user, options=wanted, now=now()
            )
        except ServiceError as error:
            if error.status != 400:
                raise
            errors = [error.message]
        else:
            flash("The quiz options are saved.", "success")
            return redirect(url_for("instructor.set_page", set_id=set_id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "instructor/options.html", detail=detail, form=form, errors=errors
    ), status


@bp.route("/sets/<int:set_id>/delete", methods=["GET", "POST"])
@instructor_required
def delete(set_id: int):
    form = DeleteForm()
    if form.validate_on_submit():
        name = set_admin.delete_set(db.session, set_id=set_id, user=current_user, now=now())
        flash(f'"{name}" is deleted. Attempts already taken keep their record.', "success")
        return redirect(url_for("instructor.index"))
    detail = set_admin.set_detail(db.session, set_id=set_id, user=current_user)
    return render_template("instructor/delete.html", detail=detail, form=form)


@bp.get("/sets/<int:set_id>/download/<format_name>")
@login_required
def download(set_id: int, format_name: str) -> Response:
    export = set_admin.export_set(db.session, set_id=set_id, user=current_user, format=format_name)
    return send_download(export)


@bp.get("/sets/<int:set_id>/deck.apkg")
@login_required
def deck(set_id: int) -> Response:
    """The Anki deck alone, by set id: what a "Download the deck" button for students needs."""
    return download(set_id, "apkg")


# ------------------------------------------------------------------- drafting from an article


def _decisions(form_data) -> dict[str, article_drafts.Decision]:
    """Per draft: kept or not, its edited text and answer (fields named after its id)."""
    ids = form_data.getlist("draft")
    return {
        draft_id: article_drafts.Decision(
            keep=form_data.get(f"keep-{draft_id}") == "on",
            prompt=form_data.get(f"prompt-{draft_id}", "")[:5000],
            answer=form_data.get(f"answer-{draft_id}", "")[:500],
        )
        for draft_id in ids[:1000]
    }


@bp.route("/drafts", methods=["GET", "POST"])
@instructor_required
def draft_article():
    """Propose questions from an article; the instructor keeps, edits or drops each one.

    Step two sends back the article, the limits its drafts were proposed with (``shown_*``)
    and a decision per draft: "Preview" keeps them, "Propose again" drafts with the new
    limits, keeping the decisions on the drafts that come back."""
    form = DraftArticleForm()
    choosing = request.form.get("step") == "choose"
    shown = article_drafts.Limits.read(
        request.form.get("shown_per_sentence"), request.form.get("shown_per_entity")
    )
    limits = shown if choosing else article_drafts.Limits()
    proposals, problems, errors = [], {}, []
    try:
        if form.validate_on_submit():
            if choosing and "again" not in request.form:
                chosen, problems = article_drafts.choose(
                    form.text.data, form.set_name.data, _decisions(request.form), shown
                )
                if not problems:
                    draft = article_drafts.save_for_preview(
                        db.session, owner=current_user, question_set=chosen, now=now()
                    )
                    return redirect(url_for("instructor.draft", token=draft.token))
            else:
                limits = article_drafts.Limits(form.per_sentence.data, form.per_entity.data)
            proposals = article_drafts.propose(form.text.data, limits)
        elif choosing:  # a field to fix beside the drafts, which stay as they were shown
            proposals = article_drafts.propose(form.text.data or "", shown)
    except imports.UploadRejected as rejected:
        errors = rejected.messages
    except ServiceError as error:
        errors = [error.message]
    status = 400 if errors or problems or form.errors else 200
    decisions = _decisions(request.form) if choosing else {}
    return (
        render_template(
            "instructor/drafts.html",
            form=form,
            proposals=proposals,
            limits=limits,
            problems=problems,
            errors=errors,
            decisions=decisions,
            note=article_drafts.note(),
        ),
        status,
    )
