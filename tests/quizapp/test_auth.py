"""Registering, logging in and out, sessions that end, and the bad input around them."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from quizapp.blueprints.auth.redirects import safe_next
from quizapp.extensions import db
from quizapp.models import LoginSession, User
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
    ("sent", "kept"),
    [("Asia/Tokyo", "Asia/Tokyo"), ("", "UTC"), ("Mars/Olympus", "UTC"), ("x" * 64, "UTC")],
)
def test_a_new_account_is_welcomed_in_the_browsers_time_zone(app, client, sent, kept):
    """The register page's hidden field (zone.js fills it): a known zone is kept, anything
    else is UTC, never a refusal.  The home page welcomes, once, instead of "welcome back"."""
    response = client.post(
        "/auth/register",
        data={
            "email": "ana@example.com",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "timezone": sent,
        },
    )
    assert response.status_code == 302
    (user,) = _users(app)
    assert user.timezone == kept
    first = client.get("/").get_data(as_text=True)
    assert "<h1>Welcome! Your account is ready.</h1>" in first and "Welcome back" not in first
    assert f"Times in {kept}" in first
    assert "<h1>Welcome back</h1>" in client.get("/").get_data(as_text=True)


def test_the_time_zone_offer_changes_the_zone_and_goes_back(app, client, auth):
    auth.login_new()
    page = client.get("/quiz/history").get_data(as_text=True)
    assert 'class="flash flash-info zone-offer"' in page and "hidden>" in page
    taken = client.post(
        "/auth/time-zone", data={"timezone": "Europe/Paris", "next": "/quiz/history"}
    )
    assert taken.headers["Location"] == "/quiz/history"
    (user,) = _users(app)
    assert user.timezone == "Europe/Paris"
    assert "Times in Europe/Paris" in client.get("/quiz/history").get_data(as_text=True)
    refused = client.post("/auth/time-zone", data={"timezone": "Mars/Olympus", "next": "//x"})
    assert refused.headers["Location"] == "/review/settings"
    assert "Choose a time zone from the list" in client.get("/review/settings").get_data(
        as_text=True
    )
    assert _users(app)[0].timezone == "Europe/Paris"


LONG = "x7" * 512 + "y"  # 1,025 characters


@pytest.mark.parametrize(
    ("email", "password", "confirm", "message"),
    [
        ("a@example.com", "short", "short", "at least 10 characters"),
        ("a@example.com", "nine char", "nine char", "at least 10 characters"),
        ("a@example.com", LONG, LONG, "at most 1,024 characters"),
        ("a@example.com", "password", "password", "at least 10 characters"),
        ("a@example.com", "password12", "password12", "too easy to guess"),
        ("a@example.com", "1234567890", "1234567890", "too easy to guess"),
        ("a@example.com", "aaaaaaaaaa", "aaaaaaaaaa", "too easy to guess"),
        ("a@example.com", "qwerty123456", "qwerty123456", "very common password"),
        ("not-an-email", PASSWORD, PASSWORD, "not valid"),
        ("a@example.com", PASSWORD, "different password", "passwords differ"),
        ("", PASSWORD, PASSWORD, "This field is required"),
        ("a\x00@example.com", PASSWORD, PASSWORD, "NUL character"),
        ("a@example.com", PASSWORD + "\x00", PASSWORD + "\x00", "cannot be stored"),
    ],
)
def test_register_refuses_bad_input_with_a_message(app, client, email, password, confirm, message):
    response = client.post(
        "/auth/register", data={"email": email, "password": password, "confirm": confirm}
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _users(app) == []


@pytest.mark.parametrize(
    "spelling", ["TAKEN@example.com", "ｔａｋｅｎ@example.com", " Taken@EXAMPLE.COM "]
)
def test_duplicate_registration_is_refused_without_naming_the_account(
    app, client, factories, spelling
):
    """A full-width look-alike is the same address (NFKC), and the refusal neither confirms
    an account nor differs from what an unusable address gets."""
    factories.user(email="taken@example.com")
    response = client.post(
        "/auth/register", data={"email": spelling, "password": PASSWORD, "confirm": PASSWORD}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "cannot be created with that email" in page
    assert "already exists" not in page
    with app.app_context():
        assert db.session.execute(select(func.count(User.id))).scalar_one() == 1


def test_full_width_email_logs_in_to_the_same_account(client, factories):
    user = factories.user(email="ana@example.com")
    response = client.post(
        "/auth/login", data={"email": "ＡＮＡ@ｅｘａｍｐｌｅ.ｃｏｍ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert user.email in client.get("/").get_data(as_text=True)


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


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/steal",
        "//evil.example/steal",
        "/\\evil.example/steal",
        "/%0aX",  # was a 500 after logging the user in
        "/%0d%0aSet-Cookie:%20x=1",
        "javascript:alert(1)",
    ],
)
def test_login_next_only_follows_local_paths(app, client, factories, target):
    user = factories.user()
    response = client.post(
        f"/auth/login?next={target}", data={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert user.email in client.get("/").get_data(as_text=True)
    with app.app_context():  # exactly one login session: the request completed, once
        assert db.session.execute(select(func.count(LoginSession.id))).scalar_one() == 1


def test_login_with_nul_in_next_is_refused_before_anything(app, client, factories):
    """NUL anywhere in a request is refused at the input boundary: no login happens."""
    user = factories.user()
    response = client.post(
        "/auth/login?next=/%00", data={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 400 and "NUL character" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(func.count(LoginSession.id))).scalar_one() == 0


def test_login_next_follows_a_local_path(client, factories):
    user = factories.user()
    response = client.post(
        "/auth/login?next=/quiz/history?page=2", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/quiz/history?page=2"


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_safe_next_never_returns_what_a_redirect_cannot_hold(target):
    from werkzeug.utils import redirect

    result = safe_next(target, "/")
    assert result == "/" or result == target
    assert result.startswith("/") and not result.startswith(("//", "/\\"))
    location = redirect(result).headers["Location"]  # raises on a header it cannot hold
    assert urlsplit(location).netloc == ""


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
    """One bucket per client address and one per account, shared by every route that takes
    a password or an email.  The counts here are in memory (one process)."""

    @pytest.fixture
    def app_config(self):
        return {
            "RATELIMIT_ENABLED": True,
            "LOGIN_RATE_LIMIT": "3 per minute",
            "ACCOUNT_RATE_LIMIT": "4 per minute",
        }

    @pytest.fixture(autouse=True)
    def fresh_counts(self, app):
        from quizapp.extensions import limiter

        limiter.reset()
        yield
        limiter.reset()

    def test_login_routes_share_one_bucket_per_client(self, client):
        statuses = []
        for n in range(5):
            email = f"nobody{n}@example.com"  # a new account each time: only the client counts
            if n % 2:
                response = client.post(
                    "/api/v1/tokens", json={"email": email, "password": "wrong password"}
                )
            else:
                response = client.post(
                    "/auth/login", data={"email": email, "password": "wrong password"}
                )
            statuses.append(response.status_code)
        assert statuses == [401, 401, 401, 429, 429]
        reset = client.post("/auth/reset", data={"email": "someone@example.com"})
        assert reset.status_code == 429

    def test_successful_logins_do_not_count(self, client, factories):
        user = factories.user()
        for _ in range(5):
            assert (
                client.post(
                    "/auth/login", data={"email": user.email, "password": PASSWORD}
                ).status_code
                == 302
            )
            client.post("/auth/logout")

    def test_per_account_limit_holds_across_client_addresses(self, client, factories):
        user = factories.user(email="target@example.com")
        spellings = ["target@example.com", "TARGET@example.com", "ｔａｒｇｅｔ@example.com"]

        def attempt(n: int, email: str, password: str = "wrong password") -> int:
            return client.post(
                "/auth/login",
                data={"email": email, "password": password},
                environ_base={"REMOTE_ADDR": f"192.0.2.{n}"},
            ).status_code

        statuses = [attempt(n, spellings[n % 3]) for n in range(6)]
        assert statuses == [401, 401, 401, 401, 429, 429]
        # The owner is locked out for the window too (that is the price of the limit) ...
        assert attempt(50, user.email, PASSWORD) == 429
        # ... but other accounts are not.
        assert attempt(51, "other@example.com") == 401

    def test_sign_up_counts_every_attempt(self, client):
        statuses = [
            client.post(
                "/auth/register",
                data={"email": f"new{n}@example.com", "password": PASSWORD, "confirm": PASSWORD},
            ).status_code
            for n in range(4)
        ]
        assert statuses == [302, 302, 302, 429]

    def test_guessing_the_current_password_is_limited_too(self, client, auth, factories):
        user = factories.user()
        auth.login(user.email)
        statuses = [
            client.post(
                "/auth/password",
                data={"current": f"guess number {n}", "password": "x" * 12, "confirm": "x" * 12},
            ).status_code
            for n in range(4)
        ]
        assert statuses == [400, 400, 400, 429]

    def test_without_trusted_proxies_forwarded_for_is_ignored(self, client):
        statuses = [
            client.post(
                "/auth/login",
                data={"email": f"n{n}@example.com", "password": "wrong password"},
                headers={"X-Forwarded-For": f"198.51.100.{n}"},
            ).status_code
            for n in range(4)
        ]
        assert statuses == [401, 401, 401, 429]


class TestRateLimitBehindAProxy:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "2 per minute", "TRUSTED_PROXIES": 1}

    def test_each_forwarded_client_has_its_own_bucket(self, client):
        from quizapp.extensions import limiter

        limiter.reset()

        def attempt(address: str) -> int:
            return client.post(
                "/auth/login",
                data={"email": f"{address}@example.com", "password": "wrong password"},
                headers={"X-Forwarded-For": address},
            ).status_code

        assert [attempt("198.51.100.1") for _ in range(3)] == [401, 401, 429]
        assert attempt("198.51.100.2") == 401
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
        keys = redis_client.keys("*")
        assert any(b"credentials-per-client" in key for key in keys)
        assert any(b"account:x@example.com" in key for key in keys)

    def test_unstorable_emails_are_refused_not_crashed(self, client, redis_client):
        """Refused at the input boundary (400), before a limit or Redis sees them."""
        for email in ("bad\ud800@example.com", "nul\x00@example.com"):
            response = client.post("/api/v1/tokens", json={"email": email, "password": "x" * 12})
            assert response.status_code == 400
            assert response.get_json()["error"]["code"] == "bad_input"

    def test_redis_url_from_the_environment_selects_redis(self, monkeypatch, tmp_path):
        from quizapp import config

        monkeypatch.setenv("QUIZAPP_REDIS_URL", REDIS_URL)
        assert (
            config.from_environment(tmp_path, {"SECRET_KEY": "x"})["RATELIMIT_STORAGE_URI"]
            == REDIS_URL
        )
