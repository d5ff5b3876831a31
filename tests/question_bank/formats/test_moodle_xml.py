import base64
import time
from pathlib import Path

import defusedxml.ElementTree
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank.formats import moodle_xml, parse_upload
from question_bank.formats.base import ParseResult
from question_bank.sets import QuestionSet
from question_bank.types import Accepted, Choice, Cloze, MultipleChoice, Source
from tests.question_bank.formats.samples import all_questions, question, sample_set

DATA = Path(__file__).parents[2] / "data" / "moodlexml"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def by_id(result: ParseResult) -> dict:
    return {q.id: q for q in result.questions}


# ---------------------------------------------------------------- a real Moodle export


@pytest.fixture(scope="module")
def export() -> ParseResult:
    return moodle_xml.parse(read("moodle_export.xml"), set_name="Early republic")


def test_export_reads_every_type(export):
    assert export.ok, export.errors
    assert [q.type_name for q in export.questions] == [
        "multiple_choice",
        "multiple_response",
        "true_false",
        "short_answer",
        "numerical",
        "matching",
        "cloze",
        "essay",
        "description",
    ]
    assert export.sets[0].name == "Early republic"
    # The first category's <info> (HTML) is the set description, as plain text.
    assert export.sets[0].description == "Questions on the founding of the republic."


def test_multichoice_fractions_feedback_formats_and_tags(export):
    capital = by_id(export)["q-capital"]
    assert capital.title == "Capital"
    assert capital.prompt == "<p>What is the capital of <strong>Türkiye</strong>?</p>"
    assert capital.text_format == "html"
    assert capital.general_feedback == "Ankara has been the capital since 1923."
    assert [(c.id, c.text, c.weight, c.feedback) for c in capital.choices] == [
        ("a", "Ankara", 1.0, "Right."),
        ("b", "Istanbul", 0.0, "The largest city."),
        ("c", "Izmir", 0.0, ""),
    ]
    assert capital.tags == ("geography", "europe")
    assert capital.category == "Early republic/place"


def test_multiple_answers_and_missing_idnumber(export):
    leaders = next(q for q in export.questions if q.title == "Leaders")
    assert leaders.type_name == "multiple_response"
    assert leaders.id.startswith("moodle-")
    assert leaders.text_format == "markdown"
    assert [c.weight for c in leaders.choices] == [0.5, 0.5, -0.5]
    assert leaders.category == "Early republic/place"  # the category in force


def test_truefalse_in_any_order(export):
    republic = by_id(export)["q-republic"]
    assert republic.answer is True
    assert republic.choice("true").feedback == "Yes."
    assert republic.choice("false").feedback == "It was."
    assert republic.text_format == "moodle"
    assert republic.category == "Early republic/date"


def test_shortanswer_keeps_the_catch_all_for_its_feedback(export):
    president = by_id(export)["q-president"]
    assert [(a.text, a.weight) for a in president.accepted] == [
        ("Erdoğan", 1.0),
        ("Gül", 0.25),
        ("*", 0.0),
    ]
    assert president.accepted[1].feedback == "He was president before."
    # A student whose answer matches nothing gets the catch-all's feedback, and no mark.
    grade = president.grade("Atatürk")
    assert (grade.score, grade.feedback) == (0.0, ("Think of the current president.",))
    assert president.grade("Erdogan").correct
    assert president.category == "Early republic/actor"


def test_numerical_tolerance(export):
    population = by_id(export)["q-population"]
    assert [(n.value, n.tolerance, n.weight) for n in population.numeric] == [
        (85.0, 2.0, 1.0),
        (85.0, 10.0, 0.5),
    ]
    assert population.category == "Early republic"  # the path below Moodle's top
    assert population.grade(86.5).correct


def test_matching_with_an_extra_option(export):
    match = by_id(export)["q-match"]
    assert [(p.item_id, p.item, p.option_id, p.option) for p in match.pairs] == [
        ("1", "Ankara", "a", "Central Anatolia"),
        ("2", "Izmir", "b", "Aegean"),
        ("3", "Konya", "a", "Central Anatolia"),
        ("4", "", "c", "Black Sea"),
    ]
    assert len(match.items) == 3 and len(match.options) == 3


