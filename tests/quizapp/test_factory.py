"""The application factory, its configuration, and what every response carries."""

from __future__ import annotations

import sqlite3

from quizapp import create_app
from quizapp.extensions import db


def test_testing_config_is_applied(app):
    assert app.testing
    assert app.config["SECRET_KEY"] == "test-secret-key"


def test_secret_key_is_random_and_written_once(tmp_path, monkeypatch):
    monkeypatch.delenv("QUIZAPP_SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    from quizapp import config

    first = config.from_environment(tmp_path)["SECRET_KEY"]
    second = config.from_environment(tmp_path)["SECRET_KEY"]
    assert first == second
    assert len(first) >= 32
    assert (tmp_path / "secret_key").read_text().strip() == first
    other = tmp_path / "other"
    assert config.from_environment(other)["SECRET_KEY"] != first


def test_secret_key_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_SECRET_KEY", "from-the-environment")
    from quizapp import config

    assert config.from_environment(tmp_path)["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_database_url_from_environment(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'chosen.db'}"
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", url)
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == url


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path, clock):
    from tests.conftest import make_test_app

    app = make_test_app(f"sqlite:///{tmp_path / 'wal.db'}", clock)
    with app.app_context():
        with db.engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert isinstance(raw, sqlite3.Connection)
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        db.engine.dispose()


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.data == b"ok"


def test_security_headers_on_every_page(client):
    for path in ("/", "/auth/login", "/no-such-page", "/api/v1/openapi.json"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"]


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "Page not found" in body
    assert "Traceback" not in body


def test_unknown_api_route_is_json_404(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_unexpected_error_is_a_friendly_500(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret internals" not in body
    assert "Traceback" not in body
    assert "went wrong" in body


def test_no_outside_requests_in_pages(client):
    body = client.get("/").get_data(as_text=True)
    assert "http://" not in body.replace("http://localhost", "")
    assert "https://" not in body
