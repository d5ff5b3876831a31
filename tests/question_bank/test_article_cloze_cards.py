"""The article's cloze cards: exact quotes at their offsets, one fact each, stable ids."""

from __future__ import annotations

import re

import pytest

from question_bank import card_rules, cloze_marks
from question_bank.article import FACTS, article_text, load_bank
from question_bank.article.cloze_cards import CARDS, cloze_card

TEXT = article_text()


def test_about_ten_cards_with_new_stable_ids():
    assert 9 <= len(CARDS) <= 12
    ids = [c.id for c in CARDS]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"cloze-[a-z0-9-]+", i) for i in ids)
    assert not set(ids) & {f.id for f in FACTS}
    assert [c.id for c in load_bank().cards][-len(CARDS) :] == ids


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.id)
def test_each_card_quotes_the_article_at_its_offsets_and_hides_one_fact(card):
    assert card.problems() == []
    assert card.source is not None
    assert TEXT[card.source.start : card.source.end] == card.source.quote
    # The sentence with its answer written out is the article's, character for character.
    assert cloze_marks.full_text(card.cloze) == card.source.quote
    [deletion] = cloze_marks.deletions(card.cloze)
    assert deletion.number == 1 and deletion.answer.strip()
    assert card.back == deletion.answer
    assert deletion.answer not in card.front
    if card.category == "date":
        assert re.search(r"\b(19|20)\d\d\b", deletion.answer), "a date keeps its year"
    assert not card_rules.date_without_year(card.back)


def test_a_quote_not_in_the_article_or_with_two_gaps_is_refused():
    with pytest.raises(ValueError, match="not found"):
        cloze_card("cloze-x", "date", "In {{c1::June 2020}}, nothing happened")
    with pytest.raises(ValueError, match="one fact"):
        cloze_card("cloze-x", "date", "In {{c1::September}} {{c2::2018}}, the SDF launched")


def test_curly_quotes_of_the_article_are_kept():
    thesis = next(c for c in CARDS if c.id == "cloze-thesis-territorial-defeat")
    assert thesis.cloze.startswith("\u201cSyrian Democratic Forces")
    assert "{{c1::territorial::what kind of}}" in thesis.cloze
    ending = "100 per cent [what kind of] defeat of Isis,\u201d said Mustafa Bali"
    assert thesis.front.endswith(ending)
