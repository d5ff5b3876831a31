"""The learner's scheduler: their settings (and fitted parameters) as an fsrs ``Scheduler``.

Pure apart from reading a User's columns.  Fuzzing is off: ``fsrs`` draws its fuzz from the
global random generator, and the log must replay to exactly the stored state.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any, Protocol

from fsrs import Scheduler

_STEP = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
#: Longer than any setting allows (``reviews.settings`` says 30 days), short of overflowing.
_LONGEST_STEP = 366 * 86400


class HasSettings(Protocol):
    """What a scheduler is built from (a User)."""

    desired_retention: float
    learning_steps: str
    relearning_steps: str
    maximum_interval_days: int
    fsrs_parameters: list[float] | None


def parse_steps(text: str) -> tuple[timedelta, ...]:
    """``"1m 10m"`` -> (1 minute, 10 minutes).  Raises ValueError on anything else."""
    steps = []
    for token in text.split():
        match = _STEP.match(token.strip().lower())
        if not match:
            raise ValueError(f"{token!r} is not a step such as 1m, 10m, 1h or 1d")
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        if seconds <= 0:
            raise ValueError(f"{token!r}: a step must be longer than zero")
        if not seconds <= _LONGEST_STEP:  # also inf and nan: no timedelta holds them
            raise ValueError(f"{token[:20]!r} is longer than any step (a year at most)")
        steps.append(timedelta(seconds=seconds))
    return tuple(steps)


def settings_snapshot(user: HasSettings, **overrides: Any) -> dict[str, Any]:
    """What ``scheduler_for`` builds a scheduler from, as JSON (kept in every log entry)."""
    snapshot = {
        "desired_retention": user.desired_retention,
        "learning_steps": [s.total_seconds() for s in parse_steps(user.learning_steps)],
        "relearning_steps": [s.total_seconds() for s in parse_steps(user.relearning_steps)],
        "maximum_interval": user.maximum_interval_days,
        "parameters": list(user.fsrs_parameters) if user.fsrs_parameters else None,
    }
    return {**snapshot, **overrides}


def scheduler_from_snapshot(snapshot: dict[str, Any]) -> Scheduler:
    options: dict[str, Any] = {
        "desired_retention": float(snapshot["desired_retention"]),
        "learning_steps": tuple(timedelta(seconds=s) for s in snapshot["learning_steps"]),
        "relearning_steps": tuple(timedelta(seconds=s) for s in snapshot["relearning_steps"]),
        "maximum_interval": int(snapshot["maximum_interval"]),
        "enable_fuzzing": False,
    }
    if snapshot.get("parameters"):
        options["parameters"] = tuple(float(p) for p in snapshot["parameters"])
    return Scheduler(**options)


def scheduler_for(user: HasSettings) -> Scheduler:
    """The FSRS scheduler with this user's settings (and fitted parameters, if any)."""
    return scheduler_from_snapshot(settings_snapshot(user))
