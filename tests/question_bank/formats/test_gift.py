"""GIFT: every construct Moodle documents, every error with its line, and the round trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from question_bank.article import CATEGORIES
from question_bank.formats import gift
from question_bank.formats.base import ParseError, ParseResult
from question_bank.sets import QuestionSet
from question_bank.types import (
    QUESTION_TYPES,
    Accepted,
    Choice,
    Cloze,
    Description,
    Essay,
    Matching,
    MultipleChoice,
    MultipleResponse,
    Numerical,
    NumericAnswer,
    Pair,
    Question,
    ShortAnswer,
    TrueFalse,
)
from question_bank.types.values import letters
from tests.question_bank.formats import samples

DATA = Path(__file__).resolve().parents[2] / "data" / "gift"


def read(name: str) -> str:
    # Bytes, decoded as they are: reading in text mode would hide the CRLF line endings.
    return (DATA / name).read_bytes().decode("utf-8")


def parse_ok(text: str) -> list[Question]:
    result = gift.parse(text)
    assert result.errors == []
    return result.questions


def only(text: str) -> Question:
    (question,) = parse_ok(text)
    return question


def errors_of(text: str) -> list[tuple[int | None, int | None, str]]:
    return [(e.line, e.column, e.message) for e in gift.parse(text).errors]


@pytest.fixture(scope="module")
def every() -> dict[str, Question]:
    result = gift.parse(read("every_construct.gift"), set_name="Everything")
    assert result.errors == []
    assert [s.name for s in result.sets] == ["Everything"]
    return {q.id: q for q in result.questions}


# ------------------------------------------------------------------------ the big file


def test_every_construct_file_reads_without_errors(every: dict[str, Question]) -> None:
    types = [q.type_name for q in every.values()]
    assert len(types) == 31
    assert set(types) == {
        "multiple_choice",
        "multiple_response",
        "true_false",
        "short_answer",
        "numerical",
        "matching",
        "cloze",
        "essay",
        "description",
    }
    assert gift.parse(read("every_construct.gift")).ok


def test_multiple_choice(every: dict[str, Question]) -> None:
    question = every["grants-tomb"]
    assert isinstance(question, MultipleChoice)
    assert question.title == "Grant's tomb"
    assert question.prompt == "Who's buried in Grant's tomb?"
    assert question.text_format == "moodle"  # GIFT's default
    assert question.category is None and question.tags == ()
    assert question.choices == (
        Choice("a", "Grant", 0.0),
        Choice("b", "Jefferson", 0.0),
        Choice("c", "no one", 1.0),
    )
    assert question.answer_display == "no one"
    assert question.grade("c").correct


def test_feedback_and_general_feedback_on_lines_of_their_own(every: dict[str, Question]) -> None:
    question = every["thanksgiving"]
    assert isinstance(question, MultipleChoice)
    # The block inside the sentence is Moodle's "missing word": the prompt shows the gap.
    assert question.prompt == (
        "The American holiday of Thanksgiving is celebrated on the _____ Thursday of November."
    )
    assert [(c.text, c.weight, c.feedback) for c in question.choices] == [
        ("second", 0.0, "Too early."),
        ("third", 0.0, ""),
        ("fourth", 1.0, "Right: the fourth Thursday."),
    ]
    assert question.general_feedback == "It was fixed by Congress in 1941."


def test_multi_line_text_and_comments_inside_answers() -> None:
    question = only(
        "Japanese characters originally\ncame from what country? {\n"
        "    ~India\n    =China\n    // a comment\n    ~Korea\n    ~Egypt}"
    )
    assert question.prompt == "Japanese characters originally\ncame from what country?"
    assert isinstance(question, MultipleChoice)
    assert [c.text for c in question.choices] == ["India", "China", "Korea", "Egypt"]


def test_partial_weights_in_a_single_answer_question(every: dict[str, Question]) -> None:
    question = every["bethlehem"]
    assert isinstance(question, MultipleChoice)
    assert question.prompt == "Jesus Christ was from _____."
    assert [(c.text, c.weight) for c in question.choices] == [
        ("Jerusalem", 0.0),
        ("Bethlehem", 0.25),
        ("Galilee", 0.5),
        ("Nazareth", 1.0),
    ]
    assert question.choices[3].feedback == "Yes! That's right!"
    assert question.grade("c").score == 0.5


def test_equals_with_a_weight_in_a_single_answer_question() -> None:
    question = only("Pick.{=%50%half =full ~none}")
    assert isinstance(question, MultipleChoice)
    assert [c.weight for c in question.choices] == [0.5, 1.0, 0.0]


def test_multiple_response_with_negative_and_decimal_weights(every: dict[str, Question]) -> None:
    question = next(q for q in every.values() if q.prompt.startswith("What two people"))
    assert isinstance(question, MultipleResponse)
    assert [c.weight for c in question.choices] == [-1.0, 0.5, 0.5, -1.0]
    assert question.grade(["b", "c"]).correct
    thirds = every["thirds"]
    assert isinstance(thirds, MultipleResponse)
    assert [c.weight for c in thirds.choices] == pytest.approx(
        [0.3333333, 0.3333333, 0.3333334, -1.0]
    )
    assert thirds.grade(["a", "b", "c"]).correct


@pytest.mark.parametrize(
    ("block", "answer"), [("{T}", True), ("{TRUE}", True), ("{F}", False), ("{FALSE}", False)]
)
def test_true_false_spellings(block: str, answer: bool) -> None:
    question = only("Grant is buried in Grant's tomb." + block)
    assert isinstance(question, TrueFalse)
    assert question.answer is answer
    assert question.prompt == "Grant is buried in Grant's tomb."
    assert question.answer_display == ("True" if answer else "False")


def test_true_false_feedback_goes_to_the_choice_that_shows_it() -> None:
    # Moodle: {TRUE#A#B}: A is shown to a student who answers wrong (who picks "false"),
    # B to one who answers right (who picks "true").
    statement = only("The moon is rock.{TRUE#Look again.#Right.}")
    assert isinstance(statement, TrueFalse)
    assert statement.choice("true") == Choice("true", "True", 1.0, "Right.")
    assert statement.choice("false") == Choice("false", "False", 0.0, "Look again.")
    assert statement.grade("false").feedback == ("Look again.",)
    # And the other way round when the statement is false.
    denial = only("The moon is cheese.{FALSE#Look again.#Right.####Rock.}")
    assert isinstance(denial, TrueFalse)
    assert denial.choice("true") == Choice("true", "True", 0.0, "Look again.")
    assert denial.choice("false") == Choice("false", "False", 1.0, "Right.")
    assert denial.general_feedback == "Rock."
    only_right = only("Water is wet.{T##Yes.}")
    assert isinstance(only_right, TrueFalse)
    assert only_right.choice("true").feedback == "Yes."  # type: ignore[union-attr]
    assert only_right.choice("false").feedback == ""  # type: ignore[union-attr]


def test_short_answer(every: dict[str, Question]) -> None:
    question = next(q for q in every.values() if q.prompt == "What is two plus two?")
    assert isinstance(question, ShortAnswer)
    assert question.accepted == (
        Accepted("four", 1.0),
        Accepted("4", 1.0),
        Accepted("for", 0.5, "Spelling!"),
    )
    assert question.answer_display == "four"


def test_a_block_with_no_mark_is_moodles_one_answer_short_answer() -> None:
    question = only("1 + 2 \\= {3}")
    assert isinstance(question, ShortAnswer)
    assert question.prompt == "1 + 2 ="
    assert question.accepted == (Accepted("3", 1.0),)


def test_missing_word_with_right_answers_only_is_a_cloze(every: dict[str, Question]) -> None:
    question = next(q for q in every.values() if q.prompt.startswith("Two plus"))
    assert isinstance(question, Cloze)
    assert question.prompt == "Two plus {{1}} equals four."
    assert question.blanks == ((Accepted("two"), Accepted("2")),)
    assert question.grade(["2"]).correct


def test_missing_word_with_distractors_shows_a_gap() -> None:
    question = only("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert isinstance(question, MultipleChoice)
    assert question.prompt == "Grant is _____ in Grant's tomb."


def test_several_blanks_make_one_cloze() -> None:
    question = only("The Treaty of {=Lausanne =Lozan} was signed in {=1923 =%50%1922}.")
    assert isinstance(question, Cloze)
    assert question.prompt == "The Treaty of {{1}} was signed in {{2}}."
    assert question.blanks[1] == (Accepted("1923"), Accepted("1922", 0.5))


def test_numerical(every: dict[str, Question]) -> None:
    question = every["grant-born"]
    assert isinstance(question, Numerical)
    assert question.numeric == (NumericAnswer(1822.0, 5.0),)
    assert question.answer_display == "1822 (± 5)"
    pi = next(q for q in every.values() if "pi" in q.prompt)
    assert isinstance(pi, Numerical)
    assert pi.numeric == (NumericAnswer(3.14159, 0.0005),)


def test_numerical_range_is_its_midpoint_plus_or_minus_half(every: dict[str, Question]) -> None:
    question = next(q for q in every.values() if q.prompt.startswith("What is a number"))
    assert isinstance(question, Numerical)
    assert question.numeric == (NumericAnswer(3.0, 2.0),)
    assert question.grade(1).correct and question.grade(5).correct
    assert not question.grade(5.5).correct


def test_numerical_weighted_answers_with_feedback() -> None:
    question = only(
        "When was Grant born? {#\n    =1822:0      #Correct!\n    =%50%1822:2  #Close.\n}"
    )
    assert isinstance(question, Numerical)
    assert question.numeric == (
        NumericAnswer(1822.0, 0.0, 1.0, "Correct!"),
        NumericAnswer(1822.0, 2.0, 0.5, "Close."),
    )
    assert question.grade(1821).score == 0.5
    first_without_equals = only("When? {#1822:0 =%50%1822:2}")
    assert isinstance(first_without_equals, Numerical)
    assert [n.weight for n in first_without_equals.numeric] == [1.0, 0.5]


def test_numerical_feedback_for_other_numbers_is_kept_and_shown() -> None:
    question = only("How many? {#5:1 ~#Anything else is wrong.}")
    assert isinstance(question, Numerical)
    assert question.numeric == (NumericAnswer(5.0, 1.0),)
    assert question.other_feedback == "Anything else is wrong."
    grade = question.grade(9.0)
    assert (grade.score, grade.feedback) == (0.0, ("Anything else is wrong.",))
    assert question.grade(5.5).feedback == ()
    assert round_trip([question]) == [question]
    assert "\t~#Anything else is wrong.\n" in gift.dump(QuestionSet(name="", questions=(question,)))


def test_lower_case_t_and_mixed_case_are_short_answers_as_in_moodle() -> None:
    for block, text in (("{t}", "t"), ("{True}", "True"), ("{f#no}", "f")):
        question = only(f"Is it? {block}")
        assert isinstance(question, ShortAnswer), block
        assert question.accepted[0].text == text


def test_general_feedback_is_cut_at_the_last_four_hashes() -> None:
    question = only("Q? {=a#one ####two ####three}")
    assert question.general_feedback == "three"
    assert question.accepted[0].feedback == "one ####two"
    escaped = only(r"Q? {=a ####x \#### y}")
    assert escaped.general_feedback == "x #### y"


def test_wildcards_and_the_catch_all_in_short_answers_are_graded_as_moodle() -> None:
    question = only("Which cell part? {=*nucleus* =%50%nucl* =%0%*#Look again.}")
    assert [a.text for a in question.accepted] == ["*nucleus*", "nucl*", "*"]
    assert question.grade("the Nucleus, surely").score == 1.0
    assert question.grade("nucleolus").score == 0.5
    grade = question.grade("ribosome")
    assert (grade.score, grade.feedback) == (0.0, ("Look again.",))
    assert only("Anything? {=%100%*}").grade("whatever").correct
    assert round_trip([question]) == [question]


def test_points_travel_in_the_comment_moodle_ignores() -> None:
    [question] = round_trip([only("// [id:q] [points:2.5]\nQ? {=a}")])
    assert question.points == 2.5
    text = gift.dump(QuestionSet(name="", questions=(question,)))
    assert "// [id:q] [points:2.5]\n" in text
    assert only("Q? {=a}").points == 1.0 and only("Just text.").points == 0.0
    [error] = gift.parse("// [points:lots]\nQ? {=a}").errors
    assert error.message == "[points:lots] is not a number of points"


def test_ranges_are_computed_in_decimal_so_no_float_noise_is_written() -> None:
    question = only("Pi? {#3.14..3.15}")
    assert (question.numeric[0].value, question.numeric[0].tolerance) == (3.145, 0.005)
    text = gift.dump(QuestionSet(name="", questions=(question,)))
    assert "=3.145:0.005" in text
    assert "=3.1415:0.1" in gift.dump(QuestionSet(name="", questions=(only("Pi? {#3.1415:0.1}"),)))


def test_a_question_with_images_is_refused_by_name() -> None:
    from question_bank.media import MediaFile
    from question_bank.types import UnsupportedType
    from tests.question_bank.images import png

    question = only("::Logo::Whose? {=ours}").replace(files=(MediaFile.from_bytes("a.png", png()),))
    with pytest.raises(UnsupportedType, match="GIFT cannot carry images: the question 'Logo'"):
        gift.dump(QuestionSet(name="", questions=(question,)))


@pytest.mark.parametrize(
    ("written", "value", "tolerance"),
    [("-5", -5.0, 0.0), ("+2.5:.5", 2.5, 0.5), ("1e3:1E1", 1000.0, 10.0), ("-3..-1", -2.0, 1.0)],
)
def test_numerical_number_forms(written: str, value: float, tolerance: float) -> None:
    question = only(f"How much?{{#{written}}}")
    assert isinstance(question, Numerical)
    assert question.numeric == (NumericAnswer(value, tolerance),)


def test_matching(every: dict[str, Question]) -> None:
    question = next(q for q in every.values() if isinstance(q, Matching))
    assert isinstance(question, Matching)
    assert question.pairs == (
        Pair("1", "Canada", "a", "Ottawa"),
        Pair("2", "Italy", "b", "Rome"),
        Pair("3", "Japan", "c", "Tokyo"),
        Pair("4", "India", "d", "New Delhi"),
        Pair("5", "", "e", "Canberra"),  # an extra option that matches no item
    )
    assert len(question.items) == 4
    assert question.general_feedback == "It's good to know the capitals"
    assert question.grade({"1": "a", "2": "b", "3": "c", "4": "d"}).correct


def test_matching_options_shared_by_two_items_share_an_id() -> None:
    question = only("Which region? {=Ankara -> Centre =Konya -> Centre =Izmir -> Aegean}")
    assert isinstance(question, Matching)
    assert [p.option_id for p in question.pairs] == ["a", "a", "b"]


@pytest.mark.parametrize(
    ("text", "text_format", "prompt"),
    [
        ("[html]Is <b>this</b> bold?{T}", "html", "Is <b>this</b> bold?"),
        ("[markdown]What is **2** + 2?{#4}", "markdown", "What is **2** + 2?"),
        ("[plain]Plain <b> stays.{=ok}", "plain", "Plain <b> stays."),
        ("[moodle]Written out.{=ok}", "moodle", "Written out."),
        ("::Title::[html]After a title.{=ok}", "html", "After a title."),
        ("No marker.{=ok}", "moodle", "No marker."),
        ("[rst]Not a format.{=ok}", "moodle", "[rst]Not a format."),
    ],
)
def test_text_formats(text: str, text_format: str, prompt: str) -> None:
    question = only(text)
    assert (question.text_format, question.prompt) == (text_format, prompt)


def test_format_markers_on_answers_and_feedback_are_dropped() -> None:
    question = only("Pick.{=[html]<b>yes</b>#[html]<i>good</i> ~no####[html]<p>done</p>}")
    assert isinstance(question, MultipleChoice)
    assert question.choices[0] == Choice("a", "<b>yes</b>", 1.0, "<i>good</i>")
    assert question.general_feedback == "<p>done</p>"


def test_essay(every: dict[str, Question]) -> None:
    assert isinstance(every["essay"], Essay)
    assert every["essay"].prompt == "Write a short biography of Grant."
    feeling = next(q for q in every.values() if q.prompt == "How are you?")
    assert isinstance(feeling, Essay)
    assert feeling.general_feedback == "We hope you're feeling well."


def test_description(every: dict[str, Question]) -> None:
    question = every["intro"]
    assert isinstance(question, Description)
    assert question.prompt == "The next questions are about capitals."
    assert question.title == "Intro"


def test_escapes(every: dict[str, Question]) -> None:
    question = every["escapes-all-of-them"]
    assert isinstance(question, MultipleChoice)
    assert question.title == "Escapes: all of them"
    assert question.prompt == "Is 1 = 1, {braces} and ~tilde~ #1 a\\b?\nSecond line."
    assert question.choices[0] == Choice("a", "yes = sure", 1.0, "right : indeed")
    # A backslash before any other character stays, as in Moodle.
    assert only("C:\\dir\\file?{=ok}").prompt == "C:\\dir\\file?"


def test_categories_and_tags(every: dict[str, Question]) -> None:
    led = every["custom-id"]  # the path below Moodle's top is the category
    assert (led.category, led.tags) == ("History/actor", ("presidents", "19th century"))
    tomb = next(q for q in every.values() if q.prompt == "Where is Grant's tomb?")
    assert (tomb.category, tomb.tags) == ("place", ())
    nile = next(q for q in every.values() if "Nile" in q.prompt)
    assert (nile.category, nile.tags) == ("Geography/Rivers", ())
    escapes = every["escapes-all-of-them"]  # after "$CATEGORY: $course$/top": none again
    assert (escapes.category, escapes.tags) == (None, ())


def test_category_names_are_kept_as_written_and_apply_until_the_next() -> None:
    first, second = parse_ok("$CATEGORY: Europe/Turkey/Actor\n\nWho?{=X}\n\nWho else?{=Y}")
    assert first.category == second.category == "Europe/Turkey/Actor"
    assert first.tags == ()


@pytest.mark.parametrize(
    ("path", "category"),
    [
        ("$course$/top/Biology/Cells", "Biology/Cells"),
        ("$course$/top", None),
        ("$system$/top/Shared", "Shared"),
        ("top/Biology", "Biology"),
        ("Biology", "Biology"),
        ("$course$/top/Salt//pepper/Spices", "Salt//pepper/Spices"),  # "//": a slash in a name
        ("$course$/top/ Biology  /  Cells and   tissues ", "Biology/Cells and tissues"),
        ("$course$/Default for Course 101/Week 1", "Default for Course 101/Week 1"),
    ],
)
def test_category_paths_as_moodle_writes_them(path: str, category: str | None) -> None:
    assert only(f"$CATEGORY: {path}\n\nWho?{{=X}}").category == category


def test_a_category_line_may_share_its_paragraph_with_a_question() -> None:
    question = only("$CATEGORY: date\nWhen?{#1923}")
    assert question.category == "date"


# ------------------------------------------------------------------------------ ids


def test_ids_come_from_the_title_else_a_hash_of_type_and_text() -> None:
    titled, untitled = parse_ok("::Çapital City!::Which?{=Ankara}\n\nWhich?{=Ankara}")
    assert titled.id == "capital-city"
    assert untitled.id.startswith("q-") and len(untitled.id) == 12
    # Stable: the same question gets the same id in another file...
    assert only("// another file\nWhich?{=Ankara}").id == untitled.id
    # ...and the type is part of it.
    assert only("Which?{~Ankara =Izmir}").id != untitled.id


def test_ids_are_unique_within_a_file(every: dict[str, Question]) -> None:
    assert every["grants-tomb-2"].prompt == "Who else is in Grant's tomb?"
    twins = parse_ok("Same?{T}\n\nSame?{T}\n\n// [id:x]\nA?{T}\n\n// [id:x]\nB?{T}")
    assert [q.id for q in twins][1] == twins[0].id + "-2"
    assert [q.id for q in twins][2:] == ["x", "x-2"]


def test_an_id_comment_gives_the_id(every: dict[str, Question]) -> None:
    assert every["custom-id"].title == "Who led"
    assert only("// [id:odd \\] id]\n::T::Q?{T}").id == "odd ] id"


# ------------------------------------------------------------------------- building


def test_each_question_is_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """What keeps a big file quick, checked without a clock: no question is made twice (once
    more for its answer display, say), and the display is still the type's default one."""
    built: list[str] = []
    for cls in QUESTION_TYPES.values():

        def counting(self: Question, *args: Any, _init: Any = cls.__init__, **kw: Any) -> None:
            built.append(self.type_name)
            _init(self, *args, **kw)

        monkeypatch.setattr(cls, "__init__", counting)
    questions = parse_ok(read("every_construct.gift"))
    assert sorted(built) == sorted(q.type_name for q in questions)
    for question in questions:
        assert question.answer_display == question.default_answer_display()


