"""Anki notes made into quizapp flashcards and questions (shared by the ``.apkg`` reader and
the "Notes in Plain Text" reader).

Every note becomes its flashcards, as Anki makes them:

=============================  ================================================================
note type                      flashcards
=============================  ================================================================
Basic                          front -> back
Basic (and reversed card)      front -> back, and back -> front
Basic (optional reversed)      front -> back, and back -> front when "Add Reverse" is filled
Basic (type in the answer)     front -> back
Cloze                          one cloze card (``Card.cloze``) per cloze number ``c1``,
                               ``c2``...: the text with that number's deletions kept, the
                               others written out; "Back Extra" is the card's ``extra``
=============================  ================================================================

and, where it fits, a question that tests the first card (its ``card_id``):

* a Cloze note is a ``cloze`` question: each ``{{cN::answer::hint}}`` is a blank (in the
  order they appear) accepting its answer;
* a type-in note is a ``short_answer`` accepting the back (as plain text);
* a Basic note (and the reversed kinds) is a ``short_answer`` when its back is short plain
  text: one line, at most ``SHORT_WORDS`` words and ``SHORT_CHARACTERS`` characters, no
  image; a longer back (a definition, a paragraph, a picture) only makes flashcards, since
  nobody could type it back word for word.

Texts: with HTML fields (Anki's own, and ``#html:true`` text exports) the cards and prompts
keep their HTML (``text_format`` ``html``; the app sanitises it) and answers are the
fields' plain text.  Images (``<img src="name">``) refer to the note's files as
``@@PLUGINFILE@@/name``; sounds (``[sound:...]``) are dropped (quizapp plays none).  The
deck (``Parent::Child``) is the category (``Parent/Child``); tags are kept as written.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote

from question_bank import cloze_marks
from question_bank.categories import clean_category
from question_bank.media import MediaFile, plugin_url
from question_bank.sets import Card
from question_bank.types import Accepted, Cloze, Question, ShortAnswer

#: A Basic note's back is a short answer when it is at most this long.
SHORT_WORDS = 6
SHORT_CHARACTERS = 60

CLOZE = cloze_marks.DELETION
_IMG_SRC = re.compile(
    r"""(<img\b[^>]*?\bsrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE
)
_SOUND = re.compile(r"\[sound:[^\]]*\]")

KINDS = ("basic", "reversed", "optional_reversed", "type_in", "cloze")


@dataclass
class Note:
    """One Anki note, as a package or a text export gives it."""

    id: str
    kind: str
    fields: list[str]
    tags: tuple[str, ...] = ()
    deck: str | None = None
    html: bool = True
    files: tuple[MediaFile, ...] = ()
    #: For a package: the (front field, back field) of each card Anki made, by template;
    #: None: the cards the kind implies.
    sides: list[tuple[int, int]] | None = None
    extra: dict[str, str] = field(default_factory=dict)


def deck_category(deck: str | None) -> str | None:
    """Anki's ``Parent::Child`` as a category path, ``Parent/Child``."""
    if not deck:
        return None
    parts = [part.strip().replace("/", "//") for part in deck.split("::")]
    return clean_category("/".join(part for part in parts if part))


def kind_of(notetype_name: str, is_cloze: bool, field_count: int) -> str:
    """The kind of a note type, from Anki's names for its stock types."""
    if is_cloze:
        return "cloze"
    name = notetype_name.casefold()
    if "type in" in name or "type-in" in name:
        return "type_in"
    if "optional reverse" in name:
        return "optional_reversed"
    if "reverse" in name:
        return "reversed"
    return "basic"


def _plain(text: str, html: bool) -> str:
    from question_bank.rendering import plain_text

    text = _SOUND.sub("", text)
    return plain_text(text, "html").strip() if html else text.strip()


def _with_files(text: str, files: Sequence[MediaFile]) -> str:
    """HTML with each ``<img src="name">`` of a known file made ``@@PLUGINFILE@@/name``."""
    names = {f.name for f in files}

    def replace(match: re.Match[str]) -> str:
        written = next(group for group in match.groups()[1:] if group is not None)
        name = unquote(html_lib.unescape(written))
        if name not in names:
            return match.group(0)
        return f'{match.group(1)}"{plugin_url(name)}"'

    return _IMG_SRC.sub(replace, _SOUND.sub("", text)).strip()


