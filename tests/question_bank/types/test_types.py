"""The question types: grading per type, reading responses, problems, serialisation.

The generic tests run for every registered type: with its fixture below when it has one,
else with its ``sample()``.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from question_bank.types import (
    QUESTION_TYPES,
    Accepted,
    Choice,
    Cloze,
    Description,
    Essay,
    Grade,
    InvalidResponse,
    Matching,
    MultipleChoice,
    MultipleResponse,
    Numerical,
    NumericAnswer,
    Pair,
    Question,
    ShortAnswer,
    Source,
    TrueFalse,
    clamp01,
    question_from_dict,
)

# ------------------------------------------------------------------------------ fixtures


def multiple_choice(**changes: Any) -> MultipleChoice:
    values: dict[str, Any] = {
        "id": "mc",
        "prompt": "Which city is the capital of Türkiye?",
        "choices": (
            Choice("a", "Ankara", 1.0, "Right."),
            Choice("b", "Istanbul", 0.0, "The largest city."),
            Choice("c", "Constantinople", 0.5, "The old capital."),
            Choice("d", "Izmir"),
        ),
    }
    values.update(changes)
    return MultipleChoice(**values)


def multiple_response(**changes: Any) -> MultipleResponse:
    values: dict[str, Any] = {
        "id": "mr",
        "prompt": "Who led Türkiye?",
        "choices": (
            Choice("a", "Atatürk", 0.5, "Founder."),
            Choice("b", "Erdoğan", 0.5, "Since 2014."),
            Choice("c", "Tito", -1.0, "Yugoslavia."),
            Choice("d", "Nasser", -0.25),
        ),
    }
    values.update(changes)
    return MultipleResponse(**values)


def true_false(answer: bool = True, **common: Any) -> TrueFalse:
    common.setdefault("id", "tf")
    common.setdefault("prompt", "The republic was founded in 1923.")
    return TrueFalse.make(
        answer=answer, feedback_true="You said true.", feedback_false="You said false.", **common
    )


def short_answer(**changes: Any) -> ShortAnswer:
    values: dict[str, Any] = {
        "id": "sa",
        "prompt": "Who became president of Türkiye in 2014?",
        "accepted": (
            Accepted("Erdoğan", 1.0, "Correct."),
            Accepted("Recep Tayyip Erdoğan", 1.0, "Correct, in full."),
            Accepted("Gül", 0.25, "He was president before."),
        ),
    }
    values.update(changes)
    return ShortAnswer(**values)


def numerical(**changes: Any) -> Numerical:
    values: dict[str, Any] = {
        "id": "num",
        "prompt": "How many millions of people live in Türkiye?",
        "numeric": (
            NumericAnswer(85.0, 2.0, 1.0, "Close enough."),
            NumericAnswer(85.0, 10.0, 0.5, "Roughly."),
        ),
    }
    values.update(changes)
    return Numerical(**values)


def matching(**changes: Any) -> Matching:
    values: dict[str, Any] = {
        "id": "match",
        "prompt": "Match each city with its region.",
        "pairs": (
            Pair("1", "Ankara", "x", "Central Anatolia"),
            Pair("2", "Izmir", "y", "Aegean"),
            Pair("3", "Konya", "x", "Central Anatolia"),
            Pair("4", "", "z", "Black Sea"),  # a distractor: an option with no item
        ),
    }
    values.update(changes)
    return Matching(**values)


def cloze(**changes: Any) -> Cloze:
    values: dict[str, Any] = {
        "id": "cloze",
        "prompt": "The Treaty of {{1}} was signed in {{2}}.",
        "blanks": (
            (Accepted("Lausanne", 1.0, "Yes, in Switzerland."), Accepted("Lozan", 1.0)),
            (Accepted("1923", 1.0), Accepted("1922", 0.5, "A year early.")),
        ),
    }
    values.update(changes)
    return Cloze(**values)


def essay(**changes: Any) -> Essay:
    values: dict[str, Any] = {"id": "essay", "prompt": "Why did the capital move?"}
    values.update(changes)
    return Essay(**values)


def description(**changes: Any) -> Description:
    values: dict[str, Any] = {"id": "desc", "prompt": "The next questions are about 1923."}
    values.update(changes)
    return Description(**values)


BUILDERS = {
    "multiple_choice": multiple_choice,
    "multiple_response": multiple_response,
    "true_false": true_false,
    "short_answer": short_answer,
    "numerical": numerical,
    "matching": matching,
    "cloze": cloze,
    "essay": essay,
    "description": description,
}
TYPES = list(QUESTION_TYPES)
GRADABLE = [name for name, cls in QUESTION_TYPES.items() if cls.gradable]


def build(type_name: str) -> Question:
    """The type's fixture above, else its own sample."""
    return BUILDERS.get(type_name, QUESTION_TYPES[type_name].sample)()


