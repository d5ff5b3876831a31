"""The instructor's reports (quizapp.services.reports) on a class with known answers.

Every expected figure is worked out here, by hand or with the plain arithmetic below, never
with the service's own helpers.
"""

from __future__ import annotations

import csv
import io
import math
import random
from datetime import date, timedelta

import pytest
from fsrs import Scheduler
from sqlalchemy import select

from quizapp import charts
from quizapp.extensions import db
from quizapp.models import Attempt, Card, CardState, QuestionSet, ReviewLog
from quizapp.services import courses, quizzes, reports
from quizapp.services.errors import NotFound
from tests.conftest import START
from tests.quizapp.course_helpers import (
    attach,
    join,
    make_course,
    set_options,
    take,
    three_questions,
)
from tests.quizapp.quiz_helpers import as_text, every_type, make_set, mc, user

# Each student's FIRST attempt: question -> choice (missing: left blank).
# Marks: a = 1, c = 0.5, b and d = 0.
FIRST_ANSWERS = {
    "s1": {"q1": "Right", "q2": "Right", "q3": "Wrong"},  # 1, 1,   0 -> 2
    "s2": {"q1": "Right", "q2": "Half", "q3": "Right"},  # 1, 0.5, 1 -> 2.5
    "s3": {"q1": "Wrong", "q2": "Right", "q3": "Right"},  # 0, 1,   1 -> 2
    "s4": {"q1": "Right", "q2": "Wrong"},  # 1, 0,   0 -> 1
    "s5": {"q1": "Half", "q2": "Also wrong", "q3": "Right"},  # 0.5, 0, 1 -> 1.5
}
MARKS = {
    "q1": [1, 1, 0, 1, 0.5],
    "q2": [1, 0.5, 1, 0, 0],
    "q3": [0, 1, 1, 0, 1],
}
TOTALS = [2, 2.5, 2, 1, 1.5]


def pearson_by_hand(xs, ys):
    n = len(xs)
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    covariance = 0.0
    spread_x = 0.0
    spread_y = 0.0
    for x, y in zip(xs, ys, strict=True):
        covariance += (x - mean_x) * (y - mean_y)
        spread_x += (x - mean_x) * (x - mean_x)
        spread_y += (y - mean_y) * (y - mean_y)
    return covariance / math.sqrt(spread_x * spread_y)


@pytest.fixture
def klass(app, factories, clock):
    """A course with a set and five students with known first attempts, plus the noise the
    reports must leave out: second attempts, a student who left, another course, attempts
    outside the course, a student with no attempt."""
    teacher = factories.user(role="instructor")
    set_id = make_set(app, factories, three_questions(), owner_id=teacher.id, public=True)
    course_id, code = make_course(app, teacher)
    attach(app, teacher, course_id, set_id, grading_method="highest")
    students = {}
    for name, answers in FIRST_ANSWERS.items():
        students[name] = factories.user(email=f"{name}@example.com")
        join(app, students[name], code)
        take(app, clock, students[name], course_id, set_id, answers)
    # Second attempts: graded (highest), never analysed.
    take(
        app, clock, students["s1"], course_id, set_id, {"q1": "Right", "q2": "Right", "q3": "Right"}
    )
    take(
        app,
        clock,
        students["s4"],
        course_id,
        set_id,
        {"q1": "Also wrong", "q2": "Also wrong", "q3": "Also wrong"},
    )
    # Noise.
    idle = factories.user(email="s6@example.com")
    join(app, idle, code)
    leaver = factories.user(email="gone@example.com")
    join(app, leaver, code)
    take(app, clock, leaver, course_id, set_id, {"q1": "Wrong", "q2": "Wrong", "q3": "Wrong"})
    with app.app_context():
        courses.leave_course(db.session, user=user(db.session, leaver), course_id=course_id)
    other_course, other_code = make_course(app, teacher, "Another course")
    attach(app, teacher, other_course, set_id)
    elsewhere = factories.user(email="elsewhere@example.com")
    join(app, elsewhere, other_code)
    take(app, clock, elsewhere, other_course, set_id, {"q1": "Wrong", "q2": "Wrong", "q3": "Wrong"})
    take(
        app,
        clock,
        students["s2"],
        None,
        set_id,
        {"q1": "Also wrong", "q2": "Also wrong", "q3": "Also wrong"},
    )
    return {
        "teacher": teacher,
        "set_id": set_id,
        "course_id": course_id,
        "other_course": other_course,
        "students": students,
    }


