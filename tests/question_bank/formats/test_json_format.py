import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank.formats import json_format
from question_bank.formats.base import ParseResult
from question_bank.sets import QuestionSet
from tests.question_bank.formats.samples import (
    QUESTION_DATA,
    all_questions,
    card_id_clash,
    sample_set,
)

DATA = Path(__file__).parents[2] / "data" / "json"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def messages(result: ParseResult) -> list[str]:
    return [str(e) for e in result.errors]


def one_set(*questions: dict, cards: list | None = None) -> str:
    data: dict = {"sets": [{"name": "S", "questions": list(questions)}]}
    if cards is not None:
        data["sets"][0]["cards"] = cards
    return json.dumps(data, indent=2)


# ------------------------------------------------------------------------- round trips


def test_round_trip_of_every_question_type_and_cards_is_exact():
    original = sample_set()
    result = json_format.parse(json_format.dump(original))
    assert result.ok, messages(result)
    assert result.sets == [original]
    assert {q.type_name for q in result.questions} == {d["type"] for d in QUESTION_DATA}


def test_round_trip_of_several_sets_and_a_set_without_cards():
    sets = [sample_set(), QuestionSet(name="Bare", questions=tuple(all_questions()[:2]))]
    result = json_format.parse(json_format.dump(sets))
    assert result.sets == sets


def test_dump_is_stable_pretty_and_keeps_non_ascii():
    text = json_format.dump(sample_set())
    assert text == json_format.dump(sample_set())
    assert text == json_format.dump(json_format.parse(text).sets)
    assert "Türkiye" in text and "\\u" not in text
    assert text.startswith('{\n  "sets": [') and text.endswith("}\n")


def test_dump_accepts_one_set_or_a_list():
    assert json_format.dump(sample_set()) == json_format.dump([sample_set()])


def test_real_file_with_two_sets():
    result = json_format.parse(read("two_sets.json"))
    assert result.ok
    assert [s.name for s in result.sets] == ["Early republic", "Geography"]
    assert result.sets[0] == sample_set()
    assert result.sets[1].questions[0].id == "geo-1"
    assert not result.sets[1].cards
    # Cards of a set without explicit cards are derived from its questions.
    assert [c.id for c in result.sets[1].effective_cards()] == ["geo-1"]


# ----------------------------------------------------------------------------- errors


def test_syntax_error_has_line_and_column():
    result = json_format.parse(read("broken_syntax.json"))
    assert not result.ok
    [error] = result.errors
    assert (error.line, error.column) == (7, 7)
    assert "not valid JSON" in error.message


def test_shape_errors_are_all_collected_with_lines():
    result = json_format.parse(read("broken_shape.json"))
    assert messages(result) == [
        'line 7: set 1, question 2 ("q-x"): "choices" must be a list',
        "line 8: set 1, question 3 (\"q-y\"): unknown question type 'riddle' (use one of "
        "cloze, description, essay, matching, multiple_choice, multiple_response, numerical, "
        "ordering, short_answer, true_false)",
        'line 10: set 1, question 4 ("q-z"), accepted 1: "weight" must be a number',
        'line 11: set 1, question 5 ("q-w"): no accepted answer is worth full marks',
        'line 13: set 1, question 6: "id" is missing',
        "line 3: set 1, question 7: must be an object",
        'line 16: set 1, card 1: "back" is missing',
        'line 1: file: set 2 must be an object with "name" and "questions"',
    ]
    # The good question is still read, but the result is not ok.
    assert [q.id for q in result.questions] == ["q-ok"]
    assert not result.ok


def test_question_without_a_correct_answer_is_refused():
    text = one_set(
        {
            "id": "q1",
            "type": "multiple_choice",
            "prompt": "Pick",
            "choices": [{"id": "a", "text": "A", "weight": 0}, {"id": "b", "text": "B"}],
        }
    )
    result = json_format.parse(text)
    assert not result.questions
    assert any("no choice is marked correct" in m for m in messages(result))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ({"type": "essay", "prompt": "x"}, '"id" is missing'),
        ({"id": 3, "type": "essay", "prompt": "x"}, '"id" must be text'),
        ({"id": "  ", "type": "essay", "prompt": "x"}, '"id" is empty'),
        ({"id": "q", "prompt": "x"}, '"type" is missing'),
        ({"id": "q", "type": "essay", "prompt": 5}, '"prompt" must be text'),
        ({"id": "q", "type": "essay", "prompt": "x", "tags": [1]}, '"tags" must be a list'),
        ({"id": "q", "type": "essay", "prompt": "x", "promt": "y"}, 'unknown field "promt"'),
        ({"id": "q", "type": "essay", "prompt": "x", "text_format": "rtf"}, '"text_format"'),
        ({"id": "q", "type": "essay", "prompt": "x", "source": "s"}, '"source" must be'),
        (
            {"id": "q", "type": "essay", "prompt": "x", "source": {"quote": "s", "start": "1"}},
            '"start" must be a whole number',
        ),
        (
            {"id": "q", "type": "numerical", "prompt": "x", "numeric": [{"value": "NaN"}]},
            '"value" must be a number',
        ),
        (
            {"id": "q", "type": "cloze", "prompt": "{{1}}", "blanks": [{"text": "a"}]},
            "blank 1 must be a list",
        ),
        (
            {"id": "q", "type": "matching", "prompt": "x", "pairs": [{"item": "a"}]},
            '"item_id" is missing',
        ),
        ({"id": "q", "type": "essay", "prompt": "x", "category": "c" * 101}, "longer than 100"),
        ({"id": "q", "type": "essay", "prompt": "x", "points": "2"}, '"points" must be a number'),
        ({"id": "q", "type": "essay", "prompt": "x", "points": -1}, "points must be between"),
        (
            {"id": "q", "type": "essay", "prompt": "x", "files": [{"name": "a.png"}]},
            '"data" is missing',
        ),
        (
            {"id": "q", "type": "essay", "prompt": "x", "files": [{"name": "a", "data": "%%"}]},
            "in base64",
        ),
        (
            {"id": "q", "type": "essay", "prompt": "x", "files": [{"name": "a", "data": "AAAA"}]},
            "only images are",
        ),
    ],
)
def test_field_checks(question, expected):
    result = json_format.parse(one_set(question))
    assert not result.ok
    assert any(expected in m for m in messages(result)), messages(result)
    assert all(e.line is not None for e in result.errors)


