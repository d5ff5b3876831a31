"""Courses (quizapp.services.courses) and quizzes taken in a course, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select

from quizapp.models import Attempt, CourseMember, QuestionSet
from quizapp.services import courses, quizzes
from quizapp.services.errors import Forbidden, NotFound, ValidationFailed
from tests.quizapp.course_helpers import attach, join, make_course, take, three_questions
from tests.quizapp.quiz_helpers import as_text, by_text, find_question, make_set, mc, user


def start(session, who, set_id, clock, course_id=None):
    return quizzes.start_attempt(
        session,
        user=user(session, who),
        set_id=set_id,
        now=clock.now(),
        rng=random.Random(3),
        course_id=course_id,
    )


@pytest.fixture
def course(app, factories):
    """An instructor's course with one private set attached and one student in it."""
    teacher = factories.user(role="instructor")
    student = factories.user()
    set_id = make_set(app, factories, three_questions(), owner_id=teacher.id, public=False)
    course_id, code = make_course(app, teacher)
    attach(app, teacher, course_id, set_id)
    join(app, student, code)
    return {"teacher": teacher, "student": student, "set_id": set_id, "id": course_id, "code": code}


# ------------------------------------------------------------------- creating, joining


def test_a_course_gets_an_unguessable_join_code(app, db_session, factories, clock):
    teacher = user(db_session, factories.user(role="instructor"))
    made = [
        courses.create_course(db_session, owner=teacher, name=f"  Course   {i} ", now=clock.now())
        for i in range(20)
    ]
    codes = {c.join_code for c in made}
    assert len(codes) == 20
    for code in codes:
        assert len(code) == courses.JOIN_CODE_LENGTH
        assert set(code) <= set(courses.JOIN_CODE_ALPHABET)
    assert not set("01OIL") & set(courses.JOIN_CODE_ALPHABET)  # no look-alikes
    assert made[0].name == "Course 0"


def test_the_join_forms_example_looks_like_a_real_code():
    example = courses.JOIN_CODE_EXAMPLE
    assert len(example) == courses.JOIN_CODE_LENGTH
    assert set(example) <= set(courses.JOIN_CODE_ALPHABET)
    assert courses.normalise_code(example) == example  # typed as shown, it is read as is


def test_only_instructors_create_courses_and_names_are_checked(db_session, factories, clock):
    student = user(db_session, factories.user())
    with pytest.raises(Forbidden):
        courses.create_course(db_session, owner=student, name="Mine", now=clock.now())
    teacher = user(db_session, factories.user(role="instructor"))
    for name in ("", "   ", "x" * 201):
        with pytest.raises(ValidationFailed):
            courses.create_course(db_session, owner=teacher, name=name, now=clock.now())


def test_joining_forgives_case_spaces_and_dashes_and_is_idempotent(
    app, db_session, factories, clock
):
    teacher = factories.user(role="instructor")
    course_id, code = make_course(app, teacher)
    student = user(db_session, factories.user())
    typed = f" {code[:4].lower()}-{code[4:]} "
    assert courses.join_course(db_session, user=student, code=typed, now=clock.now()).id == (
        course_id
    )
    courses.join_course(db_session, user=student, code=code, now=clock.now())
    members = db_session.execute(
        select(CourseMember.user_id).where(CourseMember.course_id == course_id)
    ).all()
    assert members == [(student.id,)]
    listed = courses.my_courses(db_session, student)
    assert [(c.id, c.teaching, c.join_code) for c in listed] == [(course_id, False, None)]
    assert courses.my_courses(db_session, user(db_session, teacher))[0].student_count == 1


def test_joining_refuses_unknown_codes_the_owner_and_instructors(app, db_session, factories, clock):
    teacher = factories.user(role="instructor")
    _, code = make_course(app, teacher)
    student = user(db_session, factories.user())
    for wrong in ("", "!!!", "AAAAAAAAAA", code + "X", "x" * 5000):
        with pytest.raises(NotFound):
            courses.join_course(db_session, user=student, code=wrong, now=clock.now())
    with pytest.raises(ValidationFailed):
        courses.join_course(db_session, user=user(db_session, teacher), code=code, now=clock.now())
    other = user(db_session, factories.user(role="instructor"))
    with pytest.raises(Forbidden):
        courses.join_course(db_session, user=other, code=code, now=clock.now())


