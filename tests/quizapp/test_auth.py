"""Registering, logging in and out, and the bad input around them."""

from __future__ import annotations

import os
import re

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import User
from tests.conftest import PASSWORD


def _users(app) -> list[User]:
    with app.app_context():
        return list(db.session.execute(select(User)).scalars())


def test_register_logs_in_and_hashes_the_password(app, client):
    response = client.post(
        "/auth/register",
        data={"email": "Ana@Example.com", "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.status_code == 302
    (user,) = _users(app)
    assert user.email == "ana@example.com"
    assert user.role == "student"
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith("$argon2id$")
    home = client.get("/").get_data(as_text=True)
    assert "ana@example.com" in home
    assert "Log out" in home


@pytest.mark.parametrize(
    ("email", "password", "confirm", "message"),
    [
        ("a@example.com", "short", "short", "at least 8 characters"),
        ("not-an-email", PASSWORD, PASSWORD, "not valid"),
        ("a@example.com", PASSWORD, "different password", "passwords differ"),
        ("", PASSWORD, PASSWORD, "This field is required"),
    ],
)
def test_register_refuses_bad_input_with_a_message(app, client, email, password, confirm, message):
    response = client.post(
        "/auth/register", data={"email": email, "password": password, "confirm": confirm}
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _users(app) == []


def test_duplicate_registration_is_refused(app, client, factories):
    factories.user(email="taken@example.com")
    response = client.post(
        "/auth/register",
        data={"email": "TAKEN@example.com", "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.status_code == 400
    assert "already exists" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(func.count(User.id))).scalar_one() == 1


def test_login_and_logout(client, auth, factories):
    user = factories.user()
    response = auth.login(user.email)
    assert response.status_code == 302
    assert user.email in client.get("/").get_data(as_text=True)
    auth.logout()
    assert user.email not in client.get("/").get_data(as_text=True)


def test_login_failures_do_not_reveal_whether_the_email_exists(client, factories):
    user = factories.user()
    wrong_password = client.post("/auth/login", data={"email": user.email, "password": "nope" * 3})
    unknown_email = client.post(
        "/auth/login", data={"email": "nobody@example.com", "password": PASSWORD}
    )
    assert wrong_password.status_code == unknown_email.status_code == 401

    def message(response):
        return re.search(r'class="error"[^>]*>([^<]*)<', response.get_data(as_text=True)).group(1)

    assert message(wrong_password) == message(unknown_email) == "Wrong email or password."


def test_login_next_only_follows_local_paths(client, factories):
    user = factories.user()
    response = client.post(
        "/auth/login?next=https://evil.example/steal",
        data={"email": user.email, "password": PASSWORD},
    )
    assert response.headers["Location"] == "/"
    client.post("/auth/logout")
    response = client.post(
        "/auth/login?next=/healthz", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/healthz"


def test_session_cookie_flags(client, factories):
    user = factories.user()
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


class TestWithCsrf:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_form_without_token_is_refused_with_400(self, app, client):
        response = client.post(
            "/auth/register",
            data={"email": "a@example.com", "password": PASSWORD, "confirm": PASSWORD},
        )
        assert response.status_code == 400
        assert "Reload the page" in response.get_data(as_text=True)
        assert _users(app) == []

    def test_form_with_its_token_is_accepted(self, app, client):
        page = client.get("/auth/register").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        response = client.post(
            "/auth/register",
            data={
                "email": "a@example.com",
                "password": PASSWORD,
                "confirm": PASSWORD,
                "csrf_token": token,
            },
        )
        assert response.status_code == 302
        assert len(_users(app)) == 1

    def test_logout_without_token_is_refused(self, app, client, factories):
        user = factories.user()
        page = client.get("/auth/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        client.post(
            "/auth/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
        )
        assert client.post("/auth/logout").status_code == 400
        assert user.email in client.get("/").get_data(as_text=True)


class TestRateLimit:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute"}

    def test_login_is_rate_limited(self, client):
        from quizapp.extensions import limiter

        limiter.reset()
        statuses = [
            client.post(
                "/auth/login", data={"email": "x@example.com", "password": "wrong password"}
            ).status_code
            for _ in range(4)
        ]
        assert statuses == [401, 401, 401, 429]
        limiter.reset()


REDIS_URL = os.environ.get("QUIZAPP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_client():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(
            f"the Redis rate-limit test needs a Redis server at {REDIS_URL} "
            "(apt-get install redis-server, or set QUIZAPP_TEST_REDIS_URL); .ci/run starts one"
        )
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


class TestRateLimitInRedis:
    """With QUIZAPP_REDIS_URL the counts live in Redis, shared by every worker."""

    @pytest.fixture
    def app_config(self):
        return {
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": REDIS_URL,
            "LOGIN_RATE_LIMIT": "2 per minute",
        }

    def test_token_endpoint_is_limited_through_redis(self, client, redis_client):
        statuses = [
            client.post(
                "/api/v1/tokens", json={"email": "x@example.com", "password": "wrong password"}
            ).status_code
            for _ in range(3)
        ]
        assert statuses == [401, 401, 429]
        assert client.post("/api/v1/tokens", json={}).get_json()["error"]["code"]
        assert any(b"tokens" in key or b"create_token" in key for key in redis_client.keys("*"))

    def test_redis_url_from_the_environment_selects_redis(self, monkeypatch, tmp_path):
        from quizapp import config

        monkeypatch.setenv("QUIZAPP_REDIS_URL", REDIS_URL)
        assert (
            config.from_environment(tmp_path, {"SECRET_KEY": "x"})["RATELIMIT_STORAGE_URI"]
            == REDIS_URL
        )
