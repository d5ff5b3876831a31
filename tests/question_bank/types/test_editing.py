"""The question editor's pure side: each kind of field reads what an instructor types (or
says what is wrong), the form builds the question back with every problem by field, and
rows are added, removed and moved.  Every registered type's round trip is in the type
contract (``test_contract.check_editor``)."""

from __future__ import annotations

import json

import pytest

from question_bank.media import MediaFile
from question_bank.types import (
    QUESTION_TYPES,
    Accepted,
    Choice,
    Cloze,
    Matching,
    MultipleChoice,
    Numerical,
    Ordering,
    OrderItem,
    Pair,
    Source,
    TrueFalse,
    editing,
)
from question_bank.types.base import Problem
from question_bank.types.editor_fields import (
    MAX_ROWS,
    Category,
    Check,
    EditError,
    Number,
    Rows,
    Select,
    Tags,
    Text,
)
from tests.question_bank.images import png

WEIGHT = Number("weight", "Grade", percent=True, minimum=-100, maximum=100)


def form_of(question) -> dict:
    """The form values as a browser sends them back (JSON-able, all text)."""
    return json.loads(json.dumps(editing.form_values(question)))


# ---------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("100", 1.0),
        ("50", 0.5),
        ("50 %", 0.5),
        ("-100", -1.0),
        ("33.33333", 0.3333333),
        (" 12.5 ", 0.125),
        ("0", 0.0),
    ],
)
def test_a_percentage_reads_as_a_weight(typed, value):
    assert WEIGHT.read(typed) == value


@pytest.mark.parametrize(
    "weight", [1.0, 0.5, -1.0, 0.3333333, 1 / 3, 0.1, 0.8333333333333334, 1e-7, -0.05]
)
def test_a_weight_shown_as_a_percentage_reads_back_exactly(weight):
    shown = WEIGHT.show(weight)
    assert "e" not in shown.lower()
    assert WEIGHT.read(shown) == weight


@pytest.mark.parametrize("value", [11000.0, 0.1, 1e-7, 1e300, -3.5, 2.0**60, 123456789.123])
def test_a_number_shown_reads_back_exactly(value):
    plain = Number("value", "Answer")
    assert plain.read(plain.show(value)) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", '"abc" is not a number'),
        ("1e5", "is not a number"),
        ("", "write a number"),
        ("150", "from -100% to 100%"),
        ("-101", "from -100% to 100%"),
        ("9" * 5000, "5,000 characters long"),
        ("9" * 350, "too large"),
        ("nan", "is not a number"),
        ("inf", "is not a number"),
        ("\x00", "is not a number"),
    ],
)
def test_a_bad_percentage_says_why(typed, message):
    with pytest.raises(EditError, match=message):
        WEIGHT.read(typed)


def test_numbers_as_people_write_them():
    value = Number("value", "Answer")
    assert value.read("11,000") == 11000.0
    assert value.read("1.5 million") == 1_500_000.0
    assert value.read("−3") == -3.0
    whole = Number("count", "Count", whole=True, minimum=0, required=False)
    assert whole.read("6") == 6
    assert whole.read("") is None
    with pytest.raises(EditError, match="whole number"):
        whole.read("2.5")
    with pytest.raises(EditError, match="at least 0"):
        whole.read("-1")
    tolerance = Number("tolerance", "Tolerance", minimum=0)
    with pytest.raises(EditError, match="at least 0"):
        tolerance.read("-0.5")


# ------------------------------------------------------------------- other kinds


def test_texts_tags_categories_selects_and_checks():
    title = Text("title", "Title", max_length=5)
    assert title.read("  Hi  ") == "Hi"
    with pytest.raises(EditError, match="at most 5 characters"):
        title.read("Too long")
    assert Text("prompt", "Text", lines=5).read("  keeps\nits spaces ") == "  keeps\nits spaces "
    with pytest.raises(EditError, match="cannot be empty"):
        Text("text", "Text", required=True).read("   ")
    with pytest.raises(EditError, match="not text"):
        Text("text", "Text").read(["a list"])
    tags = Tags("tags", "Tags")
    assert tags.read(" battle ,  the   forces,, battle,") == ("battle", "the forces")
    assert tags.show(("a", "b c")) == "a, b c"
    category = Category("category", "Category", max_length=100)
    assert category.read("  Cell   biology ") == "Cell biology"
    assert category.read("   ") is None
    assert category.show(None) == ""
    choice = Select("layout", "Layout", options=(("vertical", "Vertical"), ("horizontal", "Wide")))
    assert choice.read("horizontal") == "horizontal"
    assert choice.default == "vertical"
    with pytest.raises(EditError, match="choose one of: Vertical, Wide"):
        choice.read("diagonal")
    check = Check("show", "Show", start=True)
    assert (check.read(True), check.read(None), check.read("y"), check.default) == (
        True,
        False,
        True,
        True,
    )


