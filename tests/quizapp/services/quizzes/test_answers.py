"""Saving answers (``quizzes.answers``), concurrency included, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import AttemptQuestion
from quizapp.services import quizzes
from quizapp.services.errors import NotFound, ValidationFailed
from tests.quizapp.quiz_helpers import (
    RIGHT_ANSWERS,
    as_text,
    by_text,
    every_type,
    make_set,
    mc,
    shown_question,
    user,
)
from tests.quizapp.services.quizzes.helpers import (
    race,
    review_logs,
    save,
    save_text,
    start,
    submit,
    texts,
)

# --------------------------------------------------------------------------- saving


def test_saving_is_idempotent(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type())
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    first = save(db_session, student, attempt_id, "q-num", "11,000", clock)
    assert first.changed and first.question.response == 11000.0
    version = first.attempt.version
    clock.advance(seconds=5)
    again = save(db_session, student, attempt_id, "q-num", 11000, clock)
    assert not again.changed and again.attempt.version == version
    row = db_session.execute(
        select(AttemptQuestion).where(AttemptQuestion.question_key == "q-num")
    ).scalar_one()
    assert row.answered_at == clock.now() - timedelta(seconds=5)


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("q-mc", "z"),
        ("q-mc", "a"),  # the id in the file: the attempt never showed it
        ("q-mc", ["a"]),
        ("q-tf", "maybe"),
        ("q-mr", "sdf"),
        ("q-mr", ["sdf", "unknown"]),
        ("q-short", 42),
        ("q-num", "eleven thousand-ish"),
        ("q-num", True),
        ("q-match", {"i1": "o1"}),  # the ids in the file
        ("q-match", {"i1": "o9"}),
        ("q-match", {"zz": "o1"}),
        ("q-match", ["o1"]),
        ("q-cloze", ["March"]),
        ("q-cloze", {"1": "March"}),
        ("q-essay", ["text"]),
        ("intro", "an answer to a description"),
    ],
)
def test_malformed_responses_are_refused_and_change_nothing(
    app, db_session, factories, clock, key, bad
):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type())
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    if key in RIGHT_ANSWERS:
        save_text(db_session, student, attempt_id, key, RIGHT_ANSWERS[key], clock)
    before = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    with pytest.raises(ValidationFailed) as error:
        save(db_session, student, attempt_id, key, bad, clock, move_to=5)
    assert error.value.status == 400 and error.value.code == "invalid_response"
    assert error.value.message.startswith("That answer does not fit the question")
    after = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    assert after == before


def test_question_not_in_attempt_and_submitted_attempt(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    questions = [mc(f"q{i}") for i in range(5)]
    set_id = make_set(app, factories, questions, question_count=2)
    attempt = start(db_session, student, set_id, clock).attempt
    drawn = {q.key for q in attempt.questions}
    left_out = next(q["id"] for q in questions if q["id"] not in drawn)
    with pytest.raises(ValidationFailed) as error:
        save_text(db_session, student, attempt.id, left_out, "Right", clock)
    assert error.value.code == "question_not_in_attempt"

    submit(db_session, student, attempt.id, clock)
    with pytest.raises(ValidationFailed) as error:
        save_text(db_session, student, attempt.id, attempt.questions[0].key, "Right", clock)
    assert error.value.code == "attempt_submitted"
    assert "submitted" in error.value.message


def test_a_blank_answer_clears_the_saved_one(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type())
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save(db_session, student, attempt_id, "q-short", "Bali", clock)
    cleared = save(db_session, student, attempt_id, "q-short", "   ", clock)
    assert cleared.changed and cleared.question.response is None
    assert (
        save(db_session, student, attempt_id, "q-cloze", ["", ""], clock).question.response is None
    )
    assert (
        save_text(
            db_session, student, attempt_id, "q-match", {"Baghouz": ""}, clock
        ).question.response
        is None
    )


@pytest.mark.parametrize(
    ("key", "blank"),
    [
        ("q-mc", ""),
        ("q-tf", " "),
        ("q-mr", []),
        ("q-short", ""),
        ("q-num", ""),
        ("q-num", "   "),
        ("q-match", {"i1": "", "i2": ""}),
        ("q-cloze", ["", " "]),
        ("q-essay", "\n"),
    ],
)
def test_an_empty_answer_is_not_answered_for_every_type(
    app, db_session, factories, clock, key, blank
):
    """Never "'' is not a number": an empty answer is no answer, and it clears a saved one."""
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type())
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    untouched = save(db_session, student, attempt_id, key, blank, clock)
    assert not untouched.changed and untouched.question.response is None
    save_text(db_session, student, attempt_id, key, RIGHT_ANSWERS[key], clock)
    cleared = save(db_session, student, attempt_id, key, blank, clock)
    assert cleared.changed and cleared.question.response is None
    assert not cleared.question.answered and cleared.question.answered_at is None


def test_another_users_attempt_is_not_found(app, db_session, factories, clock):
    owner = user(db_session, factories.user())
    intruder = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1")])
    attempt_id = start(db_session, owner, set_id, clock).attempt_id
    with pytest.raises(NotFound):
        quizzes.get_attempt(db_session, user=intruder, attempt_id=attempt_id, now=clock.now())
    with pytest.raises(NotFound):
        save(db_session, intruder, attempt_id, "q1", "anything", clock)
    with pytest.raises(NotFound):
        submit(db_session, intruder, attempt_id, clock)
    view = quizzes.get_attempt(db_session, user=owner, attempt_id=attempt_id, now=clock.now())
    assert view.questions[0].response is None and not view.is_submitted


def test_two_tabs_keep_the_last_answer_per_question_and_lose_none(
    app, db_session, factories, clock
):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc(f"q{i}") for i in range(4)])
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    # Tab A and tab B were opened on the same attempt; each saves without reloading.
    save_text(db_session, student, attempt_id, "q0", "Right", clock)  # tab A
    save_text(db_session, student, attempt_id, "q1", "Wrong", clock)  # tab B
    save_text(db_session, student, attempt_id, "q0", "Half", clock)  # tab B changes q0 later
    save_text(db_session, student, attempt_id, "q2", "Also wrong", clock)  # tab A
    view = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    assert texts(view) == ["Half", "Wrong", "Also wrong", None]


def test_concurrent_saves_from_threads_lose_nothing(app, factories, clock):
    keys = [f"q{i}" for i in range(8)]
    set_id = make_set(app, factories, [mc(k) for k in keys])
    student_ref = factories.user()
    with app.app_context():
        attempt_id = start(db.session, user(db.session, student_ref), set_id, clock).attempt_id
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(keys))

    def answer(key: str) -> None:
        try:
            with app.app_context():
                student = user(db.session, student_ref)
                barrier.wait(timeout=10)
                for choice in ("Wrong", "Half", "Right"):
                    save_text(db.session, student, attempt_id, key, choice, clock)
                db.session.remove()
        except BaseException as error:  # reported below, in the main thread
            errors.append(error)

    threads = [threading.Thread(target=answer, args=(k,)) for k in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    with app.app_context():
        view = quizzes.get_attempt(
            db.session, user=user(db.session, student_ref), attempt_id=attempt_id, now=clock.now()
        )
        assert texts(view) == ["Right"] * len(keys)
        assert view.version == 1 + 3 * len(keys)


def test_concurrent_saves_of_one_answer_lose_no_update(app, factories, clock):
    set_id = make_set(app, factories, [mc("q1"), mc("q2")])
    student_ref = factories.user()
    with app.app_context():
        attempt_id = start(db.session, user(db.session, student_ref), set_id, clock).attempt_id
    right, wrong, half, also = "Right", "Wrong", "Half", "Also wrong"
    sequences = [[wrong, half, right], [half, right, wrong], [right, wrong, half]] * 2
    sequences += [[also, half, wrong]] * 2

    def answer(index: int) -> list:
        student = user(db.session, student_ref)
        return [
            save_text(db.session, student, attempt_id, "q1", choice, clock)
            for choice in sequences[index]
        ]

    outcomes = race(app, len(sequences), answer)
    assert not [o for o in outcomes if isinstance(o, BaseException)]
    saves = [saved for outcome in outcomes for saved in outcome]
    changes = [saved for saved in saves if saved.changed]
    with app.app_context():
        view = quizzes.get_attempt(
            db.session, user=user(db.session, student_ref), attempt_id=attempt_id, now=clock.now()
        )
    # Every change bumped the version once, and the last one is the answer kept.
    assert view.version == 1 + len(changes)
    assert sorted(saved.attempt.version for saved in changes) == list(range(2, view.version + 1))
    last = max(changes, key=lambda saved: saved.attempt.version)
    assert view.questions[0].response == last.question.response
    assert view.questions[1].response is None
    with app.app_context():
        rows = db.session.execute(
            select(func.count(AttemptQuestion.id)).where(AttemptQuestion.attempt_id == attempt_id)
        ).scalar_one()
    assert rows == 2  # no duplicate


def test_concurrent_checks_of_one_answer_grade_it_once(app, factories, clock):
    set_id = make_set(app, factories, [mc("q1"), mc("q2")], feedback_mode="immediate")
    student_ref = factories.user()
    with app.app_context():
        attempt_id = start(db.session, user(db.session, student_ref), set_id, clock).attempt_id
    choices = ["Right", "Wrong"] * 4

    def check(index: int):
        return save_text(
            db.session,
            user(db.session, student_ref),
            attempt_id,
            "q1",
            choices[index],
            clock,
            check=True,
        )

    outcomes = race(app, len(choices), check)
    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert all(isinstance(e, ValidationFailed) and e.code == "answer_locked" for e in errors)
    saves = [o for o in outcomes if not isinstance(o, BaseException)]
    changed = [saved for saved in saves if saved.changed]
    assert len(changed) == 1  # the first check wins; it cannot change after
    kept = changed[0].question
    assert kept.locked and kept.result is not None
    assert all(saved.question.response == kept.response for saved in saves)
    kept_text = as_text(kept, kept.response)
    assert len(errors) == choices.count("Right" if kept_text == "Wrong" else "Wrong")
    with app.app_context():
        # graded once; its card (new) gets no review: quiz evidence waits for submission
        assert review_logs(db.session, student_ref.id) == []
        view = quizzes.get_attempt(
            db.session, user=user(db.session, student_ref), attempt_id=attempt_id, now=clock.now()
        )
    assert view.version == 2 and view.questions[0].response == kept.response


def test_a_save_returns_the_question_it_saved(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type())
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    by_key = save(db_session, student, attempt_id, "q-short", "Mustafa Bali", clock)
    assert (by_key.question.key, by_key.question.position) == ("q-short", 4)
    assert by_key.question.model.type_name == "short_answer"
    assert by_key.question.response == "Mustafa Bali" and by_key.question.answered
    assert by_key.question.answered_at == clock.now() and not by_key.question.locked
    assert by_key.changed and by_key.total == 9
    assert (by_key.attempt.version, by_key.attempt.current_position) == (2, 0)

    by_position = quizzes.save_answer(
        db_session,
        user=student,
        attempt_id=attempt_id,
        position=5,
        response="11,000",
        move_to=6,
        now=clock.now(),
    )
    assert (by_position.question.key, by_position.question.response) == ("q-num", 11000.0)
    assert (by_position.attempt.version, by_position.attempt.current_position) == (3, 6)

    moved = save(db_session, student, attempt_id, "q-num", quizzes.KEEP, clock, move_to=2)
    assert moved.changed and moved.question.response == 11000.0
    assert (moved.attempt.version, moved.attempt.current_position) == (4, 2)
    nowhere = save(db_session, student, attempt_id, "q-num", quizzes.KEEP, clock, move_to=9)
    assert not nowhere.changed and nowhere.attempt.version == 4  # out of range: ignored

    view = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    assert view.version == 4 and view.current_position == 2
    assert view.question(4) == by_key.question
    assert view.question(5).response == 11000.0


def test_a_save_after_the_deadline_is_refused_and_submits(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1"), mc("q2")], time_limit_seconds=600)
    started = start(db_session, student, set_id, clock).attempt
    assert started.deadline == clock.now() + timedelta(minutes=10)
    assert started.seconds_left == 600
    clock.advance(minutes=9)
    save_text(db_session, student, started.id, "q1", "Right", clock)
    clock.advance(minutes=1)
    with pytest.raises(quizzes.TimeUp) as error:
        save_text(db_session, student, started.id, "q2", "Right", clock)
    assert error.value.status == 400 and "Time is up" in error.value.message
    view = quizzes.get_attempt(db_session, user=student, attempt_id=started.id, now=clock.now())
    assert view.is_submitted and view.submitted_at == started.deadline
    assert view.score == 1 and view.questions[1].response is None


def test_a_question_pages_post_gives_the_page_again_for_an_answer_that_does_not_fit(
    app, db_session, factories, clock
):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type(), feedback_mode="immediate")
    attempt_id = start(db_session, student, set_id, clock).attempt_id

    def post(position, response, move_to=None, check=False):
        return quizzes.answer_from_page(
            db_session,
            user=student,
            attempt_id=attempt_id,
            position=position,
            response=response,
            move_to=move_to,
            now=clock.now(),
            check=check,
        )

    mc_shown = shown_question(db_session, attempt_id, "q-mc")
    saved = post(1, by_text(mc_shown, "Baghouz"), move_to=2, check=True)
    assert saved.page is None and saved.saved.changed and saved.saved.total == 9
    unfit = post(2, "maybe")
    assert unfit.saved is None and unfit.error.startswith("That answer does not fit")
    assert unfit.page.question.key == "q-tf" and unfit.page.current_position == 2
    locked = post(1, by_text(mc_shown, "Raqqa"))  # checked in immediate mode: it cannot change
    assert locked.error == "This answer was already checked: it cannot change now."
    assert as_text(locked.page.question, locked.page.question.response) == "Baghouz"
    with pytest.raises(ValidationFailed) as error:
        post(40, "Baghouz")
    assert error.value.code == "question_not_in_attempt"
    clock.advance(hours=1)
    quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    submit(db_session, student, attempt_id, clock)
    with pytest.raises(ValidationFailed) as error:
        post(2, "true")
    assert error.value.code == "attempt_submitted"


def test_a_question_pages_post_after_the_deadline_raises_time_up(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1")], time_limit_seconds=60)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    clock.advance(minutes=2)
    with pytest.raises(quizzes.TimeUp):
        quizzes.answer_from_page(
            db_session,
            user=student,
            attempt_id=attempt_id,
            position=0,
            response="anything",
            move_to=None,
            now=clock.now(),
        )
    assert quizzes.get_attempt(
        db_session, user=student, attempt_id=attempt_id, now=clock.now()
    ).is_submitted
