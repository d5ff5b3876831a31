"""Flashcard review with spaced repetition, and the learner's progress.

Without JavaScript every action is a plain form post followed by a redirect; with it,
``static/review.js`` drives the same page through the JSON API and never reloads it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from quizapp import charts
from quizapp.blueprints.review.forms import AnswerForm, CardActionForm, SettingsForm, UndoForm
from quizapp.extensions import db
from quizapp.models import User
from quizapp.services import progress, reviews
from quizapp.services.errors import ServiceError
from quizapp.services.ids import parse_id
from quizapp.web import now

bp = Blueprint("review", __name__, url_prefix="/review")


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def when(moment: datetime | None, user: User, reference: datetime) -> str:
    return reviews.describe_when(moment, user, reference)


def local_time(moment: datetime | None, user: User) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(reviews.zone_of(user))
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M}"


def _scope_url(scope: str | None, **args: Any) -> str:
    scope = (scope or "").strip()
    if scope.startswith("card:") and scope[5:].isdigit():
        return url_for("review.card", card_id=int(scope[5:]))
    if scope.isdigit():
        return url_for("review.study", set_id=int(scope), **args)
    return url_for("review.study_all", **args)


# ------------------------------------------------------------------------------ pages


@bp.get("/")
@login_required
def index() -> str:
    user = _user()
    overview = reviews.study_overview(db.session, user, now=now())
    return render_template("review/index.html", overview=overview)


@bp.get("/sets/<int:set_id>")
@login_required
def study(set_id: int) -> str:
    return _study_page(set_id)


@bp.get("/all")
@login_required
def study_all() -> str:
    return _study_page(None)


def _study_page(set_id: int | None) -> str:
    moment = now()
    screen = reviews.study_screen(
        db.session, _user(), now=moment, set_id=set_id, card_id=parse_id(request.args.get("card"))
    )
    shown = screen.shown
    return render_template(
        "review/study.html",
        question_set=screen.question_set,
        shown=shown,
        source=(shown.card.data or {}).get("source") if shown else None,
        next_due_text=screen.next_due_text,
        scope=str(set_id) if set_id else "all",
        review_id=uuid.uuid4().hex,
        shown_at=int(moment.timestamp() * 1000),
        leech_message=reviews.LEECH_MESSAGE,
    )


@bp.post("/answer")
@login_required
def answer() -> Response:
    form = AnswerForm()
    target = _scope_url(form.scope.data)
    if not form.validate_on_submit():
        flash("That answer could not be read. Please try again.", "error")
        return redirect(target)
    moment = now()
    try:
        result = reviews.review(
            db.session,
            _user(),
            card_id=form.card_id.data,
            rating=form.rating.data,
            now=moment,
            review_id=form.review_id.data or None,
            duration_ms=reviews.duration_from_page(form.shown_at.data, moment),
            expected_version=form.version.data,
        )
    except ServiceError as error:
        flash(error.message, "warning")
        return redirect(target)
    if result.leech:
        flash(reviews.LEECH_MESSAGE, "warning")
    return redirect(target)


@bp.post("/undo")
@login_required
def undo() -> Response:
    form = UndoForm()
    target = _scope_url(form.scope.data)
    if not form.validate_on_submit():
        return redirect(target)
    try:
        undone = reviews.undo_last(db.session, _user(), now=now())
    except ServiceError as error:
        flash(error.message, "warning")
        return redirect(target)
    flash(undone.message, "info")
    return redirect(_scope_url(form.scope.data, card=undone.card_id))


_ACTIONS = {
    "suspend": (reviews.set_suspended, "suspended", ("Card suspended.", "Card unsuspended.")),
    "bury": (reviews.set_buried, "buried", ("Card buried until tomorrow.", "Card unburied.")),
    "flag": (reviews.set_flagged, "flagged", ("Card flagged.", "Flag removed.")),
}


@bp.post("/cards/<int:card_id>/<any(suspend, bury, flag):action>")
@login_required
def card_action(card_id: int, action: str) -> Response:
    form = CardActionForm()
    target = _scope_url(form.scope.data)
    if not form.validate_on_submit():
        flash("That action could not be read. Please try again.", "error")
        return redirect(target)
    service, argument, (done, undone) = _ACTIONS[action]
    value = bool(form.value.data)
    try:
        service(db.session, _user(), card_id=card_id, now=now(), **{argument: value})
    except ServiceError as error:
        flash(error.message, "warning")
        return redirect(target)
    flash(done if value else undone, "info")
    return redirect(target)


@bp.get("/cards/<int:card_id>")
@login_required
def card(card_id: int) -> str:
    user, moment = _user(), now()
    history = progress.card_history(db.session, user, card_id, now=moment)
    return render_template(
        "review/card.html",
        history=history,
        flags=history.flags,
        local_time=lambda value: local_time(value, user),
        when=lambda value: when(value, user, moment),
    )


@bp.get("/progress", endpoint="progress")
@login_required
def progress_page() -> str:
    user, moment = _user(), now()
    figures = progress.overview(db.session, user, now=moment)
    return render_template(
        "review/progress.html",
        figures=figures,
        heatmap_svg=charts.heatmap(figures.heatmap),
        forecast_svg=charts.forecast_bars(figures.forecast),
        share_bar=charts.share_bar,
        when=lambda value: when(value, user, moment),
        zone=user.timezone,
    )


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings() -> str | Response | tuple[str, int]:
    user = _user()
    form = SettingsForm(
        data=reviews.settings_of(user).as_dict() if request.method == "GET" else None
    )
    if form.validate_on_submit():
        try:
            reviews.update_settings(db.session, user, form.values(), now=now())
        except reviews.SettingsInvalid as invalid:
            for name, message in invalid.errors.items():
                field = getattr(form, name, None)
                if field is not None:
                    field.errors = [*field.errors, message]
            return _settings_page(form, user), 400
        flash("Your settings are saved. They apply from each card's next review.", "success")
        return redirect(url_for("review.settings"))
    status = 400 if form.is_submitted() else 200
    return _settings_page(form, user), status


def _settings_page(form: SettingsForm, user: User) -> str:
    return render_template(
        "review/settings.html", form=form, user=user, workload=reviews.workload_of(user)
    )
