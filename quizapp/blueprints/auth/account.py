"""The account pages: sessions, log out everywhere, password change, API tokens."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response

from quizapp.blueprints.auth.forms import (
    TOKEN_DAYS,
    ChangePasswordForm,
    LogoutEverywhereForm,
    RevokeForm,
    TimeZoneForm,
    TokenForm,
)
from quizapp.blueprints.auth.redirects import safe_next
from quizapp.blueprints.auth.routes import bp, enter, show_error
from quizapp.extensions import db
from quizapp.limits import credential_limits
from quizapp.services import accounts, reviews
from quizapp.services.errors import ServiceError
from quizapp.web import hash_settings, now, session_lifetimes, user_agent


@bp.get("/account")
@login_required
def account() -> str:
    return render_template(
        "auth/account.html",
        sessions=accounts.list_sessions(db.session, current_user.id, now()),
        token_count=len(accounts.list_tokens(db.session, current_user.id, now())),
        everywhere_form=LogoutEverywhereForm(),
    )


@bp.post("/time-zone")
@login_required
def time_zone() -> Response:
    """The offer on every page (``static/zone.js``): show times in the browser's zone."""
    back = safe_next(request.form.get("next"), url_for("main.index"))
    form = TimeZoneForm()
    if not form.validate_on_submit():
        flash("That time zone could not be read. Choose yours in the settings.", "error")
        return redirect(url_for("review.settings"))
    try:
        chosen = reviews.update_settings(
            db.session,
            current_user._get_current_object(),
            {"timezone": form.timezone.data},
            now=now(),
        )
    except reviews.SettingsInvalid as invalid:
        flash(invalid.message, "error")
        return redirect(url_for("review.settings"))
    flash(
        f"Times are now shown in {chosen.timezone}; your study days follow it from the next "
        "4 a.m. there.",
        "info",
    )
    return redirect(back)


@bp.post("/logout-everywhere")
@login_required
def logout_everywhere() -> Response:
    """Every login session of the account on every device, and every API token."""
    form = LogoutEverywhereForm()
    if form.validate_on_submit():
        accounts.log_out_everywhere(db.session, current_user.id)
        session.clear()
        logout_user()
        flash("You are logged out on every device, and your API tokens are revoked.", "info")
        return redirect(url_for("main.index"))
    return redirect(url_for("auth.account"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
@credential_limits(count="failures")
def change_password() -> str | Response:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = accounts.change_password(
                db.session,
                current_user._get_current_object(),
                current_password=form.current.data or "",
                new_password=form.password.data or "",
                now=now(),
                hashing=hash_settings(),
                lifetimes=session_lifetimes(),
                user_agent=user_agent(),
            )
        except ServiceError as error:
            show_error(form, error, default_field="password")
        else:
            enter(user, remember=user.login_remember)
            flash("Your password is changed. Other devices are logged out.", "success")
            return redirect(url_for("auth.account"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/password.html", form=form), status  # type: ignore[return-value]


def _tokens_page(form: TokenForm, new_token: str | None = None, status: int = 200):
    tokens = accounts.list_tokens(db.session, current_user.id, now())
    page = render_template(
        "auth/tokens.html",
        form=form,
        tokens=tokens,
        new_token=new_token,
        revoke_form=RevokeForm(),
    )
    return page, status


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    """The API tokens: each shown once when made, then only its name and dates."""
    form = TokenForm()
    if not form.is_submitted():
        default = str(current_app.config["API_TOKEN_DAYS"])
        if default in TOKEN_DAYS:
            form.days.data = default
    if form.validate_on_submit():
        try:
            secret, _row = accounts.create_token(
                db.session,
                current_user._get_current_object(),
                name=form.name.data,
                days=int(form.days.data),
                now=now(),
            )
        except ServiceError as error:
            form.name.errors = [*form.name.errors, error.message]
        else:
            return _tokens_page(TokenForm(formdata=None), new_token=secret, status=201)
    return _tokens_page(form, status=400 if form.is_submitted() else 200)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int) -> Response:
    form = RevokeForm()
    if form.validate_on_submit():
        accounts.revoke_token(db.session, user_id=current_user.id, token_id=token_id)
        flash("The token is revoked: it no longer works.", "info")
    return redirect(url_for("auth.tokens"))
