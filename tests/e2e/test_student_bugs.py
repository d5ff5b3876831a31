"""The bugs a student hit (issue 17), in Chromium, each as a person meets it:

1. an empty answer is "not answered" (an empty number field no longer traps the student;
   a number can be cleared; an error and "Your answer is saved." never show together);
2. a closed tab resumes with the answer chosen, in both feedback modes (saving is not
   checking);
3. links stay inside the course (a course's private set has no start page of its own);
4. item analysis shows a cloze readably, and a blank never touches the next word;
5. the small ones: a new account's welcome, one rounding of percentages, the join-code
   example, "10 min", dates in the viewer's zone with the 4 a.m. day explained, and the
   flashcard index's new counts.

Choices are picked by their text, never by an id.
"""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from question_bank.sets import QuestionSet as BankSet
from question_bank.types import question_from_dict
from quizapp.extensions import db
from quizapp.models import Card, User
from quizapp.services import accounts, courses, question_sets
from quizapp.services.accounts import HashSettings
from tests.conftest import PASSWORD
from tests.quizapp.course_helpers import take
from tests.quizapp.quiz_helpers import every_type, mc, seed_live_app
from tests.quizapp.review_helpers import rate

STUDENT = "learner@example.com"
TEACHER = "teacher@example.com"
QUESTIONS = {q["id"]: q for q in every_type()}