def test_cloze_blanks(export):
    cloze = by_id(export)["q-cloze"]
    assert cloze.prompt == "<p>The Treaty of {{1}} was signed in {{2}}.</p>"
    assert [[(a.text, a.weight) for a in blank] for blank in cloze.blanks] == [
        [("Lausanne", 1.0), ("Lozan", 1.0)],
        [("1923", 1.0), ("1922", 0.5)],
    ]
    assert cloze.blanks[0][0].feedback == "Yes, in Switzerland."


def test_essay_and_description(export):
    essay, intro = by_id(export)["q-essay"], by_id(export)["q-intro"]
    assert essay.prompt == "Why did the capital move to Ankara?\nGive two reasons."
    assert essay.text_format == "plain"
    assert intro.type_name == "description" and intro.text_format == "moodle"


def test_utf16_file_with_bom_through_the_upload_path():
    result = parse_upload((DATA / "utf16_bom.xml").read_bytes(), "utf16_bom.xml")
    assert result.ok, result.errors
    assert result.sets[0].name == "utf16_bom"
    assert by_id(result)["q-capital"].prompt.endswith("<strong>Türkiye</strong>?</p>")


# ------------------------------------------------------------------------- hostile XML


@pytest.mark.parametrize("name", ["xml_bomb.xml", "external_entity.xml", "external_dtd.xml"])
def test_entities_and_dtds_are_refused_cleanly(name):
    started = time.monotonic()
    result = moodle_xml.parse(read(name))
    assert time.monotonic() - started < 2
    assert not result.ok and not result.questions
    [error] = result.errors
    assert error.line == 2
    assert "<!DOCTYPE>" in error.message
    assert "lol" not in error.message and "root:" not in error.message


def test_the_xml_bomb_really_is_one():
    # Guard against a harmless fixture: the file does declare nested entities.
    text = read("xml_bomb.xml")
    assert text.count("<!ENTITY") == 10
    with pytest.raises(defusedxml.DTDForbidden):
        defusedxml.ElementTree.fromstring(text, forbid_dtd=True)


def test_malformed_xml_has_line_and_column():
    [error] = moodle_xml.parse(read("malformed.xml")).errors
    assert (error.line, error.column) == (6, 5)
    assert "not well formed: mismatched tag" in error.message


def test_bad_questions_are_all_reported():
    result = moodle_xml.parse(read("bad_questions.xml"))
    assert [(e.line, e.message) for e in result.skipped] == [
        (
            9,
            'question "Calculated" skipped: its type "calculated" (calculated) is not supported '
            "(supported: multichoice, truefalse, shortanswer, numerical, matching, cloze, "
            "ordering, essay, description, category)",
        )
    ]
    assert [(e.line, e.message) for e in result.errors] == [
        (3, "question 'No right answer': no choice is marked correct (100%)"),
        (16, 'the answer fraction "lots" is not a number (write a percentage such as 100 or 50)'),
        (21, 'the answer "eighty-five" is not a number'),
        (23, 'neither "true" nor "false" has fraction="100", so no answer is right'),
        (
            29,
            "blank 1 is a MULTICHOICE blank; only SHORTANSWER (SA, MW) and NUMERICAL blanks "
            "can be imported",
        ),
    ]
    assert [q.title for q in result.questions] == ["Fine"]
    assert not result.ok


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("<quiz></quiz>", "holds no questions"),
        ("<questions/>", "top element must be <quiz>, not <questions>"),
        ("<quiz>&amp;&nbsp;</quiz>", "undefined entity"),
        ('<quiz><question type="cloze"><questiontext><text>no blanks</text></questiontext>'
         "</question></quiz>", "has no blanks"),
        ('<quiz><question type="cloze"><questiontext><text>{1:SA:=a</text></questiontext>'
         "</question></quiz>", "never closed"),
    ],
)  # fmt: skip
def test_small_broken_files(text, expected):
    result = moodle_xml.parse(text)
    assert not result.ok
    assert any(expected in e.message for e in result.errors), result.errors


