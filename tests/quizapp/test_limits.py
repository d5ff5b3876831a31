"""Limits that hold across workers: gunicorn with 5 workers against Redis shares one count,
and a production start with several workers and in-memory counts is refused."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from quizapp import limits
from tests.conftest import make_test_app
from tests.mail_server import free_port

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
REDIS_URL = os.environ.get("QUIZAPP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


# ----------------------------------------------------------------- the start-up rule


@pytest.mark.parametrize(
    ("environ", "argv", "expected"),
    [
        ({}, ["python"], 1),
        ({"QUIZAPP_WORKERS": "5"}, ["python"], 5),
        ({"WEB_CONCURRENCY": "3"}, ["python"], 3),
        ({"QUIZAPP_WORKERS": "2", "WEB_CONCURRENCY": "9"}, ["python"], 2),
        ({}, ["/srv/.venv/bin/gunicorn", "-w", "4", "quizapp:create_app()"], 4),
        ({}, ["gunicorn", "--workers=6", "--bind", "0:80", "quizapp:create_app()"], 6),
        ({}, ["gunicorn", "quizapp:create_app()"], 1),
    ],
)
def test_worker_count(environ, argv, expected):
    assert limits.worker_count(environ, argv) == expected


class _App:
    def __init__(self, **config) -> None:
        import logging

        self.debug = config.pop("debug", False)
        self.testing = config.pop("testing", False)
        self.config = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://", **config}
        self.logger = logging.getLogger("test_limits")


def test_several_workers_with_memory_counts_refuse_to_start():
    with pytest.raises(RuntimeError, match="QUIZAPP_REDIS_URL"):
        limits.check_storage(_App(), workers=5)


@pytest.mark.parametrize(
    "config",
    [
        {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"},
        {"debug": True},
        {"testing": True},
        {"RATELIMIT_ENABLED": False},
    ],
)
def test_several_workers_may_start_when_counts_are_shared_or_not_kept(config):
    limits.check_storage(_App(**config), workers=5)


def test_the_explicit_override_starts_with_a_warning(caplog):
    limits.check_storage(_App(ALLOW_MEMORY_LIMITS=True), workers=5)
    assert "QUIZAPP_ALLOW_MEMORY_LIMITS=1" in caplog.text
    assert "5 workers" in caplog.text


# ------------------------------------------------------------------ gunicorn, for real


@pytest.fixture
def redis_db():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(
            f"the shared-limits test needs a Redis server at {REDIS_URL} "
            "(apt-get install redis-server, or set QUIZAPP_TEST_REDIS_URL); .ci/run starts one"
        )
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


class Gunicorn:
    """gunicorn with the production configuration, in a session of its own."""

    def __init__(
        self, database_url: str, log_path: Path, args: tuple[str, ...] = (), **env: str
    ) -> None:
        self.port = free_port()
        self.args = list(args)
        self.log_path = log_path
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("QUIZAPP_")},
            "QUIZAPP_DATABASE_URL": database_url,
            "QUIZAPP_SECRET_KEY": "gunicorn-test-secret",
            "QUIZAPP_BIND": f"127.0.0.1:{self.port}",
            "QUIZAPP_WORKERS": "5",
            "QUIZAPP_HASH_TIME_COST": "1",
            "QUIZAPP_HASH_MEMORY_KIB": "1024",
            "QUIZAPP_LOG_LEVEL": "warning",
            **env,
        }
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.env = {k: v for k, v in self.env.items() if v is not None}
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), *self.args]
                + ["quizapp:create_app()"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_serving(self, workers: int, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn exited: {self.log()}"
            if len(self.worker_pids()) >= workers and self._healthy():
                return
            time.sleep(0.2)
        raise AssertionError(f"gunicorn did not start: {self.log()}")

    def wait_for_exit(self, timeout_s: float = 60) -> int:
        return self.process.wait(timeout=timeout_s)

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.base + "/healthz", timeout=5) as response:
                return response.status == 200
        except OSError:
            return False

    def worker_pids(self) -> list[int]:
        pid = self.process.pid
        try:
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def schema(request, clock, tmp_path):
    """The tables, made by the test (the app under gunicorn finds them).  The shared-limits
    test runs on both engines (``database_url``); the start-up tests need no data: SQLite."""
    from quizapp.extensions import db

    if "database_url" in request.fixturenames:
        database_url = request.getfixturevalue("database_url")
    else:
        database_url = f"sqlite:///{tmp_path / 'gunicorn.db'}"
    app = make_test_app(database_url, clock)
    with app.app_context():
        db.create_all()
    yield database_url
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def gunicorn(schema, tmp_path):
    servers: list[Gunicorn] = []

    def start(args: tuple[str, ...] = (), **env: str) -> Gunicorn:
        server = Gunicorn(schema, tmp_path / f"gunicorn-{len(servers)}.log", args, **env)
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.stop()


class Browser:
    """One client with its own cookies: GET the login page for its CSRF token, then POST."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def login(self, email: str, password: str) -> int:
        page = self.opener.open(self.base + "/auth/login", timeout=10).read().decode()
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": csrf})
        return self._status(
            self.base + "/auth/login", body.encode(), "application/x-www-form-urlencoded"
        )

    def token(self, email: str, password: str) -> int:
        body = json.dumps({"email": email, "password": password}).encode()
        return self._status(self.base + "/api/v1/tokens", body, "application/json")

    def _status(self, url: str, body: bytes, content_type: str) -> int:
        request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _wrong_attempts(base: str, count: int) -> list[int]:
    """Wrong passwords for a different address each time (only the client's count grows),
    taking turns between the login page and the token endpoint, each on a new connection
    (the sync workers close it), so the kernel hands them to whichever worker is free."""
    browser = Browser(base)
    statuses = []
    for n in range(count):
        email = f"nobody{n}@example.com"
        if n % 2:
            statuses.append(browser.token(email, "wrong password"))
        else:
            statuses.append(browser.login(email, "wrong password"))
    return statuses


