"""Forgotten password: ask for a link by mail, then choose a new password with it."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_login import logout_user
from werkzeug.wrappers import Response

from quizapp import mail
from quizapp.blueprints.auth.forms import NewPasswordForm, ResetRequestForm
from quizapp.blueprints.auth.routes import bp, show_error
from quizapp.extensions import db
from quizapp.limits import credential_limits
from quizapp.services import accounts
from quizapp.services.accounts.resets import LINK_NOT_VALID
from quizapp.services.errors import ServiceError
from quizapp.web import hash_settings, now


@bp.route("/reset", methods=["GET", "POST"])
@credential_limits(count="every")
def reset_request() -> str | Response:
    """The same answer for every address; only an account's owner gets mail."""
    form = ResetRequestForm()
    if not mail.mail_enabled():
        status = 400 if form.is_submitted() else 200
        return render_template("auth/reset_request.html", form=None), status  # type: ignore[return-value]
    if form.validate_on_submit():
        try:
            accounts.request_password_reset(
                db.session,
                email=form.email.data or "",
                now=now(),
                lifetime=current_app.config["RESET_TOKEN_LIFETIME"],
                link_for=lambda secret: mail.link("auth.reset_password", token=secret),
                send=mail.smtp_sender(),
            )
        except accounts.MailNotSent:
            current_app.logger.exception("Password-reset mail was not sent")
        return render_template("auth/check_email.html", purpose="reset")
    status = 400 if form.is_submitted() else 200
    return render_template("auth/reset_request.html", form=form), status  # type: ignore[return-value]


@bp.route("/reset/<token>", methods=["GET", "POST"])
@credential_limits(count="failures")
def reset_password(token: str) -> str | Response:
    email = accounts.reset_link_email(db.session, token, now())
    if email is None:
        return render_template("auth/link_invalid.html", message=LINK_NOT_VALID), 400  # type: ignore[return-value]
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.reset_password(
                db.session,
                secret=token,
                password=form.password.data or "",
                now=now(),
                hashing=hash_settings(),
            )
        except ServiceError as error:
            show_error(form, error, default_field="password")
        else:
            session.clear()
            logout_user()
            flash("Your password is changed. Log in with it.", "success")
            return redirect(url_for("auth.login"))
    status = 400 if form.is_submitted() else 200
    page = render_template("auth/reset_password.html", form=form, email=email)
    return page, status  # type: ignore[return-value]
