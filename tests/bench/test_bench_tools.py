"""The benchmark's own tools, quickly: the generated data is real FSRS, the GIFT file reads as
meant, the load is split without sharing students, and results keep the issue's keys."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from bench import datagen, gift_bench, load, report
from bench.run import review_pools

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_sizes_scale_to_the_issue_at_one_and_stay_usable_when_small() -> None:
    full = datagen.Sizes.at(1)
    assert (full.students, full.questions, full.expected_states) == (10_000, 100_000, 1_000_000)
    assert full.stages() == (10_000, 100_000, 1_000_000)
    small = datagen.Sizes.at(0.001)
    assert small.students >= 40 and small.questions >= 800


def _entries(history: datagen.History) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            id=number,
            rating=entry.rating,
            duration_ms=entry.duration_ms,
            reviewed_at=datetime.fromisoformat(entry.reviewed_at).replace(tzinfo=UTC),
            state_after=json.loads('{"card_id": 7' + entry.after_tail),
        )
        for number, entry in enumerate(history.logs, start=1)
    ]


def test_each_generated_schedule_is_the_replay_of_its_log() -> None:
    from quizapp.services.scheduling import replay

    histories = datagen.simulate_histories(60, random.Random(3), NOW)
    for history in histories:
        replayed = replay(7, _entries(history))
        assert replayed is not None
        assert int(replayed.card.state) == history.state
        assert replayed.card.stability == pytest.approx(history.stability)
        assert datagen.ts(replayed.card.due) == history.due
        assert replayed.reps == history.reps == len(history.logs)
        assert max(entry.reviewed_at for entry in history.logs) <= datagen.ts(NOW)
    due = sum(1 for h in histories if h.due_at <= NOW)
    assert 0 < due < len(histories)


def test_tokens_are_stable_and_only_their_digest_is_stored() -> None:
    token = datagen.token_for(42, 1)
    assert token == datagen.token_for(42, 1) != datagen.token_for(43, 1)
    assert len(datagen.token_digest(token)) == 64


def test_the_generated_gift_file_is_read_exactly_as_meant() -> None:
    from question_bank.formats import gift

    text, truths = gift_bench.generate(400, 5)
    parsed = gift.parse(text)
    assert not parsed.errors
    assert gift_bench.check_project(parsed.questions, truths) == len(truths) == 400
    assert {t.kind for t in truths} >= {"multiple_choice", "numerical", "matching", "essay"}


def test_review_pools_never_share_a_student() -> None:
    cards = [(user, card) for user in range(1, 200) for card in range(10)]
    pools, spare, profiled = review_pools(cards, [1, 8, 32], budget=300, profile=25)
    owners: dict[int, tuple[int, int]] = {}
    for clients, connections in pools.items():
        assert len(connections) == clients
        for number, lines in enumerate(connections):
            for user, _ in lines:
                assert owners.setdefault(user, (clients, number)) == (clients, number)
    assert spare[0] not in owners
    assert not {u for u, _ in profiled} & set(owners)


def test_request_lines_refuse_tabs() -> None:
    assert load.Request("GET", "/healthz").line() == "GET\t/healthz\t\t\t"
    page = load.Request("GET", "/quiz/attempts/1/q/1", cookie="session=abc")
    assert page.line() == "GET\t/quiz/attempts/1/q/1\t\tsession=abc\t"
    with pytest.raises(ValueError):
        load.Request("POST", "/x", "tok", '{"a": "\t"}').line()
    with pytest.raises(ValueError):
        load.Request("GET", "/x", cookie="a=\tb").line()


def test_results_keep_the_issue_keys_and_make_a_table() -> None:
    measured = {
        "clients": 8,
        "rps": 100.0,
        "p50_ms": 1.0,
        "p95_ms": 2.0,
        "p99_ms": 3.0,
        "requests": 1000,
        "errors": {},
        "wraps": 0,
        "max_ms": 4.0,
    }
    results = {
        "machine": {"cpus": 2, "python": "3.11", "date": "today"},
        "http": [
            report.http_row("sqlite", "healthz", measured, 100.0),
            report.http_row("sqlite", "review_post", {**measured, "rps": 40.0}, 100.0),
        ],
        "due_query_ms": {"10k": 0.1, "100k": 0.1, "1m": 0.12},
        "due_query_ms_by_engine": {"sqlite": {"10k": 0.1, "100k": 0.1, "1m": 0.12}},
        "gift_import": {
            "questions": 10,
            "parse_s": 0.1,
            "save_s": 0.2,
            "pygiftparser_parse_s": 0.2,
            "pygiftparser_misread": 1,
        },
    }
    assert report.validate(results) == []
    assert results["http"][1]["ratio_to_healthz"] == 0.4
    met = {t["target"]: t["met"] for t in report.targets(results)}
    assert met["due query at the largest size within 1.5x of the smallest"] is True
    assert met["GIFT parse no slower than pygiftparser"] is True
    assert "| sqlite | `POST /api/v1/review` | 8 |" in report.markdown(results)
    del results["gift_import"]["save_s"]
    assert report.validate(results) == ["gift_import.save_s: missing"]


def test_a_new_run_keeps_the_stampede_figures_another_command_wrote(tmp_path) -> None:
    json_path, md_path = tmp_path / "results.json", tmp_path / "results.md"
    stampede = {"postgresql": {"starts_lost": 0, "starts_doubled": 0, "start_p99_ms": 42.0}}
    json_path.write_text(json.dumps({"http": [], "stampede": stampede}))
    report.write({"http": [], "machine": {}}, json_path, md_path, strict=False)
    written = json.loads(json_path.read_text())
    assert written["stampede"] == stampede
    assert "targets" in written
    # a run that measured the stampede itself writes its own figures
    report.write({"http": [], "stampede": {"sqlite": {}}}, json_path, md_path, strict=False)
    assert json.loads(json_path.read_text())["stampede"] == {"sqlite": {}}
