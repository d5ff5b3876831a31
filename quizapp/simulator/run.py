"""One simulated learner, run through the real services on a database of its own.

The learner studies the article bank's flashcards every day at the same local hour, and,
if asked, takes its quiz every few days in the evening.  Every look at a card goes through
``reviews.next_card`` and ``reviews.review``, every quiz through ``quizzes.start_attempt``,
``save_answer`` and ``submit_attempt``, with the app's clock a ``FrozenClock`` moved by the
simulation and a temporary SQLite file as the database: what is measured is what the app
does.  The learner's answers come from ``memory.TrueMemory``: whether they recall a card is
drawn from their true memory of it, never from the scheduler's figures.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from quizapp.clock import FrozenClock
from quizapp.simulator import answers
from quizapp.simulator.memory import AGAIN, GOOD, HARD, TrueMemory, rating_for

#: Monday 2 March 2026: the run crosses the change to summer time (29 March in Europe).
FIRST_DAY = date(2026, 3, 2)
SESSION_HOUR = 8
QUIZ_HOUR = 18
#: Seconds spent on a flashcard and on a quiz question.
CARD_SECONDS = 10
QUESTION_SECONDS = 20


@dataclass(frozen=True)
class Plan:
    """What to simulate."""

    days: int = 60
    seed: int = 1
    retention: float = 0.90
    quiz_every: int = 0  # 0: no quizzes
    zone: str = "Europe/Berlin"
    new_per_day: int = 20
    first_day: date = FIRST_DAY


@dataclass
class Day:
    day: date
    reviews: int = 0  # flashcard answers (new, learning and review cards)
    new: int = 0  # new cards introduced
    review_cards: int = 0  # answers to cards in review
    quiz_logs: int = 0  # review-log entries written by quizzes


@dataclass
class Outcome:
    plan: Plan
    cards: int
    days: list[Day] = field(default_factory=list)
    recall_at_review: list[float] = field(default_factory=list)
    quizzes: int = 0
    replay_mismatches: int = 0

    @property
    def total_reviews(self) -> int:
        return sum(day.reviews for day in self.days)

    @property
    def mean_recall_at_review(self) -> float | None:
        found = self.recall_at_review
        return sum(found) / len(found) if found else None

    def as_dict(self) -> dict[str, Any]:
        mean = self.mean_recall_at_review
        return {
            "plan": {**asdict(self.plan), "first_day": self.plan.first_day.isoformat()},
            "cards": self.cards,
            "total_reviews": self.total_reviews,
            "review_card_reviews": len(self.recall_at_review),
            "mean_true_recall_at_review": round(mean, 4) if mean is not None else None,
            "quizzes": self.quizzes,
            "quiz_logs": sum(day.quiz_logs for day in self.days),
            "replay_mismatches": self.replay_mismatches,
            "reviews_per_day": [
                {
                    "day": d.day.isoformat(),
                    "reviews": d.reviews,
                    "new": d.new,
                    "review_cards": d.review_cards,
                    "quiz_logs": d.quiz_logs,
                }
                for d in self.days
            ],
        }


def _app(database: Path, clock: FrozenClock) -> Any:
    from quizapp import create_app

    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "simulation",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "CLOCK": clock,
            "RATELIMIT_ENABLED": False,
            "LOAD_ARTICLE_BANK": False,
        }
    )


def simulate(plan: Plan) -> Outcome:
    """Run ``plan`` on a fresh temporary database and return what happened."""
    zone = ZoneInfo(plan.zone)
    clock = FrozenClock(datetime.combine(plan.first_day, time(SESSION_HOUR), tzinfo=zone))
    with tempfile.TemporaryDirectory(prefix="quizapp-simulation-") as folder:
        app = _app(Path(folder) / "simulation.db", clock)
        with app.app_context():
            from quizapp.extensions import db

            db.create_all()
            try:
                return _Run(plan, clock, zone).run()
            finally:
                db.session.remove()
                db.engine.dispose()


class _Run:
    def __init__(self, plan: Plan, clock: FrozenClock, zone: ZoneInfo) -> None:
        from question_bank import article
        from quizapp.extensions import db
        from quizapp.models import QuestionSet, User
        from quizapp.services import question_sets

        self.plan, self.clock, self.zone = plan, clock, zone
        self.session = db.session
        self.rng = random.Random(plan.seed)
        self.memory = TrueMemory(zone)
        now = clock.now()
        question_sets.load_builtin(
            self.session, article.load_bank(), key=question_sets.ARTICLE_BANK_KEY, now=now
        )
        self.set_id = self.session.execute(
            select(QuestionSet.id).where(QuestionSet.builtin_key == question_sets.ARTICLE_BANK_KEY)
        ).scalar_one()
        self.user = User(
            email="learner@simulation.invalid",
            password_hash="!",  # cannot log in: the simulation calls the services
            role="student",
            created_at=now,
            timezone=plan.zone,
            desired_retention=plan.retention,
            new_cards_per_day=plan.new_per_day,
        )
        self.session.add(self.user)
        self.session.commit()

    def at(self, day: date, hour: int) -> datetime:
        return datetime.combine(day, time(hour), tzinfo=self.zone).astimezone(UTC)

    def run(self) -> Outcome:
        from quizapp.models import Card
        from quizapp.services import reviews

        cards = self.session.execute(select(Card.id).where(Card.set_id == self.set_id)).all()
        outcome = Outcome(self.plan, cards=len(cards))
        for index in range(self.plan.days):
            today = Day(self.plan.first_day + timedelta(days=index))
            self.clock.set(self.at(today.day, SESSION_HOUR))
            self.study(today, outcome)
            if self.plan.quiz_every and (index + 1) % self.plan.quiz_every == 0:
                self.clock.set(self.at(today.day, QUIZ_HOUR))
                today.quiz_logs = self.take_quiz()
                outcome.quizzes += 1
            outcome.days.append(today)
        _, mismatches = reviews.replay_check(self.session, user_id=self.user.id)
        outcome.replay_mismatches = len(mismatches)
        return outcome

    def study(self, today: Day, outcome: Outcome) -> None:
        """One flashcard session: until the queue is empty."""
        from quizapp.services import reviews

        while True:
            now = self.clock.now()
            shown = reviews.next_card(self.session, self.user, now=now, set_id=self.set_id)
            if shown is None:
                return
            card_id = shown.card.id
            first_look = card_id not in self.memory.traces
            recall = self.memory.recall(card_id, now)
            rating = rating_for(self.rng.random() < recall, self.rng, first_look=first_look)
            reviews.review(
                self.session,
                self.user,
                card_id=card_id,
                rating=rating,
                now=now,
                expected_version=shown.version,
            )
            self.memory.retrieve(card_id, now, rating)
            today.reviews += 1
            today.new += shown.kind == "new"
            if shown.kind == "review":
                today.review_cards += 1
                outcome.recall_at_review.append(recall)
            self.clock.advance(seconds=CARD_SECONDS)

    def take_quiz(self) -> int:
        """The set's quiz, every question answered from true memory.  Returns the review-log
        entries it wrote."""
        from quizapp.models import Attempt, AttemptQuestion, ReviewLog
        from quizapp.services import quizzes

        logs_before = self._count(ReviewLog)
        started = quizzes.start_attempt(
            self.session,
            user=self.user,
            set_id=self.set_id,
            now=self.clock.now(),
            rng=random.Random(self.rng.random()),
        )
        attempt_id = started.attempt.id
        # The ids the attempt shows (a page's radio values), as a student's browser sends them.
        ids_key = bytes.fromhex(
            self.session.execute(
                select(Attempt.ids_key).where(Attempt.id == attempt_id)
            ).scalar_one()
        )
        rows = self.session.execute(
            select(AttemptQuestion.question_key, AttemptQuestion.card_id, AttemptQuestion.data)
            .where(AttemptQuestion.attempt_id == attempt_id)
            .order_by(AttemptQuestion.position)
        ).all()
        recalled: dict[int, bool] = {}
        tested: dict[int, str] = {}  # card id -> the strongest evidence a question asked for
        for key, card_id, data in rows:
            from question_bank.types import question_from_dict
            from question_bank.types.public_ids import AttemptIds

            question = question_from_dict(data)
            if not (question.answerable and question.gradable):
                continue
            knows = False
            if card_id is not None:
                if card_id not in recalled:
                    chance = self.memory.recall(card_id, self.clock.now())
                    recalled[card_id] = self.rng.random() < chance
                knows = recalled[card_id]
                if tested.get(card_id) != "recall":
                    tested[card_id] = question.evidence
            answer, _ = answers.response(question, recalled=knows, rng=self.rng)
            shown = AttemptIds(question, ids_key, key).response_out(answer)
            quizzes.save_answer(
                self.session,
                user=self.user,
                attempt_id=attempt_id,
                question_key=key,
                response=shown,
                now=self.clock.now(),
            )
            self.clock.advance(seconds=QUESTION_SECONDS)
        quizzes.submit_attempt(
            self.session, user=self.user, attempt_id=attempt_id, now=self.clock.now()
        )
        now = self.clock.now()
        for card_id, evidence in tested.items():
            # Producing the answer is a full retrieval; picking it out among options a
            # weaker one; a fact not recalled is learnt again from the review's answers.
            if not recalled[card_id]:
                self.memory.retrieve(card_id, now, AGAIN)
            elif card_id in self.memory.traces:
                self.memory.retrieve(card_id, now, GOOD if evidence == "recall" else HARD)
        return self._count(ReviewLog) - logs_before

    def _count(self, model: Any) -> int:
        from sqlalchemy import func

        return self.session.execute(
            select(func.count(model.id)).where(model.user_id == self.user.id)
        ).scalar_one()
