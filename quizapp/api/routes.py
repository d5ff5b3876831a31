"""Tokens, the caller, and the OpenAPI document."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request
from flask_login import current_user

from quizapp.api import bp
from quizapp.api.auth import api_login_required
from quizapp.api.openapi import openapi_document
from quizapp.extensions import db
from quizapp.limits import credential_limits
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


def _optional_name(data: dict[str, Any]) -> str | None:
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise ValidationFailed('"name" must be a string.')
    return name


def _expiry_days(data: dict[str, Any]) -> int:
    days = data.get("expires_in_days", current_app.config["API_TOKEN_DAYS"])
    if isinstance(days, bool) or not isinstance(days, int):
        raise ValidationFailed('"expires_in_days" must be a whole number of days.')
    return days


def _token_json(row: Any, secret: str | None = None) -> dict[str, Any]:
    data = row.as_dict()
    data["current"] = row.id == getattr(current_user, "api_token_id", None)
    if secret is not None:
        data["token"] = secret
    return data


@bp.post("/tokens")
@credential_limits(count="failures")
def create_token() -> tuple[Response, int]:
    data = json_body()
    secret, row = accounts.issue_token(
        db.session,
        email=string_field(data, "email", max_length=254),
        password=string_field(data, "password", max_length=accounts.MAX_PASSWORD_LENGTH),
        name=_optional_name(data),
        days=_expiry_days(data),
        now=now(),
        hashing=hash_settings(),
    )
    return jsonify(_token_json(row, secret)), 201


@bp.get("/tokens")
@api_login_required
def list_tokens() -> Response:
    rows = accounts.list_tokens(db.session, current_user.id, now())
    return jsonify([_token_json(row) for row in rows])


@bp.delete("/tokens/<int:token_id>")
@api_login_required
def revoke_token(token_id: int) -> tuple[str, int]:
    accounts.revoke_token(db.session, user_id=current_user.id, token_id=token_id)
    return "", 204


@bp.get("/me")
@api_login_required
def me() -> Response:
    return jsonify({"id": current_user.id, "email": current_user.email, "role": current_user.role})


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document())