# --------------------------------------------------------------------- item analysis


def test_item_analysis_matches_the_figures_worked_out_by_hand(db_session, klass):
    analysis = reports.item_analysis(
        db_session,
        owner=user(db_session, klass["teacher"]),
        course_id=klass["course_id"],
        set_id=klass["set_id"],
    )
    assert analysis.attempts == 5
    items = {item.question_id: item for item in analysis.items}
    assert [item.question_id for item in analysis.items] == ["q1", "q2", "q3"]

    # Facility: mean mark over max mark (1).
    assert items["q1"].facility == pytest.approx((1 + 1 + 0 + 1 + 0.5) / 5)  # 0.7
    assert items["q2"].facility == pytest.approx((1 + 0.5 + 1 + 0 + 0) / 5)  # 0.5
    assert items["q3"].facility == pytest.approx((0 + 1 + 1 + 0 + 1) / 5)  # 0.6

    # Discrimination of q1, by hand: marks 1, 1, 0, 1, 0.5 (mean 0.7); rest of the test
    # 1, 1.5, 2, 0, 1 (mean 1.1).  Deviations .3 .3 -.7 .3 -.2 and -.1 .4 .9 -1.1 -.1:
    # sum of products -0.85, sums of squares 0.8 and 2.2.
    assert items["q1"].discrimination == pytest.approx(100 * -0.85 / math.sqrt(0.8 * 2.2))
    assert items["q1"].discrimination == pytest.approx(-64.07, abs=0.01)
    for key, marks in MARKS.items():
        rest = [total - mark for total, mark in zip(TOTALS, marks, strict=True)]
        assert items[key].attempts == 5
        assert items[key].discrimination == pytest.approx(100 * pearson_by_hand(marks, rest))

    # Choices of q1: a by s1, s2, s4; b by s3; c by s5; d by nobody (a dead distractor).
    q1 = {c.id: c for c in items["q1"].choices}
    assert [c.id for c in items["q1"].choices] == ["a", "b", "c", "d"]
    assert {k: c.share for k, c in q1.items()} == {"a": 0.6, "b": 0.2, "c": 0.2, "d": 0.0}
    assert {k: c.count for k, c in q1.items()} == {"a": 3, "b": 1, "c": 1, "d": 0}
    assert q1["a"].correct and not q1["b"].correct
    # The wrong answer b attracted s3, whose score (2/3) beats the right answer's pickers.
    assert q1["a"].mean_score == pytest.approx((2 / 3 + 2.5 / 3 + 1 / 3) / 3)
    assert q1["b"].mean_score == pytest.approx(2 / 3)
    assert q1["c"].mean_score == pytest.approx(1.5 / 3)
    assert q1["d"].mean_score is None
    # s4 left q3 blank: no choice picked, and it still counts as an attempt.
    q3 = {c.id: c.share for c in items["q3"].choices}
    assert q3 == {"a": 0.6, "b": 0.2, "c": 0.0, "d": 0.0}

    assert items["q1"].flags == ("negative discrimination",)


def test_flags_and_undefined_discrimination(app, db_session, factories, clock):
    teacher = factories.user(role="instructor")
    set_id = make_set(app, factories, [mc("easy"), mc("hard"), mc("mixed")], owner_id=teacher.id)
    course_id, code = make_course(app, teacher)
    attach(app, teacher, course_id, set_id)
    owner = user(db_session, teacher)

    def analyse():
        found = reports.item_analysis(db_session, owner=owner, course_id=course_id, set_id=set_id)
        return {item.question_id: item for item in found.items}

    assert analyse() == {}  # nobody yet
    first = factories.user()
    join(app, first, code)
    take(app, clock, first, course_id, set_id, {"easy": "Right", "hard": "Wrong", "mixed": "Right"})
    one = analyse()
    assert one["easy"].attempts == 1 and one["easy"].discrimination is None  # n < 2
    second = factories.user()
    join(app, second, code)
    take(
        app,
        clock,
        second,
        course_id,
        set_id,
        {"easy": "Right", "hard": "Also wrong", "mixed": "Wrong"},
    )
    two = analyse()
    # Everyone right (or wrong): no spread, no correlation.
    assert two["easy"].facility == 1.0 and two["easy"].discrimination is None
    assert two["hard"].facility == 0.0 and two["hard"].discrimination is None
    assert two["easy"].flags == ("very easy",)
    assert two["hard"].flags == ("very hard",)
    # mixed: marks 1, 0; rest 1 and 0 (easy right, hard wrong): the rest does not vary.
    assert two["mixed"].facility == 0.5 and two["mixed"].discrimination is None
    assert two["mixed"].flags == ()


