from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank.formats import parse_upload, tabular
from question_bank.formats.base import ParseResult
from question_bank.sets import QuestionSet
from question_bank.types import ShortAnswer
from tests.question_bank.formats.samples import all_questions, sample_cards, sample_set

DATA = Path(__file__).parents[2] / "data"


def read(path: str) -> str:
    return (DATA / path).read_text(encoding="utf-8")


def test_quizlet_export():
    result = tabular.parse_tsv(read("tsv/quizlet_export.tsv"), set_name="Cities")
    assert result.ok, result.errors
    assert [(c.front, c.back) for c in result.cards] == [
        ("Ankara", "Capital of Türkiye"),
        ("Istanbul", "Largest city, on two continents"),
        ("Izmir", "Third largest city; on the Aegean"),
        ("Bursa", 'First Ottoman capital ("Green Bursa")'),
        ('"Konya"', "Home of Rumi"),  # TSV has no quoting: quotes are text
    ]
    for question, card in zip(result.questions, result.cards, strict=True):
        assert isinstance(question, ShortAnswer)
        assert question.card_id == card.id == question.id
        assert question.prompt == card.front
        assert question.correct_response() == card.back
        assert question.answer_display == card.back
    assert result.sets[0].cards == tuple(result.cards)


def test_quizlet_export_through_upload_detection():
    result = parse_upload((DATA / "tsv/quizlet_export.tsv").read_bytes(), "quizlet_export.tsv")
    assert result.ok and len(result.cards) == 5
    assert result.sets[0].name == "quizlet_export"


def test_utf16_quizlet_export_as_txt():
    result = parse_upload((DATA / "tsv/quizlet_utf16.txt").read_bytes(), "quizlet_utf16.txt")
    assert result.ok, result.errors
    assert result.cards[0].back == "Capital of Türkiye"


def test_csv_with_header():
    result = tabular.parse_csv(read("csv/with_header.csv"))
    assert result.ok, result.errors
    capital, founded, founder, quote = result.questions
    assert (capital.category, capital.tags) == ("place", ("geography", "europe"))
    assert capital.source.quote == "Ankara is the capital of Türkiye."
    assert (capital.source.start, capital.source.end) == (0, 33)
    assert founded.source is None and founded.tags == ("history",)
    assert founder.prompt == "Founder of the republic, first president"
    assert founder.tags == ("history", "politics")
    assert quote.prompt == 'Quote: "Peace at home"' and quote.category is None
    assert result.cards[0].source == capital.source


def test_bom_and_synonym_headers():
    result = parse_upload((DATA / "csv/bom_utf8.csv").read_bytes(), "bom_utf8.csv")
    assert result.ok, result.errors
    assert [(c.front, c.back) for c in result.cards] == [
        ("Ankara", "Capital of Türkiye"),
        ("Izmir", "Third largest city"),
    ]


def test_semicolon_csv_is_sniffed():
    result = tabular.parse_csv(read("csv/semicolon.csv"))
    assert result.ok
    assert [(q.prompt, q.category) for q in result.questions] == [
        ("Capital of Türkiye", "place"),
        ("Largest city", "place"),
    ]


def test_header_columns_in_any_order_and_an_id_column():
    result = tabular.parse_csv("Back,ID,Front\nAnkara,cap,Capital\n")
    assert result.ok
    assert (result.questions[0].id, result.cards[0].front) == ("cap", "Capital")


def test_broken_csv_reports_every_row():
    result = tabular.parse_csv(read("csv/broken.csv"))
    assert [(e.line, e.column) for e in result.errors] == [(3, None), (4, None), (7, None)]
    messages = [e.message for e in result.errors]
    assert messages[0] == "this row has no answer"
    assert "is not valid CSV" in messages[1] and "double the quotes" in messages[1]
    assert "never closed" in messages[2]
    # An unknown column is not read, and a warning says so (the instructor may map it).
    [warning] = result.warnings
    assert (warning.line, warning.column) == (1, 4)
    assert warning.message.startswith('the column "notes" is not read')
    assert result.columns.roles == ("question", "answer", "category", "ignore")
    # Rows after a broken one are still read; any category is the set's own.
    assert [(q.prompt, q.category) for q in result.questions] == [
        ("Capital of Türkiye", "place"),
        ("Mountain", "mountain"),
        ("Third city", "place"),
    ]


def test_broken_tsv():
    result = tabular.parse_tsv(read("tsv/broken.tsv"))
    assert [(e.line, e.message) for e in result.errors] == [
        (2, "this row has no answer (is the separator between term and definition a tab or a "
            "comma?)"),
        (3, "this row has no question"),
    ]  # fmt: skip


def test_too_many_columns_without_header_and_duplicate_ids():
    result = tabular.parse_csv("a,b,place,t,s,extra\n")
    assert "this row has 6 cells" in result.errors[0].message
    result = tabular.parse_csv("id,question,answer\nx,q1,a1\nx,q2,a2\n")
    assert 'the id "x" is used twice' in result.errors[0].message


def test_only_real_line_breaks_end_rows():
    result = tabular.parse_tsv("a\u2028b\tc\x1cd\rq2\ta2\r\nq3\t\n")
    assert [(c.front, c.back) for c in result.cards] == [("a\u2028b", "c\x1cd"), ("q2", "a2")]
    assert result.errors[0].line == 3


