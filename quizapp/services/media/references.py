"""How questions and cards name their files, and how a page's texts get the files' URLs.

Pure: no database, no Flask.  A text names a file as Moodle does, ``@@PLUGINFILE@@/<name>``
(the name percent-encoded), usually in ``<img src="...">``.  The app stores the file once
(``media_files``) and keeps beside the question a *reference* (``FileRef``: name, type,
size and SHA-256); the interchange dict it stores holds no bytes.  When a question or card is
shown, ``with_urls`` rewrites each ``@@PLUGINFILE@@/<name>`` in every text of its dict
(prompt, choices, feedback, card back...) to ``/media/<sha256>/<name>``, the media route,
which serves it to the people who may see it.  A name the question has no file for is left
as written (the browser shows the alt text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from question_bank import cloze_marks
from question_bank.rendering import render_text, sanitize_html
from question_bank.sets import Card
from question_bank.types import question_from_dict

PLUGINFILE = "@@PLUGINFILE@@/"
#: A file named in a text: up to the end of the attribute or Markdown link it stands in.
_NAMED = re.compile(r"@@PLUGINFILE@@/([^\"'\s<>()]+)")
#: Where the media route answers (``blueprints/media``); a test checks they agree.
MEDIA_PREFIX = "/media/"


@dataclass(frozen=True)
class FileRef:
    """A stored file as a question or card names it."""

    name: str
    mime: str
    sha256: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "mime": self.mime, "sha256": self.sha256, "size": self.size}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FileRef:
        return cls(
            name=str(data["name"]),
            mime=str(data["mime"]),
            sha256=str(data["sha256"]),
            size=int(data.get("size") or 0),
        )

    @classmethod
    def of(cls, file: Any) -> FileRef:
        """The reference of a ``question_bank.media.MediaFile``."""
        return cls(name=file.name, mime=file.mime, sha256=file.sha256, size=len(file.data))


def refs_of(files: Iterable[Any]) -> list[dict[str, Any]] | None:
    """The stored form of a question's or card's files (None: it has none)."""
    refs = [FileRef.of(f).to_dict() for f in files]
    return refs or None


def stored_refs(stored: Iterable[Mapping[str, Any]] | None) -> list[FileRef]:
    return [FileRef.from_dict(item) for item in stored or ()]


def media_path(sha256: str, name: str) -> str:
    """The URL path of a stored file (``/media/<sha256>/<name>``)."""
    return f"{MEDIA_PREFIX}{sha256}/{quote(name, safe='')}"


def rewrite(text: str, urls: Mapping[str, str]) -> str:
    """``text`` with each ``@@PLUGINFILE@@/<name>`` it has a URL for replaced by that URL."""
    if PLUGINFILE not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        url = urls.get(unquote(match.group(1)))
        return url if url is not None else match.group(0)

    return _NAMED.sub(replace, text)


def with_urls(value: Any, urls: Mapping[str, str]) -> Any:
    """Every text in ``value`` (a dict of a question or card, lists, strings) rewritten."""
    if not urls:
        return value
    if isinstance(value, str):
        return rewrite(value, urls)
    if isinstance(value, dict):
        return {key: with_urls(item, urls) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [with_urls(item, urls) for item in value]
    return value


def url_map(
    refs: Iterable[FileRef], path: Callable[[FileRef], str] | None = None
) -> dict[str, str]:
    """Name -> URL of each file (``path``: another route, such as a draft's preview)."""
    build = path or (lambda ref: media_path(ref.sha256, ref.name))
    return {ref.name: build(ref) for ref in refs}


def names_in(value: Any) -> set[str]:
    """The file names the texts in ``value`` refer to."""
    found: set[str] = set()
    if isinstance(value, str):
        found.update(unquote(m.group(1)) for m in _NAMED.finditer(value))
    elif isinstance(value, dict):
        for item in value.values():
            found |= names_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            found |= names_in(item)
    return found


def shown_question(
    data: Mapping[str, Any],
    refs: Iterable[Mapping[str, Any]] | None,
    path: Callable[[FileRef], str] | None = None,
) -> Any:
    """The question of a stored dict as a page shows it: its files' names made URLs."""
    return question_from_dict(with_urls(dict(data), url_map(stored_refs(refs), path)))


def shown_card(
    data: Mapping[str, Any],
    refs: Iterable[Mapping[str, Any]] | None,
    path: Callable[[FileRef], str] | None = None,
) -> Any:
    """The card of a stored dict as a page shows it (see ``shown_question``)."""
    return Card.from_dict(with_urls(dict(data), url_map(stored_refs(refs), path)))


def card_side_html(card: Any, side: str) -> str:
    """One side ("front" or "back") of a stored card (a ``Card`` row) as safe HTML: written
    in the card's text format (an Anki deck's cards are HTML), its images named by URLs.  A
    cloze card's front is its sentence with the gaps, its back the sentence with the answers
    marked (``cloze_side_html``)."""
    data = card.data or {}
    text_format = data.get("text_format") or "plain"
    cloze = getattr(card, "cloze", None)
    urls = url_map(stored_refs(card.media)) if card.media else {}
    if cloze:
        return cloze_side_html(cloze, side, text_format, data.get("extra") or "", urls)
    text = getattr(card, side) or ""
    return render_text(rewrite(text, urls) if urls else text, text_format)


#: Where a deletion starts and ends while the text is rendered: characters of Unicode's
#: private use area, which no card is expected to hold and every renderer keeps.
_OPEN, _CLOSE = "\ue000", "\ue001"


def cloze_side_html(
    cloze: str,
    side: str,
    text_format: str,
    extra: str = "",
    urls: Mapping[str, str] | None = None,
) -> str:
    """A cloze card's side as safe HTML: each deletion in ``<mark>``, its gap (``[…]`` or
    the hint) on the front, its answer on the back; the back adds the card's extra note.
    The text is rendered and sanitised as any card's is, then the marks become ``<mark>``
    and the whole is sanitised again (a deletion that crosses a tag stays well formed)."""
    front = side == "front"
    urls = urls or {}
    written = cloze.replace(_OPEN, "").replace(_CLOSE, "")
    text = cloze_marks.marked(written, _OPEN, _CLOSE, front=front)
    rendered = render_text(rewrite(text, urls) if urls else text, text_format)
    marked = sanitize_html(rendered.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>"))
    if front or not extra.strip():
        return marked
    note = render_text(rewrite(extra, urls) if urls else extra, text_format)
    return f"{marked}<div>{note}</div>"