def test_rows_give_new_rows_their_own_keys():
    rows = MultipleChoice.editor_fields[0]
    assert isinstance(rows, Rows)
    read = rows.read(
        [
            {"id": "b", "text": "Kept", "weight": "100", "feedback": ""},
            {"id": "", "text": "New", "weight": "0", "feedback": ""},
            {"id": "b", "text": "Copied", "weight": "0", "feedback": ""},
        ]
    )
    assert [(r["id"], r["text"], r["weight"]) for r in read] == [
        ("b", "Kept", 1.0),
        ("a", "New", 0.0),
        ("c", "Copied", 0.0),
    ]


def test_rows_say_which_cell_is_wrong_and_how_many_rows_are_too_many():
    rows = MultipleChoice.editor_fields[0]
    errors: dict = {}
    rows.read_rows(
        [{"text": "", "weight": "x"}, {"text": "Fine", "weight": "100"}], ("choices",), errors
    )
    assert errors == {
        ("choices", 0, "text"): ["this cannot be empty"],
        ("choices", 0, "weight"): ['"x" is not a number (write it as 12, 1.5 or -3)'],
    }
    errors = {}
    many = [{"text": str(i), "weight": "0"} for i in range(10_000)]
    assert rows.read_rows(many, ("choices",), errors) == []
    assert errors == {
        ("choices",): [
            f"at most {MAX_ROWS} choice rows in the editor (this has 10,000): remove some"
        ]
    }
    errors = {}
    rows.read_rows([{"text": "Alone", "weight": "100"}], ("choices",), errors)
    assert errors == {("choices",): ["add at least 2 choice rows"]}
    errors = {}
    rows.read_rows("not rows", ("choices",), errors)
    assert errors == {("choices",): ["these rows could not be read"]}


# ------------------------------------------------------------------ whole forms


def test_the_form_keeps_what_the_editor_does_not_show():
    sample = Ordering.sample()
    values = form_of(sample)
    values["items"][0]["text"] = "The SDF starts its offensive"
    values["items"].append({"id": "", "text": "Trump claims victory"})
    edited = editing.read_form(Ordering, values, original=sample)
    assert edited.ok, edited.errors
    question = edited.question
    assert (question.id, question.source, question.card_id) == (
        sample.id,
        sample.source,
        sample.card_id,
    )
    # The first item keeps its id and its own quote; the new one gets an id from its text.
    assert question.items[0] == OrderItem(
        "offensive", "The SDF starts its offensive", Source("launched", 5, 13)
    )
    assert question.items[-1] == OrderItem("trump-claims-victory", "Trump claims victory")
    assert question.grading == sample.grading


def test_the_answer_in_words_follows_the_answers_unless_written():
    sample = MultipleChoice.sample()
    values = form_of(sample)
    assert values["answer_display"] == ""  # it is the one the answers make
    values["choices"][1]["text"] = "Al-Baghuz Fawqani"
    edited = editing.read_form(MultipleChoice, values, original=sample)
    assert edited.question.answer_display == "Al-Baghuz Fawqani"
    values["answer_display"] = "Baghouz, on the Euphrates"
    edited = editing.read_form(MultipleChoice, values, original=sample)
    assert edited.question.answer_display == "Baghouz, on the Euphrates"


def test_problems_are_the_types_own_and_name_their_fields():
    values = form_of(MultipleChoice.sample())
    for row in values["choices"]:
        row["weight"] = "0"
    values["prompt"] = "   "
    values["category"] = "  Weather   and  climate "  # any category, cleaned
    edited = editing.read_form(MultipleChoice, values, original=MultipleChoice.sample())
    assert edited.errors == {
        ("prompt",): ["the question has no text"],
        ("choices",): ["no choice is marked correct (100%)"],
    }
    assert edited.question.category == "Weather and climate"
    assert not edited.ok and edited.question is not None  # still previewable
    # The same messages an import gives: a Problem is the message.
    assert edited.question.problems() == [m for ms in edited.errors.values() for m in ms]
    assert all(isinstance(p, Problem) for p in edited.question.problems())
    # What the form's fields cannot produce still names its field (a file's points).
    [points] = MultipleChoice.sample().replace(points=-1.0).problems()
    assert (points, points.field) == (
        "the points must be between 0 and 1000, not -1.0",
        ("points",),
    )