def test_five_workers_share_the_limits_through_redis(database_url, gunicorn, redis_db):
    server = gunicorn(
        QUIZAPP_REDIS_URL=REDIS_URL,
        QUIZAPP_LOGIN_RATE_LIMIT="6 per minute",
        QUIZAPP_ACCOUNT_RATE_LIMIT="4 per minute",
    )
    server.wait_until_serving(workers=5)
    # Per client: 6 failures over both routes, then 429 from every worker.
    assert _wrong_attempts(server.base, 24) == [401] * 6 + [429] * 18
    assert any(b"credentials-per-client" in key for key in redis_db.keys("*"))

    # Per account (a fresh count): 4 failures on one account, however it is spelled.
    redis_db.flushdb()
    browser = Browser(server.base)
    statuses = [
        browser.token("Target@example.com", "wrong password")
        if n % 2
        else browser.login("target@example.com", "wrong password")
        for n in range(5)
    ]
    assert statuses == [401] * 4 + [429]
    assert browser.login("other@example.com", "wrong password") == 401


def test_five_workers_without_redis_refuse_to_start(gunicorn):
    server = gunicorn()
    assert server.wait_for_exit() != 0
    assert "Refusing to start: 5 workers" in server.log()
    assert "QUIZAPP_REDIS_URL" in server.log()


def test_the_count_on_gunicorns_command_line_is_the_one_checked(gunicorn):
    """deploy/gunicorn.conf.py's on_starting hands the final count (``-w 3`` here, over the
    file's own default) to the app."""
    server = gunicorn(args=("-w", "3"), QUIZAPP_WORKERS=None)
    assert server.wait_for_exit() != 0
    assert "Refusing to start: 3 workers" in server.log()


def test_the_explicit_override_starts_five_workers_with_a_warning(gunicorn):
    server = gunicorn(QUIZAPP_ALLOW_MEMORY_LIMITS="1")
    server.wait_until_serving(workers=5)
    assert "QUIZAPP_ALLOW_MEMORY_LIMITS=1" in server.log()


def test_commands_are_not_servers(tmp_path, monkeypatch):
    """``quizapp db upgrade`` in a deployment's environment (5 workers, no Redis) still runs."""
    from quizapp import create_app

    monkeypatch.setenv("QUIZAPP_WORKERS", "5")
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("QUIZAPP_SECRET_KEY", "x")
    with pytest.raises(RuntimeError, match="Refusing to start"):
        create_app()
    result = subprocess.run(
        [sys.executable, "-c", "from quizapp.cli import main; main()", "db", "upgrade"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
