"""An article cut into sentences (and long sentences into clauses), with their offsets;
headings, bylines, links and other lines that are not prose are left out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from question_bank.drafting.vocabulary import ABBREVIATIONS, BYLINE, END, URL


@dataclass(frozen=True)
class Span:
    """A piece of the article: its text and where it is."""

    text: str
    start: int
    end: int


def _stripped(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right <= left:
        return None
    return Span(piece[left:right], start + left, start + right)


def _split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Cut one paragraph into sentences at ., ! or ? followed by a capital or a quote."""
    pieces = []
    cut = start
    for match in re.finditer(r"[.!?…]+[”\"’')\]]*(?=\s+[“\"‘(]?[A-Z0-9])", text[start:end]):
        stop = start + match.end()
        before = re.search(r"([\w.]+)[.!?…]*[”\"’')\]]*$", text[cut:stop])
        word = before.group(1).rstrip(".").lower() if before else ""
        if word in ABBREVIATIONS or re.fullmatch(r"[a-z]", word):
            continue  # "Mr. Smith", "J. Smith"
        pieces.append((cut, stop))
        cut = stop
    pieces.append((cut, end))
    return [s for s in (_stripped(text, a, b) for a, b in pieces) if s]


def _split_clauses(sentence: Span) -> list[Span]:
    """A long sentence cut at its semicolons, when each part can stand alone."""
    parts = []
    cut = 0
    for match in re.finditer(";", sentence.text):
        parts.append((cut, match.start() + 1))
        cut = match.end()
    parts.append((cut, len(sentence.text)))
    if len(parts) == 1 or any(len(sentence.text[a:b].split()) < 6 for a, b in parts):
        return [sentence]
    spans = [_stripped(sentence.text, a, b) for a, b in parts]
    return [Span(s.text, sentence.start + s.start, sentence.start + s.end) for s in spans if s]


def _is_prose(paragraph: str) -> bool:
    """Not a heading, a link, a byline or a tag line: text that ends like a sentence."""
    if URL.search(paragraph) and len(URL.sub("", paragraph).split()) < 4:
        return False
    if BYLINE.match(paragraph):
        return False
    if not END.search(paragraph.rstrip()):
        return False  # headings, tag lines, titles
    return len(paragraph.split()) >= 5


def sentences(text: str) -> list[Span]:
    """The article's prose, sentence by sentence (clause by clause for long ones)."""
    found: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        paragraph = line.group(0)
        if not paragraph.strip() or not _is_prose(paragraph):
            continue
        for sentence in _split_sentences(text, line.start(), line.end()):
            if sentence.text.endswith("?") or URL.search(sentence.text):
                continue
            if len(sentence.text.split()) < 5 or BYLINE.match(sentence.text):
                continue
            found.extend(_split_clauses(sentence))
    return found