# --------------------------------------------------------------------- line endings


def test_windows_line_endings_and_byte_order_mark() -> None:
    text = read("windows_line_endings.gift")
    assert "\r\n" in text and text.startswith("\ufeff"), "the fixture lost its CRLF or BOM"
    questions = parse_ok(text)
    assert [q.type_name for q in questions] == [
        "multiple_choice",
        "true_false",
        "cloze",
        "numerical",
    ]
    assert questions[0].prompt == "What is the capital\nof France?"
    assert questions[0].id == "capital"
    assert isinstance(questions[0], MultipleChoice)
    assert questions[0].choices[0].feedback == "Yes."
    assert questions[2].prompt == "Paris is on the {{1}} river."


def test_crlf_and_lf_read_the_same() -> None:
    text = read("every_construct.gift")
    crlf = gift.parse(text.replace("\n", "\r\n"))
    old_mac = gift.parse(text.replace("\n", "\r"))
    assert crlf.questions == old_mac.questions == gift.parse(text).questions


# --------------------------------------------------------------------------- errors


def test_errors_in_blocks_and_titles() -> None:
    result = gift.parse(read("errors_blocks.gift"))
    assert [(e.line, e.column, e.message) for e in result.errors] == [
        (3, 10, "the answer block opened here is never closed"),
        (6, 12, "this '}' closes no answer block; write \\} for a literal brace"),
        (
            8,
            12,
            "a '{' inside an answer block: close the block with '}' first, "
            "or write \\{ for a literal brace",
        ),
        (10, 1, "the title opened with '::' is never closed"),
        (
            12,
            22,
            "a question has one answer block, or several blocks of fill-in-the-blank answers "
            "('{=...}'); this block is not one",
        ),
    ]
    assert (
        str(result.errors[0]) == "line 3, column 10: the answer block opened here is never closed"
    )
    # The good question of the file is still read: errors do not stop the others.
    assert [q.prompt for q in result.questions] == ["This one is fine."]
    assert not result.ok


