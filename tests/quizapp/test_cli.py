"""The ``quizapp user`` commands."""

from __future__ import annotations

import re

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import User


def _user(app, email):
    with app.app_context():
        return db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()


def test_user_create_with_password_from_stdin(app, runner):
    result = runner.invoke(
        args=["user", "create", "teacher@example.com", "--role", "instructor", "--password-stdin"],
        input="a long password\n",
    )
    assert result.exit_code == 0, result.output
    user = _user(app, "teacher@example.com")
    assert user.role == "instructor"
    assert "a long password" not in user.password_hash


def test_user_create_with_prompt(app, runner):
    result = runner.invoke(
        args=["user", "create", "s@example.com"], input="a long password\na long password\n"
    )
    assert result.exit_code == 0, result.output
    assert _user(app, "s@example.com").role == "student"


def test_user_create_refuses_weak_password_and_duplicates(app, runner):
    weak = runner.invoke(args=["user", "create", "s@example.com", "--password-stdin"], input="x\n")
    assert weak.exit_code != 0
    assert "at least 10 characters" in weak.output
    common = runner.invoke(
        args=["user", "create", "s@example.com", "--password-stdin"], input="password1234\n"
    )
    assert common.exit_code != 0
    assert "too easy to guess" in common.output
    assert _user(app, "s@example.com") is None
    runner.invoke(
        args=["user", "create", "s@example.com", "--password-stdin"], input="a long password\n"
    )
    again = runner.invoke(
        args=["user", "create", "S@example.com", "--password-stdin"], input="a long password\n"
    )
    assert again.exit_code != 0
    assert "cannot be created with that email" in again.output


def test_set_role_and_list(app, runner, factories):
    user = factories.user()
    result = runner.invoke(args=["user", "set-role", user.email, "instructor"])
    assert result.exit_code == 0, result.output
    assert _user(app, user.email).role == "instructor"
    listing = runner.invoke(args=["user", "list"])
    assert f"{user.email}\tinstructor" in listing.output


def test_set_role_of_unknown_user_fails_cleanly(runner):
    result = runner.invoke(args=["user", "set-role", "ghost@example.com", "instructor"])
    assert result.exit_code != 0
    assert "No account" in result.output


def test_reset_password_prints_a_one_time_link(app, runner, factories):
    user = factories.user()
    result = runner.invoke(args=["user", "reset-password", user.email.upper()])
    assert result.exit_code == 0, result.output
    path = re.search(r"(/auth/reset/\S+)", result.output).group(1)
    assert "works once" in result.output
    client = app.test_client()
    assert client.get(path).status_code == 200
    new_password = "a brand new passphrase"
    done = client.post(path, data={"password": new_password, "confirm": new_password})
    assert done.status_code == 302
    assert client.get(path).status_code == 400  # spent
    login = client.post("/auth/login", data={"email": user.email, "password": new_password})
    assert login.status_code == 302


def test_reset_password_from_stdin_ends_the_sessions(app, runner, factories, auth, client):
    user = factories.user()
    auth.login(user.email)
    assert client.get("/auth/account").status_code == 200
    result = runner.invoke(
        args=["user", "reset-password", user.email, "--password-stdin"],
        input="another long password\n",
    )
    assert result.exit_code == 0, result.output
    assert client.get("/auth/account").status_code == 302  # the old session is over
    assert auth.login(user.email, "another long password").status_code == 302


def test_reset_password_of_unknown_user_fails_cleanly(runner):
    result = runner.invoke(args=["user", "reset-password", "ghost@example.com"])
    assert result.exit_code != 0
    assert "No account" in result.output
