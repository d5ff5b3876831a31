"""Charts drawn by the server as inline SVG: no script, no outside request, every text
escaped, every chart labelled for screen readers.

* ``svg``: the primitives every chart is drawn with (``figure``, ``tag``, ``text``,
  ``tooltip``) and the shared words and numbers (``plural``, ``day_label``, ``number``).
* ``plots``: charts on two axes -- ``line_chart``, ``bar_chart``, ``histogram``,
  ``scatter_chart`` (the quiz history, the course reports).
* ``progress``: the progress page's ``heatmap``, ``forecast_bars`` and ``share_bar``.

Callers import the package (``from quizapp import charts``) and use the names below.
"""

from quizapp.charts.plots import bar_chart, histogram, line_chart, scatter_chart
from quizapp.charts.progress import forecast_bars, heat_level, heatmap, share_bar

__all__ = [
    "bar_chart",
    "forecast_bars",
    "heat_level",
    "heatmap",
    "histogram",
    "line_chart",
    "scatter_chart",
    "share_bar",
]