def log_in(page: Page, live_server, email: str = STUDENT) -> None:
    page.goto(live_server.url("/auth/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()


def chart(page: Page, name: str):
    """The server-drawn chart ``name`` (its title's id)."""
    return page.locator(f"svg.chart:has(#{name}-title)")


def status(page: Page):
    return page.locator("#save-status")


# ------------------------------------------------------------------ 1. empty answers


def test_an_empty_number_never_traps_the_student(page: Page, live_server):
    seed_live_app(
        live_server.app,
        email=STUDENT,
        password=PASSWORD,
        questions=[QUESTIONS["q-mc"], QUESTIONS["q-num"], QUESTIONS["q-tf"]],
        name="Numbers",
    )
    log_in(page, live_server)
    page.get_by_role("link", name="Take the quiz").click()
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_role("button", name="Next →").click()
    number = page.get_by_label("Your answer (a number)")

    # Next, Previous and the question list with the field empty: they move, no 400.
    page.get_by_role("button", name="Next →").click()
    expect(page.get_by_text("Question 3 of 3")).to_be_visible()
    page.get_by_role("button", name="← Previous").click()
    expect(page.get_by_text("Question 2 of 3")).to_be_visible()
    page.get_by_role("button", name="Question 1, not answered").click()
    expect(page.get_by_text("Question 1 of 3")).to_be_visible()
    page.get_by_role("button", name="Question 2, not answered").click()

    # A number, saved, then cleared: not answered again, on the server too.
    number.fill("11,000")
    expect(status(page)).to_have_text("Your answer is saved.")
    expect(page.get_by_role("button", name="Question 2, answered")).to_be_visible()
    number.fill("")
    expect(status(page)).to_have_text("No answer saved yet.")
    expect(page.get_by_role("button", name="Question 2, not answered")).to_be_visible()
    page.reload()
    expect(number).to_have_value("")
    expect(page.get_by_role("button", name="Question 2, not answered")).to_be_visible()

    # Not a number: said once, never beside "Your answer is saved.".
    number.fill("eleven-ish")
    expect(status(page)).to_contain_text("is not a number")
    page.get_by_role("button", name="Next →").click()
    expect(page.get_by_role("alert")).to_contain_text("is not a number")
    expect(status(page)).to_have_text("")
    number.fill("11 000")
    expect(status(page)).to_have_text("Your answer is saved.")
    expect(page.locator("#answer-error")).to_be_hidden()
    page.get_by_role("button", name="Next →").click()
    expect(page.get_by_text("Question 3 of 3")).to_be_visible()


# ------------------------------------------------------ 2. a closed tab, both modes


@pytest.mark.parametrize("mode", ["deferred", "immediate"])
def test_a_closed_tab_resumes_with_the_chosen_answer(page: Page, live_server, mode):
    seed_live_app(
        live_server.app,
        email=STUDENT,
        password=PASSWORD,
        questions=[QUESTIONS["q-mc"], QUESTIONS["q-tf"]],
        name="Resume me",
        feedback_mode=mode,
    )
    context = page.context
    log_in(page, live_server)
    page.get_by_role("link", name="Take the quiz").click()
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_label("Raqqa").check()
    expect(status(page)).to_contain_text("Your answer is saved.")
    page.close()  # the tab, closed before any button was pressed

    again = context.new_page()
    again.goto(live_server.url("/"))
    again.get_by_role("link", name="Take the quiz").click()
    again.get_by_role("button", name="Resume the quiz").click()
    expect(again.get_by_text("Question 1 of 2")).to_be_visible()
    expect(again.get_by_label("Raqqa")).to_be_checked()
    expect(again.get_by_role("button", name="Question 1, answered")).to_be_visible()
    if mode == "immediate":
        # Saved, not checked: nothing revealed, still free to change; Check is the step.
        expect(again.get_by_text("answer checked")).to_have_count(0)
        expect(again.get_by_label("Raqqa")).to_be_enabled()
        expect(status(again)).to_have_text("Your answer is saved. Check it when you are ready.")
        again.get_by_label("Baghouz").check()
        expect(status(again)).to_contain_text("Your answer is saved.")
        again.get_by_role("button", name="Check answer").click()
        expect(again.get_by_text("Right", exact=True)).to_be_visible()
        expect(again.get_by_label("Baghouz")).to_be_disabled()
    again.get_by_role("button", name="Question 2, not answered").click()
    again.get_by_role("button", name="Finish and submit…").click()
    again.get_by_role("button", name="Submit my answers").click()
    points = "1 / 2 points" if mode == "immediate" else "0 / 2 points"
    expect(again.get_by_text(points)).to_be_visible()


# ------------------------------------------------------------ 3. links of a course


def _hashing() -> HashSettings:
    return HashSettings(time_cost=1, memory_kib=1024)


def seed_course(app, questions: list[dict], *, zone: str = "UTC") -> dict:
    """A teacher's course with a private set, and a student in it (both in ``zone``)."""
    with app.app_context():
        now = app.extensions["clock"].now()
        teacher = accounts.create_user(
            db.session,
            email=TEACHER,
            password=PASSWORD,
            role="instructor",
            now=now,
            hashing=_hashing(),
            timezone=zone,
        )
        student = accounts.create_user(
            db.session, email=STUDENT, password=PASSWORD, now=now, hashing=_hashing(), timezone=zone
        )
        bank = BankSet(
            name="The private set",
            description="Only for the course.",
            questions=tuple(question_from_dict(q) for q in questions),
        )
        set_id = question_sets.save_new_set(
            db.session, bank, owner_id=teacher.id, now=now, public=False
        ).set_id
        course = courses.create_course(db.session, owner=teacher, name="History 101", now=now)
        courses.attach_set(
            db.session,
            owner=teacher,
            course_id=course.id,
            set_id=set_id,
            options=courses.SetOptions(shuffle=False),
            now=now,
        )
        courses.join_course(
            db.session, user=db.session.get(User, student.id), code=course.join_code, now=now
        )
        return {
            "set_id": set_id,
            "course_id": course.id,
            "teacher": teacher.id,
            "student": student.id,
        }


class Ref:
    def __init__(self, user_id: int) -> None:
        self.id = user_id


def _broken_links(page: Page, live_server, visited: dict[str, str]) -> list[str]:
    """Every link of the pages visited (path -> name), followed: none may fail."""
    broken = []
    seen: set[str] = set()
    for path, name in visited.items():
        page.goto(live_server.url(path))
        # The page's own links (the navigation's are the same on every page).
        hrefs = page.eval_on_selector_all("main a[href]", "es => es.map(e => e.href)")
        for href in hrefs:
            parts = urlsplit(href)
            if parts.netloc != urlsplit(live_server.base).netloc or href in seen:
                continue
            seen.add(href)
            response = page.request.get(href, max_redirects=5)
            if response.status >= 400:
                broken.append(f"{name}: {parts.path} answers {response.status}")
    return broken


def test_links_on_course_pages_stay_inside_the_course(browser: Browser, page: Page, live_server):
    seeded = seed_course(live_server.app, [QUESTIONS["q-mc"], QUESTIONS["q-tf"]])
    course, set_id = seeded["course_id"], seeded["set_id"]
    log_in(page, live_server)
    page.get_by_role("link", name="Courses").click()
    page.get_by_role("link", name="History 101").click()
    page.get_by_role("link", name="Take the quiz The private set").click()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_text("Question 1 of 2")).to_be_visible()
    question_url = urlsplit(page.url).path
    # The set's name above the question leads back to the course's start page, not to
    # /quiz/sets/<id> (a 404: the set is private).
    set_link = page.locator(".quiz-set a")
    assert set_link.get_attribute("href") == f"/courses/{course}/sets/{set_id}/quiz"
    page.get_by_label("Baghouz").check()
    page.get_by_role("button", name="Next →").click()
    page.get_by_role("button", name="Finish →").click()
    submit_url = urlsplit(page.url).path
    page.get_by_role("button", name="Submit my answers").click()
    review_url = urlsplit(page.url).path
    attempt_id = int(re.search(r"/attempts/(\d+)/", review_url).group(1))
    set_link.click()
    expect(page.get_by_role("heading", name="The private set")).to_be_visible()
    assert urlsplit(page.url).path == f"/courses/{course}/sets/{set_id}/quiz"

    student_pages = {
        f"/courses/{course}": "the course",
        f"/courses/{course}/sets/{set_id}/quiz": "the course's start page",
        question_url: "a question",
        submit_url: "the submit page",
        review_url: "the review",
        "/quiz/history": "the history",
        "/": "the home page",
    }
    broken = _broken_links(page, live_server, student_pages)

    teacher = browser.new_context()
    try:
        teacher_page = teacher.new_page()
        log_in(teacher_page, live_server, TEACHER)
        teacher_pages = {
            f"/courses/{course}": "the course (instructor)",
            f"/courses/{course}/gradebook": "the gradebook",
            f"/courses/{course}/students/{seeded['student']}": "a student's record",
            f"/courses/{course}/attempts/{attempt_id}": "an attempt's answers",
            f"/courses/{course}/sets/{set_id}/report": "the set's report",
            f"/courses/{course}/sets/{set_id}/options": "the set's options",
            f"/courses/{course}/sets/{set_id}/quiz": "the start page (instructor)",
        }
        broken += _broken_links(teacher_page, live_server, teacher_pages)
    finally:
        teacher.close()
    assert not broken, "\n".join(broken)


# ----------------------------------------------------------------------- 4. cloze


def test_a_cloze_reads_well_in_the_quiz_and_in_item_analysis(
    browser: Browser, page: Page, live_server, clock
):
    # As GIFT writes text ("moodle" format): made into plain text, its pieces lost spaces.
    cloze = {**QUESTIONS["q-cloze"], "text_format": "moodle"}
    seeded = seed_course(live_server.app, [cloze])
    course, set_id = seeded["course_id"], seeded["set_id"]
    log_in(page, live_server)
    page.goto(live_server.url(f"/courses/{course}/sets/{set_id}/quiz"))
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_label("Blank 2 of 2")).to_be_visible()
    page.wait_for_load_state("load")  # styled: the blanks' labels are out of the flow
    gaps = page.evaluate(
        """() => [...document.querySelectorAll('input.blank')].map(input => {
            const box = input.getBoundingClientRect();
            const edge = (node, last) => {
              while (node && (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim())) {
                node = last ? node.previousSibling : node.nextSibling;
              }
              const text = node.textContent;
              const at = last ? text.search(/\\S\\s*$/) : text.search(/\\S/);
              const range = document.createRange();
              range.setStart(node, at); range.setEnd(node, at + 1);
              return range.getBoundingClientRect();
            };
            return [box.left - edge(input.previousSibling, true).right,
                    edge(input.nextSibling, false).left - box.right];
        })"""
    )
    # A space's width on each side of a blank ("in [ ] to the [ ]."), none before the ".".
    (before_1, after_1), (before_2, after_2) = gaps
    assert before_1 >= 3 and after_1 >= 3 and before_2 >= 3, gaps
    assert 0 <= after_2 < 3, gaps
    page.get_by_label("Blank 1 of 2").fill("March")
    page.get_by_label("Blank 2 of 2").fill("the army")
    page.get_by_role("button", name="Finish →").click()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("0.5 / 1 points")).to_be_visible()

    teacher = browser.new_context()
    try:
        report = teacher.new_page()
        log_in(report, live_server, TEACHER)
        report.goto(live_server.url(f"/courses/{course}/sets/{set_id}/report"))
        row = report.locator("#item-1")
        expect(row).to_contain_text("Baghouz fell in _____ to the _____.")
        expect(report.locator(".item-analysis")).not_to_contain_text("{{")
    finally:
        teacher.close()


