"""Writing Moodle XML: the parts every question has, the ``Writer`` a type's codec uses for
its own elements, the category questions and the images."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from question_bank import grading
from question_bank import types as registry
from question_bank.categories import to_moodle_path
from question_bank.formats.moodle_xml.files import attach_files
from question_bank.formats.moodle_xml.tree import (
    LABEL,
    NAME,
    TEXT_FORMAT_TO_FORMAT,
    letter_id,
)
from question_bank.sets import QuestionSet
from question_bank.types import Question, Source

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _percent(weight: float) -> str:
    """A weight as Moodle's percentage, in decimal so that it reads back to the same float."""
    value = Decimal(repr(float(weight))) * 100
    return format(value.normalize(), "f")


def feedback_format(text: str, question: Question | None = None) -> str:
    """Moodle's format for a feedback: plain text, unless it shows an image, which is HTML
    written as its question's text is (``moodle_xml.reading`` keeps such a feedback's
    HTML)."""
    if "<img" in text.lower():
        if question is not None and question.text_format == "moodle":
            return "moodle_auto_format"
        return "html"
    return "plain_text"


class Writer:
    """What a type's codec needs to write its elements: texts, values, answers with their
    fractions, empty elements with attributes, source quotes (control characters XML
    cannot hold are dropped)."""

    @staticmethod
    def text(
        parent: ET.Element, tag: str, text: str, moodle_format: str | None = None
    ) -> ET.Element:
        """``<tag format="..."><text>text</text></tag>``."""
        node = ET.SubElement(parent, tag)
        if moodle_format is not None:
            node.set("format", moodle_format)
        ET.SubElement(node, "text").text = _clean(text)
        return node

    @staticmethod
    def value(parent: ET.Element, tag: str, value: str) -> ET.Element:
        """``<tag>value</tag>``."""
        node = ET.SubElement(parent, tag)
        node.text = _clean(value)
        return node

    @classmethod
    def answer(
        cls, parent: ET.Element, weight: float, text: str, feedback: str, moodle_format: str
    ) -> ET.Element:
        """``<answer fraction="..." format="...">`` with its text and feedback."""
        answer = ET.SubElement(parent, "answer", fraction=_percent(weight), format=moodle_format)
        ET.SubElement(answer, "text").text = _clean(text)
        cls.feedback(answer, feedback)
        return answer

    @classmethod
    def feedback(cls, parent: ET.Element, text: str, tag: str = "feedback") -> ET.Element:
        """``<feedback format="...">``: plain text, or HTML when it shows an image."""
        return cls.text(parent, tag, text, feedback_format(text))

    @staticmethod
    def empty(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
        """``<tag attribute="..."/>`` (children may be added to it)."""
        return ET.SubElement(parent, tag, {k: _clean(v) for k, v in attributes.items()})

    @classmethod
    def source(cls, parent: ET.Element, source: Source) -> ET.Element:
        """``<source start="..." end="..."><text>quote</text></source>``."""
        node = cls.text(parent, "source", source.quote)
        node.set("start", str(source.start))
        node.set("end", str(source.end))
        return node

    percent = staticmethod(_percent)

    @staticmethod
    def positional(ids: Iterable[str]) -> bool:
        """Are these Moodle's positional ids (a, b, c...), which need not be written?"""
        return all(value == letter_id(index) for index, value in enumerate(ids))


_WRITER = Writer()


def _extension(question: Question, codec: Any) -> ET.Element | None:
    extra = ET.Element("quizapp")
    if question.answer_display != question.default_answer_display():
        _WRITER.text(extra, "answerdisplay", question.answer_display)
    if question.card_id is not None:
        _WRITER.value(extra, "cardid", question.card_id)
    if question.source is not None:
        _WRITER.source(extra, question.source)
    codec.extension(question, extra, _WRITER)
    return extra if len(extra) else None


def _question_element(question: Question) -> ET.Element:
    codec = registry.codec(type(question), NAME, LABEL)
    element = ET.Element("question", type=codec.qtype(question))
    _WRITER.text(element, "name", question.title or question.id)
    question_format = TEXT_FORMAT_TO_FORMAT.get(question.text_format, "html")
    _WRITER.text(element, "questiontext", codec.prompt(question, _WRITER), question_format)
    general = question.general_feedback
    _WRITER.text(element, "generalfeedback", general, feedback_format(general, question))
    _WRITER.value(element, "defaultgrade", grading.format_number(question.points))
    _WRITER.value(element, "idnumber", question.id)
    codec.write(question, element, _WRITER)
    if question.tags:
        tags = ET.SubElement(element, "tags")
        for tag in question.tags:
            _WRITER.text(tags, "tag", tag)
    extra = _extension(question, codec)
    if extra is not None:
        element.append(extra)
    attach_files(element, question.files)
    return element


def _category_element(path: str, info: str | None) -> ET.Element:
    element = ET.Element("question", type="category")
    _WRITER.text(element, "category", path)
    if info is not None:
        _WRITER.text(element, "info", info, "plain_text")
    return element


def dump(question_set: QuestionSet) -> str:
    """Moodle XML for every question of the set, in order (``UnsupportedType`` for a
    question whose type has no Moodle XML codec).

    A category question is written before the first question and whenever the category
    changes: ``$course$/top`` for none, ``$course$/top/<category>`` otherwise; the first
    carries the set's description as its ``<info>``.
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