def _is_short(back: str, plain: str) -> bool:
    return (
        bool(plain)
        and "\n" not in plain
        and len(plain) <= SHORT_CHARACTERS
        and len(plain.split()) <= SHORT_WORDS
        and "<img" not in back.lower()
        and any(ch.isalnum() for ch in plain)
    )


class _Builder:
    def __init__(self, note: Note) -> None:
        self.note = note
        self.category = deck_category(note.deck)
        self.text_format = "html" if note.html else "plain"

    def text(self, raw: str) -> str:
        return _with_files(raw, self.note.files) if self.note.html else raw.strip()

    def card(self, card_id: str, front: str, back: str) -> Card:
        files = tuple(f for f in self.note.files if f.name in front + back or _uses(f, front, back))
        return Card(
            id=card_id,
            front=front,
            back=back,
            category=self.category,
            tags=self.note.tags,
            files=files,
            text_format=self.text_format,
        )

    def cloze_card(self, card_id: str, cloze: str, extra: str) -> Card:
        files = tuple(f for f in self.note.files if _uses(f, cloze, extra))
        return Card(
            id=card_id,
            cloze=cloze,
            extra=extra,
            category=self.category,
            tags=self.note.tags,
            files=files,
            text_format=self.text_format,
        )

    def common(self, card_id: str, prompt: str) -> dict:
        files = tuple(f for f in self.note.files if _uses(f, prompt, ""))
        return {
            "id": self.note.id,
            "prompt": prompt,
            "category": self.category,
            "tags": self.note.tags,
            "card_id": card_id,
            "files": files,
        }


def _uses(media: MediaFile, *texts: str) -> bool:
    url = plugin_url(media.name)
    return any(url in text for text in texts)


def convert(note: Note) -> tuple[Question | None, list[Card]]:
    """The note's question (None when none fits) and its flashcards."""
    if note.kind == "cloze":
        return _cloze(note)
    fields = note.fields + ["", ""]
    builder = _Builder(note)
    sides = note.sides
    if sides is None:
        sides = [(0, 1)]
        if note.kind == "reversed" or (note.kind == "optional_reversed" and fields[2].strip()):
            sides.append((1, 0))
    cards = []
    for number, (front_index, back_index) in enumerate(sides):
        front, back = builder.text(fields[front_index]), builder.text(fields[back_index])
        if not _plain(front, True) and "<img" not in front.lower():
            continue  # Anki makes no card with an empty front
        card_id = note.id if number == 0 else f"{note.id}-{number + 1}"
        cards.append(builder.card(card_id, front, back))
    if not cards:
        return None, []
    first = cards[0]
    answer = _plain(first.back, note.html)
    fits = _is_short(first.back, answer) or (
        note.kind == "type_in" and answer and len(answer) <= 200
    )
    if not fits:
        return None, cards
    question = ShortAnswer(
        **builder.common(first.id, first.front),
        text_format=builder.text_format,
        answer_display=answer,
        accepted=(Accepted(answer, 1.0),),
    )
    return question, cards


def _cloze(note: Note) -> tuple[Question | None, list[Card]]:
    builder = _Builder(note)
    text = builder.text(note.fields[0] if note.fields else "")
    extra = builder.text(note.fields[1]) if len(note.fields) > 1 else ""
    split = cloze_marks.split_numbers(text)
    if not split:
        return None, []
    cards = [
        builder.cloze_card(note.id if index == 0 else f"{note.id}-c{number}", one, extra)
        for index, (number, one) in enumerate(split)
    ]
    blanks: list[tuple[Accepted, ...]] = []

    def blank(match: re.Match[str]) -> str:
        blanks.append((Accepted(_plain(match.group(2), note.html), 1.0),))
        return f"\u27e6{len(blanks)}\u27e7"  # a mark that survives making the text plain

    marked = _plain(CLOZE.sub(blank, text), note.html)
    prompt = re.sub("\u27e6(\\d+)\u27e7", r"{{\1}}", marked)
    question = Cloze(
        id=note.id,
        prompt=prompt,
        category=builder.category,
        tags=note.tags,
        card_id=cards[0].id,
        blanks=tuple(blanks),
    )
    question = question.replace(answer_display=question.default_answer_display())
    if question.problems():
        return None, cards
    return question, cards