def test_item_analysis_shows_a_cloze_as_a_reader_sees_it(app, db_session, factories, clock):
    """Blanks as "_____", never the raw {{1}} of the stored prompt."""
    teacher = factories.user(role="instructor")
    cloze = next(q for q in every_type() if q["id"] == "q-cloze")
    set_id = make_set(app, factories, [cloze], owner_id=teacher.id)
    course_id, code = make_course(app, teacher)
    attach(app, teacher, course_id, set_id)
    student = factories.user()
    join(app, student, code)
    take(app, clock, student, course_id, set_id, {"q-cloze": ["March", "army"]})
    found = reports.item_analysis(
        db_session, owner=user(db_session, teacher), course_id=course_id, set_id=set_id
    )
    (item,) = found.items
    assert item.prompt == "Baghouz fell in _____ to the _____."
    assert item.facility == 0.5


# ------------------------------------------------------------------------- gradebook


def test_gradebook_grades_each_set_under_its_method(app, db_session, factories, clock):
    teacher = factories.user(role="instructor")
    set_a = make_set(app, factories, three_questions(), owner_id=teacher.id)
    set_b = make_set(app, factories, [mc("only")], owner_id=teacher.id)
    course_id, code = make_course(app, teacher)
    attach(app, teacher, course_id, set_a)
    attach(app, teacher, course_id, set_b)
    ann = factories.user(email="ann@example.com")
    bob = factories.user(email="bob@example.com")
    cat = factories.user(email="cat@example.com")
    for student in (ann, bob, cat):
        join(app, student, code)
    # Ann on set A: 1/3, then 3/3, then 2/3; then one left open (not counted).
    take(app, clock, ann, course_id, set_a, {"q1": "Right"})
    take(app, clock, ann, course_id, set_a, {"q1": "Right", "q2": "Right", "q3": "Right"})
    take(app, clock, ann, course_id, set_a, {"q1": "Right", "q2": "Right"})
    quizzes.start_attempt(
        db_session,
        user=user(db_session, ann),
        set_id=set_a,
        now=clock.now(),
        rng=random.Random(1),
        course_id=course_id,
    )
    # Bob on set A: 0.5/3 (a half mark).  On set B: right.
    take(app, clock, bob, course_id, set_a, {"q1": "Half"})
    take(app, clock, bob, course_id, set_b, {"only": "Right"})
    # Cat: nothing.  Ann outside the course on set B: not counted.
    take(app, clock, ann, None, set_b, {"only": "Right"})

    owner = user(db_session, teacher)
    expected_ann = {
        "highest": 1.0,
        "average": (1 / 3 + 1 + 2 / 3) / 3,
        "first": 1 / 3,
        "last": 2 / 3,
    }
    for method, grade in expected_ann.items():
        set_options(app, teacher, course_id, set_a, grading_method=method)
        book = reports.gradebook(db_session, owner=owner, course_id=course_id)
        assert {c.set_id for c in book.columns} == {set_a, set_b}
        index_a = [c.set_id for c in book.columns].index(set_a)
        index_b = 1 - index_a
        rows = {row.email: row for row in book.rows}
        assert [row.email for row in book.rows] == [
            "ann@example.com",
            "bob@example.com",
            "cat@example.com",
        ]
        assert rows["ann@example.com"].grades[index_a] == pytest.approx(grade)
        assert rows["ann@example.com"].attempts[index_a] == 3
        assert rows["ann@example.com"].grades[index_b] is None
        assert rows["bob@example.com"].grades[index_a] == pytest.approx(0.5 / 3)
        assert rows["bob@example.com"].grades[index_b] == 1.0
        assert rows["cat@example.com"].grades == (None, None)
        assert book.averages[index_a] == pytest.approx((grade + 0.5 / 3) / 2)
        assert book.averages[index_b] == 1.0

    # Sorting by a set's grade: highest first, students without a grade last either way.
    book = reports.gradebook(
        db_session, owner=owner, course_id=course_id, sort=f"set-{set_a}", descending=True
    )
    assert [row.email for row in book.rows] == [
        "ann@example.com",
        "bob@example.com",
        "cat@example.com",
    ]
    book = reports.gradebook(db_session, owner=owner, course_id=course_id, sort=f"set-{set_a}")
    assert [row.email for row in book.rows] == [
        "bob@example.com",
        "ann@example.com",
        "cat@example.com",
    ]
    book = reports.gradebook(
        db_session, owner=owner, course_id=course_id, sort="student", descending=True
    )
    assert [row.email[0] for row in book.rows] == ["c", "b", "a"]
    book = reports.gradebook(db_session, owner=owner, course_id=course_id, sort="nonsense")
    assert book.sort == "student" and book.rows[0].email == "ann@example.com"