def test_leaving_and_removing_keep_attempts_but_end_access(
    app, db_session, factories, clock, course
):
    student = course["student"]
    attempt_id = take(app, clock, student, course["id"], course["set_id"], {"q1": "Right"})
    courses.leave_course(db_session, user=user(db_session, student), course_id=course["id"])
    with pytest.raises(NotFound):
        courses.leave_course(db_session, user=user(db_session, student), course_id=course["id"])
    with pytest.raises(NotFound):
        start(db_session, student, course["set_id"], clock, course["id"])
    assert db_session.get(Attempt, attempt_id) is not None
    # Their own attempt stays theirs to read.
    view = quizzes.get_attempt(
        db_session, user=user(db_session, student), attempt_id=attempt_id, now=clock.now()
    )
    assert view.course_id == course["id"]

    join(app, student, course["code"])
    teacher = user(db_session, course["teacher"])
    other = user(db_session, factories.user(role="instructor"))
    with pytest.raises(NotFound):  # not their course: not found, as an unknown id
        courses.remove_student(
            db_session, owner=other, course_id=course["id"], student_id=student.id
        )
    courses.remove_student(db_session, owner=teacher, course_id=course["id"], student_id=student.id)
    with pytest.raises(NotFound):
        courses.remove_student(
            db_session, owner=teacher, course_id=course["id"], student_id=student.id
        )
    assert courses.my_courses(db_session, user(db_session, student)) == []


# --------------------------------------------------------------------------- sets


def test_an_instructor_attaches_own_and_public_sets_only(app, db_session, factories, clock):
    teacher = factories.user(role="instructor")
    other = factories.user(role="instructor")
    course_id, _ = make_course(app, teacher)
    own_private = make_set(app, factories, [mc("a")], owner_id=teacher.id, public=False)
    public = make_set(app, factories, [mc("b")], owner_id=other.id, public=True)
    others_private = make_set(app, factories, [mc("c")], owner_id=other.id, public=False)
    deleted = make_set(app, factories, [mc("d")], owner_id=teacher.id)
    db_session.get(QuestionSet, deleted).deleted_at = clock.now()
    db_session.commit()
    owner = user(db_session, teacher)

    def attach_now(set_id, **kwargs):
        return courses.attach_set(
            db_session, owner=owner, course_id=course_id, set_id=set_id, now=clock.now(), **kwargs
        )

    view, created = attach_now(own_private)
    assert created and view.options == courses.SetOptions()
    assert attach_now(public)[1] is True
    assert attach_now(public)[1] is False  # again: nothing changes
    for refused in (others_private, deleted, 999_999, 2**40, -1, "1"):
        with pytest.raises(NotFound):
            attach_now(refused)
    with pytest.raises(NotFound):  # someone else's course
        courses.attach_set(
            db_session,
            owner=user(db_session, other),
            course_id=course_id,
            set_id=public,
            now=clock.now(),
        )
    page = courses.course_page(db_session, user=owner, course_id=course_id, now=clock.now())
    assert {s.set_id for s in page.sets} == {own_private, public}
    courses.detach_set(db_session, owner=owner, course_id=course_id, set_id=public)
    page = courses.course_page(db_session, user=owner, course_id=course_id, now=clock.now())
    assert [s.set_id for s in page.sets] == [own_private]
    assert public in {set_id for set_id, _ in page.attachable}
    assert others_private not in {set_id for set_id, _ in page.attachable}


@pytest.mark.parametrize(
    "options",
    [
        {"attempts_allowed": 0},
        {"attempts_allowed": 101},
        {"time_limit_seconds": 30},
        {"time_limit_seconds": 10**9},
        {"grading_method": "median"},
        {"feedback_mode": "sometimes"},
        {"opens_at": "later", "closes_at": "earlier"},
    ],
)
def test_options_are_checked(db_session, factories, clock, course, options):
    if "opens_at" in options:
        options = {"opens_at": clock.now() + timedelta(days=2), "closes_at": clock.now()}
    with pytest.raises(ValidationFailed):
        courses.update_options(
            db_session,
            owner=user(db_session, course["teacher"]),
            course_id=course["id"],
            set_id=course["set_id"],
            options=courses.SetOptions(**options),
        )


