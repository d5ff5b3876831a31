"""Every page of the app, as anonymous, a student and an instructor, on a phone (360x740) and a
laptop (1366x800), in the light and the dark colour scheme.

For each page and each of the four looks: nothing is wider than the viewport (no sideways
scrolling), axe-core reports no serious or critical violation, no request of the page fails,
and a screenshot goes to tests/artifacts/pages/ (git-ignored).  The pages come from the app's
URL map: a new GET route fails ``test_every_page_is_visited`` until it has a visit below (or
is listed as not a page).

One live server and one browser serve the whole module; the data comes from
``tests/e2e/showcase.py``.  ``QUIZAPP_SCREENSHOTS=docs/screenshots`` (``make screenshots``)
also writes the README's screenshots there.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import url_for
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import make_server

from quizapp.clock import FrozenClock
from quizapp.extensions import db
from tests.conftest import PASSWORD, START, make_test_app
from tests.e2e import showcase
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.showcase import Showcase

pytestmark = pytest.mark.e2e

VIEWPORTS = {"phone": {"width": 360, "height": 740}, "laptop": {"width": 1366, "height": 800}}
SCHEMES = ("light", "dark")
#: axe-core's impacts that fail a page; "moderate" and "minor" ones are reported, not failed.
FAILING_IMPACTS = {"serious", "critical"}
ROLES = {"anonymous": None, "student": showcase.STUDENT, "instructor": showcase.TEACHER}
#: GET routes that are not HTML pages (files, JSON, redirects, static files).
NOT_PAGES = {
    "static": "static files",
    "main.healthz": "JSON for the load balancer",
    "courses.gradebook_csv": "a CSV download",
    "instructor.deck": "an Anki package",
    "instructor.download": "a question file",
    "quiz.resume": "a redirect to the question or the review",
    "media.file": "an image of a question or card (tests/quizapp/test_media_route.py)",
    "instructor.draft_file": "an image of an upload, for its preview",
}
DOCS_DIR = os.environ.get("QUIZAPP_SCREENSHOTS", "")
DRAFT_ARTICLE = (Path(__file__).parents[1] / "data" / "articles" / "news_harbour.txt").read_text(
    encoding="utf-8"
)

Values = Callable[[Showcase], dict[str, Any]]
Action = Callable[[Page], None]


@dataclass(frozen=True)
class Visit:
    endpoint: str
    role: str
    values: Values = lambda s: {}
    variant: str = ""
    #: What the visitor does once the page is loaded (e.g. show the flashcard's back).
    then: Action | None = None
    #: Extra checks of the look, run at each viewport: (page, viewport name) -> problems.
    checks: tuple[Callable[[Page, str], list[str]], ...] = ()
    status: int = 200
    #: The README's screenshot of this state, if any (docs/screenshots/<name>-<viewport>.png;
    #: -dark.png too when ``docs_dark``).
    docs_name: str = ""
    docs_dark: bool = False
    path: str = ""

    @property
    def id(self) -> str:
        return f"{self.role}:{self.endpoint}" + (f"[{self.variant}]" if self.variant else "")

    @property
    def file_stem(self) -> str:
        return self.id.replace(":", "-").replace("[", "-").replace("]", "").replace(" ", "-")


# ------------------------------------------------------------------------ extra checks


def ratings_in_view(page: Page, viewport: str) -> list[str]:
    """Once the back is shown, the four rating buttons are on screen without scrolling."""
    page.evaluate("window.scrollTo(0, 0)")
    box = page.locator(".ratings").bounding_box()
    height = page.viewport_size["height"]
    if box is None or box["y"] < 0 or box["y"] + box["height"] > height:
        return [f"{viewport}: the rating buttons are not all on screen ({box}, height {height})"]
    return []


def header_on_one_row(page: Page, viewport: str) -> list[str]:
    """On a laptop the header is one row: every link and the account box share a line."""
    if viewport != "laptop":
        return []
    tops = page.evaluate(
        """() => [...document.querySelectorAll('.site-header .brand, .nav-links a, .nav-account')]
            .filter(e => e.offsetParent !== null)
            .map(e => e.getBoundingClientRect())
            .map(r => Math.round(r.top + r.height / 2))"""
    )
    if tops and max(tops) - min(tops) > 8:
        return [f"{viewport}: the header wraps ({sorted(set(tops))})"]
    return []


def navigator_compact(page: Page, viewport: str) -> list[str]:
    """The question navigator of a long quiz takes at most a third of a phone's screen."""
    if viewport != "phone":
        return []
    box = page.locator(".question-list").bounding_box()
    if box is None or box["height"] > page.viewport_size["height"] / 3:
        return [f"{viewport}: the question navigator is {box and round(box['height'])} px tall"]
    return []


