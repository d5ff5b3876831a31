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
