"""``make bench-login``: does the login's answer time tell which emails have an account?

For each engine, an app with the production argon2id cost (the defaults of
``QUIZAPP_HASH_TIME_COST`` / ``QUIZAPP_HASH_MEMORY_KIB``) and one account; then
``POST /auth/login`` with a wrong password, alternately for that account's email and for
unknown emails, ``--rounds`` times each (after a warm-up), timed around the whole request in
this process.  Target (issue 16): the medians within 10% of each other.  Writes
``bench/login_timing.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import secrets
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.db import DEFAULT_PG_ADMIN_URL, create_target, drop_target, migrate

HERE = Path(__file__).resolve().parent
PASSWORD = "the account's real passphrase"
TARGET_RATIO = 1.10


def _login(client: Any, email: str) -> float:
    started = time.perf_counter()
    response = client.post("/auth/login", data={"email": email, "password": "a wrong guess!"})
    elapsed = time.perf_counter() - started
    assert response.status_code == 401, response.status_code
    return elapsed * 1000


def measure(engine: str, rounds: int, pg_admin_url: str, workdir: Path) -> dict[str, Any]:
    from quizapp import create_app
    from quizapp.extensions import db
    from quizapp.services import accounts
    from quizapp.web import hash_settings, now

    secret_key = secrets.token_hex(16)
    target = create_target(engine, workdir, pg_admin_url=pg_admin_url, label="login")
    try:
        migrate(target, secret_key)
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": target.url,
                "SECRET_KEY": secret_key,
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
            }
        )
        with app.test_request_context():
            settings = hash_settings()
            accounts.create_user(
                db.session,
                email="known@example.com",
                password=PASSWORD,
                now=now(),
                hashing=settings,
            )
            db.session.remove()
        client = app.test_client()
        for n in range(3):  # warm-up: connections, templates, the dummy hash
            _login(client, "known@example.com")
            _login(client, f"warmup{n}@example.com")
        known, unknown = [], []
        for n in range(rounds):
            known.append(_login(client, "known@example.com"))
            unknown.append(_login(client, f"nobody{n}@example.com"))
        with app.app_context():
            db.engine.dispose()
    finally:
        drop_target(target)
    known_median, unknown_median = statistics.median(known), statistics.median(unknown)
    ratio = max(known_median, unknown_median) / min(known_median, unknown_median)
    return {
        "engine": engine,
        "rounds": rounds,
        "argon2": {"time_cost": settings.time_cost, "memory_kib": settings.memory_kib},
        "known_email_median_ms": round(known_median, 2),
        "unknown_email_median_ms": round(unknown_median, 2),
        "ratio": round(ratio, 3),
        "within_10_percent": ratio <= TARGET_RATIO,
        "known_ms": [round(v, 2) for v in known],
        "unknown_ms": [round(v, 2) for v in unknown],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL)
    parser.add_argument("--out", type=Path, default=HERE / "login_timing.json")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as workdir:
        for engine in args.engines.split(","):
            result = measure(engine, args.rounds, args.pg_admin_url, Path(workdir))
            results.append(result)
            print(
                f"{engine}: known {result['known_email_median_ms']} ms, unknown "
                f"{result['unknown_email_median_ms']} ms (median of {args.rounds}); "
                f"ratio {result['ratio']} -> {'met' if result['within_10_percent'] else 'MISSED'}"
            )
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "target": "median login time for known and unknown emails within 10%",
        "results": results,
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
