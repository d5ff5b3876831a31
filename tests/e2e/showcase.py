"""A whole site with something on every page, for the browser tests that visit every page.

An instructor with a course, a private set in it, a public practice set and an upload
waiting for confirmation; a student in the course with submitted attempts (a review to
read, a history to chart), a long quiz in progress (the article bank, all of its questions) and
two weeks of flashcard reviews (a heatmap, a forecast, categories); classmates whose
attempts fill the gradebook and the set's report.

Everything is made as the app makes it: accounts, sets, the course and the upload through
the services, attempts and reviews through the JSON API (each caller with a token), while
the clock moves on so that days differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from question_bank import article
from question_bank.sets import QuestionSet as BankSet
from question_bank.types import question_from_dict
from quizapp.extensions import db
from quizapp.models import Card, Question, User
from quizapp.services import accounts, courses, imports, question_sets
from quizapp.services.accounts import HashSettings
from tests.conftest import PASSWORD
from tests.quizapp.quiz_helpers import RIGHT_ANSWERS, by_text, every_type

TEACHER = "teacher@example.com"
STUDENT = "student@example.com"
CLASSMATES = ("amira@example.com", "boris@example.com", "chen@example.com")
COURSE_SET = "The fall of Baghouz"
PRACTICE_SET = "Baghouz practice"
#: Answers of the classmates: some right, some wrong, some blank, so the report varies
#: (written with the texts a student reads; ``by_text`` finds the attempt's ids).
CLASSMATE_ANSWERS: dict[str, dict[str, Any]] = {
    "amira@example.com": RIGHT_ANSWERS,
    "boris@example.com": {
        "q-mc": "Raqqa",
        "q-tf": "True",
        "q-mr": ["SDF"],
        "q-short": "Bali",
        "q-num": "10000",
        "q-match": {"Baghouz": "Last stand", "Raqqa": "Last stand"},
        "q-cloze": ["March", "army"],
    },
    "chen@example.com": {"q-mc": "Mosul", "q-tf": "False", "q-mr": ["NATO"], "q-num": "11000"},
}
#: The student's own course attempt: mostly right, one wrong, one partly right.
STUDENT_ANSWERS = {**RIGHT_ANSWERS, "q-tf": "False", "q-mr": ["SDF"]}
UPLOAD = (
    "::Stronghold:: Where was the last stand? {=Baghouz ~Raqqa ~Mosul}\n\n"
    "::Year:: In which year did Baghouz fall? {#2019}\n\n"
    "::Spokesman:: Who spoke for the SDF? {=Mustafa Bali =Bali}\n"
)


@dataclass(frozen=True)
class Showcase:
    """The ids the pages need."""

    teacher_id: int
    student_id: int
    article_set: int
    course_set: int
    practice_set: int
    course: int
    join_code: str
    #: The student's long article quiz, in progress.
    open_attempt: int
    #: The student's submitted attempt in the course (a review with every kind of result).
    course_attempt: int
    card: int
    first_question_row: int
    #: The course set's first question of each type, by type name (its row id).
    question_rows: dict[str, int]
    upload_token: str
    #: A password-reset link's secret, for a classmate (the student stays logged in).
    reset_token: str
    #: A sign-up link's token for a new address (the site runs with mail configured).
    signup_token: str
    #: Uploads waiting for confirmation: a Moodle XML question with an image (and one
    #: skipped question beside it), and a CSV file with its own header and categories.
    image_upload_token: str = ""
    csv_upload_token: str = ""
    #: The course set's first flashcard (its row id), for the card editor's pages.
    course_card: int = 0


def _hashing() -> HashSettings:
    return HashSettings(time_cost=1, memory_kib=1024)


class _Api:
    """A test client that calls the JSON API with one user's bearer token."""

    def __init__(self, app, email: str) -> None:
        self.client = app.test_client()
        response = self.client.post("/api/v1/tokens", json={"email": email, "password": PASSWORD})
        assert response.status_code == 201, response.get_data(as_text=True)
        self.headers = {"Authorization": f"Bearer {response.get_json()['token']}"}

    def call(self, method: str, url: str, body: Any = None, expect: tuple[int, ...] = (200, 201)):
        response = self.client.open(url, method=method, json=body, headers=self.headers)
        assert response.status_code in expect, f"{method} {url}: {response.get_data(as_text=True)}"
        return response.get_json(silent=True)