def show_back(page: Page) -> None:
    page.get_by_text("Show answer").click()
    expect(page.locator(".ratings")).to_be_visible()


def propose_drafts(page: Page) -> None:
    """The drafting page's second step: a news story's drafts, two a sentence, each with
    its flashcard (a multiple-choice question, clozes and numbers among them)."""
    page.get_by_label("The article's text").fill(DRAFT_ARTICLE)
    page.get_by_label("Drafts per sentence").fill("2")
    page.get_by_role("button", name="Propose questions").click()
    expect(page.get_by_role("button", name="Preview the kept questions")).to_be_visible()


def refuse_a_limit(page: Page) -> None:
    """The first step with a limit out of bounds: the message beside the field."""
    page.get_by_label("The article's text").fill(DRAFT_ARTICLE)
    page.get_by_label("Drafts per name, date or figure").fill("40")
    page.get_by_role("button", name="Propose questions").click()
    expect(page.locator("#per_entity-error")).to_be_visible()


# ----------------------------------------------------------------------------- visits


def _set(s: Showcase) -> dict[str, Any]:
    return {"set_id": s.practice_set}


def _course(s: Showcase) -> dict[str, Any]:
    return {"course_id": s.course}


def _course_set(s: Showcase) -> dict[str, Any]:
    return {"course_id": s.course, "set_id": s.course_set}


def _own_set(s: Showcase) -> dict[str, Any]:
    return {"set_id": s.course_set}


def _question(s: Showcase, type_name: str) -> dict[str, Any]:
    return {"set_id": s.course_set, "question_id": s.question_rows[type_name]}


VISITS: list[Visit] = [
    # ------------------------------------------------------------------- anonymous
    Visit("main.index", "anonymous", checks=(header_on_one_row,)),
    Visit("auth.login", "anonymous"),
    Visit("auth.register", "anonymous"),
    Visit("auth.reset_request", "anonymous"),
    Visit("auth.reset_password", "anonymous", lambda s: {"token": s.reset_token}),
    Visit("auth.finish_signup", "anonymous", lambda s: {"token": s.signup_token}),
    Visit("bank.article", "anonymous"),
    Visit("bank.browse", "anonymous", lambda s: {"set_id": s.article_set}),
    Visit("errors", "anonymous", variant="404", status=404, path="/no/such/page"),
    # --------------------------------------------------------------------- student
    Visit("main.index", "student", checks=(header_on_one_row,)),
    Visit("quiz.start", "student", _set),
    Visit(
        "quiz.question",
        "student",
        lambda s: {"attempt_id": s.open_attempt, "n": 3},
        variant="the whole bank",
        checks=(navigator_compact,),
        docs_name="quiz",
    ),
    Visit("quiz.submit", "student", lambda s: {"attempt_id": s.open_attempt}),
    Visit(
        "quiz.review",
        "student",
        lambda s: {"attempt_id": s.course_attempt},
        docs_name="review",
    ),
    Visit("quiz.history", "student"),
    Visit("review.index", "student"),
    Visit("review.study", "student", lambda s: {"set_id": s.article_set}, variant="front"),
    Visit(
        "review.study",
        "student",
        lambda s: {"set_id": s.article_set},
        variant="back",
        then=show_back,
        checks=(ratings_in_view,),
        docs_name="flashcard",
        docs_dark=True,
    ),
    Visit("review.study_all", "student"),
    Visit("review.card", "student", lambda s: {"card_id": s.card}),
    Visit("review.progress", "student", docs_name="progress"),
    Visit("review.settings", "student"),
    Visit("auth.account", "student"),
    Visit("auth.change_password", "student"),
    Visit("auth.tokens", "student"),
    Visit("courses.index", "student"),
    Visit("courses.course", "student", _course),
    Visit("courses.take", "student", _course_set),
    Visit("courses.join_link", "student", lambda s: {"code": s.join_code}),
    Visit("bank.browse", "student", _set),
    # ------------------------------------------------------------------ instructor
    Visit("main.index", "instructor", checks=(header_on_one_row,)),
    Visit("instructor.index", "instructor", checks=(header_on_one_row,)),
    Visit("instructor.upload", "instructor"),
    Visit("instructor.draft", "instructor", lambda s: {"token": s.upload_token}),
    Visit(
        "instructor.draft",
        "instructor",
        lambda s: {"token": s.image_upload_token},
        variant="image and skipped question",
    ),
    Visit(
        "instructor.draft",
        "instructor",
        lambda s: {"token": s.csv_upload_token},
        variant="CSV columns",
    ),
    Visit("instructor.draft_article", "instructor"),
    Visit(
        "instructor.draft_article",
        "instructor",
        variant="drafts and their cards",
        then=propose_drafts,
    ),
    Visit("instructor.draft_article", "instructor", variant="a bad limit", then=refuse_a_limit),
    Visit("instructor.set_page", "instructor", _own_set),
    Visit("instructor.options", "instructor", _own_set),
    Visit(
        "editor.edit_question",
        "instructor",
        lambda s: _question(s, "multiple_choice"),
        variant="multiple choice",
    ),
    Visit("editor.edit_question", "instructor", lambda s: _question(s, "cloze"), variant="cloze"),
    Visit("editor.edit_json", "instructor", lambda s: _question(s, "matching")),
    Visit("editor.new_question", "instructor", _own_set),
    Visit(
        "editor.add_question",
        "instructor",
        lambda s: {"set_id": s.course_set, "type_name": "ordering"},
    ),
    Visit("editor.delete_question", "instructor", lambda s: _question(s, "essay")),
    Visit("cards.index", "instructor", _own_set),
    Visit("cards.new", "instructor", _own_set),
    Visit("cards.edit", "instructor", lambda s: {**_own_set(s), "card_id": s.course_card}),
    Visit("cards.delete", "instructor", lambda s: {**_own_set(s), "card_id": s.course_card}),
    Visit("instructor.delete", "instructor", _own_set),
    Visit("courses.index", "instructor"),
    Visit("courses.course", "instructor", _course),
    Visit("courses.gradebook", "instructor", _course),
    Visit(
        "courses.student",
        "instructor",
        lambda s: {"course_id": s.course, "student_id": s.student_id},
    ),
    Visit(
        "courses.attempt",
        "instructor",
        lambda s: {"course_id": s.course, "attempt_id": s.course_attempt},
    ),
    Visit("courses.report", "instructor", _course_set, docs_name="report"),
    Visit("courses.options", "instructor", _course_set),
    Visit("courses.take", "instructor", _course_set),
    # The article quiz's start page, where the learner chooses the draw ("What to study"
    # links here with a category); the instructor has no attempt in progress there.
    Visit(
        "quiz.start",
        "instructor",
        lambda s: {"set_id": s.article_set, "category": "date"},
        variant="a practice quiz",
    ),
]


