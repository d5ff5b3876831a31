"""Rate limits on everything that takes a password or an email, shared across routes and
workers, and the start-up check that keeps them shared.

Two buckets, each shared by every route below (``/auth/login``, ``POST /api/v1/tokens``,
sign-up, both password-reset steps, the password change):

* per client address (``QUIZAPP_LOGIN_RATE_LIMIT``): ``request.remote_addr``, which is the
  real client only behind proxies named by ``QUIZAPP_TRUSTED_PROXIES`` (ProxyFix);
* per account (``QUIZAPP_ACCOUNT_RATE_LIMIT``): the email sent, in its canonical form, so
  many addresses cannot take turns guessing one account's password.

A login or a token request counts when it fails; sign-up and reset requests count every
time (each one hashes a password or sends mail).  Counts live in Flask-Limiter's storage:
Redis with ``QUIZAPP_REDIS_URL``, otherwise the worker's memory, which several workers do
not share: so a production app with several workers and in-memory counts refuses to start,
unless ``QUIZAPP_ALLOW_MEMORY_LIMITS=1`` says that is meant.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask import Flask, Response, current_app, request
from flask_login import current_user

from quizapp.extensions import limiter
from quizapp.services.accounts import canonical_email

F = TypeVar("F", bound=Callable[..., Any])

IP_SCOPE = "credentials-per-client"
ACCOUNT_SCOPE = "credentials-per-account"

MEMORY_LIMITS_REFUSED = (
    "Refusing to start: {workers} workers would each keep their own in-memory rate-limit "
    "counts, so login limits would not hold. Set QUIZAPP_REDIS_URL (shared counts), or run one "
    "worker, or set QUIZAPP_ALLOW_MEMORY_LIMITS=1 to accept per-worker counts."
)


def _ip_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit() -> str:
    return current_app.config["ACCOUNT_RATE_LIMIT"]


def _sent_email() -> str:
    """The account a request is about: the email in its form or JSON body, else the
    logged-in user's (a password change)."""
    email = request.form.get("email")
    if email is None and request.is_json:
        body = request.get_json(silent=True)
        email = body.get("email") if isinstance(body, dict) else None
    if not isinstance(email, str) or not email.strip():
        email = current_user.email if current_user.is_authenticated else ""
    if not email:
        return ""
    # A lone surrogate from a JSON body cannot be a Redis key: keep the rest of the address.
    return canonical_email(email)[:254].encode("utf-8", "replace").decode("utf-8")


def _account_key() -> str:
    return "account:" + _sent_email()


def _no_account() -> bool:
    return not _sent_email()


def _failed(response: Response) -> bool:
    return response.status_code >= 400 and response.status_code != 429


def credential_limits(*, count: str = "failures") -> Callable[[F], F]:
    """Both shared limits on a route's POST.  ``count="failures"`` for routes a person
    repeats when they succeed (logging in); ``"every"`` where every request costs."""
    deduct = _failed if count == "failures" else None
    per_client = limiter.shared_limit(
        _ip_limit, scope=IP_SCOPE, methods=["POST"], deduct_when=deduct
    )
    per_account = limiter.shared_limit(
        _account_limit,
        scope=ACCOUNT_SCOPE,
        key_func=_account_key,
        exempt_when=_no_account,
        methods=["POST"],
        deduct_when=deduct,
    )

    def decorate(view: F) -> F:
        return per_client(per_account(view))  # type: ignore[return-value]

    return decorate


# ------------------------------------------------------------------- the start-up check


def worker_count(environ: dict[str, str] | None = None, argv: list[str] | None = None) -> int:
    """How many processes serve this app: ``QUIZAPP_WORKERS`` (``deploy/gunicorn.conf.py``
    sets it to gunicorn's final count), ``WEB_CONCURRENCY`` (gunicorn's own default), or
    gunicorn's ``-w``/``--workers`` on the command line; 1 when none says."""
    environ = os.environ if environ is None else environ
    argv = sys.argv if argv is None else argv
    for name in ("QUIZAPP_WORKERS", "WEB_CONCURRENCY"):
        value = environ.get(name, "").strip()
        if value.isdigit():
            return int(value)
    if argv and os.path.basename(argv[0]).startswith("gunicorn"):
        parser = argparse.ArgumentParser(add_help=False)
        parser.add_argument("-w", "--workers", type=int, default=1)
        known, _ = parser.parse_known_args(argv[1:])
        return known.workers
    return 1


def _unshared(config: Mapping[str, Any], workers: int) -> bool:
    """Several workers, limits on, each counting in its own memory."""
    storage = str(config.get("RATELIMIT_STORAGE_URI", "memory://"))
    return workers > 1 and config.get("RATELIMIT_ENABLED", True) and storage.startswith("memory:")


def refusal(config: Mapping[str, Any], workers: int) -> str | None:
    """Why a production start must be refused, or None (see the module's doc)."""
    if _unshared(config, workers) and not config.get("ALLOW_MEMORY_LIMITS"):
        return MEMORY_LIMITS_REFUSED.format(workers=workers)
    return None


def check_storage(app: Flask, workers: int | None = None) -> None:
    """Refuse a production start whose limits would not be shared; warn when that is
    overridden.  ``deploy/gunicorn.conf.py`` applies the same rule in gunicorn's master,
    which then stops before starting any worker."""
    if app.debug or app.testing:
        return
    workers = worker_count() if workers is None else workers
    problem = refusal(app.config, workers)
    if problem:
        raise RuntimeError(problem)
    if _unshared(app.config, workers):
        app.logger.warning(
            "Rate limits are kept in each worker's memory (%d workers, "
            "QUIZAPP_ALLOW_MEMORY_LIMITS=1): a client gets up to %d times the login limit. "
            "Set QUIZAPP_REDIS_URL to share them.",
            workers,
            workers,
        )
