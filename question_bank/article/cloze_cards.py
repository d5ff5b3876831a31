"""Cloze cards for the key facts of the seed article (``CARDS``), added to the bank's cards.

Each card is one of the article's own sentences (or the clause that holds the fact), quoted
exactly, with one fact hidden as Anki hides it: ``{{c1::answer}}``, ``{{c1::answer::hint}}``
(``question_bank.cloze_marks``).  One deletion a card (one fact a card); a date keeps its
year; the words around the gap are enough to know what is asked.  They test facts the
front-and-back cards ask as questions, from the other side: the learner reads the fact in
its context and supplies the missing piece, which is how the article will be met again.

A card is written with its deletion marked in the quote; ``cloze_card`` finds the quote
(deletion markers removed) in the article with ``builder.locate``, as the bank does, and
builds the card's text from the article's exact characters (curly quotes, no-break spaces),
so that the card and its ``Source`` agree to the character.  Ids start with ``cloze-`` and
never change: schedules hang on them.
"""

from __future__ import annotations

from question_bank import cloze_marks
from question_bank.article.builder import locate
from question_bank.article.text import article_text
from question_bank.sets import Card


def cloze_card(card_id: str, category: str, marked: str) -> Card:
    """A cloze card of the article: ``marked`` is a quote with its deletions written in.
    Raises ``ValueError`` when the quote is not in the article (a test checks them all)."""
    found = cloze_marks.deletions(marked)
    if len(found) != 1:
        raise ValueError(f"a card of the article hides one fact: {marked!r}")
    source = locate(article_text(), cloze_marks.full_text(marked))
    # The quote as the article writes it, and where the deletion falls in it: the loose
    # match of ``locate`` pairs each character of the quote with one of the article's.
    start = marked.index("{{c")
    answer = found[0].answer
    hint = f"::{found[0].hint}" if found[0].hint else ""
    exact = source.quote
    cloze = (
        exact[:start]
        + "{{c1::"
        + exact[start : start + len(answer)]
        + hint
        + "}}"
        + exact[start + len(answer) :]
    )
    return Card(id=card_id, cloze=cloze, category=category, tags=("cloze",), source=source)


CARDS: tuple[Card, ...] = (
    cloze_card(
        "cloze-thesis-territorial-defeat",
        "outcome",
        "“Syrian Democratic Forces declare total elimination of so-called caliphate and 100 "
        "per cent {{c1::territorial::what kind of}} defeat of Isis,” said Mustafa Bali",
    ),
    cloze_card(
        "cloze-existed-without-territory",
        "outcome",
        "ISIS is likely to remain a potent force in both Iraq and Syria. It has, after all, "
        "existed longer {{c1::without territory}} than with it.",
    ),
    cloze_card(
        "cloze-offensive-september-2018",
        "date",
        "In {{c1::September 2018::month and year}}, the SDF launched a major offensive in a "
        "small area along the Euphrates river to defeat ISIS",
    ),
    cloze_card(
        "cloze-last-stand-baghouz",
        "place",
        "the last leg of the offensive reduced its territory to tents and buildings over "
        "just 1.5 square miles in {{c1::Baghouz}}",
    ),
    cloze_card(
        "cloze-sdf-lost-11000",
        "outcome",
        "The SDF said Saturday that it had lost {{c1::11,000}} fighters over the course of "
        "the operation.",
    ),
    cloze_card(
        "cloze-coalition-79-members",
        "actor",
        "to form a {{c1::79}}-member coalition targeted against the Islamic State",
    ),
    cloze_card(
        "cloze-kobani-turning-point",
        "place",
        "A turning point, which marked the beginning of the end for ISIS, was the recapture "
        "of {{c1::Kobani}}, a Kurdish Syrian city on the border with Turkey.",
    ),
    cloze_card(
        "cloze-arab-league-suspension-2011",
        "date",
        "a growing number of Arab states have voiced support for Syria’s return to the Arab "
        "League; they had suspended the country’s membership in "
        "{{c1::November 2011::month and year}}.",
    ),
    cloze_card(
        "cloze-civilian-deaths-1190",
        "outcome",
        "The coalition launched more than 30,000 air strikes during Operation Inherent "
        "Resolve, laying waste to towns and cities in the process; it took responsibility "
        "for {{c1::1,190}} civilian deaths, although the numbers are likely higher.",
    ),
    cloze_card(
        "cloze-caliphate-declared-2014",
        "date",
        "before ISIS leader Abu Bakr Al-Baghdadi declared his so-called caliphate in "
        "{{c1::2014::year}}.",
    ),
    cloze_card(
        "cloze-nia-arrests-103",
        "outcome",
        "According to a 2017 report by the Ministry of Home Affairs, the NIA had arrested "
        "as many as {{c1::103}} in connection to cases against ISIS cadres",
    ),
)