def test_duplicate_questions_get_distinct_ids():
    result = tabular.parse_tsv("Ankara\tcapital\nAnkara\tcity\n")
    assert len({q.id for q in result.questions}) == 2


def test_windows1252_is_refused_with_advice():
    result = parse_upload((DATA / "csv/windows1252.csv").read_bytes(), "windows1252.csv")
    assert not result.ok
    assert "not UTF-8" in result.errors[0].message and "CSV UTF-8" in result.errors[0].message


@pytest.mark.parametrize("text", ["", "\n\n", "question,answer\n"])
def test_no_rows(text):
    result = tabular.parse_csv(text)
    assert not result.ok and "no rows" in result.errors[0].message


# ------------------------------------------------------------------------------- dump


def test_round_trip_of_cards():
    original = sample_set()
    text = tabular.dump(original)
    assert text.splitlines()[0] == "question,answer,category,tags,source"
    result = tabular.parse_csv(text)
    assert result.ok, result.errors
    assert [(c.front, c.back, c.category, c.tags) for c in result.cards] == [
        (c.front, c.back, c.category, c.tags) for c in sample_cards()
    ]
    assert [c.source.quote if c.source else None for c in result.cards] == [
        c.source.quote if c.source else None for c in sample_cards()
    ]
    # Dumping what was read gives the same file.
    assert tabular.dump(result.sets[0]) == text


def test_round_trip_of_short_answers_is_exact():
    result = tabular.parse_csv(read("csv/with_header.csv"))
    again = tabular.parse_csv(tabular.dump(result.sets[0]))
    assert again.sets == result.sets


def test_dump_of_a_set_without_cards_uses_its_questions_as_plain_text():
    text = tabular.dump(QuestionSet(name="S", questions=tuple(all_questions())))
    lines = text.splitlines()
    assert lines[0] == "question,answer,category,tags,source"
    # No card from a multiple-response question; a card per matching pair; a cloze card's
    # front shows its gaps, its back the answers.
    assert not any(line.startswith("Which of these people led Türkiye?") for line in lines)
    assert not any(line.startswith("Match each city") for line in lines)
    assert "Ankara: its region,Central Anatolia,place,," in lines
    cloze = "The Treaty of […] was signed in […].,Lausanne; 1923"
    assert any(line.startswith(cloze) for line in lines)
    assert not any("essay" in line or "early republic." in line for line in lines)


def test_dump_without_sources_has_four_columns():
    bare = QuestionSet(name="S", cards=(sample_cards()[1],))
    assert tabular.dump(bare) == "question,answer,category,tags\nRepublic founded,1923,date,\n"


# ------------------------------------------------------------------------- properties

cells = st.sampled_from(["question", "answer", "Ankara", '"q"', '"', "place", "x;y", ""]) | st.text(
    max_size=6
)
table_like = st.tuples(
    st.sampled_from([",", "\t", ";"]),
    st.lists(st.lists(cells, max_size=6), max_size=8),
).map(lambda pair: "\n".join(pair[0].join(row) for row in pair[1]))


@settings(max_examples=200, deadline=None)
@given(st.text() | table_like, st.sampled_from([None, ",", "\t", ";"]))
def test_random_text_never_raises(text, delimiter):
    result = tabular.parse(text, delimiter=delimiter)
    assert isinstance(result, ParseResult)
    assert result.ok or result.errors
    assert all(e.line is not None for e in result.errors)


# ---------------------------------------------------- columns as people really have them


def test_columns_say_how_the_file_was_read_and_may_be_chosen():
    text = "Term,Definition,Deck,Notes\nAnkara,Capital,Cities,old\n"
    result = tabular.parse_csv(text)
    assert result.ok, result.errors
    assert result.columns.to_dict() == {
        "header": True,
        "names": ["Term", "Definition", "Deck", "Notes"],
        "roles": ["question", "answer", "category", "ignore"],
    }
    assert [w.message[:30] for w in result.warnings] == ['the column "Notes" is not read']
    chosen = tabular.parse_csv(text, columns=["answer", "question", "ignore", "feedback"])
    assert chosen.ok, chosen.errors
    [question] = chosen.questions
    assert (question.prompt, question.correct_response(), question.category) == (
        "Capital",
        "Ankara",
        None,
    )
    assert question.general_feedback == "old"
    assert chosen.columns.roles == ("answer", "question", "ignore", "feedback")


def test_chosen_columns_that_cannot_work_are_errors():
    result = tabular.parse_csv("a,b\n", columns=["question", "question"])
    assert [e.message for e in result.errors] == [
        "two columns are read as the question",
        "no column is read as the answer",
    ]
    assert "not a role" in tabular.parse_csv("a,b\n", columns=["question", "x"]).errors[0].message


def test_a_row_longer_than_the_header_is_an_error_never_cut():
    result = tabular.parse_csv('question,answer\nCapital,"Ankara",extra\nCity,Izmir,\n')
    assert [(e.line, e.message[:32]) for e in result.errors] == [
        (2, "this row has 3 cells but the hea")
    ]
    assert [q.prompt for q in result.questions] == ["City"]  # an empty last cell is fine
