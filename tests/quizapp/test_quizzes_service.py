"""The quiz use cases (quizapp.services.quizzes), on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import random
import threading
from datetime import timedelta

import pytest
from fsrs import Rating
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Attempt, AttemptQuestion, Card, QuestionSet, ReviewLog
from quizapp.services import quizzes
from quizapp.services.errors import Forbidden, NotFound, ValidationFailed
from tests.quizapp.quiz_helpers import RIGHT_ANSWERS, every_type, make_set, mc, user


def start(session, app_user, set_id, clock, seed=1):
    return quizzes.start_attempt(
        session, user=app_user, set_id=set_id, now=clock.now(), rng=random.Random(seed)
    )


def save(session, app_user, attempt_id, key, response, clock, **kwargs):
    return quizzes.save_answer(
        session,
        user=app_user,
        attempt_id=attempt_id,
        question_key=key,
        response=response,
        now=clock.now(),
        **kwargs,
    )


def submit(session, app_user, attempt_id, clock):
    return quizzes.submit_attempt(session, user=app_user, attempt_id=attempt_id, now=clock.now())


def review_logs(session, user_id, origin="quiz"):
    return list(
        session.execute(
            select(ReviewLog)
            .where(ReviewLog.user_id == user_id, ReviewLog.origin == origin)
            .order_by(ReviewLog.id)
        ).scalars()
    )


# ------------------------------------------------------------------------- starting


def test_unshuffled_attempt_keeps_every_question_in_order(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type())
    started = start(db_session, student, set_id, clock)
    view = started.attempt
    assert not started.resumed
    assert [q.key for q in view.questions] == [q["id"] for q in every_type()]
    assert view.questions[0].answerable is False  # the description is shown, not scored
    # 7 gradable questions: not the description, not the essay.
    assert view.max_score == 7
    assert view.score is None and view.deadline is None
    assert [c.id for c in view.questions[1].model.choices] == ["a", "b", "c"]


def test_shuffled_draw_leaves_descriptions_out_and_is_fixed_per_attempt(
    app, db_session, factories, clock
):
    student = user(db_session, factories.user())
    questions = [mc(f"q{i}") for i in range(12)] + [every_type()[0], every_type()[2]]
    set_id = make_set(app, factories, questions, shuffle_questions=True, shuffle_choices=True)
    view = start(db_session, student, set_id, clock, seed=7).attempt
    keys = [q.key for q in view.questions]
    assert "intro" not in keys and len(keys) == 13
    assert keys != sorted(keys, key=[q["id"] for q in questions].index)  # shuffled
    choice_orders = {tuple(c.id for c in q.model.choices) for q in view.questions}
    assert len(choice_orders) > 1  # choices shuffled, per question
    true_false = next(q for q in view.questions if q.key == "q-tf")
    assert [c.id for c in true_false.model.choices] == ["true", "false"]  # never shuffled

    # The order is stored: reading the attempt again (a reload) gives the same.
    again = quizzes.get_attempt(db_session, user=student, attempt_id=view.id, now=clock.now())
    assert [q.key for q in again.questions] == keys
    assert [[c.id for c in q.model.choices] for q in again.questions] == [
        [c.id for c in q.model.choices] for q in view.questions
    ]


def test_random_n_from_chosen_categories(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    questions = [mc(f"p{i}", "place") for i in range(6)] + [mc(f"a{i}", "actor") for i in range(6)]
    set_id = make_set(
        app, factories, questions, question_count=4, categories=["actor"], shuffle_questions=False
    )
    page = quizzes.start_page(db_session, user=student, set_id=set_id, now=clock.now())
    assert page.options.question_count == 4 and page.options.available == 6
    view = start(db_session, student, set_id, clock, seed=3).attempt
    keys = [q.key for q in view.questions]
    assert len(keys) == 4 and all(k.startswith("a") for k in keys)
    assert keys == sorted(keys)  # not shuffled: the set's order
    assert view.max_score == 4


def test_starting_again_resumes_the_open_attempt(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type(), shuffle_questions=True)
    first = start(db_session, student, set_id, clock, seed=1).attempt
    save(db_session, student, first.id, "q-mc", "a", clock, move_to=3)
    again = start(db_session, student, set_id, clock, seed=99)
    assert again.resumed and again.attempt_id == first.id and again.position == 3
    assert [q.key for q in again.attempt.questions] == [q.key for q in first.questions]
    assert next(q for q in again.attempt.questions if q.key == "q-mc").response == "a"
    count = db_session.execute(select(func.count(Attempt.id))).scalar_one()
    assert count == 1


def test_attempts_allowed_is_enforced(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1")], attempts_allowed=2)
    for _ in range(2):
        attempt_id = start(db_session, student, set_id, clock).attempt_id
        submit(db_session, student, attempt_id, clock)
    with pytest.raises(Forbidden) as error:
        start(db_session, student, set_id, clock)
    assert error.value.status == 403
    assert "used all your attempts" in error.value.message
    assert db_session.execute(select(func.count(Attempt.id))).scalar_one() == 2
    page = quizzes.start_page(db_session, user=student, set_id=set_id, now=clock.now())
    assert page.attempts_left == 0 and not page.can_start and len(page.attempts) == 2


def test_a_set_without_answerable_questions_cannot_start(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [every_type()[0]])
    with pytest.raises(ValidationFailed) as error:
        start(db_session, student, set_id, clock)
    assert error.value.code == "empty_set"


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
        ("q-mc", ["a"]),
        ("q-tf", "maybe"),
        ("q-mr", "sdf"),
        ("q-mr", ["sdf", "unknown"]),
        ("q-short", 42),
        ("q-num", "eleven thousand-ish"),
        ("q-num", True),
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
        save(db_session, student, attempt_id, key, RIGHT_ANSWERS[key], clock)
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
        save(db_session, student, attempt.id, left_out, "a", clock)
    assert error.value.code == "question_not_in_attempt"

    submit(db_session, student, attempt.id, clock)
    with pytest.raises(ValidationFailed) as error:
        save(db_session, student, attempt.id, attempt.questions[0].key, "a", clock)
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
        save(db_session, student, attempt_id, "q-match", {"i1": ""}, clock).question.response
        is None
    )


def test_another_users_attempt_is_not_found(app, db_session, factories, clock):
    owner = user(db_session, factories.user())
    intruder = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1")])
    attempt_id = start(db_session, owner, set_id, clock).attempt_id
    with pytest.raises(NotFound):
        quizzes.get_attempt(db_session, user=intruder, attempt_id=attempt_id, now=clock.now())
    with pytest.raises(NotFound):
        save(db_session, intruder, attempt_id, "q1", "a", clock)
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
    save(db_session, student, attempt_id, "q0", "a", clock)  # tab A
    save(db_session, student, attempt_id, "q1", "b", clock)  # tab B
    save(db_session, student, attempt_id, "q0", "c", clock)  # tab B changes q0 later
    save(db_session, student, attempt_id, "q2", "d", clock)  # tab A
    view = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    assert [q.response for q in view.questions] == ["c", "b", "d", None]


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
                for choice in ("b", "c", "a"):
                    save(db.session, student, attempt_id, key, choice, clock)
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
        assert [q.response for q in view.questions] == ["a"] * len(keys)
        assert view.version == 1 + 3 * len(keys)


def _race(app, count, work):
    """Run ``work(index)`` in ``count`` threads at once, each with its own app context and
    session; returns each thread's result or exception, by index."""
    outcomes: list = [None] * count
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        try:
            with app.app_context():
                barrier.wait(timeout=10)
                try:
                    outcomes[index] = work(index)
                finally:
                    db.session.remove()
        except BaseException as error:  # returned to the main thread
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_concurrent_saves_of_one_answer_lose_no_update(app, factories, clock):
    set_id = make_set(app, factories, [mc("q1"), mc("q2")])
    student_ref = factories.user()
    with app.app_context():
        attempt_id = start(db.session, user(db.session, student_ref), set_id, clock).attempt_id
    sequences = [["b", "c", "a"], ["c", "a", "b"], ["a", "b", "c"], ["d", "c", "b"]] * 2

    def answer(index: int) -> list:
        student = user(db.session, student_ref)
        return [
            save(db.session, student, attempt_id, "q1", choice, clock)
            for choice in sequences[index]
        ]

    outcomes = _race(app, len(sequences), answer)
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
    choices = ["a", "b"] * 4

    def check(index: int):
        return save(
            db.session, user(db.session, student_ref), attempt_id, "q1", choices[index], clock
        )

    outcomes = _race(app, len(choices), check)
    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert all(isinstance(e, ValidationFailed) and e.code == "answer_locked" for e in errors)
    saves = [o for o in outcomes if not isinstance(o, BaseException)]
    changed = [saved for saved in saves if saved.changed]
    assert len(changed) == 1  # the first check wins; it cannot change after
    kept = changed[0].question
    assert kept.locked and kept.result is not None
    assert all(saved.question.response == kept.response for saved in saves)
    assert len(errors) == choices.count("a" if kept.response == "b" else "b")
    with app.app_context():
        assert len(review_logs(db.session, student_ref.id)) == 1  # one review of the card
        view = quizzes.get_attempt(
            db.session, user=user(db.session, student_ref), attempt_id=attempt_id, now=clock.now()
        )
    assert view.version == 2 and view.questions[0].response == kept.response


