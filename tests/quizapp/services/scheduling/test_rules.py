"""What a rating does under the study-day rule: pure, fsrs checked against itself.

Every expected value is fsrs's own answer to the question the rule asks it (the card as last
reviewed N whole days ago), so these tests say what the app tells fsrs, not what fsrs does.
"""

from __future__ import annotations

from copy import copy
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from quizapp.services import scheduling
from quizapp.services.reviews.days import Calendar

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
FSRS = Scheduler(enable_fuzzing=False)


def local(zone, *args) -> datetime:
    return datetime(*args, tzinfo=zone).astimezone(UTC)


def learn(calendar: Calendar, ratings_at: list[tuple[Rating, datetime]]) -> tuple[FsrsCard, date]:
    """A new card rated at these moments under the rule; the card and its last study day."""
    card, last = FsrsCard(card_id=1, due=ratings_at[0][1]), None
    for rating, moment in ratings_at:
        today = calendar.day_of(moment)
        days = scheduling.Days(today, last, calendar)
        card = scheduling.schedule(FSRS, card, rating, moment, days).card
        last = today
    return card, last


def test_monday_evening_then_tuesday_morning_is_one_study_day():
    """The issue's case: a card graduates Monday at 21:01 with a 1-day interval and is
    reviewed Good on Tuesday at 08:00.  In 24-hour periods that is the same day (fsrs would
    apply its same-day rule and keep a 1-day interval); in study days it is one day later."""
    calendar = Calendar(BERLIN)
    card, last = learn(
        calendar,
        [
            (Rating.Hard, local(BERLIN, 2026, 3, 2, 20, 44)),
            (Rating.Good, local(BERLIN, 2026, 3, 2, 20, 50)),
            (Rating.Good, local(BERLIN, 2026, 3, 2, 21, 1)),
        ],
    )
    assert card.state == State.Review
    assert card.due == local(BERLIN, 2026, 3, 3, 4)  # 1 day: the start of Tuesday's study day
    tuesday = local(BERLIN, 2026, 3, 3, 8)
    days = scheduling.Days(calendar.day_of(tuesday), last, calendar)
    assert days.elapsed == 1
    after = scheduling.schedule(FSRS, card, Rating.Good, tuesday, days)

    as_one_day = copy(card)
    as_one_day.last_review = tuesday - timedelta(days=1)
    expected, _ = FSRS.review_card(as_one_day, Rating.Good, tuesday)
    assert after.card.stability == expected.stability
    assert after.card.difficulty == expected.difficulty
    interval = round((expected.due - tuesday) / timedelta(days=1))
    assert after.interval_days == interval > 1
    assert after.card.due == calendar.day_start(date(2026, 3, 3) + timedelta(days=interval))
    assert after.card.last_review == tuesday

    # What the old rule (whole 24-hour periods) made of it: a same-day review.
    legacy = scheduling.schedule(FSRS, card, Rating.Good, tuesday, None).card
    assert legacy.stability < after.card.stability
    assert legacy.due - tuesday == timedelta(days=1)


@pytest.mark.parametrize(
    ("zone", "day_before"),
    [
        (BERLIN, date(2026, 10, 24)),  # autumn: 25 October has 25 hours
        (BERLIN, date(2026, 3, 28)),  # spring: 29 March has 23 hours
        (NEW_YORK, date(2026, 10, 31)),  # autumn: 1 November
        (NEW_YORK, date(2026, 3, 7)),  # spring: 8 March
    ],
)
@pytest.mark.parametrize("hour", [3, 4, 12, 23])
def test_a_one_day_interval_across_summer_time_lands_on_the_next_study_day(zone, day_before, hour):
    """Reviewed at any hour of a study day (03:xx belongs to the day before), a card due in
    one day is due at the start of the next study day: never the same one again (autumn,
    24 hours after a review at 04:30 is 03:30, still the same study day), never the one
    after (spring, 24 hours after 03:30 is 04:30 of the day after next)."""
    calendar = Calendar(zone)
    reviewed = local(zone, day_before.year, day_before.month, day_before.day, hour, 30)
    today = calendar.day_of(reviewed)
    card = FsrsCard(
        card_id=1,
        state=State.Review,
        stability=3.0,
        difficulty=5.0,
        due=reviewed,
        last_review=reviewed - timedelta(days=1),
    )
    days = scheduling.Days(today, today - timedelta(days=1), calendar)
    one_day = Scheduler(enable_fuzzing=False, maximum_interval=1)
    after = scheduling.schedule(one_day, card, Rating.Good, reviewed, days)
    assert after.interval_days == 1
    assert calendar.day_of(after.card.due) == today + timedelta(days=1)
    assert after.card.due == calendar.day_start(today + timedelta(days=1))
    assert after.card.due.astimezone(zone).hour == 4


