"""API tokens and the JSON error format."""

from __future__ import annotations

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
    assert response.get_json()["error"]["code"] == "unauthenticated"


def test_openapi_document_lists_the_endpoints(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert "/tokens" in document["paths"]


def test_unreadable_credentials_are_a_plain_401(client, factories):
    user = factories.user()
    for email, password in [
        ("a\x00b@example.com", "whatever password"),
        (user.email, "bad \ud800 surrogate"),
        (user.email, "nul\x00inside"),
    ]:
        response = client.post("/api/v1/tokens", json={"email": email, "password": password})
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "bad_credentials"


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