def test_errors_in_answers() -> None:
    result = gift.parse(read("errors_answers.gift"))
    assert [(e.line, e.column, e.message) for e in result.errors] == [
        (
            2,
            23,
            "no answer is marked right: mark the right one with '=', or give the right ones "
            "weights such as ~%50%",
        ),
        (4, 22, "text before the first answer: start each answer with '=' (right) or '~' (wrong)"),
        (6, 21, "this answer is empty"),
        (8, 16, "the weight %abc% is not a percentage (write e.g. %50% or %-33.333%)"),
        (10, 23, "the weight %150% is outside -100%..100%"),
        (12, 25, "the weight opened with '%' is never closed (write e.g. %50%)"),
        (
            14,
            23,
            "in a matching question every answer is a pair '=item -> match'; this one has no '->'",
        ),
        (16, 27, "a matching pair takes no weight"),
        (18, 24, "a matching pair takes no feedback ('#'); write \\# for a literal #"),
        (20, 19, "a true/false answer takes no weight"),
        (22, 19, "this pair has nothing to match after '->'"),
        # The model's own checks (Question.problems), at the question's first line.
        (24, None, "question 'Only partly right.': no accepted answer is worth full marks"),
        (26, None, "question 'One choice only.': a choice question needs at least two choices"),
        (28, None, "question 'One pair only.': a matching question needs at least two pairs"),
    ]
    assert [q.prompt for q in result.questions] == ["This one is fine."]


