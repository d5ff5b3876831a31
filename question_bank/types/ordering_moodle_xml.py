"""The ordering type's Moodle XML codec (Moodle's ``qtype_ordering`` plugin's elements)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from question_bank.types.base import Question
from question_bank.types.ordering_grading import GRADINGS

if TYPE_CHECKING:
    from question_bank.types.ordering import Ordering

#: Moodle XML's names (and the plugin's older aliases) for each setting.
_XML_LAYOUTS = {"VERTICAL": "vertical", "VERT": "vertical", "V": "vertical", "0": "vertical"}
_XML_LAYOUTS |= {"HORIZONTAL": "horizontal", "HORI": "horizontal", "H": "horizontal"}
_XML_LAYOUTS |= {"1": "horizontal"}
_XML_SELECTIONS = {"ALL": "all", "EXACT": "all", "RANDOM": "random", "REL": "random"}
_XML_SELECTIONS |= {"CONTIGUOUS": "contiguous", "CONTIG": "contiguous"}
_XML_GRADINGS = {name.upper(): name for name in GRADINGS}
_XML_GRADINGS |= {"ABS": "absolute_position", "ABSOLUTE": "absolute_position"}
_XML_GRADINGS |= {"REL": "relative_next_exclude_last", "RELATIVE": "relative_next_exclude_last"}
_XML_SHOW = {"SHOW": True, "TRUE": True, "YES": True, "1": True}
_XML_SHOW |= {"HIDE": False, "FALSE": False, "NO": False, "0": False}


class OrderingXml:
    """``<layouttype>``, ``<selecttype>``, ``<selectcount>``, ``<gradingtype>``,
    ``<showgrading>`` and one ``<answer>`` per item, its ``fraction`` its place (1, 2...).
    What a setting misses takes the plugin's import default (vertical, random, 6, relative
    to the next item excluding the last, shown).  Item ids and sources, and an attempt's
    shown order, travel in ``<quizapp><item id="..."/>``.  An item that shows an image keeps
    its HTML (``OrderItem.text_format``); the others are plain text."""

    qtypes = ("ordering",)

    def _setting(
        self,
        element: Any,
        tags: Sequence[str],
        names: Mapping[str, Any],
        default: str,
        reader: Any,
    ) -> Any:
        for tag in tags:
            node = element.find(tag)
            if node is not None:
                raw = (node.text or "").strip()
                value = names.get(raw.upper())
                if value is None:
                    known = ", ".join(n for n in names if not n.isdigit())
                    raise reader.error(f'<{tag}> "{raw}" is not one of {known}', node)
                return value
        return names[default]

    def read(self, element: Any, common: dict[str, Any], reader: Any) -> Question:
        from question_bank.types.ordering import Ordering, OrderItem, item_ids, label

        default_format = reader.default_format(common)
        layout = self._setting(element, ("layouttype",), _XML_LAYOUTS, "VERTICAL", reader)
        select = self._setting(
            element, ("selecttype", "logical"), _XML_SELECTIONS, "RANDOM", reader
        )
        grading = self._setting(
            element, ("gradingtype",), _XML_GRADINGS, "RELATIVE_NEXT_EXCLUDE_LAST", reader
        )
        show = self._setting(element, ("showgrading",), _XML_SHOW, "SHOW", reader)
        count_text = reader.child_text(element, "selectcount")
        if count_text is None:
            count_text = reader.child_text(element, "studentsee")
        count_text = (count_text or "6").strip()
        if not count_text.isdigit():
            raise reader.error(f'<selectcount> "{count_text}" is not a whole number', element)
        answers = []
        for position, answer in enumerate(element.findall("answer")):
            text, text_format = reader.rich(*reader.text_and_format(answer, ".", default_format))
            text = text.strip()
            if text:  # Moodle skips empty items
                answers.append((reader.fraction(answer), position, text, text_format))
        # The fraction gives the place (Moodle writes 1, 2, 3...); equal ones keep the file's order.
        texts = [(text, text_format) for _, _, text, text_format in sorted(answers)]
        extra = element.findall("quizapp/item")
        if len(extra) == len(texts) and all(node.get("id") for node in extra):
            ids = [node.get("id") for node in extra]
            sources = [reader.source(node) for node in extra]
        else:
            ids, sources = item_ids([label(*t) for t in texts]), [None] * len(texts)
        items = tuple(
            OrderItem(item_id, text, source, text_format)
            for item_id, (text, text_format), source in zip(ids, texts, sources, strict=True)
        )
        shown = tuple(node.get("id", "") for node in element.findall("quizapp/shown/item"))
        return Ordering(
            items=items,
            grading=grading,
            select=select,
            select_count=int(count_text),
            layout=layout,
            show_grading=show,
            shown=shown,
            **common,
        )

    def qtype(self, question: Question) -> str:
        return "ordering"

    def prompt(self, question: Question, writer: Any) -> str:
        return question.prompt

    def write(self, question: Ordering, element: Any, writer: Any) -> None:
        writer.value(element, "layouttype", question.layout.upper())
        writer.value(element, "selecttype", question.select.upper())
        writer.value(element, "selectcount", str(question.select_count))
        writer.value(element, "gradingtype", question.grading.upper())
        writer.value(element, "showgrading", "SHOW" if question.show_grading else "HIDE")
        writer.value(element, "numberingstyle", "none")
        for place, item in enumerate(question.items, start=1):
            moodle_format = "html" if item.text_format == "html" else "plain_text"
            answer = writer.empty(element, "answer", fraction=str(place), format=moodle_format)
            writer.value(answer, "text", item.text)

    def extension(self, question: Ordering, extra: Any, writer: Any) -> None:
        from question_bank.types.ordering import item_ids, label

        generated = item_ids([label(item.text, item.text_format) for item in question.items])
        if [i.id for i in question.items] != generated or any(i.source for i in question.items):
            for item in question.items:
                node = writer.empty(extra, "item", id=item.id)
                if item.source is not None:
                    writer.source(node, item.source)
        if question.shown:
            shown = writer.empty(extra, "shown")
            for item_id in question.shown:
                writer.empty(shown, "item", id=item_id)
