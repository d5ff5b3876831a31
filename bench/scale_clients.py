"""The scale test's quiz-answer load, in a process of its own: threads save answers
(``PUT /api/v1/attempts/<id>/answers/<question>``) through the proxy, each on its own
students' attempts, alternating between two choices so that every save changes the answer.
Every save answered 200 is appended to a file (fsynced); a save that got no answer, or a
5xx, is sent again, the same body, until it gets one, so per question the last
acknowledged save is what the attempt must hold at the end (``verify_answers``).

    python -m bench.scale_clients SPEC.json     # until SIGTERM (drain) or the deadline

The review load is the crash test's own client (``python -m bench.crashtest client``).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import appside
from bench.crashtest import run_clients
from bench.db import Target


def request(
    port: int,
    method: str,
    path: str,
    *,
    token: str | None = None,
    body: Any = None,
    headers: dict[str, str] | None = None,
    source: str | None = None,
    timeout: float = 15,
) -> tuple[int, dict[str, str], bytes] | None:
    """One HTTP request to 127.0.0.1:``port`` from ``source`` (a loopback address; nginx then
    sees it as the client's); None when no answer came."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(source, 0) if source else None
    )
    sent = dict(headers or {})
    payload = None
    if token:
        sent["Authorization"] = f"Bearer {token}"
    if body is not None:
        if isinstance(body, bytes | str):
            payload = body
        else:
            payload = json.dumps(body)
            sent.setdefault("Content-Type", "application/json")
    try:
        connection.request(method, path, body=payload, headers=sent)
        response = connection.getresponse()
        got: dict[str, str] = {}
        for name, value in response.getheaders():  # several Set-Cookie: one per line
            name = name.lower()
            got[name] = f"{got[name]}\n{value}" if name in got else value
        return response.status, got, response.read()
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


class AnswerClient:
    """One thread: saves answers on its attempts until drained or the deadline."""

    def __init__(self, spec: dict[str, Any], attempts: list[dict[str, Any]], stop: threading.Event,
                 ack_file: Any, ack_lock: threading.Lock) -> None:  # fmt: skip
        self.port = spec["port"]
        self.deadline = time.monotonic() + spec["max_seconds"]
        self.pause = spec.get("pause_s", 0.0)
        self.attempts = attempts
        self.stop = stop
        self.ack_file = ack_file
        self.ack_lock = ack_lock
        self.stats = {"sent": 0, "acknowledged": 0, "no_answer": 0, "server_errors": 0}
        self.stats["rejected_4xx"] = 0

    def run(self) -> None:
        turn = 0
        while time.monotonic() < self.deadline and not self.stop.is_set():
            live = [a for a in self.attempts if a["choices"]]
            if not live:
                return
            attempt = live[turn % len(live)]
            key, first, second = attempt["choices"][turn % len(attempt["choices"])]
            choice = first if (turn // len(live)) % 2 == 0 else second
            turn += 1
            self._settle(attempt, key, choice)
            if self.pause:
                time.sleep(self.pause)

    def _settle(self, attempt: dict[str, Any], key: str, choice: str) -> None:
        path = f"/api/v1/attempts/{attempt['attempt_id']}/answers/{key}"
        self.stats["sent"] += 1
        while time.monotonic() < self.deadline:
            answer = request(
                self.port, "PUT", path, token=attempt["token"], body={"response": choice}
            )
            if answer is None:
                self.stats["no_answer"] += 1
                time.sleep(0.05)
                continue
            status, _, _ = answer
            if status >= 500:
                self.stats["server_errors"] += 1
                time.sleep(0.05)
                continue
            if status == 200:
                self._acknowledge(attempt, key, choice)
            else:
                self.stats["rejected_4xx"] += 1
                attempt["choices"] = [c for c in attempt["choices"] if c[0] != key]
            return

    def _acknowledge(self, attempt: dict[str, Any], key: str, choice: str) -> None:
        self.stats["acknowledged"] += 1
        line = json.dumps(
            {
                "user_id": attempt["user_id"],
                "attempt_id": attempt["attempt_id"],
                "question": key,
                "choice": choice,
            }  # fmt: skip
        )
        with self.ack_lock:
            self.ack_file.write(line + "\n")
            self.ack_file.flush()
            os.fsync(self.ack_file.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    spec = json.loads(Path(argv[0]).read_text())
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda _s, _f: stop.set())
    lock = threading.Lock()
    with open(spec["ack_path"], "a") as ack_file:
        clients = [
            AnswerClient(spec, attempts, stop, ack_file, lock) for attempts in spec["threads"]
        ]
        run_clients(clients, spec["stats_path"])
    return 0


def last_acknowledged(acks: list[dict[str, Any]]) -> dict[tuple[int, str], dict[str, Any]]:
    """Per (attempt, question): the last acknowledged save (the file is in ack order, and one
    thread owns each attempt, so its saves are acknowledged in the order they were made)."""
    last: dict[tuple[int, str], dict[str, Any]] = {}
    for ack in acks:
        last[(ack["attempt_id"], ack["question"])] = ack
    return last


def verify_answers(target: Target, secret_key: str, acks: list[dict[str, Any]]) -> dict[str, Any]:
    """Every question's stored answer, read by the quiz service (``quizzes.get_attempt``, in
    the ids the attempt shows), equals its last acknowledged save."""
    from quizapp.extensions import db
    from quizapp.models import User
    from quizapp.services import quizzes

    last = last_acknowledged(acks)
    app = appside.make_app(target, secret_key)
    lost = 0
    examples: list[str] = []
    try:
        with app.app_context():
            views: dict[int, dict[str, Any]] = {}
            for (attempt_id, key), ack in sorted(last.items()):
                if attempt_id not in views:
                    user = db.session.get(User, ack["user_id"])
                    view = quizzes.get_attempt(
                        db.session, user=user, attempt_id=attempt_id, now=datetime.now(UTC)
                    )
                    views[attempt_id] = {q.key: q.response for q in view.questions}
                stored = views[attempt_id].get(key)
                if stored != ack["choice"]:
                    lost += 1
                    examples.append(
                        f"attempt {attempt_id} {key}: stored {stored!r}, acked {ack['choice']!r}"
                    )
            db.session.remove()
    finally:
        appside.dispose(app)
    return {
        "answers_acknowledged": len(acks),
        "questions_checked": len(last),
        "answers_lost": lost,
        "answer_examples": examples[:10],
    }


if __name__ == "__main__":
    sys.exit(main())