def test_default_category_info_is_not_a_description():
    text = (
        '<quiz><question type="category"><category><text>$course$/top/Default for History'
        '</text></category><info format="html"><text>The default category for questions '
        "shared in context 'History'.</text></info></question>"
        '<question type="essay"><name><text>E</text></name><questiontext><text>Q</text>'
        "</questiontext></question></quiz>"
    )
    result = moodle_xml.parse(text)
    assert result.ok and result.sets[0].description == ""


def test_duplicate_idnumbers():
    one = (
        '<question type="essay"><name><text>E</text></name><questiontext><text>Q</text>'
        "</questiontext><idnumber>same</idnumber></question>"
    )
    result = moodle_xml.parse(f"<quiz>{one}{one}</quiz>")
    assert len(result.questions) == 1
    assert 'two questions have the idnumber "same"' in result.errors[0].message


# ------------------------------------------------------------------------- round trips


def test_round_trip_of_every_type_is_exact():
    original = sample_set()
    result = moodle_xml.parse(moodle_xml.dump(original), set_name=original.name)
    assert result.ok, result.errors
    assert list(result.sets[0].questions) == list(original.questions)
    assert result.sets[0].description == original.description


def test_dump_is_stable():
    text = moodle_xml.dump(sample_set())
    assert text == moodle_xml.dump(moodle_xml.parse(text, set_name="Early republic").sets[0])


def test_dump_is_plain_moodle_xml():
    text = moodle_xml.dump(sample_set())
    root = defusedxml.ElementTree.fromstring(text)
    assert root.tag == "quiz"
    types = [q.get("type") for q in root.findall("question")]
    # One category question each time the category changes (8 times in the sample set).
    assert types.count("category") == 8
    assert set(types) - {"category"} == {
        "multichoice", "truefalse", "shortanswer", "numerical", "matching", "cloze",
        "essay", "description",
    }  # fmt: skip
    first = root.find("question[@type='multichoice']")
    assert first.findtext("idnumber") == "q-capital"
    assert first.findtext("name/text") == "Capital"
    assert first.find("questiontext").get("format") == "plain_text"
    assert [a.get("fraction") for a in first.findall("answer")] == ["100", "0", "0"]
    assert root.find("question[@type='category']/category/text").text == ("$course$/top/place")
    cloze = root.find("question[@type='cloze']")
    assert "{1:SHORTANSWER:=Lausanne#Yes, in Switzerland.~=Lozan}" in cloze.findtext(
        "questiontext/text"
    )


def test_fields_moodle_lacks_go_in_the_quizapp_element():
    text = moodle_xml.dump(QuestionSet(name="S", questions=(question("multiple_choice"),)))
    root = defusedxml.ElementTree.fromstring(text)
    extra = root.find("question/quizapp")
    assert extra.findtext("cardid") == "card-capital"
    assert extra.find("source").get("start") == "120"
    assert extra.find("choice") is None  # ids a, b, c are what parse assumes anyway


def test_custom_choice_ids_and_answer_display_survive():
    original = MultipleChoice(
        id="custom",
        prompt="Pick",
        answer_display="the first one",
        choices=(Choice("first", "One", 1.0), Choice("second", "Two")),
        source=Source("quote", 1, 6),
    )
    [read_back] = moodle_xml.parse(
        moodle_xml.dump(QuestionSet(name="S", questions=(original,)))
    ).questions
    assert read_back == original


def test_untitled_question_reads_back_untitled():
    untitled = question("true_false")
    assert untitled.title == ""
    text = moodle_xml.dump(QuestionSet(name="S", questions=(untitled,)))
    assert "<text>q-republic</text>" in text  # Moodle requires a name: the id stands in
    assert moodle_xml.parse(text).questions[0].title == ""


