"""Moodle XML: read and write the question bank format of Moodle's "Import / Export".

Question types, Moodle -> quizapp:

* ``multichoice`` -> ``multiple_choice`` (``<single>true``) or ``multiple_response``;
* ``truefalse`` -> ``true_false``; ``shortanswer`` -> ``short_answer`` (``*`` wildcards,
  ``usecase``);
* ``numerical`` -> ``numerical`` (``<tolerance>``; units are ignored; a ``*`` answer is the
  feedback for any other number);
* ``matching`` -> ``matching`` (subquestions with no text are extra wrong options);
* ``cloze`` -> ``cloze``, for blanks written ``{1:SHORTANSWER:=answer#feedback~%50%other}``
  (also ``SA``, ``MW``, the ``_C`` variants, and ``NUMERICAL`` with no tolerance);
* ``ordering`` (Moodle's ordering plugin) -> ``ordering``;
* ``essay``, ``description``;
* ``category`` sets the category of the questions after it: its path below Moodle's top
  (``$course$/top/Biology/Cells`` -> ``Biology/Cells``).  The ``<info>`` of the first
  category becomes the set description (unless it is one of Moodle's own, "top" or
  "Default for ...", whose info is boilerplate).
* any other type (drag and drop, calculated, random...) is skipped, with its line and the
  reason; an element under ``<quiz>`` that is not a question is a warning.

Each type reads and writes its own elements (its ``moodlexml`` codec, see
``question_bank.types.codecs``) with a ``Reader`` (``reading``) and a ``Writer``
(``writing``); ``tree`` reads the XML safely (defusedxml: no DTDs, no entities) with each
element's line, and ``files`` reads and writes the embedded images (``<file>``).

Answer fractions are percentages (``fraction="50"`` is a weight of 0.5); per-answer
feedback, ``<generalfeedback>``, ``<defaultgrade>`` (the points) and ``<tags>`` are kept.
The ``format`` attribute of the question text gives ``text_format``: ``html`` -> html,
``moodle_auto_format`` -> moodle, ``plain_text`` -> plain, ``markdown`` -> markdown (a
missing or unknown format is html, as in Moodle).  Answer texts and feedback are plain
text in quizapp (HTML in them is turned into text), except where they show an image: a
choice, a matching item or an ordering item keeps its HTML (its ``text_format`` or
``item_format`` is "html"), and so does a feedback of an HTML question.

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

from question_bank.formats.moodle_xml.reading import MOODLE_TYPE_NAMES, Reader, parse
from question_bank.formats.moodle_xml.tree import (
    FORMAT_TO_TEXT_FORMAT,
    LABEL,
    NAME,
    TEXT_FORMAT_TO_FORMAT,
)
from question_bank.formats.moodle_xml.writing import Writer, dump

__all__ = [
    "FORMAT_TO_TEXT_FORMAT",
    "LABEL",
    "MOODLE_TYPE_NAMES",
    "NAME",
    "TEXT_FORMAT_TO_FORMAT",
    "Reader",
    "Writer",
    "dump",
    "parse",
]
