"""Fixtures in the flaskr style: ``app``, ``client``, ``runner``, ``auth``, ``clock`` and
factories.  Every test gets a fresh, real database:

* SQLite: a new file in the test's temporary folder;
* PostgreSQL, when ``QUIZAPP_TEST_POSTGRES_URL`` points at a server (an admin URL such as
  ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``): one database created for the
  session and dropped after it, its tables emptied after every test.

Database tests run once per engine.  Without the PostgreSQL URL those runs are skipped with
a reason; with ``QUIZAPP_REQUIRE_ALL=1`` any skipped test fails the session.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.factories import Factories

POSTGRES_ADMIN_URL = os.environ.get("QUIZAPP_TEST_POSTGRES_URL", "")
REQUIRE_ALL = os.environ.get("QUIZAPP_REQUIRE_ALL") == "1"
#: Monday 2 March 2026, 09:00 UTC: the frozen "now" every test starts from.
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under QUIZAPP_REQUIRE_ALL=1, a skipped or xfailed test is a failure: CI hides nothing."""
    if not REQUIRE_ALL:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    hidden = reporter.stats.get("skipped", []) + reporter.stats.get("xfailed", [])
    if hidden:
        reporter.write_line(
            f"QUIZAPP_REQUIRE_ALL=1: {len(hidden)} test(s) skipped or xfailed; failing the run.",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    if not POSTGRES_ADMIN_URL:
        pytest.skip("PostgreSQL runs need QUIZAPP_TEST_POSTGRES_URL (see README, Testing)")
    admin_url = make_url(POSTGRES_ADMIN_URL)
    name = f"quizapp_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def clock():
    from quizapp.clock import FrozenClock

    return FrozenClock(START)


def make_test_app(database_url: str, clock: Any, **overrides: Any):
    from quizapp import create_app

    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "CLOCK": clock,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "PASSWORD_HASH_TIME_COST": 1,
        "PASSWORD_HASH_MEMORY_KIB": 1024,
        "LOAD_ARTICLE_BANK": False,
        # Many tests move the clock by days or months while a student stays logged in; their
        # logins and tokens outlast that.  The tests of expiry set the production lifetimes.
        "SESSION_LIFETIME": timedelta(days=3650),
        "REMEMBER_COOKIE_DURATION": timedelta(days=3650),
        "API_TOKEN_DAYS": 365,
    }
    config.update(overrides)
    return create_app(config)


def _create_schema(app) -> None:
    from quizapp.extensions import db

    with app.app_context():
        db.create_all()


def _empty_tables(app) -> None:
    from quizapp.extensions import db

    with app.app_context():
        db.session.remove()
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as connection:
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        db.engine.dispose()


@pytest.fixture
def app_config() -> dict[str, Any]:
    """Override in a test module (or parametrize) to change the app's settings."""
    return {}


@pytest.fixture
def app(database_url: str, clock: Any, app_config: dict[str, Any]):
    app = make_test_app(database_url, clock, **app_config)
    _create_schema(app)
    yield app
    _empty_tables(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db_session(app):
    """The app's session inside an app context, for service-level tests."""
    from quizapp.extensions import db

    with app.app_context():
        yield db.session


@pytest.fixture
def factories(app, clock) -> Factories:
    return Factories(app, clock, PASSWORD)


class AuthActions:
    """Log a test client in and out through the real pages."""

    def __init__(self, client, factories: Factories) -> None:
        self._client = client
        self._factories = factories

    def login(self, email: str, password: str = PASSWORD):
        return self._client.post("/auth/login", data={"email": email, "password": password})

    def login_new(self, role: str = "student", email: str | None = None):
        """Create an account and log in with it; returns the account's email."""
        user = self._factories.user(role=role, email=email)
        response = self.login(user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client, factories) -> AuthActions:
    return AuthActions(client, factories)