def test_errors_in_numbers() -> None:
    result = gift.parse(read("errors_numbers.gift"))
    assert [(e.line, e.column, e.message) for e in result.errors] == [
        (2, 16, "the answer must be a number, not 'abc'"),
        (4, 20, "the tolerance after ':' must be a number, not 'x'"),
        (6, 25, "the tolerance after ':' cannot be negative"),
        (8, 20, "the range 5..1 ends below its start"),
        (10, 19, "a numerical question needs a number after '{#'"),
        (14, 17, "the number '1e999' is too large"),
        (18, 6, "the answer must be a number, not 'five'"),  # on the line of the bad answer
    ]
    # As in Moodle, what follows "~" in a numerical block is the feedback for other numbers,
    # after its "#" (here none): not an error.
    assert [q.prompt for q in result.questions] == ["A stray tilde.", "This one is fine."]
    assert result.questions[0].other_feedback == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q?{=a}\n\nNo text:{}", []),
        ("::Only a title::", [(1, None, "question 'Only a title': the question has no text")]),
        ("{=a}", [(1, None, "question 'q-2b4697466f': the question has no text")]),
        ("Range?{#1..x}", [(1, 9, "the end of a range must be a number, not 'x'")]),
        ("Nothing?{#=}", [(1, 11, "this numerical answer has no number")]),
        ("Format only?{=[html] ~b}", [(1, 14, "this answer is empty")]),
        ("A\n  B {=a\n  C", [(2, 5, "the answer block opened here is never closed")]),
    ],
)
def test_more_errors(text: str, expected: list[tuple[int | None, int | None, str]]) -> None:
    assert errors_of(text) == expected


