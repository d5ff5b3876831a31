from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank.formats import aiken
from question_bank.formats.base import ParseResult
from question_bank.sets import QuestionSet
from question_bank.types import Choice, MultipleChoice
from tests.question_bank.formats.samples import all_questions, question, sample_set

DATA = Path(__file__).parents[2] / "data" / "aiken"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_valid_file():
    result = aiken.parse(read("valid.txt"), set_name="Türkiye")
    assert result.ok, result.errors
    assert result.sets[0].name == "Türkiye"
    first, second, third = result.questions
    assert first.prompt == "What is the capital of Türkiye?"
    assert [(c.id, c.text, c.weight) for c in first.choices] == [
        ("A", "Ankara", 1.0),
        ("B", "Istanbul", 0.0),
        ("C", "Izmir", 0.0),
        ("D", "Bursa", 0.0),
    ]
    assert first.answer_display == "Ankara"
    # "B)" options work as "B." do, and a blank line between questions is optional.
    assert second.correct_response() == "B" and second.choice("B").text == "1923"
    assert third.prompt.startswith("Which treaty") and third.correct_response() == "B"
    assert all(isinstance(q, MultipleChoice) for q in result.questions)
    assert len({q.id for q in result.questions}) == 3
    assert all(q.id.startswith("aiken-") for q in result.questions)


def test_ids_are_stable_across_imports():
    assert [q.id for q in aiken.parse(read("valid.txt")).questions] == [
        q.id for q in aiken.parse(read("valid.txt")).questions
    ]


def test_windows_line_endings():
    result = aiken.parse(read("crlf.txt"))
    assert result.ok
    assert result.questions[0].choice("B").text == "Istanbul"


def test_broken_file_reports_every_problem_with_its_line():
    result = aiken.parse(read("broken.txt"))
    assert [(e.line, e.column) for e in result.errors] == [
        (4, 9),
        (6, None),
        (11, 1),
        (16, None),
    ]
    messages = [e.message for e in result.errors]
    assert "the answer is E but the options are A, B" in messages[0]
    assert "no question text before it" in messages[1]
    assert "option A appears twice" in messages[2]
    assert "the question starting on line 13 has no ANSWER: line" in messages[3]
    # The last question is fine and still read; the whole file is not ok.
    assert [q.prompt for q in result.questions] == ["Which river runs through Baghdad?"]
    assert not result.ok


def test_question_without_options_or_answer_at_end_of_file():
    result = aiken.parse("Question one\nA. a\nB. b\nANSWER: A\n\nDangling question\n")
    assert len(result.questions) == 1
    assert "has no options" in result.errors[0].message
    result = aiken.parse("Question\nA. a\nB. b\n")
    assert "has no ANSWER: line" in result.errors[0].message


def test_lower_case_answer_letter_and_text_that_starts_with_answer():
    result = aiken.parse("Answer: the next question\nA. yes\nB. no\nanswer: b\n")
    assert result.ok, result.errors
    assert result.questions[0].prompt == "Answer: the next question"
    assert result.questions[0].correct_response() == "B"


def test_answer_must_be_a_letter():
    result = aiken.parse("Q?\nA. a\nB. b\nANSWER: A and B\n")
    assert "single capital letter" in result.errors[0].message
    assert result.errors[0].column == 9


def test_only_real_line_breaks_count():
    result = aiken.parse("Q\u2028still the question?\rA. a\r\nB. b\nANSWER: A\n\nbad\n")
    assert result.questions[0].prompt == "Q\u2028still the question?"
    assert result.errors[0].line == 7


def test_empty_text():
    result = aiken.parse("\n\n")
    assert not result.ok and "no questions" in result.errors[0].message


def test_one_option_is_refused_by_the_question_checks():
    result = aiken.parse("Q?\nA. only\nANSWER: A\n")
    assert not result.questions
    assert "at least two choices" in result.errors[0].message


# ------------------------------------------------------------------------------- dump


def test_round_trip_of_multiple_choice():
    original = question("multiple_choice")
    text, skipped = aiken.dump_with_skipped(QuestionSet(name="S", questions=(original,)))
    assert not skipped
    [read_back] = aiken.parse(text).questions
    assert read_back.prompt == original.prompt
    assert [(c.text, c.weight) for c in read_back.choices] == [
        (c.text, c.weight) for c in original.choices
    ]
    assert aiken.dump(QuestionSet(name="S", questions=(read_back,))) == text


def test_multi_line_prompt_round_trip():
    original = MultipleChoice(
        id="m",
        prompt="First line\nsecond line",
        choices=(Choice("a", "x", 1.0), Choice("b", "y")),
    )
    [read_back] = aiken.parse(aiken.dump(QuestionSet(name="S", questions=(original,)))).questions
    assert read_back.prompt == "First line\nsecond line"


def test_prompt_lines_that_look_like_options_are_joined():
    original = MultipleChoice(
        id="m",
        prompt="Which is true?\nA. Lincoln was tall",
        choices=(Choice("a", "yes", 1.0), Choice("b", "no")),
    )
    text = aiken.dump(QuestionSet(name="S", questions=(original,)))
    assert text.startswith("Which is true? A. Lincoln was tall\nA. yes\n")
    assert aiken.parse(text).ok


def test_dump_skips_what_aiken_cannot_hold():
    partial = MultipleChoice(
        id="p", prompt="Q", choices=(Choice("a", "x", 1.0), Choice("b", "y", 0.5))
    )
    questions = (*all_questions(), partial)
    text, skipped = aiken.dump_with_skipped(QuestionSet(name="S", questions=questions))
    assert [q.id for q in skipped] == [q.id for q in questions if q.id != "q-capital"]
    assert text.count("ANSWER:") == 1
    assert aiken.dump(sample_set()) == aiken.dump(
        QuestionSet(name="S", questions=(question("multiple_choice"),))
    )
    assert aiken.dump(QuestionSet(name="Empty")) == ""


def test_dump_writes_markdown_and_html_prompts_as_plain_text():
    original = MultipleChoice(
        id="h",
        prompt="<p>Which <b>city</b>?</p>",
        text_format="html",
        choices=(Choice("a", "Ankara", 1.0), Choice("b", "Bursa")),
    )
    text = aiken.dump(QuestionSet(name="S", questions=(original,)))
    assert text.splitlines()[0] == "Which city?"


# ------------------------------------------------------------------------- properties

aiken_like = st.lists(
    st.sampled_from(
        ["Question?", "A. one", "B) two", "C. three", "ANSWER: A", "ANSWER: Z", "answer: b", ""]
    )
    | st.text(max_size=20),
    max_size=15,
).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(st.text() | aiken_like)
def test_random_text_never_raises(text):
    result = aiken.parse(text)
    assert isinstance(result, ParseResult)
    assert result.ok or result.errors
    assert all(e.line is not None and e.line >= 1 for e in result.errors)


def test_options_without_a_space_after_the_letter():
    result = aiken.parse("Capital of Türkiye?\nA)Ankara\nB)Istanbul\nANSWER: A\n")
    assert result.ok, result.errors
    assert [c.text for c in result.questions[0].choices] == ["Ankara", "Istanbul"]
    # A prompt line that happens to start like one stays text: its letter is not the next.
    prompt = aiken.parse("Who?\nU.S. troops left.\nA. Bali\nB. Assad\nANSWER: A\n")
    assert prompt.questions[0].prompt == "Who?\nU.S. troops left."
