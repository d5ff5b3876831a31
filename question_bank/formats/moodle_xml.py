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
* ``ordering`` (Moodle's ordering plugin) -> ``ordering``;
* ``essay``, ``description``;
* ``category`` switches the category: when the last part of its path is one of the quizapp
  categories (actor, date, place, outcome), the following questions get that category.
  The ``<info>`` of the first category becomes the set description (unless it is one of
  Moodle's own, "top" or "Default for ...", whose info is boilerplate).

Each type reads and writes its own elements (its ``moodlexml`` codec, see
``question_bank.types.codecs``), with the ``Reader`` and ``Writer`` helpers below; this
module reads the tree (safely), the categories and what every question has, and writes them.
A type with no codec cannot be written (``UnsupportedType``); a ``<question type>`` no
registered type reads is reported with its line.

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

import base64
import binascii
import re

# The standard ElementTree only *writes* XML here; reading goes through defusedxml.
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from question_bank import grading, media
from question_bank import types as registry
from question_bank.categories import from_moodle_path, to_moodle_path
from question_bank.formats.base import (
    ParseError,
    ParseResult,
    check_question,
    check_set_files,
    stable_id,
)
from question_bank.media import MediaFile
from question_bank.sets import QuestionSet
from question_bank.types import Question, Source

NAME = "moodlexml"
LABEL = "Moodle XML"

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


class Reader:
    """What a type's codec needs to read its elements: texts and their formats, fractions,
    numbers, feedback, ``<quizapp>`` extras, and errors that say the line."""

    def __init__(self, lines: dict[int, int]) -> None:
        self.lines = lines
        self.used_ids: set[str] = set()

    def line(self, element: ET.Element) -> int | None:
        return self.lines.get(id(element))

    # -- parts common to every question ----------------------------------------------------

    def common(self, element: ET.Element, category: str | None) -> dict[str, Any]:
        line = self.line(element)
        files = self.files(element)
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
            "points": self.points(element),
            "files": files,
        }
        if extra is not None:
            card_id = _child_text(extra, "cardid")
            if card_id:
                data["card_id"] = card_id
            display = extra.find("answerdisplay")
            if display is not None:
                data["answer_display"] = _child_text(display) or ""
            source = self.source(extra)
            if source is not None:
                data["source"] = source
        return data

    def points(self, element: ET.Element) -> float:
        """``<defaultgrade>``: what the question is worth (1 when missing)."""
        node = element.find("defaultgrade")
        raw = (node.text or "").strip() if node is not None else ""
        if not raw:
            return 1.0
        value = _number(raw)
        if value is None or value < 0:
            raise _Invalid(f'<defaultgrade> "{raw}" is not a number of points', self.line(node))
        return value

    def files(self, element: ET.Element) -> tuple[MediaFile, ...]:
        """Every ``<file>`` of the question (its text, answers, feedback...), decoded and
        checked; a name used in two places for different images is renamed in the second
        (``name-2.png``) and so are that place's references to it."""
        found: dict[str, MediaFile] = {}
        for container in element.iter():
            if container.tag == "quizapp":
                continue
            renamed: dict[str, str] = {}
            for node in container.findall("file"):
                made = self.file(node)
                name = made.name
                number = 2
                while name in found and found[name].data != made.data:
                    stem, dot, suffix = made.name.rpartition(".")
                    name = f"{stem}-{number}.{suffix}" if dot else f"{made.name}-{number}"
                    number += 1
                if name != made.name:
                    renamed[made.name] = name
                    made = MediaFile(name, made.mime, made.data)
                found.setdefault(name, made)
            text_node = container.find("text")
            if renamed and text_node is not None and text_node.text:
                text_node.text = media.rewrite_references(
                    text_node.text,
                    lambda n, new=renamed: media.plugin_url(new[n]) if n in new else None,
                )
        return tuple(found.values())

    def file(self, node: ET.Element) -> MediaFile:
        name = (node.get("name") or "").strip()
        encoding = (node.get("encoding") or "base64").strip().lower()
        line = self.line(node)
        if encoding != "base64":
            raise _Invalid(f'the file "{name}" is not in base64 (encoding="{encoding}")', line)
        try:
            data = base64.b64decode("".join((node.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            raise _Invalid(f'the file "{name}" is not valid base64', line) from None
        try:
            return MediaFile.from_bytes(name, data)
        except media.MediaError as exc:
            raise _Invalid(str(exc), line) from None

    def extension_attributes(self, element: ET.Element, tag: str, attribute: str) -> list[str]:
        """The ``attribute`` of each ``<quizapp><tag>`` of the question."""
        return [node.get(attribute, "") for node in element.findall(f"quizapp/{tag}")]

    def error(self, message: str, element: ET.Element) -> Exception:
        """The error to raise for a problem at ``element`` (its line is reported)."""
        return _Invalid(message, self.line(element))

    def fraction(self, answer: ET.Element) -> float:
        return _fraction(answer, self.line(answer))

    def source(self, element: ET.Element) -> Source | None:
        """A ``<source start end><text>`` inside ``element`` (written by ``Writer.source``)."""
        node = element.find("source")
        if node is None:
            return None
        try:
            return Source(
                quote=_child_text(node) or "",
                start=int(node.get("start", "0")),
                end=int(node.get("end", "0")),
            )
        except ValueError:
            raise _Invalid(
                "the source in <quizapp> has a start or end that is not a whole number",
                self.line(node),
            ) from None

    @staticmethod
    def default_format(common: dict[str, Any]) -> str:
        """Moodle's name for the question's text format, the default of its answers'."""
        return TEXT_FORMAT_TO_FORMAT[common["text_format"]]

    child_text = staticmethod(_child_text)
    text_and_format = staticmethod(_text_and_format)
    plain = staticmethod(_plain)
    feedback = staticmethod(_feedback)

    @staticmethod
    def letter_id(index: int) -> str:
        """Moodle's positional ids: a, b... z, then 27, 28..."""
        return _letter_id(index)

    @staticmethod
    def number(text: str) -> float | None:
        return _number(text)


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


# ------------------------------------------------------------------------------ parse


_BOILERPLATE = re.compile(
    r"^\s*(<p>)?\s*The (default|top) category for (questions )?shared in context", re.I
)


def _is_default_category(path: str, info: str) -> bool:
    """Moodle's own categories ("top", "Default for ..."), whose info is boilerplate; the
    top's own info is read (quizapp writes the set's description there)."""
    last = path.rstrip("/").rsplit("/", 1)[-1].strip()
    if last.startswith("Default for") or _BOILERPLATE.match(info):
        return True
    return last in ("$course$", "$system$", "$module$") or not info.strip()


#: Moodle's names for the question types quizapp does not read, for the message.
MOODLE_TYPE_NAMES = {
    "ddwtos": "drag and drop into text",
    "ddimageortext": "drag and drop onto image",
    "ddmarker": "drag and drop markers",
    "gapselect": "select missing words",
    "calculated": "calculated",
    "calculatedsimple": "simple calculated",
    "calculatedmulti": "calculated multichoice",
    "randomsamatch": "random short-answer matching",
    "random": "random question",
    "multianswer": "embedded answers (Cloze)",
}


def _unsupported(element: ET.Element, type_name: str, readers: dict, line: int | None):
    name = _child_text(element, "name") or ""
    label = f' "{name}"' if name else ""
    kind = MOODLE_TYPE_NAMES.get(type_name, "")
    shown = f'"{type_name}"' + (f" ({kind})" if kind else "") if type_name else "missing"
    return ParseError(
        f"question{label} skipped: its type {shown} is not supported "
        f"(supported: {', '.join(_supported(readers))})",
        line,
    )


def _supported(readers: dict[str, Any]) -> list[str]:
    """The question types a file may hold: each codec's first name (not its aliases)."""
    first = {id(codec): name for name, codec in reversed(list(readers.items()))}
    return [*dict.fromkeys(first[id(codec)] for codec in readers.values()), "category"]


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

    reader = Reader(lines)
    questions: list[Question] = []
    category: str | None = None
    description: str | None = None
    readers = registry.readers(NAME, "qtypes")
    for element in root:
        line = reader.line(element)
        if element.tag != "question":
            result.warnings.append(
                ParseError(f"<{element.tag}> inside <quiz> is not a question: it is ignored", line)
            )
            continue
        type_name = (element.get("type") or "").strip()
        if type_name == "category":
            path = _child_text(element, "category") or ""
            category = from_moodle_path(path)
            info, info_format = _text_and_format(element, "info")
            if description is None and not _is_default_category(path, info):
                description = _plain(info, info_format)
            continue
        codec = readers.get(type_name)
        if codec is None:
            result.skipped.append(_unsupported(element, type_name, readers, line))
            continue
        try:
            common = reader.common(element, category)
            question = codec.read(element, common, reader)
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

    question_set = QuestionSet(
        name=set_name, description=description or "", questions=tuple(questions)
    )
    errors.extend(check_set_files(question_set))
    if not errors and not questions and not result.skipped:
        errors.append(ParseError("the file holds no questions", lines.get(id(root), 1)))
    result.errors = errors
    result.sets = [question_set]
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


def _percent(weight: float) -> str:
    """A weight as Moodle's percentage, in decimal so that it reads back to the same float."""
    value = Decimal(repr(float(weight))) * 100
    return format(value.normalize(), "f")


def _add_source(parent: ET.Element, source: Source) -> ET.Element:
    node = _add_text(parent, "source", source.quote)
    node.set("start", str(source.start))
    node.set("end", str(source.end))
    return node


class Writer:
    """What a type's codec needs to write its elements: texts, values, answers with their
    fractions, empty elements with attributes, source quotes (control characters XML
    cannot hold are dropped)."""

    @staticmethod
    def text(
        parent: ET.Element, tag: str, text: str, moodle_format: str | None = None
    ) -> ET.Element:
        """``<tag format="..."><text>text</text></tag>``."""
        return _add_text(parent, tag, text, moodle_format)

    @staticmethod
    def value(parent: ET.Element, tag: str, value: str) -> ET.Element:
        """``<tag>value</tag>``."""
        return _add_value(parent, tag, value)

    @staticmethod
    def answer(
        parent: ET.Element, weight: float, text: str, feedback: str, moodle_format: str
    ) -> ET.Element:
        """``<answer fraction="..." format="...">`` with its text and feedback."""
        return _add_answer(parent, weight, text, feedback, moodle_format)

    @staticmethod
    def empty(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
        """``<tag attribute="..."/>`` (children may be added to it)."""
        return ET.SubElement(parent, tag, {k: _clean(v) for k, v in attributes.items()})

    @staticmethod
    def source(parent: ET.Element, source: Source) -> ET.Element:
        """``<source start="..." end="..."><text>quote</text></source>``."""
        return _add_source(parent, source)

    percent = staticmethod(_percent)

    @staticmethod
    def positional(ids: Iterable[str]) -> bool:
        """Are these Moodle's positional ids (a, b, c...), which need not be written?"""
        return all(value == _letter_id(index) for index, value in enumerate(ids))


_WRITER = Writer()


def _extension(question: Question, codec: Any) -> ET.Element | None:
    extra = ET.Element("quizapp")
    if question.answer_display != question.default_answer_display():
        _add_text(extra, "answerdisplay", question.answer_display)
    if question.card_id is not None:
        _add_value(extra, "cardid", question.card_id)
    if question.source is not None:
        _add_source(extra, question.source)
    codec.extension(question, extra, _WRITER)
    return extra if len(extra) else None


def _question_element(question: Question) -> ET.Element:
    codec = registry.codec(type(question), NAME, LABEL)
    element = ET.Element("question", type=codec.qtype(question))
    _add_text(element, "name", question.title or question.id)
    question_format = TEXT_FORMAT_TO_FORMAT.get(question.text_format, "html")
    _add_text(element, "questiontext", codec.prompt(question, _WRITER), question_format)
    _add_text(element, "generalfeedback", question.general_feedback, "plain_text")
    _add_value(element, "defaultgrade", grading.format_number(question.points))
    _add_value(element, "idnumber", question.id)
    codec.write(question, element, _WRITER)
    if question.tags:
        tags = ET.SubElement(element, "tags")
        for tag in question.tags:
            _add_text(tags, "tag", tag)
    extra = _extension(question, codec)
    if extra is not None:
        element.append(extra)
    _attach_files(element, question.files)
    return element


def _attach_files(element: ET.Element, files: Iterable[MediaFile]) -> None:
    """A ``<file>`` (base64, as Moodle writes it) in each text that refers to it; a file no
    text refers to goes with the question text."""
    by_name = {f.name: f for f in files}
    if not by_name:
        return
    placed: set[str] = set()
    question_text = element.find("questiontext")
    for container in element.iter():
        text_node = container.find("text")
        if container.tag in ("quiz", "name") or text_node is None or not text_node.text:
            continue
        for name in media.referenced_names(text_node.text):
            if name in by_name:
                _add_file(container, by_name[name])
                placed.add(name)
    for name, file in by_name.items():
        if name not in placed and question_text is not None:
            _add_file(question_text, file)


def _add_file(container: ET.Element, file: MediaFile) -> None:
    node = ET.SubElement(container, "file", name=file.name, path="/", encoding="base64")
    node.text = base64.b64encode(file.data).decode("ascii")


def _category_element(path: str, info: str | None) -> ET.Element:
    element = ET.Element("question", type="category")
    _add_text(element, "category", path)
    if info is not None:
        _add_text(element, "info", info, "plain_text")
    return element


def dump(question_set: QuestionSet) -> str:
    """Moodle XML for every question of the set, in order (``UnsupportedType`` for a
    question whose type has no Moodle XML codec).

    A category question is written before the first question and whenever the quizapp
    category changes: ``$course$/top/<set name>`` or ``$course$/top/<set name>/<category>``.
    """
    root = ET.Element("quiz")
    current: object = object()
    first = True
    for question in question_set.questions:
        if question.category != current:
            current = question.category
            path = to_moodle_path(question.category)
            root.append(_category_element(path, question_set.description if first else None))
            first = False
        root.append(_question_element(question))
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
