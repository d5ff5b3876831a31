"""The progress page's charts, drawn by the server as inline SVG.

No script, no style attribute (the CSP forbids both): colours come from classes styled in
``static/review.css``.  Every chart has a title for screen readers, each mark a tooltip, and
the page offers the same figures as a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from math import ceil

from markupsafe import Markup, escape

from quizapp.services.progress import DayCount

CELL = 11
GAP = 2
WEEKDAY_LABELS = {0: "Mon", 2: "Wed", 4: "Fri"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def heat_level(count: int, peak: int) -> int:
    """0 for no review, else 1-4 by quarters of the busiest day."""
    if count <= 0 or peak <= 0:
        return 0
    return min(4, max(1, ceil(4 * count / peak)))


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
        f'<svg class="chart heatmap" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="heatmap-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="heatmap-title">{escape(title)}</title>',
    ]
    for row, label in WEEKDAY_LABELS.items():
        y = top + row * (CELL + GAP) + CELL - 2
        parts.append(f'<text x="0" y="{y}" class="axis">{label}</text>')
    last_month = None
    for entry in days:
        offset = (entry.day - origin).days
        column, row = divmod(offset, 7)
        x = left + column * (CELL + GAP)
        y = top + row * (CELL + GAP)
        if entry.day.month != last_month and (row == 0 or last_month is None):
            # a month's name above the first week that starts in it
            if column < weeks - 2:
                parts.append(f'<text x="{x}" y="10" class="axis">{entry.day:%b}</text>')
            last_month = entry.day.month
        level = heat_level(entry.count, peak)
        parts.append(
            f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2" class="h{level}">'
            f"<title>{_plural(entry.count, 'review')} on {_day_label(entry.day)}</title></rect>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


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
        f'<svg class="chart forecast" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="forecast-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="forecast-title">{escape(title)}</title>',
        f'<line x1="{left - 4}" y1="{top + plot}" x2="{width}" y2="{top + plot}" class="base"/>',
        f'<text x="{left - 8}" y="{top + 8}" class="axis" text-anchor="end">{peak}</text>',
        f'<text x="{left - 8}" y="{top + plot}" class="axis" text-anchor="end">0</text>',
    ]
    for index, entry in enumerate(days):
        x = left + index * (bar + gap)
        h = round(plot * entry.count / peak, 1)
        label = "today" if index == 0 else _day_label(entry.day)
        parts.append(
            f'<rect x="{x}" y="{top + plot - h}" width="{bar}" height="{max(h, 0)}" class="bar">'
            f"<title>{_plural(entry.count, 'card')} due {label}</title></rect>"
        )
        if entry.count:
            parts.append(
                f'<text x="{x + bar / 2}" y="{top + plot - h - 3}" class="value" '
                f'text-anchor="middle">{entry.count}</text>'
            )
        if index % 5 == 0:
            text = "today" if index == 0 else f"{entry.day.day} {entry.day:%b}"
            parts.append(
                f'<text x="{x + bar / 2}" y="{top + plot + 16}" class="axis" '
                f'text-anchor="middle">{text}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def share_bar(share: float | None, *, label: str) -> Markup:
    """A small horizontal bar for a share between 0 and 1 (e.g. a category's maturity)."""
    value = 0.0 if share is None else max(0.0, min(1.0, share))
    width = 120
    filled = round(width * value, 1)
    return Markup(
        f'<svg class="share" viewBox="0 0 {width} 10" width="{width}" height="10" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        f'<rect x="0" y="0" width="{width}" height="10" rx="3" class="track"/>'
        f'<rect x="0" y="0" width="{filled}" height="10" rx="3" class="fill"/></svg>'
    )
