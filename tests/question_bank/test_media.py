"""Images questions and cards carry: types read from the bytes, limits, references."""

from __future__ import annotations

import pytest

from question_bank import media
from question_bank.media import MAX_FILE_BYTES, MAX_SET_BYTES, MediaError, MediaFile
from question_bank.sets import Card, QuestionSet
from question_bank.types import Essay
from tests.question_bank.images import GIF, JPEG, SVG, WEBP, png


@pytest.mark.parametrize(
    ("data", "mime"),
    [(png(), "image/png"), (JPEG, "image/jpeg"), (GIF, "image/gif"), (WEBP, "image/webp")],
)
def test_the_type_is_read_from_the_bytes_not_the_name(data: bytes, mime: str) -> None:
    made = MediaFile.from_bytes("picture.txt", data)
    assert (made.mime, made.size, made.data) == (mime, len(data), data)
    assert len(made.sha256) == 64 and made.sha256 == media.MediaFile("x", mime, data).sha256


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (SVG, "an SVG drawing, which may hold scripts"),
        (b"%PDF-1.7", "a PDF document"),
        (b"PK\x03\x04zip", "a zip archive"),
        (b"", "empty"),
        (b"hello", "not a PNG, JPEG, GIF or WebP image"),
    ],
)
def test_anything_but_an_image_is_refused_with_a_reason(data: bytes, said: str) -> None:
    with pytest.raises(MediaError, match=said):
        MediaFile.from_bytes("logo.png", data)


def test_limits_per_file_and_per_set() -> None:
    big = png() + b"\x00" * MAX_FILE_BYTES
    with pytest.raises(MediaError, match=r'"big.png" is 2.0 MiB; one image may be 2.0 MiB'):
        MediaFile.from_bytes("big.png", big)
    assert media.file_problems([MediaFile("big.png", "image/png", big)]) == [
        'the image "big.png" is 2.0 MiB; one image may be 2.0 MiB at most'
    ]
    # The set-wide limit counts each distinct file once.
    chunk = MAX_FILE_BYTES - 100
    files = [MediaFile(f"{n}.png", "image/png", png(n + 1) + b"\x00" * chunk) for n in range(17)]
    assert sum(f.size for f in files) > MAX_SET_BYTES
    assert media.set_problems(files) and "add up to" in media.set_problems(files)[0]
    assert media.set_problems(files[:2] * 20) == []


@pytest.mark.parametrize(
    ("name", "problem"),
    [("", "no name"), ("a/b.png", "slash"), ("a\nb.png", "control"), ("x" * 256, "longer")],
)
def test_names_that_cannot_be_kept(name: str, problem: str) -> None:
    assert problem in media.name_problem(name)


def test_a_file_whose_bytes_contradict_its_type_or_twice_the_same_name() -> None:
    files = [MediaFile("a.png", "image/jpeg", png()), MediaFile("a.png", "image/png", png())]
    assert media.file_problems(files) == [
        'the file "a.png" says it is image/jpeg but is image/png',
        'two files are named "a.png"',
    ]


def test_references_as_moodle_writes_them() -> None:
    assert media.plugin_url("my photo é.png") == "@@PLUGINFILE@@/my%20photo%20%C3%A9.png"
    text = (
        '<p><img src="@@PLUGINFILE@@/my%20photo.png" alt="A photo"> and '
        "<img src='@@PLUGINFILE@@/b.gif'> <img src=\"@@PLUGINFILE@@/my%20photo.png\"></p>"
    )
    assert media.referenced_names(text) == ["my photo.png", "b.gif"]
    rewritten = media.rewrite_references(text, lambda n: f"/media/{n}" if n == "b.gif" else None)
    assert "<img src='/media/b.gif'>" in rewritten and "@@PLUGINFILE@@/my%20photo.png" in rewritten


def test_a_round_trip_through_a_dict_and_bad_base64() -> None:
    made = MediaFile.from_bytes("a.gif", GIF)
    assert MediaFile.from_dict(made.to_dict()) == made
    assert made.to_dict()["data"] == "R0lGODlhAQABAAAAADs="
    with pytest.raises(ValueError, match="not base64"):
        MediaFile.from_dict({"name": "a.gif", "mime": "image/gif", "data": "%%%"})


def test_questions_and_cards_check_their_files_and_sets_their_total() -> None:
    bad = Essay(id="q", prompt="x", files=(MediaFile("a.svg", "image/svg+xml", SVG),))
    assert any("only images are" in p for p in bad.problems())
    card = Card(id="c", front="f", back="b", files=(MediaFile("a.png", "image/png", b"x"),))
    assert card.problems() == [
        'the file "a.png" is not a PNG, JPEG, GIF or WebP image; only images are'
    ]
    assert QuestionSet(name="S", questions=(bad,), cards=(card,)).all_files() == [
        *bad.files,
        *card.files,
    ]


def test_a_questions_card_takes_the_files_its_texts_use() -> None:
    from question_bank.types import ShortAnswer
    from question_bank.types.values import Accepted

    logo, other = MediaFile.from_bytes("logo.png", png()), MediaFile.from_bytes("x.gif", GIF)
    question = ShortAnswer(
        id="q",
        prompt='Whose logo? <img src="@@PLUGINFILE@@/logo.png" alt="a red square">',
        text_format="html",
        accepted=(Accepted("Ours"),),
        answer_display="Ours",
        files=(logo, other),
    )
    assert question.card().files == (logo,)