# --------------------------------------------------------------------------- fixtures


class Site:
    def __init__(self, app, base: str, data: Showcase) -> None:
        self.app = app
        self.base = base
        self.data = data

    def url(self, visit: Visit) -> str:
        if visit.path:
            return self.base + visit.path
        with self.app.test_request_context():
            return self.base + url_for(visit.endpoint, **visit.values(self.data))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    # Two weeks before the tests' usual "now": the seeding moves the clock on, day by day.
    clock = FrozenClock(START - timedelta(days=16))
    path = tmp_path_factory.mktemp("every-page") / "site.db"
    # Mail is configured (sign-up links exist) but never sent: the pages are only visited.
    app = make_test_app(
        f"sqlite:///{path}",
        clock,
        WTF_CSRF_ENABLED=True,
        SMTP_HOST="127.0.0.1",
        BASE_URL="http://quizapp.test",
    )
    with app.app_context():
        db.create_all()
    data = showcase.build(app, clock)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(app, f"http://127.0.0.1:{server.server_port}", data)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()


@dataclass
class Visitor:
    page: Page
    failed: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def visitors(browser: Browser, site: Site) -> Iterator[dict[str, Visitor]]:
    """One browser context per role, logged in through the login page."""
    made: dict[str, Visitor] = {}
    contexts = []
    for role, email in ROLES.items():
        context = browser.new_context(viewport=VIEWPORTS["laptop"])
        contexts.append(context)
        page = context.new_page()
        visitor = Visitor(page)
        page.on(
            "response",
            lambda response, v=visitor: (
                v.failed.append(f"{response.status} {response.url}")
                if response.status >= 400 and response.request.resource_type != "document"
                else None
            ),
        )
        page.on("requestfailed", lambda request, v=visitor: v.failed.append(request.url))
        if email:
            page.goto(site.base + "/auth/login")
            page.get_by_label("Email").fill(email)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Log in").click()
            expect(page.get_by_role("heading", level=1)).to_be_visible()
        made[role] = visitor
    yield made
    for context in contexts:
        context.close()


