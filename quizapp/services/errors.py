"""Errors a service raises when a request cannot be carried out.

Each carries a message a person understands, a machine code for the JSON API and the HTTP
status that fits.  Nothing has been written when one is raised.
"""

from __future__ import annotations


class ServiceError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class ValidationFailed(ServiceError):
    status = 400
    code = "invalid"


class NotAuthenticated(ServiceError):
    status = 401
    code = "unauthenticated"


class Forbidden(ServiceError):
    status = 403
    code = "forbidden"


class NotFound(ServiceError):
    """Also used for what exists but is not the caller's, so ids do not leak."""

    status = 404
    code = "not_found"


class Conflict(ServiceError):
    status = 409
    code = "conflict"
