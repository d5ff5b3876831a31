"""``quizapp import`` and ``quizapp export``: question sets in and out of the database.

``import FILE`` runs the checks of the upload page (``services.imports``), then saves at
once (no preview) in one transaction, or saves nothing with ``--dry-run``.  Any problem is
printed on standard error, one per line, and the command exits with status 1, having
written nothing; a question that cannot be imported is such a problem, unless
``--skip-unsupported``: then the others are saved, each skipped one is printed with its
line and reason, and the command exits 0 (also when nothing could be saved, which it says).
Without ``--owner`` the sets belong to no one and are public; a set that has the name of
an existing set of the same owner becomes its new version.

``export SET`` writes one set (SET is its id or its name) in a format, to standard output
or ``-o FILE``; ``export --all --format json`` writes every set, the article bank included.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from question_bank.formats import json_format
from quizapp.extensions import db
from quizapp.services import accounts, imports, question_sets, set_admin
from quizapp.services.errors import ServiceError
from quizapp.web import now


def register(app: Flask) -> None:
    """Add this module's commands to the ``quizapp`` group."""
    app.cli.add_command(import_command)
    app.cli.add_command(export_command)


def _fail(lines: list[str]) -> NoReturn:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(1)


def _read_input(path: str, max_bytes: int) -> tuple[bytes, str | None]:
    """The bytes of FILE ("-": standard input), reading at most one byte over the limit."""
    if path == "-":
        return sys.stdin.buffer.read(max_bytes + 1), None
    file = Path(path)
    if not file.is_file():
        raise click.BadParameter(f"{path} is not a file.", param_hint="FILE")
    with file.open("rb") as handle:
        return handle.read(max_bytes + 1), file.name


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "format_name",
    type=click.Choice(imports.IMPORT_FORMATS),
    help="Read the file as this format (default: from its extension and content).",
)
@click.option("--set", "set_name", help="Name of the set (default: from the file).")
@click.option("--owner", help="Email of the instructor who owns the set (default: no one).")
@click.option("--private", is_flag=True, help="Keep the set private to its owner.")
@click.option("--dry-run", is_flag=True, help="Check the file and show what would change.")
@click.option(
    "--skip-unsupported",
    is_flag=True,
    help="Import the questions that can be imported and list the others (default: a file "
    "with a question that cannot be imported is refused whole).",
)
@with_appcontext
def import_command(
    file: str,
    format_name: str | None,
    set_name: str | None,
    owner: str | None,
    private: bool,
    dry_run: bool,
    skip_unsupported: bool,
) -> None:
    """Import the questions of FILE (GIFT, Aiken, Moodle XML, CSV, TSV, JSON or an Anki
    package)."""
    max_bytes = current_app.config.get("MAX_UPLOAD_BYTES") or imports.DEFAULT_MAX_BYTES
    data, filename = _read_input(file, max_bytes)
    owner_user = None
    if owner:
        owner_user = accounts.find_user_by_email(db.session, owner)
        if owner_user is None:
            _fail([f"No account with the email {owner}: create it first (quizapp user create)."])
    try:
        result = imports.import_file(
            db.session,
            data=data,
            filename=filename,
            now=now(),
            format=format_name,
            set_name=set_name,
            owner=owner_user,
            public=not private,
            max_bytes=max_bytes,
            dry_run=dry_run,
            skip_unsupported=skip_unsupported,
        )
    except imports.UploadRejected as rejected:
        _fail([f"{file}: {message}" for message in rejected.messages] + [rejected.message])
    except ServiceError as error:
        _fail([error.message])
    for skipped in result.skipped:
        click.echo(f"{file}: skipped {skipped}")
    for warning in result.warnings:
        click.echo(f"{file}: warning: {warning}")
    if not result.outcomes:
        click.echo(f"Nothing was saved: no question in {file} can be imported.")
        return
    verb = "Would save" if result.dry_run else "Saved"
    for outcome in result.outcomes:
        what = "new set" if outcome.created else f"version {outcome.version} of set"
        ident = f" {outcome.set_id}" if outcome.set_id else ""
        click.echo(
            f'{verb} "{outcome.name}" ({what}{ident}): {outcome.added} added, '
            f"{outcome.updated} updated, {outcome.removed} removed, "
            f"{outcome.unchanged} unchanged."
        )
    if result.dry_run:
        click.echo("Dry run: nothing was written.")


@click.command("export")
@click.argument("set_ref", metavar="SET", required=False)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(set_admin.EXPORT_FORMATS),
    required=True,
    help="The file format.",
)
@click.option("--all", "export_all", is_flag=True, help="Every set (JSON only).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file."
)
@with_appcontext
def export_command(
    set_ref: str | None, format_name: str, export_all: bool, output: str | None
) -> None:
    """Export the set SET (its id or its name) in a format, or every set with --all."""
    if export_all == bool(set_ref):
        raise click.UsageError("Name one SET (its id or name), or give --all.")
    if export_all:
        if format_name != "json":
            raise click.UsageError("--all writes JSON only: add --format json.")
        banks = [question_sets.to_bank_set(s) for s in question_sets.all_sets(db.session)]
        content = json_format.dump(banks).encode("utf-8")
        skipped = 0
    else:
        try:
            target = question_sets.find_set_by_name_or_id(db.session, set_ref or "")
            export = set_admin.render_export(question_sets.to_bank_set(target), format_name)
        except ServiceError as error:
            _fail([error.message])
        content, skipped = export.content, export.skipped
    if skipped:
        click.echo(
            f"{skipped} question(s) left out: {format_name} holds only some question types.",
            err=True,
        )
    if output:
        Path(output).write_bytes(content)
        click.echo(f"Wrote {output}.", err=True)
        return
    stream = sys.stdout.buffer
    if format_name == "apkg" and stream.isatty():
        raise click.UsageError("An Anki package is binary: write it to a file with -o FILE.")
    stream.write(content)
    stream.flush()
