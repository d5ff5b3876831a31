"""The primitives every chart is drawn with: SVG elements as text, every text escaped.

A chart is ``figure(...)``: an ``<svg role="img">`` labelled for screen readers by its
``<title>`` (and ``<desc>``, a summary of its figures), around marks built with ``tag``,
``text`` and ``tooltip`` (a mark's own ``<title>``, shown on hover).  No script and no
``style=""`` (the Content-Security-Policy forbids both): colours are presentation
attributes or classes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from markupsafe import Markup, escape

#: Colours as presentation attributes (charts styled by classes use the stylesheet's).
INK = "#1d4ed8"
GRID = "#d5dae1"
TEXT = "#4d5560"
BAD = "#b42318"
REFERENCE = "#8a94a3"
MAX_LABEL = 14


def _attributes(attributes: dict[str, object]) -> str:
    """``text_anchor="end"`` -> `` text-anchor="end"`` (``class_`` -> ``class``)."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
        for name, value in attributes.items()
        if value is not None
    )


def tag(name: str, content: str | None = None, /, **attributes: object) -> str:
    """An element; ``content`` is markup already (escape text with ``text``/``tooltip``)."""
    if content is None:
        return f"<{name}{_attributes(attributes)}/>"
    return f"<{name}{_attributes(attributes)}>{content}</{name}>"


def text(content: str, /, **attributes: object) -> str:
    """A ``<text>`` element; its content is escaped."""
    return tag("text", str(escape(content)), **attributes)


def tooltip(content: str) -> str:
    """A mark's own ``<title>``: screen readers read it, browsers show it on hover."""
    return f"<title>{escape(content)}</title>"


def ident(name: str) -> str:
    """``name`` as an id: lower case, letters, digits and hyphens."""
    cleaned = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
    return cleaned or "chart"


def figure(
    body: Iterable[str],
    *,
    css_class: str,
    name: str,
    title: str,
    width: float,
    height: float,
    summary: str | None = None,
) -> Markup:
    """The ``<svg>`` around ``body``, labelled by ``title`` (and ``summary``, if given)."""
    key = ident(name)
    labels = f"{key}-title {key}-desc" if summary is not None else f"{key}-title"
    head = (
        f'<svg class="{escape(css_class)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{labels}">'
        f'<title id="{key}-title">{escape(title)}</title>'
    )
    if summary is not None:
        head += f'<desc id="{key}-desc">{escape(summary)}</desc>'
    return Markup(head + "".join(body) + "</svg>")


# ------------------------------------------------------------------- words and numbers


def short(label: str) -> str:
    """A label cut to ``MAX_LABEL`` characters, with an ellipsis."""
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def number(value: float) -> str:
    """A value as an axis or a bar says it: whole from 10, else one decimal if any."""
    return (
        str(round(value))
        if abs(value - round(value)) < 0.05 or abs(value) >= 10
        else f"{value:.1f}"
    )


def precise(value: float) -> str:
    """Two decimals at most, no trailing zeros: 0.67, 0.5, -17.14."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def at(value: float) -> str:
    """A coordinate, to one decimal."""
    return f"{value:.1f}"