def test_gradebook_counts_the_class_of_the_item_analysis(db_session, klass):
    book = reports.gradebook(
        db_session, owner=user(db_session, klass["teacher"]), course_id=klass["course_id"]
    )
    grades = {row.email: row.grades[0] for row in book.rows}
    # Highest of each student's attempts in the course; s6 never tried; the leaver is gone.
    assert grades == {
        "s1@example.com": 1.0,  # second attempt 3/3
        "s2@example.com": pytest.approx(2.5 / 3),
        "s3@example.com": pytest.approx(2 / 3),
        "s4@example.com": pytest.approx(1 / 3),  # the second (0/3) is lower
        "s5@example.com": pytest.approx(1.5 / 3),
        "s6@example.com": None,
    }


def test_csv_escapes_formulas_and_opens_in_a_spreadsheet(app, db_session, factories, clock):
    teacher = factories.user(role="instructor")
    names = ['=HYPERLINK("http://evil.example")', "@SUM(A1)", "\tTabbed", "Résumé, part 1"]
    set_ids = [make_set(app, factories, [mc("q")], owner_id=teacher.id) for _ in names]
    for set_id, name in zip(set_ids, names, strict=True):
        db_session.get(QuestionSet, set_id).name = name
    db_session.commit()
    course_id, code = make_course(app, teacher)
    for set_id in set_ids:
        attach(app, teacher, course_id, set_id)
    emails = ["=1+2@example.com", "+44@example.com", "-cmd@example.com", "plain@example.com"]
    for email in emails:
        student = factories.user(email=email)
        join(app, student, code)
        take(app, clock, student, course_id, set_ids[3], {"q": "Half"})

    book = reports.gradebook(db_session, owner=user(db_session, teacher), course_id=course_id)
    data = reports.gradebook_csv(book)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    assert header[0] == "Student"
    assert sorted(header[1:]) == sorted(
        [
            '\'=HYPERLINK("http://evil.example") (%)',
            "'@SUM(A1) (%)",
            "'\tTabbed (%)",
            "Résumé, part 1 (%)",
        ]
    )
    students = {row[0] for row in rows[1:]}
    assert students == {
        "'=1+2@example.com",
        "'+44@example.com",
        "'-cmd@example.com",
        "plain@example.com",
    }
    resume = header.index("Résumé, part 1 (%)")
    assert {row[resume] for row in rows[1:]} == {"50.0"}
    assert all(cell == "" for row in rows[1:] for i, cell in enumerate(row) if i not in (0, resume))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_cell_escaping_rule():
    assert reports.csv_cell("=1+1") == "'=1+1"
    assert reports.csv_cell("+1") == "'+1"
    assert reports.csv_cell("-1") == "'-1"
    assert reports.csv_cell("@x") == "'@x"
    assert reports.csv_cell("\tx") == "'\tx"
    assert reports.csv_cell("\rx") == "'\rx"
    assert reports.csv_cell("a=1") == "a=1"
    assert reports.csv_cell(None) == ""
    assert reports.csv_cell("") == ""


