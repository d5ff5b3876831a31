"""Alembic environment, run by Flask-Migrate (``quizapp db upgrade``) inside the app."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db
config.set_main_option(
    "sqlalchemy.url", target_db.engine.url.render_as_string(hide_password=False).replace("%", "%%")
)


def run_migrations_offline():
    """Write the SQL instead of running it (``quizapp db upgrade --sql``)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_db.metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def process_revision_directives(context, revision, directives):
        # An autogenerate that finds nothing writes no empty revision.
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)

    with target_db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _foreign_keys(connection, on=False)
        context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
        with context.begin_transaction():
            context.run_migrations()
        if sqlite:
            _check_foreign_keys(connection)
            _foreign_keys(connection, on=True)


def _foreign_keys(connection, *, on: bool) -> None:
    """SQLite: foreign keys off while migrating.  A batch alteration rebuilds a table (copy,
    DROP, rename), and with foreign keys on, that DROP would delete every row that refers to
    the table through ON DELETE CASCADE (an attempt's questions, a card's states...).  The
    pragma is a no-op inside a transaction, so it is set, and committed, before one starts."""
    connection.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    connection.commit()


def _check_foreign_keys(connection) -> None:
    """What SQLite did not enforce while migrating, checked once at the end."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    connection.commit()
    if broken:
        raise RuntimeError(f"the migration left rows with dangling foreign keys: {broken[:10]}")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
