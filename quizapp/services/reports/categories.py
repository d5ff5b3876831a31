"""A set's report per category: how the class did on its questions and holds its cards.

Categories are the set's own, under the instructor's names and in the set's order
(``services.categories``).  Per category:

* **Facility**: over the students' first attempts (as the item analysis), the points
  earned on the category's questions over the points they were worth, so a question worth
  2 weighs twice;
* **Memory**: the class's average predicted recall of the category's cards on the report's
  day (``memory``: a week ahead, or the day the instructor picks), and how many
  (card, student) pairs are mature.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.services import categories
from quizapp.services.reports.items import ItemStat
from quizapp.services.reports.memory import CardMemory
from quizapp.services.reports.statistics import mean


@dataclass(frozen=True)
class CategoryReport:
    #: As pages show it (``categories.label``).
    category: str
    questions: int
    #: Points earned over points possible on first attempts (None: no attempt).
    facility: float | None
    cards: int
    #: The average predicted recall of its cards on the report's day.
    recall_on_day: float | None
    mature: int
    #: Students x cards: what ``mature`` is out of.
    pairs: int


def per_category(
    items: Sequence[ItemStat], memory: Sequence[CardMemory], order: Sequence[str] | None
) -> list[CategoryReport]:
    """The item analysis and the class memory summed up per category, in the set's order."""
    names = categories.ordered(
        [item.category or None for item in items] + [m.category or None for m in memory],
        order,
    )
    result = []
    for name in names:
        own_items = [item for item in items if (item.category or None) == name]
        own_cards = [m for m in memory if (m.category or None) == name]
        possible = sum(item.points * item.attempts for item in own_items)
        earned = sum((item.facility or 0.0) * item.points * item.attempts for item in own_items)
        recalls = [m.recall_on_day for m in own_cards]
        result.append(
            CategoryReport(
                category=categories.label(name),
                questions=len(own_items),
                facility=earned / possible if possible else None,
                cards=len(own_cards),
                recall_on_day=mean([r for r in recalls if r is not None]),
                mature=sum(m.mature for m in own_cards),
                pairs=sum(m.students for m in own_cards),
            )
        )
    return result
