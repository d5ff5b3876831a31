"""Question text to safe HTML, and to plain text.

Uploaded files carry text in four formats (``Question.text_format``):

* ``plain``: escaped; line breaks kept as ``<br>``.
* ``markdown``: rendered by markdown-it-py (CommonMark, tables, strikethrough) with raw HTML
  *disabled* (it is shown as text), then passed through the same sanitiser as HTML, as a
  second line of defence.
* ``html``: sanitised by nh3 with the allow-list below.
* ``moodle`` (Moodle's "auto format"): HTML allowed, and line breaks kept as ``<br>``.

Anything else is treated as ``plain``.  The sanitiser keeps basic formatting, lists,
tables, code, quotes and links; it drops every script, style, event handler (``onerror=``),
form, frame, object and ``style`` attribute.  Decisions:

* links: ``http``, ``https``, ``mailto`` and relative URLs only; every link gets
  ``rel="noopener noreferrer nofollow"``;
* images: only inline ``data:image/png|jpeg|gif|webp`` and relative URLs (files served by
  the app, and ``@@PLUGINFILE@@/...`` references, which the app rewrites to its own).
  Images on other sites are dropped (``src`` removed): they would let a file's author
  track who reads the question, and break when the site goes.  SVG data URLs are refused
  too.
* a URL that only looks relative is not: scheme-relative ``//evil.example/x.png`` and the
  backslash forms browsers read the same way (``/\\evil.example``, ``\\\\evil.example``,
  with tabs or line breaks inside, which browsers drop) leave the site, so they are dropped
  from ``src`` and ``href`` alike.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

TEXT_FORMATS = ("plain", "markdown", "html", "moodle")

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div",
        "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
        "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
        "ul",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}

LINK_REL = "noopener noreferrer nofollow"
_URL_SCHEMES = {"http", "https", "mailto", "data"}  # data: is narrowed by _filter_attribute
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_BLOCK_END = re.compile(
    r"(<br\s*/?>|</(p|div|li|h[1-6]|tr|blockquote|pre|dt|dd|table|ul|ol|figure)>)", re.I
)


#: What browsers drop from a URL before reading it: C0 controls and spaces at the ends,
#: tabs and line breaks anywhere.
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]|^[\x00-\x20]+|[\x00-\x20]+$")
_LINK_SCHEMES = {"http", "https", "mailto"}


def _as_browsers_read(url: str) -> str:
    """``url`` as a browser reads it for an http(s) page: without what it ignores, and with
    backslashes as slashes."""
    return _IGNORED_IN_URLS.sub("", url).replace("\\", "/")


def _is_relative(url: str) -> bool:
    """A URL on this site: no scheme and no host (``//host`` however it is spelt)."""
    read = _as_browsers_read(url)
    return not _SCHEME.match(read) and not read.startswith("//")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Narrow what the scheme list lets through: links to http(s), mailto and this site;
    images inline (``data:image/...``) or from this site only."""
    if attribute == "href":
        read = _as_browsers_read(value)
        scheme = _SCHEME.match(read)
        if scheme:
            return value if scheme.group(0)[:-1].lower() in _LINK_SCHEMES else None
        return value if not read.startswith("//") else None
    if tag == "img" and attribute == "src":
        if _DATA_IMAGE.match(value.strip()) or _is_relative(value):
            return value
        return None
    return value


def sanitize_html(fragment: str) -> str:
    """An HTML fragment with everything outside the allow-list removed."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # CommonMark (plus tables and ~~strikethrough~~) with raw HTML turned off: "<script>"
    # in Markdown shows as text.
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def _escape_lines(text: str) -> str:
    return "<br>\n".join(html.escape(line) for line in text.split("\n"))


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def render_text(text: str, text_format: str) -> str:
    """Safe HTML for ``text`` written in ``text_format`` (see the module docstring)."""
    text = _normalise_newlines(text or "")
    if text_format == "markdown":
        return sanitize_html(_markdown().render(text))
    if text_format == "html":
        return sanitize_html(text)
    if text_format == "moodle":
        return sanitize_html(text.replace("\n", "<br>\n"))
    return _escape_lines(text)


def _html_to_text(fragment: str) -> str:
    # In HTML, line breaks in the source are spaces; breaks come from <br> and blocks.
    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n", re.sub(r"\s+", " ", fragment))
    stripped = nh3.clean(marked, tags=set(), clean_content_tags={"script", "style"})
    text = html.unescape(stripped).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    # No more than one empty line in a row, none at the ends.
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")


def plain_text(text: str, text_format: str) -> str:
    """``text`` without any markup, for places that show no HTML (card fronts, CSV)."""
    text = _normalise_newlines(text or "")
    if text_format == "markdown":
        return _html_to_text(_markdown().render(text))
    if text_format == "html":
        return _html_to_text(text)
    if text_format == "moodle":
        return _html_to_text(text.replace("\n", "<br>\n"))
    return text


_IMG_ALT = re.compile(r"<img\b[^>]*?\balt\s*=\s*([\"'])(.*?)\1", re.I | re.S)


def text_label(text: str, text_format: str) -> str:
    """A text as a line of plain text, for places that name it (an answer as said, an id):
    its words, else the descriptions (``alt``) of its images, else "[image]" for a text
    that is only a picture.  Plain text is returned as it is."""
    if text_format == "plain":
        return text
    words = " ".join(plain_text(text, text_format).split())
    if words or "<img" not in text.lower():
        return words
    alts = [" ".join(html.unescape(m.group(2)).split()) for m in _IMG_ALT.finditer(text)]
    alts = [alt for alt in alts if alt]
    return "; ".join(f"[image: {alt}]" for alt in alts) if alts else "[image]"
