"""The progress page's charts: a year of reviews as a heatmap, the next 30 days as bars,
and a small bar for a share.

Colours come from classes styled in ``static/review.css`` (``h0``..``h4``, ``bar``,
``axis``); every chart has a title for screen readers, each mark a tooltip, and the page
offers the same figures as a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from math import ceil
from typing import Protocol

from markupsafe import Markup, escape

from quizapp.charts.svg import day_label, figure, plural, tag, text, tooltip

CELL = 11
GAP = 2
WEEKDAY_LABELS = {0: "Mon", 2: "Wed", 4: "Fri"}


class DayCount(Protocol):
    """A count on a day (``services.progress.DayCount``)."""

    @property
    def day(self) -> date: ...

    @property
    def count(self) -> int: ...


def heat_level(count: int, peak: int) -> int:
    """0 for no review, else 1-4 by quarters of the busiest day."""
    if count <= 0 or peak <= 0:
        return 0
    return min(4, max(1, ceil(4 * count / peak)))


def _axis(content: str, x: object, y: object, anchor: str | None = None) -> str:
    return text(content, x=x, y=y, class_="axis", text_anchor=anchor)


def heatmap(days: Sequence[DayCount], *, title: str = "Reviews per day, last 12 months") -> Markup:
    """A GitHub-style year: one column per week (Monday on top), one cell per day."""
    if not days:
        return Markup("")
    first = days[0].day
    origin = first - timedelta(days=first.weekday())  # the Monday of the first week
    weeks = (days[-1].day - origin).days // 7 + 1
    left, top = 30, 16
    width = left + weeks * (CELL + GAP)
    height = top + 7 * (CELL + GAP)
    peak = max(d.count for d in days)
    parts = [
        _axis(label, 0, top + row * (CELL + GAP) + CELL - 2)
        for row, label in WEEKDAY_LABELS.items()
    ]
    last_month = None
    for entry in days:
        column, row = divmod((entry.day - origin).days, 7)
        x = left + column * (CELL + GAP)
        y = top + row * (CELL + GAP)
        if entry.day.month != last_month and (row == 0 or last_month is None):
            # a month's name above the first week that starts in it
            if column < weeks - 2:
                parts.append(_axis(f"{entry.day:%b}", x, 10))
            last_month = entry.day.month
        tip = tooltip(f"{plural(entry.count, 'review')} on {day_label(entry.day)}")
        level = heat_level(entry.count, peak)
        parts.append(tag("rect", tip, x=x, y=y, width=CELL, height=CELL, rx=2, class_=f"h{level}"))
    return figure(
        parts, css_class="chart heatmap", name="heatmap", title=title, width=width, height=height
    )


def forecast_bars(days: Sequence[DayCount], *, title: str = "Cards due, next 30 days") -> Markup:
    """One bar per day, today first; the y axis is labelled with the busiest day."""
    if not days:
        return Markup("")
    bar, gap = 18, 6
    left, top, plot = 34, 12, 140
    width = left + len(days) * (bar + gap)
    height = top + plot + 34
    peak = max(max(d.count for d in days), 1)
    parts = [
        tag("line", x1=left - 4, y1=top + plot, x2=width, y2=top + plot, class_="base"),
        _axis(str(peak), left - 8, top + 8, "end"),
        _axis("0", left - 8, top + plot, "end"),
    ]
    for index, entry in enumerate(days):
        x = left + index * (bar + gap)
        h = round(plot * entry.count / peak, 1)
        label = "today" if index == 0 else day_label(entry.day)
        tip = tooltip(f"{plural(entry.count, 'card')} due {label}")
        parts.append(
            tag("rect", tip, x=x, y=top + plot - h, width=bar, height=max(h, 0), class_="bar")
        )
        if entry.count:
            parts.append(
                text(
                    str(entry.count),
                    x=x + bar / 2,
                    y=top + plot - h - 3,
                    class_="value",
                    text_anchor="middle",
                )
            )
        if index % 5 == 0:
            tick = "today" if index == 0 else f"{entry.day.day} {entry.day:%b}"
            parts.append(_axis(tick, x + bar / 2, top + plot + 16, "middle"))
    return figure(
        parts, css_class="chart forecast", name="forecast", title=title, width=width, height=height
    )


def share_bar(share: float | None, *, label: str) -> Markup:
    """A small horizontal bar for a share between 0 and 1 (e.g. a category's maturity)."""
    value = 0.0 if share is None else max(0.0, min(1.0, share))
    width = 120
    filled = round(width * value, 1)
    return Markup(
        f'<svg class="share" viewBox="0 0 {width} 10" width="{width}" height="10" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        + tag("rect", x=0, y=0, width=width, height=10, rx=3, class_="track")
        + tag("rect", x=0, y=0, width=filled, height=10, rx=3, class_="fill")
        + "</svg>"
    )
