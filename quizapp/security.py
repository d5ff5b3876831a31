"""Security headers on every response: no inline script, no framing, no sniffing, no
copy kept in a cache, and HSTS once the site is served over https (``QUIZAPP_HTTPS=1``).

``Cache-Control: no-store`` goes on every response but the static files (which change only
with a release): nearly every page and API answer carries answers, a student's work or
grades, an account's details, a token or at least a form's CSRF token, and a response
that is not kept cannot be read back from a shared computer's cache or a proxy.  A view
that sets its own ``Cache-Control`` keeps it (downloads say ``private, no-store``).
"""

from __future__ import annotations

from flask import Flask, Response, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


NO_STORE = "no-store"

#: A year, the value HSTS preload lists ask for; subdomains are left to their own owners.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"


def register(app: Flask) -> None:
    hsts = bool(app.config.get("HSTS"))

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if hsts:
            response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
        if request.endpoint != "static":
            response.headers.setdefault("Cache-Control", NO_STORE)
        return response