def test_every_fixture_is_of_a_registered_type() -> None:
    assert set(BUILDERS) <= set(QUESTION_TYPES)
    assert {"essay", "description"} <= set(TYPES) - set(GRADABLE)


@pytest.mark.parametrize("type_name", TYPES)
def test_the_fixtures_are_valid_questions(type_name: str) -> None:
    assert build(type_name).problems() == []


# -------------------------------------------------------------------------------- grades


@pytest.mark.parametrize(
    ("score", "status"),
    [(1.0, "correct"), (0.0, "incorrect"), (0.5, "partial"), (1e-12, "incorrect")],
)
def test_grade_status(score: float, status: str) -> None:
    grade = Grade(score)
    assert grade.status == status
    assert grade.correct == (status == "correct")


def test_an_ungraded_grade_is_neither_right_nor_wrong() -> None:
    grade = Grade(0.0, graded=False)
    assert grade.status == "ungraded"
    assert not grade.correct


@pytest.mark.parametrize(("value", "clamped"), [(-0.5, 0.0), (0.25, 0.25), (1.75, 1.0)])
def test_clamp01(value: float, clamped: float) -> None:
    assert clamp01(value) == clamped


@pytest.mark.parametrize("type_name", GRADABLE)
def test_the_correct_response_earns_full_marks(type_name: str) -> None:
    question = build(type_name)
    response = question.parse_response(json.loads(json.dumps(question.correct_response())))
    assert question.grade(response).score == 1.0


@pytest.mark.parametrize("type_name", GRADABLE)
@pytest.mark.parametrize("response", [None, "", [], {}, 0, False])
def test_a_missing_or_empty_response_scores_zero(type_name: str, response: Any) -> None:
    grade = build(type_name).grade(response)
    assert grade.score == 0.0
    assert grade.graded
    assert grade.feedback == ()


# ----------------------------------------------------------------------- multiple choice


@pytest.mark.parametrize(
    ("response", "score", "feedback"),
    [
        ("a", 1.0, ("Right.",)),
        ("b", 0.0, ("The largest city.",)),
        ("c", 0.5, ("The old capital.",)),
        ("d", 0.0, ()),
        ("zz", 0.0, ()),
    ],
)
def test_multiple_choice_grade_has_feedback_per_choice(
    response: str, score: float, feedback: tuple[str, ...]
) -> None:
    grade = multiple_choice().grade(response)
    assert grade.score == score
    assert grade.feedback == feedback


def test_multiple_choice_weights_are_clamped() -> None:
    question = multiple_choice(choices=(Choice("a", "A", 1.5), Choice("b", "B", -2.0)))
    assert question.grade("a").score == 1.0
    assert question.grade("b").score == 0.0