# ---------------------------------------------------------------- taking it in a course


def test_a_private_course_set_is_taken_only_in_its_course_by_its_people(
    app, db_session, factories, clock, course
):
    student, set_id, course_id = course["student"], course["set_id"], course["id"]
    assert start(db_session, student, set_id, clock, course_id).attempt.course_id == course_id
    with pytest.raises(NotFound):  # private: not outside the course
        start(db_session, student, set_id, clock)
    stranger = factories.user()
    with pytest.raises(NotFound):
        start(db_session, stranger, set_id, clock, course_id)
    other_course, _ = make_course(app, course["teacher"], "Another")
    with pytest.raises(NotFound):  # in a course it is not attached to
        start(db_session, student, set_id, clock, other_course)
    # The instructor may try their own course's set.
    assert start(db_session, course["teacher"], set_id, clock, course_id).attempt.total == 3
    listed = courses.student_course_sets(db_session, user(db_session, student), clock.now())
    assert [(s.course_id, s.set.set_id, s.set.availability) for s in listed] == [
        (course_id, set_id, "open")
    ]
    courses.detach_set(
        db_session, owner=user(db_session, course["teacher"]), course_id=course_id, set_id=set_id
    )
    with pytest.raises(NotFound):
        start(db_session, student, set_id, clock, course_id)


def test_the_course_options_apply_instead_of_the_sets(app, db_session, factories, clock):
    teacher = factories.user(role="instructor")
    student = factories.user()
    questions = [mc(f"q{i}") for i in range(8)]
    set_id = make_set(
        app,
        factories,
        questions,
        owner_id=teacher.id,
        attempts_allowed=1,
        time_limit_seconds=None,
        feedback_mode="deferred",
        shuffle_questions=True,
    )
    course_id, code = make_course(app, teacher)
    attach(
        app,
        teacher,
        course_id,
        set_id,
        attempts_allowed=2,
        time_limit_seconds=600,
        feedback_mode="immediate",
        shuffle=False,
    )
    join(app, student, code)
    page = quizzes.start_page(
        db_session,
        user=user(db_session, student),
        set_id=set_id,
        now=clock.now(),
        course_id=course_id,
    )
    assert (page.options.attempts_allowed, page.options.time_limit_seconds) == (2, 600)
    assert page.options.feedback_mode == "immediate" and not page.options.shuffle_questions
    assert page.course_name == "History 101" and page.grading_method == "highest"

    view = start(db_session, student, set_id, clock, course_id).attempt
    assert view.deadline == clock.now() + timedelta(seconds=600)
    assert view.feedback_mode == "immediate"
    assert [q.key for q in view.questions] == [f"q{i}" for i in range(8)]  # not shuffled
    assert [c.text for c in view.questions[0].model.choices] == [
        "Right",
        "Wrong",
        "Half",
        "Also wrong",
    ]  # not shuffled
    quizzes.submit_attempt(
        db_session, user=user(db_session, student), attempt_id=view.id, now=clock.now()
    )
    start(db_session, student, set_id, clock, course_id)  # the second of two
    quizzes.submit_attempt(
        db_session,
        user=user(db_session, student),
        attempt_id=_open_attempt_id(db_session, student.id),
        now=clock.now(),
    )
    with pytest.raises(Forbidden) as refused:
        start(db_session, student, set_id, clock, course_id)
    assert refused.value.code == "no_attempts_left"
    # Outside the course the set's own options hold, and its own count: one attempt.
    outside = start(db_session, student, set_id, clock).attempt
    assert outside.course_id is None and outside.deadline is None


def _open_attempt_id(session, user_id):
    return session.execute(
        select(Attempt.id).where(Attempt.user_id == user_id, Attempt.submitted_at.is_(None))
    ).scalar_one()


