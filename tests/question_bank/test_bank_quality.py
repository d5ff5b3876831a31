"""The article bank against the rules of good items (issue 18's "Done when").

``test_article_bank`` checks that the bank is well formed; this checks that it teaches:
true/false statements that must be read (paraphrased, balanced, no absolute word to give the
key away), choices that do not point at the key by their length, feedback on every item and
on every wrong choice, understanding questions marked as such in every export, one timeline
to put in order, and flashcards of one fact each, dated with their year.

Each check collects the ids that break it, so a failure names every offender at once.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable

import pytest

from question_bank.article import article_text, load_bank
from question_bank.article.categories import CAUSES_AND_CLAIMS, UNDERSTANDING
from question_bank.formats import gift, json_format, moodle_xml
from question_bank.sets import Card
from question_bank.types import (
    MultipleChoice,
    MultipleResponse,
    Ordering,
    Question,
    TrueFalse,
    UnsupportedType,
)

BANK = load_bank()
QUESTIONS = BANK.questions
CARDS = BANK.cards
TEXT = article_text()

#: A true/false statement sharing this many words in a row with the article copies it.
VERBATIM_RUN = 7
#: Words that make a statement absolute: "true unless it says always" would score.
ABSOLUTE_WORDS = frozenset(
    [
        "all",
        "always",
        "never",
        "every",
        "everyone",
        "none",
        "nothing",
        "only",
        "solely",
        "entirely",
        "completely",
        "totally",
        "wholly",
        "single",
        "established",
        "proven",
        "undoubtedly",
        "certainly",
    ]
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
#: What joins the items of a list on a card's back: a comma (not a thousands separator)
#: or "and".  More than two joins and the back is a set of four or more.
LIST_JOIN = re.compile(r"(?<!\d),|,(?!\d)|\band\b", re.IGNORECASE)
MAX_JOINS = 2
#: A figure that is not a year ("16", "1,190", "1.5").
FIGURE = re.compile(r"(?<![\d.,])\d[\d,.]*")


def _words(text: str) -> list[str]:
    """Lower-case words without accents, apostrophes or punctuation."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if unicodedata.category(c) != "Mn")
    plain = re.sub(r"['\u2018\u2019]", "", plain)
    return re.findall(r"[a-z0-9]+", plain)