def test_problems_of_rows_and_blanks_point_at_them():
    sample = Cloze.sample()
    values = form_of(sample)
    values["blanks"][1]["accepted"] = [{"text": "Tigris", "weight": "50", "feedback": ""}]
    values["prompt"] = "Only {{1}} here."
    edited = editing.read_form(Cloze, values, original=sample)
    assert edited.errors == {
        ("prompt",): ["the text marks blanks [1] but 2 blank(s) have answers"],
        ("blanks", 1): ["blank 2 has no answer worth full marks"],
    }
    matching = form_of(Matching.sample())
    matching["pairs"] = matching["pairs"][:1]
    edited = editing.read_form(Matching, matching, original=Matching.sample())
    assert edited.errors == {("pairs",): ["add at least 2 pair rows"]}


def test_a_field_that_cannot_be_read_stops_before_the_question():
    values = form_of(Numerical.sample())
    values["numeric"][0]["value"] = "eleven thousand"
    values["numeric"][1]["tolerance"] = "-5"
    edited = editing.read_form(Numerical, values, original=Numerical.sample())
    assert edited.question is None
    assert edited.errors == {
        ("numeric", 0, "value"): ['"eleven thousand" is not a number (write it as 12, 1.5 or -3)'],
        ("numeric", 1, "tolerance"): ["write a number of at least 0"],
    }


def test_true_false_is_edited_as_its_answer_and_two_feedbacks():
    sample = TrueFalse.sample()
    values = form_of(sample)
    assert (values["answer"], values["feedback_false"]) == ("true", "It was September 2018.")
    values["answer"] = "false"
    values["feedback_true"] = "No: it was September."
    question = editing.read_form(TrueFalse, values, original=sample).question
    assert question.choices == (
        Choice("true", "True", 0.0, "No: it was September."),
        Choice("false", "False", 1.0, "It was September 2018."),
    )
    assert question.answer_display == "False"


def test_a_renamed_option_keeps_its_id_unless_another_keeps_it():
    sample = Matching.sample()
    values = form_of(sample)
    values["pairs"][0]["option"] = "The last stand of ISIS"
    question = editing.read_form(Matching, values, original=sample).question
    assert question.pairs[0] == Pair("1", "Baghouz", "a", "The last stand of ISIS")
    # Two items share "a"; renaming one's leaves "a" to the other.
    values = form_of(sample)
    values["pairs"][1]["option"] = "The last stand"
    shared = editing.read_form(Matching, values, original=sample).question
    values = form_of(shared)
    values["pairs"][1]["option"] = "A turning point"
    question = editing.read_form(Matching, values, original=shared).question
    assert [(p.option_id, p.option) for p in question.pairs[:2]] == [
        ("a", "The last stand"),
        ("b", "A turning point"),  # "b" is free again
    ]


def test_matching_options_keep_their_ids_by_text():
    sample = Matching.sample()
    values = form_of(sample)
    values["pairs"][1]["option"] = "The last stand"  # now shares the first pair's option
    values["pairs"].append({"item_id": "", "item": "Hajin", "option": "Fell in December"})
    question = editing.read_form(Matching, values, original=sample).question
    assert question.pairs == (
        Pair("1", "Baghouz", "a", "The last stand"),
        Pair("2", "Kobani", "a", "The last stand"),
        Pair("3", "Susa", "c", "Destroyed by air strikes"),
        Pair("4", "", "d", "Peace talks"),
        Pair("5", "Hajin", "e", "Fell in December"),
    )


def test_a_new_question_from_the_defaults():
    values = editing.new_form_values(Cloze)
    assert values["blanks"] == [{"accepted": [{"text": "", "weight": "100", "feedback": ""}]}]
    values["prompt"] = "The battle of {{1}} ended in March 2019."
    values["blanks"][0]["accepted"][0]["text"] = "Baghouz"
    edited = editing.read_form(Cloze, values, question_id="new")
    assert edited.ok, edited.errors
    assert edited.question.blanks == ((Accepted("Baghouz", 1.0, ""),),)
    assert editing.new_question_id(edited.question, ["q-the-battle-of-ended-in-march-2019"]) == (
        "q-the-battle-of-ended-in-march-2019-2"
    )
    titled = edited.question.replace(title="Baghouz, à la fin")
    assert editing.new_question_id(titled, []) == "q-baghouz-a-la-fin"


