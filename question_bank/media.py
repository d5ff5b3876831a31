"""Images that questions and flashcards carry: what a file is, which files are allowed, and
how a text refers to one.

A ``MediaFile`` is a name, a media type and the bytes.  Only images are allowed, and only
the kinds every browser shows without a plug-in and that cannot hold a script: PNG, JPEG,
GIF and WebP.  The kind is read from the bytes (their signature), never from the name or
from what a file says it is, and SVG is refused (it is XML that may hold scripts).

Limits, checked by ``file_problems`` and ``set_problems`` (and so by every importer, which
reports them with the line of the question):

* one file: ``MAX_FILE_BYTES`` (2 MiB), enough for a photo saved for the web;
* all the files of one set: ``MAX_SET_BYTES`` (32 MiB).

Texts refer to a file as Moodle does, whatever format they came from:
``<img src="@@PLUGINFILE@@/name" alt="...">`` with the name percent-encoded
(``plugin_url``).  The app rewrites those references to its own URLs when it renders a
question; exports write them as each format needs (Moodle XML keeps them, Anki's package
uses the bare name).  Names are unique within a question or a card.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

#: The largest file a question or a card may carry.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: The largest total of the files of one set.
MAX_SET_BYTES = 32 * 1024 * 1024
#: The longest file name kept (Moodle's limit is 255 characters too).
MAX_NAME_LENGTH = 255

#: How a text refers to one of its files (Moodle's placeholder, kept by every format).
PLUGINFILE = "@@PLUGINFILE@@"

#: The allowed media types and the extension each is saved with.
IMAGE_TYPES: Mapping[str, str] = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
}

_REFERENCE = re.compile(re.escape(PLUGINFILE) + r"/([^\"'<>\s?#]+)")
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


class MediaError(ValueError):
    """A file that cannot be kept; the message says why, for the person who sent it."""


def sniff(data: bytes) -> str | None:
    """The media type of an allowed image, read from its first bytes; None otherwise."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _describe(data: bytes) -> str:
    head = data[:512].lstrip()
    if head.startswith(b"<") and b"svg" in head.lower():
        return "an SVG drawing, which may hold scripts"
    if head.startswith(b"%PDF"):
        return "a PDF document"
    if head.startswith(b"PK\x03\x04"):
        return "a zip archive"
    if not data:
        return "empty"
    return "not a PNG, JPEG, GIF or WebP image"


@dataclass(frozen=True)
class MediaFile:
    """One image: its name (as texts refer to it), its media type and its bytes."""

    name: str
    mime: str
    data: bytes = field(repr=False)

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> MediaFile:
        """A file whose type is read from its bytes; ``MediaError`` when it is not an
        allowed image, is too large or has a name that cannot be kept."""
        problem = name_problem(name)
        if problem:
            raise MediaError(problem)
        mime = sniff(data)
        if mime is None:
            raise MediaError(f'the file "{name}" is {_describe(data)}; only images are allowed')
        made = cls(name, mime, bytes(data))
        if made.size > MAX_FILE_BYTES:
            raise MediaError(made.too_large())
        return made

    @property
    def sha256(self) -> str:
        """The hex SHA-256 of the bytes: the file's identity wherever it is stored."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def url(self) -> str:
        """How a text refers to this file: ``@@PLUGINFILE@@/<name, percent-encoded>``."""
        return plugin_url(self.name)

    def too_large(self) -> str:
        return (
            f'the image "{self.name}" is {_size(self.size)}; one image may be '
            f"{_size(MAX_FILE_BYTES)} at most"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mime": self.mime,
            "data": base64.b64encode(self.data).decode("ascii"),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MediaFile:
        """The file as ``to_dict`` wrote it; ``ValueError`` for data that is not base64."""
        try:
            raw = base64.b64decode(str(data["data"]), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError(f'the data of the file "{data.get("name")}" is not base64') from exc
        return cls(name=str(data["name"]), mime=str(data.get("mime") or ""), data=raw)


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} bytes"
    if count < 1024 * 1024:
        return f"{count / 1024:.0f} KiB"
    return f"{count / (1024 * 1024):.1f} MiB"


def name_problem(name: str) -> str | None:
    """Why a file name cannot be kept (empty, too long, a path, control characters)."""
    if not name.strip():
        return "a file has no name"
    if len(name) > MAX_NAME_LENGTH:
        return f'the file name "{name[:40]}..." is longer than {MAX_NAME_LENGTH} characters'
    if _BAD_NAME.search(name) or name in (".", ".."):
        return f'the file name "{name}" has a slash or a control character'
    return None


def file_problems(files: Iterable[MediaFile]) -> list[str]:
    """What is wrong with the files of one question or card, in words an instructor reads."""
    found: list[str] = []
    seen: set[str] = set()
    for media in files:
        problem = name_problem(media.name)
        if problem:
            found.append(problem)
        if media.name in seen:
            found.append(f'two files are named "{media.name}"')
        seen.add(media.name)
        sniffed = sniff(media.data)
        if sniffed is None:
            found.append(f'the file "{media.name}" is {_describe(media.data)}; only images are')
        elif sniffed != media.mime:
            found.append(f'the file "{media.name}" says it is {media.mime} but is {sniffed}')
        if media.size > MAX_FILE_BYTES:
            found.append(media.too_large())
    return found


def set_problems(files: Iterable[MediaFile]) -> list[str]:
    """The set-wide limit: the files of a set (each counted once) add up to at most
    ``MAX_SET_BYTES``."""
    total = sum({media.sha256: media.size for media in files}.values())
    if total > MAX_SET_BYTES:
        return [
            f"the images of this set add up to {_size(total)}; a set may hold "
            f"{_size(MAX_SET_BYTES)} of images at most"
        ]
    return []


def plugin_url(name: str) -> str:
    """``@@PLUGINFILE@@/`` and the name, percent-encoded as Moodle writes it."""
    return f"{PLUGINFILE}/{quote(name, safe='')}"


def referenced_names(text: str) -> list[str]:
    """The names of the files a text refers to (``@@PLUGINFILE@@/...``), in order, once each."""
    names = (unquote(match.group(1)) for match in _REFERENCE.finditer(text or ""))
    return list(dict.fromkeys(names))


def rewrite_references(text: str, url_for: Any) -> str:
    """``text`` with each ``@@PLUGINFILE@@/name`` replaced by ``url_for(name)`` (the name
    decoded); a reference ``url_for`` returns None for is left as it was."""

    def replace(match: re.Match[str]) -> str:
        new = url_for(unquote(match.group(1)))
        return match.group(0) if new is None else new

    return _REFERENCE.sub(replace, text or "")
