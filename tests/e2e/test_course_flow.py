"""A course in Chromium: an instructor creates it and attaches a set, a student joins with the
code in a second browser, takes the quiz, and the instructor reads the gradebook and the
set's report.  Screenshots: tests/artifacts/gradebook.png, item-analysis.png."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from quizapp.extensions import db
from quizapp.models import QuestionSet
from quizapp.services import accounts, question_sets
from quizapp.services.accounts import HashSettings
from tests.conftest import PASSWORD
from tests.e2e.conftest import ARTIFACTS
from tests.quizapp.course_helpers import join, take
from tests.quizapp.quiz_helpers import every_type

TEACHER = "teacher@example.com"
STUDENT = "student@example.com"
SET_NAME = "The fall of Baghouz"
#: Classmates seeded through the services, so the report has a class to describe (answers
#: written with the texts a student reads).
CLASSMATES = {
    "amira@example.com": {
        "q-mc": "Baghouz",
        "q-tf": "True",
        "q-mr": ["SDF", "US-led coalition"],
        "q-short": "Mustafa Bali",
    },
    "boris@example.com": {
        "q-mc": "Baghouz",
        "q-tf": "False",
        "q-mr": ["SDF"],
        "q-short": "someone",
    },
    "chen@example.com": {
        "q-mc": "Raqqa",
        "q-tf": "True",
        "q-mr": ["SDF", "NATO"],
        "q-short": "Mustafa Bali",
    },
    "dara@example.com": {"q-mc": "Baghouz", "q-tf": "True", "q-mr": ["US-led coalition"]},
    "emil@example.com": {"q-mc": "Mosul", "q-tf": "False", "q-short": "Mustafa Bali"},
}


def seed(app) -> dict:
    from question_bank.sets import QuestionSet as BankSet
    from question_bank.types import question_from_dict

    hashing = HashSettings(time_cost=1, memory_kib=1024)
    with app.app_context():
        now = app.extensions["clock"].now()
        teacher = accounts.create_user(
            db.session,
            email=TEACHER,
            password=PASSWORD,
            role="instructor",
            now=now,
            hashing=hashing,
        )
        accounts.create_user(db.session, email=STUDENT, password=PASSWORD, now=now, hashing=hashing)
        classmates = {
            email: accounts.create_user(
                db.session, email=email, password=PASSWORD, now=now, hashing=hashing
            )
            for email in CLASSMATES
        }
        bank = BankSet(
            name=SET_NAME,
            description="Made by a browser test.",
            questions=tuple(question_from_dict(q) for q in every_type()[1:5]),
        )
        set_id = question_sets.save_new_set(
            db.session, bank, owner_id=teacher.id, now=now, public=False
        ).set_id
        db.session.get(QuestionSet, set_id).shuffle_questions = True  # the course decides
        db.session.commit()
        return {"set_id": set_id, "classmates": {e: u.id for e, u in classmates.items()}}


class Ref:
    def __init__(self, user_id: int) -> None:
        self.id = user_id


def log_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url("/auth/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()


def test_a_course_from_creation_to_gradebook(
    browser: Browser, page: Page, live_server, screenshot, clock
):
    seeded = seed(live_server.app)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The instructor creates the course and attaches the set, without shuffling.
    log_in(page, live_server, TEACHER)
    page.get_by_role("link", name="Courses").click()
    page.get_by_label("Course name").fill("Modern history")
    page.get_by_role("button", name="Create the course").click()
    expect(page.get_by_role("heading", name="Modern history")).to_be_visible()
    code = page.locator(".join-code").inner_text().strip()
    assert len(code) == 10
    page.get_by_label("Question set", exact=True).select_option(label=SET_NAME)
    page.get_by_label("Shuffle the questions and their choices").uncheck()
    page.get_by_label("Grade with several attempts").select_option(label="Highest grade")
    page.get_by_role("button", name="Add to the course").click()
    expect(page.get_by_text("The set is in the course.")).to_be_visible()
    screenshot("course-instructor")

    # Classmates, through the services: the report needs a class.
    for email, answers in CLASSMATES.items():
        ref = Ref(seeded["classmates"][email])
        join(live_server.app, ref, code)
        take(live_server.app, clock, ref, _course_id(live_server.app), seeded["set_id"], answers)

    # The student, in a browser of their own, joins with the code and takes the quiz.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    student = context.new_page()
    try:
        log_in(student, live_server, STUDENT)
        student.get_by_role("link", name="Courses").click()
        student.get_by_label("Join code").fill(code.lower())
        student.get_by_role("button", name="Join the course").click()
        expect(student.get_by_text("You joined Modern history.")).to_be_visible()
        student.get_by_role("link", name=f"Take the quiz {SET_NAME}").click()
        expect(student.get_by_text("Modern history")).to_be_visible()
        student.get_by_role("button", name="Start the quiz").click()
        expect(student.get_by_text("Question 1 of 4")).to_be_visible()
        student.get_by_label("Baghouz").check()
        student.get_by_role("button", name="Next →").click()
        student.get_by_label("True", exact=True).check()
        student.get_by_role("button", name="Next →").click()
        student.get_by_label("SDF").check()  # half of it: 0.5
        student.get_by_role("button", name="Next →").click()
        student.get_by_label("Your answer").fill("Mustafa Bali")
        student.get_by_role("button", name="Finish →").click()
        student.get_by_role("button", name="Submit my answers").click()
        expect(student.get_by_role("heading", name="Your results")).to_be_visible()
        expect(student.get_by_text("3.5 / 4 points")).to_be_visible()
        student.goto(live_server.url("/"))
        expect(student.get_by_role("heading", name="Your courses' sets")).to_be_visible()
        student.screenshot(path=str(ARTIFACTS / "course-home-student.png"), full_page=True)
    finally:
        context.close()

    # The instructor reads the gradebook: the student's score is there.
    page.reload()
    page.get_by_role("link", name="Gradebook").click()
    expect(page.get_by_role("heading", name="Gradebook")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=STUDENT)
    expect(row).to_contain_text("87.5%")
    expect(page.get_by_role("row").filter(has_text="amira@example.com")).to_contain_text("100.0%")
    screenshot("gradebook")

    page.get_by_role("link", name="Modern history").click()
    page.get_by_role("link", name=f"Report on {SET_NAME}").click()
    expect(page.get_by_role("heading", name="Item analysis")).to_be_visible()
    expect(page.locator("svg.chart")).to_have_count(3)
    expect(page.locator("table.item-analysis tbody tr[id^=item-]")).to_have_count(4)
    screenshot("item-analysis")


def _course_id(app) -> int:
    from sqlalchemy import select

    from quizapp.models import Course

    with app.app_context():
        return db.session.execute(select(Course.id)).scalar_one()
