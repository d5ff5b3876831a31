"""Serving the app for the benchmark and the crash test: gunicorn with the production
configuration (``deploy/gunicorn.conf.py``), started, checked, stopped or killed."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.db import ROOT, Target, app_env

CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
APP = "quizapp:create_app()"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def gunicorn_command() -> list[str]:
    script = Path(sys.executable).parent / "gunicorn"
    if script.exists():
        return [str(script), "-c", str(CONFIG), APP]
    return [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), APP]


class Server:
    """One gunicorn master and its workers, in a session of their own."""

    def __init__(
        self,
        target: Target,
        *,
        secret_key: str,
        port: int,
        log_path: Path,
        extra_env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.target = target
        # The scale test runs each instance from a folder of its own, as on its own host.
        self.cwd = cwd or ROOT
        self.port = port
        self.log_path = log_path
        self.env = app_env(target, secret_key)
        self.env.update(
            QUIZAPP_BIND=f"127.0.0.1:{port}",
            QUIZAPP_LOG_LEVEL="warning",
        )
        # The load never logs in by password, so per-worker rate-limit counts are harmless
        # here; said explicitly, as the app asks (QUIZAPP_REDIS_URL, if set, still wins).
        self.env.setdefault("QUIZAPP_ALLOW_MEMORY_LIMITS", "1")
        self.env.update(extra_env or {})
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def workers_expected(self) -> int:
        value = self.env.get("QUIZAPP_WORKERS", "").strip()
        return int(value) if value else 2 * (os.cpu_count() or 1) + 1

    def start(self, timeout_s: float = 90.0) -> None:
        """Start and wait until every worker answers /healthz (or raise)."""
        log = open(self.log_path, "ab")  # noqa: SIM115 (kept open for the child's life)
        self.process = subprocess.Popen(
            gunicorn_command(),
            cwd=self.cwd,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited ({self.process.returncode}); see {self.log_path}"
                )
            if len(self.worker_pids()) >= self.workers_expected and self._healthy():
                # Every worker imports the app after it forks: let them all finish.
                for _ in range(4 * self.workers_expected):
                    self._healthy()
                return
            time.sleep(0.2)
        self.kill()
        raise RuntimeError(f"gunicorn did not start within {timeout_s} s; see {self.log_path}")

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.base_url + "/healthz", timeout=5) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        pid = self.process.pid
        try:
            text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        except OSError:
            return []
        return [int(part) for part in text.split()]

    def stop(self, timeout_s: float = 40.0) -> None:
        """A graceful stop (SIGTERM: requests in flight finish), then SIGKILL if needed."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self, order: list[str] | None = None) -> list[int]:
        """SIGKILL the master and every worker (in ``order``: "master" first or "workers"
        first); returns the pids killed."""
        if self.process is None:
            return []
        workers = self.worker_pids()
        master = self.process.pid
        sequence = (
            [master, *workers] if (order or ["master"])[0] == "master" else [*workers, master]
        )
        for pid in sequence:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        # Orphaned workers are reparented; make sure none survives to hold the port.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.05)
        return sequence


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.split(")")[-1].split()[0] != "Z"
