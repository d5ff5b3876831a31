"""The learner's settings: checked all or nothing, normalised, used by the scheduler."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from quizapp.extensions import db
from quizapp.services import reviews, scheduling
from quizapp.services.reviews import settings
from tests.quizapp.review_helpers import as_user

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_settings_are_validated_all_or_nothing(app, factories):
    user = factories.user()
    with as_user(app, user.id) as row:
        with pytest.raises(reviews.SettingsInvalid) as invalid:
            reviews.update_settings(
                db.session,
                row,
                {
                    "desired_retention": "0.5",
                    "new_cards_per_day": "-1",
                    "learning_steps": "1m ten",
                    "timezone": "Mars/Olympus",
                    "maximum_interval_days": "0",
                },
                now=NOW,
            )
        db.session.rollback()
        assert set(invalid.value.errors) == {
            "desired_retention",
            "new_cards_per_day",
            "learning_steps",
            "timezone",
            "maximum_interval_days",
        }
        assert "0.70 and 0.99" in invalid.value.errors["desired_retention"]
        saved = reviews.update_settings(
            db.session,
            row,
            {
                "desired_retention": "0.85",
                "new_cards_per_day": "5",
                "max_reviews_per_day": 100,
                "learning_steps": " 1M   5m 1h",
                "relearning_steps": "",
                "maximum_interval_days": "365",
                "timezone": "Asia/Tokyo",
            },
            now=NOW,
        )
        assert saved.learning_steps == "1m 5m 1h" and saved.relearning_steps == ""
        assert saved.desired_retention == 0.85 and saved.timezone == "Asia/Tokyo"
        # the new zone counts from the next 4 a.m. (in Tokyo: the later of the two)
        assert row.timezone_before == "UTC" and row.timezone_since > NOW
        assert reviews.study_day(row, NOW).start == datetime(2026, 3, 2, 4, tzinfo=UTC)
        assert scheduling.scheduler_for(row).relearning_steps == ()


# ------------------------------------------------------------------ the checks (pure)


def test_validate_settings_normalises_what_is_right():
    clean = settings.validate_settings(
        {
            "desired_retention": " 0.855 ",
            "new_cards_per_day": 7.0,
            "max_reviews_per_day": "0",
            "learning_steps": "30S  2H",
            "maximum_interval_days": 1,
            "timezone": "America/Sao_Paulo",
        }
    )
    assert clean == {
        "desired_retention": 0.855,
        "new_cards_per_day": 7,
        "max_reviews_per_day": 0,
        "learning_steps": "30s 2h",
        "maximum_interval_days": 1,
        "timezone": "America/Sao_Paulo",
    }
    assert settings.validate_settings({}) == {}


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"desired_retention": "0.995"}, "desired_retention", "between 0.70 and 0.99"),
        ({"desired_retention": True}, "desired_retention", "between 0.70 and 0.99"),
        ({"desired_retention": "nan"}, "desired_retention", "between 0.70 and 0.99"),
        ({"new_cards_per_day": "2.5"}, "new_cards_per_day", "whole number from 0 to 9999"),
        ({"new_cards_per_day": False}, "new_cards_per_day", "whole number from 0 to 9999"),
        ({"max_reviews_per_day": 10000}, "max_reviews_per_day", "from 0 to 9999"),
        ({"maximum_interval_days": "0"}, "maximum_interval_days", "from 1 to 36500"),
        ({"learning_steps": 10}, "learning_steps", "write steps such as 1m 10m"),
        ({"learning_steps": "1m 1w"}, "learning_steps", "'1w' is not a step"),
        ({"relearning_steps": "1m " * 11}, "relearning_steps", "at most 10 steps"),
        ({"relearning_steps": "31d"}, "relearning_steps", "at most 30 days"),
        ({"timezone": "localtime "}, "timezone", "Choose a time zone"),
        ({"fsrs_parameters": [1.0]}, "fsrs_parameters", "Unknown setting 'fsrs_parameters'"),
    ],
)
def test_validate_settings_says_what_is_wrong(values, field, message):
    with pytest.raises(settings.SettingsInvalid) as invalid:
        settings.validate_settings(values)
    assert list(invalid.value.errors) == [field]
    assert message in invalid.value.errors[field]
    assert invalid.value.code == "invalid_settings" and invalid.value.status == 400


def test_every_message_is_listed_in_a_fixed_order():
    with pytest.raises(settings.SettingsInvalid) as invalid:
        settings.validate_settings(
            {"timezone": "x", "learning_steps": "x", "maximum_interval_days": "x", "z": 1}
        )
    assert list(invalid.value.errors) == [
        "z",
        "maximum_interval_days",
        "learning_steps",
        "timezone",
    ]
    assert invalid.value.message == " ".join(invalid.value.errors.values())
