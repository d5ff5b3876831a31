"""Register, log in, log out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from quizapp.blueprints.auth.forms import LoginForm, LogoutForm, RegisterForm
from quizapp.extensions import db, limiter
from quizapp.services import accounts
from quizapp.services.errors import ServiceError
from quizapp.web import hash_settings, now

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _login_limit() -> str:
    from flask import current_app

    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/register", methods=["GET", "POST"])
def register() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                db.session,
                email=form.email.data or "",
                password=form.password.data or "",
                now=now(),
                hashing=hash_settings(),
            )
        except ServiceError as error:
            form.email.errors = [*form.email.errors, error.message]
        else:
            login_user(user)
            flash("Welcome! Your account is ready.", "success")
            return redirect(url_for("main.index"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/register.html", form=form), status  # type: ignore[return-value]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(
                db.session,
                email=form.email.data or "",
                password=form.password.data or "",
                hashing=hash_settings(),
            )
        except ServiceError as error:
            form.password.errors = [*form.password.errors, error.message]
        else:
            login_user(user, remember=bool(form.remember.data))
            return redirect(_safe_next(request.args.get("next")))
    status = 401 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status  # type: ignore[return-value]


@bp.post("/logout")
@login_required
def logout() -> Response:
    form = LogoutForm()
    if form.validate_on_submit():
        logout_user()
        flash("You are logged out.", "info")
    return redirect(url_for("main.index"))


def _safe_next(target: str | None) -> str:
    """Only local paths: a crafted ?next= must not send people to another site."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/"):
            return target
    return url_for("main.index")
