"""CSV and TSV: one fact per row, as spreadsheets, Quizlet and Anki write them.

Each row becomes a flashcard (front = question, back = answer) *and* a short answer
question that tests it, linked by ``card_id`` (the question and its card share one id).

Columns (``ParseResult.columns`` says how they were read; ``columns=`` chooses them):

* A first row is a header when it names a question and an answer column, or when every
  cell of it is a known column name.  Names are matched without case, spaces or trailing
  ``:``: ``question`` (also ``front``, ``term``, ``prompt``, ``word``...), ``answer``
  (``back``, ``definition``, ``meaning``...), ``category`` (``deck``, ``topic``...),
  ``tags``, ``feedback`` (``explanation``...), ``source`` (``quote``) and ``id``
  (``guid``).  A header cell with another name is not read (role ``ignore``) and a
  warning says so: the instructor may give it a role.
* Without a header the columns are, in order: question, answer, category, tags, source.
  Quizlet's export ("tab between term and definition", "new line between rows") is that.
* ``columns=["answer", "question", "ignore", ...]`` (one role per column, out of
  ``base.COLUMN_ROLES``, or a ``Columns`` that also says whether the first row is a
  header) reads the file with those roles instead.
* A row with more cells than there are columns is an error with its line, never cut.

Quoting is the usual one (Excel, LibreOffice, Python's ``csv`` module), read strictly: a
quote that does not close a quoted cell is an error with its line.  CSV's delimiter is
found from the first line (tab, comma or semicolon).  TSV (Quizlet) has no quoting at all:
quotes are text.  A file that starts with Anki's ``#separator:``/``#html:``/``#columns:``
lines ("Notes in Plain Text") is read as Anki wrote it (``question_bank.formats.anki_text``).

Tags in one cell are separated by commas, semicolons or ``|``.  Ids: the ``id`` column
when there is one, otherwise ``csv-<hash of the question>``.  An imported source quote has
no article, so its offsets are 0 and its length.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from question_bank.categories import clean_category
from question_bank.formats.base import (
    COLUMN_ROLES,
    Columns,
    ParseError,
    ParseResult,
    check_question,
    export_cards,
    split_tags,
    stable_id,
)
from question_bank.sets import Card, QuestionSet
from question_bank.types import Accepted, ShortAnswer, Source

#: Header names (lower case, inner spaces kept) and the role each names.
COLUMN_NAMES = {
    **dict.fromkeys(
        ("question", "questions", "front", "term", "terms", "prompt", "word", "q", "stem"),
        "question",
    ),
    **dict.fromkeys(("question text", "front side", "text"), "question"),
    **dict.fromkeys(
        ("answer", "answers", "back", "definition", "definitions", "meaning", "a"), "answer"
    ),
    **dict.fromkeys(("correct answer", "right answer", "back side", "translation"), "answer"),
    **dict.fromkeys(("category", "categories", "deck", "topic", "subject", "chapter"), "category"),
    **dict.fromkeys(("tags", "tag", "keywords", "labels"), "tags"),
    **dict.fromkeys(("feedback", "explanation", "general feedback", "rationale"), "feedback"),
    **dict.fromkeys(("source", "quote", "reference"), "source"),
    **dict.fromkeys(("id", "guid", "identifier", "note id"), "id"),
}
POSITIONAL = ("question", "answer", "category", "tags", "source")


class _Lines:
    """Feeds lines to ``csv.reader`` and knows the number of the last line given."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        # newline="": lines end at \n, \r\n or \r only, and keep their ending for csv.
        self._lines = iter(io.StringIO(text, newline=""))
        self.number = first_line - 1

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.number += 1
        return line


def rows(
    text: str,
    delimiter: str,
    errors: list[ParseError],
    *,
    quoting: bool = True,
    first_line: int = 1,
) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of every record; a malformed record is reported, skipped."""
    lines = _Lines(text, first_line)
    while True:
        if quoting:
            reader = csv.reader(lines, delimiter=delimiter, strict=True)
        else:
            reader = csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE)
        start = lines.number + 1
        try:
            for row in reader:
                yield start, row
                start = lines.number + 1
            return
        except csv.Error as exc:
            message = str(exc)
            if "expected after" in message:
                message = (
                    'a quote (") is followed by more text; put the whole cell in quotes and '
                    'double the quotes inside it ("like ""this""")'
                )
            elif "end of data" in message or "EOF" in message:
                message = 'a quoted cell is never closed (a " is missing)'
            errors.append(ParseError(f"this row is not valid CSV: {message}", start))


