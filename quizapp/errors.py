"""Error pages and JSON errors: a message a person understands, never a traceback."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from quizapp.extensions import db
from quizapp.services.errors import ServiceError

FRIENDLY = {
    400: "The request could not be understood.",
    401: "Please log in first.",
    403: "You do not have access to this page.",
    404: "There is nothing here.",
    405: "That action is not allowed here.",
    413: "That upload is too large.",
    429: "Too many attempts. Please wait a minute and try again.",
    500: "Something went wrong on our side. Nothing you sent was half-saved; please try again.",
}


def wants_json() -> bool:
    return request.path.startswith("/api/") or (request.accept_mimetypes.best == "application/json")


def json_error(status: int, code: str, message: str) -> tuple[Response, int]:
    return jsonify({"error": {"code": code, "message": message}}), status


def _render(status: int, code: str, message: str) -> tuple[Response | str, int]:
    if wants_json():
        return json_error(status, code, message)
    return render_template("errors/error.html", status=status, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[Response | str, int]:
        message = "The form expired or was sent from elsewhere. Reload the page and try again."
        return _render(400, "csrf", message)

    @app.errorhandler(ServiceError)
    def service_error(error: ServiceError) -> tuple[Response | str, int]:
        db.session.rollback()
        return _render(error.status, error.code, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[Response | str, int] | HTTPException:
        status = error.code or 500
        if status < 400:
            return error
        description = error.description if _is_custom(error) else None
        message = description or FRIENDLY.get(status, error.name)
        code = (error.name or "error").lower().replace(" ", "_")
        return _render(status, code, message)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[Response | str, int]:
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return _render(500, "internal_error", FRIENDLY[500])


def _is_custom(error: HTTPException) -> bool:
    """Werkzeug's stock descriptions talk to developers; ours talk to people."""
    return error.description != type(error).description and not isinstance(
        error, InternalServerError
    )