# -------------------------------------------------------------------------- attempts


def test_student_attempts_and_attempt_detail(db_session, klass, clock):
    owner = user(db_session, klass["teacher"])
    s1 = klass["students"]["s1"]
    record = reports.student_attempts(
        db_session, owner=owner, course_id=klass["course_id"], student_id=s1.id
    )
    [(set_id, _, attempts)] = record.sets
    assert set_id == klass["set_id"]
    assert [a.score for a in attempts] == [3, 2]  # newest first
    assert all(a.time_taken == timedelta(minutes=3) for a in attempts)
    detail = reports.attempt_detail(
        db_session,
        owner=owner,
        course_id=klass["course_id"],
        attempt_id=attempts[1].id,
        now=clock.now(),
    )
    assert detail.email == "s1@example.com"
    assert [as_text(q, q.response) for q in detail.view.questions] == ["Right", "Right", "Wrong"]
    assert [q.result.status for q in detail.view.questions] == ["correct", "correct", "incorrect"]
    assert detail.view.score == 2 and detail.view.time_taken == timedelta(minutes=3)


# ------------------------------------------------------------------------ access


def test_reports_are_only_for_the_courses_owner(app, db_session, factories, klass, clock):
    other = user(db_session, factories.user(role="instructor"))
    member = user(db_session, klass["students"]["s1"])
    course_id, set_id = klass["course_id"], klass["set_id"]
    attempt_in_other_course = db_session.execute(
        select(Attempt.id).where(Attempt.course_id == klass["other_course"])
    ).scalar_one()
    for intruder in (other, member):
        with pytest.raises(NotFound):
            reports.gradebook(db_session, owner=intruder, course_id=course_id)
        with pytest.raises(NotFound):
            reports.item_analysis(db_session, owner=intruder, course_id=course_id, set_id=set_id)
        with pytest.raises(NotFound):
            reports.set_report(
                db_session, owner=intruder, course_id=course_id, set_id=set_id, now=clock.now()
            )
        with pytest.raises(NotFound):
            reports.student_attempts(
                db_session, owner=intruder, course_id=course_id, student_id=member.id
            )
    owner = user(db_session, klass["teacher"])
    with pytest.raises(NotFound):  # an attempt of the owner's other course, by this course
        reports.attempt_detail(
            db_session,
            owner=owner,
            course_id=course_id,
            attempt_id=attempt_in_other_course,
            now=clock.now(),
        )
    with pytest.raises(NotFound):  # a set that is not in the course
        reports.item_analysis(db_session, owner=owner, course_id=course_id, set_id=set_id + 999)
    with pytest.raises(NotFound):  # someone who is not a student of the course
        reports.student_attempts(db_session, owner=owner, course_id=course_id, student_id=other.id)


# ---------------------------------------------------------------------------- memory


def _recall_by_hand(stability, elapsed_days, decay_parameter):
    """FSRS-6: R = (1 + factor * t / S) ** -w20, factor = 0.9 ** (1 / -w20) - 1."""
    decay = -decay_parameter
    factor = 0.9 ** (1 / decay) - 1
    return (1 + factor * elapsed_days / stability) ** decay