def sniff_delimiter(text: str) -> str:
    """Tab, comma or semicolon, from the first line that has text."""
    first = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    if "\t" in first:
        return "\t"
    if ";" in first and "," not in first:
        return ";"
    return ","


def column_role(name: str) -> str | None:
    """The role a header cell names, or None (matched without case, spaces or ``:``)."""
    key = " ".join(re.sub(r"[_:]+", " ", name.casefold()).split())
    return COLUMN_NAMES.get(key)


def header_roles(cells: Sequence[str]) -> list[str] | None:
    """The roles a header row names, or None when the row is not a header."""
    named = [column_role(cell) for cell in cells]
    known = [role for role in named if role is not None]
    filled = [cell for cell in cells if cell.strip()]
    is_header = ("question" in known and "answer" in known) or (
        len(known) >= 2 and len(known) == len(filled)
    )
    if not is_header:
        return None
    return [role or "ignore" for role in named]


@dataclass
class Layout:
    """How a file's rows are read: each column's role, and what applies to every row."""

    roles: list[str]
    header: bool
    names: list[str] = field(default_factory=list)
    #: Cell text is HTML (Anki's ``#html:true``).
    html: bool = False
    #: Values that hold for every row (Anki's ``#deck:``, ``#tags:``).
    defaults: dict[str, str] = field(default_factory=dict)
    #: Rows may have more cells than ``roles`` (Anki's notes of several note types).
    open_ended: bool = False

    def columns(self) -> Columns:
        names = self.names + [""] * (len(self.roles) - len(self.names))
        return Columns(self.header, tuple(names), tuple(self.roles))


def check_roles(roles: Sequence[str], line: int | None) -> list[ParseError]:
    """Problems with roles chosen for the columns: unknown, twice, or none to read."""
    found = []
    for number, role in enumerate(roles, start=1):
        if role not in COLUMN_ROLES:
            found.append(
                ParseError(
                    f'column {number}: "{role}" is not a role (use one of '
                    f"{', '.join(COLUMN_ROLES)})",
                    line,
                )
            )
    for role in sorted({r for r in roles if r != "ignore" and list(roles).count(r) > 1}):
        found.append(ParseError(f"two columns are read as the {role}", line))
    for role in ("question", "answer"):
        if role not in roles:
            found.append(ParseError(f"no column is read as the {role}", line))
    return found


def _choose_layout(
    first: tuple[int, list[str]] | None,
    columns: Columns | Sequence[str] | None,
    result: ParseResult,
) -> Layout:
    line, cells = first if first is not None else (1, [])
    if isinstance(columns, Columns):
        names = list(cells) if columns.header else []
        return Layout(list(columns.roles), columns.header, names)
    detected = header_roles(cells)
    if columns is not None:
        return Layout(list(columns), detected is not None, list(cells) if detected else [])
    if detected is None:
        return Layout(list(POSITIONAL), False)
    layout = Layout(detected, True, list(cells))
    for number, (name, role) in enumerate(zip(cells, detected, strict=True), start=1):
        if role == "ignore" and name.strip():
            result.warnings.append(
                ParseError(
                    f'the column "{name.strip()}" is not read (known columns: question, answer, '
                    "category, tags, feedback, source, id): choose its role to read it",
                    line,
                    number,
                )
            )
    return layout


def parse(
    text: str,
    set_name: str = "Imported questions",
    delimiter: str | None = None,
    columns: Columns | Sequence[str] | None = None,
) -> ParseResult:
    """Read CSV or TSV (``delimiter`` None: found from the first line); never raises."""
    from question_bank.formats import anki_text

    text = text.removeprefix("\ufeff")
    if anki_text.has_headers(text):
        return anki_text.parse(text, set_name, columns=columns)
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    result = ParseResult()
    records = (
        (line, cells)
        for line, cells in rows(text, delimiter, result.errors, quoting=delimiter != "\t")
        if any(cell.strip() for cell in cells)
    )
    first = next(records, None)
    layout = _choose_layout(first, columns, result)
    if first is not None and not layout.header:
        records = _chain(first, records)
    return read_records(records, layout, result, set_name, header_line=first and first[0])


def _chain(first: tuple[int, list[str]], rest: Iterator[tuple[int, list[str]]]):
    yield first
    yield from rest


