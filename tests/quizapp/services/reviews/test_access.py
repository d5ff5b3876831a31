"""Who may study a set's cards: public sets, one's own, and the sets of one's courses."""

from __future__ import annotations

import pytest

from quizapp.extensions import db
from quizapp.models import QuestionSet
from quizapp.services import courses, reviews
from quizapp.services.errors import NotFound, ValidationFailed
from quizapp.services.reviews import access
from tests.quizapp.course_helpers import attach, join, make_course
from tests.quizapp.review_helpers import as_user, card_ids, deck_questions


def test_public_own_and_course_sets(app, factories, clock):
    teacher = factories.user(role="instructor")
    private = factories.question_set(
        name="Private", questions=deck_questions(2), owner_id=teacher.id, public=False
    )
    public = factories.question_set(name="Public", questions=deck_questions(2))
    student, stranger = factories.user(), factories.user()
    course_id, code = make_course(app, teacher)
    attach(app, teacher, course_id, private)
    join(app, student, code)

    def may(user_id: int, set_id: int) -> bool:
        with as_user(app, user_id) as row:
            question_set = db.session.get(QuestionSet, set_id)
            return reviews.can_study(db.session, row, question_set, now=clock.now())

    assert may(stranger.id, public) and not may(stranger.id, private)
    assert may(teacher.id, private)  # the owner
    assert may(student.id, private)  # a member of a course that holds it
    with as_user(app, student.id) as row:
        courses.leave_course(db.session, user=row, course_id=course_id)
    assert not may(student.id, private)  # no longer
    with app.app_context():
        db.session.get(QuestionSet, public).deleted_at = clock.now()
        db.session.commit()
    assert not may(stranger.id, public)  # a deleted set is nobody's to study


def test_a_set_or_card_one_may_not_study_is_refused_without_leaking(app, factories, clock):
    teacher = factories.user(role="instructor")
    private = factories.question_set(
        name="Private", questions=deck_questions(1), owner_id=teacher.id, public=False
    )
    (card_id,) = card_ids(app, private)
    stranger = factories.user()
    with as_user(app, stranger.id) as row:
        for set_id in (private, 999_999):
            with pytest.raises(NotFound, match="There is no such set."):
                reviews.studyable_set(db.session, row, set_id, now=clock.now())
            with pytest.raises(NotFound, match="There is no such set."):
                access.check_studyable(db.session, row, set_id, now=clock.now())
        for card in (card_id, 999_999, "1", None):
            with pytest.raises(ValidationFailed) as refused:
                access.card_for(db.session, row, card, now=clock.now())
            assert refused.value.code == "unknown_card"
    with as_user(app, teacher.id) as row:
        assert access.card_for(db.session, row, card_id, now=clock.now()).id == card_id
        assert access.state_of(db.session, row, card_id) is None
