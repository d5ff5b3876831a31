"""The ordering type: Moodle's grading types, responses, attempts, checks and its formats."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import defusedxml.ElementTree
import pytest

from question_bank.formats import aiken, gift, json_format, moodle_xml
from question_bank.sets import QuestionSet
from question_bank.types import InvalidResponse, Ordering, OrderItem, UnsupportedType
from question_bank.types.ordering import DEFAULT_GRADING, GRADINGS, item_ids

DATA = Path(__file__).resolve().parents[2] / "data" / "moodlexml"
RIGHT = ["a1", "b2", "c3", "d4", "e5"]


def ordering(**changes: Any) -> Ordering:
    values: dict[str, Any] = {
        "id": "order",
        "prompt": "Put the letters in order.",
        "items": tuple(OrderItem(i, i[0].upper()) for i in RIGHT),
    }
    values.update(changes)
    question = Ordering(**values)
    return question.replace(answer_display=question.default_answer_display())


def score(grading: str, given: list[str]) -> float:
    return ordering(grading=grading).grade(given).score


# ---------------------------------------------------------------------------- grading

#: Worked examples: B C D E A (the first item moved to the end) and A C B E D (two swaps).
MOVED = ["b2", "c3", "d4", "e5", "a1"]
SWAPPED = ["a1", "c3", "b2", "e5", "d4"]


@pytest.mark.parametrize(
    ("grading", "moved", "swapped"),
    [
        ("all_or_nothing", 0, 0),
        ("absolute_position", 0 / 5, 1 / 5),
        # Each item scores (n - 1) - its distance from its place, out of n (n - 1).
        ("relative_to_correct", 12 / 20, 16 / 20),
        ("relative_next_exclude_last", 3 / 4, 0 / 4),
        ("relative_next_include_last", 3 / 5, 0 / 5),
        ("relative_one_previous_and_next", 6 / 10, 1 / 10),
        ("relative_all_previous_and_next", 12 / 20, 16 / 20),
        ("longest_ordered_subset", 4 / 5, 3 / 5),
        ("longest_contiguous_subset", 4 / 5, 2 / 5),
    ],
)
def test_grading_types_as_moodle_counts_them(grading, moved, swapped):
    assert score(grading, MOVED) == pytest.approx(moved)
    assert score(grading, SWAPPED) == pytest.approx(swapped)
    assert score(grading, RIGHT) == 1.0


def test_every_grading_type_is_tested_and_the_default_is_the_longest_ordered_subset():
    assert DEFAULT_GRADING == "longest_ordered_subset"
    assert ordering().grading == DEFAULT_GRADING
    assert set(GRADINGS) == {
        "all_or_nothing",
        "absolute_position",
        "relative_to_correct",
        "relative_next_exclude_last",
        "relative_next_include_last",
        "relative_one_previous_and_next",
        "relative_all_previous_and_next",
        "longest_ordered_subset",
        "longest_contiguous_subset",
    }


@pytest.mark.parametrize("grading", ["longest_ordered_subset", "longest_contiguous_subset"])
def test_a_subset_of_one_item_counts_nothing(grading):
    assert score(grading, list(reversed(RIGHT))) == 0.0


def test_grading_is_said_in_the_feedback_unless_hidden():
    question = ordering()
    assert question.grade(MOVED).feedback == (
        "The most items in the right order relative to each other: 4 of 5.",
    )
    assert ordering(grading="absolute_position").grade(SWAPPED).feedback == (
        "1 of 5 items are in their place.",
    )
    assert ordering(show_grading=False).grade(MOVED).feedback == ()
    assert ordering(grading="all_or_nothing").grade(MOVED).feedback == ()


@pytest.mark.parametrize("response", [None, [], {}, "a1", ["a1", "b2"], RIGHT + ["zz"], 5])
def test_what_is_not_an_order_of_the_items_scores_zero(response):
    assert ordering().grade(response).score == 0.0


# -------------------------------------------------------------------------- responses


def test_a_response_is_the_list_of_ids_in_order():
    assert ordering().parse_response(MOVED) == MOVED
    assert ordering().parse_response([]) == []


def test_the_page_sends_each_items_place():
    question = ordering()
    places = {"a1": "5", "b2": "1", "c3": "2", "d4": "3", "e5": "4"}
    assert question.parse_response(places) == MOVED
    assert question.parse_response({"a1": 1, "b2": 2, "c3": 3, "d4": 4, "e5": 5}) == RIGHT
    assert question.parse_response(dict.fromkeys(RIGHT, "")) == []  # nothing chosen


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("a1", "list of the item ids"),
        (["a1", "a1", "b2", "c3", "d4"], "each of the 5 items in the list once"),
        (["a1", "b2"], "each of the 5 items"),
        (["a1", "b2", "c3", "d4", "zz"], "no item 'zz'"),
        ([1, 2, 3, 4, 5], "no item 1"),
        ({"a1": "1", "b2": "2"}, "give every item a place from 1 to 5"),
        ({"a1": "1", "b2": "1", "c3": "2", "d4": "3", "e5": "4"}, "the same place"),
        ({"a1": "6", "b2": "1", "c3": "2", "d4": "3", "e5": "4"}, "a place from 1 to 5"),
        ({"a1": "first"}, "a place from 1 to 5"),
        ({"a1": True}, "a place from 1 to 5"),
        ({"zz": "1"}, "no item 'zz'"),
    ],
)
def test_malformed_responses_are_refused_in_words(raw, message):
    with pytest.raises(InvalidResponse, match=message):
        ordering().parse_response(raw)


# ----------------------------------------------------------------------------- attempts


def test_an_attempt_shows_the_items_shuffled_never_in_the_right_order():
    orders = set()
    for seed in range(50):
        shown = ordering().shuffled(random.Random(seed), shuffle_answers=False)
        ids = [item["id"] for item in shown.public_dict()["items"]]
        assert ids != RIGHT
        assert sorted(ids) == sorted(RIGHT)
        assert shown.grade(RIGHT).score == 1.0  # the right order is kept apart
        orders.add(tuple(ids))
    assert len(orders) > 10
    two = ordering(items=(OrderItem("x1", "X"), OrderItem("y2", "Y")))
    for seed in range(10):
        assert two.shuffled(random.Random(seed)).shown == ("y2", "x1")


def test_outside_an_attempt_the_items_are_listed_by_text_not_in_the_right_order():
    question = ordering(
        items=(OrderItem("z", "Zulu"), OrderItem("a", "Alpha"), OrderItem("m", "Mike"))
    )
    assert [i["id"] for i in question.public_dict()["items"]] == ["a", "m", "z"]


@pytest.mark.parametrize("select", ["random", "contiguous"])
def test_a_subset_keeps_its_items_in_the_right_order_and_grades_on_them(select):
    question = ordering(select=select, select_count=3)
    subsets = set()
    for seed in range(30):
        shown = question.shuffled(random.Random(seed))
        right = [item.id for item in shown.items]
        assert len(right) == 3
        assert right == [i for i in RIGHT if i in right]  # still in the right order
        if select == "contiguous":
            start = RIGHT.index(right[0])
            assert right == RIGHT[start : start + 3]
        assert sorted(shown.shown) == sorted(right)
        assert shown.select == "all" and shown.problems() == []
        assert shown.grade(right).score == 1.0
        assert shown.answer_display == shown.default_answer_display()
        subsets.add(tuple(right))
    assert len(subsets) > 1


def test_a_subset_has_at_least_three_items_as_in_moodle():
    assert ordering(select="random", select_count=1).shown_count() == 3
    assert ordering(select="random", select_count=9).shown_count() == 5
    assert ordering(select="all", select_count=2).shown_count() == 5


def test_a_page_lists_a_saved_order_with_its_places_else_the_order_shown():
    shown = ordering().shuffled(random.Random(1))
    assert [(item.id, place) for item, place in shown.arranged(MOVED)] == [
        (item_id, place) for place, item_id in enumerate(MOVED, start=1)
    ]
    assert [item.id for item, _ in shown.arranged(None)] == list(shown.shown)
    assert {place for _, place in shown.arranged(["a1"])} == {None}
    # A page refused for two items in one place shows what was chosen, to fix it.
    refused = dict.fromkeys(shown.shown, "") | {shown.shown[0]: "2", shown.shown[1]: "2"}
    assert [place for _, place in shown.arranged(refused)] == [2, 2, None, None, None]


# ------------------------------------------------------------------------------ checks


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"items": (OrderItem("x1", "X"),)}, "at least two items"),
        ({"items": (OrderItem("x", "X"), OrderItem("x", "Y"))}, "share the same id"),
        ({"items": (OrderItem("x", "Same"), OrderItem("y", "same!"))}, "read the same"),
        ({"items": (OrderItem("x", "X"), OrderItem("y", " "))}, "item 2 has no text"),
        ({"items": tuple(OrderItem(i, i.upper()) for i in "abc")}, "give the order away"),
        ({"items": tuple(OrderItem(str(i), f"T{i}") for i in (1, 2, 3))}, "give the order away"),
        ({"grading": "by_feeling"}, "unknown grading 'by_feeling'"),
        ({"select": "some"}, "unknown select"),
        ({"layout": "diagonal"}, "unknown layout"),
        ({"select_count": -1}, "cannot be negative"),
        ({"shown": ("a1",)}, "each item id once"),
    ],
)
def test_problems_are_said_in_words(changes, problem):
    found = ordering(**changes).problems()
    assert any(problem in p for p in found), found


def test_item_ids_come_from_the_texts():
    assert item_ids(["The war", "Élan", "The war", "!!!"]) == [
        "the-war",
        "elan",
        "the-war-2",
        item_ids(["!!!"])[0],
    ]
    assert item_ids(["!!!"])[0].startswith("item-")


def test_sources_are_the_question_quote_and_each_items():
    sample = Ordering.sample()
    assert sample.sources()[0] == sample.source
    assert len(sample.sources()) == 1 + sum(1 for i in sample.items if i.source)


# ----------------------------------------------------------------------------- formats


def test_gift_cannot_hold_an_ordering_question_and_says_why():
    with pytest.raises(UnsupportedType) as raised:
        gift.dump(QuestionSet(name="S", questions=(Ordering.sample(),)))
    assert str(raised.value).startswith("GIFT cannot hold ordering questions (ordering): GIFT has")
    assert "Moodle XML or JSON" in str(raised.value)


def test_gift_reports_the_ordering_plugins_blocks_with_their_line():
    text = (
        "// a first question\nWho? {=A ~B}\n\nPut in order {>3 ALL VERTICAL ABSOLUTE\nA\nB\nC\n}\n"
    )
    result = gift.parse(text)
    [error] = result.errors
    assert error.line == 4
    assert "ordering plugin" in error.message and "Moodle XML or JSON" in error.message


def test_aiken_leaves_it_out_and_says_why():
    question_set = QuestionSet(name="S", questions=(Ordering.sample(),))
    assert aiken.dump_with_skipped(question_set) == ("", [Ordering.sample()])
    with pytest.raises(UnsupportedType, match="Aiken holds multiple choice questions only"):
        aiken.codec(Ordering.sample())


@pytest.fixture(scope="module")
def moodle() -> Any:
    return moodle_xml.parse((DATA / "ordering.xml").read_text(encoding="utf-8"), "Timelines")


def test_moodle_xml_ordering_is_read_in_the_order_of_the_fractions(moodle):
    campaign = next(q for q in moodle.questions if q.id == "campaign")
    assert isinstance(campaign, Ordering)
    assert [item.text for item in campaign.items] == [
        "The offensive starts",
        "The offensive stops",
        "The offensive restarts",
        "Victory is declared",
    ]  # HTML made plain text; the empty item left out, as Moodle does
    assert [item.id for item in campaign.items] == [
        "the-offensive-starts",
        "the-offensive-stops",
        "the-offensive-restarts",
        "victory-is-declared",
    ]
    assert (campaign.layout, campaign.select, campaign.select_count) == ("horizontal", "random", 3)
    assert (campaign.grading, campaign.show_grading) == ("longest_contiguous_subset", False)
    assert campaign.category == "Timelines/date"
    assert campaign.answer_display == (
        "1. The offensive starts; 2. The offensive stops; 3. The offensive restarts; "
        "4. Victory is declared"
    )


def test_moodle_xml_old_files_and_missing_settings_take_the_plugins_defaults(moodle):
    old = next(q for q in moodle.questions if q.title == "Old file")
    assert [item.text for item in old.items] == ["2003", "2011", "2014"]
    assert (old.select, old.select_count) == ("all", 4)  # <logical>EXACT, <studentsee>4
    assert (old.layout, old.grading, old.show_grading) == (
        "vertical",
        "relative_next_exclude_last",
        True,
    )


def test_moodle_xml_unknown_setting_is_an_error_with_its_line(moodle):
    [error] = moodle.errors
    assert error.line == 52
    assert error.message.startswith('<gradingtype> "BY_FEELING" is not one of ALL_OR_NOTHING')
    assert len(moodle.questions) == 2


def test_moodle_xml_writes_what_the_plugin_reads():
    sample = Ordering.sample()
    text = moodle_xml.dump(QuestionSet(name="S", questions=(sample,)))
    root = defusedxml.ElementTree.fromstring(text)
    question = root.find("question[@type='ordering']")
    assert question.findtext("layouttype") == "VERTICAL"
    assert question.findtext("selecttype") == "ALL"
    assert question.findtext("selectcount") == "0"
    assert question.findtext("gradingtype") == "RELATIVE_NEXT_INCLUDE_LAST"
    assert question.findtext("showgrading") == "HIDE"
    answers = question.findall("answer")
    assert [a.get("fraction") for a in answers] == ["1", "2", "3", "4", "5"]
    assert [a.findtext("text") for a in answers] == [i.text for i in sample.items]
    [with_source] = [n for n in question.findall("quizapp/item") if n.find("source") is not None]
    assert with_source.get("id") == "offensive"
    assert moodle_xml.parse(text).questions == [sample]


def test_an_attempts_order_travels_in_moodle_xml_and_json():
    shown = Ordering.sample().shuffled(random.Random(3))
    question_set = QuestionSet(name="S", questions=(shown,))
    assert moodle_xml.parse(moodle_xml.dump(question_set)).questions == [shown]
    assert json_format.parse(json_format.dump(question_set)).questions == [shown]


def test_json_shape_errors_say_where():
    data = Ordering.sample().to_dict()
    data["items"][1] = {"id": "x"}
    data["select_count"] = "three"
    data["show_grading"] = "yes"
    data["shown"] = "all"
    text = json_format.dump(QuestionSet(name="S")).replace(
        '"questions": []', '"questions": [' + json_format.json.dumps(data) + "]"
    )
    messages = [e.message for e in json_format.parse(text).errors]
    assert 'set 1, question 1 ("sample-ordering"), item 2: "text" is missing' in messages
    assert (
        'set 1, question 1 ("sample-ordering"): "select_count" must be a whole number' in messages
    )
    assert 'set 1, question 1 ("sample-ordering"): "show_grading" must be true or false' in messages
    assert 'set 1, question 1 ("sample-ordering"): "shown" must be a list of item ids' in messages
