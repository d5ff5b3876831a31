"""How many reviews the optimizer can learn from: pure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from quizapp.models import ReviewLog
from quizapp.services.reviews import optimizer


def test_optimizer_counts_only_reviews_a_day_apart():
    base = datetime(2026, 3, 2, 9, tzinfo=UTC)

    def log(card_id, hours):
        return ReviewLog(card_id=card_id, reviewed_at=base + timedelta(hours=hours), rating=3)

    logs = [log(1, 0), log(1, 0.2), log(1, 23), log(1, 48), log(2, 30), log(2, 80)]
    assert optimizer.optimizer_review_count(logs) == 2