def test_memory_report_predicts_each_students_own_recall_on_a_day(
    app, db_session, factories, clock
):
    teacher = factories.user(role="instructor")
    set_id = make_set(app, factories, three_questions(), owner_id=teacher.id)
    course_id, code = make_course(app, teacher)
    attach(app, teacher, course_id, set_id)
    m1, m2, m3, outsider = (factories.user() for _ in range(4))
    for member in (m1, m2, m3):
        join(app, member, code)
    # m2 has fitted parameters with another decay.
    defaults = list(Scheduler().parameters)
    custom = defaults[:20] + [0.5]
    user(db_session, m2).fsrs_parameters = custom
    cards = {
        c.key: c for c in db_session.execute(select(Card).where(Card.set_id == set_id)).scalars()
    }
    now = clock.now()  # Monday 2 March, 09:00 UTC; everyone counts days in UTC (4 a.m.)

    def state(who, key, *, kind, stability, days_ago, interval, suspended=False):
        last = now - timedelta(days=days_ago, hours=5)  # 04:00: the day ``days_ago`` before
        db_session.add(
            CardState(
                user_id=who.id,
                card_id=cards[key].id,
                set_id=set_id,
                state=kind,
                step=None if kind == 2 else 0,
                stability=stability,
                difficulty=5.0,
                due=last + timedelta(days=interval),
                last_review=last,
                reps=3,
                lapses=0,
                suspended=suspended,
            )
        )

    state(m1, "q1", kind=2, stability=10.0, days_ago=5, interval=30)  # mature
    state(m2, "q1", kind=2, stability=4.0, days_ago=3, interval=10)
    state(m1, "q2", kind=1, stability=2.0, days_ago=1, interval=25)  # learning: not mature
    state(m2, "q3", kind=2, stability=6.0, days_ago=8, interval=6, suspended=True)
    state(outsider, "q3", kind=2, stability=50.0, days_ago=1, interval=60)  # not in the course
    db_session.commit()
    owner = user(db_session, teacher)

    report = reports.set_report(
        db_session, owner=owner, course_id=course_id, set_id=set_id, now=now
    )
    assert report.memory.day == date(2026, 3, 9)  # a week ahead of the teacher's today
    assert report.memory.exam_date is None and report.memory.students == []
    memory = {m.front: m for m in report.memory.cards}
    w20 = defaults[20]
    q1 = memory["Question q1?"]  # on 9 March: 12 and 10 study days after the last reviews
    expected_q1 = (_recall_by_hand(10.0, 12, w20) + _recall_by_hand(4.0, 10, 0.5) + 0) / 3
    assert q1.recall_on_day == pytest.approx(expected_q1)
    assert q1.recall_on_exam is None
    assert (q1.students, q1.studied, q1.mature) == (3, 2, 1)
    q2 = memory["Question q2?"]
    assert q2.recall_on_day == pytest.approx(_recall_by_hand(2.0, 8, w20) / 3)
    assert (q2.studied, q2.mature) == (1, 0)
    # Least held first.
    assert [m.front for m in report.memory.cards][0] == "Question q2?"

    # The day the instructor picks, and an exam day on the course set.
    set_options(app, teacher, course_id, set_id, exam_date=date(2026, 3, 20))
    report = reports.set_report(
        db_session,
        owner=owner,
        course_id=course_id,
        set_id=set_id,
        now=now,
        recall_day=date(2026, 3, 3),
    )
    memory = {m.front: m for m in report.memory.cards}
    q1 = memory["Question q1?"]
    assert q1.recall_on_day == pytest.approx(
        (_recall_by_hand(10.0, 6, w20) + _recall_by_hand(4.0, 4, 0.5)) / 3
    )
    assert q1.recall_on_exam == pytest.approx(
        (_recall_by_hand(10.0, 23, w20) + _recall_by_hand(4.0, 21, 0.5)) / 3
    )
    assert [m.front for m in report.memory.cards] == [
        "Question q2?",
        "Question q3?",
        "Question q1?",
    ]  # least held at the exam first
    outlook = {s.user_id: s for s in report.memory.students}
    assert set(outlook) == {m1.id, m2.id, m3.id}
    # due before the exam: m2's q1 (due 9 March); m2's q3 is suspended; m1's come after it
    assert [(outlook[m.id].studied, outlook[m.id].due_before_exam) for m in (m1, m2, m3)] == [
        (2, 0),
        (2, 1),
        (0, 0),
    ]
    assert outlook[m3.id].recall_on_exam == 0.0
    assert outlook[m1.id].recall_on_exam == pytest.approx(
        (_recall_by_hand(10.0, 23, w20) + _recall_by_hand(2.0, 19, w20)) / 3
    )


