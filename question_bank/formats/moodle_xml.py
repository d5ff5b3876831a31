"""Moodle XML: read and write the question bank format of Moodle's "Import / Export".

Read safely with defusedxml: a file with a ``<!DOCTYPE>`` (which is how entity expansion
bombs and external entities get in) is refused with a plain error before anything is
expanded or fetched.

Question types, Moodle -> quizapp:

* ``multichoice`` -> ``multiple_choice`` (``<single>true``) or ``multiple_response``;
* ``truefalse`` -> ``true_false``; ``shortanswer`` -> ``short_answer``;
* ``numerical`` -> ``numerical`` (``<tolerance>``; units are ignored);
* ``matching`` -> ``matching`` (subquestions with no text are extra wrong options);
* ``cloze`` -> ``cloze``, for blanks written ``{1:SHORTANSWER:=answer#feedback~%50%other}``
  (also ``SA``, ``MW``, the ``_C`` variants, and ``NUMERICAL`` with no tolerance);
* ``essay``, ``description``;
* ``category`` switches the category: when the last part of its path is one of the quizapp
  categories (actor, date, place, outcome), the following questions get that category.
  The ``<info>`` of the first category becomes the set description (unless it is one of
  Moodle's own, "top" or "Default for ...", whose info is boilerplate).

Answer fractions are percentages (``fraction="50"`` is a weight of 0.5); per-answer
feedback, ``<generalfeedback>`` and ``<tags>`` are kept.  The ``format`` attribute of the
question text gives ``text_format``: ``html`` -> html, ``moodle_auto_format`` -> moodle,
``plain_text`` -> plain, ``markdown`` -> markdown (a missing or unknown format is html,
as in Moodle).  Answer texts and feedback are plain text in quizapp: HTML in them is
turned into text.

Ids: a question's id is its ``<idnumber>`` (a standard Moodle field since 3.6; Moodle
keeps it on import and export).  A question without one gets an id derived from its name
and text.  The ``<name>`` is the title; ``dump`` writes the id as the name when the title
is empty, and ``parse`` reads a name equal to the idnumber as "no title".

What Moodle has no field for (choice and matching ids, the source quote, the card id,
a custom answer display) is written in a ``<quizapp>`` element inside the question.
Moodle's importer reads only the elements it knows and ignores that one, so the file
imports into Moodle, and ``parse(dump(s))`` gives back the same questions.
"""

from __future__ import annotations

import re

# The standard ElementTree only *writes* XML here; reading goes through defusedxml.
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from question_bank import grading
from question_bank.formats._common import check_question, known_category, stable_id
from question_bank.formats.base import ParseError, ParseResult
from question_bank.model import (
    BLANK_PATTERN,
    Accepted,
    Choice,
    Cloze,
    Description,
    Essay,
    Matching,
    MultipleChoice,
    MultipleResponse,
    Numerical,
    NumericAnswer,
    Pair,
    Question,
    QuestionSet,
    ShortAnswer,
    Source,
    TrueFalse,
)

FORMAT_TO_TEXT_FORMAT = {
    "html": "html",
    "moodle_auto_format": "moodle",
    "plain_text": "plain",
    "markdown": "markdown",
    "wiki_like": "moodle",
}
TEXT_FORMAT_TO_FORMAT = {
    "html": "html",
    "moodle": "moodle_auto_format",
    "plain": "plain_text",
    "markdown": "markdown",
}
SUPPORTED_TYPES = (
    "multichoice",
    "truefalse",
    "shortanswer",
    "numerical",
    "matching",
    "cloze",
    "essay",
    "description",
    "category",
)