# ------------------------------------------------------------------------ rows


def test_rows_are_added_removed_and_moved():
    values = form_of(MultipleChoice.sample())
    texts = lambda v: [row["text"] for row in v["choices"]]  # noqa: E731
    added, focus = editing.change_rows(MultipleChoice, values, "add", ("choices",))
    assert texts(added) == ["Raqqa", "Baghouz", "Mosul", "Hajin", ""]
    assert added["choices"][-1] == {"text": "", "weight": "0", "feedback": "", "id": ""}
    assert focus == ("choices", 4)
    assert texts(values) == ["Raqqa", "Baghouz", "Mosul", "Hajin"]  # the input is left alone
    moved, focus = editing.change_rows(MultipleChoice, values, "up", ("choices", 1))
    assert (texts(moved), focus) == (["Baghouz", "Raqqa", "Mosul", "Hajin"], ("choices", 0))
    moved, focus = editing.change_rows(MultipleChoice, values, "down", ("choices", 3))
    assert (texts(moved), focus) == (texts(values), ("choices", 3))  # the last stays last
    removed, focus = editing.change_rows(MultipleChoice, values, "remove", ("choices", 0))
    assert (texts(removed), focus) == (["Baghouz", "Mosul", "Hajin"], ("choices",))
    # Nested: a cloze blank's answers.
    cloze = form_of(Cloze.sample())
    added, focus = editing.change_rows(Cloze, cloze, "add", ("blanks", 1, "accepted"))
    assert [a["text"] for a in added["blanks"][1]["accepted"]] == ["Euphrates", "Tigris", ""]
    assert focus == ("blanks", 1, "accepted", 2)
    # Paths that name nothing change nothing.
    for op, path in (
        ("add", ("title",)),
        ("add", ("nothing",)),
        ("remove", ("choices", 99)),
        ("up", ("choices",)),
        ("add", ("blanks", 5, "accepted")),
        ("add", (3,)),
    ):
        for cls, form in ((MultipleChoice, values), (Cloze, cloze)):
            assert editing.change_rows(cls, form, op, path)[0] == form


def test_a_full_list_takes_no_more_rows():
    values = form_of(MultipleChoice.sample())
    values["choices"] = values["choices"] * 50  # 200
    assert editing.change_rows(MultipleChoice, values, "add", ("choices",))[0] == values


def test_actions_and_paths_as_the_form_names_them():
    assert editing.parse_action("remove:choices-2") == ("remove", ("choices", 2))
    assert editing.parse_action("add:blanks-0-accepted") == ("add", ("blanks", 0, "accepted"))
    for bad in ("save", "preview", "explode:choices", "add:", "", "add:" + "x" * 300):
        assert editing.parse_action(bad) is None
    assert editing.path_name(("blanks", 0, "accepted", 1)) == "blanks-0-accepted-1"
    assert editing.field_label(Cloze, ("blanks", 0, "accepted", 1, "weight")) == (
        "Blank 1, answer 2, grade"
    )
    assert editing.field_label(MultipleChoice, ("choices",)) == "Choices"
    assert editing.field_label(TrueFalse, ("feedback_true",)) == "Feedback for True"


def test_sections_hold_every_field_once():
    for cls in QUESTION_TYPES.values():
        names = [f.name for _, _, fields in editing.sections(cls) for f in fields]
        assert sorted(names) == sorted(f.name for f in editing.schema(cls))
        assert len(set(names)) == len(names)
    # What cannot be marked has no answer in words; a description no answers at all.
    description = [f.name for f in editing.schema(QUESTION_TYPES["description"])]
    assert "answer_display" not in description
    assert [name for name, _, _ in editing.sections(QUESTION_TYPES["description"])] == [
        "question",
        "feedback",
        "about",
    ]


# ----------------------------------------------------------------------- images


