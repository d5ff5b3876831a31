from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank import formats
from question_bank.formats import (
    FORMATS,
    UploadError,
    anki,
    decode_upload,
    detect_format,
    gift,
    parse_upload,
)
from question_bank.formats.base import ParseResult
from tests.question_bank.formats.samples import sample_set

DATA = Path(__file__).parents[2] / "data"

AIKEN = "What is the capital?\nA. Ankara\nB. Bursa\nANSWER: A\n"
GIFT = "::Capital:: What is the capital? {=Ankara ~Bursa}\n"


# --------------------------------------------------------------------------- registry


def test_registry_names_and_capabilities():
    assert list(FORMATS) == ["gift", "aiken", "moodlexml", "csv", "tsv", "json", "apkg"]
    assert FORMATS["gift"].module is gift
    assert FORMATS["apkg"].module is anki
    assert FORMATS["apkg"].can_import and FORMATS["apkg"].can_export
    assert all(f.can_import for f in FORMATS.values())
    assert [n for n, f in FORMATS.items() if f.binary] == ["apkg"]
    assert FORMATS["moodlexml"].extension == ".xml"


@pytest.mark.parametrize("name", ["gift", "aiken", "moodlexml", "csv", "json"])
def test_every_exporting_text_format_reads_its_own_output(name):
    chosen = FORMATS[name]
    text = chosen.dump(sample_set())
    result = chosen.parse(text, set_name="Round trip")
    assert result.ok, result.errors
    assert result.sets[0].name == "Round trip" or name == "json"


def test_apkg_export_is_bytes():
    assert FORMATS["apkg"].dump(sample_set())[:2] == b"PK"


# -------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("quiz.gift", "gift"),
        ("QUIZ.GIFT", "gift"),
        ("quiz.aiken", "aiken"),
        ("export.xml", "moodlexml"),
        ("cards.csv", "csv"),
        ("cards.tsv", "tsv"),
        ("cards.tab", "tsv"),
        ("sets.json", "json"),
        ("deck.apkg", "apkg"),
        ("C:\\Users\\me\\Desktop\\quiz.gift", "gift"),
        ("/home/me/export.xml", "moodlexml"),
    ],
)
def test_extension_decides_first(filename, expected):
    # The content is Aiken, but the extension wins.
    assert detect_format(filename, AIKEN) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (AIKEN, "aiken"),
        (GIFT, "gift"),
        ("// comment\nWho? {}\n", "gift"),
        ("$CATEGORY: top/x\n\nQ {T}\n", "gift"),
        ('<?xml version="1.0"?>\n<quiz></quiz>', "moodlexml"),
        ("\n  <quiz/>", "moodlexml"),
        ('{"sets": []}', "json"),
        ('[\n {"sets": 1}]', "json"),
        ("Ankara\tCapital\nIzmir\tCity\n", "tsv"),
        ("question,answer\nCapital,Ankara\n", "csv"),
        ("question;answer\nCapital;Ankara\n", "csv"),
    ],
)
def test_content_sniffing(text, expected):
    assert detect_format(None, text) == expected
    assert detect_format("questions.txt", text) == expected
    assert detect_format("no-extension", text) == expected


def test_real_files_are_detected():
    assert detect_format(None, decode_upload((DATA / "aiken/valid.txt").read_bytes())) == "aiken"
    quizlet = decode_upload((DATA / "tsv/quizlet_utf16.txt").read_bytes())
    assert detect_format("quizlet_utf16.txt", quizlet) == "tsv"
    export = decode_upload((DATA / "moodlexml/moodle_export.xml").read_bytes())
    assert detect_format("export.txt", export) == "moodlexml"


@pytest.mark.parametrize("text", ["", "   \n", "Just one sentence with no structure."])
def test_unknown_content_is_an_upload_error(text):
    with pytest.raises(UploadError, match="Could not tell the format"):
        detect_format("notes.txt", text)


# --------------------------------------------------------------------------- decoding


