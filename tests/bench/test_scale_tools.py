"""The scale test's and the stampede's own tools, quickly: the nginx configuration they run is
valid and includes the shipped proxy snippet, the access log is read per instance, a failed
check fails the run, answers have each type's shape, results.json keeps the other keys, and
the environment example documents every setting the app reads."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bench import scaletest, stampede
from bench.scale_clients import last_acknowledged
from bench.scale_infra import PROXY_SNIPPET, Nginx
from question_bank.types import QUESTION_TYPES

ROOT = Path(__file__).resolve().parents[2]


def test_the_generated_nginx_configuration_is_valid_and_runs_the_shipped_snippet(
    tmp_path: Path,
) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed (.ci/run installs it)")
    proxy = Nginx(tmp_path, [18001, 18002, 18003])
    proxy.folder.mkdir()
    conf = proxy.folder / "nginx.conf"
    conf.write_text(proxy.config())
    text = conf.read_text()
    assert f"include {PROXY_SNIPPET};" in text
    assert len(re.findall(r"server 127\.0\.0\.1:1800\d max_fails=1", text)) == 3
    checked = subprocess.run(
        [nginx, "-t", "-p", str(proxy.folder), "-c", str(conf), "-e", str(tmp_path / "e.log")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def test_the_proxy_snippet_replaces_the_clients_forwarded_for_header() -> None:
    snippet = PROXY_SNIPPET.read_text()
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in snippet
    assert "$proxy_add_x_forwarded_for" not in snippet.split("#")[0]
    assert "non_idempotent" not in re.sub(r"#.*", "", snippet)


def test_requests_are_counted_per_instance_that_finally_answered(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(
        "200 POST /api/v1/review 127.0.0.1:1\n"
        "200 POST /api/v1/review 127.0.0.1:1, 127.0.0.1:2\n"
        "502 POST /api/v1/review 127.0.0.1:2\n"
        "200 PUT /api/v1/attempts/4/answers/q-1 127.0.0.1:2\n"
        "200 GET /api/v1/me 127.0.0.1:2\n"
    )
    assert scaletest.served_by_instance(log) == {
        "127.0.0.1:1": {"reviews": 1, "answers": 0},
        "127.0.0.1:2": {"reviews": 1, "answers": 1},
    }


def _passing_report() -> dict:
    return {
        "session": {"ok": True},
        "attempt": {"ok": True},
        "limits": {"ok": True},
        "kills": [{"round": 1, "ok": True}],
        "reviews": {
            "acknowledged": 10,
            "acknowledged_missing": 0,
            "acknowledged_duplicated": 0,
            "acknowledged_mismatched": 0,
            "replay_mismatches": 0,
            "logs_without_state": 0,
            "integrity": "ok",
        },
        "answers": {"answers_lost": 0, "answers_acknowledged": 5, "questions_checked": 3},
        "served_by_instance": {
            "a": {"reviews": 3, "answers": 2},
            "b": {"reviews": 4, "answers": 1},
        },
    }


def test_the_verdict_passes_a_clean_run_and_names_each_failure() -> None:
    assert scaletest.verdict(_passing_report(), 2) == []
    broken = _passing_report()
    broken["reviews"]["acknowledged_missing"] = 1
    broken["answers"]["answers_lost"] = 2
    broken["kills"][0]["ok"] = False
    broken["limits"] = {"ok": False, "problems": ["client B: 429"]}
    failures = scaletest.verdict(broken, 2)
    assert len(failures) == 4
    assert any("acknowledged_missing" in f for f in failures)
    assert any("client B" in f for f in failures)
    # An instance that served nothing fails the run too.
    assert scaletest.verdict(_passing_report(), 3)


def test_the_last_acknowledged_save_of_each_question_wins() -> None:
    acks = [
        {"attempt_id": 1, "question": "q", "choice": "a"},
        {"attempt_id": 1, "question": "q", "choice": "b"},
        {"attempt_id": 2, "question": "q", "choice": "a"},
    ]
    last = last_acknowledged(acks)
    assert last[(1, "q")]["choice"] == "b" and last[(2, "q")]["choice"] == "a"


@pytest.mark.parametrize("name", sorted(QUESTION_TYPES))
def test_the_stampede_answers_every_type_in_its_shape(name: str) -> None:
    question = QUESTION_TYPES[name].sample()
    public = question.public_dict()
    if name == "description":
        return  # nothing to answer: the stampede answers the first answerable question
    grade = question.grade(question.parse_response(stampede.response_for(public)))
    assert grade.status != "unanswered"


def test_percentiles_are_of_the_sorted_values() -> None:
    values = [float(v) for v in range(1, 101)]
    assert stampede.percentile(values, 0.5) == 50.0
    assert stampede.percentile(values, 0.99) == 99.0
    assert stampede.percentile([], 0.5) is None


def test_the_stampede_replaces_only_its_key_in_results(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"http": [1, 2], "stampede": {"old": True}, "machine": "x"}))
    stampede.write_results(path, {"engines": {}})
    data = json.loads(path.read_text())
    assert data == {"http": [1, 2], "stampede": {"engines": {}}, "machine": "x"}


def test_the_environment_example_documents_every_setting_the_app_reads() -> None:
    read = set()
    for path in [*ROOT.joinpath("quizapp").rglob("*.py"), ROOT / "deploy" / "gunicorn.conf.py"]:
        read |= set(re.findall(r"\bQUIZAPP_[A-Z_]+[A-Z]\b", path.read_text()))
    example = (ROOT / "deploy" / "quizapp.env.example").read_text()
    documented = set(re.findall(r"^#?(QUIZAPP_[A-Z_]+)=", example, re.M))
    assert read - documented == set()
