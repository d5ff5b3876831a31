"""API tokens (named, expiring, listed, revoked), bearer authentication, and the JSON error
format."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import ApiToken
from tests.conftest import PASSWORD


def test_token_then_bearer_call(client, factories):
    user = factories.user()
    response = client.post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 201
    token = response.get_json()["token"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.get_json()["email"] == user.email


def test_wrong_credentials_get_a_json_401(client, factories):
    user = factories.user()
    response = client.post("/api/v1/tokens", json={"email": user.email, "password": "wrong one"})
    assert response.status_code == 401
    assert response.get_json() == {
        "error": {"code": "bad_credentials", "message": "Wrong email or password."}
    }


def test_malformed_body_gets_a_json_400(client):
    for body in ({"data": "not json", "content_type": "text/plain"}, {"json": ["a", "list"]}):
        response = client.post("/api/v1/tokens", **body)
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "invalid"


def test_unknown_token_is_401(client):
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer made-up"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_token"


def test_openapi_document_lists_the_endpoints(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert "/tokens" in document["paths"]


def test_unstorable_credentials_are_refused_at_the_boundary(client, factories):
    """NUL and broken characters are a 400 ``bad_input`` before any account is looked up
    (the same for a known and an unknown email: nothing is told)."""
    user = factories.user()
    for email, password in [
        ("a\x00b@example.com", "whatever password"),
        (user.email, "bad \ud800 surrogate"),
        (user.email, "nul\x00inside"),
    ]:
        response = client.post("/api/v1/tokens", json={"email": email, "password": password})
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "bad_input"


def test_huge_ids_are_404_not_overflow(client, factories):
    user = factories.user()
    token = client.post(
        "/api/v1/tokens", json={"email": user.email, "password": PASSWORD}
    ).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    for path in ("/api/v1/attempts/8079765189840025", "/api/v1/attempts/99999999999999999999"):
        assert client.get(path, headers=headers).status_code == 404
    response = client.get("/api/v1/review/next?set=123787912424141553664", headers=headers)
    assert response.status_code == 400


def _new_token(client, user, **extra) -> dict:
    response = client.post(
        "/api/v1/tokens", json={"email": user.email, "password": PASSWORD, **extra}
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("app_config", [{"API_TOKEN_DAYS": 30}])
def test_a_token_has_a_name_and_an_expiry(client, factories, clock):
    user = factories.user()
    made = _new_token(client, user, name="grading script", expires_in_days=7)
    assert made["name"] == "grading script"
    assert made["expires_at"] == (clock.now() + timedelta(days=7)).isoformat()
    default = _new_token(client, user)
    assert default["name"] == "API token"
    assert default["expires_at"] == (clock.now() + timedelta(days=30)).isoformat()


def test_an_expired_token_is_refused(client, factories, clock):
    user = factories.user()
    token = _new_token(client, user, expires_in_days=1)["token"]
    clock.advance(hours=23)
    assert client.get("/api/v1/me", headers=_bearer(token)).status_code == 200
    clock.advance(hours=2)
    response = client.get("/api/v1/me", headers=_bearer(token))
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_token"
    assert "invalid_token" in response.headers["WWW-Authenticate"]


def test_list_and_revoke_through_the_api(client, factories):
    user = factories.user()
    first = _new_token(client, user, name="first")
    second = _new_token(client, user, name="second")
    listed = client.get("/api/v1/tokens", headers=_bearer(second["token"])).get_json()
    assert [(t["name"], t["current"]) for t in listed] == [("second", True), ("first", False)]
    assert all("token" not in t for t in listed)  # the secret is shown once, at creation
    revoked = client.delete(f"/api/v1/tokens/{first['id']}", headers=_bearer(second["token"]))
    assert revoked.status_code == 204
    assert client.get("/api/v1/me", headers=_bearer(first["token"])).status_code == 401
    assert client.get("/api/v1/me", headers=_bearer(second["token"])).status_code == 200
    again = client.delete(f"/api/v1/tokens/{first['id']}", headers=_bearer(second["token"]))
    assert again.status_code == 404


def test_nobody_revokes_someone_elses_token(client, factories):
    owner, other = factories.user(), factories.user()
    owned = _new_token(client, owner)
    mine = _new_token(client, other)["token"]
    response = client.delete(f"/api/v1/tokens/{owned['id']}", headers=_bearer(mine))
    assert response.status_code == 404
    assert client.get("/api/v1/me", headers=_bearer(owned["token"])).status_code == 200


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"expires_in_days": 0}, "1 to 365 days"),
        ({"expires_in_days": 366}, "1 to 365 days"),
        ({"expires_in_days": "7"}, "whole number"),
        ({"expires_in_days": True}, "whole number"),
        ({"name": "x" * 101}, "at most 100"),
        ({"name": 5}, "must be a string"),
        ({"name": "nul\x00"}, "cannot be stored"),
    ],
)
def test_bad_token_options_are_a_400(client, factories, extra, message):
    user = factories.user()
    response = client.post(
        "/api/v1/tokens", json={"email": user.email, "password": PASSWORD, **extra}
    )
    assert response.status_code == 400
    assert message in response.get_json()["error"]["message"]


def test_tokens_are_stored_as_digests(app, client, factories):
    user = factories.user()
    token = _new_token(client, user)["token"]
    with app.app_context():
        stored = db.session.execute(select(ApiToken.token_hash)).scalar_one()
    assert token not in stored
    assert stored == hashlib.sha256(token.encode()).hexdigest()


class TestBearerNeverFallsBackToTheCookie:
    """A request with an Authorization header is judged by it alone."""

    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    @pytest.mark.parametrize(
        "header", ["Bearer made-up", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 300]
    )
    def test_a_bad_authorization_header_is_401_even_with_a_session(self, client, factories, header):
        user = factories.user()
        page = client.get("/auth/login").get_data(as_text=True)
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        client.post(
            "/auth/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf}
        )
        assert client.get("/api/v1/me").status_code == 200  # the session works on its own
        assert client.get("/api/v1/me", headers={"Authorization": header}).status_code == 401
        # A write with the bad header neither skips CSRF nor rides on the cookie.
        response = client.post("/api/v1/review/undo", headers={"Authorization": header}, json={})
        assert response.status_code == 401

    def test_a_session_write_still_needs_the_csrf_header(self, client, factories):
        user = factories.user()
        page = client.get("/auth/login").get_data(as_text=True)
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        client.post(
            "/auth/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf}
        )
        assert client.post("/api/v1/review/undo", json={}).status_code == 400
        token = re.search(
            r'name="csrf-token" content="([^"]+)"', client.get("/").get_data(as_text=True)
        ).group(1)
        undo = client.post("/api/v1/review/undo", json={}, headers={"X-CSRFToken": token})
        assert undo.status_code != 400 or undo.get_json()["error"]["code"] != "csrf"

    def test_a_valid_token_needs_no_csrf_and_sets_no_cookie(self, client, factories):
        user = factories.user()
        token = _new_token(client, user)["token"]
        response = client.post("/api/v1/review/undo", headers=_bearer(token), json={})
        assert response.status_code in (200, 400)
        assert (
            response.get_json()["error"]["code"] != "csrf" if response.status_code == 400 else True
        )
        assert "Set-Cookie" not in response.headers


def test_pages_ignore_bearer_tokens(client, factories):
    user = factories.user()
    token = _new_token(client, user)["token"]
    response = client.get("/auth/account", headers=_bearer(token))
    assert response.status_code == 302  # pages are for browsers: log in


def test_token_page_creates_lists_and_revokes(app, client, auth, factories):
    user = factories.user()
    auth.login(user.email)
    made = client.post("/auth/tokens", data={"name": "my laptop", "days": "90"})
    assert made.status_code == 201
    page = made.get_data(as_text=True)
    secret = re.search(r'<code class="token">([^<]+)</code>', page).group(1)
    assert "my laptop" in page
    assert client.get("/api/v1/me", headers=_bearer(secret)).status_code == 200
    listing = client.get("/auth/tokens").get_data(as_text=True)
    assert "my laptop" in listing and secret not in listing
    with app.app_context():
        token_id = db.session.execute(select(ApiToken.id)).scalar_one()
    assert client.post(f"/auth/tokens/{token_id}/revoke").status_code == 302
    assert client.get("/api/v1/me", headers=_bearer(secret)).status_code == 401
    assert "You have no API token" in client.get("/auth/tokens").get_data(as_text=True)


def test_token_page_refuses_a_bad_choice(client, auth, factories):
    auth.login_new()
    response = client.post("/auth/tokens", data={"name": "x", "days": "1000"})
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)
