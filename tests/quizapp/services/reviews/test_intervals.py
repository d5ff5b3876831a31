"""The interval each rating would give, as the buttons show it: pure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Card as FsrsCard
from fsrs import Scheduler

from quizapp.services.reviews import intervals

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_interval_labels_are_anki_like():
    fmt = intervals.format_interval
    assert fmt(timedelta(seconds=30)) == "<1m"
    assert fmt(timedelta(minutes=1)) == "<1m"
    assert fmt(timedelta(minutes=10)) == "10m"
    assert fmt(timedelta(minutes=5, seconds=30)) == "6m"
    assert fmt(timedelta(hours=3)) == "3h"
    assert fmt(timedelta(days=3)) == "3d"
    assert fmt(timedelta(days=45)) == "1.5mo"
    assert fmt(timedelta(days=60)) == "2mo"
    assert fmt(timedelta(days=730)) == "2y"


def test_a_new_card_shows_the_learning_steps_then_days():
    """Anki's defaults: learning steps 1m 10m; Easy leaves learning at once."""
    scheduler = Scheduler(enable_fuzzing=False)
    labels = intervals.interval_labels(scheduler, FsrsCard(card_id=1, due=NOW), NOW)
    assert list(labels) == ["again", "hard", "good", "easy"]
    assert labels["again"] == "<1m" and labels["good"] == "10m"
    assert labels["easy"].endswith("d")
    # and the preview changes nothing: the same card, the same labels
    assert intervals.interval_labels(scheduler, FsrsCard(card_id=1, due=NOW), NOW) == labels


def test_the_learners_own_steps_show_on_the_buttons():
    scheduler = Scheduler(enable_fuzzing=False, learning_steps=(timedelta(minutes=2),))
    labels = intervals.interval_labels(scheduler, FsrsCard(card_id=1, due=NOW), NOW)
    assert labels["again"] == "2m"
