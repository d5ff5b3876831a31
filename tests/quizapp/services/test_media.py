"""Images of questions: stored once by content hash, linked to the sets and attempts that
use them, served to exactly the people who may see them; on SQLite and PostgreSQL."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from question_bank.sets import QuestionSet as BankSet
from question_bank.types import question_from_dict
from quizapp.models import AttemptMedia, QuestionSet, SetMedia, StoredFile, User
from quizapp.services import courses, media, question_sets, quizzes, set_admin
from quizapp.services.errors import NotFound
from tests.conftest import START
from tests.quizapp.media_helpers import image, image_question
from tests.quizapp.quiz_helpers import mc
from tests.quizapp.services.quizzes.helpers import save_text


def _count(session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def _bank(name: str, questions: list[dict]) -> BankSet:
    return BankSet(name=name, questions=tuple(question_from_dict(q) for q in questions))


def _save(session, clock, owner_id, questions, *, name="Rivers", public=False) -> int:
    return question_sets.save_new_set(
        session, _bank(name, questions), owner_id=owner_id, now=clock.now(), public=public
    ).set_id


@pytest.fixture
def people(db_session, factories):
    return {
        "owner": db_session.get(User, factories.user(role="instructor").id),
        "student": db_session.get(User, factories.user().id),
        "other": db_session.get(User, factories.user().id),
        "teacher": db_session.get(User, factories.user(role="instructor").id),
    }


# ----------------------------------------------------------------------------- storage


def test_a_file_is_stored_once_and_rows_keep_references(db_session, clock, people):
    shared = image()
    set_id = _save(
        db_session,
        clock,
        people["owner"].id,
        [image_question("q1", shared), image_question("q2", shared), mc("q3")],
    )
    _save(db_session, clock, people["owner"].id, [image_question("q9", shared)], name="Again")
    assert _count(db_session, StoredFile) == 1
    stored = db_session.execute(select(StoredFile)).scalar_one()
    assert (stored.sha256, stored.mime, stored.size) == (shared.sha256, "image/png", shared.size)
    assert stored.data == shared.data
    rows = {q.key: q for q in db_session.get(QuestionSet, set_id).questions}
    assert "files" not in rows["q1"].data  # the bytes live in media_files only
    assert rows["q1"].media == [
        {"name": "map.png", "mime": "image/png", "sha256": shared.sha256, "size": shared.size}
    ]
    assert rows["q3"].media is None
    links = db_session.execute(select(SetMedia.set_id)).scalars().all()
    assert sorted(links) == sorted([set_id, set_id + 1])


def test_exports_get_the_same_bytes_back(db_session, clock, people):
    picture = image(rgb=(10, 120, 240))
    set_id = _save(db_session, clock, people["owner"].id, [image_question("q1", picture)])
    bank = question_sets.to_bank_set(db_session.get(QuestionSet, set_id))
    assert bank.questions[0].files == (picture,)
    export = set_admin.export_set(db_session, set_id=set_id, user=people["owner"], format="json")
    assert picture.to_dict()["data"] in export.content.decode("utf-8")


def test_a_new_version_without_the_image_unlinks_it_but_keeps_the_bytes(db_session, clock, people):
    set_id = _save(db_session, clock, people["owner"].id, [image_question("q1", image())])
    target = db_session.get(QuestionSet, set_id)
    question_sets.sync_set(db_session, target, _bank("Rivers", [mc("q1")]), now=clock.now())
    db_session.commit()
    assert _count(db_session, SetMedia) == 0
    assert _count(db_session, StoredFile) == 1  # attempts may still show it


def test_two_images_of_one_name_in_two_questions_stay_apart(db_session, clock, people):
    red, blue = image(rgb=(255, 0, 0)), image(rgb=(0, 0, 255))
    set_id = _save(
        db_session,
        clock,
        people["owner"].id,
        [image_question("q1", red), image_question("q2", blue)],
    )
    detail = set_admin.set_detail(db_session, set_id=set_id, user=people["owner"])
    prompts = {q.id: q.prompt for _, q in detail.questions}
    assert f"/media/{red.sha256}/map.png" in prompts["q1"]
    assert f"/media/{blue.sha256}/map.png" in prompts["q2"]
    assert "@@PLUGINFILE@@" not in prompts["q1"] + prompts["q2"]


# ------------------------------------------------------------------------------ access


def _served(session, user, picture) -> bool:
    try:
        served = media.served_file(session, user, picture.sha256, now=START)
    except NotFound:
        return False
    assert (served.data, served.mime) == (picture.data, "image/png")
    return True


def test_who_may_fetch_an_image(db_session, clock, people):
    owner, student, other, teacher = (
        people["owner"],
        people["student"],
        people["other"],
        people["teacher"],
    )
    private, public, in_course = image(rgb=(1, 2, 3)), image(rgb=(4, 5, 6)), image(rgb=(7, 8, 9))
    _save(db_session, clock, owner.id, [image_question("q1", private)], name="Private")
    _save(db_session, clock, owner.id, [image_question("q2", public)], name="Public", public=True)
    course_set = _save(db_session, clock, owner.id, [image_question("q3", in_course)], name="C")
    course = courses.create_course(db_session, owner=teacher, name="Rivers 101", now=clock.now())
    own_course = courses.create_course(db_session, owner=owner, name="Mine", now=clock.now())
    courses.attach_set(
        db_session, owner=owner, course_id=own_course.id, set_id=course_set, now=clock.now()
    )
    courses.join_course(db_session, user=student, code=own_course.join_code, now=clock.now())
    courses.join_course(db_session, user=other, code=course.join_code, now=clock.now())

    assert [_served(db_session, u, private) for u in (owner, student, other, None)] == [
        True,
        False,
        False,
        False,
    ]
    # A public set's questions are on /bank for everyone, logged in or not.
    assert all(_served(db_session, u, public) for u in (owner, student, other, None))
    # A course's set: its students and its teacher; not a student of another course.
    assert [_served(db_session, u, in_course) for u in (owner, student, other, None)] == [
        True,
        True,
        False,
        False,
    ]
    for bad in ("0" * 64, "not-a-hash", private.sha256.upper(), ""):
        with pytest.raises(NotFound):
            media.served_file(db_session, owner, bad, now=START)


def test_the_student_keeps_seeing_the_images_of_their_attempt(db_session, clock, people):
    owner, student, other = people["owner"], people["student"], people["other"]
    picture = image()
    set_id = _save(
        db_session, clock, owner.id, [image_question("q1", picture)], name="Quiz", public=True
    )
    started = quizzes.start_attempt(
        db_session, user=student, set_id=set_id, now=clock.now(), rng=random.Random(1)
    )
    assert _count(db_session, AttemptMedia) == 1
    prompt = started.attempt.questions[0].model.prompt
    assert f'src="/media/{picture.sha256}/map.png"' in prompt
    assert 'alt="A map of the Euphrates valley"' in prompt
    quizzes.submit_attempt(db_session, user=student, attempt_id=started.attempt_id, now=clock.now())
    # The set changes (the image goes), then is deleted: the review keeps its image.
    target = db_session.get(QuestionSet, set_id)
    question_sets.sync_set(db_session, target, _bank("Quiz", [mc("q1")]), now=clock.now())
    db_session.commit()
    set_admin.delete_set(db_session, set_id=set_id, user=owner, now=clock.now())
    assert _served(db_session, student, picture)
    assert not _served(db_session, other, picture)
    assert not _served(db_session, None, picture)
    assert not _served(db_session, owner, picture)  # the set is gone; the attempt is not theirs
    review = quizzes.get_attempt(
        db_session, user=student, attempt_id=started.attempt_id, now=clock.now()
    )
    assert f"/media/{picture.sha256}/map.png" in review.questions[0].model.prompt


# ------------------------------------------------------------------------------ points


def test_a_question_worth_two_counts_twice(db_session, clock, people):
    student = people["student"]
    questions = [
        image_question("q-two", image(), points=2, category="rivers"),
        {**mc("q-one"), "category": "towns"},
    ]
    set_id = _save(db_session, clock, people["owner"].id, questions, public=True)
    db_session.get(QuestionSet, set_id).shuffle_questions = False
    db_session.commit()
    started = quizzes.start_attempt(
        db_session, user=student, set_id=set_id, now=clock.now(), rng=random.Random(3)
    )
    assert started.attempt.max_score == 3
    for key, answer in (("q-two", "Euphrates"), ("q-one", "Wrong")):
        save_text(db_session, student, started.attempt_id, key, answer, clock)
    done = quizzes.submit_attempt(
        db_session, user=student, attempt_id=started.attempt_id, now=clock.now()
    )
    assert (done.score, done.max_score, done.percent) == (2, 3, pytest.approx(2 / 3))
    results = {q.key: q.result for q in done.questions}
    assert (results["q-two"].mark, results["q-two"].points) == (2, 2)
    assert (results["q-one"].mark, results["q-one"].points) == (0, 1)
    shares = {
        c.category: (c.points, c.out_of)
        for c in quizzes.history(db_session, user=student).categories
    }
    assert shares == {"rivers": (2, 2), "towns": (0, 1)}