def test_utf8_with_and_without_bom():
    assert decode_upload("Türkiye".encode()) == "Türkiye"
    assert decode_upload(b"\xef\xbb\xbf" + "Türkiye".encode()) == "Türkiye"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding):
    data = "Türkiye\r\nAnkara".encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff" + "Türkiye\r\nAnkara").encode(encoding)
    assert decode_upload(data) == "Türkiye\nAnkara"


def test_line_breaks_are_normalised():
    assert decode_upload(b"a\r\nb\rc\n") == "a\nb\nc\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty."),
        ("Türkiye".encode("cp1252"), "not UTF-8 text: line 1 has a byte (0xfc)"),
        (b"ok\nok\n\xff", "line 3"),
        ("Türkiye".encode("utf-16-le"), "NUL bytes"),
        (b"text\x00more", "NUL bytes"),
        (b"PK\x03\x04rest of a zip", "not a text file"),
        (b"%PDF-1.7", "not a text file"),
        (b"SQLite format 3\x00", "not a text file"),
        ("x".encode("utf-32"), "UTF-32"),
        (b"\xff\xfe\x00", "damaged"),
    ],
)
def test_refused_uploads_say_why(data, expected):
    with pytest.raises(UploadError) as raised:
        decode_upload(data)
    assert expected in str(raised.value)


# ------------------------------------------------------------------------ parse_upload


def test_parse_upload_names_the_set_after_the_file():
    result = parse_upload(AIKEN.encode(), "C:\\Users\\me\\Capitals quiz.txt")
    assert result.ok
    assert result.sets[0].name == "Capitals quiz"
    assert parse_upload(AIKEN.encode(), None).sets[0].name == "Imported questions"
    assert parse_upload(AIKEN.encode(), "x.txt", set_name="Mine").sets[0].name == "Mine"


def test_parse_upload_with_an_explicit_format():
    result = parse_upload(AIKEN.encode(), "anything.csv", format="aiken")
    assert result.ok and result.questions[0].type_name == "multiple_choice"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"data": b"x" * 11, "max_bytes": 10}, "too large (11 bytes); the limit is 10 bytes"),
        ({"data": b"x" * (6 * 1024 * 1024)}, "too large (6 MB); the limit is 5 MB"),
        ({"data": b"\xff\xfe\x00"}, "damaged"),
        ({"data": AIKEN.encode(), "format": "docx"}, 'Unknown format "docx"'),
        ({"data": AIKEN.encode(), "format": "apkg"}, "not an Anki package"),
        ({"data": b"question", "filename": "deck.apkg"}, "not an Anki package"),
        ({"data": b"PK\x03\x04", "filename": "deck.apkg"}, "Anki could not read this package"),
        ({"data": b"PK\x03\x04", "filename": "deck.zip"}, "not a text file"),
        ({"data": b"nothing to see", "filename": "notes.txt"}, "Could not tell the format"),
    ],
)
def test_parse_upload_turns_problems_into_errors(kwargs, expected):
    kwargs.setdefault("filename", "upload.txt")
    result = parse_upload(**kwargs)
    assert isinstance(result, ParseResult) and not result.ok
    assert any(expected in e.message for e in result.errors), result.errors


def test_a_parser_bug_becomes_an_error_not_a_crash(monkeypatch, caplog):
    def broken(text, set_name):
        raise RuntimeError("bug")

    monkeypatch.setitem(FORMATS, "json", replace(FORMATS["json"], parse=broken))
    result = parse_upload(b'{"sets": []}', "x.json")
    assert not result.ok
    assert "Something went wrong while reading this quizapp JSON file" in result.errors[0].message
    assert "RuntimeError" in caplog.text


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
    st.sampled_from([None, "a.gift", "a.txt", "a.xml", "a.csv", "a.tsv", "a.json", "a.apkg"]),
)
def test_random_uploads_never_raise(data, filename):
    result = formats.parse_upload(data, filename)
    assert isinstance(result, ParseResult)
    assert result.ok or result.errors