class _Invalid(Exception):
    """A problem in one question: it is reported and the question skipped."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


# ------------------------------------------------------------------------ reading XML


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


def _read_tree(text: str) -> tuple[ET.Element | None, dict[int, int], list[ParseError]]:
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
        return (
            None,
            {},
            [
                ParseError(
                    f"the file declares {kind}; question files may not, because DTDs and "
                    "entities can expand without limit or read files on the server",
                    line,
                )
            ],
        )
    except DefusedXmlException:
        line = parser.parser.CurrentLineNumber
        message = "the file refers to an external entity, which is not allowed"
        return None, {}, [ParseError(message, line)]
    except (ValueError, RecursionError, MemoryError) as exc:  # pragma: no cover - defensive
        return None, {}, [ParseError(f"the XML could not be read ({type(exc).__name__})", 1)]
    return root, builder.lines, []


def _child_text(element: ET.Element | None, path: str | None = None) -> str | None:
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


def _text_and_format(
    element: ET.Element | None, path: str, default_format: str = "html"
) -> tuple[str, str]:
    node = element.find(path) if element is not None else None
    if node is None:
        return "", FORMAT_TO_TEXT_FORMAT.get(default_format, "html")
    text = _child_text(node) or ""
    moodle_format = (node.get("format") or default_format).strip()
    return text, FORMAT_TO_TEXT_FORMAT.get(moodle_format, "html")


def _plain(text: str, text_format: str) -> str:
    if text_format == "plain" or not text:
        return text
    from question_bank.rendering import plain_text

    return plain_text(text, text_format)


def _feedback(element: ET.Element, default_format: str) -> str:
    text, text_format = _text_and_format(element, "feedback", default_format)
    return _plain(text, text_format)


def _fraction(answer: ET.Element, line: int | None) -> float:
    raw = answer.get("fraction")
    if raw is None:
        fraction_node = answer.find("fraction")  # old files
        raw = (fraction_node.text or "").strip() if fraction_node is not None else "0"
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise _Invalid(
            f'the answer fraction "{raw}" is not a number (write a percentage such as 100 or 50)',
            line,
        ) from None
    if not value.is_finite():
        raise _Invalid(f'the answer fraction "{raw}" is not a finite number', line)
    # Divide in decimal: 33.33333 / 100 is 0.3333333, not 0.33333329999999994.
    fraction = float(value / 100)
    if fraction in (float("inf"), float("-inf")):
        raise _Invalid(f'the answer fraction "{raw[:20]}" is far too large', line)
    return fraction


class _Reader:
    def __init__(self, lines: dict[int, int]) -> None:
        self.lines = lines
        self.used_ids: set[str] = set()

    def line(self, element: ET.Element) -> int | None:
        return self.lines.get(id(element))

    # -- parts common to every question ----------------------------------------------------

    def common(self, element: ET.Element, category: str | None) -> dict[str, Any]:
        line = self.line(element)
        name = _child_text(element, "name") or ""
        prompt, text_format = _text_and_format(element, "questiontext")
        question_format = TEXT_FORMAT_TO_FORMAT[text_format]
        feedback, feedback_format = _text_and_format(element, "generalfeedback", question_format)
        idnumber = (_child_text(element, "idnumber") or "").strip()
        if idnumber:
            if idnumber in self.used_ids:
                raise _Invalid(f'two questions have the idnumber "{idnumber}"', line)
            self.used_ids.add(idnumber)
            question_id = idnumber
        else:
            question_id = stable_id("moodle", f"{name}\n{prompt}", self.used_ids)
        tags = tuple(text for tag in element.findall("tags/tag") if (text := _child_text(tag)))
        extra = element.find("quizapp")
        data: dict[str, Any] = {
            "id": question_id,
            "prompt": prompt,
            "title": "" if name == idnumber else name,
            "category": category,
            "tags": tags,
            "general_feedback": _plain(feedback, feedback_format),
            "text_format": text_format,
        }
        if extra is not None:
            card_id = _child_text(extra, "cardid")
            if card_id:
                data["card_id"] = card_id
            display = extra.find("answerdisplay")
            if display is not None:
                data["answer_display"] = _child_text(display) or ""
            source = extra.find("source")
            if source is not None:
                try:
                    data["source"] = Source(
                        quote=_child_text(source) or "",
                        start=int(source.get("start", "0")),
                        end=int(source.get("end", "0")),
                    )
                except ValueError:
                    raise _Invalid(
                        "the source in <quizapp> has a start or end that is not a whole number",
                        self.line(source),
                    ) from None
        return data

    def extra_ids(self, element: ET.Element, tag: str, attribute: str) -> list[str]:
        return [node.get(attribute, "") for node in element.findall(f"quizapp/{tag}")]

    # -- one reader per type ---------------------------------------------------------------

    def multichoice(self, element: ET.Element, common: dict[str, Any]) -> Question:
        single_text = (_child_text(element, "single") or "true").strip().lower()
        single = single_text not in ("false", "0", "")
        default_format = TEXT_FORMAT_TO_FORMAT[common["text_format"]]
        answers = element.findall("answer")
        ids = self.extra_ids(element, "choice", "id")
        if len(ids) != len(answers) or len(set(ids)) != len(ids) or not all(ids):
            ids = [_letter_id(index) for index in range(len(answers))]
        choices = []
        for choice_id, answer in zip(ids, answers, strict=True):
            text, text_format = _text_and_format(answer, ".", default_format)
            choices.append(
                Choice(
                    id=choice_id,
                    text=_plain(text, text_format),
                    weight=_fraction(answer, self.line(answer)),
                    feedback=_feedback(answer, default_format),
                )
            )
        cls = MultipleChoice if single else MultipleResponse
        return cls(choices=tuple(choices), **common)

    def truefalse(self, element: ET.Element, common: dict[str, Any]) -> Question:
        default_format = TEXT_FORMAT_TO_FORMAT[common["text_format"]]
        answers = element.findall("answer")
        if len(answers) != 2:
            raise _Invalid(
                f"a true/false question has two answers (true and false), not {len(answers)}",
                self.line(element),
            )
        found: dict[str, tuple[float, str]] = {}
        for position, answer in enumerate(answers):
            text = (_child_text(answer) or "").lower()
            if text not in ("true", "false"):
                text = "true" if position == 0 else "false"  # old files: true comes first
            if text in found:
                raise _Invalid(f'the answer "{text}" appears twice', self.line(answer))
            found[text] = (
                _fraction(answer, self.line(answer)),
                _feedback(answer, default_format),
            )
        true_weight, true_feedback = found["true"]
        false_weight, false_feedback = found["false"]
        if true_weight < 1 - 1e-9 and false_weight < 1 - 1e-9:
            raise _Invalid(
                'neither "true" nor "false" has fraction="100", so no answer is right',
                self.line(element),
            )
        return TrueFalse.make(
            answer=true_weight >= 1 - 1e-9,
            feedback_true=true_feedback,
            feedback_false=false_feedback,
            **common,
        )

    def shortanswer(self, element: ET.Element, common: dict[str, Any]) -> Question:
        default_format = TEXT_FORMAT_TO_FORMAT[common["text_format"]]
        accepted = []
        for answer in element.findall("answer"):
            text = _child_text(answer) or ""
            weight = _fraction(answer, self.line(answer))
            if "*" in text:
                if text == "*" and weight <= 0:
                    continue  # Moodle's "any other answer", only there for its feedback
                raise _Invalid(
                    f'the answer "{text}" uses a * wildcard, which quizapp does not support',
                    self.line(answer),
                )
            accepted.append(Accepted(text, weight, _feedback(answer, default_format)))
        return ShortAnswer(accepted=tuple(accepted), **common)

    def numerical(self, element: ET.Element, common: dict[str, Any]) -> Question:
        default_format = TEXT_FORMAT_TO_FORMAT[common["text_format"]]
        numeric = []
        for answer in element.findall("answer"):
            line = self.line(answer)
            text = _child_text(answer) or ""
            weight = _fraction(answer, line)
            if text == "*":
                continue  # "any other answer"
            value = _number(text)
            if value is None:
                raise _Invalid(f'the answer "{text}" is not a number', line)
            tolerance_text = (_child_text(answer, "tolerance") or "0").strip() or "0"
            tolerance = _number(tolerance_text)
            if tolerance is None:
                raise _Invalid(f'the tolerance "{tolerance_text}" is not a number', line)
            numeric.append(
                NumericAnswer(value, abs(tolerance), weight, _feedback(answer, default_format))
            )
        return Numerical(numeric=tuple(numeric), **common)

    def matching(self, element: ET.Element, common: dict[str, Any]) -> Question:
        default_format = TEXT_FORMAT_TO_FORMAT[common["text_format"]]
        subquestions = element.findall("subquestion")
        extra = [
            (node.get("itemid", ""), node.get("optionid", ""))
            for node in element.findall("quizapp/pair")
        ]
        if len(extra) != len(subquestions) or not all(a and b for a, b in extra):
            extra = []
        option_ids: dict[str, str] = {}
        pairs = []
        for index, sub in enumerate(subquestions):
            item, item_format = _text_and_format(sub, ".", default_format)
            option = _child_text(sub, "answer") or ""
            if extra:
                item_id, option_id = extra[index]
            else:
                item_id = str(index + 1)
                option_id = option_ids.setdefault(option, _letter_id(len(option_ids)))
            pairs.append(Pair(item_id, _plain(item, item_format), option_id, option))
        return Matching(pairs=tuple(pairs), **common)

    def cloze(self, element: ET.Element, common: dict[str, Any]) -> Question:
        prompt, blanks = _read_cloze(common["prompt"], self.line(element))
        common = dict(common, prompt=prompt)
        return Cloze(blanks=tuple(blanks), **common)

    def essay(self, element: ET.Element, common: dict[str, Any]) -> Question:
        return Essay(**common)

    def description(self, element: ET.Element, common: dict[str, Any]) -> Question:
        return Description(**common)


def _letter_id(index: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[index] if index < 26 else str(index + 1)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        value = grading.parse_number(text)  # type: ignore[assignment]
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return None
    return value


# ------------------------------------------------------------------------------ cloze

_CLOZE_START = re.compile(r"\{(\d*):([A-Za-z_]+):")
_SHORT_TYPES = {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"}
_NUMERIC_TYPES = {"NUMERICAL", "NM"}
_CLOZE_SPECIALS = '\\}#~/"'


def _split_unescaped(text: str, separator: str) -> list[str]:
    parts, current, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.S)


def _read_cloze_answers(kind: str, body: str, number: int, line: int | None) -> list[Accepted]:
    upper = kind.upper()
    if upper not in _SHORT_TYPES | _NUMERIC_TYPES:
        raise _Invalid(
            f"blank {number} is a {kind} blank; only SHORTANSWER (SA, MW) and NUMERICAL "
            "blanks can be imported",
            line,
        )
    accepted = []
    for part in _split_unescaped(body, "~"):
        weight = 0.0
        if part.startswith("="):
            weight, part = 1.0, part[1:]
        else:
            match = re.match(r"%(-?\d+(?:\.\d+)?)%", part)
            if match:
                weight, part = float(match.group(1)) / 100, part[match.end() :]
        pieces = _split_unescaped(part, "#")
        answer = _unescape(pieces[0]).strip()
        feedback = _unescape("#".join(pieces[1:])).strip()
        if answer == "*" and weight <= 0:
            continue
        if not answer:
            raise _Invalid(f"blank {number} has an empty answer", line)
        if upper in _NUMERIC_TYPES:
            value, _, tolerance = answer.partition(":")
            if tolerance.strip() and _number(tolerance.strip()) not in (0.0, None):
                raise _Invalid(
                    f"blank {number} has a numerical answer with a tolerance, "
                    "which cloze blanks in quizapp do not support",
                    line,
                )
            if _number(value.strip()) is None:
                raise _Invalid(f'blank {number}: "{value}" is not a number', line)
            answer = value.strip()
        accepted.append(Accepted(answer, weight, feedback))
    return accepted


def _read_cloze(text: str, line: int | None) -> tuple[str, list[tuple[Accepted, ...]]]:
    """The prompt with ``{{n}}`` blanks, and each blank's answers."""
    out: list[str] = []
    blanks: list[tuple[Accepted, ...]] = []
    position = 0
    while True:
        match = _CLOZE_START.search(text, position)
        if match is None:
            break
        index = match.end()
        while index < len(text) and text[index] != "}":
            index += 2 if text[index] == "\\" else 1
        if index >= len(text):
            raise _Invalid(f"a blank starting with {match.group(0)!r} is never closed by }}", line)
        number = len(blanks) + 1
        blanks.append(
            tuple(_read_cloze_answers(match.group(2), text[match.end() : index], number, line))
        )
        out.append(text[position : match.start()])
        out.append(f"{{{{{number}}}}}")
        position = index + 1
    out.append(text[position:])
    if not blanks:
        raise _Invalid(
            "this cloze question has no blanks (write them as {1:SHORTANSWER:=answer})", line
        )
    return "".join(out), blanks