def test_multiple_choice_reads_choice_ids() -> None:
    question = multiple_choice(choices=(Choice("1", "A", 1.0), Choice("2", "B")))
    assert question.parse_response("2") == "2"
    assert question.parse_response(1) == "1"  # a client may send a numeric id


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("zz", "no choice 'zz'"),
        (True, "choose one"),
        (None, "choose one"),
        (1.5, "choose one"),
        (["a"], "choose one"),
        ({"id": "a"}, "choose one"),
    ],
)
def test_multiple_choice_refuses_malformed_responses(raw: Any, message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        multiple_choice().parse_response(raw)


# --------------------------------------------------------------------- multiple response


@pytest.mark.parametrize(
    ("response", "score"),
    [
        (["a", "b"], 1.0),
        (["a"], 0.5),
        (["b", "a"], 1.0),
        (["a", "d"], 0.25),
        (["a", "b", "d"], 0.75),
        (["a", "c"], 0.0),  # 0.5 - 1.0: clamped at 0
        (["a", "b", "c", "d"], 0.0),
        (["c"], 0.0),
        ([], 0.0),
        (["zz"], 0.0),
        (("a", "b"), 1.0),
    ],
)
def test_multiple_response_adds_weights_clamped_to_0_1(response: list[str], score: float) -> None:
    assert multiple_response().grade(response).score == pytest.approx(score)


def test_multiple_response_over_100_percent_is_clamped_at_1() -> None:
    question = multiple_response(
        choices=(Choice("a", "A", 0.6), Choice("b", "B", 0.6), Choice("c", "C", 0.0))
    )
    assert question.grade(["a", "b"]).score == 1.0
    assert question.grade(["a"]).score == pytest.approx(0.6)


def test_multiple_response_counts_a_choice_once() -> None:
    assert multiple_response().grade(["a", "a"]).score == 0.5


def test_multiple_response_does_not_read_a_string_as_a_list_of_letters() -> None:
    assert multiple_response().grade("ab").score == 0.0


def test_multiple_response_feedback_of_each_chosen_option() -> None:
    grade = multiple_response().grade(["a", "c", "d"])
    assert grade.feedback == ("Founder.", "Yugoslavia.")


def test_multiple_response_reads_a_list_in_question_order() -> None:
    assert multiple_response().parse_response(["c", "a"]) == ["a", "c"]
    assert multiple_response().parse_response([]) == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("a", "list"),
        ({"a": True}, "list"),
        (None, "list"),
        (["zz"], "no choice 'zz'"),
        (["a", "a"], "twice"),
        ([True], "choose one"),
        ([None], "choose one"),
        ([["a"]], "choose one"),
    ],
)
def test_multiple_response_refuses_malformed_responses(raw: Any, message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        multiple_response().parse_response(raw)


# ---------------------------------------------------------------------------- true/false


@pytest.mark.parametrize(
    ("answer", "response", "score", "feedback"),
    [
        (True, "true", 1.0, "You said true."),
        (True, "false", 0.0, "You said false."),
        (False, "false", 1.0, "You said false."),
        (False, "true", 0.0, "You said true."),
    ],
)
def test_true_false_has_feedback_for_each_side(
    answer: bool, response: str, score: float, feedback: str
) -> None:
    question = true_false(answer)
    assert question.answer is answer
    grade = question.grade(response)
    assert grade.score == score
    assert grade.feedback == (feedback,)


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [(True, "true"), (False, "false"), ("true", "true"), (" FALSE ", "false"), ("True", "true")],
)
def test_true_false_reads_booleans_and_words(raw: Any, parsed: str) -> None:
    assert true_false().parse_response(raw) == parsed


@pytest.mark.parametrize("raw", ["yes", "", "t", 1, 0, None, ["true"], {"answer": True}])
def test_true_false_refuses_anything_else(raw: Any) -> None:
    with pytest.raises(InvalidResponse, match='"true" or "false"'):
        true_false().parse_response(raw)


# -------------------------------------------------------------------------- short answer


@pytest.mark.parametrize(
    ("response", "score", "feedback"),
    [
        ("Erdoğan", 1.0, ("Correct.",)),
        ("  erdogan ", 1.0, ("Correct.",)),
        ("Erdogen", 1.0, ("Correct.",)),
        ("recep tayyip erdogan", 1.0, ("Correct, in full.",)),
        ("Gül", 0.25, ("He was president before.",)),
        ("Gul", 0.25, ("He was president before.",)),
        ("Gol", 0.0, ()),
        ("Atatürk", 0.0, ()),
        ("", 0.0, ()),
        ("   ", 0.0, ()),
    ],
)
def test_short_answer_takes_the_best_accepted_answer(
    response: str, score: float, feedback: tuple[str, ...]
) -> None:
    grade = short_answer().grade(response)
    assert grade.score == score
    assert grade.feedback == feedback