def test_non_finite_numbers_are_refused():
    text = one_set({"id": "q", "type": "numerical", "prompt": "x", "numeric": []}).replace(
        '"numeric": []', '"numeric": [{"value": NaN, "weight": 1}]'
    )
    assert '"value" must be a finite number' in " ".join(messages(json_format.parse(text)))


def test_duplicate_ids_and_dangling_card_reference():
    essay = {"id": "q", "type": "essay", "prompt": "x"}
    text = one_set(
        essay,
        dict(essay, card_id="nowhere"),
        cards=[{"id": "c", "front": "f", "back": "b"}, {"id": "c", "front": "f", "back": "b"}],
    )
    found = messages(json_format.parse(text))
    assert any("question ids used twice: q" in m for m in found)
    assert any("two cards share the same id" in m for m in found)
    assert any('refers to card "nowhere"' in m for m in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("[]", "list of sets"),
        ('{"questions": []}', "list of sets"),
        ('{"sets": []}', "the list of sets is empty"),
        ('{"sets": [{"name": "x", "questions": []}]}', "holds no questions"),
        ('{"sets": [{"name": "x"}]}', '"questions" is missing'),
        ('{"sets": [{"name": "x", "questions": {}}]}', '"questions" must be a list'),
        ("[" * 50000, "nested too deeply"),
    ],
)
def test_file_level_errors(text, expected):
    result = json_format.parse(text)
    assert not result.ok
    assert any(expected in m for m in messages(result)), messages(result)


def test_set_name_is_used_when_the_file_has_none():
    result = json_format.parse(
        '{"sets": [{"questions": [{"id": "q", "type": "essay", "prompt": "x"}]}]}',
        set_name="From file",
    )
    assert result.ok and result.sets[0].name == "From file"


# ------------------------------------------------------------------------- properties

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["sets", "name", "questions", "id", "type", "prompt", "choices", "weight", "text"]
            )
            | st.text(max_size=5),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_random_text_never_raises(text):
    assert isinstance(json_format.parse(text), ParseResult)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_random_json_structures_never_raise(value):
    result = json_format.parse(json.dumps({"sets": [value]}))
    assert isinstance(result, ParseResult)
    assert result.ok or result.errors


# ------------------------------------------------- points, images and the set's categories


def test_points_images_and_free_categories_round_trip():
    from question_bank.media import MediaFile
    from question_bank.sets import Card
    from question_bank.types import Choice, MultipleChoice
    from tests.question_bank.images import GIF, png

    logo = MediaFile.from_bytes("red logo.png", png())
    question = MultipleChoice(
        id="q",
        prompt='Which logo? <img src="@@PLUGINFILE@@/red%20logo.png" alt="A red square">',
        text_format="html",
        category="Biology/Cells and tissues",
        points=2.5,
        files=(logo, MediaFile.from_bytes("dot.gif", GIF)),
        choices=(
            Choice("a", '<img src="@@PLUGINFILE@@/dot.gif" alt="a dot">', 1.0, "", "html"),
            Choice("b", "None of them"),
        ),
    )
    question = question.replace(answer_display=question.default_answer_display())
    card = Card(
        id="c",
        front='<img src="@@PLUGINFILE@@/red%20logo.png">',
        back="<b>Ours</b>",
        category="Logos",
        files=(logo,),
        text_format="html",
    )
    original = QuestionSet(name="S", questions=(question,), cards=(card,))
    text = json_format.dump(original)
    data = json.loads(text)
    written = data["sets"][0]["questions"][0]
    assert written["points"] == 2.5 and written["category"] == "Biology/Cells and tissues"
    assert written["files"][1] == {
        "name": "red logo.png",
        "mime": "image/png",
        "data": logo.to_dict()["data"],
    }
    assert written["choices"][0]["text_format"] == "html"
    assert data["sets"][0]["cards"][0]["text_format"] == "html"
    result = json_format.parse(text)
    assert result.ok, result.errors
    assert result.sets == [original]


def test_default_points_are_not_written_and_a_description_is_worth_nothing():
    from question_bank.types import Description, Essay

    essay, description = Essay(id="e", prompt="Why?"), Description(id="d", prompt="Read.")
    assert (essay.points, description.points) == (1.0, 0.0)
    assert "points" not in essay.to_dict() and "points" not in description.to_dict()
    assert essay.replace(points=0.0).to_dict()["points"] == 0.0


def test_two_questions_making_one_card_id_are_refused():
    """A matching question's pair cards are "<id>-<item id>": a question whose card_id is
    one of them would make two cards with one id, which the set could not store."""
    matching, short = card_id_clash()
    found = json_format.parse(one_set(matching, short)).sets[0].problems()
    assert any("make a flashcard with the same id" in m and "m-i1" in m for m in found), found
    assert not json_format.parse(one_set(matching, dict(short, card_id=None))).sets[0].problems()
