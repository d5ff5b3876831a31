r"""How an ordering question's response is marked: Moodle's grading types (``qtype_ordering``).

With ``n`` items shown, the response ``r`` and the right order ``c``, each rule gives the
points and the most points; the score is their ratio.  ``question_bank.types.ordering``
describes each type and picks the default.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

GradingRule = Callable[[Sequence[str], Sequence[str]], tuple[int, int]]


def _all_or_nothing(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
    return (1 if list(right) == list(given) else 0), 1


def _absolute_position(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
    return sum(1 for a, b in zip(right, given, strict=True) if a == b), len(right)


def _relative_to_correct(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
    n = len(right)
    place = {item: index for index, item in enumerate(given)}
    points = sum(max(0, (n - 1) - abs(index - place[item])) for index, item in enumerate(right))
    return points, n * (n - 1)


def _following(order: Sequence[str]) -> dict[str, str | None]:
    """Each item's next item (None after the last)."""
    return {item: (order[i + 1] if i + 1 < len(order) else None) for i, item in enumerate(order)}


def _next_item(include_last: bool) -> GradingRule:
    def rule(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
        should, does = _following(right), _following(given)
        counted = right if include_last else right[:-1]
        return sum(1 for item in counted if does[item] == should[item]), len(counted)

    return rule


def _neighbours(all_of_them: bool) -> GradingRule:
    def around(order: Sequence[str]) -> dict[str, tuple[set[Any], set[Any]]]:
        found = {}
        for i, item in enumerate(order):
            if all_of_them:
                found[item] = (set(order[:i]), set(order[i + 1 :]))
            else:  # the one before (or the start, 0) and the one after (or the end, 1)
                before = order[i - 1] if i else 0
                after = order[i + 1] if i + 1 < len(order) else 1
                found[item] = ({before}, {after})
        return found

    def rule(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
        should, does = around(right), around(given)
        points = out_of = 0
        for item, (before, after) in should.items():
            points += len(before & does[item][0]) + len(after & does[item][1])
            out_of += len(before) + len(after)
        return points, out_of

    return rule


def _longest_ordered_subset(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
    places = [right.index(item) for item in given]
    longest = [1] * len(places)  # longest increasing run of places ending at each index
    for i, place in enumerate(places):
        for j in range(i):
            if places[j] < place:
                longest[i] = max(longest[i], longest[j] + 1)
    best = max(longest, default=0)
    return (best if best >= 2 else 0), len(right)


def _longest_contiguous_subset(right: Sequence[str], given: Sequence[str]) -> tuple[int, int]:
    place = {item: index for index, item in enumerate(given)}
    best = run = 1 if right else 0
    for previous, item in zip(right, right[1:], strict=False):
        run = run + 1 if place[item] > place[previous] else 1
        best = max(best, run)
    return (best if best >= 2 else 0), len(right)


#: Grading type -> (rule, how the feedback says what was counted).
GRADINGS: dict[str, tuple[GradingRule, str]] = {
    "all_or_nothing": (_all_or_nothing, ""),
    "absolute_position": (_absolute_position, "{points} of {out_of} items are in their place."),
    "relative_to_correct": (
        _relative_to_correct,
        "{points} of {out_of} points: each item scores more the nearer it is to its place.",
    ),
    "relative_next_exclude_last": (
        _next_item(include_last=False),
        "{points} of {out_of} items are followed by the right item.",
    ),
    "relative_next_include_last": (
        _next_item(include_last=True),
        "{points} of {out_of} items are followed by the right item (the last by none).",
    ),
    "relative_one_previous_and_next": (
        _neighbours(all_of_them=False),
        "{points} of {out_of} neighbours (the item just before and just after each) are right.",
    ),
    "relative_all_previous_and_next": (
        _neighbours(all_of_them=True),
        "{points} of {out_of}: the items before and after each item that are on the right side.",
    ),
    "longest_ordered_subset": (
        _longest_ordered_subset,
        "The most items in the right order relative to each other: {points} of {out_of}.",
    ),
    "longest_contiguous_subset": (
        _longest_contiguous_subset,
        "The longest run of items that follow each other in the right order: {points} of {out_of}.",
    ),
}