def test_short_answer_prefers_an_exact_wrong_answer_to_a_near_right_one() -> None:
    question = short_answer(
        accepted=(Accepted("Mosul", 1.0), Accepted("Mosel", 0.0, "That is a river in Germany."))
    )
    assert question.grade("Mosel") == Grade(0.0, ("That is a river in Germany.",))
    assert question.grade("Mossul").score == 1.0
    assert question.grade("MOSUL").score == 1.0


def test_short_answer_weights_are_clamped() -> None:
    question = short_answer(accepted=(Accepted("Ankara", 1.5), Accepted("Angora", -1.0)))
    assert question.grade("Ankara").score == 1.0
    assert question.grade("Angora").score == 0.0


def test_short_answer_reads_text() -> None:
    assert short_answer().parse_response("  Erdoğan ") == "  Erdoğan "
    assert short_answer().parse_response("x" * 2000) == "x" * 2000


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (None, "as text"),
        (5, "as text"),
        (True, "as text"),
        (["Erdoğan"], "as text"),
        ({"text": "Erdoğan"}, "as text"),
        ("x" * 2001, "too long"),
    ],
)
def test_short_answer_refuses_what_is_not_text(raw: Any, message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        short_answer().parse_response(raw)


# ----------------------------------------------------------------------------- numerical


@pytest.mark.parametrize(
    ("response", "score", "feedback"),
    [
        (85, 1.0, ("Close enough.",)),
        (83.0, 1.0, ("Close enough.",)),  # tolerance boundaries are inclusive
        (87.0, 1.0, ("Close enough.",)),
        (82.99, 0.5, ("Roughly.",)),
        (95.0, 0.5, ("Roughly.",)),
        (75.0, 0.5, ("Roughly.",)),
        (95.01, 0.0, ()),
        (74.99, 0.0, ()),
        (-85.0, 0.0, ()),
        (math.nan, 0.0, ()),
        (math.inf, 0.0, ()),
        ("85", 0.0, ()),  # not parsed: a string is not a number
        (True, 0.0, ()),
    ],
)
def test_numerical_takes_the_best_answer_within_its_tolerance(
    response: Any, score: float, feedback: tuple[str, ...]
) -> None:
    grade = numerical().grade(response)
    assert grade.score == score
    assert grade.feedback == feedback


@pytest.mark.parametrize(
    ("low", "high", "inside", "outside"),
    [
        (10.0, 20.0, [10.0, 15.0, 20.0], [9.999, 20.001]),
        (0.1, 0.3, [0.1, 0.2, 0.3, 0.1 + 0.2], [0.0999, 0.3001]),
        (1.1, 1.3, [1.1, 1.3], [1.0999, 1.3001]),
        (-5.0, -1.0, [-5.0, -1.0], [-5.01, -0.99, 1.0]),
        (1923.0, 1923.0, [1923.0], [1922.0, 1924.0, 1923.01]),
    ],
)
def test_numerical_range_boundaries_are_inclusive(
    low: float, high: float, inside: list[float], outside: list[float]
) -> None:
    question = numerical(numeric=(NumericAnswer((low + high) / 2, (high - low) / 2),))
    for number in inside:
        assert question.grade(number).score == 1.0, number
    for number in outside:
        assert question.grade(number).score == 0.0, number


def test_numerical_exact_answer_forgives_floating_point_error() -> None:
    question = numerical(numeric=(NumericAnswer(0.3),))
    assert question.grade(0.1 + 0.2).score == 1.0
    assert question.grade(0.3000001).score == 0.0


def test_numerical_weights_are_clamped() -> None:
    question = numerical(numeric=(NumericAnswer(1.0, 0.0, 2.0), NumericAnswer(2.0, 0.0, -1.0)))
    assert question.grade(1.0).score == 1.0
    assert question.grade(2.0).score == 0.0


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        (85, 85.0),
        (85.5, 85.5),
        (-3, -3.0),
        ("85", 85.0),
        (" 85 ", 85.0),
        ("11,000", 11000.0),
        ("11 000", 11000.0),
        ("1.5", 1.5),
        ("1,5", 1.5),
        ("-3", -3.0),
        ("50%", 50.0),
        ("1.5 million", 1_500_000.0),
    ],
)
def test_numerical_reads_numbers_and_numeric_strings(raw: Any, number: float) -> None:
    parsed = numerical().parse_response(raw)
    assert parsed == number
    assert type(parsed) is float


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (True, "type a number"),
        (False, "type a number"),
        (None, "type a number"),
        ([85], "type a number"),
        ({"value": 85}, "type a number"),
        ("abc", "'abc' is not a number"),
        ("", "is not a number"),
        ("85 million people", "is not a number"),
        ("nan", "is not a number"),
        ("inf", "is not a number"),
        ("1e5", "is not a number"),
        (math.nan, "finite"),
        (math.inf, "finite"),
        (-math.inf, "finite"),
        (10**400, "finite"),  # JSON integers have no size limit
        ("9" * 400, "finite"),
    ],
)
def test_numerical_refuses_what_is_not_a_finite_number(raw: Any, message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        numerical().parse_response(raw)


def test_numerical_answer_display() -> None:
    assert numerical().default_answer_display() == "85 (± 2)"
    assert numerical(numeric=(NumericAnswer(1.5),)).default_answer_display() == "1.5"


# ------------------------------------------------------------------------------ matching


@pytest.mark.parametrize(
    ("response", "score"),
    [
        ({"1": "x", "2": "y", "3": "x"}, 1.0),
        ({"1": "x", "2": "y", "3": "z"}, 2 / 3),
        ({"1": "x"}, 1 / 3),
        ({"1": "y", "2": "x", "3": "z"}, 0.0),
        ({"1": "x", "2": "y", "3": "x", "4": "z", "9": "x"}, 1.0),  # extra keys count nothing
        ({}, 0.0),
        (None, 0.0),
        ([["1", "x"]], 0.0),
    ],
)
def test_matching_scores_the_share_of_items_matched(response: Any, score: float) -> None:
    assert matching().grade(response).score == pytest.approx(score)


def test_matching_items_leave_out_options_without_an_item() -> None:
    assert [p.item_id for p in matching().items] == ["1", "2", "3"]
    assert [oid for oid, _ in matching().options] == ["x", "y", "z"]


def test_matching_reads_an_object_from_item_to_option() -> None:
    question = matching()
    assert question.parse_response({"1": "x", "2": "z"}) == {"1": "x", "2": "z"}
    assert question.parse_response({"1": "x", "2": "", "3": None}) == {"1": "x"}
    assert question.parse_response({}) == {}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([["1", "x"]], "object"),
        ("1=x", "object"),
        (None, "object"),
        ({"9": "x"}, "no item '9'"),
        ({"4": "z"}, "no item '4'"),  # the distractor is not an item
        ({"1": "w"}, "no option 'w'"),
        ({"1": 1}, "no option 1"),
        ({"1": ["x"]}, "no option"),
        ({"1": {"id": "x"}}, "no option"),
    ],
)
def test_matching_refuses_malformed_responses(raw: Any, message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        matching().parse_response(raw)


def test_matching_public_options_do_not_follow_the_order_of_the_items() -> None:
    data = matching().public_dict()
    assert data["items"] == [
        {"id": "1", "text": "Ankara"},
        {"id": "2", "text": "Izmir"},
        {"id": "3", "text": "Konya"},
    ]
    assert data["options"] == [
        {"id": "y", "text": "Aegean"},
        {"id": "z", "text": "Black Sea"},
        {"id": "x", "text": "Central Anatolia"},
    ]


# --------------------------------------------------------------------------------- cloze


@pytest.mark.parametrize(
    ("response", "score", "feedback"),
    [
        (["Lausanne", "1923"], 1.0, ("Yes, in Switzerland.",)),
        (["lozan", "1923."], 1.0, ()),
        (["Lausane", "1923"], 1.0, ("Yes, in Switzerland.",)),
        (["Lausanne", "1922"], 0.75, ("Yes, in Switzerland.", "A year early.")),
        (["Geneva", "1922"], 0.25, ("A year early.",)),
        (["Lausanne", "1924"], 0.5, ("Yes, in Switzerland.",)),
        (["", "1923"], 0.5, ()),
        (["Lausanne"], 0.5, ("Yes, in Switzerland.",)),  # a missing blank scores 0
        (["Lausanne", None], 0.5, ("Yes, in Switzerland.",)),
        ([1923, "1923"], 0.5, ()),
        (("Lausanne", "1923"), 1.0, ("Yes, in Switzerland.",)),
        ("Lausanne", 0.0, ()),
    ],
)
def test_cloze_scores_the_mean_of_its_blanks(
    response: Any, score: float, feedback: tuple[str, ...]
) -> None:
    grade = cloze().grade(response)
    assert grade.score == pytest.approx(score)
    assert grade.feedback == feedback


def test_cloze_reads_a_list_of_strings() -> None:
    assert cloze().parse_response(["Lausanne", "1923"]) == ["Lausanne", "1923"]
    assert cloze().parse_response(["Lausanne", None]) == ["Lausanne", ""]


def test_cloze_with_one_blank_reads_a_string() -> None:
    question = cloze(prompt="The Treaty of {{1}}.", blanks=(cloze().blanks[0],))
    assert question.parse_response("Lausanne") == ["Lausanne"]
    assert question.grade(question.parse_response("Lausanne")).score == 1.0


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("Lausanne", "one answer per blank"),
        (None, "one answer per blank"),
        ({"1": "Lausanne"}, "one answer per blank"),
        (["Lausanne"], "2 blank"),
        (["Lausanne", "1923", "x"], "2 blank"),
        (["Lausanne", 1923], "as text"),
        (["Lausanne", True], "as text"),
        (["Lausanne", ["1923"]], "as text"),
        (["Lausanne", "x" * 2001], "too long"),
    ],
)
def test_cloze_refuses_malformed_responses(raw: Any, message: str) -> None:
    with pytest.raises(InvalidResponse, match=message):
        cloze().parse_response(raw)


