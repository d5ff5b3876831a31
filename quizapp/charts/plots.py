"""Charts on two axes: a line over time, bars per group, a histogram and a scatter plot.

The quiz history (scores over time, share right per category) and the course reports
(score histogram, facility against discrimination, retention over time) draw with these.
Each returns ``Markup`` to put straight into a template; an empty series says "No data
yet".  Colours are presentation attributes (``svg.INK`` and friends).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from quizapp.charts.svg import (
    BAD,
    GRID,
    INK,
    REFERENCE,
    TEXT,
    at,
    figure,
    number,
    precise,
    short,
    tag,
    text,
    tooltip,
)
from quizapp.formatting import whole_percent

#: Room around the plot: the y labels on the left, a value over a full bar on top, the x
#: labels below.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 16, 24, 40
MAX_X_LABELS = 6


def _chart(
    body: list[str], *, name: str, title: str, summary: str, width: int, height: int
) -> Markup:
    return figure(
        body, css_class="chart", name=name, title=title, summary=summary, width=width, height=height
    )


def _label(content: str, x: float | str, y: float | str, anchor: str = "middle") -> str:
    return text(content, x=x, y=y, text_anchor=anchor, fill=TEXT)


def _rule(x1: object, y1: object, x2: object, y2: object, *, dashed: bool = False) -> str:
    """A grid line, or a dashed reference line (a threshold)."""
    if dashed:
        return tag(
            "line",
            x1=x1,
            y1=y1,
            x2=x2,
            y2=y2,
            stroke=REFERENCE,
            stroke_width="1.5",
            stroke_dasharray="5 4",
        )
    return tag("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=GRID, stroke_width="1")


def _grid(width: int, height: int, y_max: float, suffix: str) -> list[str]:
    """Five horizontal lines, 0 to ``y_max``, each labelled on the left."""
    parts = []
    plot_height = height - MARGIN_TOP - MARGIN_BOTTOM
    for step in range(5):
        value = y_max * step / 4
        y = MARGIN_TOP + plot_height - plot_height * step / 4
        parts.append(
            _rule(MARGIN_LEFT, at(y), width - MARGIN_RIGHT, at(y))
            + _label(number(value) + suffix, MARGIN_LEFT - 6, at(y + 4), "end")
        )
    return parts


def _y(value: float, y_max: float, height: int) -> float:
    plot_height = height - MARGIN_TOP - MARGIN_BOTTOM
    share = min(max(value, 0.0), y_max) / y_max if y_max else 0.0
    return MARGIN_TOP + plot_height * (1 - share)


def _empty(name: str, title: str, width: int, height: int) -> Markup:
    message = _label("No data yet", at(width / 2), at(height / 2))
    return _chart(
        [message], name=name, title=title, summary="No data yet.", width=width, height=height
    )


def _shown(value: float, suffix: str) -> str:
    """A value as its label says it: a percentage whole, as every table rounds it
    (``formatting.whole_percent``), so the chart and the table agree."""
    if suffix == "%":
        return f"{whole_percent(value)}%"
    return f"{number(value)}{suffix}"


def _summary(values: Sequence[tuple[str, float]], suffix: str) -> str:
    return "; ".join(f"{label}: {_shown(value, suffix)}" for label, value in values)


def line_chart(
    points: Sequence[tuple[str, float]],
    *,
    title: str,
    ident: str = "line-chart",
    y_max: float = 100.0,
    suffix: str = "%",
    width: int = 640,
    height: int = 240,
) -> Markup:
    """Values in order (oldest first) as a line with a dot per value.

    ``points`` are (label, value); values are clamped to 0..``y_max``.
    """
    if not points:
        return _empty(ident, title, width, height)
    plot_width = width - MARGIN_LEFT - MARGIN_RIGHT
    count = len(points)

    def x_at(index: int) -> float:
        if count == 1:
            return MARGIN_LEFT + plot_width / 2
        return MARGIN_LEFT + plot_width * index / (count - 1)

    body = _grid(width, height, y_max, suffix)
    coordinates = [(x_at(i), _y(value, y_max, height)) for i, (_, value) in enumerate(points)]
    if count > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
        body.append(
            tag(
                "polyline",
                points=path,
                fill="none",
                stroke=INK,
                stroke_width="2.5",
                stroke_linejoin="round",
                stroke_linecap="round",
            )
        )
    every = max(1, -(-count // MAX_X_LABELS))  # ceil: at most MAX_X_LABELS labels
    for index, ((label, value), (x, y)) in enumerate(zip(points, coordinates, strict=True)):
        dot = tooltip(f"{label}: {_shown(value, suffix)}")
        body.append(tag("circle", dot, cx=at(x), cy=at(y), r="4.5", fill=INK))
        if index % every == 0 or index == count - 1:
            anchor = "middle"
            if count > 1 and index == 0:
                anchor = "start"
            elif count > 1 and index == count - 1:
                anchor = "end"
            body.append(_label(short(label), at(x), height - MARGIN_BOTTOM + 18, anchor))
    summary = _summary(points, suffix)
    return _chart(body, name=ident, title=title, summary=summary, width=width, height=height)


def bar_chart(
    bars: Sequence[tuple[str, float]],
    *,
    title: str,
    ident: str = "bar-chart",
    y_max: float = 100.0,
    suffix: str = "%",
    width: int = 640,
    height: int = 240,
) -> Markup:
    """One bar per (label, value); values are clamped to 0..``y_max``."""
    if not bars:
        return _empty(ident, title, width, height)
    plot_width = width - MARGIN_LEFT - MARGIN_RIGHT
    slot = plot_width / len(bars)
    bar_width = min(64.0, slot * 0.6)
    baseline = height - MARGIN_BOTTOM
    body = _grid(width, height, y_max, suffix)
    for index, (label, value) in enumerate(bars):
        center = MARGIN_LEFT + slot * (index + 0.5)
        top = _y(value, y_max, height)
        shown = _shown(value, suffix)
        body.append(
            tag(
                "rect",
                tooltip(f"{label}: {shown}"),
                x=at(center - bar_width / 2),
                y=at(top),
                width=at(bar_width),
                height=at(max(baseline - top, 0)),
                fill=INK,
                rx="3",
            )
            + _label(shown, at(center), at(top - 6))
            + _label(short(label), at(center), baseline + 18)
        )
    summary = _summary(bars, suffix)
    return _chart(body, name=ident, title=title, summary=summary, width=width, height=height)


def _nice_count(peak: int) -> int:
    """A y-axis top for counts whose quarter ticks are whole numbers."""
    return max(4, -(-peak // 4) * 4)


def histogram(
    bins: Sequence[tuple[str, int]],
    *,
    title: str,
    ident: str = "histogram",
    x_label: str = "",
    width: int = 640,
    height: int = 240,
) -> Markup:
    """Counts per bin (label, count) as touching bars, with a whole-number y axis."""
    if not bins or not any(count for _, count in bins):
        return _empty(ident, title, width, height)
    y_max = float(_nice_count(max(count for _, count in bins)))
    plot_width = width - MARGIN_LEFT - MARGIN_RIGHT
    slot = plot_width / len(bins)
    baseline = height - MARGIN_BOTTOM
    body = _grid(width, height, y_max, "")
    every = max(1, -(-len(bins) // 10))
    for index, (label, count) in enumerate(bins):
        left = MARGIN_LEFT + slot * index
        top = _y(count, y_max, height)
        body.append(
            tag(
                "rect",
                tooltip(f"{label}: {count}"),
                x=at(left + 1),
                y=at(top),
                width=at(max(slot - 2, 1)),
                height=at(max(baseline - top, 0)),
                fill=INK,
            )
        )
        if count:
            body.append(_label(str(count), at(left + slot / 2), at(top - 6)))
        if index % every == 0:
            body.append(_label(short(label), at(left + slot / 2), baseline + 16))
    if x_label:
        body.append(_label(x_label, at(MARGIN_LEFT + plot_width / 2), height - 6))
    summary = "; ".join(f"{label}: {count}" for label, count in bins)
    return _chart(body, name=ident, title=title, summary=summary, width=width, height=height)


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    return [low + (high - low) * i / (count - 1) for i in range(count)]


def scatter_chart(
    points: Sequence[tuple[str, float, float, bool]],
    *,
    title: str,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    x_label: str,
    y_label: str,
    x_marks: Sequence[float] = (),
    y_marks: Sequence[float] = (),
    ident: str = "scatter-chart",
    width: int = 640,
    height: int = 320,
) -> Markup:
    """Points (label, x, y, flagged) on two linear axes; flagged points in red, each point
    labelled and titled.  ``x_marks``/``y_marks`` draw dashed reference lines (thresholds).
    Values outside the ranges are drawn on the edge."""
    if not points:
        return _empty(ident, title, width, height)
    (x_low, x_high), (y_low, y_high) = x_range, y_range
    left, right = MARGIN_LEFT + 8, width - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, height - MARGIN_BOTTOM

    def at_x(value: float) -> float:
        share = (min(max(value, x_low), x_high) - x_low) / (x_high - x_low)
        return left + (right - left) * share

    def at_y(value: float) -> float:
        share = (min(max(value, y_low), y_high) - y_low) / (y_high - y_low)
        return bottom - (bottom - top) * share

    body = []
    for value in _ticks(y_low, y_high):
        y = at_y(value)
        body.append(
            _rule(left, at(y), right, at(y)) + _label(number(value), left - 6, at(y + 4), "end")
        )
    for value in _ticks(x_low, x_high):
        x = at_x(value)
        body.append(_rule(at(x), top, at(x), bottom) + _label(f"{value:g}", at(x), bottom + 16))
    body.extend(
        _rule(at(at_x(value)), top, at(at_x(value)), bottom, dashed=True) for value in x_marks
    )
    body.extend(
        _rule(left, at(at_y(value)), right, at(at_y(value)), dashed=True) for value in y_marks
    )
    for label, x_value, y_value, flagged in points:
        x, y = at_x(x_value), at_y(y_value)
        tip = f"{label}: {x_label} {precise(x_value)}, {y_label} {precise(y_value)}"
        body.append(
            tag("circle", tooltip(tip), cx=at(x), cy=at(y), r="5", fill=BAD if flagged else INK)
            + text(short(label), x=at(x + 7), y=at(y - 6), fill=TEXT)
        )
    middle = at((top + bottom) / 2)
    body.append(
        _label(x_label, at((left + right) / 2), height - 6)
        + text(
            y_label,
            x="12",
            y=middle,
            text_anchor="middle",
            fill=TEXT,
            transform=f"rotate(-90 12 {middle})",
        )
    )
    summary = "; ".join(
        f"{label}: {x_label} {precise(x)}, {y_label} {precise(y)}" for label, x, y, _ in points
    )
    return _chart(body, name=ident, title=title, summary=summary, width=width, height=height)
