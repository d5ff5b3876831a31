"""The contract every registered question type keeps, run for each entry of the registry.

For a type's ``sample()``: it is a valid question that survives its own schema; every file
format that claims the type writes it and reads it back unchanged (as far as the format
carries the fields); every format that does not claim it refuses it with an error naming
both; its public form holds no answer and fits its OpenAPI fragment; the keys it declares
shuffled come in a new order from one attempt to the next, and the others do not move; over
400 attempts the ids and the order a student sees tell no more about the right response than
a showing drawn at random (``check_ids_and_order_say_nothing``); and its editor schema opens
it and builds it back unchanged from the form's values.
The app's side (templates, the API) is in ``tests/quizapp/test_type_contract.py``.

A type registered by a test (``throwaway.py``) goes through the same checks with no other
edit: ``test_a_type_registered_in_a_test_goes_through_the_contract``.
"""

from __future__ import annotations

import html
import io
import json
import random
import sqlite3
import zipfile
from collections.abc import Callable
from typing import Any

import jsonschema_rs
import pytest

from question_bank import cloze_marks, media
from question_bank import types as registry
from question_bank.formats import FORMATS, aiken, json_format, moodle_xml, tabular
from question_bank.formats.base import ParseResult, export_cards
from question_bank.media import MediaFile
from question_bank.sets import QuestionSet
from question_bank.types import Question, UnsupportedType, editing
from question_bank.types.editor_fields import Rows
from question_bank.types.public_ids import AttemptIds
from tests.question_bank.images import png
from tests.question_bank.types.throwaway import Year, registered

#: The formats whose codecs a type lists (``Question.codecs``), by name.
QUESTION_FORMATS = ("gift", "moodlexml", "json", "aiken")
#: What each format does not carry, left out when comparing a question read back.
NOT_CARRIED = {"gift": ("source", "card_id"), "moodlexml": (), "json": ()}
#: Keys that only hold answers: never in a public form, at any depth.
SECRET_KEYS = {
    "weight",
    "accepted",
    "answer_display",
    "numeric",
    "pairs",
    "option_id",
    "feedback",
    "general_feedback",
    "source",
    "card_id",
    "correct",
    "order",
    "shown",
    "grading",
    "tolerance",
}
SEEDS = range(20)


def one_set(question: Question) -> QuestionSet:
    return QuestionSet(name="Contract", description="One question.", questions=(question,))


def comparable(question: Question, *leave_out: str) -> dict[str, Any]:
    data = question.to_dict()
    for key in leave_out:
        data.pop(key, None)
    return data


def parsed(result: ParseResult) -> list[Question]:
    assert result.errors == [], result.errors
    return result.questions


def claims(cls: type[Question], format_name: str) -> bool:
    """Does ``format_name`` hold questions of this type?  The question formats when the type
    has their codec (Aiken: and can write its sample); the flashcard formats (CSV, Anki)
    hold every question that implies a card."""
    sample = cls.sample()
    if format_name in QUESTION_FORMATS:
        if format_name == "aiken":
            return aiken.options(sample) is not None
        return format_name in cls.codecs
    return bool(sample.cards())


def anki_fields(card) -> tuple[str, ...]:
    """The fields of a card's Anki note: Front, Back, Source; a cloze card's Text (its
    deletions numbered c1: one Anki card hides them all), Back Extra, Source."""
    source = card.source.quote if card.source else ""
    if card.cloze:
        return (cloze_marks.as_single_number(card.cloze), card.extra, source)
    return (card.front, card.back, source)


