"""The OpenAPI 3.1 document of /api/v1.  Each endpoint module adds its paths here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {
                    "type": "string",
                    "description": "What went wrong, for programs: e.g. bad_input (a NUL or "
                    "broken character anywhere in the request, a body nested deeper than 32 "
                    "levels, a whole number beyond 64 bits, NaN or Infinity, a body that is "
                    "not JSON), invalid_response, not_found, flashcards_closed",
                },
                "message": {"type": "string", "description": "For people"},
            },
        }
    },
}


def json_response(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def request_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def path_id(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


def error_responses(*statuses: int) -> dict[str, Any]:
    return {
        str(status): {
            "description": "Error",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for status in statuses
    }


TOKEN_SCHEMA = {
    "type": "object",
    "required": ["id", "name", "created_at", "expires_at", "current"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"},
        "expires_at": {"type": "string", "format": "date-time"},
        "current": {"type": "boolean", "description": "The token this request was sent with."},
    },
}

PATHS: dict[str, dict[str, Any]] = {
    "/tokens": {
        "post": {
            "summary": "Exchange an email and password for a bearer token",
            "description": (
                "The token is shown once; only its digest is kept.  It lasts "
                "`expires_in_days` (1 to 365; the site's default otherwise).  Failed "
                "attempts are limited per client address and per account (429)."
            ),
            "security": [],
            "requestBody": request_body(
                {
                    "type": "object",
                    "required": ["email", "password"],
                    "properties": {
                        "email": {"type": "string"},
                        "password": {"type": "string"},
                        "name": {"type": "string", "maxLength": 100},
                        "expires_in_days": {"type": "integer", "minimum": 1, "maximum": 365},
                    },
                }
            ),
            "responses": {
                "201": json_response(
                    {
                        "allOf": [
                            TOKEN_SCHEMA,
                            {
                                "type": "object",
                                "required": ["token"],
                                "properties": {"token": {"type": "string"}},
                            },
                        ]
                    },
                    "A new token",
                ),
                **error_responses(400, 401, 429),
            },
        },
        "get": {
            "summary": "The caller's API tokens still in force, newest first",
            "responses": {
                "200": json_response({"type": "array", "items": TOKEN_SCHEMA}, "The tokens"),
            },
        },
    },
    "/tokens/{token_id}": {
        "delete": {
            "summary": "Revoke one of the caller's tokens (it is refused from then on)",
            "parameters": [path_id("token_id")],
            "responses": {"204": {"description": "Revoked"}},
        }
    },
    "/me": {
        "get": {
            "summary": "The caller's account",
            "responses": {
                "200": {
                    "description": "The account",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["id", "email", "role"],
                                "properties": {
                                    "id": {"type": "integer"},
                                    "email": {"type": "string"},
                                    "role": {"type": "string", "enum": ["student", "instructor"]},
                                },
                            }
                        }
                    },
                },
                **error_responses(401),
            },
        }
    },
}

SCHEMAS: dict[str, Any] = {"Error": ERROR_SCHEMA}
#: Schemas made when the document is served, from what is registered then (the question
#: types: a type registered later is in the next document).
SCHEMA_BUILDERS: list[Callable[[], dict[str, Any]]] = []


def _with_common_errors(paths: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every operation documents the errors any request can meet, so no endpoint module has
    to repeat them: 401 when it needs a caller, 400 when it takes a body or any parameter
    (the input boundary refuses NUL and broken characters anywhere, with code
    ``bad_input``: ``quizapp.boundary``), 404 when its path names something (an unknown or
    someone else's id)."""
    methods = ("get", "post", "put", "patch", "delete")
    completed: dict[str, dict[str, Any]] = {}
    for path, item in paths.items():
        completed[path] = dict(item)
        for method, operation in item.items():
            if method not in methods:
                continue
            statuses = []
            if operation.get("security", None) != []:
                statuses.append(401)
            if "requestBody" in operation or operation.get("parameters") or "{" in path:
                statuses.append(400)
            if "{" in path:
                statuses.append(404)
            completed[path][method] = {
                **operation,
                "responses": {**error_responses(*statuses), **operation.get("responses", {})},
            }
    return completed


def openapi_document() -> dict[str, Any]:
    schemas = dict(SCHEMAS)
    for build in SCHEMA_BUILDERS:
        schemas.update(build())
    return {
        "openapi": "3.1.0",
        "info": {"title": "quizapp API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
        "paths": _with_common_errors(PATHS),
    }
