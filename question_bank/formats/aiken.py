"""Aiken: multiple choice questions in plain text, as Moodle reads them.

::

    What is the capital of Türkiye?
    A. Ankara
    B) Istanbul
    ANSWER: A

The question text comes first (one line, or several: they are joined with line breaks),
then the options, each a capital letter, ``.`` or ``)``, a space and the text (``A)text``
with no space is read too, when its letter is the next one expected), then the
``ANSWER:`` line with the letter of the one right option.  Blank lines between questions
are optional: the ``ANSWER:`` line ends a question.  Aiken has no feedback, no partial
credit and no ids: questions get ids derived from their text (``aiken-<hash>``) and
choices are named by their letters.  The multiple choice type reads and writes its own
options (its ``aiken`` codec); this module reads and writes the lines.
"""

from __future__ import annotations

import re

from question_bank import types as registry
from question_bank.formats.base import ParseError, ParseResult, check_question, stable_id
from question_bank.sets import QuestionSet
from question_bank.types import Question, UnsupportedType

NAME = "aiken"
LABEL = "Aiken"
#: What the error says when a type has no Aiken codec.
NOTE = "Aiken holds multiple choice questions only (one right option, no partial credit)"
#: The type an Aiken question is (its codec reads it).
READS = "multiple_choice"