def anki_notes(package: bytes) -> list[tuple[str, ...]]:
    """(front, back, source) of every note of an ``.apkg``, as plain text."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        database = archive.read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(database)
        rows = connection.execute("SELECT flds FROM notes ORDER BY id").fetchall()
    finally:
        connection.close()
    return [
        tuple(html.unescape(field.replace("<br>", "\n")) for field in flds.split("\x1f"))
        for (flds,) in rows
    ]


def secret_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return (set(value) & SECRET_KEYS) | {k for v in value.values() for k in secret_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in secret_keys(v)}
    return set()


def _entries(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def ids_of(public: dict[str, Any], key: str) -> list[str]:
    return [entry["id"] for entry in public[key]]


# ------------------------------------------------------------------------------ checks


def check_sample(cls: type[Question]) -> None:
    sample = cls.sample()
    assert type(sample) is cls
    assert sample.type_name in registry.QUESTION_TYPES
    assert sample.problems() == []
    data = json.loads(json.dumps(sample.to_dict()))
    assert registry.question_from_dict(data) == sample
    if cls.answerable and cls.gradable:
        response = sample.parse_response(json.loads(json.dumps(sample.correct_response())))
        assert sample.grade(response).score == 1.0


def enriched(sample: Question, *, files: bool = True) -> Question:
    """The sample with what any instructor's set may add: its own category (a path), points
    other than the default, and an image."""
    changes: dict[str, Any] = {"category": "Biology/Cells and tissues"}
    if sample.answerable:
        changes["points"] = 2.5
    if files:
        changes["files"] = (MediaFile.from_bytes("cell diagram.png", png()),)
    return sample.replace(**changes)


def check_round_trips(cls: type[Question]) -> None:
    """parse(dump(x)) == x through every format that claims the type, with points, images
    and the set's own categories (GIFT carries no images: it refuses them)."""
    sample = cls.sample()
    question_set = one_set(sample)
    for name in ("gift", "moodlexml", "json"):
        if claims(cls, name):
            chosen = FORMATS[name]
            leave_out = NOT_CARRIED[name]
            for original in (sample, enriched(sample, files=name != "gift")):
                text = chosen.dump(one_set(original))
                [back] = parsed(chosen.parse(text, set_name="Contract"))
                assert comparable(back, *leave_out) == comparable(original, *leave_out), name
    if claims(cls, "gift"):
        with pytest.raises(UnsupportedType, match="GIFT cannot carry images"):
            FORMATS["gift"].dump(one_set(enriched(sample)))
    if claims(cls, "aiken"):
        [back] = parsed(aiken.parse(aiken.dump(question_set)))
        assert back.type_name == sample.type_name
        assert back.prompt == sample.prompt
        assert [(c.text, c.weight) for c in back.choices] == [
            (c.text, c.weight) for c in sample.choices
        ]
    cards = export_cards(question_set)
    if claims(cls, "csv"):
        result = tabular.parse_csv(tabular.dump(question_set))
        assert [
            (c.front, c.back, c.category, c.tags, c.source.quote if c.source else None)
            for c in parsed(result) and result.cards
        ] == [
            (c.front, c.back, c.category, c.tags, c.source.quote if c.source else None)
            for c in cards
        ]
    if claims(cls, "apkg"):
        notes = anki_notes(FORMATS["apkg"].dump(question_set))
        assert notes == [anki_fields(c) for c in cards]


#: Texts of the interchange dict that could show an image, by path (see
#: ``Question.image_texts``); a type that has one must declare it, unless it is listed in
#: ``NOT_IMAGES`` with the reason.
CANDIDATE_IMAGE_TEXTS = (
    "prompt",
    "general_feedback",
    "other_feedback",
    "choices.text",
    "choices.feedback",
    "items.text",
    "pairs.item",
    "accepted.feedback",
    "numeric.feedback",
)
NOT_IMAGES = {("true_false", "choices.text")}  # the words True and False, as Moodle has them


def _has_path(data: dict[str, Any], path: str) -> bool:
    key, _, inner = path.partition(".")
    if not inner:
        return isinstance(data.get(key), str)
    return any(isinstance(entry, dict) and inner in entry for entry in data.get(key) or ())