def test_cloze_segments() -> None:
    assert cloze().segments() == ["The Treaty of ", 0, " was signed in ", 1, "."]


# ------------------------------------------------------------------- essay, description


@pytest.mark.parametrize("response", ["A long answer.", "", None])
def test_essay_is_never_graded_automatically(response: Any) -> None:
    grade = essay().grade(response)
    assert not grade.graded
    assert grade.status == "ungraded"
    assert not Essay.gradable
    assert Essay.answerable


def test_essay_reads_text() -> None:
    assert essay().parse_response("x" * 20000) == "x" * 20000
    with pytest.raises(InvalidResponse, match="too long"):
        essay().parse_response("x" * 20001)
    with pytest.raises(InvalidResponse, match="as text"):
        essay().parse_response(["text"])


def test_description_takes_no_answer() -> None:
    question = description()
    assert not Description.answerable
    assert not Description.gradable
    assert question.grade(None).status == "ungraded"
    for raw in ("anything", None, [], {}):
        with pytest.raises(InvalidResponse, match="takes no answer"):
            question.parse_response(raw)


# ------------------------------------------------------------------------------ problems


NO_CORRECT_ANSWER = {
    "multiple_choice": multiple_choice(choices=(Choice("a", "A", 0.5), Choice("b", "B", 0.0))),
    "multiple_response": multiple_response(
        choices=(Choice("a", "A", 0.5), Choice("b", "B", 0.25), Choice("c", "C", -1.0))
    ),
    "true_false (neither)": true_false().replace(
        choices=(Choice("true", "True", 0.0), Choice("false", "False", 0.0))
    ),
    "true_false (both)": true_false().replace(
        choices=(Choice("true", "True", 1.0), Choice("false", "False", 1.0))
    ),
    "short_answer": short_answer(accepted=(Accepted("Gül", 0.5),)),
    "short_answer (none)": short_answer(accepted=()),
    "short_answer (punctuation)": short_answer(accepted=(Accepted("?!", 1.0),)),
    "numerical": numerical(numeric=(NumericAnswer(85.0, 10.0, 0.5),)),
    "numerical (none)": numerical(numeric=()),
    "numerical (nan)": numerical(numeric=(NumericAnswer(math.nan),)),
    "numerical (inf tolerance)": numerical(numeric=(NumericAnswer(1.0, math.inf),)),
    "numerical (negative tolerance)": numerical(numeric=(NumericAnswer(1.0, -1.0),)),
    "matching": matching(pairs=(Pair("1", "Ankara", "x", "Central Anatolia"),)),
    "matching (no option)": matching(
        pairs=(Pair("1", "Ankara", "x", "Central Anatolia"), Pair("2", "Izmir", "", ""))
    ),
    "cloze": cloze(blanks=(cloze().blanks[0], (Accepted("1922", 0.5),))),
    "cloze (empty answer)": cloze(blanks=(cloze().blanks[0], (Accepted(" ", 1.0),))),
    "cloze (no blanks)": cloze(prompt="No blank here.", blanks=()),
}


