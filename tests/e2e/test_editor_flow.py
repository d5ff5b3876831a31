"""The question editor in Chromium: a question of every type edited through its form (the
prompt and an answer changed, a row added where the type has rows), saved, checked in the
database, then seen by a student in the quiz; bad input answered beside its fields with
nothing saved; an image attached and seen in the preview; and the editor without JavaScript.
Screenshots: tests/artifacts/editor-*.png.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from question_bank.types import QUESTION_TYPES
from quizapp.extensions import db
from quizapp.models import QuestionSet, User
from quizapp.services import accounts, question_sets
from quizapp.services.accounts import HashSettings
from tests.conftest import PASSWORD
from tests.question_bank.images import png
from tests.quizapp.quiz_helpers import seed_live_app

pytestmark = pytest.mark.e2e

TEACHER = "teacher@example.com"
STUDENT = "learner@example.com"


def _seed(live_server) -> int:
    """A public set of every type's sample, owned by the teacher; a student.  Returns its id."""
    app = live_server.app
    samples = [cls.sample().to_dict() for cls in QUESTION_TYPES.values()]
    set_id = seed_live_app(app, email=TEACHER, password=PASSWORD, questions=samples, name="Samples")
    with app.app_context():
        teacher = db.session.execute(select(User).where(User.email == TEACHER)).scalar_one()
        teacher.role = "instructor"
        db.session.get(QuestionSet, set_id).owner_id = teacher.id
        db.session.commit()
        accounts.create_user(
            db.session,
            email=STUDENT,
            password=PASSWORD,
            now=app.extensions["clock"].now(),
            hashing=HashSettings(time_cost=1, memory_kib=1024),
        )
    return set_id


