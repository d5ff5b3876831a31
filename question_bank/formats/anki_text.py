"""Anki's "Notes in Plain Text" export (``.txt``, ``.csv``, ``.tsv``), as Anki 2.1.55 and
later write it: header lines, then one note per row.

::

    #separator:tab
    #html:true
    #guid column:1
    #notetype column:2
    #deck column:3
    #tags column:6
    f8Zq$1Xy	Basic	Geography::Capitals	Ankara	Capital of <b>Türkiye</b>	europe

Header lines read (each ``#name:value`` at the top of the file, names without case):

* ``#separator:`` ``tab``, ``comma``, ``semicolon``, ``pipe``, ``space``, ``colon``, or
  the character itself;
* ``#html:true|false``: fields are HTML (kept as HTML, sanitised by the app) or text;
* ``#columns:`` the names of the columns (``Front``, ``Back``, ``Text``, ``Tags``, ``Deck``...)
  separated like the rows;
* ``#notetype:``, ``#deck:``, ``#tags:`` (space-separated) for every note, and
  ``#notetype column:``, ``#deck column:``, ``#tags column:``, ``#guid column:`` (1-based);
* others (``#if matches:``...) are accepted and change nothing.

Rows follow CSV's quoting whatever the separator: a field holding the separator, a quote
or a line break is quoted (``"two\\nlines"``).  The columns that are not guid, note type,
deck or tags are the note's fields in order.  Notes become flashcards and questions as
``question_bank.formats.anki_notes`` says (Basic, reversed, type-in, Cloze); the guid is
the id (so a new export of the same deck updates the same cards).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from question_bank.formats import anki_notes
from question_bank.formats.base import Columns, ParseError, ParseResult, stable_id
from question_bank.formats.tabular import Layout, column_role, read_records, rows

_HEADER = re.compile(r"#([A-Za-z ]+):(.*)")
_SEPARATORS = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "pipe": "|",
    "space": " ",
    "colon": ":",
}
_KNOWN = {
    "separator",
    "html",
    "columns",
    "notetype",
    "deck",
    "tags",
    "notetype column",
    "deck column",
    "tags column",
    "guid column",
    "if matches",
    "match scope",
}


def has_headers(text: str) -> bool:
    """Does the file start with Anki's header lines?"""
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    match = _HEADER.fullmatch(first)
    return bool(match) and match.group(1).strip().casefold() in _KNOWN


def _headers(text: str) -> tuple[dict[str, tuple[int, str]], int, str]:
    """The header lines (name -> (line, value)), the line the rows start on, and the rows."""
    found: dict[str, tuple[int, str]] = {}
    lines = text.split("\n")
    number = 0
    for number, line in enumerate(lines):
        match = _HEADER.fullmatch(line.rstrip("\r"))
        if not match:
            break
        found[match.group(1).strip().casefold()] = (number + 1, match.group(2).strip())
    else:
        number = len(lines)
    return found, number + 1, "\n".join(lines[number:])


def _column(headers, name: str, errors: list[ParseError]) -> int | None:
    if name not in headers:
        return None
    line, value = headers[name]
    if not value.isdigit() or int(value) < 1:
        errors.append(
            ParseError(f'"#{name}:" must be a column number (1, 2...), not "{value}"', line)
        )
        return None
    return int(value) - 1


