"""Small charts drawn by the server as SVG: no script, no outside request, every text escaped.

``line_chart`` (a value over time, such as quiz scores) and ``bar_chart`` (a value per
group, such as the share right per category).  Both return ``Markup`` to put straight into a
template; the SVG is labelled for screen readers (``role="img"``, ``<title>``, ``<desc>``)
and each point or bar carries its own ``<title>``, shown as a tooltip.  Colours are
presentation attributes (allowed by the Content-Security-Policy, unlike ``style=""``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

INK = "#1d4ed8"
GRID = "#d5dae1"
TEXT = "#4d5560"
#: Room above the plot for a value written over a full-height bar.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 16, 24, 40
MAX_LABEL = 14
MAX_X_LABELS = 6


def _ident(name: str) -> str:
    cleaned = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
    return cleaned or "chart"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _number(value: float) -> str:
    return (
        str(round(value))
        if abs(value - round(value)) < 0.05 or abs(value) >= 10
        else f"{value:.1f}"
    )


def _frame(
    ident: str, title: str, summary: str, width: int, height: int, body: list[str]
) -> Markup:
    ident = _ident(ident)
    head = (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(summary)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _grid(width: int, height: int, y_max: float, suffix: str) -> list[str]:
    parts = []
    plot_height = height - MARGIN_TOP - MARGIN_BOTTOM
    for step in range(5):
        value = y_max * step / 4
        y = MARGIN_TOP + plot_height - plot_height * step / 4
        parts.append(
            f'<line x1="{MARGIN_LEFT}" y1="{y:.1f}" x2="{width - MARGIN_RIGHT}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{escape(_number(value) + suffix)}</text>"
        )
    return parts


def _y(value: float, y_max: float, height: int) -> float:
    plot_height = height - MARGIN_TOP - MARGIN_BOTTOM
    share = min(max(value, 0.0), y_max) / y_max if y_max else 0.0
    return MARGIN_TOP + plot_height * (1 - share)


def _empty(ident: str, title: str, width: int, height: int) -> Markup:
    return _frame(
        ident,
        title,
        "No data yet.",
        width,
        height,
        [
            f'<text x="{width / 2:.1f}" y="{height / 2:.1f}" text-anchor="middle" '
            f'fill="{TEXT}">No data yet</text>'
        ],
    )


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
            f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="2.5" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        )
    every = max(1, -(-count // MAX_X_LABELS))  # ceil: at most MAX_X_LABELS labels
    for index, ((label, value), (x, y)) in enumerate(zip(points, coordinates, strict=True)):
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{INK}">'
            f"<title>{escape(f'{label}: {_number(value)}{suffix}')}</title></circle>"
        )
        if index % every == 0 or index == count - 1:
            anchor = "middle"
            if count > 1 and index == 0:
                anchor = "start"
            elif count > 1 and index == count - 1:
                anchor = "end"
            body.append(
                f'<text x="{x:.1f}" y="{height - MARGIN_BOTTOM + 18}" text-anchor="{anchor}" '
                f'fill="{TEXT}">{escape(_short(label))}</text>'
            )
    summary = "; ".join(f"{label}: {_number(value)}{suffix}" for label, value in points)
    return _frame(ident, title, summary, width, height, body)


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
        shown = f"{_number(value)}{suffix}"
        body.append(
            f'<rect x="{center - bar_width / 2:.1f}" y="{top:.1f}" width="{bar_width:.1f}" '
            f'height="{max(baseline - top, 0):.1f}" fill="{INK}" rx="3">'
            f"<title>{escape(f'{label}: {shown}')}</title></rect>"
            f'<text x="{center:.1f}" y="{top - 6:.1f}" text-anchor="middle" fill="{TEXT}">'
            f"{escape(shown)}</text>"
            f'<text x="{center:.1f}" y="{baseline + 18}" text-anchor="middle" fill="{TEXT}">'
            f"{escape(_short(label))}</text>"
        )
    summary = "; ".join(f"{label}: {_number(value)}{suffix}" for label, value in bars)
    return _frame(ident, title, summary, width, height, body)


# ------------------------------------------------------------- histogram and scatter

BAD = "#b42318"
REFERENCE = "#8a94a3"


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
        shown = f"{label}: {count}"
        body.append(
            f'<rect x="{left + 1:.1f}" y="{top:.1f}" width="{max(slot - 2, 1):.1f}" '
            f'height="{max(baseline - top, 0):.1f}" fill="{INK}">'
            f"<title>{escape(shown)}</title></rect>"
        )
        if count:
            body.append(
                f'<text x="{left + slot / 2:.1f}" y="{top - 6:.1f}" text-anchor="middle" '
                f'fill="{TEXT}">{count}</text>'
            )
        if index % every == 0:
            body.append(
                f'<text x="{left + slot / 2:.1f}" y="{baseline + 16}" text-anchor="middle" '
                f'fill="{TEXT}">{escape(_short(label))}</text>'
            )
    if x_label:
        body.append(
            f'<text x="{MARGIN_LEFT + plot_width / 2:.1f}" y="{height - 6}" '
            f'text-anchor="middle" fill="{TEXT}">{escape(x_label)}</text>'
        )
    summary = "; ".join(f"{label}: {count}" for label, count in bins)
    return _frame(ident, title, summary, width, height, body)


def _precise(value: float) -> str:
    """Two decimals at most, no trailing zeros: 0.67, 0.5, -17.14."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


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
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="1"/><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT}">{escape(_number(value))}</text>'
        )
    for value in _ticks(x_low, x_high):
        x = at_x(value)
        body.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}" '
            f'stroke-width="1"/><text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" '
            f'fill="{TEXT}">{escape(f"{value:g}")}</text>'
        )
    for value in x_marks:
        x = at_x(value)
        body.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{REFERENCE}" '
            'stroke-width="1.5" stroke-dasharray="5 4"/>'
        )
    for value in y_marks:
        y = at_y(value)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{REFERENCE}" '
            'stroke-width="1.5" stroke-dasharray="5 4"/>'
        )
    for label, x_value, y_value, flagged in points:
        x, y = at_x(x_value), at_y(y_value)
        colour = BAD if flagged else INK
        tip = f"{label}: {x_label} {_precise(x_value)}, {y_label} {_precise(y_value)}"
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}">'
            f"<title>{escape(tip)}</title></circle>"
            f'<text x="{x + 7:.1f}" y="{y - 6:.1f}" fill="{TEXT}">{escape(_short(label))}</text>'
        )
    body.append(
        f'<text x="{(left + right) / 2:.1f}" y="{height - 6}" text-anchor="middle" '
        f'fill="{TEXT}">{escape(x_label)}</text>'
        f'<text x="12" y="{(top + bottom) / 2:.1f}" text-anchor="middle" fill="{TEXT}" '
        f'transform="rotate(-90 12 {(top + bottom) / 2:.1f})">{escape(y_label)}</text>'
    )
    summary = "; ".join(
        f"{label}: {x_label} {_precise(x)}, {y_label} {_precise(y)}" for label, x, y, _ in points
    )
    return _frame(ident, title, summary, width, height, body)