# ------------------------------------------------------------------ 5. the small ones


def test_a_new_account_is_welcomed_and_its_time_zone_kept(browser: Browser, live_server):
    tokyo = browser.new_context(timezone_id="Asia/Tokyo")
    try:
        page = tokyo.new_page()
        page.goto(live_server.url("/auth/register"))
        page.get_by_label("Email").fill("new@example.com")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_label("Repeat the password").fill(PASSWORD)
        page.get_by_role("button", name="Create account").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Welcome! Your account is ready.")
        expect(page.get_by_role("heading", name="Welcome back")).to_have_count(0)
        expect(page.get_by_text("Times in Asia/Tokyo")).to_be_visible()
        expect(page.locator(".zone-offer")).to_be_hidden()  # the device agrees
        page.reload()
        expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
    finally:
        tokyo.close()
    paris = browser.new_context(timezone_id="Europe/Paris")
    try:
        page = paris.new_page()
        page.goto(live_server.url("/auth/login"))
        page.get_by_label("Email").fill("new@example.com")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        offer = page.locator(".zone-offer")
        expect(offer).to_contain_text("your device is in Europe/Paris")
        page.get_by_role("button", name="Keep Asia/Tokyo").click()
        expect(offer).to_be_hidden()
        page.reload()
        expect(offer).to_be_hidden()  # dismissed for this zone
        page.evaluate("localStorage.clear()")
        page.reload()
        page.get_by_role("button", name="Show times in Europe/Paris").click()
        expect(page.get_by_text("Times are now shown in Europe/Paris")).to_be_visible()
        expect(page.get_by_text("Times in Europe/Paris")).to_be_visible()
        expect(offer).to_be_hidden()
    finally:
        paris.close()


