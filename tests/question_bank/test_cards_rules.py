"""The rules of good cards (``question_bank.card_rules``), cloze cards (``cloze_marks``)
and the cards each question type makes."""

from __future__ import annotations

import json

import pytest

from question_bank import card_rules, cloze_marks
from question_bank.formats import anki, anki_text, apkg, json_format, tabular
from question_bank.sets import Card, QuestionSet
from question_bank.types import (
    Accepted,
    Choice,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleResponse,
    Ordering,
    ShortAnswer,
    Source,
    TrueFalse,
)
from question_bank.types.values import Pair

# ------------------------------------------------------------------------- cloze text


def test_front_hides_every_deletion_and_shows_hints():
    text = "The {{c1::Treaty of Lausanne}} was signed in {{c2::1923::year}}."
    assert cloze_marks.front_text(text) == "The […] was signed in [year]."
    assert cloze_marks.answer_text(text) == "Treaty of Lausanne; 1923"
    assert cloze_marks.full_text(text) == "The Treaty of Lausanne was signed in 1923."


def test_one_card_per_anki_number_with_the_others_written_out():
    text = "{{c1::Ankara}} is the capital; {{c2::Istanbul}} is the largest; {{c1::Ankara}}."
    assert cloze_marks.split_numbers(text) == [
        (1, "{{c1::Ankara}} is the capital; Istanbul is the largest; {{c1::Ankara}}."),
        (2, "Ankara is the capital; {{c1::Istanbul}} is the largest; Ankara."),
    ]
    single = cloze_marks.as_single_number("{{c3::a::h}} and {{c2::b}}")
    assert single == "{{c1::a::h}} and {{c1::b}}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No deletion here.", "at least one deletion"),
        ("An empty {{c1::}} one.", "has no answer"),
        ("Not closed {{c1::Ankara is the capital.", "not closed"),
        ("{{c1::Ankara}}", "some text around"),
    ],
)
def test_bad_cloze_texts_are_explained(text, expected):
    card = Card(id="c", cloze=text)
    assert any(expected in problem for problem in card.problems()), card.problems()


def test_a_cloze_card_makes_its_front_and_back_and_round_trips_through_json():
    card = Card(
        id="lausanne",
        cloze="The Treaty of {{c1::Lausanne}} was signed in 1923.",
        extra="It replaced the Treaty of Sèvres.",
        category="dates",
    )
    assert card.front == "The Treaty of […] was signed in 1923."
    assert card.back == "Lausanne"
    assert card.problems() == []
    question_set = QuestionSet(name="S", questions=(), cards=(card,))
    text = json_format.dump(question_set)
    assert json.loads(text)["sets"][0]["cards"][0]["cloze"] == card.cloze
    [back] = json_format.parse(text).sets
    assert back.cards == (card,)


def test_a_cloze_card_in_json_needs_no_front_or_back_and_ignores_stale_ones():
    data = {
        "sets": [
            {
                "name": "S",
                "questions": [ShortAnswer.sample().to_dict()],
                "cards": [{"id": "c", "cloze": "{{c1::Ankara}} is the capital.", "back": "x"}],
            }
        ]
    }
    result = json_format.parse(json.dumps(data))
    assert result.errors == []
    [card] = result.sets[0].cards
    assert (card.front, card.back) == ("[…] is the capital.", "Ankara")


def test_an_anki_package_keeps_cloze_cards_as_cloze_cards():
    cards = (
        Card(id="a", front="Capital of Türkiye?", back="Ankara"),
        Card(id="b", cloze="The republic was founded in {{c1::1923::year}}.", extra="by Atatürk"),
        Card(id="c", cloze="{{c1::Lausanne}} and {{c2::Sèvres}} were treaties."),
    )
    package = anki.dump(QuestionSet(name="Deck", cards=cards))
    result = apkg.parse(package, "Deck")
    assert result.errors == []
    read = {c.front: c for c in result.cards}
    assert read["The republic was founded in [year]."].cloze == cards[1].cloze
    assert read["The republic was founded in [year]."].extra == "by Atatürk"
    # One Anki card hides both deletions of a card, as the card does here.
    both = read["[…] and […] were treaties."]
    assert both.cloze == "{{c1::Lausanne}} and {{c1::Sèvres}} were treaties."
    assert both.back == "Lausanne; Sèvres"
    assert read["Capital of Türkiye?"].back == "Ankara"
    assert len(result.cards) == 3


# ------------------------------------------------------------------- rules of a card


@pytest.mark.parametrize(
    ("prompt", "front"),
    [
        ("Which of the following was the capital? Choose one.", "Which was the capital?"),
        ("(Select one) Who founded the republic?", "Who founded the republic?"),
        ("Which of these cities is the capital?", "Which cities is the capital?"),
        ("Who founded the republic?", "Who founded the republic?"),
    ],
)
def test_recall_front_drops_instructions_about_options(prompt, front):
    assert card_rules.recall_front(prompt) == front
    assert not card_rules.keeps_instruction(front)


