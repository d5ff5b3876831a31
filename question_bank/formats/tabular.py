"""CSV and TSV: one fact per row, as flashcard apps (Quizlet, Anki, spreadsheets) write them.

Each row becomes a flashcard (front = question, back = answer) *and* a short answer
question that tests it, linked by ``card_id`` (the question and its card share one id).

* Without a header, the columns are: question, answer, and optionally category, tags and
  source.  Quizlet's export ("tab between term and definition", "new line between rows")
  is exactly that.
* With a header row, columns are found by name (any order, case ignored): ``question``
  (or ``term``, ``front``, ``prompt``), ``answer`` (or ``definition``, ``back``),
  ``category``, ``tags`` (or ``tag``), ``source`` (or ``quote``) and ``id``.  A first row
  is a header when it names both a question and an answer column.
* Tags in one cell are separated by commas, semicolons or ``|``.
* CSV follows the usual quoting rules (Excel, LibreOffice); its delimiter is found from
  the first line (tab, comma or semicolon).  TSV has no quoting at all (as Quizlet writes
  it): quotes are kept as part of the text.
* Ids: the ``id`` column when there is one, otherwise ``csv-<hash of the question>``.
  An imported source quote has no article, so its offsets are 0 and its length.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from question_bank.formats.base import (
    ParseError,
    ParseResult,
    category_or_none,
    check_question,
    export_cards,
    split_tags,
    stable_id,
)
from question_bank.sets import Card, QuestionSet
from question_bank.types import Accepted, ShortAnswer, Source

COLUMN_NAMES = {
    "question": "question",
    "term": "question",
    "front": "question",
    "prompt": "question",
    "answer": "answer",
    "definition": "answer",
    "back": "answer",
    "category": "category",
    "tags": "tags",
    "tag": "tags",
    "source": "source",
    "quote": "source",
    "id": "id",
}
POSITIONAL = ("question", "answer", "category", "tags", "source")


class _Lines:
    """Feeds lines to ``csv.reader`` and knows the number of the last line given."""

    def __init__(self, text: str) -> None:
        # newline="": lines end at \n, \r\n or \r only, and keep their ending for csv.
        self._lines = iter(io.StringIO(text, newline=""))
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.number += 1
        return line


def _rows(text: str, delimiter: str, errors: list[ParseError]) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of every record; a malformed record is reported, skipped."""
    lines = _Lines(text)
    while True:
        if delimiter == "\t":
            reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        else:
            reader = csv.reader(lines, delimiter=delimiter, strict=True)
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


def _header(cells: list[str]) -> dict[str, int] | None:
    names = [cell.strip().lower() for cell in cells]
    roles = [COLUMN_NAMES.get(name) for name in names]
    if "question" in roles and "answer" in roles:
        return {role: index for index, role in enumerate(roles) if role is not None}
    return None


def parse(
    text: str, set_name: str = "Imported questions", delimiter: str | None = None
) -> ParseResult:
    """Read CSV or TSV (``delimiter`` None: found from the first line); never raises."""
    text = text.removeprefix("\ufeff")
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    errors: list[ParseError] = []
    questions: list[ShortAnswer] = []
    cards: list[Card] = []
    used_ids: set[str] = set()
    columns: dict[str, int] | None = None
    first = True
    for line, cells in _rows(text, delimiter, errors):
        if not any(cell.strip() for cell in cells):
            continue
        if first:
            first = False
            columns = _header(cells)
            if columns is not None:
                for index, cell in enumerate(cells):
                    if cell.strip() and cell.strip().lower() not in COLUMN_NAMES:
                        errors.append(
                            ParseError(
                                f'unknown column "{cell.strip()}" (known columns: question, '
                                "answer, category, tags, source, id)",
                                line,
                                index + 1,
                            )
                        )
                continue
        if columns is None:
            if len(cells) > len(POSITIONAL):
                errors.append(
                    ParseError(
                        f"this row has {len(cells)} columns; without a header row the columns "
                        "are question, answer, category, tags, source (put cells that contain "
                        "the separator in quotes)",
                        line,
                    )
                )
                continue
            values = {role: cells[i].strip() for i, role in enumerate(POSITIONAL[: len(cells)])}
        else:
            values = {
                role: cells[index].strip() if index < len(cells) else ""
                for role, index in columns.items()
            }
        question_text = values.get("question", "")
        answer = values.get("answer", "")
        if not question_text or not answer:
            missing = "question" if not question_text else "answer"
            hint = (
                " (is the separator between term and definition a tab or a comma?)"
                if len(cells) == 1
                else ""
            )
            errors.append(ParseError(f"this row has no {missing}{hint}", line))
            continue
        given_id = values.get("id", "")
        if given_id:
            if given_id in used_ids:
                errors.append(ParseError(f'the id "{given_id}" is used twice', line))
                continue
            used_ids.add(given_id)
            item_id = given_id
        else:
            item_id = stable_id("csv", question_text, used_ids)
        quote = values.get("source", "")
        source = Source(quote, 0, len(quote)) if quote else None
        category = category_or_none(values.get("category"))
        tags = split_tags(values.get("tags", ""))
        question = ShortAnswer(
            id=item_id,
            prompt=question_text,
            category=category,
            tags=tags,
            answer_display=answer,
            source=source,
            card_id=item_id,
            accepted=(Accepted(answer, 1.0),),
        )
        problems = check_question(question, line)
        if problems:
            errors.extend(problems)
            continue
        questions.append(question)
        cards.append(
            Card(
                id=item_id,
                front=question_text,
                back=answer,
                category=category,
                tags=tags,
                source=source,
            )
        )
    if not errors and not questions:
        errors.append(ParseError("the file holds no rows with a question and an answer", 1))
    return ParseResult(
        sets=[QuestionSet(name=set_name, questions=tuple(questions), cards=tuple(cards))],
        errors=errors,
    )


def parse_csv(text: str, set_name: str = "Imported questions") -> ParseResult:
    """CSV; the delimiter (comma, semicolon or tab) is found from the first line."""
    return parse(text, set_name, delimiter=None)


def parse_tsv(text: str, set_name: str = "Imported questions") -> ParseResult:
    """Tab-separated values with no quoting (Quizlet's export)."""
    return parse(text, set_name, delimiter="\t")


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
