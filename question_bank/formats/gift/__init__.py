r"""GIFT: Moodle's plain-text question format, read and written as Moodle reads it.

One question per paragraph (blank lines separate questions); the answers go in braces::

    // a comment line; Moodle 3.6+ also reads "// [id:ID] [tag:TAG]" comments
    $CATEGORY: $course$/top/History/Presidents

    ::Title::[html]Who is buried in Grant's tomb?{
        ~Grant #feedback for this answer
        =no one
        ####general feedback
    }

What each construct becomes:

=================================================  ==========================================
``{=right ~wrong ~%50%half}`` (at least one ``=``)  ``multiple_choice``; ``=`` weighs 100%,
                                                   ``~`` 0%, ``%n%`` after either sets n%
``{~%50%a ~%50%b ~%-100%c}`` (``~`` only)           ``multiple_response``
``{T}`` ``{F}`` ``{TRUE}`` ``{FALSE}`` (capitals)   ``true_false``; ``{TRUE#A#B}``: A is shown
                                                   to a student who answers wrong (it goes on
                                                   the ``false`` choice), B to one who answers
                                                   right (the ``true`` choice); the other way
                                                   round for ``{FALSE#A#B}``.  As in Moodle,
                                                   ``{t}`` or ``{True}`` is a short answer
``{=a =%50%b =%0%*#no}`` (``=`` only, at the end)  ``short_answer``; ``*`` is Moodle's wildcard,
                                                   ``*`` alone the catch-all
``{#12:0.5}`` ``{#1..5}`` ``{#=%50%12:2 ~#other}``  ``numerical`` (a range is its midpoint
                                                   plus or minus half its width, in decimal;
                                                   ``~#feedback`` for any other number)
``{=item -> match ...}``                           ``matching`` (``= -> extra`` is an option
                                                   that matches no item)
``text {~a =b} text`` (text after the block)       the block's type, the prompt showing the
                                                   gap as ``_____`` (Moodle's "missing word")
``text {=a =b} text``                              ``cloze``, the gap written ``{{1}}``
``{}``, ``{####general feedback}``                 ``essay``
no braces at all                                   ``description`` (worth 0 points)
=================================================  ==========================================

``#feedback`` follows an answer; ``####feedback`` ends a block and is the general feedback
(cut at the last ``####``, as Moodle does).  ``[html]``, ``[moodle]``, ``[plain]`` or
``[markdown]`` before the text set ``text_format`` (without one the format is ``moodle``,
GIFT's default).  ``\~ \= \# \{ \} \: \\`` are literal characters and ``\n`` a line break.
``$CATEGORY: path`` files the questions after it: the category is the path below Moodle's
top (``$course$/top/Biology/Cells`` is ``Biology/Cells``; ``$course$/top`` is none), see
``question_bank.categories``.

Ids: a ``// [id:x]`` comment (Moodle's question "ID number") gives the id; otherwise the
title, made into a slug; otherwise ``q-`` and a hash of the type and text.  Ids are made
unique within the file with a ``-2``, ``-3``... suffix.  Choices are named ``a``, ``b``...;
matching items ``1``, ``2``... and their options ``a``, ``b``... in order of appearance.
A question's points (Moodle's default mark) travel in the same comment as ``[points:2]``,
which Moodle ignores (GIFT has no syntax for them; Moodle gives every imported question 1).

``dump`` writes every question with a ``// [id:...]`` comment (Moodle imports it as the ID
number and ``parse`` reads it back as the id), its tags as ``[tag:...]`` and its points when
they are not the type's default, so the title stays exactly the title and ids survive a
round trip even without one.  ``$CATEGORY: $course$/top/<category>`` lines carry the
categories; ``$course$/top`` sets "no category" again.  The text format is always written
(``[plain]``...), which also keeps a text that starts with ``//`` or ``::`` from being
read as a comment or a title.  Numbers are written in their shortest exact form
(``3.1415``, ``0.1``).

Extensions and limits, deliberately:

* several ``{=...}`` blocks in one question are read as a cloze with several blanks, and
  written that way: Moodle's GIFT importer takes one block per question, so only cloze
  questions with one blank import into Moodle;
* ``{Paris}`` (no ``=``) is read as Moodle does: a short answer with that one answer;
* GIFT cannot carry ``source``, ``card_id``, a description's general feedback, an
  ``answer_display`` other than the default one, a short answer's case sensitivity, or a
  set's cards;
* GIFT cannot carry images: ``dump`` refuses a question with files (``UnsupportedType``,
  saying to export Moodle XML or JSON), rather than write broken ``@@PLUGINFILE@@`` links;
* GIFT has no ordering questions: ``dump`` raises ``UnsupportedType`` for one (as for any
  type without a GIFT codec), and ``parse`` reports the ordering plugin's ``{>...}`` blocks.

Each question type reads and writes its own answers (its ``gift`` codec, see
``question_bank.types.codecs``).  This package cuts the file into questions and lexes the
answer blocks into constructs (``lexing``), reads titles, formats, comments and categories
(``reading``), and writes the parts every question has (``writing``).
"""

from __future__ import annotations

from question_bank.formats.gift.lexing import (
    DEFAULT_TEXT_FORMAT,
    GAP,
    LABEL,
    NAME,
    TEXT_FORMATS,
)
from question_bank.formats.gift.reading import Construct, parse
from question_bank.formats.gift.writing import Writer, dump

__all__ = [
    "DEFAULT_TEXT_FORMAT",
    "GAP",
    "LABEL",
    "NAME",
    "TEXT_FORMATS",
    "Construct",
    "Writer",
    "dump",
    "parse",
]