@pytest.mark.parametrize("question", NO_CORRECT_ANSWER.values(), ids=NO_CORRECT_ANSWER.keys())
def test_problems_catch_a_question_with_no_correct_answer(question: Question) -> None:
    assert question.problems()


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        (multiple_choice(prompt="  "), "no text"),
        (multiple_choice(category="w" * 101), "longer than 100 characters"),
        (multiple_choice(points=-2.0), "points must be between 0"),
        (multiple_choice(category=" weather"), "spaces at its ends"),
        (multiple_choice(choices=(Choice("a", "A", 1.0),)), "at least two choices"),
        (
            multiple_choice(choices=(Choice("a", "A", 1.0), Choice("a", "B"))),
            "share the same id",
        ),
        (
            true_false().replace(choices=(Choice("yes", "Yes", 1.0), Choice("no", "No"))),
            '"true" and "false"',
        ),
        (
            matching(
                pairs=(Pair("1", "Ankara", "x", "Central"), Pair("1", "Izmir", "y", "Aegean"))
            ),
            "share the same id",
        ),
        (cloze(prompt="The Treaty of {{1}} was signed in {{3}}."), "marks blanks [1, 3]"),
        (cloze(prompt="The Treaty of {{1}} was signed in {{1}}."), "marks blanks [1, 1]"),
        (cloze(prompt="The Treaty of {{1}}."), "2 blank(s)"),
        (essay(prompt=""), "no text"),
        (description(prompt=""), "no text"),
    ],
)
def test_problems_are_said_in_words(question: Question, problem: str) -> None:
    assert any(problem in found for found in question.problems()), question.problems()


