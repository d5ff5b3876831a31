"""The app's side of the question-type contract, for every registered type and a throwaway
one registered by a test (see ``tests/question_bank/types/test_contract.py`` for the pure
side).

Through the real app, with a set holding the type's sample: its templates exist; the API's
attempt JSON fits the served OpenAPI document (the type's fragment: its public form and its
response); the question page, the review and the instructor's answer key render; the
question editor opens it (with its preview) and saves its own form unchanged; the right
response, in the attempt's own ids, saves and is marked right (the ids of the file are
refused where they differ); and the keys the type declares shuffled come in a new
order from one attempt to the next (seeded), through the quiz service's snapshot.
"""

from __future__ import annotations

import json
import random
from typing import Any

import jsonschema_rs
import pytest
from jinja2 import ChoiceLoader, DictLoader

from question_bank.rendering import plain_text
from question_bank.types import QUESTION_TYPES, Question
from quizapp.extensions import db
from quizapp.models import QuestionSet
from quizapp.services import quizzes
from tests.conftest import PASSWORD
from tests.question_bank.types.throwaway import TEMPLATES, Year, registered
from tests.quizapp.editor_helpers import editor_path, question_form
from tests.quizapp.quiz_helpers import as_shown, make_set, mc, user

SEEDS = range(8)


