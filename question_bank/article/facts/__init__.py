"""The article bank's facts, one module per part of the article, in the bank's order.

Each module lists ``FACTS``: facts (flashcards) with the questions that test them
(``question_bank.article.builder``).  The order here is the order of the bank.
"""

from __future__ import annotations

from question_bank.article.builder import FactSpec
from question_bank.article.facts import (
    battle,
    caliphate,
    claims,
    claims_timeline,
    history,
    india,
    neighbours,
    politics,
    source,
    war_on_isis,
    what_next,
    world,
)

FACTS: tuple[FactSpec, ...] = (
    *caliphate.FACTS,
    *battle.FACTS,
    *politics.FACTS,
    *war_on_isis.FACTS,
    *neighbours.FACTS,
    *what_next.FACTS,
    *history.FACTS,
    *world.FACTS,
    *india.FACTS,
    *claims.FACTS,
    *claims_timeline.FACTS,
    *source.FACTS,
)
