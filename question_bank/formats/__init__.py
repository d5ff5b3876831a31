"""Every question file format, by name, and reading an uploaded file into questions.

``FORMATS`` maps a format's name to a ``Format`` that has ``parse(text, set_name=...)``
and ``dump(question_set)`` like a format module (``parse`` is None for export-only
formats, ``dump`` None for import-only ones), plus a label, file extensions and a media
type for downloads::

    gift       GIFT (Moodle's text format)       .gift .txt
    aiken      Aiken (multiple choice only)      .txt
    moodlexml  Moodle XML                        .xml
    csv        CSV (question, answer...)         .csv
    tsv        TSV (Quizlet's export)            .tsv .tab .txt
    json       quizapp JSON (every field)        .json
    apkg       Anki package                      .apkg .colpkg  (binary: bytes in)

``detect_format`` decides from the file name's extension first, then from the content.
``parse_upload`` does what an upload form needs (size limit, decoding, detection, parsing)
and reports every problem as a ``ParseError``: it does not raise on bad files.  A binary
format (``Format.binary``: the Anki package) gets the bytes, undecoded; the others text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from types import ModuleType
from typing import Any

from question_bank.formats import aiken, anki, apkg, gift, json_format, moodle_xml, tabular
from question_bank.formats.base import ParseError, ParseResult
from question_bank.sizes import human_size

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_SET_NAME = "Imported questions"


class UploadError(ValueError):
    """An uploaded file that cannot be read at all; the message is meant for its owner."""


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    module: ModuleType
    extensions: tuple[str, ...]
    media_type: str
    parse: Callable[..., ParseResult] | None
    dump: Callable[..., Any] | None
    #: True: ``parse`` takes the file's bytes (a package), not its text.
    binary: bool = False

    @property
    def can_import(self) -> bool:
        return self.parse is not None

    @property
    def can_export(self) -> bool:
        return self.dump is not None

    @property
    def extension(self) -> str:
        """The extension to give an exported file."""
        return self.extensions[0]


FORMATS: dict[str, Format] = {
    "gift": Format("gift", "GIFT", gift, (".gift", ".txt"), "text/plain", gift.parse, gift.dump),
    "aiken": Format(
        "aiken", "Aiken", aiken, (".txt", ".aiken"), "text/plain", aiken.parse, aiken.dump
    ),
    "moodlexml": Format(
        "moodlexml",
        "Moodle XML",
        moodle_xml,
        (".xml",),
        "application/xml",
        moodle_xml.parse,
        moodle_xml.dump,
    ),
    "csv": Format("csv", "CSV", tabular, (".csv",), "text/csv", tabular.parse_csv, tabular.dump),
    "tsv": Format(
        "tsv",
        "TSV (Quizlet)",
        tabular,
        (".tsv", ".tab", ".txt"),
        "text/tab-separated-values",
        tabular.parse_tsv,
        None,
    ),
    "json": Format(
        "json",
        "quizapp JSON",
        json_format,
        (".json",),
        "application/json",
        json_format.parse,
        json_format.dump,
    ),
    "apkg": Format(
        "apkg",
        "Anki package",
        anki,
        (".apkg", ".colpkg"),
        "application/octet-stream",
        apkg.parse,
        anki.dump,
        binary=True,
    ),
}

# Extensions that name one format; ".txt" is decided by the content.
_BY_EXTENSION = {
    ".gift": "gift",
    ".aiken": "aiken",
    ".xml": "moodlexml",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".apkg": "apkg",
    ".colpkg": "apkg",
}

_AIKEN_ANSWER = re.compile(r"^\s*ANSWER\s*:\s*[A-Za-z]\s*$", re.MULTILINE | re.IGNORECASE)
_AIKEN_OPTION = re.compile(r"^\s*[A-Z][.)]\s+\S", re.MULTILINE)
_GIFT_MARKERS = re.compile(
    r"(^\s*::[^:\n]*::)|(^\s*\$CATEGORY:)|\{\s*(?:[=~#]|T\s*[}#]|F\s*[}#]|TRUE|FALSE|\})"
    r"|(^\s*//)",
    re.MULTILINE,
)


def _extension(filename: str | None) -> str:
    if not filename:
        return ""
    # Browsers may send a Windows path; keep only the last part.
    name = PureWindowsPath(PurePosixPath(filename).name).name
    return PurePosixPath(name).suffix.lower()


def _sniff(text: str) -> str | None:
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        return None
    if stripped.startswith("<"):
        return "moodlexml"
    if stripped.startswith('{"') or (
        stripped.startswith(("{", "[")) and '"sets"' in stripped[:10000]
    ):
        return "json"
    if _AIKEN_ANSWER.search(text) and _AIKEN_OPTION.search(text):
        return "aiken"
    if _GIFT_MARKERS.search(text):
        return "gift"
    lines = [line for line in text.splitlines() if line.strip()][:20]
    if lines and sum("\t" in line for line in lines) >= max(1, len(lines) // 2):
        return "tsv"
    if lines and sum(("," in line or ";" in line) for line in lines) >= max(1, len(lines) // 2):
        return "csv"
    return None


def detect_format(filename: str | None, text: str) -> str:
    """The name of the format of an uploaded file: by extension, else by content.

    Extensions: ``.gift`` ``.aiken`` ``.xml`` ``.csv`` ``.tsv``/``.tab`` ``.json``
    ``.apkg``.  Anything else (``.txt``, no name) is sniffed: ``<`` first -> Moodle XML;
    ``{"`` or a ``"sets"`` key -> JSON; ``ANSWER: X`` lines with ``A.`` options -> Aiken;
    GIFT's ``::title::``, ``$CATEGORY:``, ``//`` comments or answer braces -> GIFT; tabs on
    most lines -> TSV; commas or semicolons on most lines -> CSV.

    Raises ``UploadError`` when nothing fits.
    """
    by_extension = _BY_EXTENSION.get(_extension(filename))
    if by_extension is not None:
        return by_extension
    sniffed = _sniff(text)
    if sniffed is None:
        raise UploadError(
            "Could not tell the format of this file. Choose the format yourself, or give the "
            "file an extension: .gift, .xml (Moodle XML), .csv, .tsv, .json, or .txt with "
            "GIFT or Aiken questions."
        )
    return sniffed


def decode_upload(data: bytes) -> str:
    """The text of an uploaded file, with line breaks made ``\\n``.

    UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark are read;
    anything else is refused with an ``UploadError`` that says what to do.
    """
    if not data:
        raise UploadError("The file is empty.")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise UploadError(
            "The file is in UTF-32, which is not supported. Save it as UTF-8 and upload it again."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UploadError(
                "The file says it is UTF-16 but is damaged (its length or some characters "
                "are wrong). Save it as UTF-8 and upload it again."
            ) from None
    else:
        if data.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"SQLite format")):
            raise UploadError(
                "This is not a text file (it looks like a zip, an Anki package, a PDF or an "
                "office document). Upload the questions as text: GIFT, Aiken, Moodle XML, "
                "CSV, TSV or JSON."
            )
        if b"\x00" in data:
            raise UploadError(
                "This file contains NUL bytes, so it is not UTF-8 text (it may be a binary "
                "file, or UTF-16 without a byte order mark). Save it as UTF-8 and try again."
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise UploadError(
                f"The file is not UTF-8 text: line {line} has a byte (0x{data[exc.start]:02x}) "
                "that UTF-8 does not allow. It is probably in another encoding such as "
                'Windows-1252 or Latin-1: save it as UTF-8 (in Excel: "CSV UTF-8") and '
                "upload it again."
            ) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise UploadError("This file contains NUL characters, so it is not a text file.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _set_name_from(filename: str | None) -> str:
    if not filename:
        return DEFAULT_SET_NAME
    name = PureWindowsPath(PurePosixPath(filename).name).name
    stem = PurePosixPath(name).stem.strip()
    stem = " ".join(stem.split())[:200]
    return stem or DEFAULT_SET_NAME


def _failure(message: str) -> ParseResult:
    return ParseResult(errors=[ParseError(message)])


def parse_upload(
    data: bytes,
    filename: str | None,
    format: str | None = None,
    set_name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParseResult:
    """Read an uploaded file into questions; every problem is an error in the result.

    ``format`` is a name from ``FORMATS`` (None: ``detect_format``).  The set is named
    ``set_name``, else after the file (its name without extension).
    """
    if len(data) > max_bytes:
        size, limit = human_size(len(data)), human_size(max_bytes)
        return _failure(f"The file is too large ({size}); the limit is {limit}.")
    name = format or _BY_EXTENSION.get(_extension(filename))
    if name is None and data.startswith(b"PK\x03\x04") and b"collection.anki2" in data[:4096]:
        name = "apkg"  # an Anki package under another name
    chosen = FORMATS.get(name) if name else None
    if name and chosen is None:
        known = ", ".join(n for n, f in FORMATS.items() if f.can_import)
        return _failure(f'Unknown format "{name}" (choose one of {known}).')
    content: bytes | str = data
    if chosen is None or not chosen.binary:
        try:
            content = decode_upload(data)
            name = name or detect_format(filename, content)
        except UploadError as exc:
            return _failure(str(exc))
        chosen = FORMATS[name]
    if chosen.parse is None:
        return _failure(f"{chosen.label} files can only be exported, not imported.")
    try:
        return chosen.parse(content, set_name=set_name or _set_name_from(filename))
    except Exception:  # a bug in a parser must not turn an upload into a server error
        logger.exception("the %s parser failed on %r", name, filename)
        return _failure(
            f"Something went wrong while reading this {chosen.label} file. "
            "Please report it with the file attached."
        )
