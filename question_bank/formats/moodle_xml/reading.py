"""Reading Moodle XML: the ``Reader`` a type's codec uses for its own elements, what every
question has (name, text, general feedback, idnumber, tags, points, images), the category
questions, and the questions skipped because no type reads them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from question_bank import media
from question_bank import types as registry
from question_bank.categories import from_moodle_path
from question_bank.formats.base import (
    ParseError,
    ParseResult,
    check_question,
    check_set_files,
    stable_id,
)
from question_bank.formats.moodle_xml.files import legacy_image, read_files
from question_bank.formats.moodle_xml.tree import (
    FORMAT_TO_TEXT_FORMAT,
    HTML_FORMATS,
    NAME,
    TEXT_FORMAT_TO_FORMAT,
    Invalid,
    Unsupported,
    child_text,
    fraction,
    holds_image,
    letter_id,
    number,
    plain,
    read_tree,
    text_and_format,
)
from question_bank.media import MediaFile
from question_bank.sets import QuestionSet
from question_bank.types import Question, Source


class Reader:
    """What a type's codec needs to read its elements: texts and their formats, fractions,
    numbers, feedback, ``<quizapp>`` extras, and errors that say the line.

    Feedback (per answer and general) is plain text, except a feedback that shows an image:
    it keeps its HTML when its question's text is HTML, since quizapp shows a question's
    feedback as its text is written.  Where it cannot (a plain-text question), the image is
    left out with a warning (``warnings``)."""

    def __init__(self, lines: dict[int, int]) -> None:
        self.lines = lines
        self.used_ids: set[str] = set()
        self.warnings: list[ParseError] = []

    def line(self, element: ET.Element) -> int | None:
        return self.lines.get(id(element))

    # -- parts common to every question ----------------------------------------------------

    def common(self, element: ET.Element, category: str | None) -> dict[str, Any]:
        line = self.line(element)
        files = self.files(element)
        name = child_text(element, "name") or ""
        prompt, text_format = text_and_format(element, "questiontext")
        files, prompt = self._legacy_image(element, files, prompt)
        question_format = TEXT_FORMAT_TO_FORMAT[text_format]
        idnumber = (child_text(element, "idnumber") or "").strip()
        if idnumber:
            if idnumber in self.used_ids:
                raise Invalid(f'two questions have the idnumber "{idnumber}"', line)
            self.used_ids.add(idnumber)
            question_id = idnumber
        else:
            question_id = stable_id("moodle", f"{name}\n{prompt}", self.used_ids)
        tags = tuple(text for tag in element.findall("tags/tag") if (text := child_text(tag)))
        extra = element.find("quizapp")
        data: dict[str, Any] = {
            "id": question_id,
            "prompt": prompt,
            "title": "" if name == idnumber else name,
            "category": category,
            "tags": tags,
            "general_feedback": self.feedback(element, question_format, "generalfeedback"),
            "text_format": text_format,
            "points": self.points(element),
            "files": files,
        }
        if extra is not None:
            card_id = child_text(extra, "cardid")
            if card_id:
                data["card_id"] = card_id
            display = extra.find("answerdisplay")
            if display is not None:
                data["answer_display"] = child_text(display) or ""
            source = self.source(extra)
            if source is not None:
                data["source"] = source
        return data

    def _legacy_image(
        self, element: ET.Element, files: tuple[MediaFile, ...], prompt: str
    ) -> tuple[tuple[MediaFile, ...], str]:
        """Moodle 1.9's ``<image>`` as Moodle imports it: the file joins the question's and
        the text shows it at its end."""
        image = legacy_image(element, self.line)
        if image is None:
            return files, prompt
        names = {f.name for f in files}
        existing = next((f for f in files if f.name == image.name), None)
        if existing is None or existing.data != image.data:
            stem, dot, suffix = image.name.rpartition(".")
            name, number = image.name, 2
            while name in names:
                name = f"{stem}-{number}.{suffix}" if dot else f"{image.name}-{number}"
                number += 1
            image = MediaFile(name, image.mime, image.data)
            files = (*files, image)
        return files, f'{prompt} <img src="{media.plugin_url(image.name)}" alt="">'

    def points(self, element: ET.Element) -> float:
        """``<defaultgrade>``: what the question is worth (1 when missing)."""
        node = element.find("defaultgrade")
        raw = (node.text or "").strip() if node is not None else ""
        if not raw:
            return 1.0
        value = number(raw)
        if value is None or value < 0:
            raise Invalid(f'<defaultgrade> "{raw}" is not a number of points', self.line(node))
        return value

    def files(self, element: ET.Element) -> tuple[MediaFile, ...]:
        """Every ``<file>`` of the question, checked (see ``moodle_xml.files``)."""
        return read_files(element, self.line)

    def feedback(self, element: ET.Element, default_format: str, tag: str = "feedback") -> str:
        """The feedback at ``tag`` in ``element`` (``default_format``: Moodle's name of the
        question's text format), as the class docstring says."""
        text, text_format = text_and_format(element, tag, default_format)
        if holds_image(text, text_format):
            if FORMAT_TO_TEXT_FORMAT.get(default_format, "html") in HTML_FORMATS:
                return text
            node = element.find(tag)
            self.warnings.append(
                ParseError(
                    "a feedback shows an image, but its question's text is not HTML, so the "
                    "image is left out (make the question text HTML to keep it)",
                    self.line(node if node is not None else element),
                )
            )
        return plain(text, text_format)

    def rich(self, text: str, text_format: str) -> tuple[str, str]:
        """A choice's or an item's text and its format: its HTML when it shows an image (an
        image-only choice must not become blank), else plain text."""
        if text_format != "plain" and "<img" in text.lower():
            return text, "html"
        return plain(text, text_format), "plain"

    def extension_attributes(self, element: ET.Element, tag: str, attribute: str) -> list[str]:
        """The ``attribute`` of each ``<quizapp><tag>`` of the question."""
        return [node.get(attribute, "") for node in element.findall(f"quizapp/{tag}")]

    def error(self, message: str, element: ET.Element) -> Exception:
        """The error to raise for a problem at ``element`` (its line is reported)."""
        return Invalid(message, self.line(element))

    def unsupported(self, message: str, element: ET.Element) -> Exception:
        """What to raise for a well-written question that holds something quizapp cannot
        import: the question is skipped with ``message`` and its line."""
        return Unsupported(message, self.line(element))

    def fraction(self, answer: ET.Element) -> float:
        return fraction(answer, self.line(answer))

    def source(self, element: ET.Element) -> Source | None:
        """A ``<source start end><text>`` inside ``element`` (written by ``Writer.source``)."""
        node = element.find("source")
        if node is None:
            return None
        try:
            return Source(
                quote=child_text(node) or "",
                start=int(node.get("start", "0")),
                end=int(node.get("end", "0")),
            )
        except ValueError:
            raise Invalid(
                "the source in <quizapp> has a start or end that is not a whole number",
                self.line(node),
            ) from None

    @staticmethod
    def default_format(common: dict[str, Any]) -> str:
        """Moodle's name for the question's text format, the default of its answers'."""
        return TEXT_FORMAT_TO_FORMAT[common["text_format"]]

    child_text = staticmethod(child_text)
    text_and_format = staticmethod(text_and_format)
    plain = staticmethod(plain)
    letter_id = staticmethod(letter_id)
    number = staticmethod(number)


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
    name = child_text(element, "name") or ""
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
    root, lines, errors = read_tree(text.removeprefix("\ufeff"))
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
            path = child_text(element, "category") or ""
            category = from_moodle_path(path)
            info, info_format = text_and_format(element, "info")
            if description is None and not _is_default_category(path, info):
                description = plain(info, info_format)
            continue
        codec = readers.get(type_name)
        if codec is None:
            result.skipped.append(_unsupported(element, type_name, readers, line))
            continue
        try:
            common = reader.common(element, category)
            question = codec.read(element, common, reader)
        except Unsupported as problem:
            result.skipped.append(ParseError(problem.message, problem.line or line))
            continue
        except Invalid as problem:
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
    result.warnings = sorted(result.warnings + reader.warnings, key=lambda w: w.line or 0)
    result.sets = [question_set]
    return result