def _validator(document: dict[str, Any], name: str) -> jsonschema_rs.Validator:
    """A validator of ``#/components/schemas/<name>`` of the served document."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    return jsonschema_rs.validator_for(schema)


def _headers(client, factories) -> dict[str, str]:
    student = factories.user()
    token = client.post(
        "/api/v1/tokens", json={"email": student.email, "password": PASSWORD}
    ).get_json()["token"]
    return {"Authorization": f"Bearer {token}"}


def run_app_contract(app, client, factories, auth, cls: type[Question]) -> None:
    sample = cls.sample()
    for name in (cls.template, cls.answer_key_template):
        assert app.jinja_env.get_template(name) is not None, name

    owner = factories.user(role="instructor")
    questions = [sample.to_dict(), mc("q-other")]
    set_id = make_set(app, factories, questions, owner_id=owner.id)
    document = client.get("/api/v1/openapi.json").get_json()
    headers = _headers(client, factories)

    started = client.post(f"/api/v1/sets/{set_id}/attempts", headers=headers)
    assert started.status_code == 201, started.get_json()
    attempt_id = started.get_json()["id"]
    attempt = client.get(f"/api/v1/attempts/{attempt_id}", headers=headers).get_json()
    _validator(document, "Attempt").validate(attempt)
    shown = next(q for q in attempt["questions"] if q["id"] == sample.id)
    _validator(document, f"AttemptQuestion.{cls.type_name}").validate(shown)
    assert shown["answerable"] is cls.answerable

    if cls.answerable:
        real = json.loads(json.dumps(sample.correct_response()))
        if real is None:  # nothing is right (an essay): any answer of the right form
            real = "An answer."
        with app.app_context():
            response = json.loads(json.dumps(as_shown(db.session, attempt_id, sample.id, real)))
        if response != real:  # the file's ids: the attempt never showed them
            refused = client.put(
                f"/api/v1/attempts/{attempt_id}/answers/{sample.id}",
                json={"response": real},
                headers=headers,
            )
            assert refused.status_code == 400, refused.get_json()
        saved = client.put(
            f"/api/v1/attempts/{attempt_id}/answers/{sample.id}",
            json={"response": response},
            headers=headers,
        )
        assert saved.status_code == 200, saved.get_json()
        assert saved.get_json()["answered"]
        again = client.get(f"/api/v1/attempts/{attempt_id}", headers=headers).get_json()
        _validator(document, "Attempt").validate(again)

    submitted = client.post(f"/api/v1/attempts/{attempt_id}/submit", headers=headers)
    assert submitted.status_code == 200
    _validator(document, "Submission").validate(submitted.get_json())
    if cls.answerable and cls.gradable:
        [result] = [r for r in submitted.get_json()["results"] if r["question_id"] == sample.id]
        assert result["correct"] is True

    # The pages: the question as the student sees it, then the review, then the answer key.
    auth.logout()
    student = factories.user()
    auth.login(student.email)
    with app.app_context():
        page_attempt = quizzes.start_attempt(
            db.session,
            user=user(db.session, student),
            set_id=set_id,
            now=app.extensions["clock"].now(),
            rng=random.Random(0),
        ).attempt.id
    page = client.get(f"/quiz/attempts/{page_attempt}/q/1")
    assert page.status_code == 200
    words = " ".join(plain_text(sample.prompt, sample.text_format).split()[:3])
    assert words in page.get_data(as_text=True)

    review = client.post(f"/quiz/attempts/{page_attempt}/submit", follow_redirects=True)
    assert review.status_code == 200

    auth.logout()
    auth.login(owner.email)
    answer_key = client.get(f"/instructor/sets/{set_id}")
    assert answer_key.status_code == 200
    assert cls.label in answer_key.get_data(as_text=True)
    run_editor_contract(app, client, set_id, sample)
    auth.logout()


def run_editor_contract(app, client, set_id: int, sample: Question) -> None:
    """The editor opens the question with its preview, and its own form saves it unchanged;
    a new question of the type opens too."""
    with app.app_context():
        row = next(r for r in db.session.get(QuestionSet, set_id).questions if r.key == sample.id)
        row_id, version = row.id, row.question_set.version
    page = client.get(editor_path(set_id, row_id))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="preview-body" data-status="ready"' in html
    assert (
        client.get(f"/instructor/sets/{set_id}/questions/new/{sample.type_name}").status_code == 200
    )
    preview = client.post(editor_path(set_id, row_id), data=question_form(sample, "preview"))
    assert preview.status_code == 200
    saved = client.post(editor_path(set_id, row_id), data=question_form(sample))
    assert saved.status_code == 302, saved.get_data(as_text=True)
    with app.app_context():
        row = next(r for r in db.session.get(QuestionSet, set_id).questions if r.key == sample.id)
        assert row.data == sample.to_dict()
        assert row.question_set.version == version


def run_shuffle_contract(app, factories, cls: type[Question]) -> None:
    """Seeded attempts of a set that shuffles its choices show each declared key in more
    than one order, and the others in one."""
    sample = cls.sample()
    set_id = make_set(app, factories, [sample.to_dict(), mc("q-other")], shuffle_choices=True)
    seen: dict[str, set[str]] = {}
    for seed in SEEDS:
        learner = factories.user()
        with app.app_context():
            view = quizzes.start_attempt(
                db.session,
                user=user(db.session, learner),
                set_id=set_id,
                now=app.extensions["clock"].now(),
                rng=random.Random(seed),
            ).attempt
            [question] = [q for q in view.questions if q.key == sample.id]
            public = question.model.public_dict()
        for key, value in public.items():
            seen.setdefault(key, set()).add(json.dumps(value, sort_keys=True))
    for key, values in seen.items():
        if key in cls.shuffled_keys:
            assert len(values) > 1, f"{cls.type_name}: {key} is never shuffled"
        else:
            assert len(values) == 1, f"{cls.type_name}: {key} moves but is not declared"


@pytest.mark.parametrize("type_name", list(QUESTION_TYPES))
def test_app_contract(app, client, factories, auth, type_name):
    run_app_contract(app, client, factories, auth, QUESTION_TYPES[type_name])


@pytest.mark.parametrize("type_name", list(QUESTION_TYPES))
def test_shuffled_keys_are_shuffled_in_each_attempt(app, factories, type_name):
    run_shuffle_contract(app, factories, QUESTION_TYPES[type_name])


@pytest.fixture
def year_type(app):
    """The throwaway type, registered, with its templates given to the app."""
    loader = app.jinja_env.loader
    app.jinja_env.loader = ChoiceLoader([DictLoader(TEMPLATES), loader])
    with registered(Year) as cls:
        yield cls
    app.jinja_env.loader = loader


def test_a_type_registered_in_a_test_goes_through_the_app_contract(
    app, client, factories, auth, year_type
):
    document = client.get("/api/v1/openapi.json").get_json()
    assert "AttemptQuestion.year" in document["components"]["schemas"]
    run_app_contract(app, client, factories, auth, year_type)
    run_shuffle_contract(app, factories, year_type)