def test_open_and_close_dates(app, db_session, factories, clock, course):
    student, set_id, course_id = course["student"], course["set_id"], course["id"]
    opens, closes = clock.now() + timedelta(hours=1), clock.now() + timedelta(hours=2)
    attach_options = {"opens_at": opens, "closes_at": closes, "time_limit_seconds": 3600}
    courses.update_options(
        db_session,
        owner=user(db_session, course["teacher"]),
        course_id=course_id,
        set_id=set_id,
        options=courses.SetOptions(shuffle=False, **attach_options),
    )
    with pytest.raises(Forbidden) as early:
        start(db_session, student, set_id, clock, course_id)
    assert early.value.code == "not_open"
    page = quizzes.start_page(
        db_session,
        user=user(db_session, student),
        set_id=set_id,
        now=clock.now(),
        course_id=course_id,
    )
    assert page.availability == "not_open" and not page.can_start

    clock.advance(minutes=90)  # open; 30 minutes before the close
    view = start(db_session, student, set_id, clock, course_id).attempt
    assert view.deadline == closes  # the close caps the hour of the time limit
    quizzes.save_answer(
        db_session,
        user=user(db_session, student),
        attempt_id=view.id,
        question_key="q1",
        response=by_text(find_question(view, "q1"), "Right"),
        now=clock.now(),
    )
    clock.advance(minutes=31)
    after = quizzes.get_attempt(
        db_session, user=user(db_session, student), attempt_id=view.id, now=clock.now()
    )
    assert after.auto_submitted and after.submitted_at == closes and after.score == 1
    with pytest.raises(Forbidden) as late:
        start(db_session, student, set_id, clock, course_id)
    assert late.value.code == "closed"


@pytest.mark.parametrize(
    ("hidden", "expect"),
    [
        ("review_show_response", {"response": None}),
        ("review_show_correctness", {"status": "answered", "score": None, "correct": None}),
        ("review_show_answer", {"answer_display": ""}),
        ("review_show_feedback", {"feedback": (), "general_feedback": "", "source_quote": None}),
    ],
)
def test_review_options_hide_what_the_instructor_chose(
    app, db_session, factories, clock, hidden, expect
):
    teacher = factories.user(role="instructor")
    student = factories.user()
    question = {
        **mc("q1"),
        "general_feedback": "Because.",
        "source": {"quote": "A sentence.", "start": 0, "end": 11},
    }
    question["choices"][1]["feedback"] = "Not this one."
    set_id = make_set(app, factories, [question], owner_id=teacher.id)
    course_id, code = make_course(app, teacher)
    attach(app, teacher, course_id, set_id, **{hidden: False})
    join(app, student, code)
    attempt_id = take(app, clock, student, course_id, set_id, {"q1": "Wrong"})
    view = quizzes.get_attempt(
        db_session, user=user(db_session, student), attempt_id=attempt_id, now=clock.now()
    )
    shown = view.questions[0]
    values = {
        "response": as_text(shown, shown.response),
        "status": shown.result.status,
        "score": shown.result.score,
        "correct": shown.result.correct,
        "answer_display": shown.result.answer_display,
        "feedback": shown.result.feedback,
        "general_feedback": shown.result.general_feedback,
        "source_quote": shown.result.source_quote,
    }
    everything = {
        "response": "Wrong",
        "status": "incorrect",
        "score": 0.0,
        "correct": False,
        "answer_display": "Right",
        "feedback": ("Not this one.",),
        "general_feedback": "Because.",
        "source_quote": "A sentence.",
    }
    assert values == {**everything, **expect}
    # The total follows the correctness option: on a one-question attempt it would tell.
    hides_marks = hidden == "review_show_correctness"
    assert view.score == (None if hides_marks else 0) and view.max_score == 1
    history = quizzes.history(db_session, user=user(db_session, student))
    assert [a.score for a in history.attempts] == [None if hides_marks else 0]
    assert history.categories == (() if hides_marks else history.categories)
    page = quizzes.start_page(
        db_session,
        user=user(db_session, student),
        set_id=set_id,
        now=clock.now(),
        course_id=course_id,
    )
    assert [a.score for a in page.attempts] == [None if hides_marks else 0]
    # Outside a course, the same set shows everything.
    outside = take(app, clock, student, None, set_id, {"q1": "Wrong"})
    plain = quizzes.get_attempt(
        db_session, user=user(db_session, student), attempt_id=outside, now=clock.now()
    )
    assert plain.questions[0].result.answer_display == "Right"
    assert as_text(plain.questions[0], plain.questions[0].response) == "Wrong"
