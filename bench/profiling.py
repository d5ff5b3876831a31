"""Where the time of one request goes: the benchmark's own requests, replayed in this process
through Flask's test client under pyinstrument, against the same database.

``python -m bench.run --profile`` writes one report per engine and endpoint to
``bench/profiles/`` and, from a pass without the profiler (whose own overhead roughly doubles
the time of a short request), the mean in-process time of each request and the SQL statements
it runs (no HTTP, no gunicorn: the app's own CPU and database time, which bounds what its
workers can serve per core).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench import load


def _call(client: Any, request: load.Request, number: int) -> int:
    headers = {"Authorization": f"Bearer {request.token}"} if request.token else {}
    if request.cookie:  # the test client sends its own cookie jar, not a Cookie header
        name, _, value = request.cookie.partition("=")
        client.set_cookie(name, value)
    body = request.body.replace("{RID}", f"profile-{number}") if request.body else None
    response = client.open(
        request.path,
        method=request.method,
        headers=headers,
        data=body,
        content_type="application/json" if body else None,
    )
    status = response.status_code
    response.close()
    return status


def profile_endpoint(
    app: Any,
    name: str,
    requests: Sequence[load.Request],
    out_dir: Path,
    *,
    count: int = 300,
    warm: int = 20,
) -> dict[str, Any]:
    """Replay ``requests`` (cycling) ``warm`` times, then ``count`` times timed and counting
    SQL statements, then ``count`` times under the profiler; write the report to
    ``out_dir/<name>.txt``; return the mean time and statements per request."""
    from pyinstrument import Profiler

    client = app.test_client()
    statuses: dict[int, int] = {}
    sequence = 0

    def replay(times: int) -> None:
        nonlocal sequence
        for _ in range(times):
            status = _call(client, requests[sequence % len(requests)], sequence)
            statuses[status] = statuses.get(status, 0) + 1
            sequence += 1

    replay(warm)
    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
    statements = 0
    first_request: list[str] = []  # the statements of one request, for the report

    def counted(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        nonlocal statements
        statements += 1
        if sequence == warm:
            first_request.append(" ".join(statement.split())[:160])

    event.listen(engine, "before_cursor_execute", counted)
    start = time.perf_counter()
    replay(count)
    elapsed = time.perf_counter() - start
    event.remove(engine, "before_cursor_execute", counted)

    profiler = Profiler(interval=0.0002)
    profiled_start = time.perf_counter()
    profiler.start()
    replay(count)
    profiler.stop()
    profiled = time.perf_counter() - profiled_start
    out_dir.mkdir(parents=True, exist_ok=True)
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    header = (
        f"# {name}: {count} requests in process, {elapsed / count * 1000:.2f} ms each "
        f"({profiled / count * 1000:.2f} ms under the profiler), "
        f"{statements / count:.1f} SQL statements each (statuses {statuses})\n"
        + "".join(f"#   SQL: {line}\n" for line in first_request)
    )
    (out_dir / f"{name}.txt").write_text(header + text)
    return {
        "requests": count,
        "mean_ms": round(elapsed / count * 1000, 3),
        "profiled_mean_ms": round(profiled / count * 1000, 3),
        "statements": round(statements / count, 2),
        "statuses": statuses,
    }
