"""The load driver: wrk (Debian's package) with ``bench/wrk/requests.lua``.

Why wrk: it is a C event loop that sends a few hundred thousand requests a second on one
core, so at the few thousand this 2-core machine serves it is never the bottleneck (each
row of results.json records the share of a core wrk used: ``driver_cpu_share``); it measures
latency per request with microsecond histograms; and its Lua hooks let every connection be
a different student with its own bearer token and request list.  A Python generator would
need a core of its own to keep up and would compete with the server for the same two.

Each connection gets a file of requests (``write_requests``); ``run_wrk`` runs one level of
concurrency for a fixed duration and returns what the Lua ``done`` hook wrote.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WRK_SCRIPT = Path(__file__).resolve().parent / "wrk" / "requests.lua"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    token: str = ""
    body: str = ""
    #: A ``Cookie`` header (the HTML pages authenticate with the login session's cookie).
    cookie: str = ""

    def line(self) -> str:
        for part in (self.method, self.path, self.token, self.body, self.cookie):
            if "\t" in part or "\n" in part:
                raise ValueError(f"tabs and newlines cannot go in a request line: {part!r}")
        return f"{self.method}\t{self.path}\t{self.token}\t{self.cookie}\t{self.body}"


@dataclass(frozen=True)
class LoadResult:
    clients: int
    requests: int
    duration_s: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int]
    wraps: int
    #: CPU seconds wrk itself used (user + system), to show it is not the bottleneck.
    driver_cpu_s: float = 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def wrk_path() -> str:
    found = shutil.which("wrk")
    if not found:
        raise SystemExit(
            "wrk is not installed: `apt-get install -y wrk` (Debian's package) and run again."
        )
    return found


def write_requests(directory: Path, per_client: Sequence[Sequence[Request]]) -> None:
    """One file per connection: conn_1.tsv ... conn_N.tsv."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("conn_*.tsv"):
        old.unlink()
    for number, requests in enumerate(per_client, start=1):
        if not requests:
            raise ValueError(f"client {number} has no requests")
        text = "\n".join(r.line() for r in requests) + "\n"
        (directory / f"conn_{number}.tsv").write_text(text)


def run_wrk(
    base_url: str,
    data_dir: Path,
    *,
    clients: int,
    duration_s: float,
    run_id: str,
    timeout_s: float = 10.0,
) -> LoadResult:
    """``clients`` connections (one thread each) for ``duration_s`` seconds."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    env = dict(os.environ, BENCH_WRK_DATA=str(data_dir), BENCH_WRK_OUT=str(out))
    env["BENCH_RUN_ID"] = run_id
    command = [
        wrk_path(),
        f"-t{clients}",
        f"-c{clients}",
        f"-d{max(1, round(duration_s))}s",
        f"--timeout={round(timeout_s)}s",
        "-s",
        str(WRK_SCRIPT),
        base_url,
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        completed = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=duration_s + 60
        )
        if completed.returncode != 0 or not out.stat().st_size:
            raise RuntimeError(
                f"wrk failed ({completed.returncode}): {completed.stderr.strip()[-2000:]}"
            )
        data = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    driver_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    duration = data["duration_us"] / 1e6
    latency = data["latency_us"]
    return LoadResult(
        clients=clients,
        requests=data["requests"],
        duration_s=duration,
        rps=data["requests"] / duration if duration else 0.0,
        p50_ms=latency["p50"] / 1000,
        p95_ms=latency["p95"] / 1000,
        p99_ms=latency["p99"] / 1000,
        max_ms=latency["max"] / 1000,
        errors={k: int(v) for k, v in data["errors"].items()},
        wraps=int(data["wraps"]),
        driver_cpu_s=driver_cpu,
    )


def send(base_url: str, request: Request, timeout: float = 30.0) -> tuple[int, bytes]:
    """One request with the standard library (preflight checks, not load)."""
    headers = {}
    if request.token:
        headers["Authorization"] = f"Bearer {request.token}"
    if request.cookie:
        headers["Cookie"] = request.cookie
    data = None
    if request.body:
        headers["Content-Type"] = "application/json"
        data = request.body.replace("{RID}", "preflight").encode()
    http_request = urllib.request.Request(
        base_url + request.path, data=data, headers=headers, method=request.method
    )
    try:
        with _OPENER.open(http_request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer of its own here (a 302 where a page was expected is wrong)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def as_dict(result: LoadResult) -> dict[str, Any]:
    return {
        "clients": result.clients,
        "requests": result.requests,
        "duration_s": round(result.duration_s, 3),
        "rps": round(result.rps, 1),
        "p50_ms": round(result.p50_ms, 2),
        "p95_ms": round(result.p95_ms, 2),
        "p99_ms": round(result.p99_ms, 2),
        "max_ms": round(result.max_ms, 2),
        "errors": result.errors,
        "wraps": result.wraps,
        "driver_cpu_share": round(result.driver_cpu_s / result.duration_s, 3)
        if result.duration_s
        else None,
    }