def test_review_card_previews_are_strictly_increasing():
    """Hard < Good < Easy on a card in review, even where fsrs gives two of them the same
    number of days (a young card): Anki's rule, Good at least a day more than Hard."""
    calendar = Calendar(BERLIN)
    now = local(BERLIN, 2026, 3, 10, 9)
    seen_ties = False
    for stability in (0.3, 0.8, 1.2, 2.0, 3.5, 10.0, 40.0, 400.0):
        for difficulty in (1.0, 5.0, 9.5):
            card = FsrsCard(
                card_id=1,
                state=State.Review,
                stability=stability,
                difficulty=difficulty,
                due=now,
                last_review=now - timedelta(days=3),
            )
            raw = [
                (FSRS.review_card(card, r, now)[0].due - now).days
                for r in (Rating.Hard, Rating.Good, Rating.Easy)
            ]
            seen_ties = seen_ties or len(set(raw)) < 3
            days = scheduling.Days(
                calendar.day_of(now), calendar.day_of(now) - timedelta(3), calendar
            )
            intervals = [
                scheduling.schedule(FSRS, card, r, now, days).interval_days
                for r in (Rating.Hard, Rating.Good, Rating.Easy)
            ]
            assert intervals[0] < intervals[1] < intervals[2], (stability, difficulty, intervals)
            assert intervals[0] >= 1
    assert seen_ties  # the rule had something to do


def test_previews_stop_at_the_maximum_interval():
    calendar = Calendar(BERLIN)
    capped = Scheduler(enable_fuzzing=False, maximum_interval=5)
    now = local(BERLIN, 2026, 3, 10, 9)
    card = FsrsCard(
        card_id=1,
        state=State.Review,
        stability=50.0,
        difficulty=5.0,
        due=now,
        last_review=now - timedelta(days=4),
    )
    days = scheduling.Days(calendar.day_of(now), calendar.day_of(now) - timedelta(4), calendar)
    intervals = {
        r: scheduling.schedule(capped, card, r, now, days).interval_days
        for r in (Rating.Hard, Rating.Good, Rating.Easy)
    }
    assert set(intervals.values()) == {5}


def test_learning_steps_stay_in_minutes_and_graduation_is_on_a_day():
    calendar = Calendar(BERLIN)
    start = local(BERLIN, 2026, 3, 2, 19, 0)
    days = scheduling.Days(calendar.day_of(start), None, calendar)
    first = scheduling.schedule(FSRS, FsrsCard(card_id=1, due=start), Rating.Good, start, days)
    assert first.interval_days is None
    assert first.card.due == start + timedelta(minutes=10)  # fsrs's step, untouched
    later = start + timedelta(minutes=10)
    graduated = scheduling.schedule(FSRS, first.card, Rating.Good, later, days)
    assert graduated.card.state == State.Review
    assert graduated.card.due == calendar.day_start(days.today + timedelta(graduated.interval_days))


@pytest.mark.parametrize(
    ("lapses", "warned"),
    [(7, False), (8, True), (9, False), (11, False), (12, True), (16, True), (20, True)],
)
def test_leech_warnings_at_the_threshold_and_every_half_threshold_after(lapses, warned):
    assert scheduling.leech_warning(lapses) is warned


def test_the_lapse_rule():
    again, good = Rating.Again, Rating.Good
    assert scheduling.count_lapse(0, again, was_review=True) == (1, False)
    assert scheduling.count_lapse(3, good, was_review=True) == (3, False)
    assert scheduling.count_lapse(3, again, was_review=False) == (3, False)  # learning
    last = scheduling.LEECH_THRESHOLD - 1
    assert scheduling.count_lapse(last, again, was_review=True) == (last + 1, True)
    assert scheduling.count_lapse(last + 1, again, was_review=True) == (last + 2, False)
    assert scheduling.count_lapse(11, again, was_review=True) == (12, True)  # warned again
    # a wrong pick among a quiz's options is forgetting, but not the recall lapse leeches count
    recognition = scheduling.QUIZ_RECOGNITION
    assert scheduling.count_lapse(last, again, was_review=True, origin=recognition) == (last, False)
    assert scheduling.count_lapse(last, again, was_review=True, origin="quiz_recall") == (
        last + 1,
        True,
    )


def test_days_survive_the_log():
    calendar = Calendar(NEW_YORK, BERLIN, local(NEW_YORK, 2026, 3, 3, 4))
    days = scheduling.Days(date(2026, 3, 5), date(2026, 3, 1), calendar)
    again = scheduling.Days.from_record(days.as_record())
    assert again == days
    assert scheduling.Days.from_record(days.as_record(), last=date(2026, 3, 4)).elapsed == 1


def test_recall_after_days_is_fsrs_forgetting_curve():
    decay = -FSRS.parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    for stability, days in ((2.0, 0), (2.0, 2), (10.0, 3), (0.5, 7)):
        expected = (1 + factor * days / stability) ** decay
        assert scheduling.recall_after(FSRS, stability, days) == pytest.approx(expected)
    assert scheduling.recall_after(FSRS, 5.0, 5) == pytest.approx(0.9)  # stability's meaning
    assert scheduling.recall_after(FSRS, None, 3) == 0.0