# ------------------------------------------------------------------------- serialisation

ANSWER_KEYS = {key for cls in QUESTION_TYPES.values() for key in cls.answer_keys}


def full(type_name: str) -> Question:
    """A question of the type with every common field filled in."""
    return build(type_name).replace(
        title="A title",
        category="place",
        tags=("geography", "europe"),
        general_feedback="Said after answering.",
        answer_display="The answer",
        source=Source("Ankara is the capital.", 10, 32),
        text_format="markdown",
        card_id="card-1",
    )


@pytest.mark.parametrize("type_name", TYPES)
@pytest.mark.parametrize("fill", [False, True], ids=["minimal", "full"])
def test_to_dict_and_back_is_the_same_question(type_name: str, fill: bool) -> None:
    if fill:
        question = full(type_name)
    else:  # as read from a file: the answer display filled in by default
        question = build(type_name)
        question = question.replace(answer_display=question.default_answer_display())
    data = json.loads(json.dumps(question.to_dict()))
    assert data["type"] == type_name
    assert question_from_dict(data) == question


@pytest.mark.parametrize("type_name", TYPES)
def test_to_dict_holds_only_the_answers_of_its_type(type_name: str) -> None:
    question = build(type_name).replace(text_format="plain", card_id=None)
    data = question.to_dict()
    assert set(data) & ANSWER_KEYS == set(type(question).answer_keys)
    assert "text_format" not in data
    assert "card_id" not in data
    assert set(full(type_name).to_dict()) >= {"text_format", "card_id"}


