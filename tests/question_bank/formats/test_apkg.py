"""Anki packages in: real ``.apkg`` files made here with Anki's own library (notes of every
stock type, an image, a review), read back as flashcards, questions and review history."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from anki.collection import Collection, ExportAnkiPackageOptions

from question_bank.formats import FORMATS, anki, apkg, parse_upload
from question_bank.media import MediaFile
from question_bank.sets import Card, QuestionSet
from question_bank.types import Cloze, ShortAnswer
from tests.question_bank.images import png


def _note(collection: Collection, deck: int, model: str, fields: list[str], tags=()):
    note = collection.new_note(collection.models.by_name(model))
    for index, value in enumerate(fields):
        note.fields[index] = value
    note.tags = list(tags)
    collection.add_note(note, deck)
    return note


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("anki")
    collection = Collection(os.fspath(folder / "collection.anki2"))
    try:
        collection.media.write_data("cell.png", png())
        deck = collection.decks.id("Biology::Cells")
        basic = _note(
            collection, deck, "Basic", ["Powerhouse of the cell?", "mitochondria"], ["bio"]
        )
        _note(collection, deck, "Basic (and reversed card)", ["Nucleus", "Holds the DNA"])
        _note(
            collection, deck, "Basic (optional reversed card)", ["Ribosome", "Makes proteins", "y"]
        )
        _note(collection, deck, "Basic (optional reversed card)", ["Vacuole", "Stores water", ""])
        _note(collection, deck, "Basic (type in the answer)", ["Symbol of sodium?", "Na"])
        _note(
            collection, deck, "Cloze", ["The {{c1::nucleus}} holds the {{c2::DNA::molecule}}.", "x"]
        )
        _note(
            collection,
            deck,
            "Basic",
            [
                'What is this? <img src="cell.png">',
                "A plant cell seen under a microscope, walls and all",
            ],
        )
        # One review of the first card: 6 seconds, rated Good.
        card_id = basic.cards()[0].id
        collection.db.execute(
            "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
            "values (?, ?, -1, 3, 1, 0, 2500, 6000, 0)",
            1_700_000_000_000,
            card_id,
        )
        out = folder / "deck.apkg"
        options = ExportAnkiPackageOptions(
            with_scheduling=True, with_media=True, with_deck_configs=False, legacy=False
        )
        assert collection.export_anki_package(out_path=os.fspath(out), options=options, limit=None)
    finally:
        collection.close()
    return out.read_bytes()


def test_every_stock_note_type_becomes_its_cards(package: bytes) -> None:
    result = apkg.parse(package, "Cells")
    assert result.errors == [] and result.ok
    cards = [(c.front, c.back) for c in result.cards]
    assert cards == [
        ("Powerhouse of the cell?", "mitochondria"),
        ("Nucleus", "Holds the DNA"),
        ("Holds the DNA", "Nucleus"),  # the reversed card
        ("Ribosome", "Makes proteins"),
        ("Makes proteins", "Ribosome"),  # "Add Reverse" filled
        ("Vacuole", "Stores water"),  # not filled: one card
        ("Symbol of sodium?", "Na"),
        ("The […] holds the DNA.", "nucleus"),  # a cloze card per number
        ("The nucleus holds the [molecule].", "DNA"),
        (
            'What is this? <img src="@@PLUGINFILE@@/cell.png">',
            "A plant cell seen under a microscope, walls and all",
        ),
    ]
    assert [(c.cloze, c.extra) for c in result.cards if c.cloze] == [
        ("The {{c1::nucleus}} holds the DNA.", "x"),
        ("The nucleus holds the {{c1::DNA::molecule}}.", "x"),
    ]
    assert {c.category for c in result.cards} == {"Biology/Cells"}
    assert result.cards[0].tags == ("bio",) and all(c.text_format == "html" for c in result.cards)


def test_questions_where_they_fit(package: bytes) -> None:
    result = apkg.parse(package, "Cells")
    kinds = [(type(q).__name__, q.prompt, q.answer_display) for q in result.questions]
    assert kinds == [
        ("ShortAnswer", "Powerhouse of the cell?", "mitochondria"),
        ("ShortAnswer", "Nucleus", "Holds the DNA"),
        ("ShortAnswer", "Ribosome", "Makes proteins"),
        ("ShortAnswer", "Vacuole", "Stores water"),
        ("ShortAnswer", "Symbol of sodium?", "Na"),
        ("Cloze", "The {{1}} holds the {{2}}.", "nucleus; DNA"),
    ]  # the picture's long back makes a flashcard only
    cloze = next(q for q in result.questions if isinstance(q, Cloze))
    assert cloze.grade(["nucleus", "dna"]).correct
    for question in result.questions:
        assert question.card_id in {c.id for c in result.cards}
        assert isinstance(question, ShortAnswer | Cloze)


def test_media_and_review_history(package: bytes) -> None:
    result = apkg.parse(package, "Cells")
    picture = result.cards[-1]
    assert [(f.name, f.mime, f.data) for f in picture.files] == [("cell.png", "image/png", png())]
    [review] = result.reviews
    assert (review.card_id, review.rating, review.duration_ms) == (result.cards[0].id, 3, 6000)
    assert review.reviewed_at_ms == 1_700_000_000_000


def test_through_the_upload_path_and_bad_packages(package: bytes) -> None:
    result = parse_upload(package, "my deck.apkg")
    assert result.ok and result.sets[0].name == "my deck"
    assert parse_upload(package, "no name").ok  # a package is known by its content too
    assert FORMATS["apkg"].binary
    broken = apkg.parse(b"PK\x03\x04 not really", "x")
    assert "Anki could not read this package" in broken.errors[0].message


def test_our_own_export_reads_back_with_its_images(tmp_path: Path) -> None:
    cell = MediaFile.from_bytes("cell image.png", png())
    card = Card(
        id="c1",
        front='<p>What is this? <img src="@@PLUGINFILE@@/cell%20image.png" alt="a cell"></p>',
        back="A cell",
        category="Biology",
        files=(cell,),
        text_format="html",
    )
    data = anki.dump(QuestionSet(name="Cells", cards=(card,)))
    result = apkg.parse(data, "Cells")
    assert result.errors == []
    [back] = result.cards
    assert back.files == (cell,)
    assert '<img src="@@PLUGINFILE@@/cell%20image.png" alt="a cell">' in back.front


@pytest.mark.parametrize("legacy", [False, True], ids=["anki-2.1.50+", "legacy"])
def test_a_whole_collection_colpkg_made_by_anki_is_read_like_a_deck(tmp_path, legacy) -> None:
    """A ``.colpkg`` is a whole collection (Anki's "Export collection"), in the zstd layout
    Anki writes since 2.1.50 or the legacy one; Anki's own importer reads both, media
    included, so a learner's whole collection comes in as one set."""
    collection = Collection(os.fspath(tmp_path / "collection.anki2"))
    collection.media.write_data("leaf.png", png(3, 3, (20, 150, 40)))
    deck = collection.decks.id("Botany::Leaves")
    _note(collection, deck, "Basic", ['Colour of this leaf? <img src="leaf.png">', "green"])
    _note(collection, collection.decks.id("Botany"), "Cloze", ["Leaves make {{c1::sugar}}.", ""])
    out = tmp_path / "everything.colpkg"
    collection.export_collection_package(os.fspath(out), include_media=True, legacy=legacy)
    result = parse_upload(out.read_bytes(), "everything.colpkg")
    assert result.errors == [] and result.ok
    assert [(c.front, c.back, c.category) for c in result.cards] == [
        ('Colour of this leaf? <img src="@@PLUGINFILE@@/leaf.png">', "green", "Botany/Leaves"),
        ("Leaves make […].", "sugar", "Botany"),
    ]
    leaf, sugar = result.questions
    assert [(f.name, f.data) for f in leaf.files] == [("leaf.png", png(3, 3, (20, 150, 40)))]
    assert isinstance(sugar, Cloze) and sugar.grade(["sugar"]).score == 1.0
    assert result.sets[0].name == "everything"
