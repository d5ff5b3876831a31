"""The ``quizapp user`` commands."""

from __future__ import annotations

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
    assert "at least 8 characters" in weak.output
    assert _user(app, "s@example.com") is None
    runner.invoke(
        args=["user", "create", "s@example.com", "--password-stdin"], input="long enough\n"
    )
    again = runner.invoke(
        args=["user", "create", "s@example.com", "--password-stdin"], input="long enough\n"
    )
    assert again.exit_code != 0
    assert "already exists" in again.output


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
