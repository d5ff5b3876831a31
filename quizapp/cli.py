"""The ``quizapp`` command: ``flask --app quizapp`` with the project's own commands."""

from __future__ import annotations

import sys

import click
from flask import Flask, url_for
from flask.cli import FlaskGroup, with_appcontext

from quizapp.extensions import db
from quizapp.services import accounts, question_sets
from quizapp.services.errors import ServiceError
from quizapp.web import hash_settings, now


def _create_app() -> Flask:
    from quizapp import create_app

    return create_app()


main = FlaskGroup(create_app=_create_app, help="quizapp: quizzes and flashcards from articles.")


def register(app: Flask) -> None:
    from quizapp import cli_sets, cli_srs

    app.cli.add_command(user_group)
    app.cli.add_command(bank_group)
    cli_sets.register(app)
    cli_srs.register(app)


# ------------------------------------------------------------------------------ users

user_group = click.Group("user", help="Create accounts, change roles, list accounts.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@user_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(["student", "instructor"]), default="student")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def user_create(email: str, role: str, password_stdin: bool) -> None:
    """Create an account with EMAIL."""
    password = _read_password(password_stdin)
    try:
        user = accounts.create_user(
            db.session,
            email=email,
            password=password,
            role=role,
            now=now(),
            hashing=hash_settings(),
        )
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Created {user.role} {user.email}.")


@user_group.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(["student", "instructor"]))
@with_appcontext
def user_set_role(email: str, role: str) -> None:
    """Make EMAIL a student or an instructor."""
    try:
        user = accounts.set_role(db.session, email=email, role=role)
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"{user.email} is now {user.role}.")


@user_group.command("reset-password")
@click.argument("email")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Set the password read from standard input instead of printing a reset link.",
)
@with_appcontext
def user_reset_password(email: str, password_stdin: bool) -> None:
    """Give EMAIL a one-time reset link (for sites without mail), or set a password.

    Either way every login session of the account ends."""
    from flask import current_app

    try:
        if password_stdin:
            user = accounts.set_password(
                db.session,
                email=email,
                password=_read_password(True),
                now=now(),
                hashing=hash_settings(),
            )
            click.echo(f"The password of {user.email} is changed; its sessions are ended.")
            return
        lifetime = current_app.config["RESET_TOKEN_LIFETIME"]
        user, secret = accounts.create_reset_link(
            db.session, email=email, now=now(), lifetime=lifetime
        )
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    with current_app.test_request_context():
        path = url_for("auth.reset_password", token=secret)
    base = current_app.config.get("BASE_URL") or ""
    minutes = int(lifetime.total_seconds() // 60)
    click.echo(f"Give {user.email} this link (it works once, for {minutes} minutes):")
    click.echo(f"{base}{path}")
    if not base:
        click.echo("(Put the site's address in front; QUIZAPP_BASE_URL does it.)", err=True)


@user_group.command("list")
@with_appcontext
def user_list() -> None:
    """List every account."""
    for user in accounts.list_users(db.session):
        click.echo(f"{user.id}\t{user.email}\t{user.role}")


# ------------------------------------------------------------------------------- bank

bank_group = click.Group("bank", help="The built-in question banks.")


@bank_group.command("load")
@with_appcontext
def bank_load() -> None:
    """Load (or update) the article's question bank.  Running it twice changes nothing."""
    from question_bank import article

    report = question_sets.load_builtin(
        db.session,
        article.load_bank(),
        key=question_sets.ARTICLE_BANK_KEY,
        now=now(),
        category_order=article.CATEGORIES,
    )
    verb = "Created" if report.created else "Updated"
    click.echo(
        f"{verb} the article bank: {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged."
    )


@bank_group.command("draft")
@click.argument("article_file", type=click.File("r", encoding="utf-8-sig"))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["gift", "json"]),
    default="gift",
    help="GIFT (easy to edit, then `quizapp import`) or quizapp JSON.",
)
@click.option("--name", default=None, help="The draft set's name (default: the file's name).")
@click.option(
    "--per-sentence",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Drafts per sentence at most (0: no limit).",
)
@click.option(
    "--per-entity",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Drafts per name, date, number or term at most (0: no limit).",
)
def bank_draft(
    article_file, output_format: str, name: str | None, per_sentence: int, per_entity: int
) -> None:
    """Propose draft questions from a plain-text ARTICLE_FILE, for an instructor to edit."""
    from pathlib import Path

    from question_bank import drafting
    from question_bank.formats import gift, json_format
    from question_bank.sets import QuestionSet as BankSet

    text = article_file.read()
    if drafting.fallback_note():
        click.echo(drafting.fallback_note(), err=True)
    limits = {"per_sentence": per_sentence or None, "per_entity": per_entity or None}
    drafts = drafting.draft_questions(text, **limits)
    if not drafts:
        raise click.ClickException("No sentence with a date, a figure or a name was found.")
    set_name = name or Path(article_file.name).stem or "Draft questions"
    cards = tuple(drafting.draft_cards(text, **limits))  # one flashcard per draft (NLP drafter)
    draft_set = BankSet(
        name=set_name, description="Drafts to review", questions=tuple(drafts), cards=cards
    )
    writer = gift.dump if output_format == "gift" else json_format.dump
    click.echo(writer(draft_set))
    click.echo(f"{len(drafts)} draft questions proposed.", err=True)