# ---------------------------------------------------------------- the question page


HEAD_FIELDS = [f.name for f in dataclasses.fields(quizzes.AttemptHead)]


def listed(questions):
    return [(q.key, q.position, q.number, q.category, q.answerable, q.answered) for q in questions]


def page_at(session, student, attempt_id, position, clock):
    return quizzes.question_page(
        session, user=student, attempt_id=attempt_id, position=position, now=clock.now()
    )


def test_the_question_page_shows_what_the_whole_attempt_shows(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(
        app, factories, every_type(), feedback_mode="immediate", time_limit_seconds=3600
    )
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save(db_session, student, attempt_id, "q-mc", "b", clock)  # checked: locked, with result
    save(db_session, student, attempt_id, "q-essay", "Draft", clock, move_to=4)
    clock.advance(minutes=5)
    whole = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    for position, expected in enumerate(whole.questions):
        page = page_at(db_session, student, attempt_id, position, clock)
        assert page.question == expected
        assert listed(page.questions) == listed(whole.questions)
        assert {n: getattr(page, n) for n in HEAD_FIELDS} == {
            n: getattr(whole, n) for n in HEAD_FIELDS
        }
        assert (page.total, page.answered_count) == (whole.total, whole.answered_count)
        assert len(page.answerable_questions) == len(whole.answerable_questions) == 8
    assert [q.number for q in page.questions if q.answered] == [2, 9]
    assert [q.key for q in page.questions if not q.answerable] == ["intro"]
    assert page.current_position == 4 and page.seconds_left == 3300 and page.version == 3
    assert page_at(db_session, student, attempt_id, 1, clock).question.locked

    beyond = page_at(db_session, student, attempt_id, 9, clock)
    assert beyond.total == 9 and beyond.shown is None
    with pytest.raises(NotFound, match="There is no question 10 in this attempt."):
        beyond.question  # noqa: B018


@pytest.mark.parametrize(
    ("keys", "answerable"),
    [
        (["q1", "q2"], [True, True]),  # every question gradable
        (["intro", "q1", "q-essay"], [False, True, True]),  # a text to read, an essay
        (["q1", "q-essay"], [True, True]),
    ],
)
def test_the_question_list_knows_the_texts_to_read(
    app, db_session, factories, clock, keys, answerable
):
    questions = {q["id"]: q for q in [*every_type(), mc("q1"), mc("q2")]}
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [questions[key] for key in keys])
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    page = page_at(db_session, student, attempt_id, 0, clock)
    whole = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    assert [q.answerable for q in page.questions] == answerable
    assert listed(page.questions) == listed(whole.questions)


