"""Which flashcards an answer is evidence for (``Question.card_scores``): the question's one
card with the whole score by default, a matching question's pair cards each with its own
pair's score; for every registered type, only cards that the question makes or names."""

from __future__ import annotations

import pytest

from question_bank.types import QUESTION_TYPES, Accepted, CardScore, Matching, Pair, ShortAnswer


def matching(**fields) -> Matching:
    return Matching(
        id="m",
        prompt="Match each place with what happened there.",
        category="place",
        pairs=(
            Pair("1", "Baghouz", "a", "The last stand"),
            Pair("2", "Kobani", "b", "A turning point"),
            Pair("3", "Raqqa", "c", "The former capital"),
            Pair("", "", "d", "Peace talks"),  # an extra option: no item, no card
        ),
        **fields,
    )


def test_by_default_the_whole_score_on_the_questions_one_card():
    question = ShortAnswer(id="q1", prompt="Who?", accepted=(Accepted("Bali", 1.0),))
    assert question.card_scores("Bali", 1.0) == (CardScore("q1", 1.0, "recall"),)
    named = question.replace(card_id="bali")
    assert named.card_scores("nobody", 0.0) == (CardScore("bali", 0.0, "recall"),)


def test_a_matching_answer_scores_each_pair_on_its_own_card():
    question = matching()
    response = {"1": "a", "2": "c"}  # Baghouz right, Kobani wrong, Raqqa unanswered
    assert question.card_scores(response, question.grade(response).score) == (
        CardScore("m-1", 1.0, "recognition"),
        CardScore("m-2", 0.0, "recognition"),
    )
    # the cards named are the cards the question makes
    assert {c.id for c in question.cards()} == {"m-1", "m-2", "m-3"}
    every = question.correct_response()
    assert [p.card for p in question.card_scores(every, 1.0)] == ["m-1", "m-2", "m-3"]


def test_a_matching_questions_card_id_names_its_pair_cards():
    question = matching(card_id="places")
    assert question.card_scores({"3": "d"}, 0.0) == (CardScore("places-3", 0.0, "recognition"),)
    assert [c.id for c in question.cards()] == ["places-1", "places-2", "places-3"]


def test_the_pair_cards_do_not_depend_on_the_order_shown():
    question = matching()
    shown = question.replace(pairs=tuple(reversed(question.pairs)))
    response = {"1": "b", "2": "b", "3": "c"}
    assert set(shown.card_scores(response, 0.0)) == set(question.card_scores(response, 0.0))


@pytest.mark.parametrize("name", sorted(QUESTION_TYPES))
def test_every_type_names_only_the_cards_it_makes_or_names(name):
    """With a right answer, a type that makes cards names some of them, each with a score
    in 0..1; one that makes none names the card its ``card_id`` (or id) would name."""
    sample = QUESTION_TYPES[name].sample()
    if not (sample.answerable and sample.gradable):
        return
    response = sample.correct_response()
    parts = sample.card_scores(response, sample.grade(response).score)
    made = {card.id for card in sample.cards()} or {sample.card_id or sample.id}
    assert parts and {p.card for p in parts} <= made
    assert all(0.0 <= p.score <= 1.0 and p.evidence == sample.evidence for p in parts)
