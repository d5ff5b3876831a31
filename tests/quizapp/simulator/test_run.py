"""The simulator through the real services: ``quizapp srs simulate`` with daily sessions
recalls what was asked for, and the settings page's table is what the simulator gives."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from question_bank import article
from quizapp.cli_srs import srs_group
from quizapp.simulator import Plan, simulate, workload


@pytest.fixture(scope="module")
def sixty_days() -> dict:
    """The issue's run: 60 days, seed 1, a session every morning, retention 0.90."""
    result = CliRunner().invoke(srs_group, ["simulate", "--days", "60", "--seed", "1", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_sixty_days_of_daily_sessions_recall_what_was_asked_for(sixty_days):
    assert sixty_days["plan"]["retention"] == 0.9 and sixty_days["plan"]["days"] == 60
    assert 0.88 <= sixty_days["mean_true_recall_at_review"] <= 0.92
    days = sixty_days["reviews_per_day"]
    assert len(days) == 60
    assert sixty_days["total_reviews"] == sum(d["reviews"] for d in days)
    cards = len(article.load_bank().effective_cards())
    assert sum(d["new"] for d in days) == sixty_days["cards"] == cards  # all learnt, 20 a day
    assert max(d["new"] for d in days) == 20
    assert sixty_days["review_card_reviews"] > 200
    assert sixty_days["replay_mismatches"] == 0


def test_the_workload_table_is_what_the_simulator_gives(sixty_days):
    table = workload.table()
    assert table is not None and table["plan"]["days"] == 60
    rows = {row["retention"]: row for row in table["rows"]}
    assert sorted(rows) == [0.80, 0.85, 0.90, 0.95]
    stored = next(run for run in rows[0.90]["runs"] if run["seed"] == 1)
    assert stored["total_reviews"] == sixty_days["total_reviews"]
    assert stored["mean_true_recall_at_review"] == sixty_days["mean_true_recall_at_review"]
    for retention, row in rows.items():  # each row is the mean of its runs
        assert row == workload.summarise(retention, row["runs"], 60)
    totals = [rows[r]["total_reviews"] for r in sorted(rows)]
    assert totals == sorted(totals)  # more retention, more reviews
    marked = workload.rows_for(0.85)
    assert [row.current for row in marked] == [False, True, False, False]
    assert marked[2].versus_default == 1.0


def test_quizzes_write_at_most_one_review_per_card(tmp_path):
    outcome = simulate(Plan(days=8, seed=2, quiz_every=4))
    assert outcome.quizzes == 2
    for day in outcome.days:
        assert day.quiz_logs <= outcome.cards
    assert sum(day.quiz_logs for day in outcome.days) > 0
    assert outcome.replay_mismatches == 0


def test_the_command_says_what_it_did_without_json():
    result = CliRunner().invoke(srs_group, ["simulate", "--days", "2", "--retention", "0.8"])
    assert result.exit_code == 0, result.output
    assert "flashcard reviews in 2 days" in result.output and "(desired 0.80)" in result.output
    bad = CliRunner().invoke(srs_group, ["simulate", "--zone", "Mars/Olympus"])
    assert bad.exit_code == 2 and "is not a time zone" in bad.output