def test_a_blank_line_inside_an_answer_block_ends_the_question() -> None:
    # Moodle cuts questions at blank lines: both halves are reported, with their lines.
    assert errors_of("Pick one {\n=a\n\n~b\n}") == [
        (1, 10, "the answer block opened here is never closed"),
        (5, 1, "this '}' closes no answer block; write \\} for a literal brace"),
    ]


@pytest.mark.parametrize("text", ["", "\n\n  \n", "// only a comment\n// and another"])
def test_a_file_without_questions_says_so(text: str) -> None:
    result = gift.parse(text)
    assert result.sets == []
    assert [str(e) for e in result.errors] == ["the file holds no questions"]


# ----------------------------------------------------------------------- round trip


def canonical(question: Question) -> Question:
    """What GIFT can carry of a question: no source, no card, positional matching ids."""
    question = question.replace(source=None, card_id=None)
    if isinstance(question, Matching):
        option_ids: dict[str, str] = {}
        pairs = []
        for number, pair in enumerate(question.pairs, start=1):
            letter = option_ids.setdefault(
                pair.option, "abcdefghijklmnopqrstuvwxyz"[len(option_ids)]
            )
            pairs.append(Pair(str(number), pair.item, letter, pair.option))
        question = question.replace(pairs=tuple(pairs))
    return question