def test_cloze_special_characters_round_trip():
    original = Cloze(
        id="special",
        prompt="Path {{1}} and braces {{2}}",
        blanks=(
            (Accepted('a/b "c" #1 ~x \\y', 1.0, "feedback with } and #"),),
            (Accepted("{x}", 1.0), Accepted("%50%", 0.5)),
        ),
    )
    original = original.replace(answer_display=original.default_answer_display())
    assert not original.problems()
    text = moodle_xml.dump(QuestionSet(name="S", questions=(original,)))
    assert moodle_xml.parse(text).questions == [original]


def test_category_paths_with_slashes_and_markup_in_texts():
    questions = tuple(
        q.replace(prompt=q.prompt + " <&> ]]>", category="A//B/place") for q in all_questions()[:3]
    )
    original = QuestionSet(name="A/B", questions=questions)
    text = moodle_xml.dump(original)
    assert "$course$/top/A//B/place" in text
    assert moodle_xml.parse(text).questions == list(questions)


# ------------------------------------------------------------------------- properties

xml_like = st.lists(
    st.sampled_from(
        [
            "<quiz>",
            "</quiz>",
            '<question type="multichoice">',
            '<question type="cloze">',
            "</question>",
            "<questiontext>",
            "</questiontext>",
            "<text>",
            "</text>",
            '<answer fraction="100">',
            '<answer fraction="x">',
            "</answer>",
            "{1:SA:=a}",
            "<!DOCTYPE x>",
            "&amp;",
            "<![CDATA[",
            "]]>",
            "{1:MC:",
            "<idnumber>",
        ]
    )
    | st.text(max_size=8),
    max_size=25,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.text() | xml_like)
def test_random_text_never_raises(text):
    result = moodle_xml.parse(text)
    assert isinstance(result, ParseResult)
    assert result.ok or result.errors


def test_decimal_weights_read_back_to_the_same_float():
    from question_bank.formats import moodle_xml
    from question_bank.sets import QuestionSet
    from question_bank.types import Choice, MultipleResponse

    for weight in (0.3333333, 1 / 3, 0.1, 0.2):
        question = MultipleResponse(
            id="weights",
            prompt="Pick",
            choices=(
                Choice("a", "A", weight),
                Choice("b", "B", 1 - weight),
                Choice("c", "C", -1.0),
            ),
        )
        parsed = moodle_xml.parse(moodle_xml.dump(QuestionSet("s", questions=(question,))))
        assert [c.weight for c in parsed.questions[0].choices] == [weight, 1 - weight, -1.0]


def test_absurd_fraction_is_an_error_not_infinity():
    from question_bank.formats import moodle_xml

    xml = (
        '<?xml version="1.0"?><quiz><question type="multichoice"><name><text>x</text></name>'
        "<questiontext><text>Pick</text></questiontext><single>true</single>"
        '<answer fraction="1e999999"><text>A</text></answer>'
        '<answer fraction="0"><text>B</text></answer></question></quiz>'
    )
    result = moodle_xml.parse(xml)
    assert not result.ok
    assert any("too large" in str(e) for e in result.errors)


# ------------------------------------------- images, points, categories, partial import


def test_embedded_images_are_read_and_written_back_with_the_same_bytes():
    text = read("images_and_partial.xml")
    result = moodle_xml.parse(text)
    assert result.errors == []
    pick = by_id(result)["cell-pick"]
    assert [(f.name, f.mime) for f in pick.files] == [  # in the order of their names
        ("blue.png", "image/png"),
        ("dot.gif", "image/gif"),
        ("red cell.png", "image/png"),
    ]
    assert '<img src="@@PLUGINFILE@@/red%20cell.png" alt="A red cell' in pick.prompt
    assert pick.points == 2.5 and pick.category == "Biology/Cells"
    # The image-only choice keeps its image (and alt text) as HTML: never blank.
    right = pick.choice("a")
    assert right.text_format == "html" and 'alt="A blue cell with a wall"' in right.text
    assert pick.choice("b").text == "An animal cell" and pick.choice("b").text_format == "plain"
    # Written back: each file in every text that uses it, as base64 of the same bytes.
    written = moodle_xml.dump(QuestionSet(name="S", questions=(pick,)))
    original = defusedxml.ElementTree.fromstring(text)
    again = defusedxml.ElementTree.fromstring(written)

    def files(root, question_id):
        question = next(q for q in root.iter("question") if q.findtext("idnumber") == question_id)
        return sorted({(f.get("name"), f.text) for f in question.iter("file")})

    assert files(again, "cell-pick") == files(original, "cell-pick")
    # ... in the texts that use them: the choice's image with the choice, the tick with the
    # feedback (the general feedback is plain text in quizapp: its image is the prompt's).
    answer = again.find("question[@type='multichoice']/answer")
    assert [f.get("name") for f in answer.findall("file")] == ["blue.png"]
    assert [f.get("name") for f in answer.findall("feedback/file")] == []
    assert again.find("question/defaultgrade") is not None
    assert moodle_xml.parse(written).questions == [pick]


