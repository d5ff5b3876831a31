"""The arithmetic of the reports: means, correlation, histogram bins.  Pure."""

from __future__ import annotations

import math
from collections.abc import Sequence

#: Score histogram: ten bins of 10 points; 100% falls in the last one.
HISTOGRAM_BINS = 10


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The correlation of two equally long series; None when undefined (n < 2, no spread)."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def histogram(values: Sequence[float], bins: int = HISTOGRAM_BINS) -> list[int]:
    """How many values (0..1) fall in each of ``bins`` equal bins; 1.0 goes in the last."""
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, max(0, int(value * bins + 1e-9)))] += 1
    return counts
