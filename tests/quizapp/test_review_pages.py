"""The review pages without JavaScript: plain form posts, then a redirect to the next card."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask

from quizapp.blueprints.review.forms import SettingsForm
from quizapp.services import reviews, scheduling
from tests.quizapp.review_helpers import (
    card_ids,
    log_count,
    make_deck,
    review_due_now,
    set_user,
    state_of,
)


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def _hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, name
    return unescape(match.group(1))


def _answer(client, html: str, rating: int, **override):
    data = {
        "card_id": _hidden(html, "card_id"),
        "version": _hidden(html, "version"),
        "review_id": _hidden(html, "review_id"),
        "shown_at": _hidden(html, "shown_at"),
        "scope": _hidden(html, "scope"),
        "rating": str(rating),
    }
    data.update(override)
    return client.post("/review/answer", data=data)


def _assert_csp_clean(html: str) -> None:
    """The CSP allows no inline script, no style attribute and no on* handler."""
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+\s*=", html)


def test_pages_need_a_login(client):
    for url in ("/review/", "/review/all", "/review/progress", "/review/settings"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]


def test_index_lists_sets_with_what_is_left_today(client, auth, factories):
    user = auth.login_new()
    set_user(client.application, user.id, new_cards_per_day=5)
    set_id = make_deck(factories, 8, name="The deck")
    html = _page(client, "/review/")
    assert "The deck" in html and "8 flashcards" in html
    assert f'href="/review/sets/{set_id}"' in html
    assert re.search(r"<strong>5</strong> new", html)
    _assert_csp_clean(html)
    home = _page(client, "/")
    assert f'href="/review/sets/{set_id}"' in home  # "Study flashcards" on the home page
    assert 'href="/review/"' in home and 'href="/review/progress"' in home  # the navigation


def test_the_total_and_each_set_say_why_their_new_counts_differ(app, client, auth, factories):
    """The bug: "0 new" in the total beside "20 new" on the set, unexplained."""
    user = auth.login_new()
    set_user(app, user.id, new_cards_per_day=5)
    set_id = make_deck(factories, 8, name="The deck")
    html = _page(client, "/review/")
    total, sets = html.split("<h2>Sets</h2>")
    assert re.search(r"<strong>0</strong> new", total) and "not started a set yet" in total
    assert "share your limit of 5 a day" in total
    assert re.search(r"<strong>5</strong> new", sets)
    assert "Not started yet, so not in the total above." in sets
    assert "5 of its 8 new cards today: up to 5 new cards a day" in sets
    review_due_now(client, set_id)  # started: its new cards join the total
    html = _page(client, "/review/")
    total, sets = html.split("<h2>Sets</h2>")
    assert re.search(r"<strong>4</strong> new", total) and "In the 1 set you have started." in total
    assert re.search(r"<strong>4</strong> new", sets) and "Not started yet" not in sets
    assert "4 of its 7 new cards today" in sets


def test_study_shows_the_front_then_the_back_with_its_source(client, auth, factories):
    auth.login_new()
    set_id = make_deck(factories, 4)
    html = _page(client, f"/review/sets/{set_id}")
    assert "Fact number 0: who, when, where or what?" in html
    assert '<details class="answer"' in html and "Show answer" in html
    assert "answer 0" in html  # the back, revealed by the details element
    assert "The article&#39;s sentence behind fact 0." in html
    for label, interval in (("Again", "&lt;1m"), ("Hard", "6m"), ("Good", "10m"), ("Easy", "8d")):
        assert re.search(
            rf'<span class="rate-label">{label}</span>\s*'
            rf'<span class="rate-interval" data-interval="\w+">{interval}</span>',
            html,
        ), label
    assert re.search(r'data-count="new">4<', html)
    assert '<script src="/static/review.js" defer></script>' in html
    _assert_csp_clean(html)


def test_form_posts_review_and_redirect_to_the_next_card(client, auth, factories, clock):
    user = auth.login_new()
    app = client.application
    set_id = make_deck(factories, 3)
    ids = card_ids(app, set_id)
    html = _page(client, f"/review/sets/{set_id}")
    response = _answer(client, html, 3)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/review/sets/{set_id}")
    assert state_of(app, user.id, ids[0])["reps"] == 1
    # a double submit of the same form records nothing new
    assert _answer(client, html, 3).status_code == 302
    assert log_count(app, user.id) == 1
    html = _page(client, f"/review/sets/{set_id}")
    assert "Fact number 1:" in html  # the next card (ids[0] waits 10 minutes)
    assert re.search(r'data-count="new">2<', html) and re.search(r'data-count="learning">1<', html)
    # a bad rating is refused with a message, and nothing changes
    response = _answer(client, html, 7)
    assert response.status_code == 302
    html = _page(client, response.headers["Location"])
    assert "The rating must be 1 (again), 2 (hard), 3 (good) or 4 (easy)." in html
    assert log_count(app, user.id) == 1


def test_done_for_today_says_when_the_next_card_is_due(client, auth, factories, clock):
    auth.login_new()
    set_id = make_deck(factories, 1)
    html = _page(client, f"/review/sets/{set_id}")
    _answer(client, html, 1)  # Again: due in a minute, shown at once (learn ahead)
    html = _page(client, f"/review/sets/{set_id}")
    assert "Fact number 0" in html and re.search(r'data-count="learning">1<', html)
    _answer(client, html, 4)  # Easy: in days
    html = _page(client, f"/review/sets/{set_id}")
    assert "Done for today!" in html
    assert re.search(r'<article class="flashcard" data-role="card" hidden', html)
    # Easy after one Again: FSRS gives a day; a review is shown from 4 a.m. on its day
    assert "Your next card is due tomorrow at 04:00." in html
    _assert_csp_clean(html)


def test_undo_by_form_shows_the_card_again(client, auth, factories):
    user = auth.login_new()
    app = client.application
    set_id = make_deck(factories, 3)
    ids = card_ids(app, set_id)
    _answer(client, _page(client, f"/review/sets/{set_id}"), 4)
    response = client.post("/review/undo", data={"scope": str(set_id)})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/review/sets/{set_id}?card={ids[0]}")
    html = _page(client, response.headers["Location"])
    assert "Undone: your last answer." in html
    assert "Fact number 0:" in html
    assert state_of(app, user.id, ids[0]) is None and log_count(app, user.id) == 0
    html = _page(client, client.post("/review/undo", data={"scope": "all"}).headers["Location"])
    assert "There is nothing to undo today." in html


def test_suspend_bury_and_flag_by_form(client, auth, factories):
    user = auth.login_new()
    app = client.application
    set_id = make_deck(factories, 4)
    ids = card_ids(app, set_id)
    scope = {"scope": str(set_id)}
    client.post(f"/review/cards/{ids[0]}/suspend", data={"value": "1", **scope})
    client.post(f"/review/cards/{ids[1]}/bury", data={"value": "1", **scope})
    response = client.post(f"/review/cards/{ids[2]}/flag", data={"value": "1", **scope})
    html = _page(client, response.headers["Location"])
    assert "Card flagged." in html
    assert "Fact number 2:" in html and "⚑ flagged" in html
    assert re.search(r'data-count="new">2<', html)
    assert state_of(app, user.id, ids[0])["suspended"] is True
    assert state_of(app, user.id, ids[1])["buried_until"] is not None
    # from the card's page, unsuspend
    response = client.post(
        f"/review/cards/{ids[0]}/suspend", data={"value": "0", "scope": f"card:{ids[0]}"}
    )
    assert response.headers["Location"].endswith(f"/review/cards/{ids[0]}")
    assert state_of(app, user.id, ids[0]) is None


def test_leech_is_told_on_the_page(client, auth, factories, clock):
    user = auth.login_new()
    set_user(client.application, user.id, relearning_steps="")
    set_id = make_deck(factories, 1)
    _answer(client, _page(client, f"/review/sets/{set_id}"), 4)
    for _ in range(8):
        clock.advance(days=60)
        response = _answer(client, _page(client, f"/review/sets/{set_id}"), 1)
    html = _page(client, response.headers["Location"])
    assert "it is now a leech, suspended" in html
    assert "Done for today!" in html


def test_the_page_gives_review_js_the_servers_leech_message(client, auth, factories):
    """The threshold is written once (``scheduling.LEECH_THRESHOLD``): the script shows the
    message the page carries."""
    auth.login_new()
    html = _page(client, f"/review/sets/{make_deck(factories, 1)}")
    match = re.search(r'data-leech-message="([^"]*)"', html)
    assert match and unescape(match.group(1)) == scheduling.LEECH_MESSAGE
    assert f"forgotten this card {scheduling.LEECH_THRESHOLD} times" in scheduling.LEECH_MESSAGE


def test_card_page_shows_history_and_memory(client, auth, factories, clock):
    auth.login_new()
    set_id = make_deck(factories, 2)
    card_id = card_ids(client.application, set_id)[0]
    assert "You have not studied this card yet" in _page(client, f"/review/cards/{card_id}")
    _answer(client, _page(client, f"/review/sets/{set_id}"), 4)
    clock.advance(days=8)
    html = _page(client, f"/review/cards/{card_id}")
    assert "recall it now" not in html
    # on its due day (today): the desired retention; the stability as days
    assert re.search(r'data-figure="recall-when-due">90%<', html)
    assert re.search(r'data-figure="lasts">about 8 days<', html)
    assert "Easy" in html and "8 days (review)" in html
    _assert_csp_clean(html)
    other_owner = factories.user()
    private = factories.question_set(name="P", owner_id=other_owner.id, public=False)
    hidden = card_ids(client.application, private)[0]
    assert client.get(f"/review/cards/{hidden}").status_code == 404
    assert client.get(f"/review/sets/{private}").status_code == 404


def test_progress_page_renders_svg_charts(client, auth, factories, clock):
    user = auth.login_new()
    set_id = make_deck(factories, 8)
    _answer(client, _page(client, f"/review/sets/{set_id}"), 3)
    html = _page(client, "/review/progress")
    assert '<svg class="chart heatmap"' in html and '<svg class="chart forecast"' in html
    assert "1 review on Mon 2 Mar 2026" in html
    assert "FSRS default parameters" in html
    assert 'data-category="actor"' in html
    _assert_csp_clean(html)
    from fsrs.scheduler import DEFAULT_PARAMETERS

    fitted = [0.3, *DEFAULT_PARAMETERS[1:]]
    set_user(client.application, user.id, fsrs_parameters=fitted)
    assert "fitted from your own reviews" in _page(client, "/review/progress")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("desired_retention", "0.5", "between 0.70 and 0.99"),
        ("desired_retention", "lots", "between 0.70 and 0.99"),
        ("new_cards_per_day", "-3", "New cards per day must be a whole number from 0 to 9999."),
        ("max_reviews_per_day", "1.5", "Maximum reviews per day must be a whole number"),
        ("learning_steps", "1m 10x", "is not a step such as 1m"),
        ("maximum_interval_days", "0", "Maximum interval must be a whole number from 1"),
        ("timezone", "Mars/Olympus", "Choose a time zone from the list"),
    ],
)
def test_settings_page_validation(client, auth, field, value, message):
    auth.login_new()
    html = _page(client, "/review/settings")
    assert 'value="0.9"' in html and "Europe/Paris" in html
    form = {
        "desired_retention": "0.9",
        "new_cards_per_day": "20",
        "max_reviews_per_day": "200",
        "learning_steps": "1m 10m",
        "relearning_steps": "10m",
        "maximum_interval_days": "36500",
        "timezone": "UTC",
        field: value,
    }
    response = client.post("/review/settings", data=form)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in unescape(html)
    assert f'id="{field}-error"' in html and 'aria-invalid="true"' in html


def test_settings_page_saves(client, auth):
    user = auth.login_new()
    form = {
        "desired_retention": "0.85",
        "new_cards_per_day": "7",
        "max_reviews_per_day": "150",
        "learning_steps": "1m 5m",
        "relearning_steps": "10m",
        "maximum_interval_days": "3650",
        "timezone": "Europe/Paris",
    }
    response = client.post("/review/settings", data=form)
    assert response.status_code == 302
    html = _page(client, "/review/settings")
    assert "Your settings are saved." in html
    assert 'value="0.85"' in html and 'value="7"' in html
    assert '<option selected value="Europe/Paris">' in html
    # the workload of each retention, the learner's marked, before they pick another
    assert "What each desired retention costs" in html
    assert re.search(r'<tr data-retention="0.85" class="current" aria-current="true">', html)
    assert re.findall(r'data-retention="([0-9.]+)"', html) == ["0.80", "0.85", "0.90", "0.95"]
    with client.application.app_context():
        from quizapp.extensions import db
        from quizapp.models import User

        saved = db.session.get(User, user.id)
        assert (saved.desired_retention, saved.new_cards_per_day) == (0.85, 7)
        assert saved.timezone == "Europe/Paris"


def test_settings_page_shows_the_last_fit_against_the_defaults(client, auth):
    user = auth.login_new()
    html = _page(client, "/review/settings")
    assert "Last fit" not in html and "FSRS default parameters" in html
    fit = {
        "fitted_at": "2026-03-02T09:00:00+00:00",
        "train": 600,
        "held_out": 150,
        "fitted": {"log_loss": 0.3468, "rmse": 0.3024, "reviews": 150},
        "defaults": {"log_loss": 0.3201, "rmse": 0.2976, "reviews": 150},
        "adopted": False,
    }
    set_user(client.application, user.id, fsrs_fit=fit)
    html = _page(client, "/review/settings")
    assert 'data-fit="kept-defaults"' in html
    assert re.search(r'data-figure="fitted-log-loss">0.3468<', html)
    assert re.search(r'data-figure="default-rmse">0.2976<', html)
    assert "checked on your latest 150" in html and "the defaults stay in use" in html


def test_the_settings_form_has_the_services_fields_labels_and_bounds():
    """One list of settings: the form's fields, labels and input bounds come from it."""
    bare = Flask(__name__)  # a form needs a request, not a database
    with bare.test_request_context():
        form = SettingsForm(meta={"csrf": False})
    named = {field.name: field for field in form if field.name in reviews.SETTING_FIELDS}
    assert list(named) == list(reviews.SETTING_FIELDS)
    for setting in reviews.SETTINGS:
        field = named[setting.name]
        assert field.label.text == setting.form_label
        if setting.kind == "whole":
            assert field.render_kw["min"] == str(setting.low)
            assert field.render_kw["max"] == str(setting.high)
    assert named["maximum_interval_days"].label.text == "Maximum interval (days)"
    assert named["desired_retention"].render_kw["max"] == "0.99"
