"""quizapp: quizzes and spaced-repetition flashcards drawn from news articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from quizapp import config as config_module
from quizapp.clock import SystemClock
from quizapp.extensions import csrf, db, limiter, login_manager, migrate
from quizapp.services.ids import MAX_ID

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` in routes: an id a database column can hold, so /attempts/99999999999999999999
    is a 404 like any unknown id rather than an overflow deep in the driver."""

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002 - werkzeug's name
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The application factory: ``flask --app quizapp`` and the ``quizapp`` command use it."""
    app = Flask(__name__, instance_relative_config=False)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config_module.from_environment(Path(app.instance_path), test_config))
    if test_config:
        app.config.from_mapping(test_config)

    app.extensions["clock"] = app.config.get("CLOCK") or SystemClock()
    app.url_map.converters["int"] = DatabaseIdConverter
    _check_deployment(app)
    _trust_proxies(app)
    _init_extensions(app)
    _register_blueprints(app)

    from quizapp import boundary, cli, errors, security, templating

    boundary.register(app)
    errors.register(app)
    security.register(app)
    templating.register(app)
    cli.register(app)
    return app


def _check_deployment(app: Flask) -> None:
    """Settings that would make the site unsafe stop it here, with the fix in the message.
    The worker check is for servers: a command (``quizapp db upgrade``, ``quizapp run``, any
    ``flask --app quizapp ...``) builds the app inside click and serves nobody concurrently."""
    import click

    from quizapp import limits, mail

    mail.check_settings(app.config)
    if click.get_current_context(silent=True) is None:
        limits.check_storage(app)


def _trust_proxies(app: Flask) -> None:
    """Behind N reverse proxies (``QUIZAPP_TRUSTED_PROXIES=N``), take the client's address
    and scheme from the X-Forwarded-* headers they add; with none, a client cannot choose
    its own address (and so its rate-limit bucket) by sending those headers."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


def _init_extensions(app: Flask) -> None:
    from quizapp import models  # noqa: F401  (registers the tables on db.metadata)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    # The cookies carry the login session's secret, not the user id (models.user).
    login_manager.id_attribute = "get_session_key"
    login_manager.login_message = "Please log in to see that page."
    login_manager.login_message_category = "info"

    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_pragmas)

    from quizapp import auth_loading, read_only

    auth_loading.register(login_manager)
    read_only.register(app)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL so readers never wait for the writer; foreign keys on, as on PostgreSQL.

    The file is memory-mapped (up to 256 MiB) and each connection caches up to 32 MiB of
    pages: a request reads its pages from memory instead of a read() call per page, which
    matters once the database outgrows SQLite's default 2 MiB page cache.
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.execute("PRAGMA cache_size=-32768")
    cursor.close()


def _register_blueprints(app: Flask) -> None:
    from quizapp.api import bp as api_bp
    from quizapp.blueprints.auth.routes import bp as auth_bp
    from quizapp.blueprints.bank.routes import bp as bank_bp
    from quizapp.blueprints.courses.routes import bp as courses_bp
    from quizapp.blueprints.instructor.cards import bp as cards_bp
    from quizapp.blueprints.instructor.editor import bp as editor_bp
    from quizapp.blueprints.instructor.routes import bp as instructor_bp
    from quizapp.blueprints.main.routes import bp as main_bp
    from quizapp.blueprints.media.routes import bp as media_bp
    from quizapp.blueprints.quiz.routes import bp as quiz_bp
    from quizapp.blueprints.review.routes import bp as review_bp

    pages = (
        main_bp,
        auth_bp,
        bank_bp,
        quiz_bp,
        review_bp,
        instructor_bp,
        editor_bp,
        cards_bp,
        courses_bp,
        media_bp,
    )
    for blueprint in pages:
        app.register_blueprint(blueprint)
    app.register_blueprint(api_bp)