def test_unsupported_questions_are_skipped_with_line_and_reason_and_the_rest_kept():
    result = moodle_xml.parse(read("images_and_partial.xml"))
    assert [(e.line, e.message[:61]) for e in result.skipped] == [
        (69, 'question "Drag the words" skipped: its type "ddwtos" (drag an'),
        (73, 'question "Select the words" skipped: its type "gapselect" (se'),
    ]
    assert [(w.line, w.message) for w in result.warnings] == [
        (43, "<p> inside <quiz> is not a question: it is ignored")
    ]
    assert not result.ok and result.importable
    assert [q.title for q in result.questions] == [
        "Which cell",
        "Organelle",
        "Symbol",
        "Chromosomes",
        "Note",
    ]
    assert result.sets[0].description == "Cells and what they are made of."


def test_wildcards_usecase_catch_alls_and_the_category_tree():
    result = moodle_xml.parse(read("images_and_partial.xml"))
    questions = {q.title: q for q in result.questions}
    organelle = questions["Organelle"]
    assert organelle.grade("The NUCLEUS").score == 1.0
    assert organelle.grade("nucleolus").score == 0.5
    assert organelle.grade("ribosome").feedback == ("Think of the cell's centre.",)
    symbol = questions["Symbol"]
    assert symbol.case_sensitive and symbol.grade("Na").correct and symbol.grade("NA").score == 0
    chromosomes = questions["Chromosomes"]
    assert chromosomes.points == 3.0 and chromosomes.category == "Biology/Salt//pepper"
    assert chromosomes.grade(23).feedback == ("23 pairs.",)
    assert questions["Note"].points == 0.0
    again = moodle_xml.parse(moodle_xml.dump(result.sets[0]))
    assert again.questions == result.questions
    assert "<text>$course$/top/Biology/Salt//pepper</text>" in moodle_xml.dump(result.sets[0])


def test_a_file_that_is_not_an_image_is_an_error_with_its_line():
    text = (
        '<quiz>\n<question type="essay"><questiontext format="html"><text>x</text>\n'
        '<file name="notes.pdf" encoding="base64">JVBERi0xLjc=</file>\n'
        '<file name="x.png" encoding="base64">!!!</file>\n'
        "</questiontext></question></quiz>"
    )
    [error] = moodle_xml.parse(text).errors
    assert (error.line, error.message) == (
        3,
        'the file "notes.pdf" is a PDF document; only images are allowed',
    )


def test_a_name_used_for_two_different_images_is_renamed_in_its_own_text():
    from tests.question_bank.images import png

    def b64(data):
        return base64.b64encode(data).decode()

    text = (
        '<quiz><question type="essay"><questiontext format="html">'
        '<text><![CDATA[<img src="@@PLUGINFILE@@/a.png">]]></text>'
        f'<file name="a.png" encoding="base64">{b64(png())}</file></questiontext>'
        '<generalfeedback format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/a.png">]]></text>'
        f'<file name="a.png" encoding="base64">{b64(png(4, 4))}</file></generalfeedback>'
        "</question></quiz>"
    )
    [question] = moodle_xml.parse(text).questions
    assert [f.name for f in question.files] == ["a-2.png", "a.png"]
    assert question.files[0].data == png(4, 4)
