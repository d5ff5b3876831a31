"""``make crashtest``: kill the server with SIGKILL under load, and check that nothing that was
acknowledged is lost, nothing is recorded twice, and every schedule is its log's replay.

For each engine (SQLite in WAL mode, PostgreSQL):

1. A fresh database (``quizapp db upgrade``), the article deck, and students with API
   tokens (bulk inserted; limits raised so every new card may be studied).
2. gunicorn with ``deploy/gunicorn.conf.py``, and a separate **client process** whose
   threads post reviews (``POST /api/v1/review``) for their own students, each with a
   unique ``review_id`` and a random rating (again, hard or good: the cards stay due longer).
   Every review answered 200 is appended to a file and fsynced before the next one.
   A request whose answer never came (the server died) is retried with the same
   ``review_id`` until it gets an answer: a retry of a review that was committed gets the
   first answer back (``retried``), one that was not is applied then.
3. ``--rounds`` times: after a random moment (seeded), SIGKILL the master and every worker
   (in a random order), wait a random moment, start gunicorn again.
4. After the last round the client finishes its pending retries and stops; the server is
   stopped, and the database is checked:

   * every acknowledged review is in ``review_logs`` exactly once (by user and review_id),
     with its card and rating;
   * every card state equals the replay of its log (``scheduling.replay`` with fsrs, fuzzing
     off, the settings each entry was made with) and every log has its state;
   * the database passes an integrity check: ``PRAGMA integrity_check`` and
     ``foreign_key_check`` on SQLite; on PostgreSQL ``amcheck`` (``bt_index_check`` with
     ``heapallindexed`` on every B-tree index) plus orphan and duplicate queries.

The counts go to ``bench/crashtest.json``; the exit status is 1 if anything is wrong.

    python -m bench.crashtest               # 20 rounds per engine
    python -m bench.crashtest --rounds 5    # the short form CI runs
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import appside, datagen
from bench.db import DEFAULT_PG_ADMIN_URL, Target, create_target, drop_target, migrate
from bench.server import Server, free_port

HERE = Path(__file__).resolve().parent
STARTED = time.monotonic()
RATINGS = (1, 2, 3)
RATING_WEIGHTS = (4, 3, 3)


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:7.1f}s] {message}", flush=True)


# ============================================================================ the client


class _Client:
    """One thread's students: post reviews until told to drain, then finish the pending."""

    def __init__(
        self,
        number: int,
        port: int,
        students: list[tuple[int, str]],
        cards: list[int],
        seed: int,
        ack_file: Any,
        ack_lock: threading.Lock,
        stop: threading.Event,
        deadline: float,
    ) -> None:
        self.number = number
        self.port = port
        self.rng = random.Random(seed * 1000 + number)
        self.students = students
        self.cards = {user: list(cards) for user, _ in students}
        self.ack_file = ack_file
        self.ack_lock = ack_lock
        self.stop = stop
        self.deadline = deadline
        self.counter = 0
        self.stats = {
            "sent": 0,
            "acknowledged": 0,
            "acknowledged_as_retry": 0,
            "no_answer": 0,
            "rejected_4xx": 0,
            "server_errors": 0,
            "retries": 0,
        }

    def _post(self, token: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        """The status and JSON answer, or None when no answer came (the server died)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            connection.request(
                "POST",
                "/api/v1/review",
                body=json.dumps(body),
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )
            response = connection.getresponse()
            raw = response.read()
            try:
                data = json.loads(raw) if raw else {}
            except ValueError:
                data = {"raw": raw[:200].decode(errors="replace")}
            return response.status, data
        except (OSError, http.client.HTTPException):
            return None
        finally:
            connection.close()

    def run(self) -> None:
        turn = 0
        while time.monotonic() < self.deadline:
            if self.stop.is_set():
                return
            active = [(u, t) for u, t in self.students if self.cards[u]]
            if not active:
                return
            user, token = active[turn % len(active)]
            turn += 1
            card = self.rng.choice(self.cards[user])
            rating = self.rng.choices(RATINGS, RATING_WEIGHTS)[0]
            self.counter += 1
            review_id = f"crash-{self.number}-{self.counter}"
            body = {"card_id": card, "rating": rating, "review_id": review_id, "duration_ms": 3000}
            self._settle(user, token, body)

    def _settle(self, user: int, token: str, body: dict[str, Any]) -> None:
        """Send until a definitive answer (the same review_id every time), or the deadline."""
        first = True
        while time.monotonic() < self.deadline:
            if not first:
                self.stats["retries"] += 1
            answer = self._post(token, body)
            if first:
                self.stats["sent"] += 1
            first = False
            if answer is None:
                self.stats["no_answer"] += 1
                time.sleep(0.05)
                continue
            status, data = answer
            if status == 200:
                self._acknowledge(user, body, data)
                return
            if status >= 500:
                # The request failed inside the app: it rolled back; the same id is retried.
                self.stats["server_errors"] += 1
                time.sleep(0.05)
                continue
            self.stats["rejected_4xx"] += 1
            code = (data.get("error") or {}).get("code") if isinstance(data, dict) else None
            if code in ("not_due", "suspended", "buried", "card_retired", "unknown_card"):
                if body["card_id"] in self.cards[user]:
                    self.cards[user].remove(body["card_id"])
            elif code == "new_limit":
                self.cards[user] = []
            return

    def _acknowledge(self, user: int, body: dict[str, Any], data: dict[str, Any]) -> None:
        self.stats["acknowledged"] += 1
        if data.get("retried"):
            self.stats["acknowledged_as_retry"] += 1
        line = json.dumps(
            {
                "user_id": user,
                "card_id": body["card_id"],
                "rating": body["rating"],
                "review_id": body["review_id"],
                "retried": bool(data.get("retried")),
            }
        )
        with self.ack_lock:
            self.ack_file.write(line + "\n")
            self.ack_file.flush()
            os.fsync(self.ack_file.fileno())


def run_clients(clients: Sequence[Any], stats_path: str) -> None:
    """Run each client's ``run`` in a thread of its own until all end, then write the sum of
    their ``stats`` to ``stats_path`` (JSON) for the parent process."""
    threads = [threading.Thread(target=c.run, daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    totals: dict[str, int] = {}
    for client in clients:
        for key, value in client.stats.items():
            totals[key] = totals.get(key, 0) + value
    Path(stats_path).write_text(json.dumps(totals))


def client_main(argv: Sequence[str]) -> int:
    """``python -m bench.crashtest client SPEC.json``: run until SIGTERM (drain) or deadline."""
    spec = json.loads(Path(argv[0]).read_text())
    stop = threading.Event()
    deadline = time.monotonic() + spec["max_seconds"]

    def drain(_signum: int, _frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, drain)
    lock = threading.Lock()
    clients = []
    with open(spec["ack_path"], "a") as ack_file:
        for number, students in enumerate(spec["threads"], start=1):
            clients.append(
                _Client(
                    number,
                    spec["port"],
                    [(int(u), t) for u, t in students],
                    spec["cards"],
                    spec["seed"],
                    ack_file,
                    lock,
                    stop,
                    deadline,
                )
            )
        run_clients(clients, spec["stats_path"])
    return 0


# ======================================================================== the controller


def _prepare(target: Target, secret_key: str, students: int, seed: int) -> tuple[list, list[int]]:
    """The article deck and ``students`` accounts with tokens; returns [(id, token)], cards."""
    from sqlalchemy import insert, select

    from quizapp.extensions import db
    from quizapp.models import ApiToken, User

    app = appside.make_app(target, secret_key)
    now = datetime.now(UTC)
    article = appside.load_article(app, now)
    password_hash = appside.hash_password(app, datagen.BENCH_PASSWORD)
    accounts = []
    with app.app_context():
        rows = [
            {
                "email": f"crash{n}@bench.example",
                "password_hash": password_hash,
                "role": "student",
                "created_at": now,
                "new_cards_per_day": 9999,
                "max_reviews_per_day": 9999,
            }
            for n in range(1, students + 1)
        ]
        db.session.execute(insert(User), rows)
        db.session.commit()
        users = db.session.execute(select(User.id).order_by(User.id)).scalars().all()
        tokens = []
        for user_id in users:
            token = datagen.token_for(user_id, seed)
            accounts.append((user_id, token))
            tokens.append(
                {
                    "user_id": user_id,
                    "token_hash": datagen.token_digest(token),
                    "name": "crash test",
                    "created_at": now,
                    "expires_at": now + timedelta(days=7),
                }
            )
        db.session.execute(insert(ApiToken), tokens)
        db.session.commit()
        db.session.remove()
    appside.dispose(app)
    return accounts, article.card_ids


def crash_engine(engine: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    secret_key = secrets.token_hex(32)
    rng = random.Random(args.seed)
    target = create_target(engine, workdir, pg_admin_url=args.pg_admin_url, label="crash")
    server: Server | None = None
    client: subprocess.Popen[bytes] | None = None
    try:
        migrate(target, secret_key)
        accounts, cards = _prepare(target, secret_key, args.students, args.seed)
        port = free_port()
        server = Server(
            target, secret_key=secret_key, port=port, log_path=workdir / f"crash-{engine}.log"
        )
        ack_path = workdir / f"acks-{engine}.jsonl"
        stats_path = workdir / f"client-{engine}.json"
        spec = {
            "port": port,
            "seed": args.seed,
            "cards": cards,
            "ack_path": str(ack_path),
            "stats_path": str(stats_path),
            "max_seconds": args.rounds * 30 + 120,
            "threads": [accounts[i :: args.threads] for i in range(args.threads)],
        }
        spec_path = workdir / f"client-{engine}-spec.json"
        spec_path.write_text(json.dumps(spec))
        kills = []
        log(f"{engine}: {args.rounds} rounds, {len(accounts)} students, {args.threads} threads")
        # The client starts first: its requests meet "connection refused" until the server
        # is up, and are retried, so the load is there from the server's first moment.
        client = subprocess.Popen(
            [sys.executable, "-m", "bench.crashtest", "client", str(spec_path)], cwd=HERE.parent
        )
        for round_number in range(1, args.rounds + 1):
            server.start()
            up = rng.uniform(args.min_up, args.max_up)
            time.sleep(up)
            order = rng.choice(["master", "workers"])
            killed = server.kill([order])
            acknowledged = _count_lines(ack_path)
            kills.append(
                {"round": round_number, "after_s": round(up, 3), "order": order, "pids": killed}
            )
            log(
                f"  {engine} round {round_number}: SIGKILL {order} first after {up:.2f} s "
                f"({len(killed)} processes); {acknowledged} reviews acknowledged so far"
            )
            time.sleep(rng.uniform(0.0, 0.5))
        # Up again for the pending retries, then drain the client and stop cleanly.
        server.start()
        time.sleep(1.0)
        assert client is not None
        client.send_signal(signal.SIGTERM)
        try:
            client.wait(timeout=120)
        except subprocess.TimeoutExpired:
            client.kill()
            client.wait()
            raise RuntimeError("the crash-test client did not finish its retries") from None
        client = None
        server.stop()
        server = None
        log(f"{engine}: checking the database")
        acks = [json.loads(line) for line in ack_path.read_text().splitlines() if line.strip()]
        stats = json.loads(stats_path.read_text())
        checked = verify(target, secret_key, acks)
        result = {
            "rounds": args.rounds,
            "kills": len(kills),
            "processes_killed": sum(len(k["pids"]) for k in kills),
            "client": stats,
            **checked,
            "kill_log": kills,
        }
        result["ok"] = (
            checked["acknowledged_missing"] == 0
            and checked["acknowledged_duplicated"] == 0
            and checked["acknowledged_mismatched"] == 0
            and checked["replay_mismatches"] == 0
            and checked["logs_without_state"] == 0
            and checked["integrity"] == "ok"
            and len(acks) > 0
        )
        return result
    finally:
        if client is not None:
            client.kill()
            client.wait()
        if server is not None:
            server.kill()
        if not args.keep:
            drop_target(target)


def _count_lines(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            return sum(1 for _ in handle)
    except OSError:
        return 0


def verify(target: Target, secret_key: str, acks: list[dict[str, Any]]) -> dict[str, Any]:
    """Acknowledged reviews against the log, states against their replay, and integrity."""
    from sqlalchemy import func, select

    from quizapp.extensions import db
    from quizapp.models import CardState, ReviewLog
    from quizapp.services import scheduling

    app = appside.make_app(target, secret_key)
    try:
        with app.app_context():
            session = db.session
            logs = list(
                session.execute(
                    select(ReviewLog).order_by(ReviewLog.reviewed_at, ReviewLog.id)
                ).scalars()
            )
            by_key: dict[tuple[int, str | None], list[ReviewLog]] = {}
            for entry in logs:
                by_key.setdefault((entry.user_id, entry.review_id), []).append(entry)
            missing = duplicated = mismatched = 0
            examples: list[str] = []
            acked_keys = set()
            for ack in acks:
                key = (ack["user_id"], ack["review_id"])
                acked_keys.add(key)
                found = by_key.get(key, [])
                if not found:
                    missing += 1
                    examples.append(f"missing {key}")
                elif len(found) > 1:
                    duplicated += 1
                    examples.append(f"duplicated {key}")
                elif found[0].card_id != ack["card_id"] or found[0].rating != ack["rating"]:
                    mismatched += 1
                    examples.append(f"mismatched {key}")
            logged_not_acked = sum(1 for key in by_key if key not in acked_keys)

            per_card: dict[tuple[int, int], list[ReviewLog]] = {}
            for entry in logs:
                per_card.setdefault((entry.user_id, entry.card_id), []).append(entry)
            states = list(session.execute(select(CardState)).scalars())
            replay_mismatches = 0
            with_state = set()
            for state in states:
                with_state.add((state.user_id, state.card_id))
                entries = per_card.get((state.user_id, state.card_id), [])
                replayed = scheduling.replay(state.card_id, entries)
                if replayed is None:
                    if state.reps:
                        replay_mismatches += 1
                        examples.append(f"state without log {state.user_id}/{state.card_id}")
                    continue
                differences = scheduling.replay_differences(state, replayed)
                if differences:
                    replay_mismatches += 1
                    examples.append(
                        f"replay {state.user_id}/{state.card_id}: {'; '.join(differences)}"
                    )
            logs_without_state = sum(1 for key in per_card if key not in with_state)
            total_logs = session.execute(select(func.count(ReviewLog.id))).scalar_one()
            session.remove()
        integrity = integrity_check(target)
    finally:
        appside.dispose(app)
    return {
        "acknowledged": len(acks),
        "acknowledged_as_retry": sum(1 for a in acks if a["retried"]),
        "acknowledged_missing": missing,
        "acknowledged_duplicated": duplicated,
        "acknowledged_mismatched": mismatched,
        "logged_not_acknowledged": logged_not_acked,
        "review_logs": int(total_logs),
        "card_states": len(states),
        "replay_mismatches": replay_mismatches,
        "logs_without_state": logs_without_state,
        "integrity": integrity,
        "examples": examples[:20],
    }


def integrity_check(target: Target) -> str:
    """ "ok", or what is wrong."""
    if target.engine == "sqlite":
        import sqlite3

        assert target.path is not None
        connection = sqlite3.connect(target.path)
        try:
            result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            connection.close()
        if result != ["ok"]:
            return "integrity_check: " + "; ".join(result[:5])
        if foreign:
            return f"foreign_key_check: {foreign[:5]}"
        return "ok"
    import psycopg

    problems = []
    with psycopg.connect(target.dsn, autocommit=True) as connection:
        connection.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        indexes = connection.execute(
            "SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE a.amname = 'btree' AND n.nspname = 'public'"
        ).fetchall()
        for oid, name in indexes:
            try:
                connection.execute("SELECT bt_index_check(%s, true)", (oid,))
            except psycopg.Error as error:
                problems.append(f"{name}: {error}")
        queries = {
            "states without user": "SELECT count(*) FROM card_states s "
            "LEFT JOIN users u ON u.id = s.user_id WHERE u.id IS NULL",
            "states without card": "SELECT count(*) FROM card_states s "
            "LEFT JOIN cards c ON c.id = s.card_id WHERE c.id IS NULL",
            "logs without user": "SELECT count(*) FROM review_logs l "
            "LEFT JOIN users u ON u.id = l.user_id WHERE u.id IS NULL",
            "logs without card": "SELECT count(*) FROM review_logs l "
            "LEFT JOIN cards c ON c.id = l.card_id WHERE c.id IS NULL",
            "duplicate review ids": "SELECT count(*) FROM (SELECT user_id, review_id "
            "FROM review_logs WHERE review_id IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d",
            "duplicate states": "SELECT count(*) FROM (SELECT user_id, card_id "
            "FROM card_states GROUP BY 1, 2 HAVING count(*) > 1) d",
        }
        for label, sql in queries.items():
            row = connection.execute(sql).fetchone()
            if row and row[0]:
                problems.append(f"{label}: {row[0]}")
        invalid = connection.execute(
            "SELECT conname FROM pg_constraint WHERE NOT convalidated"
        ).fetchall()
        problems.extend(f"constraint not validated: {name}" for (name,) in invalid)
    return "ok" if not problems else "; ".join(problems[:10])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="SIGKILL gunicorn under load, then check.")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--students", type=int, default=32)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--min-up", type=float, default=0.3, help="seconds up, at least")
    parser.add_argument("--max-up", type=float, default=3.0, help="seconds up, at most")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--pg-admin-url",
        default=os.environ.get("QUIZAPP_BENCH_POSTGRES_URL", DEFAULT_PG_ADMIN_URL),
    )
    parser.add_argument("--out", type=Path, default=HERE / "crashtest.json")
    parser.add_argument("--keep", action="store_true")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["client"]:
        return client_main(argv[1:])
    args = parse_args(argv)
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "rounds": args.rounds,
        "seed": args.seed,
        "students": args.students,
        "client_threads": args.threads,
        "engines": {},
    }
    with tempfile.TemporaryDirectory(prefix="quizapp-crash-") as folder:
        for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
            result = crash_engine(engine, args, Path(folder))
            results["engines"][engine] = result
            summary = {k: v for k, v in result.items() if k not in ("kill_log", "examples")}
            log(f"{engine}: {json.dumps(summary)}")
            for example in result["examples"]:
                log(f"  {engine}: {example}")
    results["ok"] = all(r["ok"] for r in results["engines"].values())
    results["total_s"] = round(time.monotonic() - STARTED, 1)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    log(f"wrote {args.out}: {'OK' if results['ok'] else 'FAILED'}")
    return 0 if results["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
