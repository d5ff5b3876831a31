"""schemathesis against /api/v1/openapi.json, in process: generated requests to every
operation, as a logged-in student with a set, an attempt and due cards to act on.

Checks: no 5xx, every status code and content type is one the document declares, and every
response body matches its schema.  Bounded: QUIZAPP_SCHEMATHESIS_EXAMPLES per operation
(default 12), derandomized so that a failure is reproducible.
"""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import PASSWORD

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = int(os.environ.get("QUIZAPP_SCHEMATHESIS_EXAMPLES", "12"))


def _token(client, email: str) -> str:
    response = client.post("/api/v1/tokens", json={"email": email, "password": PASSWORD})
    return response.get_json()["token"]


def test_every_operation_matches_the_document(app, client, factories):
    factories.question_set()
    student = factories.user()
    headers = {"Authorization": f"Bearer {_token(client, student.email)}"}
    # Something to act on: an attempt in progress and a card under review.
    set_id = client.get("/api/v1/sets", headers=headers).get_json()[0]["id"]
    client.post(f"/api/v1/sets/{set_id}/attempts", headers=headers)

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:
        # A token of its own for each operation: DELETE /tokens/{id} may revoke the one it
        # is sent with (then 401s follow, as documented), but not the next operation's.
        headers = {"Authorization": f"Bearer {_token(client, student.email)}"}

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            # Called right below, within this iteration: the closure sees this iteration's.
            case.call_and_validate(headers=headers, checks=CHECKS)  # noqa: B023

        check()


def test_every_api_route_is_in_the_document(app, client):
    import re

    documented = {
        (path, method.upper())
        for path, item in client.get("/api/v1/openapi.json").get_json()["paths"].items()
        for method in item
    }
    routed = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint == "api.openapi":
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule[len("/api/v1") :])
        routed.update((path, m) for m in rule.methods - {"HEAD", "OPTIONS"})
    assert routed - documented == set()
    assert documented - routed == set()


# ------------------------------------------------------------------ hostile input

#: What no database stores, in every string the document declares; then whole bodies.
HOSTILE_TEXTS = ("Bag\x00houz", "Bag\ud800houz")
HOSTILE_BODIES = (
    "[" * 100_000 + "]" * 100_000,  # a RecursionError in any recursive reader
    '{"n": ' + "9" * 5_000 + "}",  # beyond Python's 4,300 digits and any column
    '{"n": NaN}',
    '{"n": 1e999}',
)


def _resolve(schema: dict, document: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        schema = document["components"]["schemas"][name]
    return schema


def _hostile_cases(operation, document: dict):
    """For one operation: each string parameter holding NUL, each string property of its
    JSON body holding NUL, then a lone surrogate; then each hostile body whole."""
    item = document["paths"][operation.path][operation.method.lower()]
    path_ints = {
        p["name"]: 1 if p["schema"].get("type") == "integer" else "q1"
        for p in item.get("parameters", [])
        if p["in"] == "path"
    }
    strings = [
        p
        for p in item.get("parameters", [])
        if p["schema"].get("type") == "string" and p["in"] in ("path", "query")
    ]
    content = item.get("requestBody", {}).get("content", {}).get("application/json")
    properties = _resolve(content["schema"], document).get("properties", {}) if content else {}
    for text in HOSTILE_TEXTS:
        # A lone surrogate cannot even be written in an address (no UTF-8 for it): a URL's
        # broken bytes arrive as U+FFFD.  It comes in JSON, as an escape.
        for parameter in strings if text == HOSTILE_TEXTS[0] else ():
            if parameter["in"] == "path":
                yield operation.Case(path_parameters={**path_ints, parameter["name"]: text})
            else:
                yield operation.Case(path_parameters=path_ints, query={parameter["name"]: text})
        for name, schema in properties.items():
            if _resolve(schema, document).get("type") == "string":
                yield operation.Case(path_parameters=path_ints, body={name: text})
    if content:
        for raw in HOSTILE_BODIES:
            yield operation.Case(path_parameters=path_ints, body=raw, media_type="text/plain")


def test_hostile_input_is_a_documented_400_never_a_500(app, client, factories):
    """NUL and lone surrogates in every declared string, bodies nested 100,000 deep, numbers
    of 5,000 digits, NaN and 1e999: every operation answers with a status its document
    declares (400 for the input itself), never a 5xx, on both engines."""
    student = factories.user()
    document = client.get("/api/v1/openapi.json").get_json()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    sent = 0
    for operation in (result.ok() for result in schema.get_all_operations()):
        headers = {"Authorization": f"Bearer {_token(client, student.email)}"}
        for case in _hostile_cases(operation, document):
            response = case.call(headers=headers)
            assert response.status_code < 500, (operation.path, case.body, response.text[:300])
            if response.status_code == 400:
                assert response.json()["error"]["code"] in ("bad_input", "invalid", "bad_request")
            case.validate_response(response, checks=[status_code_conformance])
            sent += 1
    assert sent > 50
