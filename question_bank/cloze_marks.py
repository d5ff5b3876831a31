"""Anki's cloze deletions in a flashcard's text: ``{{c1::answer}}`` and ``{{c1::answer::hint}}``.

A cloze card (``Card.cloze``) is one sentence with its deletions marked.  Its front is the
sentence with every deletion hidden (``[…]``, or ``[hint]`` when the deletion has one); its
back is the answer(s), and a page shows the whole sentence with the answers marked.

One card hides *all* its deletions at once, whatever their numbers.  Anki makes one card
per number instead, so a note with ``c1`` and ``c2`` is two cards here (``split_numbers``),
each with the other number's answers written out, and a card is written to Anki with all
its deletions numbered ``c1`` (``as_single_number``): the same card in Anki's terms.

Pure: text in, text out.  The text may be plain, Markdown or HTML (the card's
``text_format``); the markers are found in it as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

#: A deletion: its number, its answer, and the hint after a second ``::`` (Anki reads the
#: first ``::`` after the answer as the start of the hint).
DELETION = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
#: What the front shows in place of an answer when the deletion gives no hint.
BLANK = "[…]"


@dataclass(frozen=True)
class Deletion:
    number: int
    answer: str
    hint: str


def deletions(text: str) -> list[Deletion]:
    """The deletions of ``text`` in the order they appear."""
    return [
        Deletion(int(m.group(1)), m.group(2), m.group(3) or "") for m in DELETION.finditer(text)
    ]


def _each(text: str, shown: Callable[[Deletion], str]) -> str:
    def replace(match: re.Match[str]) -> str:
        return shown(Deletion(int(match.group(1)), match.group(2), match.group(3) or ""))

    return DELETION.sub(replace, text)


def blank_of(deletion: Deletion) -> str:
    """What the front shows for a deletion: ``[hint]``, else ``[…]``."""
    return f"[{deletion.hint.strip()}]" if deletion.hint.strip() else BLANK


def front_text(text: str) -> str:
    """The sentence with every deletion hidden."""
    return _each(text, blank_of)


def full_text(text: str) -> str:
    """The sentence with every deletion written out (its answer)."""
    return _each(text, lambda d: d.answer)


def answer_text(text: str) -> str:
    """The answers, in order, joined by "; " (each answer once)."""
    answers = [d.answer.strip() for d in deletions(text)]
    return "; ".join(dict.fromkeys(a for a in answers if a))


def marked(text: str, open_mark: str, close_mark: str, *, front: bool) -> str:
    """The sentence with each deletion between ``open_mark`` and ``close_mark``: its blank on
    the front, its answer on the back (the marks are what a page replaces by its markup)."""
    if front:
        return _each(text, lambda d: f"{open_mark}{blank_of(d)}{close_mark}")
    return _each(text, lambda d: f"{open_mark}{d.answer}{close_mark}")


def as_single_number(text: str) -> str:
    """The text with every deletion numbered 1 (one Anki card that hides them all)."""

    def renumber(d: Deletion) -> str:
        hint = f"::{d.hint}" if d.hint else ""
        return "{{c1::" + d.answer + hint + "}}"

    return _each(text, renumber)


def split_numbers(text: str) -> list[tuple[int, str]]:
    """For each cloze number of an Anki note, in order, the text of the card Anki makes for
    it: that number's deletions kept (numbered 1), the others written out."""
    numbers = sorted({d.number for d in deletions(text)})

    def only(number: int) -> str:
        def keep(d: Deletion) -> str:
            if d.number != number:
                return d.answer
            hint = f"::{d.hint}" if d.hint else ""
            return "{{c1::" + d.answer + hint + "}}"

        return _each(text, keep)

    return [(number, only(number)) for number in numbers]


def problems(text: str) -> list[str]:
    """What makes a cloze text unusable, in words an author understands."""
    found = []
    found_deletions = deletions(text)
    if not found_deletions:
        found.append(
            "a cloze card needs at least one deletion written {{c1::answer}} "
            "(or {{c1::answer::hint}})"
        )
    if any(not d.answer.strip() for d in found_deletions):
        found.append("a cloze deletion has no answer: write it between {{c1:: and }}")
    rest = DELETION.sub("", text)
    if "{{c" in rest or re.search(r"\{\{\s*c\d", rest):
        found.append("a cloze deletion is not closed or not written {{c1::answer}}")
    if found_deletions and not DELETION.sub("", text).strip():
        found.append("a cloze card needs some text around its deletion")
    return found
