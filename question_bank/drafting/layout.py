"""Where an article's prose is: its headline, bylines, datelines, links and tag lines are
left out, and what remains is cut into sentences with their offsets (NLP pipeline only).

A dateline ("SAN FRANCISCO (AP) —", "LONDON, March 3 —") opens a paragraph in capitals and
ends with a dash: the sentence starts after it, so nothing in it can become a blank.
"""

from __future__ import annotations

import re

from question_bank.drafting import nlp
from question_bank.drafting.sentences import Span, _is_prose, _stripped
from question_bank.drafting.vocabulary import URL

DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'’\- ]+[A-Z.](?:,[ \t]+[A-Z][\w.]*(?:[ \t]+[\w.]+){0,2})?"
    r"(?:[ \t]*\([A-Za-z.&/ ]{1,25}\))?[ \t]*[—–-]{1,2}[ \t]*"
)
#: Lines about who wrote or sent the story ("By Ann Lee", "Associated Press", "Staff Writer").
CREDIT = re.compile(
    r"^\s*(?:by\s|written\s+by\b|photo|image|credit|copyright|©)|"
    r"\b(?:associated press|staff (?:writer|reporter)|correspondent|contributed to this)\b",
    re.IGNORECASE,
)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    found = []
    for line in re.finditer(r"[^\n]+", text):
        paragraph = line.group(0)
        if not paragraph.strip() or not _is_prose(paragraph):
            continue
        if CREDIT.search(paragraph) and len(paragraph.split()) < 12:
            continue
        start = line.start()
        dateline = DATELINE.match(paragraph)
        if dateline:
            start += dateline.end()
        found.append((start, line.end()))
    return found


def prose_sentences(text: str) -> list[Span]:
    """The article's sentences, each at its exact offsets, headings and credits left out."""
    found: list[Span] = []
    for start, end in _paragraphs(text):
        for a, b in nlp.sentence_bounds(text[start:end]):
            span = _stripped(text, start + a, start + b)
            if span is None or span.text.endswith("?") or URL.search(span.text):
                continue
            if len(span.text.split()) < 6 or span.text[:1].islower():
                continue
            found.append(span)
    return found