def with_images(sample: Question) -> tuple[Question, dict[str, str]]:
    """The sample with its own image in every text its type says may show one: the prompt
    keeps its words and gets a picture, every other text becomes the picture alone (an
    image-only choice or item, the worst case).  The question's text is HTML, as feedback
    that shows an image is written as its question is.  Returns the question and, for
    each path, the name of its file."""
    data = sample.to_dict()
    data["text_format"] = "html"
    files, names = [], {}
    for number, path in enumerate(type(sample).image_texts, start=1):
        # A key of the question may be left out of the dict when empty (other_feedback).
        assert "." not in path or _has_path(data, path), f"{sample.type_name}: no {path!r}"
        name = f"picture {number}.png"
        files.append(MediaFile.from_bytes(name, png(2, 2, (40 * number % 256, 90, 160))))
        names[path] = name
        tag = f'<img src="{media.plugin_url(name)}" alt="picture {number}">'
        key, _, inner = path.partition(".")
        if not inner:
            data[key] = f"<p>{html.escape(data[key])}</p>{tag}" if key == "prompt" else tag
            assert key in registry.question_from_dict(data).to_dict(), f"no {key!r} kept"
            continue
        entry = next(e for e in data[key] if e.get(inner) or inner.endswith("feedback"))
        entry[inner] = tag
        if not inner.endswith("feedback"):  # a choice's or an item's own format
            entry[f"{inner}_format"] = "html"
    data["files"] = [f.to_dict() for f in files]
    return registry.question_from_dict(data), names


def _text_at(data: dict[str, Any], path: str) -> str:
    key, _, inner = path.partition(".")
    if not inner:
        return data[key]
    return " ".join(str(e.get(inner, "")) for e in data[key])


def check_images(cls: type[Question]) -> None:
    """Every text that may show an image is declared (``image_texts``), and each keeps its
    picture through every format that claims the type: Moodle XML and JSON give back the
    same question, the same file names and the same bytes, each text still showing its own
    file; GIFT refuses the question; the answer as said stays plain text."""
    sample = cls.sample()
    declared = set(cls.image_texts)
    for path in CANDIDATE_IMAGE_TEXTS:
        if _has_path(sample.to_dict(), path) and (cls.type_name, path) not in NOT_IMAGES:
            assert path in declared, f"{cls.type_name}: {path} may show an image: declare it"
    question, names = with_images(sample)
    assert question.problems() == [], question.problems()
    assert "<img" not in question.default_answer_display()
    for name in ("moodlexml", "json"):
        if not claims(cls, name):
            continue
        chosen = FORMATS[name]
        [back] = parsed(chosen.parse(chosen.dump(one_set(question)), set_name="Contract"))
        assert comparable(back) == comparable(question), name
        assert [(f.name, f.data) for f in back.files] == [(f.name, f.data) for f in question.files]
        shown = back.to_dict()
        for path, file_name in names.items():
            assert file_name in media.referenced_names(_text_at(shown, path)), (name, path)
    if claims(cls, "gift"):
        with pytest.raises(UnsupportedType, match="GIFT cannot carry images"):
            FORMATS["gift"].dump(one_set(question))


def check_unclaimed_formats(cls: type[Question]) -> None:
    """A format that does not claim the type says so, naming both: never a silent essay."""
    sample = cls.sample()
    question_set = one_set(sample)
    for name in ("gift", "moodlexml", "json"):
        if claims(cls, name):
            continue
        chosen = FORMATS[name]
        with pytest.raises(UnsupportedType) as raised:
            chosen.dump(question_set)
        assert chosen.label in str(raised.value) or name in str(raised.value)
        assert cls.type_name in str(raised.value)
    if "aiken" not in cls.codecs:
        with pytest.raises(UnsupportedType, match="Aiken holds multiple choice questions only"):
            aiken.codec(sample)
    if not claims(cls, "aiken"):
        assert aiken.dump_with_skipped(question_set)[1] == [sample]
    if not claims(cls, "csv"):  # nothing to remember: no flashcard, no row, no note
        assert tabular.dump(question_set).splitlines() == ["question,answer,category,tags"]
        assert anki_notes(FORMATS["apkg"].dump(question_set)) == []
    # Files holding a question of a type the format does not read: an error with its line.
    if not claims(cls, "json"):
        text = json_format.dump(QuestionSet(name="S")).replace(
            '"questions": []', '"questions": [\n' + json.dumps(sample.to_dict()) + "\n]"
        )
        result = json_format.parse(text)
        assert not result.questions
        assert any(cls.type_name in e.message and e.line for e in result.errors), result.errors
    if not claims(cls, "moodlexml"):
        question = f'<question type="{cls.type_name}"><name><text>Q</text></name></question>'
        text = f"<quiz>\n{question}\n</quiz>"
        result = moodle_xml.parse(text)
        [skipped] = result.skipped  # skipped with its line and reason, never an essay
        assert result.errors == [] and not result.importable
        assert skipped.line == 2
        assert f'"{cls.type_name}" is not supported' in skipped.message