def parse(
    text: str,
    set_name: str = "Imported questions",
    columns: Columns | Sequence[str] | None = None,
) -> ParseResult:
    """Read an Anki plain-text export; never raises."""
    result = ParseResult()
    headers, first_line, body = _headers(text.removeprefix("\ufeff"))
    for name, (line, _value) in headers.items():
        if name not in _KNOWN:
            result.warnings.append(ParseError(f'the header "#{name}:" is not read', line))
    separator = "\t"
    if "separator" in headers:
        line, raw = headers["separator"]
        separator = _SEPARATORS.get(raw.casefold(), raw)
        if len(separator) != 1:
            result.errors.append(
                ParseError(
                    f'"#separator:{raw}" is not a separator (tab, comma, semicolon, pipe, '
                    "space, colon, or one character)",
                    line,
                )
            )
            return result
    html = headers.get("html", (0, "false"))[1].casefold() == "true"
    special = {
        role: _column(headers, f"{name} column", result.errors)
        for role, name in (("id", "guid"), ("notetype", "notetype"), ("category", "deck"))
    }
    special["tags"] = _column(headers, "tags column", result.errors)
    if result.errors:
        return result
    names: list[str] = []
    if "columns" in headers:
        names = [n.strip() for n in headers["columns"][1].split(separator)]
    records = (
        (line, cells)
        for line, cells in rows(body, separator, result.errors, first_line=first_line)
        if any(cell.strip() for cell in cells)
    )
    if columns is not None:  # the instructor's own roles: read as plain rows
        roles = list(columns.roles if isinstance(columns, Columns) else columns)
        layout = Layout(roles, bool(names), names, html=html)
        return read_records(records, layout, result, set_name, header_line=first_line)

    roles, field_columns = _roles(names, special)
    layout = Layout(
        roles, True, names or _default_names(roles, special), html=html, open_ended=not names
    )
    defaults = {
        "notetype": headers.get("notetype", (0, ""))[1],
        "deck": headers.get("deck", (0, ""))[1],
        "tags": headers.get("tags", (0, ""))[1],
    }
    builder = _NoteBuilder(special, field_columns, defaults, html)
    return read_records(
        records,
        layout,
        result,
        set_name,
        header_line=first_line,
        build=builder,
    )


def _roles(names: list[str], special: dict[str, int | None]) -> tuple[list[str], list[int]]:
    """Each column's role (for ``ParseResult.columns``) and the columns of the fields."""
    width = max([len(names), *(i + 1 for i in special.values() if i is not None), 2])
    if not names:
        width = max(width, sum(1 for i in special.values() if i is not None) + 2)
    by_index = {index: role for role, index in special.items() if index is not None}
    roles, fields = [], []
    for index in range(width):
        role = by_index.get(index)
        name_role = column_role(names[index]) if index < len(names) else None
        if role is None and name_role in ("tags", "category", "id"):
            role = name_role
        if role is None:
            fields.append(index)
            role = ("question", "answer")[len(fields) - 1] if len(fields) <= 2 else "ignore"
        roles.append("ignore" if role == "notetype" else role)
    return roles, fields


def _default_names(roles: list[str], special: dict[str, int | None]) -> list[str]:
    labels = {"id": "guid", "category": "deck", "tags": "tags"}
    by_index = {index: role for role, index in special.items() if index is not None}
    names, field = [], 0
    for index, role in enumerate(roles):
        if by_index.get(index) == "notetype":
            names.append("notetype")
        elif role in labels and by_index.get(index) == role:
            names.append(labels[role])
        else:
            field += 1
            names.append(f"field {field}")
    return names


class _NoteBuilder:
    """Makes each row's note into its question and cards (``tabular.read_records``'s build)."""

    def __init__(self, special, field_columns, defaults, html) -> None:
        self.special = special
        self.field_columns = field_columns
        self.defaults = defaults
        self.html = html

    def cell(self, cells: list[str], role: str) -> str:
        index = self.special.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    def __call__(self, values, cells, line, used_ids, errors):
        fields = [cells[i] for i in self.field_columns if i < len(cells)]
        fields += [cells[i] for i in range(max(self.field_columns, default=-1) + 1, len(cells))]
        if not any(f.strip() for f in fields):
            errors.append(ParseError("this note has no fields", line))
            return None
        notetype = self.cell(cells, "notetype") or self.defaults["notetype"]
        is_cloze = "cloze" in notetype.casefold() or (
            not notetype and bool(anki_notes.CLOZE.search(fields[0]))
        )
        guid = self.cell(cells, "id").strip()
        if guid:
            if guid in used_ids:
                errors.append(ParseError(f'the guid "{guid}" is used twice', line))
                return None
            used_ids.add(guid)
            note_id = guid
        else:
            note_id = stable_id("anki", fields[0], used_ids)
        tags = (self.cell(cells, "tags") + " " + self.defaults["tags"]).split()
        note = anki_notes.Note(
            id=note_id,
            kind=anki_notes.kind_of(notetype, is_cloze, len(fields)),
            fields=fields,
            tags=tuple(dict.fromkeys(tags)),
            deck=self.cell(cells, "category") or self.defaults["deck"] or None,
            html=self.html,
        )
        question, cards = anki_notes.convert(note)
        if not cards:
            errors.append(ParseError("this note makes no card (its first field is empty)", line))
            return None
        return question, cards
