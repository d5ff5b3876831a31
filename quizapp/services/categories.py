"""A set's categories, under its instructor's own names, in the set's own order.

Categories belong to the set: any name an instructor uses ("Cell biology/Organelles",
"geography") is shown as written.  A set lists them in the order its bank declares (the
article bank: actor, date, place, outcome), else in their order of first appearance in the
set (questions, then cards); ``question_sets.sync_set`` stores that order on the set
(``QuestionSet.category_order``).  A name the stored order does not know (an attempt's
snapshot of a category since renamed) comes after the known ones, alphabetically.  Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol, TypeVar

#: How pages name the questions and cards that have no category.
NO_CATEGORY = "No category"


def first_appearance(names: Iterable[str | None]) -> list[str]:
    """Each name once, in the order first met; no category (None, "") left out."""
    seen: dict[str, None] = {}
    for name in names:
        if name:
            seen.setdefault(name, None)
    return list(seen)


def bank_order(bank: Any, declared: Sequence[str] | None = None) -> list[str]:
    """The order of a bank's categories: ``declared`` first (the names it uses), then the
    others in their order of first appearance, questions before cards."""
    used = first_appearance(
        [q.category for q in bank.questions] + [c.category for c in bank.effective_cards()]
    )
    if not declared:
        return used
    chosen = [name for name in declared if name in used]
    return chosen + [name for name in used if name not in chosen]


def sort_key(order: Sequence[str] | None):
    """A key that sorts category names (None: no category, last) by ``order``."""
    rank = {name: index for index, name in enumerate(order or ())}

    def key(name: str | None) -> tuple[int, int, str, str]:
        if not name:
            return (2, 0, "", "")
        if name in rank:
            return (0, rank[name], "", name)
        return (1, 0, name.casefold(), name)

    return key


def ordered(names: Iterable[str | None], order: Sequence[str] | None) -> list[str | None]:
    """``names`` (each once) in the set's order; unknown names alphabetically after."""
    return sorted(dict.fromkeys(names), key=sort_key(order))


def label(name: str | None) -> str:
    """A category as pages show it: the instructor's name, as written."""
    return name or NO_CATEGORY


class _PerSet(Protocol):
    @property
    def set_id(self) -> int: ...

    @property
    def set_name(self) -> str: ...


S = TypeVar("S", bound=_PerSet)


def by_set(items: Iterable[S]) -> list[tuple[str, list[S]]]:
    """Figures per (set, category) grouped set by set, as (set name, its items), keeping
    the order they come in."""
    groups: dict[int, tuple[str, list[S]]] = {}
    for item in items:
        groups.setdefault(item.set_id, (item.set_name, []))[1].append(item)
    return list(groups.values())