def _ngrams(words: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


ARTICLE_RUNS = _ngrams(_words(TEXT), VERBATIM_RUN)


def _true_false() -> list[TrueFalse]:
    return [q for q in QUESTIONS if isinstance(q, TrueFalse)]


def _single_choice() -> list[MultipleChoice]:
    return [q for q in QUESTIONS if isinstance(q, MultipleChoice) and not isinstance(q, TrueFalse)]


def _understanding() -> list[Question]:
    return [q for q in QUESTIONS if q.category == CAUSES_AND_CLAIMS]


def _ids(items: Iterable[Question | Card]) -> list[str]:
    return [item.id for item in items]


# --------------------------------------------------------------------- true/false


def copies_its_sentence(question: TrueFalse) -> bool:
    """The statement is its quote, holds it, or shares a long run of words with the article."""
    statement = " ".join(_words(question.prompt))
    quote = " ".join(_words(question.source.quote))
    if quote in statement or statement in quote:
        return True
    return bool(_ngrams(_words(question.prompt), VERBATIM_RUN) & ARTICLE_RUNS)


def test_no_true_false_statement_copies_the_article():
    copied = [q.id for q in _true_false() if copies_its_sentence(q)]
    assert copied == [], f"paraphrase these (a run of {VERBATIM_RUN} words is a copy)"


def test_true_false_statements_have_no_absolute_word():
    cued = [q.id for q in _true_false() if ABSOLUTE_WORDS & set(_words(q.prompt))]
    assert cued == []


def test_true_and_false_keys_are_balanced():
    statements = _true_false()
    true = sum(1 for q in statements if q.correct_response() == "true")
    assert statements
    assert 0.4 <= true / len(statements) <= 0.6, f"{true} of {len(statements)} are True"


def test_the_key_is_seldom_the_longest_choice():
    questions = _single_choice()
    longest = []
    for question in questions:
        key = max(question.choices, key=lambda c: c.weight)
        if all(len(key.text) > len(c.text) for c in question.choices if c is not key):
            longest.append(question.id)
    assert len(longest) <= len(questions) / 3, f"{len(longest)} of {len(questions)}: {longest}"


# ------------------------------------------------------------------------ feedback


def test_every_question_has_feedback():
    def has_feedback(question: Question) -> bool:
        choices = getattr(question, "choices", ())
        return bool(question.general_feedback.strip() or any(c.feedback for c in choices))

    assert [q.id for q in QUESTIONS if not has_feedback(q)] == []


def test_every_wrong_choice_says_why():
    missing = [
        f"{q.id}: {c.text}"
        for q in QUESTIONS
        if isinstance(q, MultipleChoice | MultipleResponse)
        for c in q.choices
        if c.weight <= 0 and not c.feedback.strip()
    ]
    assert missing == []


# ------------------------------------------------------------------- understanding


def test_at_least_fifteen_understanding_questions_marked_as_such():
    understanding = _understanding()
    assert len(understanding) >= 15
    tagged = [q for q in QUESTIONS if UNDERSTANDING in q.tags]
    assert _ids(tagged) == _ids(understanding), "the category and the tag go together"
    cards = {c.id: c for c in CARDS}
    for question in understanding:
        card = cards[question.card_id]
        assert card.category == CAUSES_AND_CLAIMS and UNDERSTANDING in card.tags, card.id
    assert len({q.type_name for q in understanding}) >= 4, "of several types"


def _gift_round_trip(bank) -> list[Question]:
    """GIFT holds every type but ordering (it has no syntax for it): those are left out."""
    writable = []
    for question in bank.questions:
        try:
            gift.dump(dataclasses.replace(bank, questions=(question,), cards=()))
        except UnsupportedType:
            continue
        writable.append(question)
    text = gift.dump(dataclasses.replace(bank, questions=tuple(writable), cards=()))
    return list(gift.parse(text).questions)


@pytest.mark.parametrize(
    "read_back",
    [
        pytest.param(_gift_round_trip, id="gift"),
        pytest.param(lambda bank: moodle_xml.parse(moodle_xml.dump(bank)).questions, id="moodle"),
        pytest.param(lambda bank: json_format.parse(json_format.dump(bank)).questions, id="json"),
    ],
)
def test_understanding_is_marked_in_every_export(read_back):
    understanding = _understanding()
    back = {q.id: q for q in read_back(BANK) if q.id in {u.id for u in understanding}}
    # Every understanding question comes back, but an ordering one from GIFT.
    assert set(back) >= {q.id for q in understanding if not isinstance(q, Ordering)}
    for question in back.values():
        assert question.category == CAUSES_AND_CLAIMS, question.id
        assert UNDERSTANDING in question.tags, question.id


# ------------------------------------------------------------------------ timeline

#: The defeat's timeline, as the article tells it: what each item's quote must say, in order.
TIMELINE = ("September 2018", "October", "December", "February", "March", "declare")


def test_one_timeline_to_put_in_order():
    orderings = [q for q in QUESTIONS if isinstance(q, Ordering)]
    assert len(orderings) == 1, _ids(orderings)
    (timeline,) = orderings
    assert timeline.category == CAUSES_AND_CLAIMS and UNDERSTANDING in timeline.tags
    quotes = [item.source.quote for item in timeline.items]
    assert len(quotes) == len(TIMELINE)
    for quote, marker in zip(quotes, TIMELINE, strict=True):
        assert marker in quote, (marker, quote)
    for item in timeline.items:
        assert TEXT[item.source.start : item.source.end] == item.source.quote, item.id
    assert timeline.general_feedback.strip()


# --------------------------------------------------------------------------- cards


def facts_on_the_back(card: Card) -> list[str]:
    """Why ``card``'s back holds more than one fact (nothing when it holds one)."""
    why = []
    if ";" in card.back:
        why.append("a semicolon joins two statements")
    if len(LIST_JOIN.findall(card.back)) > MAX_JOINS:
        why.append("a list of four or more")
    figures = [f for f in FIGURE.findall(card.back) if not YEAR.fullmatch(f)]
    if len(figures) > 1:
        why.append(f"{len(figures)} figures")
    return why


def test_every_card_holds_one_fact():
    crowded = {c.id: why for c in CARDS if (why := facts_on_the_back(c))}
    assert crowded == {}, "split these into one card per fact"


def asks_when(card: Card) -> bool:
    front = card.front.strip().casefold()
    return front.startswith("when") or bool(re.match(r"in (which|what) (month|year)", front))


def test_dated_cards_carry_their_year():
    def names_a_month(text: str) -> bool:
        return any(re.search(rf"\b{month}\b", text) for month in MONTHS)

    undated = [
        c.id for c in CARDS if (asks_when(c) or names_a_month(c.back)) and not YEAR.search(c.back)
    ]
    assert undated == []


def test_every_quote_is_verbatim_at_its_offsets():
    wrong = []
    sources = [(item.id, item.source) for item in (*CARDS, *QUESTIONS)]
    sources += [
        (f"{q.id}/{item.id}", item.source)
        for q in QUESTIONS
        if isinstance(q, Ordering)
        for item in q.items
        if item.source is not None
    ]
    for item_id, source in sources:
        if source is None or TEXT[source.start : source.end] != source.quote:
            wrong.append(item_id)
    assert wrong == []
