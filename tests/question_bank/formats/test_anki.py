import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from question_bank.formats import anki
from question_bank.sets import Card, QuestionSet
from question_bank.types import Source
from tests.question_bank.formats.samples import all_questions, sample_set


def open_collection(data: bytes, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        assert json.loads(archive.read("media")) == {}
        path = tmp_path / "collection.anki2"
        path.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(path)


@pytest.fixture
def collection(tmp_path):
    connections = []

    def opener(question_set: QuestionSet) -> sqlite3.Connection:
        folder = tmp_path / f"package-{len(connections)}"
        folder.mkdir()
        connection = open_collection(anki.dump(question_set), folder)
        connections.append(connection)
        return connection

    yield opener
    for connection in connections:
        connection.close()


def test_one_note_per_card(collection):
    question_set = sample_set()
    db = collection(question_set)
    assert db.execute("select count(*) from notes").fetchone() == (2,)
    assert db.execute("select count(*) from cards").fetchone() == (2,)
    fields = [row[0].split("\x1f") for row in db.execute("select flds from notes order by id")]
    assert fields == [
        ["Capital of Türkiye", "Ankara", "Ankara is the capital of Türkiye."],
        ["Republic founded", "1923", ""],
    ]
    tags = [row[0] for row in db.execute("select tags from notes order by id")]
    assert tags == [" geography category::place ", " category::date "]


def test_deck_and_note_type(collection):
    db = collection(sample_set())
    decks = json.loads(db.execute("select decks from col").fetchone()[0])
    deck = decks[str(anki.deck_id("Early republic"))]
    assert deck["name"] == "Early republic"
    models = json.loads(db.execute("select models from col").fetchone()[0])
    model = models[str(anki.model_id("Early republic"))]
    assert [f["name"] for f in model["flds"]] == ["Front", "Back", "Source"]
    assert "{{Source}}" in model["tmpls"][0]["afmt"]


def test_cards_derived_from_questions_when_the_set_has_none(collection):
    question_set = QuestionSet(name="Derived", questions=tuple(all_questions()))
    db = collection(question_set)
    count = db.execute("select count(*) from notes").fetchone()[0]
    assert count == len(question_set.effective_cards()) == 7
    fronts = [row[0].split("\x1f")[0] for row in db.execute("select flds from notes")]
    # Markup of HTML and Markdown prompts is removed; a matching question is a card per
    # pair, a multiple-response or true/false question none; a cloze question is a note of
    # the Cloze type.
    assert "Ankara: its region" in fronts
    assert not any("led Türkiye" in front or "founded in 1923" in front for front in fronts)
    assert "The Treaty of {{c1::Lausanne}} was signed in {{c1::1923}}." in fronts
    kinds = db.execute(
        "select count(*) from notes join cards on cards.nid = notes.id group by notes.mid"
    ).fetchall()
    assert sorted(count for (count,) in kinds) == [1, 6]


def test_fields_are_escaped_html_with_line_breaks(collection):
    card = Card(id="c", front="Is 1 < 2 & <b>bold</b>?", back="yes\nreally", tags=("two words",))
    db = collection(QuestionSet(name="Escaping", cards=(card,)))
    flds, tags = db.execute("select flds, tags from notes").fetchone()
    assert flds.split("\x1f")[:2] == ["Is 1 &lt; 2 &amp; &lt;b&gt;bold&lt;/b&gt;?", "yes<br>really"]
    assert tags == " two_words "


def test_output_is_deterministic():
    assert anki.dump(sample_set()) == anki.dump(sample_set())


def test_ids_come_from_the_set_name():
    assert anki.deck_id("A") == anki.deck_id("A") != anki.deck_id("B")
    assert anki.model_id("A") != anki.deck_id("A")
    for name in ("A", "B", "Early republic", ""):
        assert 1 << 30 <= anki.deck_id(name) < 1 << 31
        assert 1 << 30 <= anki.model_id(name) < 1 << 31
    assert anki.dump(sample_set()) != anki.dump(sample_set(name="Other"))


def test_note_guids_are_stable_per_card(collection, tmp_path):
    first = collection(sample_set())
    guids = [row[0] for row in first.execute("select guid from notes order by id")]
    changed = sample_set(
        cards=(Card(id="card-capital", front="Capital?", back="Ankara", source=Source("q", 0, 1)),)
    )
    (tmp_path / "second").mkdir()
    second = open_collection(anki.dump(changed), tmp_path / "second")
    try:
        assert second.execute("select guid from notes").fetchone()[0] == guids[0]
    finally:
        second.close()


def test_empty_set_gives_an_empty_package(collection):
    db = collection(QuestionSet(name="Empty"))
    assert db.execute("select count(*) from notes").fetchone() == (0,)
