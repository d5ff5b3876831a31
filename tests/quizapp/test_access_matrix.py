"""Who may call what: every route of the app, with the status each of five callers gets.

The callers: anonymous, student X (who owns the attempt, the flashcard state and the course
membership), student Y (another student), instructor A (who owns the sets, the upload and
the course) and instructor B (another instructor).

The rules of the house, which the table spells out route by route:

* public pages (home, health check, the article, openapi.json) answer 200 to everyone; the
  login and register pages answer 200 to anonymous and send whoever is logged in home (302);
* anonymous on a page is sent to the login page (302), on the API gets 401;
* a student on an instructor-only page gets 403;
* what belongs to someone else (a student's attempt, an instructor's set, upload or course)
  is 404, exactly like an unknown id, so ids do not leak;
* the flashcards of a set a student reaches only through a course whose quiz hides the
  answers are closed to that student (403), open to its teacher;
* every response but the static files says ``Cache-Control: no-store`` (they carry answers
  or personal data, or a form's token): ``test_access`` checks each one it gets.

The table is checked against the app's URL map (``test_every_route_has_a_row``): a new route
without a row fails.  Each row builds its URL with ``url_for``, so a row always names the
route it tests.  Every row gets a fresh scenario (the app and its database are per test), so
rows that delete, confirm, log out or undo cannot disturb the others; within a row the
callers who should be refused go first, on the untouched scenario.

A POST with an empty or minimal body: what matters is that refused callers are refused; the
allowed ones get what a person gets for that form (200 or 400 with the errors, or a 302).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import url_for
from sqlalchemy import select

from question_bank import article
from quizapp.extensions import db
from quizapp.models import ApiToken, Card, Question, User
from quizapp.services import accounts, courses, question_sets
from tests.conftest import PASSWORD
from tests.factories import UserRef
from tests.quizapp.media_helpers import image, image_question

#: What anonymous gets on a page: a redirect to the login page.
LOGIN = "login"
CALLERS = ("anonymous", "x", "y", "a", "b")
METHODS_NOT_LISTED = {"HEAD", "OPTIONS"}

GIFT = "::capital::Where was the last stronghold?{=Baghouz ~Raqqa ~Mosul}\n"

Expected = int | str


# -------------------------------------------------------------------------- scenario


@dataclass(frozen=True)
class Scenario:
    x: UserRef
    y: UserRef
    a: UserRef
    b: UserRef
    #: A's public set S and private set P.
    public_set: int
    private_set: int
    #: The row id of S's first question (the edit page's id), and of P's.
    question: int
    private_question: int
    #: A's upload waiting for confirmation.
    draft: str
    #: X's attempt at S, outside any course, in progress; a question of it.
    attempt: int
    question_key: str
    #: The card of S that X reviewed (X has a state for it), and a card of P.
    card: int
    private_card: int
    #: A's private set H, attached to the course with its answers hidden after submitting
    #: (its flashcards closed to the course's students), and a card of it.
    hidden_set: int
    hidden_card: int
    #: A's course with S attached and X on the roster; X's attempt at S in it (in progress).
    course: int
    join_code: str
    course_attempt: int
    #: X's API token (the one X's API client sends) and a reset link for X's password.
    x_token: int
    reset_token: str
    #: The SHA-256 of an image in a public set of A's, in a private one, and in a private
    #: set of A's attached to the course.
    public_image: str
    private_image: str
    course_image: str


class Callers:
    """One test client per caller: logged in through the login page for the pages, or with
    a bearer token from ``POST /api/v1/tokens`` for the API.  Made on first use."""

    def __init__(self, app, users: dict[str, UserRef]) -> None:
        self.app = app
        self.users = users
        self._clients: dict[tuple[str, bool], Any] = {}

    def client(self, name: str, *, api: bool):
        key = (name, api)
        if key not in self._clients:
            client = self.app.test_client()
            if name != "anonymous":
                email = self.users[name].email
                if api:
                    response = client.post(
                        "/api/v1/tokens", json={"email": email, "password": PASSWORD}
                    )
                    assert response.status_code == 201, response.get_data(as_text=True)
                    token = response.get_json()["token"]
                    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
                else:
                    response = client.post(
                        "/auth/login", data={"email": email, "password": PASSWORD}
                    )
                    assert response.status_code == 302, response.get_data(as_text=True)
            self._clients[key] = client
        return self._clients[key]


@dataclass(frozen=True)
class World:
    app: Any
    scenario: Scenario
    callers: Callers


def _first_id(app, model, set_id: int) -> int:
    with app.app_context():
        order = model.position if model is Question else model.id
        return db.session.execute(
            select(model.id).where(model.set_id == set_id).order_by(order).limit(1)
        ).scalar_one()


def _make_course(
    app, scenario_users: dict[str, UserRef], set_id: int, hidden_set: int
) -> tuple[int, str]:
    """A's course with ``set_id`` attached, ``hidden_set`` attached with its answers hidden,
    and X joined, through the courses service."""
    with app.app_context():
        now = app.extensions["clock"].now()
        owner = db.session.get(User, scenario_users["a"].id)
        course = courses.create_course(db.session, owner=owner, name="History 101", now=now)
        course_id, code = course.id, course.join_code
        courses.attach_set(db.session, owner=owner, course_id=course_id, set_id=set_id, now=now)
        courses.attach_set(
            db.session,
            owner=owner,
            course_id=course_id,
            set_id=hidden_set,
            options=courses.SetOptions(review_show_answer=False),
            now=now,
        )
        student = db.session.get(User, scenario_users["x"].id)
        courses.join_course(db.session, user=student, code=code, now=now)
        return course_id, code


@pytest.fixture
def world(app, factories) -> World:
    users = {
        "x": factories.user(role="student"),
        "y": factories.user(role="student"),
        "a": factories.user(role="instructor"),
        "b": factories.user(role="instructor"),
    }
    callers = Callers(app, users)
    a = users["a"]
    public_set = factories.question_set("Public set", owner_id=a.id, public=True)
    private_set = factories.question_set("Private set", owner_id=a.id, public=False)
    hidden_set = factories.question_set("Course set", owner_id=a.id, public=False)

    uploaded = callers.client("a", api=False).post(
        "/instructor/upload", data={"text": GIFT, "format": "gift", "set_name": "Uploaded"}
    )
    assert uploaded.status_code == 302, uploaded.get_data(as_text=True)
    draft = urlsplit(uploaded.location).path.rsplit("/", 1)[1]

    x_api = callers.client("x", api=True)
    started = x_api.post(f"/api/v1/sets/{public_set}/attempts")
    assert started.status_code == 201, started.get_data(as_text=True)
    attempt = started.get_json()

    shown = x_api.get("/api/v1/review/next", query_string={"set": public_set})
    assert shown.status_code == 200, shown.get_data(as_text=True)
    card = shown.get_json()["card"]["id"]
    rated = x_api.post("/api/v1/review", json={"card_id": card, "rating": 3})
    assert rated.status_code == 200, rated.get_data(as_text=True)

    images = {
        kind: image(rgb=rgb)
        for kind, rgb in (("public", (1, 1, 1)), ("private", (2, 2, 2)), ("course", (3, 3, 3)))
    }
    factories.question_set(
        "Public pictures", [image_question("p1", images["public"])], owner_id=a.id, public=True
    )
    factories.question_set(
        "Private pictures", [image_question("p2", images["private"])], owner_id=a.id, public=False
    )
    course_pictures = factories.question_set(
        "Course pictures", [image_question("p3", images["course"])], owner_id=a.id, public=False
    )
    course, join_code = _make_course(app, users, public_set, hidden_set)
    with app.app_context():
        courses.attach_set(
            db.session,
            owner=db.session.get(User, a.id),
            course_id=course,
            set_id=course_pictures,
            now=app.extensions["clock"].now(),
        )
    in_course = x_api.post(f"/api/v1/courses/{course}/sets/{public_set}/attempts")
    assert in_course.status_code == 201, in_course.get_data(as_text=True)

    with app.app_context():
        x_token = db.session.execute(
            select(ApiToken.id).where(ApiToken.user_id == users["x"].id)
        ).scalar_one()
        _, reset_token = accounts.create_reset_link(
            db.session,
            email=users["x"].email,
            now=app.extensions["clock"].now(),
            lifetime=app.config["RESET_TOKEN_LIFETIME"],
        )

    scenario = Scenario(
        **users,
        public_set=public_set,
        private_set=private_set,
        question=_first_id(app, Question, public_set),
        private_question=_first_id(app, Question, private_set),
        draft=draft,
        attempt=attempt["id"],
        question_key=attempt["questions"][0]["id"],
        card=card,
        private_card=_first_id(app, Card, private_set),
        hidden_set=hidden_set,
        hidden_card=_first_id(app, Card, hidden_set),
        course=course,
        join_code=join_code,
        course_attempt=in_course.get_json()["id"],
        x_token=x_token,
        reset_token=reset_token,
        public_image=images["public"].sha256,
        private_image=images["private"].sha256,
        course_image=images["course"].sha256,
    )
    return World(app, scenario, callers)


def _load_article_bank(app) -> None:
    with app.app_context():
        question_sets.load_builtin(
            db.session,
            article.load_bank(),
            key=question_sets.ARTICLE_BANK_KEY,
            now=app.extensions["clock"].now(),
        )


# ----------------------------------------------------------------------------- table

Values = Callable[[Scenario], dict[str, Any]]


@dataclass(frozen=True)
class Row:
    endpoint: str
    method: str
    #: ``url_for`` arguments: the route's own, and any query string.
    values: Values
    expected: dict[str, Expected]
    #: The form (pages) or JSON (API) sent; None sends no body.
    body: Callable[[Scenario], Any] | None = None
    #: Tells apart several rows of one route (e.g. on the public and the private set).
    variant: str = ""
    needs_article: bool = False

    @property
    def api(self) -> bool:
        return self.endpoint.startswith("api.")

    @property
    def id(self) -> str:
        name = f"{self.endpoint} {self.method}"
        return f"{name} [{self.variant}]" if self.variant else name


def row(
    endpoint: str,
    method: str,
    values: Values | None,
    anonymous: Expected,
    x: Expected,
    y: Expected,
    a: Expected,
    b: Expected,
    **options: Any,
) -> Row:
    expected = dict(zip(CALLERS, (anonymous, x, y, a, b), strict=True))
    return Row(endpoint, method, values or (lambda s: {}), expected, **options)


def _set(s: Scenario) -> dict[str, Any]:
    return {"set_id": s.public_set}


def _question(s: Scenario) -> dict[str, Any]:
    return {"set_id": s.public_set, "question_id": s.question}


def _set_card(s: Scenario) -> dict[str, Any]:
    return {"set_id": s.public_set, "card_id": s.card}


def _private_question(s: Scenario) -> dict[str, Any]:
    return {"set_id": s.private_set, "question_id": s.private_question}


def _new_question(s: Scenario) -> dict[str, Any]:
    return {"set_id": s.public_set, "type_name": "short_answer"}


def _private(s: Scenario) -> dict[str, Any]:
    return {"set_id": s.private_set}


def _attempt(s: Scenario) -> dict[str, Any]:
    return {"attempt_id": s.attempt}


def _card(s: Scenario) -> dict[str, Any]:
    return {"card_id": s.card}


def _private_card(s: Scenario) -> dict[str, Any]:
    return {"card_id": s.private_card}


def _hidden(s: Scenario) -> dict[str, Any]:
    return {"set_id": s.hidden_set}


def _hidden_card(s: Scenario) -> dict[str, Any]:
    return {"card_id": s.hidden_card}


def _draft(s: Scenario) -> dict[str, Any]:
    return {"token": s.draft}


def _course(s: Scenario) -> dict[str, Any]:
    return {"course_id": s.course}


def _course_set(s: Scenario) -> dict[str, Any]:
    return {"course_id": s.course, "set_id": s.public_set}


def _code(s: Scenario) -> dict[str, Any]:
    return {"code": s.join_code}


ANYONE = (200, 200, 200, 200, 200)
LOGGED_IN = (LOGIN, 200, 200, 200, 200)
API_LOGGED_IN = (401, 200, 200, 200, 200)
#: An instructor's page about something of A's.
A_ONLY = (LOGIN, 403, 403, 200, 404)
#: X's attempt: nobody else sees it, not even the set's owner (outside a course).
X_ONLY = (LOGIN, 200, 404, 404, 404)
API_X_ONLY = (401, 200, 404, 404, 404)
#: A private set of A's, outside a course: A only.
PRIVATE = (LOGIN, 404, 404, 200, 404)
API_PRIVATE = (401, 404, 404, 200, 404)
#: A's set in A's course, its answers hidden: closed to its student X, open to A.
HIDDEN = (LOGIN, 403, 404, 200, 404)
API_HIDDEN = (401, 403, 404, 200, 404)
#: A's course: its student X and its owner A.
COURSE = (LOGIN, 200, 404, 200, 404)
API_COURSE = (401, 200, 404, 200, 404)
API_A_ONLY = (401, 403, 403, 200, 404)

# fmt: off
ROWS: list[Row] = [
    # ------------------------------------------------------------------ public pages
    row("main.index", "GET", None, *ANYONE),
    row("main.healthz", "GET", None, *ANYONE),
    row("bank.article", "GET", None, *ANYONE, needs_article=True),
    row("bank.browse", "GET", _set, *ANYONE),
    row("bank.browse", "GET", _private, 404, 404, 404, 200, 404, variant="private set"),
    row("bank.browse", "GET", _hidden, 404, 404, 404, 200, 404, variant="course set, hidden"),
    row("api.openapi", "GET", None, *ANYONE),
    # ---------------------------------------------------------------- accounts
    # Logged in, the login and register pages send you home.
    row("auth.login", "GET", None, 200, 302, 302, 302, 302),
    row("auth.login", "POST", None, 401, 302, 302, 302, 302),
    row("auth.register", "GET", None, 200, 302, 302, 302, 302),
    row("auth.register", "POST", None, 400, 302, 302, 302, 302),
    row("auth.logout", "POST", None, LOGIN, 302, 302, 302, 302),
    row("auth.logout_everywhere", "POST", None, LOGIN, 302, 302, 302, 302),
    row("auth.time_zone", "POST", None, LOGIN, 302, 302, 302, 302),
    row("auth.account", "GET", None, *LOGGED_IN),
    # An empty form: the page again, with its errors.
    row("auth.change_password", "GET", None, *LOGGED_IN),
    row("auth.change_password", "POST", None, LOGIN, 400, 400, 400, 400),
    row("auth.tokens", "GET", None, *LOGGED_IN),
    # Nothing filled in is a valid choice (the default name and lifetime): a new token.
    row("auth.tokens", "POST", None, LOGIN, 201, 201, 201, 201),
    row("auth.tokens", "POST", None, LOGIN, 400, 400, 400, 400,
        body=lambda s: {"name": "script", "days": "1000"}, variant="a lifetime not offered"),
    # X's own token; anyone else's is "not found", like an unknown id.
    row("auth.revoke_token", "POST", lambda s: {"token_id": s.x_token},
        LOGIN, 302, 404, 404, 404),
    # Resetting a password needs no login; without mail the page says whom to ask (400
    # when the form is sent anyway).
    row("auth.reset_request", "GET", None, *ANYONE),
    row("auth.reset_request", "POST", None, 400, 400, 400, 400, 400),
    # Whoever holds a reset link may use it (it is the credential); a made-up one is 400.
    row("auth.reset_password", "GET", lambda s: {"token": s.reset_token}, *ANYONE),
    row("auth.reset_password", "POST", lambda s: {"token": s.reset_token},
        400, 400, 400, 400, 400),
    row("auth.reset_password", "GET", lambda s: {"token": "made-up"},
        400, 400, 400, 400, 400, variant="unknown link"),
    # Sign-up links exist only on a site that sends mail.
    row("auth.finish_signup", "GET", lambda s: {"token": "anything"}, 404, 404, 404, 404, 404),
    row("auth.finish_signup", "POST", lambda s: {"token": "anything"}, 404, 404, 404, 404, 404),
    row("api.create_token", "POST", None, 400, 400, 400, 400, 400),
    row("api.list_tokens", "GET", None, *API_LOGGED_IN),
    row("api.revoke_token", "DELETE", lambda s: {"token_id": s.x_token}, 401, 204, 404, 404, 404),
    row("api.me", "GET", None, *API_LOGGED_IN),
    # ---------------------------------------------------------------- quizzes (pages)
    row("quiz.start", "GET", _set, *LOGGED_IN),
    row("quiz.start", "GET", _private, *PRIVATE, variant="private set"),
    # X resumes the attempt in progress, the others start one: all redirected to it.
    row("quiz.start_post", "POST", _set, LOGIN, 302, 302, 302, 302),
    row("quiz.start_post", "POST", _private, LOGIN, 404, 404, 302, 404, variant="private set"),
    row("quiz.resume", "GET", _attempt, LOGIN, 302, 404, 404, 404),
    row("quiz.question", "GET", lambda s: {"attempt_id": s.attempt, "n": 1}, *X_ONLY),
    # In a course too: its teacher reads it on the course's pages, not here.
    row("quiz.question", "GET", lambda s: {"attempt_id": s.course_attempt, "n": 1}, *X_ONLY,
        variant="attempt in a course"),
    row("quiz.answer", "POST", lambda s: {"attempt_id": s.attempt, "n": 1},
        LOGIN, 302, 404, 404, 404),
    row("quiz.submit", "GET", _attempt, *X_ONLY),
    row("quiz.submit_post", "POST", _attempt, LOGIN, 302, 404, 404, 404),
    # Not submitted yet: X is sent back to the questions.
    row("quiz.review", "GET", _attempt, LOGIN, 302, 404, 404, 404),
    row("quiz.history", "GET", None, *LOGGED_IN),
    # ------------------------------------------------------------------ quizzes (API)
    row("api.list_sets", "GET", None, *API_LOGGED_IN),
    # X resumes (200), the others start (201).
    row("api.quiz_start", "POST", _set, 401, 200, 201, 201, 201),
    row("api.quiz_start", "POST", _private, 401, 404, 404, 201, 404, variant="private set"),
    row("api.quiz_attempt", "GET", _attempt, *API_X_ONLY),
    row("api.quiz_attempt", "GET", lambda s: {"attempt_id": s.course_attempt}, *API_X_ONLY,
        variant="attempt in a course"),
    row("api.quiz_save_answer", "PUT",
        lambda s: {"attempt_id": s.attempt, "question_id": s.question_key},
        *API_X_ONLY, body=lambda s: {"response": None}),
    row("api.quiz_submit", "POST", _attempt, *API_X_ONLY),
    # ------------------------------------------------------------- flashcards (pages)
    row("review.index", "GET", None, *LOGGED_IN),
    row("review.study", "GET", _set, *LOGGED_IN),
    row("review.study", "GET", _private, *PRIVATE, variant="private set"),
    row("review.study", "GET", _hidden, *HIDDEN, variant="course set, answers hidden"),
    row("review.study_all", "GET", None, *LOGGED_IN),
    # Form posts: an answer that cannot be used is told by a flash, after a redirect.
    row("review.answer", "POST", None, LOGIN, 302, 302, 302, 302,
        body=lambda s: {"card_id": s.private_card, "rating": 3, "scope": "all"}),
    row("review.undo", "POST", None, LOGIN, 302, 302, 302, 302),
    row("review.card_action", "POST", lambda s: {"card_id": s.card, "action": "suspend"},
        LOGIN, 302, 302, 302, 302, body=lambda s: {"value": 1}),
    # Every student has their own state of a card of a public set.
    row("review.card", "GET", _card, *LOGGED_IN),
    row("review.card", "GET", _private_card, *PRIVATE, variant="private card"),
    row("review.card", "GET", _hidden_card, *HIDDEN, variant="course set, answers hidden"),
    row("review.progress", "GET", None, *LOGGED_IN),
    row("review.settings", "GET", None, *LOGGED_IN),
    row("review.settings", "POST", None, LOGIN, 400, 400, 400, 400),
    # --------------------------------------------------------------- flashcards (API)
    row("api.review_next", "GET", lambda s: {"set": s.public_set}, *API_LOGGED_IN),
    row("api.review_next", "GET", lambda s: {"set": s.private_set}, *API_PRIVATE,
        variant="private set"),
    row("api.review_next", "GET", lambda s: {"set": s.hidden_set}, *API_HIDDEN,
        variant="course set, answers hidden"),
    # A card of A's private set is "unknown" (400) to the others, like a card that does not
    # exist; A may review it.
    row("api.review_post", "POST", None, 401, 400, 400, 200, 400,
        body=lambda s: {"card_id": s.private_card, "rating": 3}),
    # Only X has a review to undo.
    row("api.review_undo", "POST", None, 401, 200, 400, 400, 400),
    row("api.review_status", "GET", lambda s: {"set": s.public_set}, *API_LOGGED_IN),
    row("api.review_status", "GET", lambda s: {"set": s.private_set}, *API_PRIVATE,
        variant="private set"),
    row("api.review_status", "GET", lambda s: {"set": s.hidden_set}, *API_HIDDEN,
        variant="course set, answers hidden"),
    row("api.review_card", "GET", _card, *API_LOGGED_IN),
    row("api.review_card", "GET", _private_card, *API_PRIVATE, variant="private card"),
    row("api.review_card", "GET", _hidden_card, *API_HIDDEN, variant="course set, hidden"),
    # A card of it is refused by its student (400 flashcards_closed) as any card one may not
    # review; A may review it.
    row("api.review_post", "POST", None, 401, 400, 400, 200, 400,
        body=lambda s: {"card_id": s.hidden_card, "rating": 3}, variant="course set, hidden"),
    row("api.review_suspend", "POST", _card, *API_LOGGED_IN),
    row("api.review_suspend", "POST", _private_card, *API_PRIVATE, variant="private card"),
    row("api.review_bury", "POST", _card, *API_LOGGED_IN),
    row("api.review_bury", "POST", _private_card, *API_PRIVATE, variant="private card"),
    row("api.review_flag", "POST", _card, *API_LOGGED_IN),
    row("api.review_flag", "POST", _private_card, *API_PRIVATE, variant="private card"),
    row("api.review_settings", "GET", None, *API_LOGGED_IN),
    row("api.review_settings_update", "PATCH", None, *API_LOGGED_IN, body=lambda s: {}),
    # -------------------------------------------------------------------- instructors
    row("instructor.index", "GET", None, LOGIN, 403, 403, 200, 200),
    row("instructor.upload", "GET", None, LOGIN, 403, 403, 200, 200),
    # Nothing chosen: the form again, with its error.
    row("instructor.upload", "POST", None, LOGIN, 403, 403, 400, 400),
    row("instructor.draft_article", "GET", None, LOGIN, 403, 403, 200, 200),
    # No article pasted: the form again, with its error.
    row("instructor.draft_article", "POST", None, LOGIN, 403, 403, 400, 400),
    row("instructor.draft", "GET", _draft, *A_ONLY),
    row("instructor.confirm", "POST", _draft, LOGIN, 403, 403, 302, 404),
    # The upload holds no image: its owner finds none either; others find no upload.
    row("instructor.draft_file", "GET",
        lambda s: {"token": s.draft, "sha256": s.private_image, "name": "map.png"},
        LOGIN, 403, 403, 404, 404),
    # A GIFT upload has no columns to choose (400 for its owner).
    row("instructor.columns", "POST", _draft, LOGIN, 403, 403, 400, 404,
        body=lambda s: {"role-0": "question"}),
    row("instructor.discard", "POST", _draft, LOGIN, 403, 403, 302, 404),
    row("instructor.set_page", "GET", _set, *A_ONLY),
    row("instructor.set_page", "GET", _private, *A_ONLY, variant="private set"),
    # An empty name: the page again, with the error.
    row("instructor.rename", "POST", _set, LOGIN, 403, 403, 400, 404),
    row("instructor.visibility", "POST", _set, LOGIN, 403, 403, 302, 404),
    row("instructor.options", "GET", _set, *A_ONLY),
    # Nothing ticked or filled in is a valid choice: every question, no limits.
    row("instructor.options", "POST", _set, LOGIN, 403, 403, 302, 404),
    # The question editor: an empty form is the form again with its problems (400); a new
    # question of an unknown type is 404.
    row("editor.edit_question", "GET", _question, *A_ONLY),
    row("editor.edit_question", "POST", _question, LOGIN, 403, 403, 400, 404),
    row("editor.edit_question", "GET", _private_question, *A_ONLY, variant="private set"),
    row("editor.edit_json", "GET", _question, *A_ONLY),
    row("editor.edit_json", "POST", _question, LOGIN, 403, 403, 400, 404),
    row("editor.new_question", "GET", _set, *A_ONLY),
    row("editor.add_question", "GET", _new_question, *A_ONLY),
    row("editor.add_question", "GET", lambda s: {"set_id": s.public_set, "type_name": "riddle"},
        LOGIN, 403, 403, 404, 404, variant="unknown type"),
    row("editor.add_question", "POST", _new_question, LOGIN, 403, 403, 400, 404),
    row("editor.delete_question", "GET", _question, *A_ONLY),
    # S holds three questions: deleting one is allowed (and redirects to the set).
    row("editor.delete_question", "POST", _question, LOGIN, 403, 403, 302, 404),
    # The card editor: an empty form is the form again with its problems (400); S has
    # several cards, so deleting one is allowed.
    row("cards.index", "GET", _set, *A_ONLY),
    row("cards.new", "GET", _set, *A_ONLY),
    row("cards.new", "POST", _set, LOGIN, 403, 403, 400, 404),
    row("cards.edit", "GET", _set_card, *A_ONLY),
    row("cards.edit", "POST", _set_card, LOGIN, 403, 403, 400, 404),
    row("cards.delete", "GET", _set_card, *A_ONLY),
    row("cards.delete", "POST", _set_card, LOGIN, 403, 403, 302, 404),
    row("instructor.delete", "GET", _set, *A_ONLY),
    row("instructor.delete", "POST", _set, LOGIN, 403, 403, 302, 404),
    # Downloads need a login only: the answer key stays with the owner (403 on a public
    # set, whose existence is no secret); a private set is A's alone (404).
    row("instructor.download", "GET", lambda s: {"set_id": s.public_set, "format_name": "gift"},
        LOGIN, 403, 403, 200, 403),
    row("instructor.download", "GET", lambda s: {"set_id": s.private_set, "format_name": "gift"},
        *PRIVATE, variant="private set"),
    # Anyone logged in may take the flashcards of a public set home.
    row("instructor.deck", "GET", _set, *LOGGED_IN),
    row("instructor.deck", "GET", _private, *PRIVATE, variant="private set"),
    row("instructor.deck", "GET", _hidden, *PRIVATE, variant="course set, hidden"),
    # ------------------------------------------------------------------ courses (pages)
    row("courses.index", "GET", None, *LOGGED_IN),
    # An empty name: the page again, with the error.
    row("courses.create", "POST", None, LOGIN, 403, 403, 400, 400),
    # X is in already (nothing changes), Y joins; A teaches it (400), instructors do not
    # join courses (403).
    row("courses.join", "POST", None, LOGIN, 302, 302, 400, 403,
        body=lambda s: {"code": s.join_code}),
    # Whoever has the code sees what it opens, and is asked to confirm.
    row("courses.join_link", "GET", _code, *LOGGED_IN),
    row("courses.course", "GET", _course, *COURSE),
    row("courses.leave", "POST", _course, LOGIN, 302, 404, 404, 404),
    row("courses.remove_student", "POST", lambda s: {"course_id": s.course, "student_id": s.x.id},
        LOGIN, 403, 403, 302, 404),
    row("courses.remove_student", "POST", lambda s: {"course_id": s.course, "student_id": s.y.id},
        LOGIN, 403, 403, 404, 404, variant="not a student of the course"),
    row("courses.attach", "POST", _course, LOGIN, 403, 403, 302, 404,
        body=lambda s: {"set_id": s.private_set}),
    # No set chosen: the course page again, with the error (as the API's 400).
    row("courses.attach", "POST", _course, LOGIN, 403, 403, 400, 404, variant="empty form"),
    row("courses.options", "GET", _course_set, *A_ONLY),
    row("courses.options", "POST", _course_set, LOGIN, 403, 403, 302, 404),
    row("courses.detach", "POST", _course_set, LOGIN, 403, 403, 302, 404),
    # X resumes the attempt in the course; A, who teaches it, may try the quiz.
    row("courses.take", "GET", _course_set, *COURSE),
    row("courses.take_post", "POST", _course_set, LOGIN, 302, 404, 302, 404),
    row("courses.gradebook", "GET", _course, *A_ONLY),
    row("courses.gradebook_csv", "GET", _course, *A_ONLY),
    row("courses.student", "GET", lambda s: {"course_id": s.course, "student_id": s.x.id},
        *A_ONLY),
    row("courses.student", "GET", lambda s: {"course_id": s.course, "student_id": s.y.id},
        LOGIN, 403, 403, 404, 404, variant="not a student of the course"),
    row("courses.attempt", "GET", lambda s: {"course_id": s.course, "attempt_id": s.course_attempt},
        *A_ONLY),
    # X's own attempt outside the course stays X's, even for the course's teacher.
    row("courses.attempt", "GET", lambda s: {"course_id": s.course, "attempt_id": s.attempt},
        LOGIN, 403, 403, 404, 404, variant="attempt outside the course"),
    row("courses.report", "GET", _course_set, *A_ONLY),
    # ------------------------------------------------------------------------- images
    # Whoever may see a question that shows the image; "not found" for everyone else, even
    # anonymous (an image cannot follow a login), so hashes do not leak.
    row("media.file", "GET", lambda s: {"sha256": s.public_image, "name": "map.png"}, *ANYONE),
    row("media.file", "GET", lambda s: {"sha256": s.private_image, "name": "map.png"},
        404, 404, 404, 200, 404, variant="private set"),
    row("media.file", "GET", lambda s: {"sha256": s.course_image, "name": "map.png"},
        404, 200, 404, 200, 404, variant="set of a course"),
    row("media.file", "GET", lambda s: {"sha256": "0" * 64, "name": "map.png"},
        404, 404, 404, 404, 404, variant="unknown file"),
    # -------------------------------------------------------------------- courses (API)
    row("api.courses_list", "GET", None, *API_LOGGED_IN),
    row("api.courses_create", "POST", None, 401, 403, 403, 400, 400, body=lambda s: {}),
    row("api.courses_join", "POST", None, 401, 200, 200, 400, 403,
        body=lambda s: {"code": s.join_code}),
    row("api.courses_get", "GET", _course, *API_COURSE),
    row("api.courses_attach", "POST", _course, 401, 403, 403, 201, 404,
        body=lambda s: {"set_id": s.private_set}),
    row("api.courses_start", "POST", _course_set, 401, 200, 404, 201, 404),
    row("api.courses_gradebook", "GET", _course, *API_A_ONLY),
    row("api.courses_gradebook_csv", "GET", _course, *API_A_ONLY),
    row("api.courses_item_analysis", "GET", _course_set, *API_A_ONLY),
]
# fmt: on


def _observed(response) -> Expected:
    """The status, or ``LOGIN`` for a redirect to the login page."""
    if response.status_code == 302 and urlsplit(response.location).path == "/auth/login":
        return LOGIN
    return response.status_code


def _refused(expected: Expected) -> bool:
    return expected == LOGIN or (isinstance(expected, int) and expected >= 400)


# ----------------------------------------------------------------------------- tests


def test_every_route_has_a_row(app):
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in (rule.methods or set()) - METHODS_NOT_LISTED
    }
    rows = {(r.endpoint, r.method) for r in ROWS}
    missing = [f"{endpoint} {method}" for endpoint, method in sorted(routes - rows)]
    assert not missing, "routes without a row in the access matrix:\n" + "\n".join(missing)
    stale = [f"{endpoint} {method}" for endpoint, method in sorted(rows - routes)]
    assert not stale, "rows for routes the app does not have:\n" + "\n".join(stale)


def test_row_ids_are_unique():
    ids = [r.id for r in ROWS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("entry", ROWS, ids=[r.id for r in ROWS])
def test_access(entry: Row, world: World):
    if entry.needs_article:
        _load_article_bank(world.app)
    scenario = world.scenario
    with world.app.test_request_context():
        url = url_for(entry.endpoint, **entry.values(scenario))
    body = entry.body(scenario) if entry.body else None
    # The callers who should be refused go first, on the untouched scenario.
    order = sorted(CALLERS, key=lambda name: not _refused(entry.expected[name]))
    got: dict[str, Expected] = {}
    cached: list[str] = []
    for name in order:
        client = world.callers.client(name, api=entry.api)
        if entry.api:
            response = client.open(url, method=entry.method, json=body)
        else:
            response = client.open(url, method=entry.method, data=body)
        got[name] = _observed(response)
        if "no-store" not in response.headers.get("Cache-Control", ""):
            cached.append(f"{name}: Cache-Control {response.headers.get('Cache-Control')!r}")
    wrong = [
        f"{name}: got {got[name]}, expected {entry.expected[name]}"
        for name in CALLERS
        if got[name] != entry.expected[name]
    ]
    assert not wrong, f"{entry.method} {url}\n" + "\n".join(wrong)
    assert not cached, f"{entry.method} {url} may be kept in a cache\n" + "\n".join(cached)