def _take(api: _Api, start_url: str, answers: dict[str, Any], clock, minutes: int = 6) -> int:
    """Start an attempt, answer, let ``minutes`` pass, submit; returns the attempt's id."""
    attempt = api.call("POST", start_url)
    for question in attempt["questions"]:
        if question["id"] in answers:
            api.call(
                "PUT",
                f"/api/v1/attempts/{attempt['id']}/answers/{question['id']}",
                {"response": by_text(question, answers[question["id"]])},
            )
    clock.advance(minutes=minutes)
    api.call("POST", f"/api/v1/attempts/{attempt['id']}/submit")
    return attempt["id"]


def _first_answer(question: dict[str, Any]) -> Any:
    """Some answer of the right shape for a question of the article bank."""
    kind = question["type"]
    if kind in ("multiple_choice", "true_false"):
        return question["choices"][0]["id"]
    if kind == "multiple_response":
        return [question["choices"][0]["id"]]
    if kind == "numerical":
        return "2019"
    if kind == "short_answer":
        return "Baghouz"
    return None


def _users(app) -> dict[str, int]:
    with app.app_context():
        now = app.extensions["clock"].now()
        ids = {}
        for email, role in [(TEACHER, "instructor"), (STUDENT, "student")] + [
            (email, "student") for email in CLASSMATES
        ]:
            user = accounts.create_user(
                db.session, email=email, password=PASSWORD, role=role, now=now, hashing=_hashing()
            )
            ids[email] = user.id
        return ids


def _sets(app, teacher_id: int) -> tuple[int, int, int]:
    """The article bank, the course's private set and a public practice set."""
    with app.app_context():
        now = app.extensions["clock"].now()
        article_set = question_sets.load_builtin(
            db.session, article.load_bank(), key=question_sets.ARTICLE_BANK_KEY, now=now
        ).set_id
        made = []
        for name, public in [(COURSE_SET, False), (PRACTICE_SET, True)]:
            bank = BankSet(
                name=name,
                description="What happened at Baghouz in March 2019, in nine questions.",
                questions=tuple(question_from_dict(q) for q in every_type()),
            )
            report = question_sets.save_new_set(
                db.session, bank, owner_id=teacher_id, now=now, public=public
            )
            made.append(report.set_id)
    return article_set, made[0], made[1]


def _course(app, ids: dict[str, int], set_id: int) -> tuple[int, str]:
    with app.app_context():
        now = app.extensions["clock"].now()
        owner = db.session.get(User, ids[TEACHER])
        course = courses.create_course(db.session, owner=owner, name="History 101", now=now)
        courses.attach_set(
            db.session,
            owner=owner,
            course_id=course.id,
            set_id=set_id,
            options=courses.SetOptions(shuffle=False),
            now=now,
        )
        for email in (STUDENT, *CLASSMATES):
            courses.join_course(
                db.session, user=db.session.get(User, ids[email]), code=course.join_code, now=now
            )
        return course.id, course.join_code


def _flashcards(api: _Api, set_id: int, clock, days: int = 12) -> int:
    """About two weeks of reviews, a few cards a day with every rating; returns a card id."""
    ratings = [3, 3, 4, 1, 3, 2]
    first_card = None
    for day in range(days):
        for turn in range(5 + day % 3):
            shown = api.call("GET", f"/api/v1/review/next?set={set_id}", expect=(200, 204))
            if not shown:
                break
            card = shown["card"]["id"]
            first_card = first_card or card
            rating = ratings[(day + turn) % len(ratings)]
            api.call("POST", "/api/v1/review", {"card_id": card, "rating": rating})
            clock.advance(minutes=2)
        clock.advance(days=1)
    assert first_card is not None
    return first_card