def check_public_form(cls: type[Question]) -> None:
    """The public form fits the type's schema (which allows nothing more) and holds no
    answer, before an attempt and in one; in an attempt it never lists a shuffled key in
    the order of the right response."""
    sample = cls.sample()
    validator = jsonschema_rs.validator_for(cls.public_schema())
    right = sample.correct_response()
    for seed in SEEDS:
        for question in (sample, sample.shuffled(random.Random(seed))):
            public = json.loads(json.dumps(question.public_dict()))
            validator.validate(public)
            assert secret_keys(public) == set()
            # The feedback and the answer as said are not shown (a choice question's answer
            # is one of its choices: which one is the secret, kept by the keys above).
            shown = {entry.get("text") for key in public for entry in _entries(public[key])}
            text = json.dumps(public, ensure_ascii=False)
            for secret in (question.general_feedback, question.answer_display):
                assert not secret or secret in shown or secret not in text, secret
    for seed in SEEDS:
        public = sample.shuffled(random.Random(seed)).public_dict()
        for key in cls.shuffled_keys:
            ids = ids_of(public, key)
            if isinstance(right, list) and len(ids) >= 2 and sorted(right) == sorted(ids):
                assert ids != right, f"{key} shown in the right order (seed {seed})"


def check_response_schema(cls: type[Question]) -> None:
    """A canonical response fits the type's response schema (the right one; an essay has
    none: any text)."""
    assert cls.response_doc
    if not (cls.answerable and cls.gradable):
        return
    sample = cls.sample()
    validator = jsonschema_rs.validator_for(dict(cls.response_schema))
    right = sample.parse_response(json.loads(json.dumps(sample.correct_response())))
    validator.validate(json.loads(json.dumps(right)))


def check_shuffling(cls: type[Question]) -> None:
    """``shuffled`` is pure, keeps the question gradable, and shuffles exactly the keys the
    type declares: over several seeds their order differs, the other keys never move."""
    sample = cls.sample()
    plain = sample.public_dict()
    for key in cls.shuffled_keys:
        assert isinstance(plain.get(key), list), key
    orders: dict[str, set[tuple[str, ...]]] = {key: set() for key in cls.shuffled_keys}
    for seed in SEEDS:
        shuffled = sample.shuffled(random.Random(seed))
        assert shuffled == sample.shuffled(random.Random(seed))
        assert registry.question_from_dict(shuffled.to_dict()) == shuffled
        assert shuffled.problems() == []
        if cls.answerable and cls.gradable:
            assert shuffled.grade(shuffled.correct_response()).score == 1.0
        public = shuffled.public_dict()
        for key, value in public.items():
            if key in cls.shuffled_keys:
                assert sorted(ids_of(public, key)) == sorted(ids_of(plain, key))
                orders[key].add(tuple(ids_of(public, key)))
            else:
                assert value == plain[key], key
    for key, seen in orders.items():
        assert len(seen) > 1, f"{cls.type_name}: {key} is declared shuffled but never moves"


# ------------------------------------------------------- ids and order say nothing