def _escape_cloze(text: str) -> str:
    return "".join("\\" + char if char in _CLOZE_SPECIALS else char for char in text)


def _percent(weight: float) -> str:
    """A weight as Moodle's percentage, in decimal so that it reads back to the same float."""
    value = Decimal(repr(float(weight))) * 100
    return format(value.normalize(), "f")


def _write_cloze(question: Cloze) -> str:
    def blank(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 1 <= number <= len(question.blanks):
            return match.group(0)
        answers = []
        for answer in question.blanks[number - 1]:
            mark = "=" if answer.weight == 1.0 else f"%{_percent(answer.weight)}%"
            text = mark + _escape_cloze(answer.text)
            if answer.feedback:
                text += "#" + _escape_cloze(answer.feedback)
            answers.append(text)
        return "{1:SHORTANSWER:" + "~".join(answers) + "}"

    return BLANK_PATTERN.sub(blank, question.prompt)


# ------------------------------------------------------------------------------ parse


def _is_default_category(path: str) -> bool:
    """Moodle's own categories ("top", "Default for ..."): their info is boilerplate."""
    last = path.rstrip("/").rsplit("/", 1)[-1].strip()
    return last in ("top", "$course$", "$system$", "$module$") or last.startswith("Default for")


def _category_from_path(path: str) -> str | None:
    parts = [p for p in re.split(r"(?<!/)/(?!/)", path) if p]
    return known_category(parts[-1].replace("//", "/")) if parts else None


def parse(text: str, set_name: str = "Imported questions") -> ParseResult:
    """Read Moodle XML; every problem becomes a ``ParseError``, nothing raises."""
    result = ParseResult()
    root, lines, errors = _read_tree(text.removeprefix("\ufeff"))
    if root is None:
        result.errors = errors
        return result
    if root.tag != "quiz":
        result.errors = [
            ParseError(
                f"the file's top element must be <quiz>, not <{root.tag}> "
                "(is this a Moodle XML question export?)",
                lines.get(id(root), 1),
            )
        ]
        return result

    reader = _Reader(lines)
    questions: list[Question] = []
    category: str | None = None
    description: str | None = None
    readers = {
        "multichoice": reader.multichoice,
        "truefalse": reader.truefalse,
        "shortanswer": reader.shortanswer,
        "numerical": reader.numerical,
        "matching": reader.matching,
        "match": reader.matching,
        "cloze": reader.cloze,
        "essay": reader.essay,
        "description": reader.description,
    }
    for element in root:
        line = reader.line(element)
        if element.tag != "question":
            errors.append(ParseError(f"unexpected <{element.tag}> inside <quiz>", line))
            continue
        type_name = (element.get("type") or "").strip()
        if type_name == "category":
            path = _child_text(element, "category") or ""
            category = _category_from_path(path)
            if description is None and not _is_default_category(path):
                info, info_format = _text_and_format(element, "info")
                description = _plain(info, info_format)
            continue
        read = readers.get(type_name)
        if read is None:
            shown = f'"{type_name}"' if type_name else "missing"
            errors.append(
                ParseError(
                    f"question type {shown} is not supported "
                    f"(supported: {', '.join(SUPPORTED_TYPES)})",
                    line,
                )
            )
            continue
        try:
            common = reader.common(element, category)
            question = read(element, common)
        except _Invalid as problem:
            errors.append(ParseError(problem.message, problem.line or line))
            continue
        if not question.answer_display:
            question = question.replace(answer_display=question.default_answer_display())
        problems = check_question(question, line)
        if problems:
            errors.extend(problems)
            continue
        questions.append(question)

    if not errors and not questions:
        errors.append(ParseError("the file holds no questions", lines.get(id(root), 1)))
    result.errors = errors
    result.sets = [
        QuestionSet(name=set_name, description=description or "", questions=tuple(questions))
    ]
    return result


# ------------------------------------------------------------------------------- dump

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _add_text(
    parent: ET.Element, tag: str, text: str, moodle_format: str | None = None
) -> ET.Element:
    node = ET.SubElement(parent, tag)
    if moodle_format is not None:
        node.set("format", moodle_format)
    ET.SubElement(node, "text").text = _clean(text)
    return node


def _add_value(parent: ET.Element, tag: str, value: str) -> ET.Element:
    node = ET.SubElement(parent, tag)
    node.text = _clean(value)
    return node


def _add_answer(
    parent: ET.Element, weight: float, text: str, feedback: str, moodle_format: str
) -> ET.Element:
    answer = ET.SubElement(parent, "answer", fraction=_percent(weight), format=moodle_format)
    ET.SubElement(answer, "text").text = _clean(text)
    _add_text(answer, "feedback", feedback, "plain_text")
    return answer


def _positional(ids: Iterable[str]) -> bool:
    return all(value == _letter_id(index) for index, value in enumerate(ids))


def _extension(question: Question) -> ET.Element | None:
    extra = ET.Element("quizapp")
    if question.answer_display != question.default_answer_display():
        _add_text(extra, "answerdisplay", question.answer_display)
    if question.card_id is not None:
        _add_value(extra, "cardid", question.card_id)
    if question.source is not None:
        source = _add_text(extra, "source", question.source.quote)
        source.set("start", str(question.source.start))
        source.set("end", str(question.source.end))
    if isinstance(question, MultipleChoice | MultipleResponse) and not _positional(
        c.id for c in question.choices
    ):
        for choice in question.choices:
            ET.SubElement(extra, "choice", id=_clean(choice.id))
    if isinstance(question, Matching):
        for pair in question.pairs:
            ET.SubElement(
                extra, "pair", itemid=_clean(pair.item_id), optionid=_clean(pair.option_id)
            )
    return extra if len(extra) else None


def _type_name(question: Question) -> str:
    return {
        MultipleChoice: "multichoice",
        MultipleResponse: "multichoice",
        TrueFalse: "truefalse",
        ShortAnswer: "shortanswer",
        Numerical: "numerical",
        Matching: "matching",
        Cloze: "cloze",
        Essay: "essay",
        Description: "description",
    }[type(question)]


def _question_element(question: Question) -> ET.Element:
    element = ET.Element("question", type=_type_name(question))
    _add_text(element, "name", question.title or question.id)
    question_format = TEXT_FORMAT_TO_FORMAT.get(question.text_format, "html")
    prompt = _write_cloze(question) if isinstance(question, Cloze) else question.prompt
    _add_text(element, "questiontext", prompt, question_format)
    _add_text(element, "generalfeedback", question.general_feedback, "plain_text")
    _add_value(element, "defaultgrade", "0" if isinstance(question, Description) else "1")
    _add_value(element, "idnumber", question.id)

    if isinstance(question, MultipleChoice | MultipleResponse):
        _add_value(element, "single", "true" if isinstance(question, MultipleChoice) else "false")
        _add_value(element, "shuffleanswers", "true")
        _add_value(element, "answernumbering", "abc")
        for choice in question.choices:
            _add_answer(element, choice.weight, choice.text, choice.feedback, "plain_text")
    elif isinstance(question, TrueFalse):
        for choice_id in ("true", "false"):
            choice = question.choice(choice_id)
            weight = 1.0 if choice is not None and choice.weight > 0 else 0.0
            feedback = choice.feedback if choice is not None else ""
            _add_answer(element, weight, choice_id, feedback, "moodle_auto_format")
    elif isinstance(question, ShortAnswer):
        _add_value(element, "usecase", "0")
        for accepted in question.accepted:
            _add_answer(
                element, accepted.weight, accepted.text, accepted.feedback, "moodle_auto_format"
            )
    elif isinstance(question, Numerical):
        for number in question.numeric:
            answer = _add_answer(
                element,
                number.weight,
                grading.format_number(number.value),
                number.feedback,
                "moodle_auto_format",
            )
            _add_value(answer, "tolerance", grading.format_number(number.tolerance))
    elif isinstance(question, Matching):
        _add_value(element, "shuffleanswers", "true")
        for pair in question.pairs:
            sub = _add_text(element, "subquestion", pair.item, "plain_text")
            _add_text(sub, "answer", pair.option)
    elif isinstance(question, Essay):
        _add_value(element, "responseformat", "editor")
        _add_value(element, "responserequired", "1")
        _add_value(element, "responsefieldlines", "15")
        _add_value(element, "attachments", "0")
        _add_value(element, "attachmentsrequired", "0")

    if question.tags:
        tags = ET.SubElement(element, "tags")
        for tag in question.tags:
            _add_text(tags, "tag", tag)
    extra = _extension(question)
    if extra is not None:
        element.append(extra)
    return element


def _category_element(path: str, info: str | None) -> ET.Element:
    element = ET.Element("question", type="category")
    _add_text(element, "category", path)
    if info is not None:
        _add_text(element, "info", info, "plain_text")
    return element


def dump(question_set: QuestionSet) -> str:
    """Moodle XML for every question of the set, in order.

    A category question is written before the first question and whenever the quizapp
    category changes: ``$course$/top/<set name>`` or ``$course$/top/<set name>/<category>``.
    """
    root = ET.Element("quiz")
    base = "$course$/top/" + question_set.name.replace("/", "//")
    current: object = object()
    first = True
    for question in question_set.questions:
        if question.category != current:
            current = question.category
            path = base if question.category is None else f"{base}/{question.category}"
            root.append(_category_element(path, question_set.description if first else None))
            first = False
        root.append(_question_element(question))
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