def test_rules_name_what_is_wrong():
    assert card_rules.card_problems("Is Ankara the capital?", "True")
    assert card_rules.card_problems("Choose all that apply: capitals", "Ankara")
    assert card_rules.card_problems("Which one?", "All of the above")
    assert card_rules.card_problems("When was the treaty signed?", "24 July")
    assert card_rules.card_problems("When was the treaty signed?", "24 July 1923") == []
    # "May" is a name unless a day stands beside it.
    assert card_rules.card_problems("Who was prime minister?", "Theresa May") == []
    assert card_rules.card_problems("When?", "May 4th")


def test_a_date_gets_the_year_its_source_gives():
    quote = "The treaty was signed on 24 July 1923 in Lausanne."
    assert card_rules.dated_back("24 July", quote) == "24 July 1923"
    assert card_rules.dated_back("July 24", "On July 24, 1923.") == "July 24, 1923"
    assert card_rules.dated_back("24 July", "Signed in July.") == "24 July"


def _choices(*texts: str) -> tuple[Choice, ...]:
    return tuple(
        Choice(id=chr(97 + i), text=t, weight=1.0 if i == 0 else 0.0) for i, t in enumerate(texts)
    )


def test_true_false_and_multiple_response_make_no_card():
    statement = TrueFalse.sample()
    assert statement.card() is None and statement.cards() == ()
    several = MultipleResponse.sample()
    assert several.cards() == ()
    assert Ordering.sample().cards() == ()


def test_multiple_choice_makes_a_recall_card():
    question = MultipleChoice(
        id="q",
        prompt="Which of the following is the capital of Türkiye? Select one.",
        choices=_choices("Ankara", "Istanbul", "Izmir"),
        answer_display="Ankara",
    )
    [card] = question.cards()
    assert (card.front, card.back) == ("Which is the capital of Türkiye?", "Ankara")
    above = question.replace(
        choices=_choices("All of the above", "Ankara"), answer_display="All of the above"
    )
    assert above.cards() == ()


def test_a_date_without_year_takes_it_from_the_source_or_makes_no_card():
    question = ShortAnswer(
        id="q",
        prompt="On which day was the treaty signed?",
        accepted=(Accepted("24 July", 1.0),),
        answer_display="24 July",
    )
    assert question.cards() == ()
    quoted = question.replace(source=Source("It was signed on 24 July 1923.", 0, 30))
    [card] = quoted.cards()
    assert card.back == "24 July 1923"


def test_matching_makes_a_recall_card_per_pair():
    question = Matching(
        id="m",
        prompt="Match each city with its region.",
        pairs=(
            Pair("1", "Ankara", "a", "Central Anatolia"),
            Pair("2", "Izmir", "b", "Aegean"),
        ),
        answer_display="x",
    )
    assert question.card() is None
    assert [(c.id, c.front, c.back) for c in question.cards()] == [
        ("m-1", "Ankara: its region", "Central Anatolia"),
        ("m-2", "Izmir: its region", "Aegean"),
    ]


def test_a_cloze_question_makes_a_cloze_card():
    question = Cloze(
        id="c",
        prompt="The Treaty of {{1}} was signed in {{2}}.",
        blanks=((Accepted("Lausanne", 1.0), Accepted("Lozan", 1.0)), (Accepted("1923", 1.0),)),
        answer_display="Lausanne; 1923",
    )
    [card] = question.cards()
    assert card.cloze == "The Treaty of {{c1::Lausanne}} was signed in {{c2::1923}}."
    assert card.front == "The Treaty of […] was signed in […]."
    # The CSV export writes its front and back, and reads them back as a plain card.
    result = tabular.parse_csv(tabular.dump(QuestionSet(name="S", questions=(question,))))
    assert [(c.front, c.back) for c in result.cards] == [(card.front, card.back)]


def test_a_set_derives_only_good_cards():
    questions = (TrueFalse.sample(), MultipleResponse.sample(), ShortAnswer.sample())
    cards = QuestionSet(name="S", questions=questions).effective_cards()
    assert [c.id for c in cards] == [ShortAnswer.sample().card_id or ShortAnswer.sample().id]


def test_a_plain_text_anki_export_reads_cloze_notes_as_cloze_cards():
    text = (
        "#separator:tab\n#html:false\n#notetype column:1\n"
        "Cloze\tThe {{c1::nucleus}} holds the {{c2::DNA::molecule}}.\tin every cell\n"
        "Basic\tCapital of Türkiye?\tAnkara\n"
    )
    result = anki_text.parse(text, "Cells")
    assert result.errors == []
    assert [(c.cloze, c.front, c.back, c.extra) for c in result.cards] == [
        (
            "The {{c1::nucleus}} holds the DNA.",
            "The […] holds the DNA.",
            "nucleus",
            "in every cell",
        ),
        (
            "The nucleus holds the {{c1::DNA::molecule}}.",
            "The nucleus holds the [molecule].",
            "DNA",
            "in every cell",
        ),
        ("", "Capital of Türkiye?", "Ankara", ""),
    ]
