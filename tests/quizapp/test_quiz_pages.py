"""The quiz pages: start, one question per page, save, submit, review, history."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Attempt, AttemptQuestion, ReviewLog
from tests.conftest import PASSWORD
from tests.quizapp.quiz_helpers import (
    RIGHT_ANSWERS,
    count_models_built,
    counted_statements,
    every_type,
    make_set,
    mc,
    page_form,
    shown_answer,
)

#: What each question's page posts, by shape (``page_form`` reads the ids from the page).
ANSWERS = {**RIGHT_ANSWERS, "q-essay": "It ended the caliphate."}
POSITION = {q["id"]: n for n, q in enumerate(every_type(), start=1)}


def started(app, client, factories, questions=None, **options):
    """Make a set, start it through the page; returns (set_id, attempt_id)."""
    set_id = make_set(app, factories, questions or every_type(), **options)
    response = client.post(f"/quiz/sets/{set_id}")
    assert response.status_code == 302, response.get_data(as_text=True)
    attempt_id = int(re.search(r"/attempts/(\d+)/q/1$", response.headers["Location"]).group(1))
    return set_id, attempt_id


def responses(app, attempt_id):
    with app.app_context():
        rows = db.session.execute(
            select(AttemptQuestion.question_key, AttemptQuestion.response).where(
                AttemptQuestion.attempt_id == attempt_id
            )
        ).all()
        return dict(rows)


def keys_in_order(app, attempt_id):
    with app.app_context():
        return list(
            db.session.execute(
                select(AttemptQuestion.question_key)
                .where(AttemptQuestion.attempt_id == attempt_id)
                .order_by(AttemptQuestion.position)
            ).scalars()
        )


def post_answer(client, attempt_id, n, data, go="next"):
    return client.post(f"/quiz/attempts/{attempt_id}/q/{n}", data={**data, "go": go})


def form_for(client, attempt_id, n, answer):
    """The form question ``n``'s page posts for ``answer`` (written with texts)."""
    html = client.get(f"/quiz/attempts/{attempt_id}/q/{n}").get_data(as_text=True)
    return page_form(html, answer)


def answer_page(client, attempt_id, n, answer, go="next"):
    """Answer question ``n`` on its page, as a person would: read it, choose, send."""
    return post_answer(client, attempt_id, n, form_for(client, attempt_id, n, answer), go)


def page_shows(client, attempt_id, n):
    return shown_answer(client.get(f"/quiz/attempts/{attempt_id}/q/{n}").get_data(as_text=True))


def save_status(html: str) -> str:
    """What the page's save status line says."""
    return re.search(r'id="save-status"[^>]*>([^<]*)<', html).group(1).strip()


def assert_csp_friendly(html: str) -> None:
    """No inline script, no style attribute, no on* handler: the CSP would block them."""
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"\son[a-z]+=", html)


# ---------------------------------------------------------------------------- start


def test_quiz_pages_need_login(client):
    response = client.get("/quiz/sets/1")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_start_page_shows_options_and_past_attempts(app, client, auth, factories):
    auth.login_new()
    set_id = make_set(
        app,
        factories,
        [mc(f"q{i}") for i in range(6)],
        question_count=4,
        time_limit_seconds=600,
        feedback_mode="immediate",
        attempts_allowed=3,
    )
    html = client.get(f"/quiz/sets/{set_id}").get_data(as_text=True)
    assert "Sample set" in html
    assert "4, drawn at random from 6" in html
    assert "10 min<" in html and "00 s" not in html
    assert "After each answer" in html
    assert "3 of 3 left" in html
    assert "No attempts yet." in html
    assert "Start the quiz" in html
    assert_csp_friendly(html)

    client.post(f"/quiz/sets/{set_id}")
    html = client.get(f"/quiz/sets/{set_id}").get_data(as_text=True)
    assert "Resume the quiz" in html and "In progress" in html and "2 of 3 left" in html


