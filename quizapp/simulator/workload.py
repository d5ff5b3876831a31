"""The workload at each desired retention, as the settings page shows it before the learner
picks one: the simulator's figures, computed once and kept with the code.

Simulating is slow (seconds per run, through the real services on a temporary database), so
the page never simulates: ``quizapp srs workload-table`` runs the simulations and writes
``workload.json`` beside this module, and the page reads that file once per process
(``table``).  A test re-runs one of the simulations and compares it with the file, so the
file cannot drift from the code that produced it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from statistics import mean
from typing import Any

from quizapp.simulator.run import Plan, simulate

TABLE_FILE = Path(__file__).with_name("workload.json")
RETENTIONS = (0.80, 0.85, 0.90, 0.95)
SEEDS = (1, 2, 3)
DAYS = 60


def run_row(retention: float, seed: int, days: int = DAYS) -> dict[str, Any]:
    """One simulation's figures, as the table keeps them."""
    outcome = simulate(Plan(days=days, seed=seed, retention=retention))
    return {
        "seed": seed,
        "total_reviews": outcome.total_reviews,
        "mean_true_recall_at_review": round(outcome.mean_recall_at_review or 0.0, 4),
    }


def summarise(retention: float, runs: list[dict[str, Any]], days: int) -> dict[str, Any]:
    """A row of the table: the runs, and their means."""
    total = mean(run["total_reviews"] for run in runs)
    return {
        "retention": retention,
        "runs": runs,
        "total_reviews": round(total, 1),
        "reviews_per_day": round(total / days, 1),
        "mean_true_recall_at_review": round(
            mean(run["mean_true_recall_at_review"] for run in runs), 4
        ),
    }


def compute(
    retentions: tuple[float, ...] = RETENTIONS, seeds: tuple[int, ...] = SEEDS, days: int = DAYS
) -> dict[str, Any]:
    """Simulate every retention with every seed (minutes): the table."""
    plan = Plan(days=days)
    rows = [summarise(r, [run_row(r, seed, days) for seed in seeds], days) for r in retentions]
    return {
        "plan": {
            "days": days,
            "seeds": list(seeds),
            "zone": plan.zone,
            "new_per_day": plan.new_per_day,
            "deck": "the article bank",
            "sessions": "one a day, 08:00",
        },
        "rows": rows,
    }


@dataclass(frozen=True)
class WorkloadRow:
    retention: float
    total_reviews: float
    reviews_per_day: float
    recall_at_review: float
    versus_default: float | None  # reviews relative to retention 0.90 (1.0: the same)
    current: bool  # the learner's retention


@lru_cache(maxsize=1)
def table() -> dict[str, Any] | None:
    """The table written by ``quizapp srs workload-table`` (None if there is none)."""
    try:
        return json.loads(TABLE_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def rows_for(current_retention: float) -> list[WorkloadRow]:
    """The table's rows as the settings page shows them, the learner's retention marked."""
    found = table()
    if not found:
        return []
    rows = found["rows"]
    default = next((r["total_reviews"] for r in rows if abs(r["retention"] - 0.90) < 1e-9), None)
    return [
        WorkloadRow(
            retention=row["retention"],
            total_reviews=row["total_reviews"],
            reviews_per_day=row["reviews_per_day"],
            recall_at_review=row["mean_true_recall_at_review"],
            versus_default=row["total_reviews"] / default if default else None,
            current=abs(row["retention"] - current_retention) < 1e-9,
        )
        for row in rows
    ]
