"""``make scaletest``: quizapp on several app hosts behind nginx, under load, one host
SIGKILLed at a time.

1. PostgreSQL (the running one, or started) gets a fresh database (``quizapp db upgrade``),
   the article deck and students with API tokens and a password (the crash test's
   ``_prepare``); Redis (a private ``redis-server``, or ``--redis-url``) keeps the rate-limit
   counts.
2. ``--instances`` gunicorn instances with ``deploy/gunicorn.conf.py``, each in a folder of
   its own (working directory, TMPDIR, log) on its own port, sharing only the database URL,
   the Redis URL and the secret key; nginx from Debian in front, unprivileged, on a high
   port, with ``deploy/nginx/quizapp-proxy.conf`` (what an administrator copies).
3. Load through nginx: the crash test's review client (``POST /api/v1/review``, unique
   ``review_id``s, resent until answered) and the quiz-answer client
   (``bench.scale_clients``, ``PUT`` of answers, resent until answered).
4. While the load runs: a cookie session works on every instance and a quiz is started with
   a form another instance issued (``check_session``); a quiz attempt is started, answered,
   read and submitted on different instances (``check_attempt``); the login limits are
   shared and count the real client's address, which a spoofed header does not change
   (``check_limits``).
5. ``--kills`` rounds: one instance (in turn) SIGKILLed, master and workers; for
   ``--window`` seconds requests through nginx must all succeed and none may be answered
   by the dead instance; it is started again and must get requests again.
6. The clients drain, everything stops, and the crash test's checks run over the database
   (every acknowledged review logged exactly once, every card its log's replay, amcheck),
   plus: every question's stored answer is its last acknowledged save; nginx's access log
   shows reviews and answers served by every instance.

Writes ``--out`` (``bench/scaletest.json``); exit status 1 if anything failed.

    python -m bench.scaletest                  # 3 instances, 6 kills, 60 s of load at least
    python -m bench.scaletest --short          # CI: 2 instances, 2 kills
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import appside, crashtest, datagen, scale_checks, scale_clients
from bench.db import DEFAULT_PG_ADMIN_URL, create_target, drop_target, migrate
from bench.scale_infra import Nginx, Redis, ensure_postgres, make_instances
from bench.server import Server

HERE = Path(__file__).resolve().parent
STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:7.1f}s] {message}", flush=True)


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def article_set_id(target: Any, secret_key: str) -> int:
    from sqlalchemy import select

    from quizapp.extensions import db
    from quizapp.models import QuestionSet
    from quizapp.services.question_sets import ARTICLE_BANK_KEY

    app = appside.make_app(target, secret_key)
    try:
        with app.app_context():
            query = select(QuestionSet.id).where(QuestionSet.builtin_key == ARTICLE_BANK_KEY)
            return int(db.session.execute(query).scalar_one())
    finally:
        appside.dispose(app)


def start_clients(args: argparse.Namespace, workdir: Path, port: int, accounts: list,
                  cards: list[int], attempts: list[dict[str, Any]]) -> dict[str, Any]:  # fmt: skip
    """The review client (the crash test's) and the answer client, both through nginx."""
    reviewers = accounts[: args.review_students]
    review_spec = {
        "port": port,
        "seed": args.seed,
        "cards": cards,
        "ack_path": str(workdir / "review-acks.jsonl"),
        "stats_path": str(workdir / "review-stats.json"),
        "max_seconds": args.max_seconds,
        "threads": [reviewers[i :: args.threads] for i in range(args.threads)],
    }
    answer_spec = {
        "port": port,
        "ack_path": str(workdir / "answer-acks.jsonl"),
        "stats_path": str(workdir / "answer-stats.json"),
        "max_seconds": args.max_seconds,
        "pause_s": 0.02,
        "threads": [attempts[i :: args.threads] for i in range(args.threads)],
    }
    processes = {}
    for name, spec, module in (
        ("reviews", review_spec, ["bench.crashtest", "client"]),
        ("answers", answer_spec, ["bench.scale_clients"]),
    ):
        path = workdir / f"{name}-spec.json"
        path.write_text(json.dumps(spec))
        processes[name] = subprocess.Popen(
            [sys.executable, "-m", *module, str(path)], cwd=HERE.parent
        )
    return {"processes": processes, "review": review_spec, "answer": answer_spec}


def drain(clients: dict[str, Any]) -> None:
    for process in clients["processes"].values():
        process.send_signal(signal.SIGTERM)
    for name, process in clients["processes"].items():
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise RuntimeError(f"the {name} client did not finish its retries") from None


def probe(proxy_port: int, token: str, seconds: float) -> dict[str, Any]:
    """GETs through nginx for ``seconds``: how many, how many failed, who answered."""
    by_instance: dict[str, int] = {}
    failed = 0
    count = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        got = scale_clients.request(proxy_port, "GET", "/api/v1/me", token=token, timeout=10)
        count += 1
        if got is None or got[0] != 200:
            failed += 1
        else:
            host = scale_checks.answered_by(got[1])
            by_instance[host] = by_instance.get(host, 0) + 1
        time.sleep(0.02)
    return {"requests": count, "failed": failed, "by_instance": by_instance}


def kill_rounds(args: argparse.Namespace, instances: list[Server], proxy: Nginx,
                token: str) -> list[dict[str, Any]]:  # fmt: skip
    rng = random.Random(args.seed)
    rounds = []
    for number in range(args.kills):
        victim = instances[number % len(instances)]
        address = f"127.0.0.1:{victim.port}"
        time.sleep(rng.uniform(0.5, 2.0))
        killed = victim.kill([rng.choice(["master", "workers"])])
        after = probe(proxy.port, token, args.window)
        started = time.monotonic()
        victim.start()
        rejoined = None
        while time.monotonic() - started < 30:
            seen = probe(proxy.port, token, 0.5)
            if seen["by_instance"].get(address):
                rejoined = round(time.monotonic() - started, 2)
                break
        result = {
            "round": number + 1,
            "instance": address,
            "processes_killed": len(killed),
            "after_kill": after,
            "answered_by_dead_instance": after["by_instance"].get(address, 0),
            "back_in_rotation_after_s": rejoined,
        }
        result["ok"] = (
            after["failed"] == 0
            and result["answered_by_dead_instance"] == 0
            and rejoined is not None
        )
        log(f"  kill {number + 1}: {address} ({len(killed)} processes); {json.dumps(after)}; "
            f"back after {rejoined} s")  # fmt: skip
        rounds.append(result)
    return rounds


def served_by_instance(access_log: Path) -> dict[str, dict[str, int]]:
    """From nginx's access log: successful reviews and answer saves per instance."""
    counts: dict[str, dict[str, int]] = {}
    for line in access_log.read_text().splitlines():
        parts = line.split(" ", 3)
        if len(parts) < 4 or parts[0] != "200":
            continue
        method, uri, upstream = parts[1], parts[2], parts[3].split(",")[-1].strip()
        if method == "POST" and uri == "/api/v1/review":
            kind = "reviews"
        elif method == "PUT" and "/answers/" in uri:
            kind = "answers"
        else:
            continue
        counts.setdefault(upstream, {"reviews": 0, "answers": 0})[kind] += 1
    return counts


def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    ensure_postgres(args.pg_admin_url)
    secret_key = secrets.token_hex(32)
    redis = Redis(workdir, args.redis_url)
    target = create_target("postgresql", workdir, pg_admin_url=args.pg_admin_url, label="scale")
    instances: list[Server] = []
    proxy: Nginx | None = None
    clients: dict[str, Any] | None = None
    report: dict[str, Any] = {"loadavg_before": loadavg()}
    try:
        redis_url = redis.start()
        migrate(target, secret_key)
        students = args.review_students + args.answer_students + 2
        accounts, cards = crashtest._prepare(target, secret_key, students, args.seed)
        set_id = article_set_id(target, secret_key)
        answerers = accounts[args.review_students : args.review_students + args.answer_students]
        app = appside.make_app(target, secret_key)
        opened = appside.open_attempts(app, [u for u, _ in answerers], set_id, args.seed)
        appside.dispose(app)
        tokens = dict(answerers)
        attempts = [
            {
                "user_id": a.user_id,
                "attempt_id": a.attempt_id,
                "token": tokens[a.user_id],
                "choices": [list(c) for c in a.choices],
            }  # fmt: skip
            for a in opened
        ]
        instances = make_instances(
            target, count=args.instances, workers=args.workers, secret_key=secret_key,
            redis_url=redis_url, workdir=workdir,
        )  # fmt: skip
        for instance in instances:
            instance.start()
        proxy = Nginx(workdir, [i.port for i in instances])
        proxy.start()
        log(f"{len(instances)} instances ({[i.port for i in instances]}), nginx on {proxy.port}")
        clients = start_clients(args, workdir, proxy.port, accounts, cards, attempts)
        time.sleep(2.0)
        ports = [i.port for i in instances]
        session_user = len(accounts) - 1  # crash{n}@bench.example, n = index + 1
        email = f"crash{session_user}@bench.example"
        report["session"] = scale_checks.check_session(
            proxy.port, ports, email, datagen.BENCH_PASSWORD, set_id
        )
        log(f"session: {json.dumps(report['session'])}")
        report["attempt"] = scale_checks.check_attempt(ports, accounts[-1][1], set_id)
        log(f"attempt: {json.dumps(report['attempt'])}")
        report["limits"] = scale_checks.check_limits(
            proxy.port, redis.client(), f"crash{len(accounts)}@bench.example", 10, 10, len(ports)
        )
        log(f"limits: {json.dumps(report['limits'])}")
        report["kills"] = kill_rounds(args, instances, proxy, accounts[-1][1])
        remaining = args.min_load_s - (time.monotonic() - STARTED)
        if remaining > 0:
            time.sleep(remaining)
        report["loadavg_under_load"] = loadavg()
        drain(clients)
        clients = None
        for instance in instances:
            instance.stop()
        proxy.stop()
        log("checking the database")
        review_acks = _read_jsonl(workdir / "review-acks.jsonl")
        answer_acks = _read_jsonl(workdir / "answer-acks.jsonl")
        report["reviews"] = crashtest.verify(target, secret_key, review_acks)
        report["reviews"]["client"] = json.loads((workdir / "review-stats.json").read_text())
        report["answers"] = scale_clients.verify_answers(target, secret_key, answer_acks)
        report["answers"]["client"] = json.loads((workdir / "answer-stats.json").read_text())
        report["served_by_instance"] = served_by_instance(proxy.folder / "access.log")
        return report
    finally:
        if clients is not None:
            for process in clients["processes"].values():
                process.kill()
                process.wait()
        for instance in instances:
            instance.kill()
        if proxy is not None:
            proxy.stop()
        redis.stop()
        if not args.keep:
            drop_target(target)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def verdict(report: dict[str, Any], instances: int) -> list[str]:
    """What failed, from the report (empty: everything passed)."""
    failures = []
    for name in ("session", "attempt", "limits"):
        if not report.get(name, {}).get("ok"):
            failures.append(f"{name}: {report.get(name, {}).get('problems')}")
    for entry in report.get("kills", []):
        if not entry["ok"]:
            failures.append(f"kill round {entry['round']}: {entry}")
    reviews = report.get("reviews", {})
    for key in ("acknowledged_missing", "acknowledged_duplicated", "acknowledged_mismatched",
                "replay_mismatches", "logs_without_state"):  # fmt: skip
        if reviews.get(key, 1):
            failures.append(f"reviews: {key} = {reviews.get(key)}")
    if reviews.get("integrity") != "ok":
        failures.append(f"integrity: {reviews.get('integrity')}")
    if not reviews.get("acknowledged"):
        failures.append("no review was acknowledged")
    answers = report.get("answers", {})
    if answers.get("answers_lost", 1) or not answers.get("answers_acknowledged"):
        failures.append(
            f"answers: {answers.get('answers_lost')} lost of {answers.get('questions_checked')}"
        )
    served = report.get("served_by_instance", {})
    busy = [h for h, c in served.items() if c["reviews"] and c["answers"]]
    if len(busy) < instances:
        failures.append(f"not every instance served reviews and answers: {served}")
    return failures


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Several app instances behind nginx, killed.")
    parser.add_argument("--short", action="store_true", help="the CI form: 2 instances, 2 kills")
    parser.add_argument("--instances", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument("--kills", type=int, default=None)
    parser.add_argument("--window", type=float, default=3.0, help="seconds probed after a kill")
    parser.add_argument("--min-load-s", type=float, default=None)
    parser.add_argument("--review-students", type=int, default=24)
    parser.add_argument("--answer-students", type=int, default=8)
    parser.add_argument("--threads", type=int, default=4, help="threads per load client")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("QUIZAPP_SCALE_REDIS_URL"),
        help="use this Redis instead of a private redis-server; a run within 15 minutes "
        "before on the same Redis left counts that fail the limit checks",
    )
    parser.add_argument(
        "--pg-admin-url",
        default=os.environ.get("QUIZAPP_BENCH_POSTGRES_URL", DEFAULT_PG_ADMIN_URL),
    )
    parser.add_argument("--out", type=Path, default=HERE / "scaletest.json")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args(argv)
    args.instances = args.instances or (2 if args.short else 3)
    args.kills = args.kills if args.kills is not None else (2 if args.short else 6)
    if args.min_load_s is None:
        args.min_load_s = 20.0 if args.short else 60.0
    if args.instances < 2:
        parser.error("--instances must be 2 or more")
    args.max_seconds = args.min_load_s + args.kills * 40 + 300
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quizapp-scale-") as folder:
        report = run(args, Path(folder))
    failures = verdict(report, args.instances)
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "instances": args.instances,
        "workers_per_instance": args.workers,
        "kills": args.kills,
        "cores": os.cpu_count(),
        **report,
        "loadavg_after": loadavg(),
        "total_s": round(time.monotonic() - STARTED, 1),
        "failures": failures,
        "ok": not failures,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    for failure in failures:
        log(f"FAILED {failure}")
    log(f"wrote {args.out}: {'OK' if not failures else 'FAILED'} in {result['total_s']} s")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
