"""The XML tree of a Moodle XML file, read safely and with lines, and the small readers of
its elements: texts and their formats, fractions, numbers.

Read with defusedxml: a file with a ``<!DOCTYPE>`` (which is how entity expansion bombs and
external entities get in) is refused with a plain error before anything is expanded or
fetched.  Every element remembers the line it starts on, for the messages.
"""

from __future__ import annotations

import re

# The standard ElementTree only builds the tree here; the parser is defusedxml's.
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from typing import Any

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from question_bank import grading
from question_bank.formats.base import ParseError

NAME = "moodlexml"
LABEL = "Moodle XML"

#: Moodle's ``format`` attribute -> quizapp's text format.
FORMAT_TO_TEXT_FORMAT = {
    "html": "html",
    "moodle_auto_format": "moodle",
    "plain_text": "plain",
    "markdown": "markdown",
    "wiki_like": "moodle",
}
#: quizapp's text format -> Moodle's ``format`` attribute.
TEXT_FORMAT_TO_FORMAT = {
    "html": "html",
    "moodle": "moodle_auto_format",
    "plain": "plain_text",
    "markdown": "markdown",
}
#: The text formats whose texts are HTML (an ``<img>`` in them is shown).
HTML_FORMATS = ("html", "moodle")


class Invalid(Exception):
    """A problem in one question: it is reported with its line and the question left out."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class Unsupported(Invalid):
    """A well-written question that holds something quizapp cannot keep (a sound file, a
    drop-down blank...): it is skipped, with its line and this reason, and the rest of the
    file may be imported."""


class _LineTreeBuilder(ET.TreeBuilder):
    """Builds the tree and remembers the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.expat: Any = None
        self.lines: dict[int, int] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = super().start(tag, attrs)
        if self.expat is not None:
            self.lines[id(element)] = self.expat.CurrentLineNumber
        return element


def read_tree(text: str) -> tuple[ET.Element | None, dict[int, int], list[ParseError]]:
    """The root element, each element's line (by ``id``), and the errors that stop the file."""
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(
        target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    builder.expat = parser.parser
    try:
        parser.feed(text)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        message = re.sub(r":\s*line \d+, column \d+$", "", str(exc))
        if message.startswith("no element found") and not text.strip():
            return None, {}, [ParseError("the file is empty", 1)]
        return None, {}, [ParseError(f"the XML is not well formed: {message}", line, column + 1)]
    except (DTDForbidden, EntitiesForbidden) as exc:
        line = parser.parser.CurrentLineNumber
        kind = "a document type (<!DOCTYPE>)" if isinstance(exc, DTDForbidden) else "entities"
        message = (
            f"the file declares {kind}; question files may not, because DTDs and "
            "entities can expand without limit or read files on the server"
        )
        return None, {}, [ParseError(message, line)]
    except DefusedXmlException:
        line = parser.parser.CurrentLineNumber
        message = "the file refers to an external entity, which is not allowed"
        return None, {}, [ParseError(message, line)]
    except (ValueError, RecursionError, MemoryError) as exc:  # pragma: no cover - defensive
        return None, {}, [ParseError(f"the XML could not be read ({type(exc).__name__})", 1)]
    return root, builder.lines, []


def child_text(element: ET.Element | None, path: str | None = None) -> str | None:
    """Text of ``<path><text>...</text></path>`` (or of ``<path>`` itself), trimmed."""
    if element is None:
        return None
    node = element.find(path) if path else element
    if node is None:
        return None
    text_node = node.find("text")
    if text_node is not None:
        return (text_node.text or "").strip()
    return (node.text or "").strip()


def text_and_format(
    element: ET.Element | None, path: str, default_format: str = "html"
) -> tuple[str, str]:
    """The text at ``path`` and its quizapp text format (Moodle's ``format`` attribute, else
    ``default_format``, a Moodle name)."""
    node = element.find(path) if element is not None else None
    if node is None:
        return "", FORMAT_TO_TEXT_FORMAT.get(default_format, "html")
    text = child_text(node) or ""
    moodle_format = (node.get("format") or default_format).strip()
    return text, FORMAT_TO_TEXT_FORMAT.get(moodle_format, "html")


def plain(text: str, text_format: str) -> str:
    """``text`` without its markup."""
    if text_format == "plain" or not text:
        return text
    from question_bank.rendering import plain_text

    return plain_text(text, text_format)


def holds_image(text: str, text_format: str) -> bool:
    """Does an HTML text show an image (which plain text would lose)?"""
    return text_format in HTML_FORMATS and "<img" in text.lower()


def fraction(answer: ET.Element, line: int | None) -> float:
    """An answer's ``fraction`` (a percentage) as a weight: ``50`` is 0.5."""
    raw = answer.get("fraction")
    if raw is None:
        fraction_node = answer.find("fraction")  # old files
        raw = (fraction_node.text or "").strip() if fraction_node is not None else "0"
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise Invalid(
            f'the answer fraction "{raw}" is not a number (write a percentage such as 100 or 50)',
            line,
        ) from None
    if not value.is_finite():
        raise Invalid(f'the answer fraction "{raw}" is not a finite number', line)
    # Divide in decimal: 33.33333 / 100 is 0.3333333, not 0.33333329999999994.
    weight = float(value / 100)
    if weight in (float("inf"), float("-inf")):
        raise Invalid(f'the answer fraction "{raw[:20]}" is far too large', line)
    return weight


def letter_id(index: int) -> str:
    """Moodle's positional ids: a, b... z, then 27, 28..."""
    return "abcdefghijklmnopqrstuvwxyz"[index] if index < 26 else str(index + 1)


def number(text: str) -> float | None:
    """A finite number written in a file, or None."""
    try:
        value = float(text)
    except ValueError:
        value = grading.parse_number(text)  # type: ignore[assignment]
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return None
    return value
