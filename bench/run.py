"""``make bench``: build a realistic database, serve it with gunicorn, load it with wrk, time
the due query and the GIFT import, and write bench/results.json and bench/results.md.

    python -m bench.run                      # the full run (scale 1), both engines
    python -m bench.run --scale 0.01 --duration 2 --engines sqlite   # a smoke run

See bench/README.md for what is measured and how to read it.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import appside, datagen, gift_bench, load, report
from bench.db import DEFAULT_PG_ADMIN_URL, create_target, drop_target, loader_for, migrate
from bench.server import Server, free_port

HERE = Path(__file__).resolve().parent
STAGE_KEYS = ("10k", "100k", "1m")
STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:7.1f}s] {message}", flush=True)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 10k students, 1M states")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per load cell")
    parser.add_argument("--clients", default="1,8,32", help="concurrent connections per cell")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument(
        "--endpoints",
        default=",".join(key for key, _ in report.ENDPOINTS),
        help="which endpoints to load (healthz is always measured)",
    )
    parser.add_argument(
        "--pg-admin-url",
        default=os.environ.get("QUIZAPP_BENCH_POSTGRES_URL", DEFAULT_PG_ADMIN_URL),
        help="where the benchmark may CREATE and DROP its database",
    )
    parser.add_argument("--seed", type=int, default=20190323)
    parser.add_argument("--due-samples", type=int, default=200)
    parser.add_argument("--gift-questions", type=int, default=10_000)
    parser.add_argument(
        "--review-rps-ceiling",
        type=float,
        default=800.0,
        help="due cards set aside per second of POST /review load (enough never to run out)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--markdown", type=Path, default=HERE / "results.md")
    parser.add_argument("--workdir", type=Path, default=None, help="for the SQLite files")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also replay each endpoint in process under pyinstrument (bench/profiles/)",
    )
    parser.add_argument("--profile-count", type=int, default=300)
    parser.add_argument("--no-http", action="store_true", help="skip gunicorn and wrk")
    return parser.parse_args(argv)


# ----------------------------------------------------------------------------- machine


def machine_info(pg_admin_url: str) -> dict[str, Any]:
    import gunicorn

    cpu_model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = str(round(int(line.split()[1]) / 1024 / 1024))
                break
    except OSError:
        pass
    postgres = "PostgreSQL ?"
    try:
        import psycopg

        from bench.db import pg_admin_dsn

        with psycopg.connect(pg_admin_dsn(pg_admin_url)) as connection:
            version = connection.execute("SHOW server_version").fetchone()
            postgres = f"PostgreSQL {version[0].split()[0]}" if version else postgres
    except Exception:  # noqa: BLE001 - informational only
        pass
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    workers = int(os.environ.get("QUIZAPP_WORKERS") or 2 * (os.cpu_count() or 1) + 1)
    threads = int(os.environ.get("QUIZAPP_THREADS") or 1)
    worker_class = "gthread" if threads > 1 else "sync"
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu_model": cpu_model,
        "memory_gb": memory,
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres,
        "gunicorn": gunicorn.__version__,
        "server": f"deploy/gunicorn.conf.py: {workers} {worker_class} workers"
        + (f" x {threads} threads" if threads > 1 else ""),
        "load_generator": (wrk.stdout or wrk.stderr).split("[")[0].strip() or "wrk",
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# ---------------------------------------------------------------------------- requests


def request_sets(
    *,
    article: appside.ArticleDeck,
    tokens: dict[int, str],
    get_users: Sequence[int],
    attempts: dict[int, appside.OpenAttempt],
    review_pools: dict[int, list[list[tuple[int, int]]]],
    clients: int,
    cookies: dict[int, str],
) -> dict[str, list[list[load.Request]]]:
    """For one concurrency level: per endpoint, the request list of each connection."""
    users = list(get_users[:clients])
    review_next = f"/api/v1/review/next?set={article.set_id}"
    sets: dict[str, list[list[load.Request]]] = {
        "healthz": [[load.Request("GET", "/healthz")] for _ in range(clients)],
        "review_next": [[load.Request("GET", review_next, tokens[u])] for u in users],
        "quiz_page": [],
        "quiz_save": [],
        "review_post": [],
    }
    for user in users:
        attempt = attempts[user]
        sets["quiz_page"].append(
            [
                load.Request(
                    "GET", f"/quiz/attempts/{attempt.attempt_id}/q/{n}", cookie=cookies[user]
                )
                for n in range(1, attempt.questions + 1)
            ]
        )
        saves = []
        for key, first, second in attempt.choices:
            path = (
                f"/api/v1/attempts/{attempt.attempt_id}/answers/{urllib.parse.quote(key, safe='')}"
            )
            for choice in (first, second):
                body = '{"response": "' + choice + '"}'
                saves.append(load.Request("PUT", path, tokens[user], body))
        sets["quiz_save"].append(saves)
    for lines in review_pools[clients]:
        sets["review_post"].append(
            [
                load.Request(
                    "POST",
                    "/api/v1/review",
                    tokens[user],
                    review_body(card),
                )
                for user, card in lines
            ]
        )
    return sets


def review_body(card: int) -> str:
    """A rating of 3 (good); wrk puts a unique review_id in place of {RID}."""
    return f'{{"card_id": {card}, "rating": 3, "review_id": "{{RID}}", "duration_ms": 4200}}'


def due_cards(app: Any, first_user: int, now: datetime) -> list[tuple[int, int]]:
    """(user, card) of every review card due now, students after ``first_user``, by user."""
    from sqlalchemy import bindparam, text

    from quizapp.extensions import db
    from quizapp.models.types import UTCDateTime

    statement = text(
        "SELECT user_id, card_id FROM card_states WHERE state = 2 AND due < :now "
        "AND suspended = :no AND reps > 0 AND user_id >= :first ORDER BY user_id, due, card_id"
    ).bindparams(bindparam("now", type_=UTCDateTime()))
    with app.app_context():
        rows = db.session.execute(statement, {"now": now, "no": False, "first": first_user}).all()
        db.session.remove()
    return [(int(u), int(c)) for u, c in rows]


def review_pools(
    cards: list[tuple[int, int]], levels: Sequence[int], budget: int, profile: int = 0
) -> tuple[dict[int, list[list[tuple[int, int]]]], tuple[int, int], list[tuple[int, int]]]:
    """Due cards for POST /review, split so that no user is shared between connections or
    levels: each connection gets whole users until it has ``budget / clients`` cards.
    Returns the pools, one spare (user, card) for the preflight request, and ``profile``
    cards of other users for the in-process profile."""
    by_user: dict[int, list[int]] = {}
    for user, card in cards:
        by_user.setdefault(user, []).append(card)
    users = list(by_user)
    spare_user = users.pop()
    spare = (spare_user, by_user[spare_user][0])
    profiled: list[tuple[int, int]] = []
    while users and len(profiled) < profile:
        user = users.pop()
        profiled.extend((user, card) for card in by_user[user])
    available = sum(len(by_user[u]) for u in users)
    budget = min(budget, available // max(1, len(levels)))
    pools: dict[int, list[list[tuple[int, int]]]] = {}
    cursor = 0
    for clients in levels:
        quota = max(1, math.ceil(budget / clients))
        connections: list[list[tuple[int, int]]] = []
        for _ in range(clients):
            lines: list[tuple[int, int]] = []
            while len(lines) < quota and cursor < len(users):
                user = users[cursor]
                cursor += 1
                lines.extend((user, card) for card in by_user[user])
            if not lines:  # out of users: reuse the last ones (their requests will fail)
                lines = [(users[-1], by_user[users[-1]][0])]
            connections.append(lines)
        pools[clients] = connections
    return pools, spare, profiled


# ------------------------------------------------------------------------------ engine


def bench_engine(
    engine: str,
    args: argparse.Namespace,
    *,
    workdir: Path,
    secret_key: str,
    password_hash_box: list[str],
    gift_bank: Any,
    results: dict[str, Any],
) -> None:
    sizes = datagen.Sizes.at(args.scale)
    levels = [int(c) for c in args.clients.split(",")]
    wanted = set(args.endpoints.split(",")) | {"healthz"}
    started = time.perf_counter()
    log(f"{engine}: creating and migrating the database")
    target = create_target(engine, workdir, pg_admin_url=args.pg_admin_url, label="bench")
    app = None
    server = None
    try:
        migrate(target, secret_key)
        app = appside.make_app(target, secret_key)
        now = datetime.now(UTC)
        article = appside.load_article(app, now)
        if not password_hash_box:
            password_hash_box.append(appside.hash_password(app, datagen.BENCH_PASSWORD))
        appside.dispose(app)  # SQLite: the loader needs the file to itself
        loader = loader_for(target)
        next_ids = {
            t: datagen._next_id(loader, t) for t in ("users", "question_sets", "questions", "cards")
        }
        plan = datagen.make_plan(
            sizes,
            seed=args.seed,
            now=now,
            next_ids=next_ids,
            article_set_id=article.set_id,
            article_card_ids=article.card_ids,
            article_questions=article.questions,
        )
        timings: list[appside.DueTiming] = []

        def on_stage(states: int, users: list[int]) -> None:
            if engine == "postgresql":
                loader.execute("ANALYZE card_states")  # what autovacuum does after a load
                loader.commit()
            timing = appside.time_due_query(
                target.url, users, states, samples=args.due_samples, seed=args.seed
            )
            timings.append(timing)
            log(
                f"  due query at {states:,} states: median {timing.median_ms:.3f} ms, "
                f"p95 {timing.p95_ms:.3f} ms, {timing.mean_rows:.1f} rows; plan: {timing.plan}"
            )

        log(f"{engine}: generating and loading the data (scale {args.scale})")
        built = datagen.build(
            loader, plan, password_hash=password_hash_box[0], on_stage=on_stage, log=log
        )
        loader.close()
        os.sync()  # the loaded gigabytes reach the disk now, not during the measurements
        build_s = time.perf_counter() - started
        log(f"{engine}: database built in {build_s:.1f} s")
        data = results.setdefault("data", {"rows": {}, "build_s": {}, "seconds": {}})
        data["rows"] = dict(built.rows)
        data["build_s"][engine] = round(build_s, 1)
        data["seconds"][engine] = {k: round(v, 2) for k, v in built.seconds.items()}

        by_engine = results.setdefault("due_query_ms_by_engine", {})
        by_engine[engine] = {
            key: round(t.median_ms, 4) for key, t in zip(STAGE_KEYS, timings, strict=False)
        }
        results.setdefault("due_query_p95_ms_by_engine", {})[engine] = {
            key: round(t.p95_ms, 4) for key, t in zip(STAGE_KEYS, timings, strict=False)
        }
        results.setdefault("due_query_plan", {})[engine] = timings[-1].plan if timings else ""
        results["due_query_states"] = {
            key: t.states for key, t in zip(STAGE_KEYS, timings, strict=False)
        }
        results["due_query_rows_mean"] = round(timings[-1].mean_rows, 1) if timings else None

        # The load driver's students: tokens, attempts, due cards.
        tokens = {user: datagen.token_for(user, args.seed) for user in plan.student_ids}
        get_users = list(plan.student_ids)[: max(levels)]
        log(f"{engine}: opening {len(get_users)} quiz attempts")
        attempts = {
            a.user_id: a for a in appside.open_attempts(app, get_users, article.set_id, args.seed)
        }
        cookies = appside.login_cookies(app, get_users)
        cards = due_cards(app, get_users[-1] + 1, datetime.now(UTC))
        budget = int(args.duration * args.review_rps_ceiling)
        # warm-up, a timed pass and a profiled pass, each on cards of its own
        profile_cards = 2 * args.profile_count + 20 if args.profile else 0
        pools, spare, profiled = review_pools(cards, levels, budget, profile_cards)
        log(
            f"{engine}: {len(cards):,} review cards due now; "
            f"{sum(len(lines) for lines in pools[levels[-1]]):,} set aside at {levels[-1]} clients"
        )
        if args.profile:
            _profile(
                app, engine, args, article, tokens, get_users, attempts, profiled, results, cookies
            )
        appside.dispose(app)
        if args.no_http:
            return

        port = free_port()
        server = Server(
            target,
            secret_key=secret_key,
            port=port,
            log_path=workdir / f"gunicorn-{engine}.log",
        )
        log(f"{engine}: starting gunicorn on port {port}")
        server.start()
        _preflight(server.base_url, tokens, article, attempts, get_users[0], spare, cookies)
        data_dir = workdir / f"wrk-{engine}"
        _warm_up(server.base_url, data_dir, tokens, get_users, article)
        # Level by level, /healthz right before and right after the endpoints of that level:
        # each ratio is to the mean of the two, so a machine that drifts (other processes,
        # the database's own background work) moves both sides of the ratio alike.
        measured: dict[tuple[str, int], dict[str, Any]] = {}
        healthz_after: dict[int, dict[str, Any]] = {}
        order = [key for key, _ in report.ENDPOINTS if key in wanted]

        def cell(key: str, clients: int, requests: list[list[load.Request]]) -> dict[str, Any]:
            load.write_requests(data_dir, requests)
            time.sleep(1.0)
            loadavg = [round(x, 2) for x in os.getloadavg()]
            result = load.run_wrk(
                server.base_url,  # type: ignore[union-attr]
                data_dir,
                clients=clients,
                duration_s=args.duration,
                run_id=f"{engine}-{key}-{clients}-{secrets.token_hex(3)}",
            )
            row = load.as_dict(result)
            row["loadavg_before"] = loadavg
            log(
                f"  {engine} {key:<12} c={clients:<3} {result.rps:8.1f} rps  "
                f"p50 {result.p50_ms:6.2f}  p95 {result.p95_ms:6.2f}  "
                f"p99 {result.p99_ms:6.2f} ms  errors {sum(result.errors.values())}  "
                f"wrk {row['driver_cpu_share']:.2f} core"
            )
            return row

        for clients in levels:
            sets = request_sets(
                article=article,
                tokens=tokens,
                get_users=get_users,
                attempts=attempts,
                review_pools=pools,
                clients=clients,
                cookies=cookies,
            )
            for key in order:
                measured[(key, clients)] = cell(key, clients, sets[key])
            healthz_after[clients] = cell("healthz", clients, sets["healthz"])
        server.stop()
        server = None
        for (key, clients), row in measured.items():
            before = measured[("healthz", clients)]["rps"]
            after = healthz_after[clients]["rps"]
            http = report.http_row(engine, key, row, (before + after) / 2)
            http["healthz_rps_before_after"] = [before, after]
            results["http"].append(http)

        # The GIFT import's save, into this engine's full database.
        if gift_bank is not None:
            # Three saves (three new sets), the median: one save is a few seconds of a
            # machine that other processes share.
            app = appside.make_app(target, secret_key)
            saves = []
            for _ in range(3):
                seconds, added = gift_bench.time_save(app, gift_bank, plan.instructor_ids[0])
                saves.append(round(seconds, 3))
            gift = results.setdefault("gift_import", {})
            gift.setdefault("save_s_by_engine", {})[engine] = sorted(saves)[1]
            gift.setdefault("save_runs_s", {})[engine] = saves
            gift.setdefault("saved_rows", added)
            log(f"{engine}: saved the GIFT set ({added:,} questions and cards): {saves} s")
            appside.dispose(app)
            app = None
    finally:
        if server is not None:
            server.kill()
        if app is not None:
            appside.dispose(app)
        if args.keep:
            log(f"{engine}: kept the database at {target.url}")
        else:
            drop_target(target)


def _profile(
    app: Any,
    engine: str,
    args: argparse.Namespace,
    article: appside.ArticleDeck,
    tokens: dict[int, str],
    get_users: Sequence[int],
    attempts: dict[int, appside.OpenAttempt],
    profiled: list[tuple[int, int]],
    results: dict[str, Any],
    cookies: dict[int, str],
) -> None:
    from bench import profiling

    sets = request_sets(
        article=article,
        tokens=tokens,
        get_users=get_users,
        attempts=attempts,
        review_pools={1: [profiled]},
        clients=1,
        cookies=cookies,
    )
    out_dir = HERE / "profiles"
    summary = results.setdefault("in_process_ms", {}).setdefault(engine, {})
    for key, _ in report.ENDPOINTS:
        requests = sets[key][0]
        measured = profiling.profile_endpoint(
            app, f"{engine}-{key}", requests, out_dir, count=args.profile_count
        )
        summary[key] = measured
        log(f"  profiled {engine} {key}: {measured}")


def _preflight(
    base_url: str,
    tokens: dict[int, str],
    article: appside.ArticleDeck,
    attempts: dict[int, appside.OpenAttempt],
    user: int,
    spare: tuple[int, int],
    cookies: dict[int, str],
) -> None:
    """One request of each kind, checked, before any load: a wrong setup fails loudly here
    rather than as a table of fast 4xx answers."""
    attempt = attempts[user]
    key, choice, _ = attempt.choices[0]
    checks = [
        load.Request("GET", "/healthz"),
        load.Request("GET", f"/api/v1/review/next?set={article.set_id}", tokens[user]),
        load.Request("GET", f"/quiz/attempts/{attempt.attempt_id}/q/1", cookie=cookies[user]),
        load.Request(
            "PUT",
            f"/api/v1/attempts/{attempt.attempt_id}/answers/{urllib.parse.quote(key, safe='')}",
            tokens[user],
            '{"response": "' + choice + '"}',
        ),
        load.Request(
            "POST",
            "/api/v1/review",
            tokens[spare[0]],
            review_body(spare[1]),
        ),
    ]
    for request in checks:
        status, body = load.send(base_url, request)
        if status != 200:
            raise RuntimeError(
                f"preflight {request.method} {request.path}: {status} {body[:300]!r}"
            )


def _warm_up(
    base_url: str,
    data_dir: Path,
    tokens: dict[int, str],
    users: Sequence[int],
    article: appside.ArticleDeck,
) -> None:
    """Every worker imports its modules, fills its pool and caches before measuring."""
    load.write_requests(data_dir, [[load.Request("GET", "/healthz")]] * 8)
    load.run_wrk(base_url, data_dir, clients=8, duration_s=2, run_id="warm")
    path = f"/api/v1/review/next?set={article.set_id}"
    load.write_requests(data_dir, [[load.Request("GET", path, tokens[u])] for u in users[:8]])
    load.run_wrk(base_url, data_dir, clients=min(8, len(users)), duration_s=2, run_id="warm")


# -------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    load.wrk_path()  # fail early without wrk
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="quizapp-bench-", dir=args.workdir))
    secret_key = secrets.token_hex(32)
    results: dict[str, Any] = {
        "machine": machine_info(args.pg_admin_url),
        "scale": args.scale,
        "duration_s": args.duration,
        "seed": args.seed,
        "http": [],
    }
    log(f"work folder {workdir}; machine {results['machine']}")

    log(f"GIFT: generating {args.gift_questions:,} questions and parsing them with both parsers")
    parsed = gift_bench.run_parse(args.gift_questions, args.seed)
    results["gift_import"] = {
        "questions": parsed.questions,
        "parse_s": round(parsed.parse_s, 4),
        "save_s": None,
        "pygiftparser_parse_s": round(parsed.pygiftparser_parse_s, 4),
        "pygiftparser_misread": parsed.pygiftparser_misread,
        "project_understood": parsed.project_understood,
        "project_errors": parsed.project_errors,
        "pygiftparser_questions": parsed.pygiftparser_questions,
        "pygiftparser_understood": parsed.pygiftparser_understood,
        "pygiftparser_misread_by_kind": parsed.misread_by_kind,
    }
    log(
        f"GIFT: project parse {parsed.parse_s:.3f} s ({parsed.project_understood} understood), "
        f"pygiftparser {parsed.pygiftparser_parse_s:.3f} s ({parsed.pygiftparser_misread} misread: "
        f"{parsed.misread_by_kind})"
    )
    if args.profile:
        gift_bench.profile_parse(parsed.text, HERE / "profiles" / "gift-parse.txt")
    password_hash_box: list[str] = []
    try:
        for engine in engines:
            bench_engine(
                engine,
                args,
                workdir=workdir,
                secret_key=secret_key,
                password_hash_box=password_hash_box,
                gift_bank=parsed.bank,
                results=results,
            )
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    endpoint_order = [key for key, _ in report.ENDPOINTS]
    results["http"].sort(
        key=lambda row: (
            engines.index(row["engine"]),
            endpoint_order.index(row["key"]),
            row["clients"],
        )
    )
    by_engine = results.get("due_query_ms_by_engine", {})
    primary = "sqlite" if "sqlite" in by_engine else next(iter(by_engine), None)
    results["due_query_ms"] = dict(by_engine.get(primary, {})) if primary else {}
    results["due_query_engine"] = primary
    results["due_query_source"] = (
        "quizapp.services.reviews.due_query: one student's due states joined to their cards, "
        "executed through the DBAPI cursor"
    )
    results["due_query_samples"] = args.due_samples
    gift = results["gift_import"]
    saves = gift.get("save_s_by_engine") or {}
    gift["save_s"] = saves.get("sqlite", next(iter(saves.values()), None))
    results["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["total_s"] = round(time.monotonic() - STARTED, 1)
    report.write(results, args.out, args.markdown, strict=not args.no_http)
    log(f"wrote {args.out} and {args.markdown} in {results['total_s']:.0f} s")
    if not args.no_http:
        print(report.markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