def test_the_question_page_of_an_expired_attempt_submits_it(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1"), mc("q2")], time_limit_seconds=60)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save(db_session, student, attempt_id, "q1", "a", clock)
    clock.advance(minutes=5)
    page = page_at(db_session, student, attempt_id, 1, clock)
    assert page.auto_submitted and page.is_submitted and page.score == 1
    assert page.seconds_left is None and page.question.result.status == "unanswered"
    again = page_at(db_session, student, attempt_id, 7, clock)  # no such question: no error
    assert again.is_submitted and not again.auto_submitted and again.shown is None
    whole = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    assert listed(again.questions) == listed(whole.questions)


def test_the_question_page_of_another_users_attempt_is_not_found(app, db_session, factories, clock):
    owner = user(db_session, factories.user())
    intruder = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1")])
    attempt_id = start(db_session, owner, set_id, clock).attempt_id
    with pytest.raises(NotFound, match="There is no such attempt."):
        page_at(db_session, intruder, attempt_id, 0, clock)
    with pytest.raises(NotFound, match="There is no such attempt."):
        page_at(db_session, owner, attempt_id + 1, 0, clock)


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


# ------------------------------------------------------------------------- grading


def test_partial_credit_score(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type())
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    answers = {
        "q-mc": "a",  # 1
        "q-tf": "false",  # 0
        "q-mr": ["sdf"],  # 0.5
        "q-short": "mustafa bali",  # 1
        "q-num": "11 000",  # 1
        "q-match": {"i1": "o1", "i2": "o1"},  # 0.5
        "q-cloze": ["March", "YPG"],  # 0.5
        "q-essay": "Because.",  # not counted
    }
    for key, response in answers.items():
        save(db_session, student, attempt_id, key, response, clock)
    clock.advance(minutes=7)
    result = submit(db_session, student, attempt_id, clock)
    assert result.score == pytest.approx(4.5)
    assert result.max_score == 7
    assert result.percent == pytest.approx(4.5 / 7)
    assert result.time_taken == timedelta(minutes=7)
    statuses = {q.key: q.result.status for q in result.questions if q.result}
    assert statuses == {
        "q-mc": "correct",
        "q-tf": "incorrect",
        "q-mr": "partial",
        "q-short": "correct",
        "q-num": "correct",
        "q-match": "partial",
        "q-cloze": "partial",
        "q-essay": "ungraded",
    }
    mc_result = result.questions[1].result
    assert mc_result.feedback == ("Yes, Baghouz.",)
    assert mc_result.general_feedback == "Baghouz is on the Euphrates."
    assert mc_result.source_quote.startswith("The SDF said")
    assert mc_result.answer_display == "Baghouz"
    assert result.questions[0].result is None  # the description


def test_unanswered_questions_score_zero(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1"), mc("q2")])
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save(db_session, student, attempt_id, "q1", "a", clock)
    result = submit(db_session, student, attempt_id, clock)
    assert result.score == 1 and result.max_score == 2
    assert result.questions[1].result.status == "unanswered"
    assert result.questions[1].result.correct is False


def test_submitting_twice_counts_once(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1"), mc("q2")])
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save(db_session, student, attempt_id, "q1", "a", clock)
    first = submit(db_session, student, attempt_id, clock)
    clock.advance(minutes=1)
    second = submit(db_session, student, attempt_id, clock)
    assert second == first
    assert len(review_logs(db_session, student.id)) == 1


def test_quiz_answers_feed_the_flashcards(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    questions = [mc("q1", card_id="card-one"), mc("q2"), mc("q3"), mc("q4")]
    set_id = make_set(app, factories, questions)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    rows = db_session.execute(
        select(AttemptQuestion.question_key, Card.key)
        .join(Card, Card.id == AttemptQuestion.card_id)
        .order_by(AttemptQuestion.position)
    ).all()
    # An explicit card_id, else the card derived from the question (same id).
    assert rows == [("q1", "card-one"), ("q2", "q2"), ("q3", "q3"), ("q4", "q4")]
    save(db_session, student, attempt_id, "q1", "a", clock)  # right: Good
    save(db_session, student, attempt_id, "q2", "b", clock)  # wrong: Again
    save(db_session, student, attempt_id, "q3", "c", clock)  # half: Hard
    assert review_logs(db_session, student.id) == []  # deferred: nothing before submit
    submit(db_session, student, attempt_id, clock)
    logs = review_logs(db_session, student.id)
    cards = {c.id: c.key for c in db_session.execute(select(Card)).scalars()}
    assert [(cards[log.card_id], log.rating) for log in logs] == [
        ("card-one", Rating.Good),
        ("q2", Rating.Again),
        ("q3", Rating.Hard),
    ]  # q4 was not answered: no review
    assert all(log.reviewed_at == clock.now() for log in logs)


def test_immediate_mode_grades_and_locks_each_answer(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type(), feedback_mode="immediate")
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    saved = save(db_session, student, attempt_id, "q-mc", "b", clock)
    assert saved.question.locked
    assert saved.question.result.status == "incorrect"
    assert saved.question.result.feedback == ("Raqqa fell in 2017.",)
    assert len(review_logs(db_session, student.id)) == 1

    with pytest.raises(ValidationFailed) as error:
        save(db_session, student, attempt_id, "q-mc", "a", clock)
    assert error.value.code == "answer_locked"
    assert not save(db_session, student, attempt_id, "q-mc", "b", clock).changed  # same: fine

    essay = save(db_session, student, attempt_id, "q-essay", "Draft", clock)
    assert not essay.question.locked and essay.question.result is None
    save(db_session, student, attempt_id, "q-essay", "Final", clock)  # still editable

    other = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    assert other.questions[2].result is None  # unanswered ones reveal nothing
    result = submit(db_session, student, attempt_id, clock)
    assert result.score == 0 and len(review_logs(db_session, student.id)) == 1


# ------------------------------------------------------------------------ time limit


def test_a_save_after_the_deadline_is_refused_and_submits(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1"), mc("q2")], time_limit_seconds=600)
    started = start(db_session, student, set_id, clock).attempt
    assert started.deadline == clock.now() + timedelta(minutes=10)
    assert started.seconds_left == 600
    clock.advance(minutes=9)
    save(db_session, student, started.id, "q1", "a", clock)
    clock.advance(minutes=1)
    with pytest.raises(quizzes.TimeUp) as error:
        save(db_session, student, started.id, "q2", "a", clock)
    assert error.value.status == 400 and "Time is up" in error.value.message
    view = quizzes.get_attempt(db_session, user=student, attempt_id=started.id, now=clock.now())
    assert view.is_submitted and view.submitted_at == started.deadline
    assert view.score == 1 and view.questions[1].response is None


def test_reading_an_expired_attempt_submits_it(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1")], time_limit_seconds=60)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save(db_session, student, attempt_id, "q1", "a", clock)
    clock.advance(minutes=5)
    view = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    assert view.auto_submitted and view.is_submitted and view.score == 1
    assert view.time_taken == timedelta(seconds=60)
    again = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    assert not again.auto_submitted
    # The next start is a new attempt, not a resume of the expired one.
    assert not start(db_session, student, set_id, clock).resumed


# --------------------------------------------------------------------------- history


def test_history_per_category(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    questions = [mc("p1", "place"), mc("p2", "place"), mc("a1", "actor"), every_type()[-1]]
    set_id = make_set(app, factories, questions)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    for key, response in {"p1": "a", "p2": "c", "a1": "b", "q-essay": "x"}.items():
        save(db_session, student, attempt_id, key, response, clock)
    clock.advance(minutes=3)
    submit(db_session, student, attempt_id, clock)
    clock.advance(days=1)
    second = start(db_session, student, set_id, clock).attempt_id  # in progress
    save(db_session, student, second, "a1", "a", clock)

    result = quizzes.history(db_session, user=student)
    assert [a.id for a in result.attempts] == [second, attempt_id]
    assert result.attempts[1].percent == pytest.approx(0.5)
    assert result.attempts[1].time_taken == timedelta(minutes=3)
    assert not result.attempts[0].is_submitted
    shares = {c.category: (c.questions, c.share) for c in result.categories}
    assert shares == {"actor": (1, 0.0), "place": (2, 0.75)}  # the essay does not count
    assert [c.category for c in result.categories] == ["actor", "place"]
    assert [a.id for a in result.submitted_oldest_first] == [attempt_id]