def test_percentages_durations_and_the_join_code_read_as_a_person_expects(page: Page, live_server):
    # 16 questions of one category, one right: 6.25%, "6%" in the chart and in the table.
    seed_live_app(
        live_server.app,
        email=STUDENT,
        password=PASSWORD,
        questions=[mc(f"p{i}", "place") for i in range(16)],
        name="Sixteen",
        time_limit_seconds=600,
    )
    log_in(page, live_server)
    page.get_by_role("link", name="Take the quiz").click()
    expect(page.locator(".quiz-options")).to_contain_text("10 min")
    expect(page.locator(".quiz-options")).not_to_contain_text("00 s")
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_role("radio", name="Right", exact=True).check()
    expect(status(page)).to_have_text("Your answer is saved.")
    page.get_by_role("button", name="Finish and submit…").click()
    page.get_by_role("button", name="Submit my answers").click()
    page.goto(live_server.url("/quiz/history"))
    table = page.locator(".category-table tbody tr:not(.group-row)").first
    expect(table).to_contain_text("6%")
    bars = chart(page, "categories-chart")
    expect(bars.locator("text", has_text="%").last).to_have_text("6%")  # over the bar
    expect(bars).not_to_contain_text("6.2")

    page.goto(live_server.url("/courses/"))
    hint = page.locator("#code-help")
    example = re.search(r"such as (\S+)\.", hint.inner_text()).group(1)
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{10}", example), example
    assert example == courses.JOIN_CODE_EXAMPLE


def test_dates_are_in_the_viewers_zone_and_days_are_explained(
    browser: Browser, page: Page, live_server, clock
):
    """A quiz and a flashcard review at 01:30 in Tokyo (16:30 UTC the day before): the lists
    say the 3rd, in Tokyo; the retention chart counts the review on the study day of the 2nd
    and says why."""
    seeded = seed_course(live_server.app, [QUESTIONS["q-mc"], QUESTIONS["q-tf"]], zone="Asia/Tokyo")
    clock.advance(hours=7, minutes=30)  # 16:30 UTC on Mon 2 March: 01:30 on the 3rd in Tokyo
    take(
        live_server.app,
        clock,
        Ref(seeded["student"]),
        seeded["course_id"],
        seeded["set_id"],
        {"q-mc": "Baghouz", "q-tf": "True"},
        minutes=0,
    )
    with live_server.app.app_context():
        card_id = db.session.execute(
            select(Card.id).where(Card.set_id == seeded["set_id"]).order_by(Card.id).limit(1)
        ).scalar_one()
    rate(live_server.app, seeded["student"], card_id, 3, clock.now())
    log_in(page, live_server)
    page.goto(live_server.url("/quiz/history"))
    expect(page.locator("table.attempts")).to_contain_text("Tue 3 Mar 2026, 01:30")
    expect(chart(page, "scores-chart")).to_contain_text("3 Mar")
    expect(page.get_by_text("Times in Asia/Tokyo")).to_be_visible()

    teacher = browser.new_context(timezone_id="Asia/Tokyo")
    try:
        report = teacher.new_page()
        log_in(report, live_server, TEACHER)
        course, set_id = seeded["course_id"], seeded["set_id"]
        report.goto(live_server.url(f"/courses/{course}/students/{seeded['student']}"))
        expect(report.locator("table.attempts")).to_contain_text("Tue 3 Mar 2026, 01:30")
        report.goto(live_server.url(f"/courses/{course}/sets/{set_id}/report"))
        expect(chart(report, "retention-chart")).to_contain_text("2 Mar")
        expect(report.get_by_text("runs from 4 a.m. to 4 a.m. in your time zone")).to_contain_text(
            "Asia/Tokyo"
        )
    finally:
        teacher.close()
    clock.advance(timedelta(days=1))


