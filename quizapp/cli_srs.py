"""``quizapp srs``: spaced-repetition maintenance.

* ``quizapp srs optimize EMAIL``: fit the learner's own FSRS parameters from their recall
  reviews with fsrs's Optimizer, check the fit on their latest reviews against the defaults
  and keep it only if it predicts them better (``reviews.optimizer``).  It needs the
  optional extra (``pip install 'quizapp[optimizer]'``, which brings torch) and 640 reviews
  it can learn from; otherwise it refuses and says why.
* ``quizapp srs replay-check``: replay every card's log from a new card and report any
  state that differs from the stored one (exit status 1 if any does).
* ``quizapp srs simulate --days N --seed S [--retention R] [--quiz-every D] [--json]``: a
  learner with a true memory studies the article bank through the real services, on a
  temporary database of its own with a moved clock (``quizapp.simulator``); prints the
  reviews per day, the total and the mean true recall at review.
* ``quizapp srs workload-table``: the simulations behind the settings page's workload
  table, written to ``quizapp/simulator/workload.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from quizapp.extensions import db
from quizapp.models import User
from quizapp.services import accounts, reviews
from quizapp.services.errors import ServiceError
from quizapp.web import now

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
    """Fit EMAIL's FSRS parameters from their recall reviews; used only if better."""
    user = _learner(email)
    try:
        click.echo(f"Fitting FSRS parameters for {user.email} (this can take a minute)...")
        result = reviews.fit_parameters(db.session, user, now=now())
    except ServiceError as error:
        raise click.ClickException(error.message) from error
    click.echo(
        f"Fitted on {result.train} of {result.usable} usable recall reviews "
        f"({result.reviews} log entries); checked on the latest {result.held_out}:"
    )
    for name, scores in (("fitted", result.fitted), ("defaults", result.defaults)):
        click.echo(f"  {name:8}  log loss {scores.log_loss:.4f}  RMSE {scores.rmse:.4f}")
    if result.adopted:
        click.echo(f"{user.email}'s cards are scheduled with their own parameters from now on.")
        click.echo("Parameters: " + ", ".join(f"{p:.4f}" for p in result.parameters or []))
    else:
        click.echo("The fit does not predict the latest reviews better: the defaults stay in use.")


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


@srs_group.command("simulate")
@click.option("--days", type=click.IntRange(1, 3650), default=60, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--retention",
    type=click.FloatRange(0.70, 0.99),
    default=0.90,
    show_default=True,
    help="The learner's desired retention.",
)
@click.option(
    "--quiz-every",
    type=click.IntRange(0, 365),
    default=0,
    show_default=True,
    help="Take the set's quiz every D days, in the evening (0: never).",
)
@click.option("--zone", default="Europe/Berlin", show_default=True, help="The learner's zone.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def simulate(days: int, seed: int, retention: float, quiz_every: int, zone: str, as_json: bool):
    """Simulate a learner studying the article bank every morning for DAYS days."""
    from quizapp.services.reviews import time_zones
    from quizapp.simulator import Plan
    from quizapp.simulator import simulate as run

    if zone not in time_zones():
        raise click.BadParameter(f"{zone!r} is not a time zone such as Europe/Paris.")
    outcome = run(
        Plan(days=days, seed=seed, retention=retention, quiz_every=quiz_every, zone=zone)
    ).as_dict()
    if as_json:
        click.echo(json.dumps(outcome, indent=2))
        return
    for day in outcome["reviews_per_day"]:
        quiz = f", {day['quiz_logs']} from a quiz" if day["quiz_logs"] else ""
        click.echo(f"{day['day']}  {day['reviews']:4d} reviews ({day['new']} new){quiz}")
    recall = outcome["mean_true_recall_at_review"]
    click.echo(
        f"{outcome['total_reviews']} flashcard reviews in {days} days; mean true recall at "
        f"review {recall if recall is not None else '-'} (desired {retention:.2f}); "
        f"replay mismatches: {outcome['replay_mismatches']}."
    )


@srs_group.command("workload-table")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write it (default: quizapp/simulator/workload.json).",
)
def workload_table(out: Path | None) -> None:
    """Simulate the settings page's workload table (a few minutes) and write it."""
    from quizapp.simulator import workload

    table = workload.compute()
    target = out or workload.TABLE_FILE
    target.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    click.echo(f"Wrote {target}: " + ", ".join(f"{r['retention']:.2f}" for r in table["rows"]))


def register(app: Flask) -> None:
    """Add this module's commands to the ``quizapp`` group."""
    app.cli.add_command(srs_group)
