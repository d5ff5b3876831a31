"""Who may take which set (``quizzes.access``), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from quizapp.models import QuestionSet
from quizapp.services import quizzes
from quizapp.services.errors import NotFound
from tests.quizapp.quiz_helpers import make_set, mc, user
from tests.quizapp.services.quizzes.helpers import start


def test_visibility(app, db_session, factories, clock):
    owner_ref, other_ref = factories.user(role="instructor"), factories.user()
    owner, other = user(db_session, owner_ref), user(db_session, other_ref)
    private_id = make_set(app, factories, [mc("q1")], owner_id=owner.id, public=False)
    public_id = make_set(app, factories, [mc("q1"), mc("q2")])
    deleted_id = make_set(app, factories, [mc("q1")])
    db_session.get(QuestionSet, deleted_id).deleted_at = clock.now()
    db_session.commit()

    assert start(db_session, owner, private_id, clock).attempt_id
    for set_id in (private_id, deleted_id, 10_000):
        with pytest.raises(NotFound):
            start(db_session, other, set_id, clock)
    listed = {s.id: s.question_count for s in quizzes.takeable_sets(db_session, other)}
    assert listed == {public_id: 2}
    assert {s.id for s in quizzes.takeable_sets(db_session, owner)} == {public_id, private_id}
