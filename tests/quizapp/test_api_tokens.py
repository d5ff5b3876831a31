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
