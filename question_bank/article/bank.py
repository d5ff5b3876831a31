"""The hand-written question bank for "What the defeat of ISIS really means" (Qrius, 2019).

The facts live in ``question_bank.article.facts``, one module per part of the article.
Each fact is one flashcard; the questions under it test that fact and carry its id as their
``card_id``.  Every quote is copied from ``article.txt`` (``builder.locate`` finds it and keeps
the article's exact characters and offsets).  Where the article reports a claim rather than
a fact (Trump's "100% defeated", "according to some sources", "many believe"), the question
says whose claim it is.  Ids are published: never rename one, add new ones instead.
"""

from __future__ import annotations

from functools import lru_cache

from question_bank.article.builder import FactSpec, build
from question_bank.article.cloze_cards import CARDS as CLOZE_CARDS
from question_bank.article.facts import FACTS as ALL_FACTS
from question_bank.article.text import article_text
from question_bank.sets import QuestionSet

BANK_NAME = "The defeat of ISIS in Syria (2019)"
BANK_DESCRIPTION = (
    "Who, when, where and what came of it: the fall of the last ISIS territory at Baghouz, "
    "from Prarthana Mitra's article for Qrius."
)

FACTS: tuple[FactSpec, ...] = ALL_FACTS


@lru_cache(maxsize=1)
def load_bank() -> QuestionSet:
    """The bank as a ``QuestionSet``: its cards (facts) and the questions that test them."""
    built = build(FACTS, article_text())
    return QuestionSet(
        name=BANK_NAME,
        description=BANK_DESCRIPTION,
        questions=built.questions,
        cards=built.cards + CLOZE_CARDS,
    )