#: Attempts drawn per type to compare what a student sees with a uniformly random showing.
ATTEMPTS = 400
#: How much more often than under a uniformly random showing (ids and order drawn afresh)
#: one value of a feature may come up: 10 points, some 5 standard deviations at 400 draws.
TOLERANCE = 0.10


def _shown_lists(public: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The lists of ``{"id", "text"}`` entries of a public form, by key."""
    return {
        key: value
        for key, value in public.items()
        if isinstance(value, list) and value and all(isinstance(e, dict) for e in value)
    }


def _tokens(response: Any) -> list[str]:
    """The ids a response names, in its order (a matching object: item, option, item...)."""
    if isinstance(response, dict):
        return [str(t) for pair in response.items() for t in pair]
    if isinstance(response, list | tuple):
        return [t for item in response for t in _tokens(item)]
    return [str(response)] if response is not None else []


def _features(lists: dict[str, list[str]], key: list[str]) -> dict[tuple, Any]:
    """What a student could read from the ids and the order alone about the right response
    ``key``: where each of its ids stands, how its id sorts among the list's ids, and how far
    each stands from the next one of the response (a matching item and its option...)."""
    where: dict[str, tuple[str, int, int]] = {}
    for name, ids in lists.items():
        ranks = {shown: rank for rank, shown in enumerate(sorted(ids))}
        for index, shown in enumerate(ids):
            where[shown] = (name, index, ranks[shown])
    located = [where[token] for token in key if token in where]
    found: dict[tuple, Any] = {}
    for n, (name, index, rank) in enumerate(located):
        found[("place", n, name)] = index
        found[("rank", n, name)] = rank
    for n, (first, second) in enumerate(zip(located, located[1:], strict=False)):
        found[("place apart", n)] = second[1] - first[1]
        found[("rank apart", n)] = second[2] - first[2]
    return found


def _most_common_share(values: list[Any]) -> float:
    return max(values.count(v) for v in set(values)) / len(values) if values else 0.0


def check_ids_and_order_say_nothing(cls: type[Question]) -> None:
    """Over many attempts, the ids and the order of what a student sees tell no more about
    the right response than a showing drawn uniformly at random would: for each feature (the
    place or the rank of each id of the right response, the distance between consecutive
    ones), the most common value comes up no more often than it would by chance, give or
    take ``TOLERANCE``.  The ids an attempt renames are never the file's, differ from one
    attempt to the next, stay the same within one, and map back to the same grade.  A list
    whose ids are not renamed must be ids that are their own text (true/false)."""
    sample = cls.sample()
    real_ids = {real for ids in sample.public_ids().values() for real in ids}
    chance = random.Random(12345)
    seen: dict[tuple, list[Any]] = {}
    baseline: dict[tuple, list[Any]] = {}
    names_of: dict[str, set[str]] = {}
    for seed in range(ATTEMPTS):
        rng = random.Random(seed)
        shuffled = sample.shuffled(rng, shuffle_answers=True)
        key = rng.randbytes(32)
        ids = AttemptIds(shuffled, key, sample.id)
        shown = ids.shown()
        assert AttemptIds(shuffled, key, sample.id).shown() == shown  # stable in an attempt
        public = json.loads(json.dumps(shown.public_dict()))
        lists = _shown_lists(public)
        plain_lists = _shown_lists(json.loads(json.dumps(shuffled.public_dict())))
        renamed: dict[str, list[str]] = {}
        for name, entries in lists.items():
            shown_ids = [e["id"] for e in entries]
            if shown_ids == [e["id"] for e in plain_lists[name]]:  # not renamed: labels
                assert all(e["id"] == e["text"].casefold() for e in entries), (name, entries)
                continue
            assert not set(shown_ids) & real_ids, f"{name} shows the file's ids"
            renamed[name] = shown_ids
        if not (cls.answerable and cls.gradable):
            continue
        right = shuffled.correct_response()
        shown_right = ids.response_out(right)
        assert shown_right == json.loads(json.dumps(shown.correct_response()))
        assert ids.response_in(shown_right) == right  # back to the real ids
        assert shown.grade(shown_right) == shuffled.grade(right)
        # The right response in the file's order (not the order shown, which would make the
        # first id of a list or an object the first one shown), under the attempt's names.
        key_in_file_order = ids.response_out(sample.correct_response())
        assert shown.grade(key_in_file_order).score == 1.0
        for kind, reals in shuffled.public_ids().items():
            for real in reals:
                names_of.setdefault(real, set()).add(ids.public(kind, real))
        tokens = _tokens(key_in_file_order)
        for feature, value in _features(renamed, tokens).items():
            seen.setdefault(feature, []).append(value)
        # The same attempt shown at random: every renamed list in an order drawn afresh, under
        # names drawn afresh.
        fresh: dict[str, str] = {}
        random_lists = {}
        for name, shown_ids in renamed.items():
            order = chance.sample(shown_ids, len(shown_ids))
            random_lists[name] = [fresh.setdefault(i, chance.randbytes(8).hex()) for i in order]
        random_tokens = [fresh.get(token, token) for token in tokens]
        for feature, value in _features(random_lists, random_tokens).items():
            baseline.setdefault(feature, []).append(value)
    for real, names in names_of.items():
        assert len(names) > ATTEMPTS * 0.9, f"{real!r} is shown under the same names again"
    assert seen.keys() == baseline.keys()
    for feature, values in seen.items():
        told, by_chance = _most_common_share(values), _most_common_share(baseline[feature])
        assert told <= by_chance + TOLERANCE, (
            f"{cls.type_name}: {feature} of the right response is "
            f"{max(set(values), key=values.count)!r} in {told:.0%} of attempts "
            f"(at random: {by_chance:.0%})"
        )


# ---------------------------------------------------------------------- the editor

#: The kinds of field the app's editor renders (``quizapp.blueprints.instructor.editor_forms``).
EDITOR_KINDS = {
    "text",
    "rich_text",
    "number",
    "select",
    "check",
    "category",
    "tags",
    "rows",
    "files",
}


def _kinds(fields) -> set[str]:
    found = set()
    for field in fields:
        found.add(field.kind)
        if isinstance(field, Rows):
            found |= _kinds(field.columns)
    return found


def without_sources(value: Any) -> Any:
    """``value`` with no quote, flashcard id or image at any depth: what the editor keeps
    from the question it edits, not from its form."""
    hidden = ("source", "card_id", "files")
    if isinstance(value, dict):
        return {k: without_sources(v) for k, v in value.items() if k not in hidden}
    if isinstance(value, list):
        return [without_sources(v) for v in value]
    return value


def check_editor(cls: type[Question]) -> None:
    """The type's editor schema: fields of known kinds, named once; its sample (and the
    sample with an image, points and a category path) opens in the editor and comes back
    unchanged from the form's values (as text, as a browser sends them), with no problem;
    built afresh (no original to keep hidden fields from), it is the
    same question but for what the editor does not show; a new question's defaults read
    without crashing."""
    schema = editing.schema(cls)
    names = [field.name for field in schema]
    assert len(set(names)) == len(names), names
    assert _kinds(schema) <= EDITOR_KINDS, _kinds(schema) - EDITOR_KINDS
    sample = cls.sample()
    for original in (sample, enriched(sample)):  # with points, a category path, an image
        values = json.loads(json.dumps(editing.form_values(original)))
        edited = editing.read_form(cls, values, original=original)
        assert edited.errors == {}
        assert edited.question == original
    values = json.loads(json.dumps(editing.form_values(sample)))
    fresh = editing.read_form(cls, values, question_id=sample.id)
    assert fresh.ok, fresh.errors
    assert without_sources(fresh.question.to_dict()) == without_sources(sample.to_dict())
    new = editing.read_form(cls, editing.new_form_values(cls), question_id="new")
    assert new.question is not None or new.errors


CHECKS: list[Callable[[type[Question]], None]] = [
    check_sample,
    check_round_trips,
    check_images,
    check_unclaimed_formats,
    check_public_form,
    check_response_schema,
    check_shuffling,
    check_ids_and_order_say_nothing,
    check_editor,
]


def run_contract(cls: type[Question]) -> None:
    for check in CHECKS:
        check(cls)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("type_name", list(registry.QUESTION_TYPES))
def test_contract(type_name: str, check: Callable[[type[Question]], None]) -> None:
    check(registry.QUESTION_TYPES[type_name])


# ------------------------------------------------------------------ a type of a test's own


@pytest.fixture
def year_type():
    with registered(Year) as cls:
        yield cls


def test_a_type_registered_in_a_test_goes_through_the_contract(year_type) -> None:
    checked = []
    for type_name, cls in registry.QUESTION_TYPES.items():
        run_contract(cls)
        checked.append(type_name)
    assert "year" in checked
    # It claims JSON only: the others refuse it by name, and its questions travel in JSON.
    assert claims(year_type, "json") and not claims(year_type, "gift")
    with pytest.raises(UnsupportedType, match=r"GIFT cannot hold year questions \(year\)"):
        FORMATS["gift"].dump(one_set(Year.sample()))


def test_a_type_that_breaks_the_contract_is_caught(year_type) -> None:
    """The contract has teeth: a type that leaks its answer, says it shuffles what it does
    not, or whose editor forgets one of its fields, fails it."""

    class Leaky(Year):
        type_name = "leaky_year"

        def public_dict(self) -> dict[str, Any]:
            return {**super().public_dict(), "answer_display": self.answer_display}

    class Still(Year):
        type_name = "still_year"
        shuffled_keys = ("choices",)

        def public_dict(self) -> dict[str, Any]:
            return {**super().public_dict(), "choices": [{"id": "a", "text": "A"}]}

    class Forgetful(Year):
        """Its editor has no field for the year: a question made in it has none."""

        type_name = "forgetful_year"
        editor_fields = ()

    broken_ones = ((Leaky, check_public_form), (Still, check_shuffling), (Forgetful, check_editor))
    for broken, check in broken_ones:
        with registered(broken), pytest.raises((AssertionError, jsonschema_rs.ValidationError)):
            check(broken)
    assert "leaky_year" not in registry.QUESTION_TYPES


class _FileIds(registry.MultipleChoice):
    """Shows the file's choice ids: the right one is always "b"."""

    type_name = "file_ids_choice"

    def public_ids(self) -> dict[str, list[str]]:
        return {}


