"""Gunicorn's production configuration for quizapp.

    gunicorn -c deploy/gunicorn.conf.py "quizapp:create_app()"

Every setting can be changed from the environment, so one file serves a laptop, a server and
the benchmark (``bench/run.py``), which runs the app with exactly this file:

===============================  =====================  ========================================
variable                         default                meaning
===============================  =====================  ========================================
``QUIZAPP_BIND``                 ``127.0.0.1:8000``     address(es) to listen on, comma-separated
``QUIZAPP_WORKERS``              2 x cores + 1          worker processes
``QUIZAPP_THREADS``              ``1``                  threads per worker (> 1: gthread worker)
``QUIZAPP_WORKER_CLASS``         ``sync`` / ``gthread`` ``sync`` when one thread, else ``gthread``
``QUIZAPP_TIMEOUT``              ``30``                 seconds a worker may be silent (killed)
``QUIZAPP_GRACEFUL_TIMEOUT``     ``30``                 seconds to finish requests on restart
``QUIZAPP_KEEPALIVE``            ``5``                  seconds an idle keep-alive connection lives
``QUIZAPP_MAX_REQUESTS``         ``0`` (never)          recycle a worker after this many requests
``QUIZAPP_ACCESS_LOG``           off                    ``-`` for stdout, or a file path
``QUIZAPP_LOG_LEVEL``            ``info``               error log level
===============================  =====================  ========================================

Decisions:

* **Workers = 2 x cores + 1** (gunicorn's own advice): the app is CPU-bound Python between
  short database calls, so about two processes per core keep every core busy while one
  waits on the database, and the extra one covers a worker that is being recycled.
* **Sync workers** by default: one request per process at a time, the simplest model to
  reason about with SQLite's single writer and with a worker killed mid-request (the crash
  test does this).  They close the connection after each response, so in production put a
  buffering proxy (nginx) in front, which also shields them from slow clients.  With
  ``QUIZAPP_THREADS`` > 1 the gthread worker is used instead (keep-alive, a few requests in
  flight per process); ``bench/results.md`` says which one the numbers were taken with.
* **preload_app off**: each worker imports and builds the app itself.  Preloading would
  share the master's memory pages but also anything the app opened while being built
  (database pools, the SQLite connection's state, file handles) with every forked worker,
  which is how connections end up shared between processes; it would also make a
  ``kill -HUP`` keep running the old code.  Starting 5 workers costs about a second.
* **Timeouts**: a request that keeps a worker silent for 30 s is a bug or a stuck database;
  the master kills and replaces that worker rather than letting requests pile up.  30 s of
  grace lets requests in flight finish on a restart.
* ``max_requests`` is off: nothing is known to leak; set it (with jitter) if memory grows.
* **Rate limits need Redis** with more than one worker: each worker would otherwise keep its
  own counts.  ``on_starting`` tells the app the final worker count (``QUIZAPP_WORKERS``),
  and the app refuses to start without ``QUIZAPP_REDIS_URL`` (or the explicit
  ``QUIZAPP_ALLOW_MEMORY_LIMITS=1``); see ``quizapp/limits.py``.
* Behind nginx, set ``QUIZAPP_TRUSTED_PROXIES=1`` so that limits see each client's address.
* **Several app hosts** (``docs/deployment.md``, ``deploy/nginx/``): each runs this file with
  ``QUIZAPP_BIND`` on its private address and ``QUIZAPP_FORWARDED_ALLOW_IPS`` naming the
  proxy; they share only ``QUIZAPP_DATABASE_URL`` (PostgreSQL), ``QUIZAPP_REDIS_URL`` and
  ``QUIZAPP_SECRET_KEY``.  ``make scaletest`` runs this file on several instances behind
  nginx and SIGKILLs them in turn.
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = [part.strip() for part in os.environ.get("QUIZAPP_BIND", "127.0.0.1:8000").split(",")]
workers = _int("QUIZAPP_WORKERS", 2 * multiprocessing.cpu_count() + 1)
threads = _int("QUIZAPP_THREADS", 1)
worker_class = os.environ.get("QUIZAPP_WORKER_CLASS") or ("gthread" if threads > 1 else "sync")
timeout = _int("QUIZAPP_TIMEOUT", 30)
graceful_timeout = _int("QUIZAPP_GRACEFUL_TIMEOUT", 30)
keepalive = _int("QUIZAPP_KEEPALIVE", 5)
max_requests = _int("QUIZAPP_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
backlog = 2048
preload_app = False

# The app's own limits are the real ones; these only refuse absurd request lines and headers.
limit_request_line = 8190
limit_request_fields = 100

accesslog = os.environ.get("QUIZAPP_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("QUIZAPP_LOG_LEVEL", "info")
proc_name = "quizapp"
# Behind a proxy on the same machine: trust its X-Forwarded-* headers only from loopback.
forwarded_allow_ips = os.environ.get("QUIZAPP_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def on_starting(server) -> None:  # noqa: ANN001 - gunicorn's Arbiter
    """Before any worker starts: hand the workers' app the count gunicorn settled on (the
    command line's ``-w`` included), and stop here if that many workers would keep their
    own rate-limit counts (gunicorn prints the RuntimeError and exits with status 1).

    The rule is ``quizapp.limits.refusal``'s, read from the same variables; the master does
    not import quizapp (so ``kill -HUP`` still loads new code), and each worker's app checks
    again when it starts."""
    workers = server.cfg.workers
    os.environ["QUIZAPP_WORKERS"] = str(workers)
    shared = bool(os.environ.get("QUIZAPP_REDIS_URL"))
    limits_on = _flag("QUIZAPP_RATELIMIT", True)
    if workers > 1 and limits_on and not shared and not _flag("QUIZAPP_ALLOW_MEMORY_LIMITS", False):
        raise RuntimeError(
            f"Refusing to start: {workers} workers would each keep their own in-memory "
            "rate-limit counts, so login limits would not hold. Set QUIZAPP_REDIS_URL (shared "
            "counts), or run one worker, or set QUIZAPP_ALLOW_MEMORY_LIMITS=1 to accept "
            "per-worker counts."
        )


def post_worker_init(worker: object) -> None:
    """Move everything the worker built while loading the app (modules, the app, its
    compiled templates and SQL) out of the garbage collector's sight: those objects live as
    long as the worker, and a full collection that walks them stalls a request for tens of
    milliseconds (``gc.freeze``, as the Python documentation advises for forking servers)."""
    import gc

    gc.freeze()
