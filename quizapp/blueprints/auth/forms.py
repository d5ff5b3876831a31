from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from quizapp.services.accounts import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

#: The length and strength rules live in the accounts service, which says what is wrong
#: (too short, too long, too common); the forms only ask for something to be typed.
PASSWORD_HELP = (
    f"At least {MIN_PASSWORD_LENGTH} characters, and hard to guess: a few uncommon words work well."
)


def _new_password(label: str = "Password") -> PasswordField:
    return PasswordField(label, validators=[DataRequired()], description=PASSWORD_HELP)


def _confirm() -> PasswordField:
    return PasswordField(
        "Repeat the password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )


def _browser_zone() -> HiddenField:
    """The browser's time zone (``static/zone.js`` fills it in): the new account shows
    times in it.  Empty without JavaScript (then UTC, to change in the settings)."""
    return HiddenField(render_kw={"data-browser-zone": ""}, validators=[Length(max=64)])


class RegisterForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = _new_password()
    confirm = _confirm()
    timezone = _browser_zone()
    submit = SubmitField("Create account")


class SignupEmailForm(FlaskForm):
    """Sign-up when the site sends mail: the address first, the password after the link."""

    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    submit = SubmitField("Send me a sign-up link")


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField(
        "Password", validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)]
    )
    remember = BooleanField("Keep me logged in")
    submit = SubmitField("Log in")


class LogoutForm(FlaskForm):
    submit = SubmitField("Log out")


class LogoutEverywhereForm(FlaskForm):
    submit = SubmitField("Log out everywhere")


class NewPasswordForm(FlaskForm):
    """Choosing a password from a link: a reset, or the end of a mailed sign-up."""

    password = _new_password("New password")
    confirm = _confirm()
    submit = SubmitField("Save the password")


class FinishSignupForm(NewPasswordForm):
    """The end of a mailed sign-up: the password, and where the person is."""

    timezone = _browser_zone()


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        "Current password", validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)]
    )
    password = _new_password("New password")
    confirm = _confirm()
    submit = SubmitField("Change the password")


class ResetRequestForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    submit = SubmitField("Send me a reset link")


TOKEN_DAYS = {"7": "7 days", "30": "30 days", "90": "90 days", "365": "a year"}


class TokenForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[Length(max=100)],
        description="What the token is for, e.g. the script or device that uses it.",
    )
    days = SelectField(
        "Expires after",
        choices=[SelectChoice(days, label) for days, label in TOKEN_DAYS.items()],
        default="30",
    )
    submit = SubmitField("Create a token")


class RevokeForm(FlaskForm):
    submit = SubmitField("Revoke")


class TimeZoneForm(FlaskForm):
    """The offer to show times in the browser's zone (``static/zone.js``)."""

    timezone = HiddenField(render_kw={"data-browser-zone": ""}, validators=[DataRequired()])
    submit = SubmitField("Use it")
