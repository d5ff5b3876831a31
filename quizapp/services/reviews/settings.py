"""The learner's spaced-repetition settings: what they are, their bounds, and the checks.

``SETTINGS`` is the one list of them: the settings form (``blueprints/review/forms.py``)
takes its labels and bounds from it, the API's document its bounds, and
``validate_settings`` (pure) checks a change against it.  Settings apply from the next
review of each card; existing due dates are kept.  A new time zone takes effect at the next
4 a.m. (``days.Calendar``), so the study day in progress is neither cut short nor repeated.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from quizapp.models import User
from quizapp.services import scheduling
from quizapp.services.errors import ValidationFailed
from quizapp.services.reviews.days import calendar_of, zone_named

MAX_PER_DAY = 9999
MAX_INTERVAL_DAYS = 36500
MAX_STEPS = 10
MAX_STEP = timedelta(days=30)


@dataclass(frozen=True)
class Setting:
    name: str  # the User column and the form's field
    label: str  # as the form and the messages say it
    kind: str  # "retention", "whole", "steps" or "zone": how it is checked
    low: float = 0
    high: float = 0
    unit: str = ""

    @property
    def form_label(self) -> str:
        return f"{self.label} ({self.unit})" if self.unit else self.label


SETTINGS = (
    Setting("desired_retention", "Desired retention", "retention", 0.70, 0.99),
    Setting("new_cards_per_day", "New cards per day", "whole", 0, MAX_PER_DAY),
    Setting("max_reviews_per_day", "Maximum reviews per day", "whole", 0, MAX_PER_DAY),
    Setting("learning_steps", "Learning steps", "steps"),
    Setting("relearning_steps", "Relearning steps", "steps"),
    Setting("maximum_interval_days", "Maximum interval", "whole", 1, MAX_INTERVAL_DAYS, "days"),
    Setting("timezone", "Time zone", "zone"),
)
SETTING_FIELDS = tuple(setting.name for setting in SETTINGS)
SETTING_BY_NAME = {setting.name: setting for setting in SETTINGS}
_RETENTION = SETTING_BY_NAME["desired_retention"]
RETENTION_RANGE = (_RETENTION.low, _RETENTION.high)


class SettingsInvalid(ValidationFailed):
    """Some settings are out of range; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()), code="invalid_settings")
        self.errors = errors


@dataclass(frozen=True)
class SrsSettings:
    desired_retention: float
    new_cards_per_day: int
    max_reviews_per_day: int
    learning_steps: str
    relearning_steps: str
    maximum_interval_days: int
    timezone: str
    fitted_parameters: bool = field(default=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            **{name: getattr(self, name) for name in SETTING_FIELDS},
            "fitted_parameters": self.fitted_parameters,
        }


@dataclass(frozen=True)
class Workload:
    """What each desired retention costs, by the simulator (``quizapp.simulator.workload``):
    its rows (the learner's retention marked) and how they were simulated."""

    rows: list[Any]
    plan: dict[str, Any]


def workload_of(user: User) -> Workload:
    """The workload table for the settings page (read once per process: no simulation)."""
    from quizapp.simulator import workload

    table = workload.table() or {}
    return Workload(workload.rows_for(user.desired_retention), table.get("plan", {}))


def settings_of(user: User) -> SrsSettings:
    return SrsSettings(
        **{name: getattr(user, name) for name in SETTING_FIELDS},
        fitted_parameters=bool(user.fsrs_parameters),
    )


# ------------------------------------------------------------------ the checks (pure)


def _retention(value: Any, setting: Setting) -> float:
    try:
        retention = float(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        retention = None
    low, high = setting.low, setting.high
    if retention is None or not low - 1e-9 <= retention <= high + 1e-9:
        raise ValueError(f"{setting.label} must be between {low:.2f} and {high:.2f} (e.g. 0.90).")
    return round(retention, 4)


def _whole(value: Any, setting: Setting) -> int:
    if isinstance(value, bool):
        value = None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        digits = value.strip()
        value = int(digits) if len(digits) <= 20 else None  # no setting needs 20 digits
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    low, high = int(setting.low), int(setting.high)
    if not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{setting.label} must be a whole number from {low} to {high}.")
    return value


def _steps(value: Any, setting: Setting) -> str:
    label = setting.label
    if not isinstance(value, str):
        raise ValueError(f"{label}: write steps such as 1m 10m.")
    try:
        steps = scheduling.parse_steps(value)
    except ValueError as error:
        raise ValueError(f"{label}: {error}.") from error
    if len(steps) > MAX_STEPS:
        raise ValueError(f"{label}: at most {MAX_STEPS} steps.")
    if any(step > MAX_STEP for step in steps):
        raise ValueError(f"{label}: a step can be at most 30 days.")
    return " ".join(value.split()).lower()


def _zone(value: Any, setting: Setting) -> str:
    if not isinstance(value, str) or value not in zoneinfo.available_timezones():
        raise ValueError("Choose a time zone from the list, such as Europe/Paris.")
    return value


#: The checks, in the order their messages are listed.
_CHECKS: tuple[tuple[str, Callable[[Any, Setting], Any]], ...] = (
    ("retention", _retention),
    ("whole", _whole),
    ("steps", _steps),
    ("zone", _zone),
)


def validate_settings(values: Mapping[str, Any]) -> dict[str, Any]:
    """The changes in ``values`` (any subset of ``SETTING_FIELDS``), checked and normalised.
    Raises ``SettingsInvalid`` with a message for every field that is wrong."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    unknown = sorted(set(values) - set(SETTING_FIELDS))
    if unknown:
        errors[unknown[0]] = f"Unknown setting {unknown[0]!r}."
    for kind, check in _CHECKS:
        for setting in SETTINGS:
            if setting.kind != kind or setting.name not in values:
                continue
            try:
                clean[setting.name] = check(values[setting.name], setting)
            except ValueError as error:
                errors[setting.name] = str(error)
    if errors:
        raise SettingsInvalid(errors)
    return clean


def update_settings(
    session: Session, user: User, values: Mapping[str, Any], *, now: datetime
) -> SrsSettings:
    """Change some of the user's settings; all or nothing (``SettingsInvalid`` lists every
    field that is wrong, and nothing is changed).  New settings apply from each card's
    next review; a new time zone from the next 4 a.m."""
    clean = validate_settings(values)
    zone = clean.pop("timezone", None)
    for key, value in clean.items():
        setattr(user, key, value)
    if zone is not None and zone != user.timezone:
        calendar = calendar_of(user).changed_to(zone_named(zone), now)
        for key, value in calendar.as_columns().items():
            setattr(user, key, value)
    session.commit()
    return settings_of(user)
