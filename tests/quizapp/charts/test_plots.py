"""Charts on two axes: where the marks go, the summary a screen reader hears.

(The histogram and the scatter plot are also checked from the course report's side, in
``tests/quizapp/test_reports.py``.)"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from quizapp import charts

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def test_a_line_chart_puts_a_dot_per_value_and_says_them_all():
    chart = _parse(charts.line_chart([("1 Mar", 40.0), ("2 Mar", 100.0)], title="Scores"))
    dots = list(chart.iter(f"{SVG}circle"))
    assert [(dot.get("cx"), dot.get("cy")) for dot in dots] == [
        ("44.0", "129.6"),
        ("624.0", "24.0"),
    ]
    assert chart.find(f"{SVG}desc").text == "1 Mar: 40%; 2 Mar: 100%"
    assert chart.find(f"{SVG}polyline").get("points") == "44.0,129.6 624.0,24.0"
    lone = _parse(charts.line_chart([("only", 50.0)], title="One"))
    assert next(lone.iter(f"{SVG}circle")).get("cx") == "334.0"  # in the middle
    assert lone.find(f"{SVG}polyline") is None


def test_a_bar_chart_clamps_its_values_to_the_axis():
    chart = _parse(charts.bar_chart([("actor", 150.0), ("date", -5.0)], title="Share right"))
    bars = list(chart.iter(f"{SVG}rect"))
    assert [bar.get("y") for bar in bars] == ["24.0", "200.0"]  # the top, the baseline
    assert [bar.find(f"{SVG}title").text for bar in bars] == ["actor: 150%", "date: -5%"]


def test_an_empty_chart_says_so():
    for chart in (charts.line_chart([], title="t"), charts.bar_chart([], title="t")):
        parsed = _parse(chart)
        assert parsed.find(f"{SVG}desc").text == "No data yet."
        assert next(parsed.iter(f"{SVG}text")).text == "No data yet"