def read_records(
    records: Iterator[tuple[int, list[str]]],
    layout: Layout,
    result: ParseResult,
    set_name: str,
    header_line: int | None = None,
    build=None,
) -> ParseResult:
    """Read the data rows with a layout into ``result`` (its questions and cards).

    ``build(values, cells, line, used_ids, errors)`` makes a row's question and cards
    (``None`` for the question when it only makes cards), or returns None after reporting
    why it cannot; by default a short answer and its card.
    """
    result.columns = layout.columns()
    role_errors = check_roles(layout.roles, header_line or 1)
    if role_errors:
        result.errors.extend(role_errors)
        return result
    build = build or _short_answer
    questions, cards = [], []
    used_ids: set[str] = set()
    width = len(layout.roles)
    for line, cells in records:
        if len(cells) > width and not layout.open_ended:
            if any(cell.strip() for cell in cells[width:]):
                result.errors.append(_too_many(len(cells), layout, line))
                continue
            cells = cells[:width]  # empty cells at the end (a trailing separator)
        values = dict(layout.defaults)
        for role, cell in zip(layout.roles, cells, strict=False):
            if role != "ignore" and cell.strip():
                values[role] = cell.strip()
        made = build(values, cells, line, used_ids, result.errors)
        if made is None:
            continue
        question, row_cards = made
        if question is not None:
            problems = check_question(question, line)
            if problems:
                result.errors.extend(problems)
                continue
            questions.append(question)
        cards.extend(row_cards)
    if not result.errors and not questions and not cards:
        result.errors.append(ParseError("the file holds no rows with a question and an answer", 1))
    result.sets = [QuestionSet(name=set_name, questions=tuple(questions), cards=tuple(cards))]
    return result


def _too_many(count: int, layout: Layout, line: int) -> ParseError:
    width = len(layout.roles)
    if layout.header:
        said = f"the header names {width} columns"
    else:
        said = f"without a header row the columns are {', '.join(layout.roles)}"
    return ParseError(
        f"this row has {count} cells but {said}: put cells that contain the separator in "
        "quotes, or choose a role for each column",
        line,
    )


def row_id(values: dict[str, str], key_text: str, line: int, used_ids: set[str], errors) -> str:
    """The row's id: its ``id`` cell, else one made from ``key_text``; None when twice."""
    given = values.get("id", "")
    if given:
        if given in used_ids:
            errors.append(ParseError(f'the id "{given}" is used twice', line))
            return ""
        used_ids.add(given)
        return given
    return stable_id("csv", key_text, used_ids)


def _short_answer(values, cells, line, used_ids, errors):
    question_text = values.get("question", "")
    answer = values.get("answer", "")
    if not question_text or not answer:
        missing = "question" if not question_text else "answer"
        hint = " (is the separator between term and definition a tab or a comma?)"
        errors.append(
            ParseError(f"this row has no {missing}{hint if len(cells) == 1 else ''}", line)
        )
        return None
    item_id = row_id(values, question_text, line, used_ids, errors)
    if not item_id:
        return None
    quote = values.get("source", "")
    source = Source(quote, 0, len(quote)) if quote else None
    category = clean_category(values.get("category"))
    tags = split_tags(values.get("tags", ""))
    question = ShortAnswer(
        id=item_id,
        prompt=question_text,
        category=category,
        tags=tags,
        general_feedback=values.get("feedback", ""),
        answer_display=answer,
        source=source,
        card_id=item_id,
        accepted=(Accepted(answer, 1.0),),
    )
    card = Card(
        id=item_id, front=question_text, back=answer, category=category, tags=tags, source=source
    )
    return question, [card]


def parse_csv(
    text: str,
    set_name: str = "Imported questions",
    columns: Columns | Sequence[str] | None = None,
) -> ParseResult:
    """CSV; the delimiter (comma, semicolon or tab) is found from the first line."""
    return parse(text, set_name, delimiter=None, columns=columns)


def parse_tsv(
    text: str,
    set_name: str = "Imported questions",
    columns: Columns | Sequence[str] | None = None,
) -> ParseResult:
    """Tab-separated values with no quoting (Quizlet's export)."""
    return parse(text, set_name, delimiter="\t", columns=columns)


def dump(question_set: QuestionSet) -> str:
    """CSV of the set's flashcards: ``question,answer,category,tags`` (and ``source`` when a
    card has one), with a header row.  A set without cards exports the cards its questions
    imply (each type's ``Question.card``: its prompt and answer display; none for an essay
    or a description), markup removed.  Ids are not written."""
    cards = export_cards(question_set)
    with_source = any(card.source for card in cards)
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    header = ["question", "answer", "category", "tags"] + (["source"] if with_source else [])
    writer.writerow(header)
    for card in cards:
        row = [card.front, card.back, card.category or "", "; ".join(card.tags)]
        if with_source:
            row.append(card.source.quote if card.source else "")
        writer.writerow(row)
    return output.getvalue()