def round_trip(questions: list[Question] | tuple[Question, ...]) -> list[Question]:
    text = gift.dump(QuestionSet(name="Round trip", questions=tuple(questions)))
    result = gift.parse(text)
    assert result.errors == [], text
    return result.questions


@pytest.mark.parametrize("type_name", [d["type"] for d in samples.QUESTION_DATA])
def test_round_trip_of_each_type(type_name: str) -> None:
    question = samples.question(type_name)
    assert round_trip([question]) == [canonical(question)]


def test_round_trip_of_the_sample_set_keeps_order_ids_categories_and_tags() -> None:
    questions = samples.sample_set().questions
    assert round_trip(questions) == [canonical(q) for q in questions]


@pytest.mark.parametrize(
    "name", ["every_construct.gift", "windows_line_endings.gift", "errors_answers.gift"]
)
def test_round_trip_of_the_files(name: str) -> None:
    questions = gift.parse(read(name)).questions
    assert round_trip(questions) == questions
    text = gift.dump(QuestionSet(name="again", questions=tuple(questions)))
    assert gift.dump(QuestionSet(name="again", questions=tuple(round_trip(questions)))) == text


def test_dump_writes_moodle_gift() -> None:
    text = gift.dump(samples.sample_set())
    assert text.startswith("// Early republic\n\n$CATEGORY: $course$/top/place\n\n// [id:q-")
    assert "// [id:q-capital] [tag:geography] [tag:europe]\n::Capital::[plain]What" in text
    assert "{TRUE#It was.#Yes.####On 29 October.}" in text
    assert "\t~%-50%Tito #Yugoslavia.\n" in text
    assert "{#\n\t=85:2 #Close enough.\n\t=%50%85:10\n\t####About 85 million.\n}" in text
    assert "\t= -> Black Sea\n" in text
    assert "Why did the capital move to Ankara?\\nGive two reasons.{####Security" in text
    assert "$CATEGORY: $course$/top\n" in text  # back to no category
    assert "Card" not in text and "card-capital" not in text  # cards are not GIFT


