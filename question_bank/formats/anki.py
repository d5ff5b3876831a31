"""Anki export: an ``.apkg`` package with one note per flashcard (``apkg.py`` reads them).

Built with genanki.  Each card of ``question_set.effective_cards()`` (each question type's
own ``card``, markup removed, when the set has no cards of its own) becomes a note of a
three-field note type (Front, Back, Source); the card back shows the answer and, when
there is one, the source quote.  A cloze card is a note of a Cloze note type (Text, Back
Extra, Source: Anki's own cloze fields and the quote), its deletions numbered ``c1`` so that
Anki makes the one card that hides them all.  Plain fields are escaped HTML (line breaks
kept); an HTML card (an Anki deck's, or a question's card that shows an image) keeps its
HTML.  Tags are the card's tags (spaces turned into ``_``) and its category as
``category::<name>``.

Images: the files a card's texts use go in the package's media (as Anki stores them: zip
entries ``0``, ``1``... and the ``media`` map of their names), and the references
``@@PLUGINFILE@@/name`` become Anki's ``<img src="name">``.

Deterministic: the deck id and the note type id are derived from the set name (SHA-256),
each note's guid from the set name and the card id (so re-importing an updated export
updates the notes in Anki instead of duplicating them), the timestamps from the set name,
and the zip entries carry a fixed date.  The same set gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import replace

import genanki

from question_bank import cloze_marks, media
from question_bank.formats.base import export_cards
from question_bank.sets import Card, QuestionSet

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Ids Anki is happy with: genanki's own advice is a number in [2**30, 2**31).
_ID_LOW, _ID_SPAN = 1 << 30, 1 << 30

_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center; }
.source { margin-top: 1em; font-size: 16px; font-style: italic; color: #555; }"""


def _number(salt: str, name: str) -> int:
    digest = hashlib.sha256(f"{salt}\x00{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def deck_id(set_name: str) -> int:
    return _ID_LOW + _number("quizapp-deck", set_name) % _ID_SPAN


def model_id(set_name: str) -> int:
    return _ID_LOW + _number("quizapp-model", set_name) % _ID_SPAN


def cloze_model_id(set_name: str) -> int:
    return _ID_LOW + _number("quizapp-cloze-model", set_name) % _ID_SPAN


def _timestamp(set_name: str) -> float:
    # A fixed moment (2023-11-14) plus up to ~3 years, so note ids look like Anki's.
    return 1_700_000_000 + _number("quizapp-time", set_name) % 100_000_000


def _field(text: str, text_format: str = "plain") -> str:
    if text_format == "html":  # Anki's own fields are HTML; references become bare names
        return media.rewrite_references(text, lambda name: html.escape(name))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _cards(question_set: QuestionSet) -> list[Card]:
    """The cards to export: a question's card that shows an image keeps its HTML."""
    if question_set.cards:
        return list(question_set.cards)
    from question_bank.rendering import render_text

    cards = []
    by_id = {q.card_id or q.id: q for q in question_set.questions}
    for card in export_cards(question_set):
        question = by_id.get(card.id)
        if question is not None and card.files and question.text_format != "plain":
            own = question.card()
            if card.cloze and own is not None:
                cloze = render_text(own.cloze, question.text_format)
                card = replace(card, cloze=cloze, text_format="html")
            elif not card.cloze:
                front = render_text(question.card_front(), question.text_format)
                card = replace(card, front=front, text_format="html")
        cards.append(card)
    return cards


def _tag(text: str) -> str:
    return "_".join(text.split())


def _model(set_name: str) -> genanki.Model:
    return genanki.Model(
        model_id(set_name),
        "quizapp card",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": (
                    '{{FrontSide}}<hr id="answer">{{Back}}'
                    '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'
                ),
            }
        ],
        css=_CSS,
    )


def _cloze_model(set_name: str) -> genanki.Model:
    """Anki's Cloze note type (Text, Back Extra), with the source quote as a third field."""
    return genanki.Model(
        cloze_model_id(set_name),
        "quizapp cloze",
        fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": "Source"}],
        templates=[
            {
                "name": "Cloze",
                "qfmt": "{{cloze:Text}}",
                "afmt": (
                    "{{cloze:Text}}{{#Back Extra}}<br>{{Back Extra}}{{/Back Extra}}"
                    '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'
                ),
            }
        ],
        css=_CSS + "\n.cloze { font-weight: bold; color: #1a56db; }",
        model_type=genanki.Model.CLOZE,
    )


def _note(models: tuple[genanki.Model, genanki.Model], set_name: str, card: Card) -> genanki.Note:
    """A card's note: Front, Back and Source; a cloze card's Text (its deletions numbered
    ``c1``, so that Anki makes one card hiding them all), Back Extra and Source."""
    tags = [_tag(t) for t in card.tags if _tag(t)]
    if card.category:
        tags.append(f"category::{_tag(card.category)}")
    source = _field(card.source.quote if card.source else "")
    if card.cloze:
        text = cloze_marks.as_single_number(card.cloze)
        fields = [_field(text, card.text_format), _field(card.extra, card.text_format), source]
    else:
        fields = [_field(card.front, card.text_format), _field(card.back, card.text_format), source]
    return genanki.Note(
        model=models[1] if card.cloze else models[0],
        fields=fields,
        tags=tags,
        guid=genanki.guid_for("quizapp", set_name, card.id),
    )


def dump(question_set: QuestionSet) -> bytes:
    """The ``.apkg`` bytes for the set's flashcards (see the module docstring)."""
    name = question_set.name or "quizapp"
    models = (_model(name), _cloze_model(name))
    deck = genanki.Deck(deck_id(name), name, description=_field(question_set.description))
    cards = _cards(question_set)
    for card in cards:
        deck.add_note(_note(models, name, card))
    package = genanki.Package(deck)

    connection = sqlite3.connect(":memory:")
    try:
        timestamp = _timestamp(name)
        package.write_to_db(connection.cursor(), timestamp, _ids(timestamp))
        connection.commit()
        database = connection.serialize()
    finally:
        connection.close()

    files = {f.name: f for card in cards for f in card.files}  # each name once
    names = sorted(files)
    entries = [("collection.anki2", database)]
    entries += [(str(index), files[name].data) for index, name in enumerate(names)]
    media_map = {str(index): name for index, name in enumerate(names)}
    entries.append(("media", json.dumps(media_map, ensure_ascii=False).encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries:
            info = zipfile.ZipInfo(entry, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def _ids(timestamp: float) -> Iterator[int]:
    """Note and card ids, counting up from the timestamp in milliseconds (as genanki does)."""
    value = int(timestamp * 1000)
    while True:
        yield value
        value += 1
