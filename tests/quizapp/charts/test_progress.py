"""The progress page's charts: the year's heatmap, the month's forecast, a share."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from typing import NamedTuple

from quizapp import charts


class Day(NamedTuple):
    day: date
    count: int


def test_heat_levels_are_quarters_of_the_busiest_day():
    assert [charts.heat_level(n, 4) for n in (0, 1, 2, 3, 4)] == [0, 1, 2, 3, 4]
    assert [charts.heat_level(n, 100) for n in (1, 25, 26, 100)] == [1, 1, 2, 4]
    assert charts.heat_level(3, 0) == 0


def test_the_heatmap_has_a_cell_a_day_under_its_weekday():
    first = date(2026, 3, 2)  # a Monday
    days = [Day(first + timedelta(days=i), i % 3) for i in range(10)]
    made = str(charts.heatmap(days))
    root = ET.fromstring(made)
    cells = list(root.iter("{http://www.w3.org/2000/svg}rect"))
    assert len(cells) == 10
    assert cells[0].get("class") == "h0" and cells[1].get("class") == "h2"
    assert cells[7].get("x") == str(30 + 11 + 2) and cells[7].get("y") == "16"  # next Monday
    assert "2 reviews on Wed 4 Mar 2026" in made and "1 review on Tue 3 Mar 2026" in made
    assert charts.heatmap([]) == ""


def test_the_forecast_labels_today_and_the_busiest_day():
    today = date(2026, 3, 2)
    made = str(charts.forecast_bars([Day(today, 4), Day(today + timedelta(days=1), 0)]))
    assert "4 cards due today" in made and "0 cards due Tue 3 Mar 2026" in made
    bars = [e for e in ET.fromstring(made).iter() if e.get("class") == "bar"]
    assert [bar.get("height") for bar in bars] == ["140.0", "0.0"]  # the busiest: full


def test_a_share_bar_is_clamped():
    assert 'width="60.0"' in str(charts.share_bar(0.5, label="Half"))
    assert 'width="120.0"' in str(charts.share_bar(3.0, label="All"))
    assert 'width="0.0"' in str(charts.share_bar(None, label='"x"'))
    assert 'aria-label="&#34;x&#34;"' in str(charts.share_bar(None, label='"x"'))