def test_an_image_is_attached_and_shown_at_the_end_of_the_text():
    image = MediaFile.from_bytes("map of Baghouz.png", png())
    values = form_of(MultipleChoice.sample())
    attached, problem = editing.attach_image(values, image, '  The  "last" town ')
    assert problem is None
    assert attached["text_format"] == "moodle"  # plain text shows the same in it
    assert attached["prompt"] == (
        "Where did ISIS make its last stand in Syria?\n\n"
        '<img src="@@PLUGINFILE@@/map%20of%20Baghouz.png" alt="The &quot;last&quot; town">'
    )
    question = editing.read_form(MultipleChoice, attached, original=MultipleChoice.sample())
    assert question.ok, question.errors
    assert question.question.files == (image,)
    # Attached again: a name of its own.  In Markdown: Markdown's image.
    again, _ = editing.attach_image(attached, image, "Again")
    assert [row["name"] for row in again["files"]] == ["map of Baghouz.png", "map of Baghouz-2.png"]
    markdown = {**form_of(MultipleChoice.sample()), "text_format": "markdown", "prompt": ""}
    attached, _ = editing.attach_image(markdown, image, "A [map]")
    assert attached["prompt"] == "![A (map)](@@PLUGINFILE@@/map%20of%20Baghouz.png)"


def test_an_image_needs_a_description_and_a_text_that_can_show_it():
    image = MediaFile.from_bytes("map.png", png())
    values = form_of(MultipleChoice.sample())
    assert editing.attach_image(values, image, "   ") == (
        values,
        "describe the image in a few words first (its alt text, read to those who cannot see it)",
    )
    values["choices"][0]["text"] = "Raqqa <the capital>"
    unchanged, problem = editing.attach_image(values, image, "A map")
    assert unchanged == values
    assert problem.startswith("a plain-text question cannot show an image")


def test_images_are_kept_dropped_and_shown_in_the_preview():
    image = MediaFile.from_bytes("map.png", png())
    original = MultipleChoice.sample().replace(
        prompt='Where? <img src="@@PLUGINFILE@@/map.png" alt="A map">',
        text_format="html",
        files=(image,),
    )
    values = form_of(original)
    assert values["files"] == [
        {"name": "map.png", "keep": True, "mime": "image/png", "content": ""}
    ]
    assert editing.read_form(MultipleChoice, values, original=original).question == original
    values["files"][0]["keep"] = False
    edited = editing.read_form(MultipleChoice, values, original=original)
    assert edited.errors == {
        ("files",): [
            'the text still shows the image "map.png": remove its reference from the text '
            "too, or keep the image"
        ]
    }
    values["prompt"] = "Where?"
    assert editing.read_form(MultipleChoice, values, original=original).question.files == ()
    shown = editing.with_data_urls(original)
    assert shown.prompt.startswith('Where? <img src="data:image/png;base64,iVBORw0KGgo')
    assert shown.files == original.files
    assert editing.with_data_urls(MultipleChoice.sample()) == MultipleChoice.sample()


def test_an_attached_file_that_is_not_an_image_is_refused():
    values = form_of(MultipleChoice.sample())
    values["files"] = [
        {"name": "notes.pdf", "keep": True, "mime": "image/png", "content": "JVBERi0xLjQK"},
        {"name": "x.png", "keep": True, "mime": "image/png", "content": "not base64!"},
    ]
    edited = editing.read_form(MultipleChoice, values, original=MultipleChoice.sample())
    assert edited.question is None
    assert edited.errors[("files", 0)] == [
        "the image 'notes.pdf' could not be read: the file \"notes.pdf\" is a PDF document; "
        "only images are allowed"
    ]
    assert ("files", 1) in edited.errors


def test_what_the_editor_cannot_hold_is_said():
    values = form_of(MultipleChoice.sample())
    assert editing.oversized(MultipleChoice, values) == []
    values["choices"] = values["choices"] * 75  # 300
    assert editing.oversized(MultipleChoice, values) == ["300 choices; the editor holds 200"]
    cloze = form_of(Cloze.sample())
    cloze["blanks"][1]["accepted"] = cloze["blanks"][1]["accepted"] * 30  # 60
    assert editing.oversized(Cloze, cloze) == [
        "blank 2 has 60 accepted answers; the editor holds 50"
    ]
    image = MediaFile.from_bytes("map.png", png())
    full = {**form_of(MultipleChoice.sample()), "files": [{"name": f"{n}.png"} for n in range(50)]}
    assert editing.attach_image(full, image, "A map") == (
        full,
        "the editor holds at most 50 images for one question",
    )
