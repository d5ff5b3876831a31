"""Settings from the environment, with safe defaults.

Every variable is optional; ``make run`` needs none of them.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


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


def from_environment(
    instance_path: Path, overrides: dict[str, object] | None = None
) -> dict[str, object]:
    """The configuration of a running app, read from ``QUIZAPP_*`` variables.

    ``overrides`` (the test config) may bring its own SECRET_KEY, so none is written.
    """
    overrides = overrides or {}
    default_db = f"sqlite:///{instance_path / 'quizapp.db'}"
    redis_url = os.environ.get("QUIZAPP_REDIS_URL")
    return {
        "SECRET_KEY": overrides.get("SECRET_KEY") or _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("QUIZAPP_DATABASE_URL", default_db),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Secure cookies when the site is served over https (set QUIZAPP_HTTPS=1 behind TLS).
        "SESSION_COOKIE_SECURE": _bool("QUIZAPP_HTTPS", False),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _bool("QUIZAPP_HTTPS", False),
        "PREFERRED_URL_SCHEME": "https" if _bool("QUIZAPP_HTTPS", False) else "http",
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "MAX_UPLOAD_BYTES": int(os.environ.get("QUIZAPP_MAX_UPLOAD_MB", "5")) * 1024 * 1024,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_ENABLED": _bool("QUIZAPP_RATELIMIT", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("QUIZAPP_LOGIN_RATE_LIMIT", "10 per minute"),
        # argon2id cost; tests lower it, production keeps argon2-cffi's defaults.
        "PASSWORD_HASH_TIME_COST": int(os.environ.get("QUIZAPP_HASH_TIME_COST", "3")),
        "PASSWORD_HASH_MEMORY_KIB": int(os.environ.get("QUIZAPP_HASH_MEMORY_KIB", "65536")),
        "LOAD_ARTICLE_BANK": True,
    }
