"""Starting, resuming and reading attempts (``quizzes.attempts``), on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import random
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from quizapp.models import Attempt
from quizapp.services import quizzes
from quizapp.services.errors import Forbidden, NotFound, ValidationFailed
from tests.quizapp.quiz_helpers import (
    as_text,
    counted_statements,
    every_type,
    make_set,
    mc,
    user,
)
from tests.quizapp.services.quizzes.helpers import save, save_text, start, submit

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
    choices = view.questions[1].model.choices
    assert [c.text for c in choices] == ["Baghouz", "Raqqa", "Mosul"]  # the set's order
    # ... under names of the attempt's own, not the file's a, b, c
    assert len({c.id for c in choices}) == 3 and not {c.id for c in choices} & {"a", "b", "c"}


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
    choice_orders = {tuple(c.text for c in q.model.choices) for q in view.questions}
    assert len(choice_orders) > 1  # choices shuffled, per question
    true_false = next(q for q in view.questions if q.key == "q-tf")
    assert [c.id for c in true_false.model.choices] == ["true", "false"]  # never shuffled

    # The order is stored: reading the attempt again (a reload) gives the same.
    again = quizzes.get_attempt(db_session, user=student, attempt_id=view.id, now=clock.now())
    assert [q.key for q in again.questions] == keys
    assert [[c.id for c in q.model.choices] for q in again.questions] == [
        [c.id for c in q.model.choices] for q in view.questions
    ]


def test_a_new_attempts_view_is_what_reading_it_gives(app, db_session, factories, clock):
    """The start builds its view from the rows it inserted, not from a read: the same view
    as a read right after, every type, shuffled, in a course with a time limit or not."""
    student = user(db_session, factories.user())
    questions = [mc(f"q{i}") for i in range(6)] + every_type()
    set_id = make_set(
        app, factories, questions, shuffle_questions=True, shuffle_choices=True,
        time_limit_seconds=600, feedback_mode="immediate",
    )  # fmt: skip
    started = start(db_session, student, set_id, clock, seed=3)
    read = quizzes.get_attempt(
        db_session, user=student, attempt_id=started.attempt_id, now=clock.now()
    )
    assert started.attempt == read
    assert (started.position, started.resumed) == (0, False)
    again = start(db_session, student, set_id, clock, seed=4)
    assert again.resumed and again.attempt == read


def test_a_start_inserts_its_questions_in_one_statement(app, db_session, factories, clock):
    """However many questions are drawn, the start runs as many statements."""
    counts = []
    for size in (3, 30):
        student = user(db_session, factories.user())
        set_id = make_set(app, factories, [mc(f"q{i}") for i in range(size)])
        with counted_statements(app) as statements:
            started = start(db_session, student, set_id, clock)
        assert len(started.attempt.questions) == size
        counts.append(len(statements))
    assert counts[0] == counts[1]


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
    save_text(db_session, student, first.id, "q-mc", "Baghouz", clock, move_to=3)
    again = start(db_session, student, set_id, clock, seed=99)
    assert again.resumed and again.attempt_id == first.id and again.position == 3
    assert [q.key for q in again.attempt.questions] == [q.key for q in first.questions]
    resumed = next(q for q in again.attempt.questions if q.key == "q-mc")
    assert as_text(resumed, resumed.response) == "Baghouz"
    # The same names as before: a resumed attempt (another device) shows the same ids.
    before = next(q for q in first.questions if q.key == "q-mc")
    assert resumed.model.choices == before.model.choices
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
    save_text(db_session, student, attempt_id, "q-mc", "Raqqa", clock, check=True)  # locked
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
    save_text(db_session, student, attempt_id, "q1", "Right", clock)
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


def test_reading_an_expired_attempt_submits_it(app, db_session, factories, clock):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1")], time_limit_seconds=60)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save_text(db_session, student, attempt_id, "q1", "Right", clock)
    clock.advance(minutes=5)
    view = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    assert view.auto_submitted and view.is_submitted and view.score == 1
    assert view.time_taken == timedelta(seconds=60)
    again = quizzes.get_attempt(db_session, user=student, attempt_id=attempt_id, now=clock.now())
    assert not again.auto_submitted
    # The next start is a new attempt, not a resume of the expired one.
    assert not start(db_session, student, set_id, clock).resumed


def test_a_refused_start_still_keeps_the_expired_attempts_submission(
    app, db_session, factories, clock
):
    """One commit, refused or not: the expired attempt found on the way stays submitted."""
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1")], attempts_allowed=1, time_limit_seconds=60)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save_text(db_session, student, attempt_id, "q1", "Right", clock)
    clock.advance(minutes=5)
    with pytest.raises(Forbidden) as error:
        start(db_session, student, set_id, clock)
    assert error.value.code == "no_attempts_left"
    db_session.rollback()  # whatever the service left pending is dropped here: nothing is
    submitted = db_session.get(Attempt, attempt_id)
    assert submitted.submitted_at is not None and submitted.score == 1


def test_start_or_page_gives_the_start_page_again_with_the_reason(
    app, db_session, factories, clock
):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, [mc("q1")], attempts_allowed=1)
    first = quizzes.start_or_page(
        db_session, user=student, set_id=set_id, now=clock.now(), rng=random.Random(1)
    )
    assert first.page is None and first.started is not None and not first.started.resumed
    submit(db_session, student, first.started.attempt_id, clock)
    refused = quizzes.start_or_page(
        db_session, user=student, set_id=set_id, now=clock.now(), rng=random.Random(1)
    )
    assert refused.started is None and refused.status == 403
    assert "used all your attempts" in refused.error
    assert refused.page.attempts_left == 0 and len(refused.page.attempts) == 1
    empty = make_set(app, factories, [every_type()[0]])
    nothing = quizzes.start_or_page(
        db_session, user=student, set_id=empty, now=clock.now(), rng=random.Random(1)
    )
    assert nothing.status == 400 and nothing.error == "This set has no questions to answer yet."
    assert not nothing.page.can_start
    with pytest.raises(NotFound):  # not a refusal to show on a page: no such set for them
        quizzes.start_or_page(
            db_session, user=student, set_id=empty + 99, now=clock.now(), rng=random.Random(1)
        )
