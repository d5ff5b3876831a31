"""Tie an article's text to the questions sourced from it, for a read-the-article page.

``annotate`` cuts the text into paragraphs of plain and sourced segments: overlapping or
touching quotes merge into one span, and each span lists the keys of every question whose
quote lies in it.  Pure: text and offsets in, structure out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Span:
    """A stretch of the article that one or more questions quote."""

    number: int
    start: int
    end: int
    keys: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Segment:
    text: str
    span: Span | None = None


def merge_spans(sources: Iterable[tuple[int, int, str]]) -> list[Span]:
    """Merge (start, end, key) quotes that overlap into numbered spans, in text order."""
    spans: list[Span] = []
    for start, end, key in sorted(sources):
        if end <= start:
            continue
        if spans and start < spans[-1].end:
            last = spans[-1]
            last.end = max(last.end, end)
            if key not in last.keys:
                last.keys.append(key)
        else:
            spans.append(Span(number=len(spans) + 1, start=start, end=end, keys=[key]))
    return spans


def annotate(text: str, spans: list[Span]) -> list[list[Segment]]:
    """Paragraphs (split on line breaks, empty lines dropped) of plain and sourced segments."""
    segments: list[Segment] = []
    position = 0
    for span in spans:
        if span.start > position:
            segments.append(Segment(text[position : span.start]))
        segments.append(Segment(text[span.start : span.end], span))
        position = span.end
    segments.append(Segment(text[position:]))

    paragraphs: list[list[Segment]] = [[]]
    for segment in segments:
        pieces = segment.text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append(Segment(piece, segment.span))
    return [p for p in paragraphs if any(s.text.strip() for s in p)]