def test_retention_per_day_counts_the_classs_recalled_reviews(app, db_session, factories, clock):
    teacher = factories.user(role="instructor")
    set_id = make_set(app, factories, three_questions(), owner_id=teacher.id)
    elsewhere_set = make_set(app, factories, [mc("x")], owner_id=teacher.id)
    course_id, code = make_course(app, teacher)
    attach(app, teacher, course_id, set_id)
    m1, m2, outsider = factories.user(), factories.user(), factories.user()
    join(app, m1, code)
    join(app, m2, code)
    card = db_session.execute(select(Card).where(Card.set_id == set_id)).scalars().first()
    other_card = db_session.execute(select(Card).where(Card.set_id == elsewhere_set)).scalar_one()
    two_days_ago = START - timedelta(days=2)  # Saturday 28 Feb, 09:00 UTC
    reviews_made = [
        (m1, card, two_days_ago, 3),
        (m2, card, two_days_ago, 1),
        (m1, card, two_days_ago + timedelta(hours=1), 2),
        # 03:00 on Sunday is still Saturday's study day (4 a.m. rollover).
        (m2, card, START - timedelta(days=1, hours=6), 1),
        (m2, card, START - timedelta(days=1), 4),
        (outsider, card, START - timedelta(days=1), 1),  # not in the course
        (m1, other_card, START - timedelta(days=1), 1),  # another set's card
        (m1, card, START - timedelta(days=40), 1),  # older than 30 days
    ]
    for who, which, moment, rating in reviews_made:
        db_session.add(
            ReviewLog(
                user_id=who.id,
                card_id=which.id,
                rating=rating,
                reviewed_at=moment,
                origin="review",
                state_after={},
            )
        )
    db_session.commit()
    report = reports.set_report(
        db_session,
        owner=user(db_session, teacher),
        course_id=course_id,
        set_id=set_id,
        now=clock.now(),
    )
    days = [(d.day.isoformat(), d.reviews, d.recalled) for d in report.retention]
    assert days == [("2026-02-28", 4, 2), ("2026-03-01", 1, 1)]
    assert report.retention[0].share == 0.5


def test_histogram_bins():
    assert reports.histogram([0.0, 0.05, 0.1, 0.55, 0.95, 1.0, 1.0]) == [
        2,
        1,
        0,
        0,
        0,
        1,
        0,
        0,
        0,
        3,
    ]


def test_set_report_histogram_uses_graded_scores(db_session, klass, clock):
    report = reports.set_report(
        db_session,
        owner=user(db_session, klass["teacher"]),
        course_id=klass["course_id"],
        set_id=klass["set_id"],
        now=clock.now(),
    )
    # Highest per student: 3/3, 2.5/3, 2/3, 1/3, 1.5/3 (s6 has none).
    assert sorted(report.grades) == pytest.approx(sorted([1.0, 2.5 / 3, 2 / 3, 1 / 3, 0.5]))
    assert report.distribution == [0, 0, 0, 1, 0, 1, 1, 0, 1, 1]
    assert report.students == 6
    assert report.analysis.attempts == 5


# ----------------------------------------------------------------------------- plots


def test_the_new_charts_escape_text_and_use_no_style():
    evil = '<script>alert("x")</script>'
    histogram = str(charts.histogram([(evil, 2), ("b", 0)], title=evil, x_label=evil))
    scatter = str(
        charts.scatter_chart(
            [(evil, 0.5, -20.0, True), ("Q2", 1.4, 300.0, False)],
            title=evil,
            x_range=(0.0, 1.0),
            y_range=(-100.0, 100.0),
            x_label="Facility",
            y_label="Discrimination",
            x_marks=(0.2, 0.95),
            y_marks=(0.0,),
        )
    )
    for svg in (histogram, scatter):
        assert "<script" not in svg and "&lt;script&gt;" in svg
        assert "style=" not in svg and 'role="img"' in svg
    assert 'fill="#b42318"' in scatter  # the flagged point
    assert "Facility 0.5, Discrimination -20" in scatter
    # Out of range: drawn on the edge of the plot, not outside it.
    assert scatter.count("<circle") == 2
    assert "No data yet" in str(charts.histogram([("a", 0)], title="t"))
    assert "No data yet" in str(
        charts.scatter_chart(
            [], title="t", x_range=(0, 1), y_range=(0, 1), x_label="x", y_label="y"
        )
    )
