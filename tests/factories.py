"""Factories for the things tests need: users, sets (and, later, attempts)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from question_bank.sets import QuestionSet as BankSet
from question_bank.types import question_from_dict

_counter = itertools.count(1)


@dataclass(frozen=True)
class UserRef:
    """What a test needs of an account, usable outside the app context."""

    id: int
    email: str
    role: str


def sample_questions() -> list[dict[str, Any]]:
    """A small set in the interchange schema: one question of the main types."""
    return [
        {
            "id": "q-capital",
            "type": "multiple_choice",
            "prompt": "Where was the last stronghold?",
            "category": "place",
            "choices": [
                {"id": "a", "text": "Baghouz", "weight": 1, "feedback": "Yes."},
                {"id": "b", "text": "Raqqa", "weight": 0, "feedback": "Raqqa fell earlier."},
                {"id": "c", "text": "Mosul", "weight": 0, "feedback": ""},
            ],
        },
        {
            "id": "q-spokesman",
            "type": "short_answer",
            "prompt": "Who spoke for the SDF?",
            "category": "actor",
            "accepted": [{"text": "Mustafa Bali", "weight": 1}],
        },
        {
            "id": "q-troops",
            "type": "numerical",
            "prompt": "How many US troops stayed?",
            "category": "outcome",
            "numeric": [{"value": 200, "tolerance": 0, "weight": 1}],
        },
    ]


class Factories:
    def __init__(self, app, clock, password: str) -> None:
        self.app = app
        self.clock = clock
        self.password = password

    def user(self, role: str = "student", email: str | None = None, password: str | None = None):
        from quizapp.extensions import db
        from quizapp.services import accounts
        from quizapp.services.accounts import HashSettings

        with self.app.app_context():
            user = accounts.create_user(
                db.session,
                email=email or f"user{next(_counter)}@example.com",
                password=password or self.password,
                role=role,
                now=self.clock.now(),
                hashing=HashSettings(time_cost=1, memory_kib=1024),
            )
            return UserRef(id=user.id, email=user.email, role=user.role)

    def question_set(
        self,
        name: str = "Sample set",
        questions: list[dict[str, Any]] | None = None,
        owner_id: int | None = None,
        public: bool = True,
    ) -> int:
        """Save a set and return its id."""
        from quizapp.extensions import db
        from quizapp.services import question_sets

        bank = BankSet(
            name=name,
            description="A set made by a test.",
            questions=tuple(question_from_dict(q) for q in questions or sample_questions()),
        )
        with self.app.app_context():
            report = question_sets.save_new_set(
                db.session, bank, owner_id=owner_id, now=self.clock.now(), public=public
            )
            return report.set_id
