"""The scale test's machinery: PostgreSQL and Redis (used if running, else started), app
instances that each live in a folder of their own as if on their own host, and nginx in
front of them, run as an unprivileged process from a configuration generated into a
temporary folder.

The proxy directives are not written here: the generated configuration includes
``deploy/nginx/quizapp-proxy.conf``, the file an administrator copies, so the test runs
what is shipped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psycopg

from bench.db import ROOT, Target, pg_admin_dsn
from bench.server import Server, free_port

PROXY_SNIPPET = ROOT / "deploy" / "nginx" / "quizapp-proxy.conf"
UPSTREAM_HEADER = "X-Quizapp-Upstream"
NOBODY_UID = 65534  # Debian's nobody / nogroup


def _as_root() -> bool:
    return os.geteuid() == 0


def ensure_postgres(admin_url: str) -> None:
    """PostgreSQL answering at ``admin_url``: started with Debian's ``pg_ctlcluster`` when it
    is installed but down (as root), otherwise a clear error."""
    if _pg_answers(admin_url):
        return
    if _as_root() and shutil.which("pg_ctlcluster") and Path("/etc/postgresql").is_dir():
        version = sorted(os.listdir("/etc/postgresql"), key=_version_key)[-1]
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False
        )
        for _ in range(30):
            if _pg_answers(admin_url):
                return
            time.sleep(1)
    raise SystemExit(
        f"scaletest: PostgreSQL does not answer at {admin_url}; start it, or set "
        "QUIZAPP_BENCH_POSTGRES_URL (a database where the test may CREATE DATABASE)"
    )


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(p) for p in name.split(".") if p.isdigit())


def _pg_answers(admin_url: str) -> bool:
    try:
        with psycopg.connect(pg_admin_dsn(admin_url), connect_timeout=3) as connection:
            connection.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


class Redis:
    """A Redis for the shared rate-limit counts: ``url`` if given (and answering), else a
    private ``redis-server`` on a free port, so nobody else's counts mix with the test's."""

    def __init__(self, workdir: Path, url: str | None) -> None:
        self.workdir = workdir
        self.url = url or ""
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        if self.url:
            self.client().ping()
            return self.url
        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("scaletest: redis-server is missing (apt-get install redis-server)")
        port = free_port()
        folder = self.workdir / "redis"
        folder.mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly"]
            + ["no", "--dir", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.url = f"redis://127.0.0.1:{port}/0"
        for _ in range(100):
            with contextlib.suppress(Exception):
                self.client().ping()
                return self.url
            time.sleep(0.05)
        raise RuntimeError("the private redis-server did not start")

    def client(self):  # noqa: ANN201 - redis.Redis
        import redis

        return redis.Redis.from_url(self.url, socket_timeout=5)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def make_instances(
    target: Target,
    *,
    count: int,
    workers: int,
    secret_key: str,
    redis_url: str,
    workdir: Path,
) -> list[Server]:
    """``count`` gunicorn instances with ``deploy/gunicorn.conf.py``; each has its own folder
    (working directory, TMPDIR, log) and port, and they share only the database URL, the
    Redis URL and the secret key."""
    instances = []
    for number in range(1, count + 1):
        host = workdir / f"host-{number}"
        (host / "tmp").mkdir(parents=True, exist_ok=True)
        port = free_port()
        extra = {
            "QUIZAPP_REDIS_URL": redis_url,
            # The app refuses to start on per-worker counts: the test proves they are shared.
            "QUIZAPP_ALLOW_MEMORY_LIMITS": "0",
            "QUIZAPP_TRUSTED_PROXIES": "1",
            "QUIZAPP_WORKERS": str(workers),
            "TMPDIR": str(host / "tmp"),
            # The project's code, not whatever an installed copy points at.
            "PYTHONPATH": str(ROOT),
        }
        server = Server(
            target,
            secret_key=secret_key,
            port=port,
            log_path=host / "gunicorn.log",
            extra_env=extra,
            cwd=host,
        )
        # Only what is shared crosses between hosts: drop anything else the app reads.
        for name in [n for n in server.env if n.startswith("QUIZAPP_") and n not in _SHARED]:
            if name not in extra and name not in ("QUIZAPP_BIND", "QUIZAPP_LOG_LEVEL"):
                del server.env[name]
        instances.append(server)
    return instances


_SHARED = ("QUIZAPP_DATABASE_URL", "QUIZAPP_SECRET_KEY")


class Nginx:
    """nginx from Debian in front of the instances, on a free high port, as ``nobody`` when
    this runs as root (any other user runs it as itself)."""

    def __init__(self, workdir: Path, upstreams: list[int], fail_timeout_s: int = 3) -> None:
        self.folder = workdir / "nginx"
        self.port = free_port()
        self.upstreams = upstreams
        self.fail_timeout_s = fail_timeout_s
        self.process: subprocess.Popen[bytes] | None = None

    def config(self) -> str:
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout={self.fail_timeout_s}s;"
            for port in self.upstreams
        )
        folder = self.folder
        temp = "\n".join(
            f"    {kind}_temp_path {folder / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        return f"""# Generated by bench/scaletest.py for one run.
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    log_format scale '$status $request_method $uri $upstream_addr';
    access_log {folder / "access.log"} scale;
{temp}
    upstream quizapp_app {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{self.port};
        location / {{
            proxy_pass http://quizapp_app;
            include {PROXY_SNIPPET};
            # Which instance answered (the last address when nginx moved to another one).
            add_header {UPSTREAM_HEADER} $upstream_addr always;
        }}
    }}
}}
"""

    def start(self) -> None:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise SystemExit("scaletest: nginx is missing (apt-get install nginx)")
        self.folder.mkdir(parents=True, exist_ok=True)
        conf = self.folder / "nginx.conf"
        conf.write_text(self.config())
        command = [
            binary,
            "-p",
            str(self.folder),
            "-c",
            str(conf),
            "-e",
            str(self.folder / "error.log"),
        ]
        command += ["-g", "daemon off;"]
        if _as_root():
            # Unprivileged: the folder is handed to nobody, and nginx never runs as root.
            os.chmod(self.folder.parent, 0o755)
            for path in [self.folder, *self.folder.iterdir()]:
                os.chown(path, NOBODY_UID, NOBODY_UID)
            command = ["setpriv", f"--reuid={NOBODY_UID}", f"--regid={NOBODY_UID}"] + [
                "--clear-groups",
                "--",
                *command,
            ]
        subprocess.run([*command[:-2], "-t"], check=True, capture_output=True)
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited; see {self.folder / 'error.log'}")
            with contextlib.suppress(OSError):
                import socket

                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            time.sleep(0.1)
        raise RuntimeError("nginx did not start listening")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