def test_home_page_links_to_the_quiz_and_history(app, client, auth, factories):
    auth.login_new()
    set_id = make_set(app, factories, [mc("q1")])
    html = client.get("/").get_data(as_text=True)
    assert f'href="/quiz/sets/{set_id}"' in html
    assert 'href="/quiz/history"' in html


def test_a_set_the_user_cannot_take_is_404(app, client, auth, factories):
    owner = factories.user(role="instructor")
    auth.login_new()
    private_id = make_set(app, factories, [mc("q1")], owner_id=owner.id, public=False)
    assert client.get(f"/quiz/sets/{private_id}").status_code == 404
    assert client.post(f"/quiz/sets/{private_id}").status_code == 404
    assert client.get("/quiz/sets/999").status_code == 404


def test_attempts_allowed_refused_with_a_clear_message(app, client, auth, factories):
    auth.login_new()
    set_id, attempt_id = started(app, client, factories, [mc("q1")], attempts_allowed=1)
    client.post(f"/quiz/attempts/{attempt_id}/submit")
    response = client.post(f"/quiz/sets/{set_id}")
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert "You have used all your attempts: this quiz can be taken once." in html
    with app.app_context():
        assert db.session.execute(select(func.count(Attempt.id))).scalar_one() == 1


# ------------------------------------------------------------------------ questions


