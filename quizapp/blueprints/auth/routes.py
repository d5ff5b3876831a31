"""Sign up, log in, log out.  The account pages are in ``account.py``, the password reset
in ``reset.py``; all three share this blueprint."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from quizapp import mail
from quizapp.blueprints.auth.forms import (
    FinishSignupForm,
    LoginForm,
    LogoutForm,
    RegisterForm,
    SignupEmailForm,
)
from quizapp.blueprints.auth.redirects import safe_next
from quizapp.extensions import db
from quizapp.limits import credential_limits
from quizapp.models import User
from quizapp.services import accounts
from quizapp.services.errors import Conflict, ServiceError
from quizapp.web import hash_settings, now, session_lifetimes, user_agent

bp = Blueprint("auth", __name__, url_prefix="/auth")


def enter(user: User, *, remember: bool = False) -> None:
    """Put a freshly opened login session in this browser's cookies.  The old session's
    contents go, its CSRF token with them: a new one is made for the logged-in session."""
    session.clear()
    login_user(user, remember=remember, duration=current_app.config["REMEMBER_COOKIE_DURATION"])


def show_error(form: FlaskForm, error: ServiceError, *, default_field: str = "email") -> None:
    """A service's refusal under the field it is about."""
    field_name = {"weak_password": "password", "wrong_password": "current"}.get(
        error.code, default_field
    )
    field = getattr(form, field_name, None) or form.password
    field.errors = [*field.errors, error.message]


#: The session key that tells the home page it greets a new account (read once).
NEW_ACCOUNT = "new_account"


def _welcome(user: User) -> Response:
    """Log the new account in and greet it on the home page (not as "Welcome back")."""
    enter(user)
    session[NEW_ACCOUNT] = True
    return redirect(url_for("main.index"))


# ------------------------------------------------------------------------------ sign up


@bp.route("/register", methods=["GET", "POST"])
@credential_limits(count="every")
def register() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    if mail.mail_enabled():
        return _register_by_mail()
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.sign_up(
                db.session,
                email=form.email.data or "",
                password=form.password.data or "",
                now=now(),
                hashing=hash_settings(),
                lifetimes=session_lifetimes(),
                user_agent=user_agent(),
                timezone=form.timezone.data,
            )
        except ServiceError as error:
            show_error(form, error)
        else:
            return _welcome(user)
    status = 400 if form.is_submitted() else 200
    return render_template("auth/register.html", form=form), status  # type: ignore[return-value]


def _register_by_mail() -> str | Response:
    """Every address gets the same answer; the mail says what comes next (signup.py)."""
    form = SignupEmailForm()
    if form.validate_on_submit():
        try:
            accounts.request_signup(
                db.session,
                email=form.email.data or "",
                now=now(),
                lifetime=current_app.config["SIGNUP_LINK_LIFETIME"],
                secret_key=current_app.config["SECRET_KEY"],
                signup_link=lambda token: mail.link("auth.finish_signup", token=token),
                login_link=mail.link("auth.login"),
                reset_link=mail.link("auth.reset_request"),
                send=mail.smtp_sender(),
            )
        except accounts.MailNotSent:
            current_app.logger.exception("Sign-up mail to %s was not sent", form.email.data)
        except ServiceError as error:
            show_error(form, error)
        if not form.errors:
            return render_template("auth/check_email.html", purpose="signup")
    status = 400 if form.is_submitted() else 200
    return render_template("auth/register.html", form=form), status  # type: ignore[return-value]


@bp.route("/register/<token>", methods=["GET", "POST"])
@credential_limits(count="every")
def finish_signup(token: str) -> str | Response:
    if not mail.mail_enabled():
        abort(404)
    lifetime = current_app.config["SIGNUP_LINK_LIFETIME"]
    secret_key = current_app.config["SECRET_KEY"]
    try:
        email = accounts.signup_email(token, now=now(), lifetime=lifetime, secret_key=secret_key)
    except ServiceError as error:
        return render_template("auth/link_invalid.html", message=error.message), 400  # type: ignore[return-value]
    form = FinishSignupForm()
    if form.validate_on_submit():
        try:
            user = accounts.complete_signup(
                db.session,
                token=token,
                password=form.password.data or "",
                now=now(),
                lifetime=lifetime,
                secret_key=secret_key,
                hashing=hash_settings(),
                lifetimes=session_lifetimes(),
                user_agent=user_agent(),
                timezone=form.timezone.data,
            )
        except Conflict:
            flash("Your account already exists: log in.", "info")
            return redirect(url_for("auth.login"))
        except ServiceError as error:
            show_error(form, error, default_field="password")
        else:
            return _welcome(user)
    status = 400 if form.is_submitted() else 200
    page = render_template("auth/finish_signup.html", form=form, email=email)
    return page, status  # type: ignore[return-value]


# ------------------------------------------------------------------------ log in / out


@bp.route("/login", methods=["GET", "POST"])
@credential_limits(count="failures")
def login() -> str | Response:
    # Decided before anything happens, so no ?next= can fail a login half-way.
    target = safe_next(request.args.get("next"), url_for("main.index"))
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        remember = bool(form.remember.data)
        try:
            user = accounts.log_in(
                db.session,
                email=form.email.data or "",
                password=form.password.data or "",
                remember=remember,
                now=now(),
                hashing=hash_settings(),
                lifetimes=session_lifetimes(),
                user_agent=user_agent(),
            )
        except ServiceError as error:
            form.password.errors = [*form.password.errors, error.message]
        else:
            enter(user, remember=remember)
            return redirect(target)
    status = 401 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status  # type: ignore[return-value]


@bp.post("/logout")
@login_required
def logout() -> Response:
    """Ends this login session on the server: its cookies are refused from now on."""
    form = LogoutForm()
    if form.validate_on_submit():
        accounts.log_out(db.session, current_user.login_session_id)
        session.clear()
        logout_user()  # after clear(): it leaves the note that deletes the remember-me cookie
        flash("You are logged out.", "info")
    return redirect(url_for("main.index"))


from quizapp.blueprints.auth import account, reset  # noqa: E402,F401