def _log_in(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url("/auth/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _stored(live_server, set_id: int) -> dict[str, dict[str, Any]]:
    with live_server.app.app_context():
        target = db.session.get(QuestionSet, set_id)
        return {row.type: row.data for row in target.questions}


def _row_ids(live_server, set_id: int) -> dict[str, int]:
    with live_server.app.app_context():
        return {row.type: row.id for row in db.session.get(QuestionSet, set_id).questions}


# --------------------------------------------------------------------- one edit per type


@dataclass(frozen=True)
class Edit:
    """What the teacher does in one type's editor, what the database then holds, and what
    the student's question page shows."""

    prompt: str
    change: Callable[[Page], None]
    check: Callable[[dict[str, Any]], None]
    shown: tuple[str, ...] = field(default=())


def _add(page: Page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    expect(page.locator(".editor-form")).to_be_visible()


def _edit_multiple_choice(page: Page) -> None:
    page.locator("#choices-1-text").fill("Al-Baghuz")
    _add(page, "+ Add a choice")
    page.locator("#choices-4-text").fill("Palmyra")


def _edit_multiple_response(page: Page) -> None:
    page.locator("#choices-0-text").fill("The Syrian Democratic Forces")
    _add(page, "+ Add a choice")
    page.locator("#choices-3-text").fill("Russian forces")
    page.locator("#choices-3-weight").fill("-100")


def _edit_true_false(page: Page) -> None:
    page.get_by_label("The statement is").select_option("false")
    page.get_by_label("Feedback for False").fill("Right: it restarted in September.")


def _edit_short_answer(page: Page) -> None:
    page.locator("#accepted-2-text").fill("Bal*")
    _add(page, "+ Add an answer")
    page.locator("#accepted-3-text").fill("Mr Bali")


def _edit_numerical(page: Page) -> None:
    page.locator("#numeric-0-value").fill("11,500")
    _add(page, "+ Add an answer")
    page.locator("#numeric-2-value").fill("12000")
    page.locator("#numeric-2-tolerance").fill("500")
    page.locator("#numeric-2-weight").fill("25")


def _edit_matching(page: Page) -> None:
    page.locator("#pairs-0-option").fill("The last stand of ISIS")
    _add(page, "+ Add a pair")
    page.locator("#pairs-4-item").fill("Raqqa")
    page.locator("#pairs-4-option").fill("Capital of the caliphate")


def _edit_cloze(page: Page) -> None:
    page.locator("#blanks-0-accepted-0-text").fill("Deir ez-Zor governorate")
    _add(page, "+ Add a blank")
    page.locator("#blanks-2-accepted-0-text").fill("2019")


def _edit_ordering(page: Page) -> None:
    page.locator("#items-1-text").fill("Turkey threatens to attack the SDF")
    _add(page, "+ Add an item")
    page.locator("#items-5-text").fill("Trump claims a 100% defeat")
    page.get_by_role("button", name="Move item 6 Up").click()
    expect(page.locator("#items-4-text")).to_have_value("Trump claims a 100% defeat")


def _edit_essay(page: Page) -> None:
    page.get_by_label("General feedback").fill("Its fighters went underground.")


def _edit_description(page: Page) -> None:
    page.get_by_label("Tags").fill("battle, Baghouz")


def _texts(rows: list[dict[str, Any]], key: str = "text") -> list[str]:
    return [row[key] for row in rows]


EDITS: dict[str, Edit] = {
    "multiple_choice": Edit(
        "Where did ISIS lose its last town in Syria?",
        _edit_multiple_choice,
        lambda q: (
            _texts(q["choices"]) == ["Raqqa", "Al-Baghuz", "Mosul", "Hajin", "Palmyra"]
            and [c["id"] for c in q["choices"]] == ["a", "b", "c", "d", "e"]
            and q["answer_display"] == "Al-Baghuz"
        ),
        ("Al-Baghuz", "Palmyra"),
    ),
    "multiple_response": Edit(
        "Which forces fought ISIS at **Baghouz**, and which did not?",
        _edit_multiple_response,
        lambda q: (
            [(c["text"], c["weight"]) for c in q["choices"]]
            == [
                ("The Syrian Democratic Forces", 0.5),
                ("The US-led coalition", 0.5),
                ("NATO", -1.0),
                ("Russian forces", -1.0),
            ]
        ),
        ("The Syrian Democratic Forces", "Russian forces"),
    ),
    "true_false": Edit(
        "The SDF's last offensive began in January 2019.",
        _edit_true_false,
        lambda q: (
            [(c["id"], c["weight"]) for c in q["choices"]] == [("true", 0.0), ("false", 1.0)]
            and q["choices"][1]["feedback"] == "Right: it restarted in September."
            and q["answer_display"] == "False"
        ),
    ),
    "short_answer": Edit(
        "Who was the SDF's spokesman?",
        _edit_short_answer,
        lambda q: _texts(q["accepted"]) == ["Mustafa Bali", "Bali", "Bal*", "Mr Bali"],
    ),
    "numerical": Edit(
        "How many fighters did the SDF say it lost?",
        _edit_numerical,
        lambda q: (
            [(n["value"], n["tolerance"], n["weight"]) for n in q["numeric"]]
            == [(11500.0, 0.0, 1.0), (11000.0, 1000.0, 0.5), (12000.0, 500.0, 0.25)]
        ),
    ),
    "matching": Edit(
        "<p>Match each town with its story.</p>",
        _edit_matching,
        lambda q: (
            [(p["item"], p["option"]) for p in q["pairs"]][0]
            == ("Baghouz", "The last stand of ISIS")
            and q["pairs"][4]
            == {
                "item_id": "5",
                "item": "Raqqa",
                "option_id": "e",  # the renamed first option keeps "a"
                "option": "Capital of the caliphate",
            }
        ),
        ("Raqqa", "Capital of the caliphate", "The last stand of ISIS"),
    ),
    "cloze": Edit(
        "Baghouz is in the eastern {{1}} province, on the {{2}} river; it fell in {{3}}.",
        _edit_cloze,
        lambda q: (
            [_texts(blank) for blank in q["blanks"]]
            == [["Deir ez-Zor governorate", "Deir ez Zor"], ["Euphrates", "Tigris"], ["2019"]]
        ),
        ("it fell in",),
    ),
    "ordering": Edit(
        "Put these events in order, the earliest first.",
        _edit_ordering,
        lambda q: (
            _texts(q["items"])
            == [
                "The SDF launches its offensive",
                "Turkey threatens to attack the SDF",
                "The US announces its withdrawal",
                "The offensive restarts",
                "Trump claims a 100% defeat",
                "The SDF declares the territorial defeat of ISIS",
            ]
            and q["items"][0]["source"] == {"quote": "launched", "start": 5, "end": 13}
            and q["items"][4]["id"] == "trump-claims-a-100-defeat"
        ),
        ("Turkey threatens to attack the SDF", "Trump claims a 100% defeat"),
    ),
    "essay": Edit(
        "Why is losing Baghouz not the end of ISIS? Give three reasons.",
        _edit_essay,
        lambda q: q["general_feedback"] == "Its fighters went underground.",
    ),
    "description": Edit(
        "The next questions are about the battle of Baghouz, in 2019.",
        _edit_description,
        lambda q: q["tags"] == ["battle", "Baghouz"],
    ),
}


def test_edit_every_type_then_a_student_sees_it(page: Page, live_server, screenshot):
    assert sorted(EDITS) == sorted(QUESTION_TYPES)  # a new type needs its edit here
    set_id = _seed(live_server)
    rows = _row_ids(live_server, set_id)
    before = _stored(live_server, set_id)
    page.set_viewport_size({"width": 1366, "height": 900})
    _log_in(page, live_server, TEACHER)
    for type_name, edit in EDITS.items():
        page.goto(live_server.url(f"/instructor/sets/{set_id}/questions/{rows[type_name]}/edit"))
        expect(page.locator('#preview-body[data-status="ready"]')).to_be_visible()
        page.get_by_label("Question text").fill(edit.prompt)
        edit.change(page)
        if type_name == "ordering":
            screenshot("editor-ordering-laptop")
        page.get_by_role("button", name="Save the question").click()
        expect(page.get_by_text("The question is saved")).to_be_visible()
        data = _stored(live_server, set_id)[type_name]
        assert data["prompt"] == edit.prompt, type_name
        assert edit.check(data), (type_name, data)
        assert data["id"] == before[type_name]["id"]  # learners' progress follows the id

    # The student's quiz shows every change, question by question.
    page.get_by_role("button", name="Log out").click()
    _log_in(page, live_server, STUDENT)
    page.goto(live_server.url(f"/quiz/sets/{set_id}"))
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_text("Question 1 of 10")).to_be_visible()
    page.wait_for_load_state("load")
    attempt_url = page.url.rsplit("/", 1)[0]
    for number, (type_name, edit) in enumerate(EDITS.items(), start=1):
        page.goto(f"{attempt_url}/{number}")
        card = page.locator(".question-card")
        prompt = edit.prompt.replace("**", "").replace("<p>", "").replace("</p>", "")
        if type_name == "cloze":
            prompt = "Baghouz is in the eastern"
        expect(card).to_contain_text(prompt)
        for text in edit.shown:
            expect(card).to_contain_text(text)
        page.wait_for_load_state("load")


def test_bad_input_shows_messages_and_saves_nothing(page: Page, live_server, screenshot):
    set_id = _seed(live_server)
    rows = _row_ids(live_server, set_id)
    before = _stored(live_server, set_id)
    page.set_viewport_size({"width": 1366, "height": 900})
    _log_in(page, live_server, TEACHER)
    page.goto(live_server.url(f"/instructor/sets/{set_id}/questions/{rows['numerical']}/edit"))
    page.get_by_label("Question text").fill("   ")
    page.locator("#numeric-0-value").fill("9" * 5000)
    page.locator("#numeric-1-weight").fill("a lot")
    page.locator("#numeric-1-tolerance").fill("-3")
    page.get_by_role("button", name="Save the question").click()

    summary = page.locator("#editor-errors")
    expect(summary).to_contain_text("The question was not saved: 3 problems to fix.")
    for text in (
        "Answer 1, answer: this number is 5,000 characters long: far too large",
        'Answer 2, grade: "a lot" is not a number',
        "Answer 2, tolerance (±): write a number of at least 0",
    ):
        expect(summary).to_contain_text(text)
    weight = page.locator("#numeric-1-weight")
    expect(weight).to_have_value("a lot")  # what was typed stays
    expect(weight).to_have_attribute("aria-invalid", "true")
    expect(weight).to_have_attribute("aria-describedby", "numeric-1-weight-error")
    expect(page.locator("#numeric-1-weight-error")).to_have_text(
        '"a lot" is not a number (write it as 12, 1.5 or -3)'
    )
    summary.get_by_role("link", name="Answer 2, grade").click()
    assert page.url.endswith("#numeric-1-weight")
    screenshot("editor-errors-laptop", full_page=False)
    results = Axe().run(page)
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot("editor-errors-phone")

    # Fixed but for the text: the type's own rule, beside the question text.
    page.locator("#numeric-0-value").fill("11000")
    page.locator("#numeric-1-weight").fill("50")
    page.locator("#numeric-1-tolerance").fill("1000")
    page.get_by_label("Title").fill("Losses")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator("#prompt-error")).to_have_text("the question has no text")
    expect(page.locator('#preview-body[data-status="ready"]')).to_be_visible()
    assert _stored(live_server, set_id) == before


def test_the_editor_without_javascript(browser: Browser, live_server):
    set_id = _seed(live_server)
    rows = _row_ids(live_server, set_id)
    before = _stored(live_server, set_id)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        _log_in(page, live_server, TEACHER)
        page.goto(live_server.url(f"/instructor/sets/{set_id}/questions/{rows['matching']}/edit"))
        page.get_by_label("Question text").fill("Which town goes with which story?")
        page.get_by_role("button", name="Preview", exact=True).click()
        expect(page.locator("#preview-body")).to_contain_text("Which town goes with which story?")
        expect(page.locator("#preview-note")).to_contain_text("not saved yet")
        page.get_by_role("button", name="Remove pair 4").click()
        expect(page.locator("#pairs-3-item")).to_have_count(0)
        page.get_by_role("button", name="Move pair 1 Down").click()
        expect(page.locator("#pairs-1-item")).to_have_value("Baghouz")
        # Enter in a field previews, never saves.
        page.get_by_label("Title").press("Enter")
        expect(page.locator("#preview-note")).to_contain_text("not saved yet")
        assert _stored(live_server, set_id) == before
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.get_by_role("button", name="Save the question").click()
        expect(page.get_by_text("The question is saved")).to_be_visible()
        pairs = _stored(live_server, set_id)["matching"]["pairs"]
        assert [p["item"] for p in pairs] == ["Kobani", "Baghouz", "Susa"]
        assert _stored(live_server, set_id)["matching"]["prompt"] == (
            "Which town goes with which story?"
        )
    finally:
        context.close()


def test_attach_an_image_see_it_in_the_preview_and_save_it(
    page: Page, live_server, tmp_path, screenshot
):
    set_id = _seed(live_server)
    rows = _row_ids(live_server, set_id)
    image = tmp_path / "baghouz map.png"
    image.write_bytes(png(40, 30))
    page.set_viewport_size({"width": 1366, "height": 900})
    _log_in(page, live_server, TEACHER)
    page.goto(live_server.url(f"/instructor/sets/{set_id}/questions/{rows['short_answer']}/edit"))
    page.get_by_label("Attach an image").set_input_files(str(image))
    page.get_by_label("What the image shows").fill("A map of Baghouz by the Euphrates")
    page.get_by_role("button", name="Attach the image").click()
    shown = page.locator('#preview-body img[alt="A map of Baghouz by the Euphrates"]')
    expect(shown).to_be_visible()
    assert shown.evaluate("img => img.naturalWidth") == 40  # the bytes, not a broken link
    expect(page.get_by_label("Keep baghouz map.png")).to_be_checked()
    expect(page.get_by_label("Question text")).to_have_value(
        "Who spoke for the SDF when it declared victory?\n\n"
        '<img src="@@PLUGINFILE@@/baghouz%20map.png" alt="A map of Baghouz by the Euphrates">'
    )
    screenshot("editor-image-laptop", full_page=False)
    page.get_by_role("button", name="Save the question").click()
    expect(page.get_by_text("The question is saved")).to_be_visible()
    with live_server.app.app_context():
        bank = question_sets.to_bank_set(db.session.get(QuestionSet, set_id))
        question = next(q for q in bank.questions if q.type_name == "short_answer")
    assert [(f.name, f.data) for f in question.files] == [("baghouz map.png", png(40, 30))]
    assert question.text_format == "moodle"
