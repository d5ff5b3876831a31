"""Images and files of questions and cards: stored once, named by reference, served to the
people who may see them.

* ``references`` (pure): how questions and cards name their files (``FileRef``), and the
  rewriting of ``@@PLUGINFILE@@/<name>`` into the media route's URLs when they are shown;
* ``storage``: storing files once by SHA-256, the links from sets and attempts;
* ``access``: who may fetch a file (``served_file``), else "not found".

Why the bytes are in the database: ``quizapp.models.media``.  Callers import the package
(``from quizapp.services import media``) and use the names below.
"""

from __future__ import annotations

from quizapp.services.media.access import NO_SUCH_FILE, ServedFile, may_fetch, served_file
from quizapp.services.media.references import (
    MEDIA_PREFIX,
    PLUGINFILE,
    FileRef,
    card_side_html,
    media_path,
    names_in,
    refs_of,
    rewrite,
    shown_card,
    shown_question,
    stored_refs,
    url_map,
    with_urls,
)
from quizapp.services.media.storage import contents, ids_of, link_attempt, link_set, store

__all__ = [
    "MEDIA_PREFIX",
    "NO_SUCH_FILE",
    "PLUGINFILE",
    "FileRef",
    "ServedFile",
    "card_side_html",
    "contents",
    "ids_of",
    "link_attempt",
    "link_set",
    "may_fetch",
    "media_path",
    "names_in",
    "refs_of",
    "rewrite",
    "served_file",
    "shown_card",
    "shown_question",
    "store",
    "stored_refs",
    "url_map",
    "with_urls",
]
