"""Where the time of one request goes: the benchmark's own requests, replayed in this process
through Flask's test client under pyinstrument, against the same database.

``python -m bench.run --profile`` writes one report per engine and endpoint to
``bench/profiles/`` and the mean in-process time of each request (no HTTP, no gunicorn: the
app's own CPU and database time, which bounds what its workers can serve per core).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import load


def _call(client: Any, request: load.Request, number: int) -> int:
    headers = {"Authorization": f"Bearer {request.token}"} if request.token else {}
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
    """Replay ``requests`` (cycling) ``warm`` times, then ``count`` times under the
    profiler; write the report to ``out_dir/<name>.txt``; return the mean time."""
    from pyinstrument import Profiler

    client = app.test_client()
    statuses: dict[int, int] = {}
    sequence = 0
    for _ in range(warm):
        status = _call(client, requests[sequence % len(requests)], sequence)
        statuses[status] = statuses.get(status, 0) + 1
        sequence += 1
    profiler = Profiler(interval=0.0002)
    start = time.perf_counter()
    profiler.start()
    for _ in range(count):
        status = _call(client, requests[sequence % len(requests)], sequence)
        statuses[status] = statuses.get(status, 0) + 1
        sequence += 1
    profiler.stop()
    elapsed = time.perf_counter() - start
    out_dir.mkdir(parents=True, exist_ok=True)
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    header = (
        f"# {name}: {count} requests in process, {elapsed / count * 1000:.2f} ms each "
        f"(statuses {statuses})\n"
    )
    (out_dir / f"{name}.txt").write_text(header + text)
    return {"requests": count, "mean_ms": round(elapsed / count * 1000, 3), "statuses": statuses}
