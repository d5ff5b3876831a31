"""Tokens, the caller, and the OpenAPI document."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request
from flask_login import current_user

from quizapp.api import bp
from quizapp.api.auth import api_login_required
from quizapp.api.openapi import openapi_document
from quizapp.extensions import db, limiter
from quizapp.services import accounts
from quizapp.services.errors import ValidationFailed
from quizapp.web import hash_settings, now


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a 400 that says what is wrong with it."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationFailed("Send a JSON object with Content-Type: application/json.")
    return data


def string_field(data: dict[str, Any], name: str, *, max_length: int = 1000) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValidationFailed(f'"{name}" is required and must be a string.')
    if len(value) > max_length:
        raise ValidationFailed(f'"{name}" is too long.')
    return value


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.post("/tokens")
@limiter.limit(_login_limit)
def create_token() -> tuple[Response, int]:
    data = json_body()
    token = accounts.issue_token(
        db.session,
        email=string_field(data, "email", max_length=254),
        password=string_field(data, "password"),
        now=now(),
        hashing=hash_settings(),
    )
    return jsonify({"token": token}), 201


@bp.get("/me")
@api_login_required
def me() -> Response:
    return jsonify({"id": current_user.id, "email": current_user.email, "role": current_user.role})


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document())