def test_the_flashcard_index_explains_its_new_counts(page: Page, live_server):
    seed_live_app(
        live_server.app,
        email=STUDENT,
        password=PASSWORD,
        questions=every_type(),
        name="Cards",
    )
    log_in(page, live_server)
    page.goto(live_server.url("/review/"))
    total = page.locator(".study-all")
    expect(total).to_contain_text("0 new")
    expect(total).to_contain_text("You have not started a set yet.")
    card = page.locator(".set-card", has_text="Cards")
    expect(card).to_contain_text("Not started yet, so not in the total above.")


# ------------------------------------------- quizzes of a sensible size, what to study


def test_the_article_quiz_is_short_and_what_to_study_leads_to_practice(
    page: Page, live_server, clock
):
    """The article bank's quiz draws 20 of all its questions; the review opens with a summary
    and filters; "What to study" leads to a practice quiz of a category and to flashcards."""
    from question_bank import article

    app = live_server.app
    seed_live_app(app, email=STUDENT, password=PASSWORD, questions=[mc("q1")], name="Other")
    with app.app_context():
        question_sets.load_builtin(db.session, article.load_bank(), key="article", now=clock.now())
    log_in(page, live_server)
    bank = page.locator(".set-card", has_text="The defeat of ISIS in Syria")
    bank.get_by_role("link", name="Take the quiz").click()
    total = len(article.load_bank().questions)
    expect(page.locator(".quiz-options")).to_contain_text(f"20, drawn at random from {total}")
    expect(page.get_by_label("20, drawn at random: a short quiz")).to_be_checked()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_text("Question 1 of 20")).to_be_visible()
    expect(page.locator(".q-meta .tag")).to_have_count(1)  # the type; no category hint
    page.get_by_role("button", name="Flag this question").click()
    expect(page.get_by_role("button", name="Flag this question")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_role("button", name="Question 1, not answered, flagged")).to_be_visible()
    page.get_by_role("button", name="Finish and submit…").click()
    page.get_by_role("button", name="Submit my answers").click()

    expect(page.get_by_role("heading", name="Summary")).to_be_visible()
    expect(page.locator(".review-summary")).to_contain_text("Not answered")
    page.get_by_role("link", name="Flagged (1)").click()
    expect(page.locator(".review-item")).to_have_count(1)
    expect(page.locator(".review-item")).to_contain_text("flagged")
    page.get_by_role("link", name="Wrong or blank (20)").click()
    expect(page.locator(".review-item")).to_have_count(20)

    page.goto(live_server.url("/quiz/history"))
    first = page.locator(".study-item").first
    category = first.locator(".study-what strong").inner_text()
    first.get_by_role("link", name=re.compile("^Practice quiz")).click()
    expect(page.get_by_label(re.compile(f"^{category} "))).to_be_checked()
    page.get_by_label("All the questions (of the categories chosen)").check()
    page.get_by_role("button", name="Start the quiz").click()
    expected = sum(1 for q in article.load_bank().questions if q.category == category)
    expect(page.get_by_text(f"Question 1 of {expected}")).to_be_visible()

    page.goto(live_server.url("/quiz/history"))
    page.locator(".study-item").first.get_by_role("link", name=re.compile("^Flashcards")).click()
    expect(page.get_by_role("heading", name="The defeat of ISIS in Syria (2019)")).to_be_visible()