# ------------------------------------------------------------------------------ tests

AXE = Axe()


def _axe_problems(page: Page, look: str) -> list[str]:
    results = AXE.run(page)
    problems = []
    for violation in results.response["violations"]:
        if violation["impact"] in FAILING_IMPACTS:
            targets = "; ".join(
                " ".join(node["target"]) + " " + (node.get("failureSummary") or "")[:200]
                for node in violation["nodes"][:4]
            )
            problems.append(
                f"{look}: axe {violation['id']} ({violation['impact']}): "
                f"{violation['help']} -- {targets}"
            )
    return problems


def _width_problem(page: Page, look: str) -> list[str]:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth, "
        "[...document.querySelectorAll('body *')].filter(e => {"
        " const r = e.getBoundingClientRect(); return r.right > window.innerWidth + 1 &&"
        " getComputedStyle(e).position !== 'fixed' && !e.closest('.table-wrap, .scroll-x') })"
        ".slice(0, 3).map(e => e.tagName + '.' + e.className)]"
    )
    scroll_width, width, culprits = widths
    if scroll_width > width:
        return [f"{look}: the page is {scroll_width} px wide, {width} px shown ({culprits})"]
    return []


def _docs_screenshot(page: Page, visit: Visit, viewport: str, scheme: str) -> None:
    """The README's screenshots: what the screen shows (not the whole page), light, and
    dark where asked."""
    if not (DOCS_DIR and visit.docs_name) or (scheme == "dark" and not visit.docs_dark):
        return
    folder = Path(DOCS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = "-dark" if scheme == "dark" else ""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(folder / f"{visit.docs_name}-{viewport}{suffix}.png"))


@pytest.mark.parametrize("visit", VISITS, ids=[v.id for v in VISITS])
def test_page_fits_and_passes_axe(visit: Visit, site: Site, visitors: dict[str, Visitor]):
    visitor = visitors[visit.role]
    page = visitor.page
    visitor.failed.clear()
    page.set_viewport_size(VIEWPORTS["laptop"])
    page.emulate_media(color_scheme="light")
    response = page.goto(site.url(visit))
    assert response is not None and response.status == visit.status, (
        f"{visit.id}: status {response and response.status}"
    )
    if visit.then:
        visit.then(page)
    folder = ARTIFACTS / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        for check in visit.checks:
            problems += check(page, viewport)
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            look = f"{viewport} {scheme}"
            problems += _width_problem(page, look)
            problems += _axe_problems(page, look)
            page.screenshot(
                path=str(folder / f"{visit.file_stem}-{viewport}-{scheme}.png"), full_page=True
            )
            _docs_screenshot(page, visit, viewport, scheme)
    problems += [f"request failed: {url}" for url in visitor.failed]
    assert not problems, f"{visit.id} ({page.url}):\n" + "\n".join(problems)


def test_every_page_is_visited(site: Site):
    """Every GET route is visited above or listed in NOT_PAGES: a new page needs a visit."""
    routes = {
        rule.endpoint
        for rule in site.app.url_map.iter_rules()
        if "GET" in (rule.methods or set()) and not rule.endpoint.startswith("api.")
    }
    visited = {v.endpoint for v in VISITS}
    missing = sorted(routes - visited - set(NOT_PAGES))
    assert not missing, "pages without a visit in test_every_page.py:\n" + "\n".join(missing)
    stale = sorted((visited | set(NOT_PAGES)) - routes - {"errors"})
    assert not stale, "visits of routes the app does not have:\n" + "\n".join(stale)


def test_key_hints_are_hidden_on_a_touch_screen(browser: Browser, site: Site):
    """A phone has no keyboard: the flashcard page hides its key hints there, and shows them
    where a mouse and a keyboard are (the laptop context of the other tests)."""
    url = site.url(Visit("review.study", "student", lambda s: {"set_id": s.article_set}))
    for touch, shown in ((True, False), (False, True)):
        context = browser.new_context(viewport=VIEWPORTS["phone"], has_touch=touch, is_mobile=touch)
        try:
            page = context.new_page()
            page.goto(site.base + "/auth/login")
            page.get_by_label("Email").fill(showcase.STUDENT)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Log in").click()
            page.goto(url)
            hints = page.locator(".hints")
            key_on_button = page.locator(".show-answer kbd")
            if shown:
                expect(hints).to_be_visible()
                expect(key_on_button).to_be_visible()
            else:
                expect(hints).to_be_hidden()
                expect(key_on_button).to_be_hidden()
        finally:
            context.close()
