from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from quizapp.services.accounts import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH


class RegisterForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField(
        "Password",
        validators=[
            DataRequired(),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=MAX_PASSWORD_LENGTH,
                message=f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.",
            ),
        ],
        description=f"At least {MIN_PASSWORD_LENGTH} characters.",
    )
    confirm = PasswordField(
        "Repeat the password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )
    submit = SubmitField("Create account")


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])
    remember = BooleanField("Keep me logged in")
    submit = SubmitField("Log in")


class LogoutForm(FlaskForm):
    submit = SubmitField("Log out")