def build(app, clock) -> Showcase:
    ids = _users(app)
    article_set, course_set, practice_set = _sets(app, ids[TEACHER])
    course, join_code = _course(app, ids, course_set)

    student = _Api(app, STUDENT)
    card = _flashcards(student, article_set, clock)
    for answers in ({"q-mc": "Raqqa", "q-tf": "True"}, {**RIGHT_ANSWERS, "q-num": "12"}):
        _take(student, f"/api/v1/sets/{practice_set}/attempts", answers, clock)
        clock.advance(days=1)
    for email in CLASSMATES:
        _take(
            _Api(app, email),
            f"/api/v1/courses/{course}/sets/{course_set}/attempts",
            CLASSMATE_ANSWERS[email],
            clock,
        )
    course_attempt = _take(
        student, f"/api/v1/courses/{course}/sets/{course_set}/attempts", STUDENT_ANSWERS, clock
    )
    # The whole bank, chosen on purpose (a learner's quiz is 20 questions by default).
    long_quiz = student.call("POST", f"/api/v1/sets/{article_set}/attempts", {"questions": "all"})
    for question in long_quiz["questions"][:24]:
        answer = _first_answer(question)
        if answer is not None:
            student.call(
                "PUT",
                f"/api/v1/attempts/{long_quiz['id']}/answers/{question['id']}",
                {"response": answer},
            )

    with app.app_context():
        from sqlalchemy import select

        now = app.extensions["clock"].now()
        teacher = db.session.get(User, ids[TEACHER])
        upload = imports.create_draft(
            db.session,
            owner=teacher,
            data=UPLOAD.encode(),
            filename="baghouz.gift",
            now=now,
            set_name="Uploaded questions",
        )
        material = Path(__file__).parent.parent / "quizapp" / "data"
        image_xml = (material / "image_question.xml").read_text("utf-8")
        mixed_xml = (material / "mixed_support.xml").read_text("utf-8")
        with_skipped = image_xml.replace(
            "</quiz>", mixed_xml[mixed_xml.index('  <question type="ddwtos">') :]
        )
        image_upload = imports.create_draft(
            db.session,
            owner=teacher,
            data=with_skipped.encode(),
            filename="rivers.xml",
            now=now,
            set_name="Rivers",
        )
        csv_upload = imports.create_draft(
            db.session,
            owner=teacher,
            data=(material / "biology.csv").read_bytes(),
            filename="biology.csv",
            now=now,
        )
        question_rows = dict(
            db.session.execute(
                select(Question.type, Question.id)
                .where(Question.set_id == course_set)
                .order_by(Question.position.desc())
            ).all()
        )
        first_question_row = db.session.execute(
            select(Question.id)
            .where(Question.set_id == course_set)
            .order_by(Question.position)
            .limit(1)
        ).scalar_one()
        course_card = db.session.execute(
            select(Card.id).where(Card.set_id == course_set).order_by(Card.position).limit(1)
        ).scalar_one()
        token = upload.token
        image_token, csv_token = image_upload.token, csv_upload.token
        _, reset_token = accounts.create_reset_link(
            db.session, email=CLASSMATES[0], now=now, lifetime=timedelta(hours=1)
        )
        signup_token = accounts.signup_token(
            "newcomer@example.com", now=now, secret_key=app.config["SECRET_KEY"]
        )

    return Showcase(
        teacher_id=ids[TEACHER],
        student_id=ids[STUDENT],
        article_set=article_set,
        course_set=course_set,
        practice_set=practice_set,
        course=course,
        join_code=join_code,
        open_attempt=long_quiz["id"],
        course_attempt=course_attempt,
        card=card,
        first_question_row=first_question_row,
        question_rows=question_rows,
        upload_token=token,
        reset_token=reset_token,
        signup_token=signup_token,
        image_upload_token=image_token,
        csv_upload_token=csv_token,
        course_card=course_card,
    )
