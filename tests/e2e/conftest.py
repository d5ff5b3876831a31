"""Real-browser tests: the app served on a free local port, Debian's Chromium driven by
pytest-playwright.  Playwright cannot download its own browsers on these machines, so the
tests use ``/usr/bin/chromium`` (package ``chromium``); without it they are skipped with a
reason, and ``QUIZAPP_REQUIRE_ALL=1`` turns that skip into a failure."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import make_test_app

CHROMIUM = os.environ.get("QUIZAPP_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"real-browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


class LiveServer:
    def __init__(self, app, host: str, port: int) -> None:
        self.app = app
        self.base = f"http://{host}:{port}"

    def url(self, path: str = "/") -> str:
        return self.base + path


@pytest.fixture
def live_app(tmp_path, clock):
    """The app behind the live server: a fresh SQLite file, CSRF on as in production."""
    from quizapp.extensions import db

    app = make_test_app(f"sqlite:///{tmp_path / 'e2e.db'}", clock, WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def live_server(live_app) -> Iterator[LiveServer]:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(live_app, "127.0.0.1", server.server_port)
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def screenshot(page):
    """``screenshot("name")`` saves the page under tests/artifacts/ (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str, full_page: bool = True) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