def test_dump_escapes_special_characters() -> None:
    question = ShortAnswer(
        id="x]y",
        title="a::b",
        prompt="// {1} ~ = # : \\ \nnext",
        accepted=(Accepted("%50% of #1", 1.0, "[html]fb"), Accepted("=", 0.5)),
        tags=("t]ag",),
        text_format="plain",
    )
    question = question.replace(answer_display=question.default_answer_display())
    text = gift.dump(QuestionSet(name="", questions=(question,)))
    # Raw strings: every backslash below is one written to the file.  The text starts with
    # "//" but cannot be taken for a comment: the format marker comes first on the line.
    assert text == (
        r"// [id:x\]y] [tag:t\]ag]" + "\n"
        r"::a\:\:b::[plain]// \{1\} \~ \= \# \: \\ \nnext{" + "\n"
        "\t" + r"=[plain]%50% of \#1 #[plain][html]fb" + "\n"
        "\t" + r"=%50%\=" + "\n"
        "}\n\n"
    )
    assert round_trip([question]) == [question]


def test_a_cloze_ending_with_its_blank_stays_a_cloze() -> None:
    question = only("The capital is {=Ankara}\\n")
    assert isinstance(question, Cloze)
    assert question.prompt == "The capital is {{1}}"
    assert round_trip([question]) == [question]


def test_a_single_answer_question_stays_single_when_its_best_weight_is_nearly_one() -> None:
    question = MultipleChoice(
        id="q",
        prompt="Pick.",
        choices=(Choice("a", "A", 0.9999999999), Choice("b", "B", 0.5), Choice("c", "C")),
        text_format=gift.DEFAULT_TEXT_FORMAT,
    )
    question = question.replace(answer_display=question.default_answer_display())
    assert "\t=%99.99999999%A\n\t~%50%B\n\t~C\n" in gift.dump(QuestionSet("s", "", (question,)))
    assert round_trip([question]) == [question]


def test_a_category_with_no_matching_tag_round_trips() -> None:
    plain = ShortAnswer(id="q", prompt="Who?", category="actor", tags=("politics",))
    plain = plain.replace(
        accepted=(Accepted("X"),), answer_display="X", text_format=gift.DEFAULT_TEXT_FORMAT
    )
    none_after = plain.replace(id="r", category=None, tags=("a/actor",))
    assert round_trip([plain, none_after]) == [plain, none_after]


# ---------------------------------------------------------------------- properties

GIFT_FRAGMENTS = st.sampled_from(
    [
        "{", "}", "~", "=", "#", "####", "::", "\\", "\\n", "%", "%50%", "%-33.3%", "->", "..",
        ":", "\n", "\n\n", "\r\n", "\r", "//", "// [id:a]", "[tag:", "]", "$CATEGORY:",
        "$CATEGORY: a/actor\n", "[html]", "[plain]", "T", "TRUE", "F", "{#", "1", "-2.5", "1e9",
        "abc", " ", "\t", "ğ", "_____", "{{1}}", "\ufeff",
    ]
)  # fmt: skip


def check_clean(result: ParseResult, text: str) -> None:
    assert isinstance(result, ParseResult)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for error in result.errors:
        assert isinstance(error, ParseError)
        assert "could not be read" not in error.message  # the safety net never catches
        assert error.line is None or 1 <= error.line <= lines
        assert error.column is None or error.column >= 1
    ids = [q.id for q in result.questions]
    assert len(set(ids)) == len(ids)
    for question in result.questions:
        assert question.problems() == []


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(GIFT_FRAGMENTS, max_size=60).map("".join)))
def test_parse_never_raises(text: str) -> None:
    check_clean(gift.parse(text), text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(GIFT_FRAGMENTS, st.text(max_size=5)), max_size=40))
def test_parse_never_raises_inside_questions(pieces: list[str]) -> None:
    text = "::T::Q " + "".join(pieces) + "{=a ~b}\n\nNext?{#" + "".join(reversed(pieces)) + "}"
    check_clean(gift.parse(text), text)


