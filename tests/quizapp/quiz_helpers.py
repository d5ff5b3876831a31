"""Sets for quiz tests: one question of every type, with options, built from dicts; and
counters of what a request costs (SQL statements, questions rebuilt from their snapshot)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from typing import Any

from sqlalchemy import event, select

from quizapp.extensions import db
from quizapp.models import QuestionSet, User

QUOTE = "The SDF said the last ISIS stronghold, Baghouz, fell on 23 March 2019."


def source(quote: str = QUOTE) -> dict[str, Any]:
    return {"quote": quote, "start": 0, "end": len(quote)}


def every_type() -> list[dict[str, Any]]:
    """One question of each type, in this order (positions 1..9 in an unshuffled quiz)."""
    return [
        {
            "id": "intro",
            "type": "description",
            "prompt": "These questions are about the fall of Baghouz.",
        },
        {
            "id": "q-mc",
            "type": "multiple_choice",
            "prompt": "Where was the last stronghold?",
            "category": "place",
            "general_feedback": "Baghouz is on the Euphrates.",
            "source": source(),
            "choices": [
                {"id": "a", "text": "Baghouz", "weight": 1, "feedback": "Yes, Baghouz."},
                {"id": "b", "text": "Raqqa", "weight": 0, "feedback": "Raqqa fell in 2017."},
                {"id": "c", "text": "Mosul", "weight": 0},
            ],
        },
        {
            "id": "q-tf",
            "type": "true_false",
            "prompt": "Baghouz fell in 2019.",
            "category": "date",
            "choices": [
                {"id": "true", "text": "True", "weight": 1},
                {"id": "false", "text": "False", "weight": 0},
            ],
        },
        {
            "id": "q-mr",
            "type": "multiple_response",
            "prompt": "Which groups fought in the battle?",
            "category": "actor",
            "choices": [
                {"id": "sdf", "text": "SDF", "weight": 0.5},
                {"id": "coalition", "text": "US-led coalition", "weight": 0.5},
                {"id": "nato", "text": "NATO", "weight": -1},
            ],
        },
        {
            "id": "q-short",
            "type": "short_answer",
            "prompt": "Who spoke for the SDF?",
            "category": "actor",
            "accepted": [{"text": "Mustafa Bali", "weight": 1}],
        },
        {
            "id": "q-num",
            "type": "numerical",
            "prompt": "How many fighters surrendered?",
            "category": "outcome",
            "numeric": [{"value": 11000, "tolerance": 0, "weight": 1}],
        },
        {
            "id": "q-match",
            "type": "matching",
            "prompt": "Match each place with what happened there.",
            "category": "place",
            "pairs": [
                {"item_id": "i1", "item": "Baghouz", "option_id": "o1", "option": "Last stand"},
                {"item_id": "i2", "item": "Raqqa", "option_id": "o2", "option": "Former capital"},
            ],
        },
        {
            "id": "q-cloze",
            "type": "cloze",
            "prompt": "Baghouz fell in {{1}} to the {{2}}.",
            "category": "date",
            "blanks": [
                [{"text": "March", "weight": 1}],
                [{"text": "SDF", "weight": 1}],
            ],
        },
        {
            "id": "q-essay",
            "type": "essay",
            "prompt": "Why does the fall of Baghouz matter?",
            "category": "outcome",
        },
    ]


#: A right answer for each answerable question of ``every_type()``, written with the texts
#: a student reads (``by_text`` turns it into the ids one attempt shows).
RIGHT_ANSWERS: dict[str, Any] = {
    "q-mc": "Baghouz",
    "q-tf": "True",
    "q-mr": ["SDF", "US-led coalition"],
    "q-short": "Mustafa Bali",
    "q-num": "11,000",
    "q-match": {"Baghouz": "Last stand", "Raqqa": "Former capital"},
    "q-cloze": ["March", "SDF"],
    "q-essay": "It ended the territorial caliphate.",
}


def public_form(question: Any) -> dict[str, Any]:
    """A question as a student's client has it: the API's question (a dict), or a service's
    ``QuestionView`` (its model is already the attempt's view, with the attempt's ids)."""
    if isinstance(question, dict):
        return question
    return question.model.public_dict()


def _id_of(public: dict[str, Any], key: str, text: Any) -> str:
    for entry in public.get(key) or ():
        if entry["text"] == text:
            return entry["id"]
    shown = [entry["text"] for entry in public.get(key) or ()]
    raise AssertionError(f"question {public['id']!r} shows no {key[:-1]} {text!r} in {shown}")


def by_text(question: Any, answer: Any) -> Any:
    """``answer``, written with texts, as the response a client sends for this question of
    an attempt: a choice's text (or a list of them) becomes the choice's id, a matching
    answer ``{item text: option text}`` the ids of both, an ordering answer (item texts in
    order) the items' ids; typed answers stay as they are.  Attempts show ids of their own,
    so tests never write a literal id such as "a"."""
    public = public_form(question)
    if "choices" in public:
        if isinstance(answer, list | tuple):
            return [_id_of(public, "choices", text) for text in answer]
        return _id_of(public, "choices", answer) if answer is not None else None
    if "options" in public and isinstance(answer, dict):
        return {
            _id_of(public, "items", item): (_id_of(public, "options", option) if option else "")
            for item, option in answer.items()
        }
    if "items" in public and isinstance(answer, list | tuple):
        return [_id_of(public, "items", text) for text in answer]
    return answer


def _text_of(public: dict[str, Any], key: str, shown_id: Any) -> Any:
    for entry in public.get(key) or ():
        if entry["id"] == shown_id:
            return entry["text"]
    raise AssertionError(f"question {public['id']!r} shows no {key[:-1]} {shown_id!r}")


def as_text(question: Any, response: Any) -> Any:
    """A response as the attempt shows it (its ids), written with texts: ``by_text`` undone."""
    public = public_form(question)
    if response is None:
        return None
    if "choices" in public:
        if isinstance(response, list | tuple):
            return [_text_of(public, "choices", shown) for shown in response]
        return _text_of(public, "choices", response)
    if "options" in public and isinstance(response, dict):
        return {
            _text_of(public, "items", item): _text_of(public, "options", option)
            for item, option in response.items()
        }
    if "items" in public and isinstance(response, list | tuple):
        return [_text_of(public, "items", shown) for shown in response]
    return response


def shown_question(session, attempt_id: int, key: str) -> dict[str, Any] | None:
    """The public form of question ``key`` of an attempt, as its student sees it (with the
    attempt's ids), read without any side effect (an expired attempt stays as it is); None
    when the attempt has no such question."""
    from quizapp.models import Attempt, AttemptQuestion
    from quizapp.services.quizzes.results import attempt_ids

    attempt = session.get(Attempt, attempt_id)
    row = session.execute(
        select(AttemptQuestion).where(
            AttemptQuestion.attempt_id == attempt_id, AttemptQuestion.question_key == key
        )
    ).scalar_one_or_none()
    if attempt is None or row is None:
        return None
    return attempt_ids(attempt, row, row.to_model()).shown().public_dict()


def as_shown(session, attempt_id: int, key: str, response: Any) -> Any:
    """A response written with a question's real ids (``correct_response()``, say), in the
    names the attempt shows: what only the server (and a test) can work out."""
    from quizapp.models import Attempt, AttemptQuestion
    from quizapp.services.quizzes.results import attempt_ids

    attempt = session.get(Attempt, attempt_id)
    row = session.execute(
        select(AttemptQuestion).where(
            AttemptQuestion.attempt_id == attempt_id, AttemptQuestion.question_key == key
        )
    ).scalar_one()
    return attempt_ids(attempt, row, row.to_model()).response_out(response)


def find_question(attempt: Any, key: str) -> Any:
    """The question ``key`` of an attempt: from the API's attempt (a dict) or a service's
    view."""
    questions = attempt["questions"] if isinstance(attempt, dict) else attempt.questions
    for question in questions:
        if (question["id"] if isinstance(question, dict) else question.key) == key:
            return question
    raise AssertionError(f"the attempt has no question {key!r}")


def mc(question_id: str, category: str = "place", *, card_id: str | None = None) -> dict:
    """A simple multiple-choice question whose right answer is "Right" (id ``a``)."""
    data: dict[str, Any] = {
        "id": question_id,
        "type": "multiple_choice",
        "prompt": f"Question {question_id}?",
        "category": category,
        "choices": [
            {"id": "a", "text": "Right", "weight": 1},
            {"id": "b", "text": "Wrong", "weight": 0},
            {"id": "c", "text": "Half", "weight": 0.5},
            {"id": "d", "text": "Also wrong", "weight": 0},
        ],
    }
    if card_id:
        data["card_id"] = card_id
    return data


DEFAULT_OPTIONS = {"shuffle_questions": False, "shuffle_choices": False}


def make_set(app, factories, questions: list[dict], *, owner_id=None, public=True, **options):
    """A saved set with quiz options (no shuffling unless asked); returns its id."""
    set_id = factories.question_set(questions=questions, owner_id=owner_id, public=public)
    settings = {**DEFAULT_OPTIONS, **options}
    with app.app_context():
        question_set = db.session.get(QuestionSet, set_id)
        for key, value in settings.items():
            setattr(question_set, key, value)
        db.session.commit()
    return set_id


def user(session, ref) -> User:
    """The User row of a factory's ``UserRef``."""
    return session.get(User, ref.id)


def seed_live_app(app, *, email: str, password: str, questions: list[dict], name: str, **options):
    """For the browser tests: an account and a set, made with the services; returns set id."""
    from question_bank.sets import QuestionSet as BankSet
    from question_bank.types import question_from_dict
    from quizapp.services import accounts, question_sets
    from quizapp.services.accounts import HashSettings

    with app.app_context():
        now = app.extensions["clock"].now()
        accounts.create_user(
            db.session,
            email=email,
            password=password,
            now=now,
            hashing=HashSettings(time_cost=1, memory_kib=1024),
        )
        bank = BankSet(
            name=name,
            description="Made by a browser test.",
            questions=tuple(question_from_dict(q) for q in questions),
        )
        set_id = question_sets.save_new_set(db.session, bank, owner_id=None, now=now).set_id
        question_set = db.session.get(QuestionSet, set_id)
        for key, value in {**DEFAULT_OPTIONS, **options}.items():
            setattr(question_set, key, value)
        db.session.commit()
        return set_id


@contextmanager
def counted_statements(app) -> Iterator[list[str]]:
    """The SQL statements the app runs inside the block, one per cursor execution."""
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def record(_connection, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def count_models_built(monkeypatch) -> list[str]:
    """From now on, the key of every attempt question rebuilt into its question model (from
    an ORM row or from a plain row: ``quizzes.rows``)."""
    from quizapp.models import AttemptQuestion
    from quizapp.services.quizzes.rows import QuestionRow

    built: list[str] = []
    for cls in (AttemptQuestion, QuestionRow):
        to_model = cls.to_model

        def counting(row, to_model=to_model):
            built.append(row.question_key)
            return to_model(row)

        monkeypatch.setattr(cls, "to_model", counting)
    return built


# ------------------------------------------------------------- a question page's form


class _FormReader(HTMLParser):
    """The fields of a question page: inputs, dropdowns with their options, and labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inputs: list[dict[str, str | None]] = []
        self.selects: list[dict[str, Any]] = []
        self.labels: dict[str, str] = {}
        self._label: str | None = None
        self._label_text: list[str] = []
        self._option: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "input":
            self.inputs.append(values)
        elif tag == "select":
            self.selects.append({**values, "options": []})
        elif tag == "option" and self.selects:
            self._option = {**values, "text": ""}
            self.selects[-1]["options"].append(self._option)
        elif tag == "label":
            self._label, self._label_text = values.get("for"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._label:
            self.labels[self._label] = " ".join("".join(self._label_text).split())
            self._label = None
        elif tag == "option":
            self._option = None

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._label_text.append(data)
        if self._option is not None:
            self._option["text"] += data


def _label(reader: _FormReader, element: dict[str, Any]) -> str:
    text = reader.labels.get(element.get("id") or "", "")
    return text.removeprefix("Place of: ")


def page_form(html: str, answer: Any) -> dict[str, Any]:
    """The form a question page posts for ``answer``, written with the texts the page shows
    (a choice's label, ``{item: option}`` for matching, item texts in order for ordering,
    typed text, a list for cloze blanks), read from the page: the ids in it are the
    attempt's own."""
    reader = _FormReader()
    reader.feed(html)
    shape = next(i["value"] for i in reader.inputs if i.get("name") == "response_shape")
    data: dict[str, Any] = {"response_shape": shape}
    choices = [i for i in reader.inputs if i.get("type") in ("radio", "checkbox")]
    if choices:
        by_label = {_label(reader, i): i["value"] for i in choices}
        if isinstance(answer, list | tuple):
            data["response"] = [by_label[text] for text in answer]
        else:
            data["response"] = by_label[answer]
        return data
    if reader.selects and isinstance(answer, dict):  # matching: an option per item
        for select in reader.selects:
            chosen = answer.get(_label(reader, select))
            if chosen is not None:
                options = {o["text"]: o["value"] for o in select["options"]}
                data[select["name"]] = options[chosen] if chosen else ""
        return data
    if reader.selects and isinstance(answer, list | tuple):  # ordering: a place per item
        for select in reader.selects:
            data[select["name"]] = str(answer.index(_label(reader, select)) + 1)
        return data
    if shape == "list":
        for index, text in enumerate(answer):
            data[f"response.{index}"] = text
        return data
    data["response"] = answer
    return data


def shown_answer(html: str) -> list[str]:
    """What a question page shows as chosen: the labels of the checked choices, or
    ``item: option`` for each dropdown with an option selected."""
    reader = _FormReader()
    reader.feed(html)
    chosen = [
        _label(reader, i)
        for i in reader.inputs
        if i.get("type") in ("radio", "checkbox") and "checked" in i
    ]
    for dropdown in reader.selects:
        for option in dropdown["options"]:
            if "selected" in option and option.get("value"):
                chosen.append(f"{_label(reader, dropdown)}: {option['text']}")
    return chosen
