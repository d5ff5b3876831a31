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
