"""Categories belong to the set: any name an instructor gives is the questions' category.

A category is free text, kept as written but trimmed, with runs of whitespace made one
space, at most ``MAX_CATEGORY_LENGTH`` characters (``clean_category``).  Moodle files
categories in a tree and names one by its path, ``$course$/top/Biology/Cells``: the
category is the path below Moodle's top, ``Biology/Cells`` (``from_moodle_path``), and is
written back as ``$course$/top/Biology/Cells`` (``to_moodle_path``).  A ``/`` inside one
category's own name is doubled in a path, as Moodle writes it (``Salt//pepper``), and the
category keeps it doubled, so that the path reads back exactly.

Only the seed article's bank has fixed categories (``question_bank.article.CATEGORIES``).
"""

from __future__ import annotations

import re

#: The longest category name kept.
MAX_CATEGORY_LENGTH = 100
#: Where Moodle puts a question that has no category of its own.
MOODLE_TOP = "$course$/top"

_CONTEXT = re.compile(r"\$\w+\$")
_SEPARATOR = re.compile(r"(?<!/)/(?!/)")


def clean_category(raw: str | None) -> str | None:
    """A category as a file or a form gives it: trimmed, whitespace collapsed, empty is
    none.  Case is kept as written."""
    if raw is None:
        return None
    cleaned = " ".join(str(raw).split())
    return cleaned or None


def category_problem(category: str | None) -> str | None:
    """Why a category cannot be kept (too long, or not cleaned), else None."""
    if category is None:
        return None
    if len(category) > MAX_CATEGORY_LENGTH:
        return f'the category "{category[:40]}..." is longer than {MAX_CATEGORY_LENGTH} characters'
    if category != clean_category(category):
        return f"the category {category!r} has spaces at its ends or line breaks"
    return None


def split_path(path: str) -> list[str]:
    """A Moodle category path cut at each single ``/`` (``//`` is a slash inside a name),
    each part trimmed, empty parts dropped; the parts keep their ``//``."""
    return [part.strip() for part in _SEPARATOR.split(path.strip()) if part.strip()]


def from_moodle_path(path: str) -> str | None:
    """The category a Moodle path names: the path below the context (``$course$``...)
    and ``top``; None for the top itself (no category)."""
    parts = split_path(path)
    if parts and _CONTEXT.fullmatch(parts[0]):
        parts = parts[1:]
    if parts and parts[0] == "top":
        parts = parts[1:]
    return clean_category("/".join(parts))


def to_moodle_path(category: str | None) -> str:
    """The Moodle path of a category: ``$course$/top/<category>``; the top for none."""
    if not category:
        return MOODLE_TOP
    return f"{MOODLE_TOP}/{category}"
