"""The exam-start stampede: ``--students`` (300) students of one course start the same timed
quiz within ``--window`` (5) seconds and answer its first question, on each engine.

Per engine: a fresh database (``quizapp db upgrade``), the article deck attached to an
instructor's course as a timed quiz (30 minutes, one attempt, shuffled), the students (the
crash test's ``_prepare``: accounts and API tokens) enrolled; gunicorn with
``deploy/gunicorn.conf.py`` as ``make bench`` runs it.  Each student is a thread that waits
for its moment (uniform over the window, seeded), then

* starts the attempt: ``POST /api/v1/courses/<course>/sets/<set>/attempts``; a tenth of
  the students press twice at once (two requests in flight), as impatient people do;
* saves an answer to the attempt's first answerable question
  (``PUT /api/v1/attempts/<id>/answers/<question>``), the right shape for its type.

A request that gets no answer or a 5xx is sent again (a person pressing again), up to 5
times.  Before that, the same schedule sends ``GET /healthz`` twice per student: the
ceiling of the stack at the same concurrency, to which the latencies are compared.

Then the database is checked: exactly one attempt per student (``lost``: a student with
none; ``doubled``: more than one), every acknowledged start's attempt is the student's one
attempt, and every acknowledged save is what the attempt holds (``quizzes.get_attempt``).

The figures go to ``bench/results.json`` under the key ``"stampede"`` (only that key is
replaced; ``bench/run.py`` writes the others).  Exit status 1 if anything was lost or doubled.

    python -m bench.stampede                       # both engines, 300 students, 5 s
    python -m bench.stampede --engines sqlite --students 60
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import secrets
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import appside, crashtest
from bench.db import DEFAULT_PG_ADMIN_URL, Target, create_target, drop_target, migrate
from bench.scale_clients import request
from bench.server import Server, free_port

HERE = Path(__file__).resolve().parent
STARTED = time.monotonic()
TIME_LIMIT_S = 1800
TRIES = 5


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:7.1f}s] {message}", flush=True)


def percentile(values: Sequence[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(len(ordered) * share) - 1)], 2)


def response_for(question: dict[str, Any]) -> Any:
    """An answer of the right shape for a question as the API shows it."""
    kind = question.get("type")
    choices = [c["id"] for c in question.get("choices") or []]
    items = [i["id"] for i in question.get("items") or []]
    options = [o["id"] for o in question.get("options") or []]
    if kind == "multiple_choice":
        return choices[0]
    if kind == "multiple_response":
        return choices[:1]
    if kind == "true_false":
        return "true"
    if kind == "numerical":
        return 1
    if kind == "matching":
        return dict.fromkeys(items, options[0])
    if kind == "ordering":
        return items
    if kind == "cloze":
        return ["stampede"] * int(question.get("blanks") or 1)
    return "stampede"  # short answer, essay


# ============================================================================ the setup


def prepare(target: Target, secret_key: str, students: int, seed: int) -> dict[str, Any]:
    """Students with tokens (the crash test's), an instructor's course with the article
    deck attached as a timed quiz, every student enrolled."""
    from sqlalchemy import insert, select

    from quizapp.extensions import db
    from quizapp.models import CourseMember, User
    from quizapp.services import courses

    accounts, _ = crashtest._prepare(target, secret_key, students, seed)
    set_id = _article_set(target, secret_key)
    app = appside.make_app(target, secret_key)
    now = datetime.now(UTC)
    try:
        with app.app_context():
            teacher = User(email="teacher@bench.example", password_hash="!", role="instructor",
                           created_at=now)  # fmt: skip
            db.session.add(teacher)
            db.session.commit()
            course = courses.create_course(db.session, owner=teacher, name="Exam", now=now)
            options = courses.SetOptions(time_limit_seconds=TIME_LIMIT_S, attempts_allowed=1)
            courses.attach_set(db.session, owner=teacher, course_id=course.id, set_id=set_id,
                               now=now, options=options)  # fmt: skip
            rows = [{"course_id": course.id, "user_id": u, "joined_at": now} for u, _ in accounts]
            db.session.execute(insert(CourseMember), rows)
            db.session.commit()
            members = db.session.execute(
                select(CourseMember.user_id).where(CourseMember.course_id == course.id)
            ).all()
            course_id = course.id
            db.session.remove()
    finally:
        appside.dispose(app)
    assert len(members) == students
    return {"accounts": accounts, "course_id": course_id, "set_id": set_id}


def _article_set(target: Target, secret_key: str) -> int:
    from bench.scaletest import article_set_id

    return article_set_id(target, secret_key)


# ============================================================================ the students


class Student:
    """One student's two steps, timed from the moment each request is sent."""

    def __init__(self, port: int, user_id: int, token: str, at: float, presses: int) -> None:
        self.port = port
        self.user_id = user_id
        self.token = token
        self.at = at
        self.presses = presses
        self.start_ms: list[float] = []
        self.save_ms: float | None = None
        self.attempt_ids: set[int] = set()
        self.saved: tuple[int, str, Any] | None = None
        self.errors: list[str] = []

    def _send(self, method: str, path: str, body: Any = None) -> tuple[int, bytes, float] | None:
        """Sent again on no answer or a 5xx, up to TRIES times; (status, body, ms of the last)."""
        for _ in range(TRIES):
            begun = time.perf_counter()
            got = request(self.port, method, path, token=self.token, body=body, timeout=120)
            elapsed = (time.perf_counter() - begun) * 1000
            if got is not None and got[0] < 500:
                return got[0], got[2], elapsed
            self.errors.append(f"{method} {path}: {got[0] if got else 'no answer'}")
            time.sleep(0.2)
        return None

    def healthz(self, start_at: float) -> None:
        time.sleep(max(0.0, start_at + self.at - time.monotonic()))
        for step in range(2):
            got = self._send("GET", "/healthz")
            if got is not None and got[0] == 200:
                if step == 0:
                    self.start_ms.append(got[2])
                else:
                    self.save_ms = got[2]

    def exam(self, start_at: float, course_id: int, set_id: int) -> None:
        time.sleep(max(0.0, start_at + self.at - time.monotonic()))
        path = f"/api/v1/courses/{course_id}/sets/{set_id}/attempts"
        answers: list[tuple[int, bytes, float] | None] = [None] * self.presses
        presses = [
            threading.Thread(
                target=lambda i=i: answers.__setitem__(i, self._send("POST", path, {}))
            )
            for i in range(self.presses)
        ]
        for press in presses:
            press.start()
        for press in presses:
            press.join()
        attempt = None
        for answer in answers:
            if answer is None or answer[0] not in (200, 201):
                self.errors.append(f"start: {answer[0] if answer else 'failed'}")
                continue
            self.start_ms.append(answer[2])
            attempt = json.loads(answer[1])
            self.attempt_ids.add(attempt["id"])
        if attempt is None:
            return
        first = next((q for q in attempt["questions"] if q.get("answerable")), None)
        if first is None:
            self.errors.append("no answerable question")
            return
        response = response_for(first)
        path = f"/api/v1/attempts/{attempt['id']}/answers/{first['id']}"
        got = self._send("PUT", path, {"response": response})
        if got is None or got[0] != 200:
            self.errors.append(f"save: {got[0] if got else 'failed'} {got[1][:200] if got else ''}")
            return
        self.save_ms = got[2]
        self.saved = (attempt["id"], first["id"], json.loads(got[1]).get("response"))


def run_students(students: list[Student], target: Any) -> float:
    """All students, each in its thread, from one common start; returns the seconds taken."""
    start_at = time.monotonic() + 1.0
    threads = [threading.Thread(target=target, args=(s, start_at)) for s in students]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - start_at


def latencies(students: list[Student]) -> dict[str, Any]:
    starts = [ms for s in students for ms in s.start_ms]
    saves = [s.save_ms for s in students if s.save_ms is not None]
    return {
        "start_p50_ms": percentile(starts, 0.5),
        "start_p99_ms": percentile(starts, 0.99),
        "save_p50_ms": percentile(saves, 0.5),
        "save_p99_ms": percentile(saves, 0.99),
        "requests": len(starts) + len(saves),
    }


# ============================================================================ checks


def verify(target: Target, secret_key: str, prepared: dict[str, Any],
           students: list[Student]) -> dict[str, Any]:  # fmt: skip
    """One attempt per student in the database; acknowledged starts and saves are there."""
    from sqlalchemy import func, select

    from quizapp.extensions import db
    from quizapp.models import Attempt, User
    from quizapp.services import quizzes

    app = appside.make_app(target, secret_key)
    problems: list[str] = []
    try:
        with app.app_context():
            rows = db.session.execute(
                select(Attempt.user_id, func.count(Attempt.id), func.min(Attempt.id))
                .where(Attempt.course_id == prepared["course_id"])
                .group_by(Attempt.user_id)
            ).all()
            per_user = {user: (count, first) for user, count, first in rows}
            lost = doubled = starts_elsewhere = saves_lost = 0
            for student in students:
                count, first = per_user.get(student.user_id, (0, None))
                if count == 0:
                    lost += 1
                elif count > 1:
                    doubled += 1
                if student.attempt_ids and student.attempt_ids != {first}:
                    starts_elsewhere += 1
                    problems.append(f"user {student.user_id}: acknowledged {student.attempt_ids}")
                if student.saved is not None:
                    attempt_id, key, response = student.saved
                    user = db.session.get(User, student.user_id)
                    view = quizzes.get_attempt(db.session, user=user, attempt_id=attempt_id,
                                               now=datetime.now(UTC))  # fmt: skip
                    stored = {q.key: q.response for q in view.questions}.get(key)
                    if stored != response:
                        saves_lost += 1
                        problems.append(f"attempt {attempt_id} {key}: {stored!r} != {response!r}")
            db.session.remove()
    finally:
        appside.dispose(app)
    return {
        "lost_starts": lost,
        "doubled_starts": doubled,
        "acknowledged_start_not_the_attempt": starts_elsewhere,
        "acknowledged_saves": sum(1 for s in students if s.saved is not None),
        "saves_lost": saves_lost,
        "problems": problems[:10],
    }


# ============================================================================ per engine


def stampede_engine(engine: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    secret_key = secrets.token_hex(32)
    target = create_target(engine, workdir, pg_admin_url=args.pg_admin_url, label="stampede")
    server: Server | None = None
    try:
        migrate(target, secret_key)
        prepared = prepare(target, secret_key, args.students, args.seed)
        server = Server(target, secret_key=secret_key, port=free_port(),
                        log_path=workdir / f"stampede-{engine}.log")  # fmt: skip
        server.start()
        rng = random.Random(args.seed)
        moments = [rng.uniform(0.0, args.window) for _ in prepared["accounts"]]
        double = set(rng.sample(range(len(moments)), round(len(moments) * args.double_share)))

        def students() -> list[Student]:
            return [
                Student(server.port, user, token, moments[i], 2 if i in double else 1)
                for i, (user, token) in enumerate(prepared["accounts"])
            ]

        load_before = os.getloadavg()[0]
        ceiling = students()
        healthz_s = run_students(ceiling, Student.healthz)
        exam = students()
        course_id, set_id = prepared["course_id"], prepared["set_id"]
        exam_s = run_students(exam, lambda s, at: s.exam(at, course_id, set_id))
        load_after = os.getloadavg()[0]
        server.stop()
        server = None
        checked = verify(target, secret_key, prepared, exam)
        base = latencies(ceiling)
        measured = latencies(exam)
        result = {
            **measured,
            "healthz_p50_ms": base["start_p50_ms"],
            "healthz_p99_ms": base["start_p99_ms"],
            "start_p50_vs_healthz": _ratio(measured["start_p50_ms"], base["start_p50_ms"]),
            "start_p99_vs_healthz": _ratio(measured["start_p99_ms"], base["start_p99_ms"]),
            "save_p50_vs_healthz": _ratio(measured["save_p50_ms"], base["save_p50_ms"]),
            "save_p99_vs_healthz": _ratio(measured["save_p99_ms"], base["save_p99_ms"]),
            "healthz_run_s": round(healthz_s, 2),
            "exam_run_s": round(exam_s, 2),
            # Starts and saves served per second over the whole exam run: the throughput the
            # queue drained at (the p99 is about the queue's length over this).
            "exam_requests_per_s": round(measured["requests"] / exam_s, 1),
            "double_pressers": len(double),
            "request_errors": sum(len(s.errors) for s in exam),
            "error_examples": [e for s in exam for e in s.errors][:5],
            "loadavg_before": round(load_before, 2),
            "loadavg_after": round(load_after, 2),
            **checked,
        }
        result["ok"] = (
            checked["lost_starts"] == 0
            and checked["doubled_starts"] == 0
            and checked["acknowledged_start_not_the_attempt"] == 0
            and checked["saves_lost"] == 0
            and checked["acknowledged_saves"] == args.students
        )
        return result
    finally:
        if server is not None:
            server.kill()
        if not args.keep:
            drop_target(target)


def _ratio(value: float | None, base: float | None) -> float | None:
    """How many times the /healthz latency (1.0: as fast as the stack's ceiling)."""
    if value is None or not base:
        return None
    return round(value / base, 1)


def write_results(path: Path, stampede: dict[str, Any]) -> None:
    """Replace the "stampede" key of results.json, keeping every other key as it was."""
    data = json.loads(path.read_text()) if path.exists() else {}
    data["stampede"] = stampede
    path.write_text(json.dumps(data, indent=2) + "\n")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="300 students start one timed quiz at once.")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--window", type=float, default=5.0, help="seconds the starts spread over")
    parser.add_argument("--double-share", type=float, default=0.1,
                        help="share of students who press start twice at once")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--pg-admin-url",
        default=os.environ.get("QUIZAPP_BENCH_POSTGRES_URL", DEFAULT_PG_ADMIN_URL),
    )
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--keep", action="store_true")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    stampede: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "students": args.students,
        "window_s": args.window,
        "time_limit_s": TIME_LIMIT_S,
        "server": "gunicorn, deploy/gunicorn.conf.py (sync workers), one host",
        "cores": os.cpu_count(),
        "engines": {},
    }
    with tempfile.TemporaryDirectory(prefix="quizapp-stampede-") as folder:
        for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
            log(f"{engine}: {args.students} students within {args.window} s")
            result = stampede_engine(engine, args, Path(folder))
            stampede["engines"][engine] = result
            log(f"{engine}: {json.dumps(result)}")
    stampede["ok"] = all(r["ok"] for r in stampede["engines"].values())
    stampede["total_s"] = round(time.monotonic() - STARTED, 1)
    write_results(args.out, stampede)
    log(f"wrote the stampede key of {args.out}: {'OK' if stampede['ok'] else 'FAILED'}")
    return 0 if stampede["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