_OPTION = re.compile(r"^([A-Z])[.)][ \t]+(\S.*)$")
#: ``A)text``, with no space: an option only when its letter is the one expected next (A,
#: then B...), so that a prompt line such as "U.S. troops..." stays text.
_TIGHT_OPTION = re.compile(r"^([A-Z])[.)](\S.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class _Draft:
    def __init__(self, line: int) -> None:
        self.line = line
        self.prompt: list[str] = []
        self.options: list[tuple[str, str, int]] = []  # letter, text, line
        self.broken = False


def parse(text: str, set_name: str = "Imported questions") -> ParseResult:
    """Read Aiken text; every problem becomes a ``ParseError``, nothing raises."""
    result = ParseResult()
    errors: list[ParseError] = []
    questions: list[Question] = []
    used_ids: set[str] = set()
    draft: _Draft | None = None
    reader = registry.codec(registry.type_named(READS), NAME, LABEL)

    def finish(answer: str, answer_line: int, answer_column: int) -> None:
        assert draft is not None
        letters = [letter for letter, _, _ in draft.options]
        if not draft.options:
            errors.append(
                ParseError(
                    'this ANSWER: line comes before any option (options look like "A. text")',
                    answer_line,
                )
            )
            return
        if not re.fullmatch(r"[A-Z]", answer):
            errors.append(
                ParseError(
                    f"the answer must be the single capital letter of an option, not {answer!r}",
                    answer_line,
                    answer_column,
                )
            )
            return
        if answer not in letters:
            errors.append(
                ParseError(
                    f"the answer is {answer} but the options are {', '.join(letters)}",
                    answer_line,
                    answer_column,
                )
            )
            return
        if draft.broken:
            return
        prompt = "\n".join(draft.prompt)
        options = [(letter, option) for letter, option, _ in draft.options]
        question = reader.read(prompt, options, answer, stable_id("aiken", prompt, used_ids))
        problems = check_question(question, draft.line)
        if problems:
            errors.extend(problems)
        else:
            questions.append(question)

    # Only \n, \r\n and \r end lines (str.splitlines would also split on \u2028 and others).
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw_line in enumerate(lines, start=1):
        line = raw_line.strip()
        if not line:
            continue
        answer_match = _ANSWER.match(line)
        if answer_match and not (
            (draft is not None and draft.options)
            or re.fullmatch(r"[A-Za-z]", answer_match.group(1).strip())
        ):
            answer_match = None  # text that happens to start with "Answer:"
        option_match = _OPTION.match(line)
        if option_match is None and draft is not None and draft.prompt:
            tight = _TIGHT_OPTION.match(line)
            expected = _LETTERS[len(draft.options)] if len(draft.options) < 26 else ""
            if tight and tight.group(1) == expected:
                option_match = tight
        if answer_match:
            if draft is None:
                errors.append(ParseError("this ANSWER: line has no question before it", number))
                continue
            value = answer_match.group(1).strip()
            indent = len(raw_line) - len(raw_line.lstrip())
            column = indent + answer_match.start(1) + 1
            finish(value.upper() if len(value) == 1 else value, number, column)
            draft = None
        elif option_match and draft is not None and draft.prompt:
            letter, option = option_match.group(1), option_match.group(2).strip()
            if any(letter == seen for seen, _, _ in draft.options):
                errors.append(
                    ParseError(f"option {letter} appears twice in this question", number, 1)
                )
                draft.broken = True
            draft.options.append((letter, option, number))
        elif option_match:
            # An option with no question before it: reported once; the options that follow
            # and its ANSWER: line belong to this broken block.
            if draft is None or not draft.broken:
                errors.append(
                    ParseError(
                        "this option has no question text before it "
                        "(the question comes first, then its options)",
                        number,
                    )
                )
            if draft is None:
                draft = _Draft(number)
            draft.broken = True
            draft.options.append((option_match.group(1), option_match.group(2).strip(), number))
        elif draft is not None and draft.options:
            if not draft.broken:
                errors.append(
                    ParseError(
                        f"the question starting on line {draft.line} has no ANSWER: line "
                        '(after its options, write for example "ANSWER: B")',
                        number,
                    )
                )
            draft = _Draft(number)
            draft.prompt.append(line)
        else:
            if draft is None:
                draft = _Draft(number)
            draft.prompt.append(line)

    if draft is not None and not draft.broken:
        last_line = len(lines)
        if draft.options:
            message = (
                f"the question starting on line {draft.line} has no ANSWER: line "
                '(after its options, write for example "ANSWER: B")'
            )
        else:
            message = (
                f"the question starting on line {draft.line} has no options "
                '(write them as "A. text", "B. text"... then "ANSWER: A")'
            )
        errors.append(ParseError(message, last_line))

    if not errors and not questions:
        errors.append(ParseError("the file holds no questions", 1))
    result.errors = errors
    result.sets = [QuestionSet(name=set_name, questions=tuple(questions))]
    return result


# ------------------------------------------------------------------------------- dump


def _one_line(text: str) -> str:
    return " ".join(text.split())


def options(question: Question) -> tuple[list[str], int] | None:
    """The option texts of a question and the index of the right one, or None when Aiken
    cannot hold it; ``codec`` says why when its type has no Aiken codec at all."""
    try:
        found = codec(question)
    except UnsupportedType:
        return None
    return found.options(question)


def codec(question: Question) -> object:
    """The Aiken codec of the question's type; ``UnsupportedType`` for other types."""
    return registry.codec(type(question), NAME, LABEL, NOTE)


def dump_with_skipped(question_set: QuestionSet) -> tuple[str, list[Question]]:
    """The Aiken text and the questions left out because Aiken cannot hold them.

    Only multiple choice questions with exactly one right option (100%) and no partial
    credit are written; feedback, titles, tags and categories are dropped (Aiken has none).
    Prompts in Markdown or HTML are written as plain text.
    """
    # Imported here: rendering is only needed for writing, and stays optional for parsing.
    from question_bank.rendering import plain_text

    blocks: list[str] = []
    skipped: list[Question] = []
    for question in question_set.questions:
        written = options(question)
        if written is None:
            skipped.append(question)
            continue
        texts, right = written
        prompt = question.prompt
        if question.text_format != "plain":
            prompt = plain_text(prompt, question.text_format)
        prompt_lines = [line.strip() for line in prompt.splitlines() if line.strip()]
        if any(_OPTION.match(line) or _ANSWER.match(line) for line in prompt_lines):
            prompt_lines = [_one_line(prompt)]
        lines = list(prompt_lines)
        lines.extend(f"{mark}. {_one_line(t)}" for mark, t in zip(_LETTERS, texts, strict=False))
        lines.append(f"ANSWER: {_LETTERS[right]}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else ""), skipped


def dump(question_set: QuestionSet) -> str:
    """Aiken text for the set's single-answer multiple choice questions.

    Other questions are left out (Aiken is a subset format); ``dump_with_skipped`` says
    which, and ``codec`` why for a type that Aiken cannot hold at all.
    """
    return dump_with_skipped(question_set)[0]
