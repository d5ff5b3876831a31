"""Texts as the API sends them: plain text, or HTML that is safe to insert as it is.

A question or card written in HTML, Markdown or Moodle's auto-format is sent as HTML
rendered and cleaned by the same sanitiser as the pages (``question_bank.rendering``, nh3):
its ``text_format`` is then ``"html"``, and every text of it the API sends (the prompt, the
choices, items and options, the answer as said, the feedback; a card's front and back) is
that HTML.  A plain question stays plain text (``"plain"``), for the client to escape.  The
article's quotes (``source``) are always plain text.  So a client never receives markup
that has not been through the sanitiser, whatever a file held.
"""

from __future__ import annotations

from typing import Any

from question_bank.rendering import render_text

PLAIN, HTML = "plain", "html"


def api_format(text_format: str) -> str:
    """The format the API sends a text written in ``text_format`` in."""
    return PLAIN if text_format in ("", PLAIN) else HTML


def api_text(text: str, text_format: str) -> str:
    """``text`` as the API sends it: as it is when plain, else sanitised HTML."""
    if api_format(text_format) == PLAIN:
        return text
    return render_text(text, text_format)


def public_form(public: dict[str, Any]) -> dict[str, Any]:
    """A question's public form as the API sends it: its prompt, and the ``text`` of every
    entry of its lists (choices, items, options), in the API's format."""
    text_format = str(public.get("text_format") or PLAIN)
    if api_format(text_format) == PLAIN:
        return public
    sent = dict(public, text_format=HTML, prompt=api_text(public.get("prompt", ""), text_format))
    for key, value in public.items():
        if isinstance(value, list) and value and all(isinstance(e, dict) for e in value):
            sent[key] = [
                {**e, "text": api_text(e["text"], text_format)} if "text" in e else e for e in value
            ]
    return sent
