"""The codec interface: how a question type tells each file format how to read and write it.

A type lists its codecs in ``Question.codecs``, by format name.  The formats do the lexing
and framing (GIFT's blocks and escapes, the XML tree, JSON's syntax and line numbers) and
hand each question's own part to its type's codec, with a small helper object that carries
the format's conventions (escaping, weights as percentages, where an error is).  Codecs
import nothing from ``question_bank.formats``: the helpers come in as arguments.

``"gift"`` (``question_bank.formats.gift``)
    ``constructs``: the GIFT answer-block constructs the type is read from, out of
    ``choice`` (``{=a ~b}``), ``choices`` (``{~%50%a ~%50%b}``), ``true_false`` (``{T}``),
    ``short`` (``{=a =b}`` at the end), ``numerical`` (``{#...}``), ``matching``
    (``{=a -> b}``), ``essay`` (``{}``), ``blanks`` (answer blocks inside the text) and
    ``text`` (no block at all).  ``read(construct)`` builds the question from a
    ``gift.Construct`` (its values, prompt and common fields, ``construct.build``);
    ``write(question, writer)`` returns the prompt and answer block(s) that follow the
    title and format marker, using a ``gift.Writer``.  A ``CodecError`` raised by ``read``
    is reported at the construct's line.

``"moodlexml"`` (``question_bank.formats.moodle_xml``)
    ``qtypes``: the ``<question type="...">`` values it reads.  ``read(element, common,
    reader)`` builds the question from the element and the common fields the format read
    (``reader.error(message, element)`` is the exception to raise, with its line);
    ``qtype(question)`` is the type it writes; ``prompt(question, writer)`` the question text
    as Moodle holds it; ``write(question, element, writer)`` adds the type's elements after
    ``<idnumber>``; ``extension(question, extra, writer)`` adds what Moodle has no field for
    to the ``<quizapp>`` element (read back by ``read``).  ``reader`` and ``writer`` are a
    ``moodle_xml.Reader`` and ``moodle_xml.Writer``.

``"json"`` (``question_bank.formats.json_format``)
    The interchange schema is the type's own ``to_dict``/``from_dict``.  ``check(checker,
    where, data)`` checks the shape of the type's answer fields in an uploaded file (see
    ``JsonCodec``) so that a malformed file gets a message with its line, not a crash.

``"aiken"`` (``question_bank.formats.aiken``)
    ``read(prompt, options, answer, question_id)`` builds the question from the option
    letters and texts and the right letter; ``options(question)`` gives the option texts and
    the index of the right one, or None for a question of the type that Aiken cannot carry
    (partial credit, say), which is left out like a type without the codec.

CSV/TSV and Anki are flashcard formats: they write the set's cards, and a question's card is
its own (``Question.card``); CSV reads rows as short answers with their cards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: ``check(checker, where, item) -> bool`` for one object of a list in a JSON upload.
ItemCheck = Callable[[Any, str, dict], bool]


@dataclass(frozen=True)
class JsonCodec:
    """The JSON codec most types need: each key of ``lists`` is a list of objects, each
    object checked by its function (``question_bank.types.values.check_*``)."""

    lists: Mapping[str, ItemCheck] = field(default_factory=dict)
    #: Keys that hold true or false, text, a number.
    flags: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()

    def check(self, checker: Any, where: str, data: dict) -> bool:
        ok = True
        for key, check in self.lists.items():
            ok &= checker.list_of_objects(where, data, key, check)
        for key in self.flags:
            if key in data and not isinstance(data[key], bool):
                checker.error(where, f'"{key}" must be true or false', data)
                ok = False
        for key in self.texts:
            ok &= checker.optional_text(where, data, key)
        for key in self.numbers:
            ok &= checker.number_field(where, data, key)
        return ok
