"""The images of a Moodle XML question: its ``<file>`` elements read and checked, and
written back beside the texts that show them.

Moodle puts each file in the element whose text refers to it (``<questiontext>``, an
``<answer>``, a ``<feedback>``, a ``<subquestion>``...), base64-encoded, and the text says
``@@PLUGINFILE@@/<name>``.  A question's files are one list in quizapp
(``Question.files``); names are unique within a question.
"""

from __future__ import annotations

import base64
import binascii
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable

from question_bank import media
from question_bank.formats.moodle_xml.tree import Invalid, Unsupported
from question_bank.media import MediaFile

#: Where an element starts, for the messages.
LineOf = Callable[[ET.Element], "int | None"]


def read_files(element: ET.Element, line_of: LineOf) -> tuple[MediaFile, ...]:
    """Every ``<file>`` of the question (its text, answers, feedback...), decoded and
    checked; a name used in two places for different images is renamed in the second
    (``name-2.png``) and so are that place's references to it."""
    found: dict[str, MediaFile] = {}
    for container in element.iter():
        if container.tag == "quizapp":
            continue
        renamed: dict[str, str] = {}
        for node in container.findall("file"):
            made = read_file(node, line_of(node))
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


def legacy_image(element: ET.Element, line_of: LineOf) -> MediaFile | None:
    """The image of Moodle 1.9's old ``<image>`` field (``<image_base64>``), which Moodle's
    importer still reads: the file, which the question text then shows."""
    node = element.find("image_base64")
    if node is None or not "".join((node.text or "").split()):
        return None
    path = (element.findtext("image") or "").strip().replace("\\", "/")
    name = path.rsplit("/", 1)[-1] or "image"
    file = ET.Element("file", name=name, encoding="base64")
    file.text = node.text
    return read_file(file, line_of(node))


def read_file(node: ET.Element, line: int | None) -> MediaFile:
    """One ``<file name="..." encoding="base64">``: an allowed image.  A file of another
    kind (a sound, a PDF) makes its question ``Unsupported`` (skipped); bad base64, an
    image too large or a name that cannot be kept is ``Invalid`` (the file must be fixed)."""
    name = (node.get("name") or "").strip()
    encoding = (node.get("encoding") or "base64").strip().lower()
    if encoding != "base64":
        raise Invalid(f'the file "{name}" is not in base64 (encoding="{encoding}")', line)
    try:
        data = base64.b64decode("".join((node.text or "").split()), validate=True)
    except (binascii.Error, ValueError):
        raise Invalid(f'the file "{name}" is not valid base64', line) from None
    if media.sniff(data) is None:
        raise Unsupported(
            f'question skipped: its file "{name}" is {media.describe(data)}, and quizapp keeps '
            "images only (PNG, JPEG, GIF, WebP)",
            line,
        )
    try:
        return MediaFile.from_bytes(name, data)
    except media.MediaError as exc:
        raise Invalid(str(exc), line) from None


def attach_files(element: ET.Element, files: Iterable[MediaFile]) -> None:
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
