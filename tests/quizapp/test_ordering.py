"""Ordering questions in the app: always shuffled, answered without JavaScript by a place
per item, reviewed with the right order, and refused by the exports that cannot hold them."""

from __future__ import annotations

import random
import re

from question_bank.types import Ordering
from quizapp.extensions import db
from quizapp.services import quizzes
from tests.quizapp.quiz_helpers import make_set, mc, page_form, user
from tests.quizapp.test_quiz_pages import answer_page, post_answer, responses, started

ORDER = Ordering.sample()
RIGHT = [item.id for item in ORDER.items]
TEXTS = [item.text for item in ORDER.items]
TEXT_OF = {item.id: item.text for item in ORDER.items}


def test_items_are_shuffled_even_when_the_set_keeps_choices_in_place(app, factories, clock):
    set_id = make_set(app, factories, [ORDER.to_dict(), mc("q-other")], shuffle_choices=False)
    orders = set()
    for seed in range(6):
        learner = factories.user()
        with app.app_context():
            view = quizzes.start_attempt(
                db.session,
                user=user(db.session, learner),
                set_id=set_id,
                now=clock.now(),
                rng=random.Random(seed),
            ).attempt
            items = view.questions[0].model.public_dict()["items"]
        shown = [i["text"] for i in items]
        assert shown != TEXTS and sorted(shown) == sorted(TEXTS)
        assert not {i["id"] for i in items} & set(RIGHT)  # the attempt's own ids
        orders.add(tuple(shown))
    assert len(orders) > 1


def test_the_page_takes_a_place_per_item_without_javascript(app, client, factories, auth):
    auth.login_new()
    _, attempt_id = started(app, client, factories, [ORDER.to_dict(), mc("q-other")])
    page = client.get(f"/quiz/attempts/{attempt_id}/q/1").get_data(as_text=True)
    assert page.count('class="order-place"') == len(RIGHT)
    assert "Give each of the 5 items its place: 1 comes first." in page
    for item in ORDER.items:
        assert f'name="response.{item.id}"' not in page  # the attempt's own ids
        assert f'<span class="sr-only">Place of: </span>{item.text}' in page
    assert "selected" not in page.split('class="order-list"')[1].split("</ol>")[0]

    answer = list(reversed(RIGHT))
    saved = post_answer(client, attempt_id, 1, page_form(page, [TEXT_OF[i] for i in answer]))
    assert saved.status_code == 302
    assert responses(app, attempt_id)["sample-ordering"] == answer  # kept with the real ids
    again = client.get(f"/quiz/attempts/{attempt_id}/q/1").get_data(as_text=True)
    listed = re.findall(r'<span class="sr-only">Place of: </span>([^<]+)</label>', again)
    assert listed == [TEXT_OF[i] for i in answer]  # the saved order, each with its place
    assert again.count(" selected>") == len(RIGHT)


def test_a_page_with_two_items_in_one_place_is_refused_and_kept(app, client, factories, auth):
    auth.login_new()
    _, attempt_id = started(app, client, factories, [ORDER.to_dict(), mc("q-other")])
    page = client.get(f"/quiz/attempts/{attempt_id}/q/1").get_data(as_text=True)
    places = page_form(page, TEXTS)
    second = next(key for key, place in places.items() if place == "2")
    places[second] = "1"
    refused = post_answer(client, attempt_id, 1, places)
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "two items have the same place: give each its own" in html
    assert html.count(" selected>") == len(RIGHT)  # what was chosen, to be fixed
    assert responses(app, attempt_id)["sample-ordering"] is None

    blank = {key: ("" if key.startswith("response.") else value) for key, value in places.items()}
    assert post_answer(client, attempt_id, 1, blank).status_code == 302
    assert responses(app, attempt_id)["sample-ordering"] is None  # not answered


def test_the_review_shows_the_right_order(app, client, factories, auth):
    auth.login_new()
    _, attempt_id = started(app, client, factories, [ORDER.to_dict(), mc("q-other")])
    answer_page(client, attempt_id, 1, TEXTS)
    client.post(f"/quiz/attempts/{attempt_id}/submit")
    html = client.get(f"/quiz/attempts/{attempt_id}/review").get_data(as_text=True)
    right = html.split("The right order:")[1].split("</ol>")[0]
    assert re.findall(r"<li>([^<]+)</li>", right) == [item.text for item in ORDER.items]
    assert "1 / 1 point" in html


def test_exports_that_cannot_hold_it_say_so(app, client, factories, auth):
    owner = factories.user(role="instructor")
    set_id = make_set(app, factories, [ORDER.to_dict(), mc("q-other")], owner_id=owner.id)
    auth.login(owner.email)
    gift = client.get(f"/instructor/sets/{set_id}/download/gift")
    assert gift.status_code == 400
    assert "GIFT cannot hold ordering questions (ordering): GIFT has no syntax" in (
        gift.get_data(as_text=True)
    )
    xml = client.get(f"/instructor/sets/{set_id}/download/moodlexml")
    assert xml.status_code == 200 and b'<question type="ordering">' in xml.data
    assert client.get(f"/instructor/sets/{set_id}/download/aiken").status_code == 200
    answer_key = client.get(f"/instructor/sets/{set_id}").get_data(as_text=True)
    assert "Right order:" in answer_key and "relative next include last" in answer_key
