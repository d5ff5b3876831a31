"""Anki packages in: ``.apkg`` (a deck) and ``.colpkg`` (a whole collection), read with
Anki's own library.

Why Anki's ``anki`` package (the optional extra ``quizapp[anki]``, about 11 MB, a wheel with
no other system dependency): packages exist in several collection schema versions (the
legacy ``collection.anki2``, ``collection.anki21``, and the zstd-compressed
``collection.anki21b`` with its protobuf media list that Anki has written since 2.1.50).
Anki's importer reads every one of them exactly as Anki does, note types and media
included; reading the SQLite by hand would cover the old layouts and misread the new.

The package is imported into a new collection in a temporary folder (nothing is written
anywhere else, nothing is fetched), then read back: each note becomes flashcards and, where
one fits, a question (``question_bank.formats.anki_notes``), with the media files its
fields use that are images (PNG, JPEG, GIF, WebP: sounds and other files are left out and
a warning counts them).  The deck is the category, tags are kept, the note's guid is its id.
``ParseResult.reviews`` is the review history (Anki's revlog) of the imported cards, for the
app to replay if it wants: card id, time, rating 1-4, duration.

Parsing needs the extra: without it the result is an error that says how to install it.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from question_bank import media
from question_bank.formats import anki_notes
from question_bank.formats.base import ParseError, ParseResult, Review, check_question
from question_bank.sets import QuestionSet

NAME = "apkg"
_MEDIA_REFERENCE = re.compile(
    r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE
)
_FIELD_REFERENCE = re.compile(r"\{\{([^#/^}][^}]*)\}\}")


def _anki() -> Any:
    try:
        from anki.collection import Collection
    except ImportError:  # pragma: no cover - the dev extra always has it
        return None
    return Collection


def parse(data: bytes, set_name: str = "Imported questions") -> ParseResult:
    """Read an ``.apkg`` or ``.colpkg``; every problem is an error, nothing raises."""
    collection_class = _anki()
    if collection_class is None:  # pragma: no cover - the dev extra always has it
        return ParseResult(
            errors=[
                ParseError(
                    "Reading Anki packages needs Anki's library: install quizapp with the "
                    "anki extra (pip install 'quizapp[anki]')."
                )
            ]
        )
    if not data.startswith(b"PK\x03\x04"):
        return ParseResult(errors=[ParseError("this is not an Anki package (not a zip file)")])
    with tempfile.TemporaryDirectory(prefix="quizapp-apkg-") as folder:
        package = Path(folder, "upload.apkg")
        package.write_bytes(data)
        collection = collection_class(os.path.join(folder, "collection.anki2"))
        try:
            error = _import(collection, str(package))
            if error:
                return ParseResult(errors=[ParseError(error)])
            return _read(collection, set_name)
        finally:
            collection.close()


def _import(collection: Any, path: str) -> str | None:
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.errors import AnkiException

    request = ImportAnkiPackageRequest(
        package_path=path,
        options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False),
    )
    try:
        collection.import_anki_package(request)
    except AnkiException as exc:
        return f"Anki could not read this package: {exc}"
    except Exception as exc:  # the backend's own errors are not all AnkiException
        return f"Anki could not read this package ({type(exc).__name__}: {exc})"
    return None


def _sides(notetype: dict[str, Any]) -> list[tuple[int, int]]:
    """For each template of a standard note type: (front field, back field)."""
    names = {f["name"]: f["ord"] for f in notetype["flds"]}
    sides = []
    for template in notetype["tmpls"]:
        front = [
            _field_name(m.group(1)) for m in _FIELD_REFERENCE.finditer(template.get("qfmt", ""))
        ]
        back = [
            _field_name(m.group(1)) for m in _FIELD_REFERENCE.finditer(template.get("afmt", ""))
        ]
        front_field = next((names[n] for n in front if n in names), 0)
        back_field = next(
            (names[n] for n in back if n in names and names[n] != front_field),
            1 if front_field == 0 else 0,
        )
        sides.append((front_field, back_field))
    return sides


def _field_name(reference: str) -> str:
    """``type:Back`` -> ``Back``; ``text:Front`` -> ``Front``."""
    return reference.split(":")[-1].strip()


def _media_files(collection: Any, warnings: list[ParseError]) -> dict[str, media.MediaFile]:
    folder = Path(collection.media.dir())
    found: dict[str, media.MediaFile] = {}
    refused = 0
    for path in sorted(folder.iterdir()) if folder.exists() else ():
        if not path.is_file():
            continue
        try:
            found[path.name] = media.MediaFile.from_bytes(path.name, path.read_bytes())
        except media.MediaError as exc:
            refused += 1
            if "only images" not in str(exc):
                warnings.append(ParseError(str(exc)))
    if refused:
        warnings.append(
            ParseError(
                f"{refused} media file(s) of the package are not images quizapp shows "
                "(sounds, videos, SVG...) or are too large: they are left out"
            )
        )
    return found


def _read(collection: Any, set_name: str) -> ParseResult:
    result = ParseResult()
    files = _media_files(collection, result.warnings)
    questions, cards = [], []
    card_ids: dict[int, str] = {}  # Anki's card id -> quizapp's card id
    for note_id in sorted(collection.find_notes("")):  # in the order they were made
        note = collection.get_note(note_id)
        notetype = note.note_type()
        anki_cards = sorted(note.cards(), key=lambda c: c.ord)
        deck = collection.decks.name(anki_cards[0].did) if anki_cards else None
        is_cloze = notetype["type"] == 1
        kind = anki_notes.kind_of(notetype["name"], is_cloze, len(note.fields))
        referenced = {
            unquote(html.unescape(next(group for group in found if group)))
            for field in note.fields
            for found in _MEDIA_REFERENCE.findall(field)
            if any(found)
        }
        sides = None
        if not is_cloze:
            template_sides = _sides(notetype)
            sides = [template_sides[c.ord] for c in anki_cards if c.ord < len(template_sides)]
        made = anki_notes.Note(
            id=note.guid,
            kind=kind,
            fields=list(note.fields),
            tags=tuple(note.tags),
            deck=deck,
            html=True,
            files=tuple(files[name] for name in sorted(referenced) if name in files),
            sides=sides,
        )
        question, note_cards = anki_notes.convert(made)
        if question is not None:
            problems = check_question(question, None)
            if problems:
                result.warnings.extend(problems)
            else:
                questions.append(question)
        cards.extend(note_cards)
        for anki_card, card in zip(anki_cards, note_cards, strict=False):
            card_ids[anki_card.id] = card.id
    result.reviews = _reviews(collection, card_ids)
    if not cards:
        result.errors.append(ParseError("the package holds no notes that make flashcards"))
    result.sets = [QuestionSet(name=set_name, questions=tuple(questions), cards=tuple(cards))]
    return result


def _reviews(collection: Any, card_ids: dict[int, str]) -> list[Review]:
    """Anki's review log of the imported cards: rating 1-4, time taken (entries that are
    not answers, such as a manual reschedule, rated 0, are left out)."""
    rows = collection.db.all("select id, cid, ease, time, type from revlog order by id")
    reviews = []
    for review_id, card_id, ease, taken, kind in rows:
        if card_id not in card_ids or not 1 <= ease <= 4 or kind > 3:
            continue
        reviews.append(Review(card_ids[card_id], int(review_id), int(ease), int(taken)))
    return reviews