# Texts with GIFT's special characters: they must survive dump and parse unchanged.
TEXT = (
    st.lists(
        st.sampled_from([*"aZ0 ~=#{}:\\%[]-/.$_\nğ€", "[html]", "->", "####", "\\n"]),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .map(str.strip)
    .filter(lambda t: t and "->" not in t)
)
MAYBE_TEXT = st.one_of(st.just(""), TEXT)
WEIGHTS = st.sampled_from([0.0, 0.5, 0.25, 1 / 3, 0.3333333, -1.0, -0.5, 0.1, 0.07])
NUMBERS = st.floats(allow_nan=False, allow_infinity=False)
TAGS = st.lists(
    st.text(alphabet="ab/$ ]", min_size=1, max_size=8).map(str.strip).filter(bool),
    max_size=3,
    unique=True,
)


@st.composite
def questions(draw: st.DrawFn, index: int) -> Question:
    kind = draw(
        st.sampled_from(
            [
                MultipleChoice,
                MultipleResponse,
                TrueFalse,
                ShortAnswer,
                Numerical,
                Matching,
                Cloze,
                Essay,
                Description,
            ]
        )
    )
    category = draw(st.sampled_from([None, *CATEGORIES, "Biology/Cells", "Salt//pepper", "Año"]))
    tags = draw(TAGS)
    common = {
        "id": f"{draw(st.sampled_from(['q', 'a]b', 'x y']))}-{index}",
        "title": draw(MAYBE_TEXT),
        "prompt": draw(TEXT),
        "category": category,
        "tags": tuple(tags),
        "general_feedback": "" if kind is Description else draw(MAYBE_TEXT),
        "text_format": draw(st.sampled_from(gift.TEXT_FORMATS)),
    }
    if kind in (MultipleChoice, MultipleResponse):
        texts = draw(st.lists(TEXT, min_size=2, max_size=4))
        weights = [draw(WEIGHTS) for _ in texts]
        weights[0] = 1.0
        if kind is MultipleResponse:
            weights = [w if w <= 0 else 1 / len(texts) for w in weights]
            weights[0] = 1.0 - sum(w for w in weights[1:] if w > 0)
        choices = tuple(
            Choice(letters(i), text, weight, draw(MAYBE_TEXT))
            for i, (text, weight) in enumerate(zip(texts, weights, strict=True))
        )
        question: Question = kind(choices=choices, **common)
    elif kind is TrueFalse:
        question = TrueFalse.make(
            answer=draw(st.booleans()),
            feedback_true=draw(MAYBE_TEXT),
            feedback_false=draw(MAYBE_TEXT),
            **common,
        )
    elif kind is ShortAnswer:
        accepted = [Accepted(draw(TEXT), 1.0, draw(MAYBE_TEXT))]
        accepted += [Accepted(draw(TEXT), draw(WEIGHTS)) for _ in range(draw(st.integers(0, 2)))]
        question = ShortAnswer(accepted=tuple(accepted), **common)
    elif kind is Numerical:
        numeric = [
            NumericAnswer(draw(NUMBERS), abs(draw(NUMBERS)), weight, draw(MAYBE_TEXT))
            for weight in [1.0, *draw(st.lists(WEIGHTS, max_size=2))]
        ]
        question = Numerical(numeric=tuple(numeric), **common)
    elif kind is Matching:
        pairs = [(draw(TEXT), draw(TEXT)) for _ in range(draw(st.integers(2, 4)))]
        if draw(st.booleans()):
            pairs.append(("", draw(TEXT)))
        option_ids: dict[str, str] = {}
        question = Matching(
            pairs=tuple(
                Pair(
                    str(n),
                    item,
                    option_ids.setdefault(option, letters(len(option_ids))),
                    option,
                )
                for n, (item, option) in enumerate(pairs, start=1)
            ),
            **common,
        )
    elif kind is Cloze:
        count = draw(st.integers(1, 3))
        pieces = [
            draw(MAYBE_TEXT.filter(lambda t: "{" not in t and "}" not in t))
            for _ in range(count + 1)
        ]
        prompt = "".join(f"{piece} {{{{{n}}}}} " for n, piece in enumerate(pieces[:-1], start=1))
        common["prompt"] = (prompt + pieces[-1]).strip()
        blanks = tuple(
            (Accepted(draw(TEXT)), *[Accepted(draw(TEXT), draw(WEIGHTS), draw(MAYBE_TEXT))])
            for _ in range(count)
        )
        question = Cloze(blanks=blanks, **common)
    elif kind is Essay:
        question = Essay(**common)
    else:
        question = Description(**common)
    return question.replace(answer_display=question.default_answer_display())


@st.composite
def question_sets(draw: st.DrawFn) -> list[Question]:
    return [draw(questions(index)) for index in range(draw(st.integers(1, 4)))]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question_sets())
def test_round_trip_property(generated: list[Question]) -> None:
    assume(all(not q.problems() for q in generated))
    assert round_trip(generated) == generated