class _Unshuffled(registry.MultipleChoice):
    """Renames its ids but never moves its choices: the right one is always second."""

    type_name = "unshuffled_choice"

    def shuffled(self, rng: random.Random, *, shuffle_answers: bool = True) -> Question:
        return self


class _OptionsFollowItems(registry.Matching):
    """Lists the options in the order of the items (quizapp's matching before issue 16 would
    have, without sorting them): the k-th option goes with the k-th item."""

    type_name = "options_follow_items"

    def shuffled(self, rng: random.Random, *, shuffle_answers: bool = True) -> Question:
        pairs = list(self.pairs)
        rng.shuffle(pairs)
        options = list(dict.fromkeys(p.option_id for p in pairs))
        return self.replace(pairs=tuple(pairs), shown_options=tuple(options))


@pytest.mark.parametrize("broken", [_FileIds, _Unshuffled, _OptionsFollowItems])
def test_ids_or_order_that_tell_the_answer_are_caught(broken) -> None:
    with registered(broken), pytest.raises(AssertionError):
        check_ids_and_order_say_nothing(broken)


def test_registering_a_second_type_under_a_known_name_is_refused(year_type) -> None:
    class Other(Year):
        pass

    with pytest.raises(ValueError, match="already registered"):
        registry.register(Other)
    assert registry.QUESTION_TYPES["year"] is Year