def test_from_dict_fills_in_the_answer_display() -> None:
    data = short_answer().to_dict()
    del data["answer_display"]
    assert question_from_dict(data).answer_display == "Erdoğan"
    data = numerical().to_dict()
    data["answer_display"] = ""
    assert question_from_dict(data).answer_display == "85 (± 2)"


def test_from_dict_reads_defaults() -> None:
    question = question_from_dict(
        {
            "id": 7,
            "type": "multiple_choice",
            "prompt": "Pick",
            "tags": "solo",
            "category": "",
            "choices": [{"id": 1, "text": "A", "weight": 1}, {"id": 2, "text": "B"}],
        }
    )
    assert question == MultipleChoice(
        id="7",
        prompt="Pick",
        tags=("solo",),
        category=None,
        choices=(Choice("1", "A", 1.0), Choice("2", "B", 0.0)),
        answer_display="A",
    )


def test_from_dict_makes_numeric_tolerance_positive() -> None:
    data = numerical(numeric=(NumericAnswer(10.0, 2.0),)).to_dict()
    data["numeric"][0]["tolerance"] = -2.0
    question = question_from_dict(data)
    assert isinstance(question, Numerical)
    assert question.numeric[0].tolerance == 2.0
    assert question.problems() == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": "q", "type": "poll", "prompt": "?"}, "unknown question type 'poll'"),
        ({"id": "q", "prompt": "?"}, "unknown question type None"),
        ({"id": "q", "type": ["essay"], "prompt": "?"}, "unknown question type"),
        ({"type": "essay", "prompt": "?"}, "missing or malformed"),
        ({"id": "q", "type": "multiple_choice", "choices": [{"id": "a"}]}, "missing or malformed"),
        ({"id": "q", "type": "numerical", "numeric": [{"tolerance": 1}]}, "missing or malformed"),
        ({"id": "q", "type": "matching", "pairs": [{"item_id": "1"}]}, "missing or malformed"),
        ({"id": "q", "type": "cloze", "blanks": [[{"weight": 1}]]}, "missing or malformed"),
        ({"id": "q", "type": "short_answer", "accepted": [{"text": "a", "weight": "x"}]}, "float"),
    ],
)
def test_from_dict_refuses_bad_data_with_a_value_error(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        question_from_dict(data)


# ------------------------------------------------------------------------- public_dict

SECRET_KEYS = {
    "weight",
    "accepted",
    "answer_display",
    "numeric",
    "pairs",
    "option_id",
    "feedback",
    "general_feedback",
    "source",
}


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@pytest.mark.parametrize("type_name", TYPES)
def test_public_dict_gives_no_answer_away(type_name: str) -> None:
    question = full(type_name)
    data = question.public_dict()
    assert _keys(data) & SECRET_KEYS == set()
    text = json.dumps(data, ensure_ascii=False)
    for secret in ("The answer", "Said after answering.", "Right.", "Founder.", "Correct."):
        assert secret not in text
    assert data["id"] == question.id
    assert data["type"] == type_name
    assert data["prompt"] == question.prompt


def test_public_dict_shows_what_a_student_needs() -> None:
    assert multiple_choice().public_dict()["choices"] == [
        {"id": "a", "text": "Ankara"},
        {"id": "b", "text": "Istanbul"},
        {"id": "c", "text": "Constantinople"},
        {"id": "d", "text": "Izmir"},
    ]
    assert [c["id"] for c in true_false().public_dict()["choices"]] == ["true", "false"]
    assert cloze().public_dict()["blanks"] == 2
    short = json.dumps(short_answer().public_dict(), ensure_ascii=False)
    assert "Erdoğan" not in short
    assert "Gül" not in short
    assert "85" not in json.dumps(numerical().public_dict())
    assert "Lausanne" not in json.dumps(cloze().public_dict())
