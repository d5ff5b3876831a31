"""Sessions that end: logout on the server, remember-me cookies rotated and revoked, log out
everywhere, password change, and the CSRF token rotated at login."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import ApiToken, LoginSession
from tests.conftest import PASSWORD

NEW_PASSWORD = "a different passphrase"
#: The production lifetimes (the test app's defaults outlast the tests' moved clocks).
PRODUCTION_LIFETIMES = {
    "SESSION_LIFETIME": timedelta(hours=12),
    "REMEMBER_COOKIE_DURATION": timedelta(days=30),
}


def _cookie(client, name: str) -> str | None:
    cookie = client.get_cookie(name)
    return cookie.value if cookie else None


def _replay(app, cookies: dict[str, str]):
    """A new browser that sends only these cookies."""
    other = app.test_client()
    for name, value in cookies.items():
        other.set_cookie(name, value)
    return other


def _logged_in(client) -> bool:
    return client.get("/auth/account").status_code == 200


def _count(app, model) -> int:
    with app.app_context():
        return db.session.execute(select(func.count(model.id))).scalar_one()


def test_a_session_cookie_replayed_after_logout_is_refused(app, client, auth, factories):
    user = factories.user()
    auth.login(user.email)
    stolen = {"session": _cookie(client, "session")}
    assert _logged_in(_replay(app, stolen))
    auth.logout()
    assert not _logged_in(client)
    replayed = _replay(app, stolen)
    assert not _logged_in(replayed)
    assert user.email not in replayed.get("/").get_data(as_text=True)
    assert _count(app, LoginSession) == 0


def test_remember_me_is_new_at_every_login_and_revoked_by_logout(app, client, factories):
    user = factories.user()
    form = {"email": user.email, "password": PASSWORD, "remember": "y"}
    client.post("/auth/login", data=form)
    first = _cookie(client, "remember_token")
    assert first
    client.post("/auth/logout")
    assert _cookie(client, "remember_token") is None  # the browser is told to drop it
    client.post("/auth/login", data=form)
    second = _cookie(client, "remember_token")
    assert second and second != first
    # The first one was revoked by the logout; the second logs a cookie-less browser in.
    assert not _logged_in(_replay(app, {"remember_token": first}))
    assert _logged_in(_replay(app, {"remember_token": second}))


@pytest.mark.parametrize("app_config", [PRODUCTION_LIFETIMES])
def test_remember_me_lasts_the_configured_days_on_the_server(app, client, clock, factories):
    user = factories.user()
    client.post("/auth/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    remembered = {"remember_token": _cookie(client, "remember_token")}
    clock.advance(days=29)
    assert _logged_in(_replay(app, remembered))
    clock.advance(days=2)
    assert not _logged_in(_replay(app, remembered))


@pytest.mark.parametrize("app_config", [PRODUCTION_LIFETIMES])
def test_a_visit_without_remember_me_ends_after_its_hours(app, client, clock, auth, factories):
    user = factories.user()
    auth.login(user.email)
    clock.advance(hours=11)
    assert _logged_in(client)
    clock.advance(hours=2)
    assert not _logged_in(client)


def test_log_out_everywhere_ends_every_session_and_token(app, client, auth, factories):
    user = factories.user()
    other_browser = app.test_client()
    other_browser.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    token = client.post(
        "/api/v1/tokens", json={"email": user.email, "password": PASSWORD}
    ).get_json()["token"]
    auth.login(user.email)
    assert _logged_in(other_browser)
    response = client.post("/auth/logout-everywhere")
    assert response.status_code == 302
    assert not _logged_in(client)
    assert not _logged_in(other_browser)
    me = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401
    assert _count(app, LoginSession) == _count(app, ApiToken) == 0


def test_password_change_keeps_this_browser_and_ends_the_others(app, client, auth, factories):
    user = factories.user()
    other_browser = app.test_client()
    other_browser.post(
        "/auth/login", data={"email": user.email, "password": PASSWORD, "remember": "y"}
    )
    other_remember = {"remember_token": _cookie(other_browser, "remember_token")}
    auth.login(user.email)
    before = {"session": _cookie(client, "session")}
    response = client.post(
        "/auth/password",
        data={"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _logged_in(client)
    assert not _logged_in(other_browser)
    assert not _logged_in(_replay(app, other_remember))
    assert not _logged_in(_replay(app, before))  # this browser's old cookie too: rotated
    fresh = app.test_client()
    assert (
        fresh.post("/auth/login", data={"email": user.email, "password": PASSWORD}).status_code
        == 401
    )
    assert (
        fresh.post("/auth/login", data={"email": user.email, "password": NEW_PASSWORD}).status_code
        == 302
    )


@pytest.mark.parametrize(
    ("current", "new", "message"),
    [
        ("wrong password!", NEW_PASSWORD, "not your current password"),
        (PASSWORD, "short", "at least 10 characters"),
        (PASSWORD, "password1234", "too easy to guess"),
    ],
)
def test_password_change_refusals_change_nothing(client, auth, factories, current, new, message):
    user = factories.user()
    auth.login(user.email)
    response = client.post(
        "/auth/password", data={"current": current, "password": new, "confirm": new}
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _logged_in(client)
    auth.logout()
    assert auth.login(user.email).status_code == 302


def test_account_page_lists_the_sessions(client, auth, factories):
    user = factories.user()
    client.post(
        "/auth/login",
        data={"email": user.email, "password": PASSWORD},
        headers={"User-Agent": "Testbrowser/1.0"},
    )
    page = client.get("/auth/account").get_data(as_text=True)
    assert "Testbrowser/1.0" in page
    assert "this one" in page
    assert "Log out everywhere" in page


class TestWithCsrf:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    @staticmethod
    def _token(client, path: str = "/auth/login") -> str:
        page = client.get(path).get_data(as_text=True)
        return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def test_the_csrf_token_is_rotated_at_login(self, client, factories):
        user = factories.user()
        before = self._token(client)
        response = client.post(
            "/auth/login", data={"email": user.email, "password": PASSWORD, "csrf_token": before}
        )
        assert response.status_code == 302
        after = self._token(client, "/")
        assert after != before
        # The token from before the login no longer works; the new one does.
        assert client.post("/auth/logout", data={"csrf_token": before}).status_code == 400
        assert _logged_in(client)
        assert client.post("/auth/logout", data={"csrf_token": after}).status_code == 302
        assert not _logged_in(client)


class TestHttps:
    @pytest.fixture
    def app_config(self):
        return {"HSTS": True}

    def test_hsts_on_every_response(self, client):
        for path in ("/", "/auth/login", "/api/v1/openapi.json", "/no-such-page"):
            header = client.get(path).headers.get("Strict-Transport-Security")
            assert header == "max-age=31536000", path


def test_no_hsts_without_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_https_setting_comes_from_the_environment(monkeypatch, tmp_path):
    from quizapp import config

    monkeypatch.setenv("QUIZAPP_HTTPS", "1")
    settings = config.from_environment(tmp_path, {"SECRET_KEY": "x"})
    assert settings["HSTS"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["REMEMBER_COOKIE_DURATION"] == timedelta(days=30)
