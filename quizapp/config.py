"""Settings from the environment, with safe defaults.

Every variable is optional; ``make run`` needs none of them.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit


def _secret_key(instance_path: Path) -> str:
    """``QUIZAPP_SECRET_KEY`` if set; otherwise a random key written once into ``instance/``."""
    from_env = os.environ.get("QUIZAPP_SECRET_KEY") or os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _mail_settings() -> dict[str, object]:
    """SMTP for password-reset and sign-up mail; off unless ``QUIZAPP_SMTP_HOST`` is set.

    Links in mail are built from ``QUIZAPP_BASE_URL``, never from the request's Host header
    (which a client chooses): a reset link must not point at someone else's site.
    """
    base_url = os.environ.get("QUIZAPP_BASE_URL", "").strip().rstrip("/")
    host = urlsplit(base_url).hostname or "localhost"
    return {
        "BASE_URL": base_url,
        "SMTP_HOST": os.environ.get("QUIZAPP_SMTP_HOST", "").strip(),
        "SMTP_PORT": _int("QUIZAPP_SMTP_PORT", 587),
        "SMTP_USERNAME": os.environ.get("QUIZAPP_SMTP_USERNAME", ""),
        "SMTP_PASSWORD": os.environ.get("QUIZAPP_SMTP_PASSWORD", ""),
        # starttls (port 587), ssl (port 465) or none (a relay on the same machine).
        "SMTP_SECURITY": os.environ.get("QUIZAPP_SMTP_SECURITY", "starttls").strip().lower(),
        "MAIL_FROM": os.environ.get("QUIZAPP_MAIL_FROM") or f"quizapp <no-reply@{host}>",
    }


def from_environment(
    instance_path: Path, overrides: dict[str, object] | None = None
) -> dict[str, object]:
    """The configuration of a running app, read from ``QUIZAPP_*`` variables.

    ``overrides`` (the test config) may bring its own SECRET_KEY, so none is written.
    """
    overrides = overrides or {}
    default_db = f"sqlite:///{instance_path / 'quizapp.db'}"
    redis_url = os.environ.get("QUIZAPP_REDIS_URL")
    https = _bool("QUIZAPP_HTTPS", False)
    return {
        "SECRET_KEY": overrides.get("SECRET_KEY") or _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("QUIZAPP_DATABASE_URL", default_db),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Secure cookies when the site is served over https (set QUIZAPP_HTTPS=1 behind TLS).
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": https,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        # Strict-Transport-Security on every response once the site is served over https.
        "HSTS": https,
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are believed
        # (werkzeug's ProxyFix); 0 trusts none, so a client cannot choose its own address.
        "TRUSTED_PROXIES": _int("QUIZAPP_TRUSTED_PROXIES", 0),
        # How long a login lasts on the server: "keep me logged in" or just this visit.
        "REMEMBER_COOKIE_DURATION": timedelta(days=_int("QUIZAPP_REMEMBER_DAYS", 30)),
        "SESSION_LIFETIME": timedelta(hours=_int("QUIZAPP_SESSION_HOURS", 12)),
        "API_TOKEN_DAYS": _int("QUIZAPP_API_TOKEN_DAYS", 30),
        "RESET_TOKEN_LIFETIME": timedelta(minutes=_int("QUIZAPP_RESET_MINUTES", 60)),
        "SIGNUP_LINK_LIFETIME": timedelta(hours=24),
        **_mail_settings(),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "MAX_UPLOAD_BYTES": int(os.environ.get("QUIZAPP_MAX_UPLOAD_MB", "5")) * 1024 * 1024,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_ENABLED": _bool("QUIZAPP_RATELIMIT", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Shared by every route that takes a password or an email: login, API tokens, sign-up,
        # password reset.  Per client address, and per account (the email sent).
        "LOGIN_RATE_LIMIT": os.environ.get("QUIZAPP_LOGIN_RATE_LIMIT", "10 per minute"),
        "ACCOUNT_RATE_LIMIT": os.environ.get("QUIZAPP_ACCOUNT_RATE_LIMIT", "10 per 15 minutes"),
        # Several workers keep in-memory counts each: refused unless this says it is meant.
        "ALLOW_MEMORY_LIMITS": _bool("QUIZAPP_ALLOW_MEMORY_LIMITS", False),
        # argon2id cost; tests lower it, production keeps argon2-cffi's defaults.
        "PASSWORD_HASH_TIME_COST": int(os.environ.get("QUIZAPP_HASH_TIME_COST", "3")),
        "PASSWORD_HASH_MEMORY_KIB": int(os.environ.get("QUIZAPP_HASH_MEMORY_KIB", "65536")),
        "LOAD_ARTICLE_BANK": True,
    }
