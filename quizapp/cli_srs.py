"""``quizapp srs``: spaced-repetition maintenance.

* ``quizapp srs optimize EMAIL``: fit the learner's own FSRS parameters from their review
  log with fsrs's Optimizer.  It needs the optional extra (``pip install
  'quizapp[optimizer]'``, which brings torch, kept out of the default install) and at
  least 512 reviews it can learn from; otherwise it refuses and says why.
* ``quizapp srs replay-check``: replay every card's log from a new card and report any
  state that differs from the stored one (exit status 1 if any does).
"""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from quizapp.extensions import db
from quizapp.models import User
from quizapp.services import accounts, reviews
from quizapp.services.errors import ServiceError

srs_group = click.Group("srs", help="Spaced repetition: fit FSRS parameters, check the log.")


def _learner(email: str) -> User:
    user = accounts.find_user_by_email(db.session, email)
    if user is None:
        raise click.ClickException(f"No account with the email {email}.")
    return user


@srs_group.command("optimize")
@click.argument("email")
@with_appcontext
def optimize(email: str) -> None:
    """Fit EMAIL's FSRS parameters from their reviews; they are used from then on."""
    user = _learner(email)
    try:
        click.echo(f"Fitting FSRS parameters for {user.email} (this can take a minute)...")
        result = reviews.fit_parameters(db.session, user)
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    click.echo(
        f"Fitted from {result.usable} usable reviews ({result.reviews} in all); "
        f"{user.email}'s cards are scheduled with their own parameters from now on."
    )
    click.echo("Parameters: " + ", ".join(f"{p:.4f}" for p in result.parameters))


@srs_group.command("replay-check")
@click.option("--email", default=None, help="Check one learner only.")
@with_appcontext
def replay_check(email: str | None) -> None:
    """Replay every card's review log and compare with its stored schedule."""
    user_id = _learner(email).id if email else None
    checked, mismatches = reviews.replay_check(db.session, user_id=user_id)
    for mismatch in mismatches:
        click.echo(
            f"user {mismatch.user_id}, card {mismatch.card_id}: " + "; ".join(mismatch.problems)
        )
    if mismatches:
        raise click.ClickException(f"{len(mismatches)} of {checked} cards differ from their log.")
    click.echo(f"All {checked} cards replay to their stored state.")


def register(app: Flask) -> None:
    """Add this module's commands to the ``quizapp`` group."""
    app.cli.add_command(srs_group)