def test_every_type_renders_as_a_person_expects(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories)

    def page(key):
        response = client.get(f"/quiz/attempts/{attempt_id}/q/{POSITION[key]}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert_csp_friendly(html)
        return html

    intro = page("intro")
    assert "These questions are about the fall of Baghouz." in intro
    assert "response_shape" not in intro and "Question 1 of 9" in intro

    choice = page("q-mc")
    assert '<progress max="9" value="2"' in choice and "Question 2 of 9" in choice
    assert "<fieldset" in choice and '<legend class="prompt">Where was the last' in choice
    assert choice.count('type="radio"') == 3
    assert '<label for="q2-c1">Baghouz</label>' in choice
    assert 'name="go" value="prev"' in choice and 'name="go" value="next"' in choice
    assert choice.count('class="qnum') == 9  # the question list to jump

    assert page("q-tf").index(">True</label>") < page("q-tf").index(">False</label>")
    assert page("q-mr").count('type="checkbox"') == 3
    assert 'type="text" id="q5-answer"' in page("q-short")
    number = page("q-num")
    assert 'inputmode="decimal"' in number and 'type="number"' not in number
    matching = page("q-match")
    assert matching.count("<select") == 2 and 'name="response.' in matching
    assert 'name="response.i1"' not in matching and 'value="o1"' not in matching  # no file ids
    assert 'value="a"' not in choice  # the attempt's own ids
    assert '<label for="q7-m1">Baghouz</label>' in matching
    cloze = page("q-cloze")
    assert re.search(r'Baghouz fell in\s*<label class="sr-only" for="q8-b0">Blank 1 of 2', cloze)
    assert 'name="response.0"' in cloze and 'name="response.1"' in cloze
    assert "<textarea" in page("q-essay")
    assert client.get(f"/quiz/attempts/{attempt_id}/q/10").status_code == 404


def test_each_answer_is_saved_and_shown_again(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories)
    for key, answer in ANSWERS.items():
        response = answer_page(client, attempt_id, POSITION[key], answer)
        assert response.status_code == 302, (key, response.get_data(as_text=True))
    assert responses(app, attempt_id) == {
        "intro": None,
        "q-mc": "a",
        "q-tf": "true",
        "q-mr": ["sdf", "coalition"],
        "q-short": "Mustafa Bali",
        "q-num": 11000.0,
        "q-match": {"i1": "o1", "i2": "o2"},
        "q-cloze": ["March", "SDF"],
        "q-essay": "It ended the caliphate.",
    }
    base = f"/quiz/attempts/{attempt_id}/q/"
    assert page_shows(client, attempt_id, 2) == ["Baghouz"]
    assert 'value="11000"' in client.get(f"{base}6").get_data(as_text=True)
    assert sorted(page_shows(client, attempt_id, 7)) == [
        "Baghouz: Last stand",
        "Raqqa: Former capital",
    ]
    assert 'value="SDF"' in client.get(f"{base}8").get_data(as_text=True)
    assert "Your answer is saved." in client.get(f"{base}5").get_data(as_text=True)
    html = client.get(f"{base}1").get_data(as_text=True)
    assert 'aria-label="Question 2, answered"' in html
    assert ">8</span> of 8 answered" in html


def test_the_question_list_marks_answered_questions_and_text_to_read(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories)
    answer_page(client, attempt_id, POSITION["q-mc"], ANSWERS["q-mc"])
    answer_page(client, attempt_id, POSITION["q-essay"], ANSWERS["q-essay"])
    post_answer(client, attempt_id, POSITION["q-short"], {"response_shape": "one", "response": ""})
    html = client.get(f"/quiz/attempts/{attempt_id}/q/3").get_data(as_text=True)
    buttons = re.findall(
        r'class="(qnum[^"]*)"\s+data-number="(\d+)"\s+(aria-current="step")?', html
    )
    assert [(int(n), css, current) for css, n, current in buttons] == [
        (1, "qnum info", ""),
        (2, "qnum answered", ""),
        (3, "qnum", 'aria-current="step"'),
        (4, "qnum", ""),
        (5, "qnum", ""),  # a blank answer is no answer
        (6, "qnum", ""),
        (7, "qnum", ""),
        (8, "qnum", ""),
        (9, "qnum answered", ""),
    ]
    assert 'aria-label="Question 1, text to read"' in html
    assert 'aria-label="Question 2, answered"' in html
    assert 'aria-label="Question 3, not answered"' in html
    assert ">2</span> of 8 answered" in html and "Question 3 of 9" in html


def test_the_question_page_rebuilds_one_question_whatever_the_size(
    app, client, auth, factories, monkeypatch
):
    auth.login_new()
    built = count_models_built(monkeypatch)
    cost = {}
    for size in (3, 30):
        _, attempt_id = started(app, client, factories, [mc(f"q{i}") for i in range(size)])
        answer_page(client, attempt_id, 1, "Right")
        built.clear()
        with counted_statements(app) as statements:
            html = client.get(f"/quiz/attempts/{attempt_id}/q/2").get_data(as_text=True)
        assert 'aria-label="Question 1, answered"' in html
        assert f'aria-label="Question {size}, not answered"' in html
        assert f"Question 2 of {size}" in html
        cost[size] = (len(statements), list(built))
    assert cost[3] == cost[30]
    statements, built_keys = cost[30]
    # The user, the attempt with the question shown, the list of questions.
    assert built_keys == ["q1"] and statements <= 3


def test_navigation_buttons(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories)
    base = f"/quiz/attempts/{attempt_id}"
    assert answer_page(client, attempt_id, 2, ANSWERS["q-mc"]).headers["Location"] == (
        f"{base}/q/3"
    )
    assert post_answer(client, attempt_id, 3, {}, go="prev").headers["Location"] == f"{base}/q/2"
    assert post_answer(client, attempt_id, 2, {}, go="7").headers["Location"] == f"{base}/q/7"
    assert post_answer(client, attempt_id, 7, {}, go="check").headers["Location"] == f"{base}/q/7"
    assert post_answer(client, attempt_id, 1, {}, go="prev").headers["Location"] == f"{base}/q/1"
    assert post_answer(client, attempt_id, 9, {}, go="next").headers["Location"] == (
        f"{base}/submit"
    )
    assert post_answer(client, attempt_id, 4, {}, go="submit").headers["Location"] == (
        f"{base}/submit"
    )
    # A page without response_shape (moving only) keeps the saved answer.
    assert responses(app, attempt_id)["q-mc"] == "a"


@pytest.mark.parametrize(
    ("key", "data"),
    [
        ("q-mc", {"response_shape": "one", "response": "zz"}),
        ("q-tf", {"response_shape": "one", "response": "perhaps"}),
        ("q-mr", {"response_shape": "many", "response": ["sdf", "made-up"]}),
        ("q-num", {"response_shape": "one", "response": "about eleven"}),
        ("q-match", {"response_shape": "map", "response.i1": "o7"}),
        ("q-match", {"response_shape": "map", "response.nope": "o1"}),
        ("q-cloze", {"response_shape": "list", "response.0": "March"}),
        ("q-mc", {"response_shape": "many", "response": ["a"]}),
        ("q-mc", {"response_shape": "one", "response": "a"}),  # the file's id: never shown
        ("q-match", {"response_shape": "map", "response.i1": "o1"}),  # the file's ids
    ],
)
def test_malformed_answers_get_a_400_and_change_nothing(app, client, auth, factories, key, data):
    auth.login_new()
    _, attempt_id = started(app, client, factories)
    answer_page(client, attempt_id, POSITION[key], ANSWERS[key], go="check")
    before = responses(app, attempt_id)
    response = post_answer(client, attempt_id, POSITION[key], data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "That answer does not fit the question" in html
    assert 'role="alert"' in html and "<fieldset" in html  # the question, to try again
    assert responses(app, attempt_id) == before
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).current_position == 0


def test_the_typed_text_stays_in_the_field_after_an_error(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories)
    response = post_answer(client, attempt_id, 6, {"response_shape": "one", "response": "lots"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "&#39;lots&#39; is not a number" in html and 'value="lots"' in html


@pytest.mark.parametrize("go", ["next", "prev", "3", "submit", "check"])
def test_an_empty_number_moves_on_and_a_number_can_be_cleared(app, client, auth, factories, go):
    """Next, Previous, the question list and Finish with an empty number field: no 400,
    nothing saved; a number typed before is cleared by emptying the field."""
    auth.login_new()
    _, attempt_id = started(app, client, factories)
    empty = {"response_shape": "one", "response": ""}
    moved = post_answer(client, attempt_id, 6, empty, go=go)
    assert moved.status_code == 302
    assert responses(app, attempt_id)["q-num"] is None
    post_answer(client, attempt_id, 6, {"response_shape": "one", "response": "11,000"})
    assert responses(app, attempt_id)["q-num"] == 11000.0
    assert post_answer(client, attempt_id, 6, empty, go=go).status_code == 302
    assert responses(app, attempt_id)["q-num"] is None
    page = client.get(f"/quiz/attempts/{attempt_id}/q/6").get_data(as_text=True)
    assert "Question 6, not answered" in page and save_status(page) == ""


def test_an_error_and_your_answer_is_saved_never_show_together(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories)
    post_answer(client, attempt_id, 6, {"response_shape": "one", "response": "11000"})
    saved = client.get(f"/quiz/attempts/{attempt_id}/q/6").get_data(as_text=True)
    assert save_status(saved) == "Your answer is saved."
    refused = post_answer(client, attempt_id, 6, {"response_shape": "one", "response": "lots"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "is not a number" in html
    assert save_status(html) == ""


def test_cloze_blanks_keep_the_spaces_around_them_in_every_text_format(
    app, client, auth, factories
):
    """GIFT's text is "moodle" format: turned into plain text, the pieces lost their spaces
    and the blanks touched the words beside them."""
    auth.login_new()
    cloze = next(q for q in every_type() if q["id"] == "q-cloze")
    questions = [{**cloze, "id": f"c-{f}", "text_format": f} for f in ("plain", "moodle", "html")]
    _, attempt_id = started(app, client, factories, questions, shuffle_questions=False)
    for n in (1, 2, 3):
        html = client.get(f"/quiz/attempts/{attempt_id}/q/{n}").get_data(as_text=True)
        text = re.sub(r"<label[^>]*>[^<]*</label>\s*", "", html.split('class="cloze">')[1])
        text = re.sub(r"<input[^>]*>", "[ ]", text.split("</p>")[0])
        assert text == "Baghouz fell in [ ] to the [ ].", (n, text)


def test_flag_this_question_without_javascript(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories)
    url = f"/quiz/attempts/{attempt_id}/q/2"
    page = client.get(url).get_data(as_text=True)
    assert 'value="flag" class="flag-toggle"' in page and 'aria-pressed="false"' in page
    flagged = answer_page(client, attempt_id, 2, "Baghouz", go="flag")
    assert flagged.headers["Location"] == url  # saved too, and the same question again
    page = client.get(url).get_data(as_text=True)
    assert 'value="unflag" class="flag-toggle"' in page and 'aria-pressed="true"' in page
    assert 'aria-label="Question 2, answered, flagged"' in page
    assert responses(app, attempt_id)["q-mc"] == "a"
    other = client.get(f"/quiz/attempts/{attempt_id}/q/3").get_data(as_text=True)
    assert 'class="qnum answered flagged"' in other
    post_answer(client, attempt_id, 2, {}, go="unflag")
    assert 'aria-label="Question 2, answered"' in client.get(url).get_data(as_text=True)


def test_a_question_not_in_the_attempt_is_400(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories, [mc("q1"), mc("q2")])
    response = post_answer(client, attempt_id, 5, {"response_shape": "one", "response": "x"})
    assert response.status_code == 400
    assert "There is no question 5 in this attempt." in response.get_data(as_text=True)


def test_another_students_attempt_is_404(app, client, auth, factories):
    owner = auth.login_new()
    _, attempt_id = started(app, client, factories)
    form = form_for(client, attempt_id, 2, ANSWERS["q-mc"])
    post_answer(client, attempt_id, 2, form)
    auth.logout()
    auth.login_new()
    base = f"/quiz/attempts/{attempt_id}"
    for path in (base, f"{base}/q/2", f"{base}/submit", f"{base}/review"):
        assert client.get(path).status_code == 404, path
    assert post_answer(client, attempt_id, 2, form).status_code == 404
    assert client.post(f"{base}/submit").status_code == 404
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.user_id == owner.id and attempt.submitted_at is None
    assert responses(app, attempt_id)["q-mc"] == "a"


def test_closing_the_tab_resumes_at_the_same_question(app, client, auth, factories):
    student = auth.login_new()
    set_id, attempt_id = started(app, client, factories, shuffle_questions=True)
    order = keys_in_order(app, attempt_id)
    n = order.index("q-short") + 1
    post_answer(client, attempt_id, n, {"response_shape": "one", "response": "Bali"}, go="4")

    other_device = app.test_client()
    other_device.post("/auth/login", data={"email": student.email, "password": PASSWORD})
    start_page = other_device.get(f"/quiz/sets/{set_id}").get_data(as_text=True)
    assert "Resume the quiz" in start_page
    response = other_device.post(f"/quiz/sets/{set_id}")
    assert response.headers["Location"] == f"/quiz/attempts/{attempt_id}/q/4"
    html = other_device.get(response.headers["Location"]).get_data(as_text=True)
    assert "Welcome back: you are where you left off." in html
    assert "Question 4 of 8" in html
    assert keys_in_order(app, attempt_id) == order  # same questions, same order
    assert responses(app, attempt_id)["q-short"] == "Bali"
    other_device.post(f"/quiz/attempts/{attempt_id}/q/4", data={"go": str(n)})
    html = other_device.get(f"/quiz/attempts/{attempt_id}/q/{n}").get_data(as_text=True)
    assert 'value="Bali"' in html
    resume = client.get(f"/quiz/attempts/{attempt_id}")  # the first device follows
    assert resume.headers["Location"] == f"/quiz/attempts/{attempt_id}/q/{n}"


def test_saving_the_same_answer_twice_changes_nothing(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories)
    answer_page(client, attempt_id, 2, ANSWERS["q-mc"], go="check")
    with app.app_context():
        version = db.session.get(Attempt, attempt_id).version
    answer_page(client, attempt_id, 2, ANSWERS["q-mc"], go="check")
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).version == version


# ----------------------------------------------------------------------- time limit


def test_time_left_is_shown_and_enforced(app, client, auth, factories, clock):
    auth.login_new()
    _, attempt_id = started(app, client, factories, [mc("q1"), mc("q2")], time_limit_seconds=300)
    html = client.get(f"/quiz/attempts/{attempt_id}/q/1").get_data(as_text=True)
    assert 'data-seconds-left="300"' in html and "Time left: <strong" in html and "5:00" in html
    answer_page(client, attempt_id, 1, "Right")
    clock.advance(minutes=4, seconds=30)
    second = client.get(f"/quiz/attempts/{attempt_id}/q/2").get_data(as_text=True)
    assert "0:30" in second

    clock.advance(minutes=1)
    late = post_answer(client, attempt_id, 2, page_form(second, "Right"))
    assert late.status_code == 400
    assert "Time is up" in late.get_data(as_text=True)
    assert responses(app, attempt_id) == {"q1": "a", "q2": None}
    review = client.get(f"/quiz/attempts/{attempt_id}/review").get_data(as_text=True)
    assert "1 / 2 points" in review


def test_viewing_an_expired_attempt_submits_it(app, client, auth, factories, clock):
    auth.login_new()
    _, attempt_id = started(app, client, factories, [mc("q1")], time_limit_seconds=60)
    clock.advance(minutes=2)
    response = client.get(f"/quiz/attempts/{attempt_id}/q/1")
    assert response.headers["Location"] == f"/quiz/attempts/{attempt_id}/review"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Time is up: your attempt was submitted" in html
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).submitted_at is not None


# ------------------------------------------------------------------- submit, review


def test_submit_page_warns_about_unanswered_questions(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories)
    answer_page(client, attempt_id, 2, ANSWERS["q-mc"])
    html = client.get(f"/quiz/attempts/{attempt_id}/submit").get_data(as_text=True)
    assert "You answered <strong>1 of 8</strong> questions." in html
    assert "7 questions are not answered" in html
    link = f'href="/quiz/attempts/{attempt_id}/q/3"><span class="sr-only">question </span>3</a>'
    assert link in html
    assert "Submit my answers" in html
    assert_csp_friendly(html)


def test_the_category_is_hidden_during_the_attempt_and_shown_in_the_review(
    app, client, auth, factories
):
    auth.login_new()
    _, attempt_id = started(app, client, factories, [mc("q1", "place"), mc("q2", "date")])
    page = client.get(f"/quiz/attempts/{attempt_id}/q/1").get_data(as_text=True)
    assert '<span class="tag">place</span>' not in page  # it would hint at the answer
    client.post(f"/quiz/attempts/{attempt_id}/submit")
    review = client.get(f"/quiz/attempts/{attempt_id}/review").get_data(as_text=True)
    assert '<span class="tag">place</span>' in review and '<span class="tag">date</span>' in review


def test_the_review_opens_with_a_summary_and_filters(app, client, auth, factories, clock):
    auth.login_new()
    questions = [mc("p1", "place"), mc("p2", "place"), mc("d1", "date"), mc("d2", "date")]
    _, attempt_id = started(app, client, factories, questions)
    answer_page(client, attempt_id, 1, "Right")
    answer_page(client, attempt_id, 2, "Half", go="flag")
    answer_page(client, attempt_id, 3, "Wrong")
    clock.advance(minutes=3)
    client.post(f"/quiz/attempts/{attempt_id}/submit")
    url = f"/quiz/attempts/{attempt_id}/review"
    html = client.get(url).get_data(as_text=True)
    assert_csp_friendly(html)
    summary = html.split('aria-labelledby="summary-title"')[1].split("</section>")[0]
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", summary))
    assert figures == {
        "Time taken": "3 min",
        "Right": "1",
        "Partly right": "1",
        "Wrong": "1",
        "Not answered": "1",
        "Flagged": "1",
    }
    rows = re.findall(
        r'<th scope="row">(\w+)</th><td class="num">(\d+)</td><td class="num">([^<]+)</td>'
        r'<td class="num">([^<]+)</td>',
        summary,
    )
    assert rows == [("place", "2", "1.5", "75%"), ("date", "2", "0", "0%")]
    filters = re.findall(r'href="([^"]+)"(?: aria-current="true")?>([^<]+) <span', html)
    assert filters == [
        (url, "All"),
        (f"{url}?show=wrong", "Wrong or blank"),
        (f"{url}?show=partial", "Partly right"),
        (f"{url}?show=flagged", "Flagged"),
    ]

    def shown(show):
        page = client.get(f"{url}?show={show}").get_data(as_text=True)
        return re.findall(r'id="question-(\d+)"', page), page

    assert shown("wrong")[0] == ["3", "4"]
    partial, page = shown("partial")
    assert partial == ["2"] and 'aria-current="true">Partly right' in page
    flagged, page = shown("flagged")
    assert flagged == ["2"] and "⚑</span> flagged" in page
    assert shown("all")[0] == ["1", "2", "3", "4"]


def test_submitting_twice_counts_once(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories, [mc("q1"), mc("q2")])
    second = form_for(client, attempt_id, 2, "Right")
    answer_page(client, attempt_id, 1, "Right")
    for _ in range(2):
        response = client.post(f"/quiz/attempts/{attempt_id}/submit")
        assert response.headers["Location"] == f"/quiz/attempts/{attempt_id}/review"
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).score == 1
        # new cards stay new: no flashcard evidence (``test_evidence``), and none twice
        assert db.session.execute(select(ReviewLog.origin)).scalars().all() == []
    # After submit, the question pages lead to the review, and answers are refused.
    assert client.get(f"/quiz/attempts/{attempt_id}/q/1").status_code == 302
    late = post_answer(client, attempt_id, 2, second)
    assert late.status_code == 400
    assert "its answers can no longer change" in late.get_data(as_text=True)


def test_review_page_content(app, client, auth, factories, clock):
    auth.login_new()
    _, attempt_id = started(app, client, factories)
    answer_page(client, attempt_id, 2, "Raqqa")
    answer_page(client, attempt_id, 4, ["SDF"])
    answer_page(client, attempt_id, 6, ANSWERS["q-num"])
    clock.advance(minutes=4, seconds=5)
    client.post(f"/quiz/attempts/{attempt_id}/submit")
    html = client.get(f"/quiz/attempts/{attempt_id}/review").get_data(as_text=True)
    assert_csp_friendly(html)
    assert "1.5 / 7 points" in html and "21%" in html and "4 min 5 s" in html
    first = html[html.index('id="question-2"') : html.index('id="question-3"')]
    assert shown_answer(first) == ["Raqqa"] and "your answer" in first  # the response
    assert "Wrong" in first and "Correct answer:</span> Baghouz" in first
    assert "Raqqa fell in 2017." in first  # the chosen choice's feedback
    assert "Baghouz is on the Euphrates." in first  # general feedback
    assert "From the article" in first and "The SDF said the last ISIS stronghold" in first
    partial = html[html.index('id="question-4"') : html.index('id="question-5"')]
    assert "Partly right" in partial and "0.5 / 1 point" in partial
    assert "Right" in html[html.index('id="question-6"') : html.index('id="question-7"')]
    assert "Not answered" in html[html.index('id="question-5"') : html.index('id="question-6"')]
    assert "Not marked automatically" in html[html.index('id="question-9"') :]
    assert "These questions are about the fall of Baghouz." in html


def test_review_before_submit_goes_back_to_the_quiz(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories)
    response = client.get(f"/quiz/attempts/{attempt_id}/review")
    assert response.headers["Location"] == f"/quiz/attempts/{attempt_id}/q/1"


def test_immediate_feedback_shows_and_locks(app, client, auth, factories):
    auth.login_new()
    _, attempt_id = started(app, client, factories, feedback_mode="immediate")
    before = client.get(f"/quiz/attempts/{attempt_id}/q/2").get_data(as_text=True)
    assert 'value="check"' in before and 'data-autosave="on"' in before
    # Moving on saves without checking: nothing is revealed or locked.
    assert answer_page(client, attempt_id, 3, "True").status_code == 302
    unchecked = client.get(f"/quiz/attempts/{attempt_id}/q/3").get_data(as_text=True)
    assert "answer checked" not in unchecked and "Check it when you are ready." in unchecked
    # Check with no answer: the page again, saying why.
    nothing = post_answer(client, attempt_id, 2, {"response_shape": "one", "response": ""}, "check")
    assert nothing.status_code == 400 and "nothing to check" in nothing.get_data(as_text=True)
    response = post_answer(client, attempt_id, 2, page_form(before, "Raqqa"), "check")
    assert response.headers["Location"] == f"/quiz/attempts/{attempt_id}/q/2"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<fieldset class="question" disabled' in html
    assert "Wrong" in html and "Correct answer:</span> Baghouz" in html
    assert "Raqqa fell in 2017." in html and "answer checked" in html
    # Moving on from a locked question keeps the answer; changing it is refused.
    assert post_answer(client, attempt_id, 2, {}, go="next").status_code == 302
    changed = post_answer(client, attempt_id, 2, page_form(before, "Baghouz"))
    assert changed.status_code == 400
    assert "already checked" in changed.get_data(as_text=True)
    assert responses(app, attempt_id)["q-mc"] == "b"
    with app.app_context():
        assert db.session.execute(select(ReviewLog.origin)).scalars().all() == []


# ------------------------------------------------------------------------- history


def test_history_lists_attempts_categories_and_a_chart(app, client, auth, factories, clock):
    auth.login_new()
    empty = client.get("/quiz/history").get_data(as_text=True)
    assert "No quiz taken yet." in empty
    questions = [mc("p1", "place"), mc("p2", "place"), mc("a1", "actor"), mc("d1", "date")]
    set_id, attempt_id = started(app, client, factories, questions)
    answer_page(client, attempt_id, 1, "Right")
    answer_page(client, attempt_id, 2, "Half")
    answer_page(client, attempt_id, 3, "Wrong")
    clock.advance(minutes=2)
    client.post(f"/quiz/attempts/{attempt_id}/submit")
    clock.advance(days=1)
    client.post(f"/quiz/sets/{set_id}")

    html = client.get("/quiz/history").get_data(as_text=True)
    assert_csp_friendly(html)
    assert "1.5 / 4" in html and "38%" in html and "2 min<" in html
    assert "In progress" in html and "Resume" in html
    rows = re.findall(
        r'<th scope="row">(\w+)</th><td class="num">(\d+)</td><td class="num">([^<]+)</td>'
        r'<td class="num">([^<]+)',
        html,
    )
    # The set's categories in its order (first appearance), with the points earned.
    assert rows == [
        ("place", "2", "1.5 / 2", "75%"),
        ("actor", "1", "0 / 1", "0%"),
        ("date", "1", "0 / 1", "0%"),
    ]
    assert html.count('<svg class="chart"') == 2
    assert "Your quiz scores over time" in html and "2 Mar: 38%" in html
