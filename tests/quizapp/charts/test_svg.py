"""The charts' primitives: elements as text, every text escaped, labelled figures."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from quizapp.charts import svg

EVIL = "<script>\"&'</script>"


def test_elements_and_their_attributes():
    assert svg.tag("line", x1=1, y1="2.5", stroke_width="1") == (
        '<line x1="1" y1="2.5" stroke-width="1"/>'
    )
    assert svg.tag("rect", svg.tooltip("3 cards"), class_="bar", rx=None) == (
        '<rect class="bar"><title>3 cards</title></rect>'
    )
    assert (
        svg.text("a < b", x=0, text_anchor="end") == '<text x="0" text-anchor="end">a &lt; b</text>'
    )


def test_every_text_and_attribute_is_escaped():
    made = svg.figure(
        [svg.text(EVIL, x=0, y=0), svg.tag("g", svg.tooltip(EVIL), data_x=EVIL)],
        css_class="chart",
        name=EVIL,
        title=EVIL,
        summary=EVIL,
        width=100,
        height=50,
    )
    assert "<script>" not in made
    root = ET.fromstring(str(made))  # well-formed
    assert root.get("aria-labelledby") == "script-script-title script-script-desc"
    texts = [element.text for element in root.iter() if element.text]
    assert texts.count(EVIL) == 4  # title, desc, text, tooltip: read back as written


def test_a_figure_without_a_summary_is_labelled_by_its_title():
    made = svg.figure([], css_class="chart heatmap", name="heatmap", title="T", width=1, height=2)
    assert made.startswith('<svg class="chart heatmap" ')
    assert 'aria-labelledby="heatmap-title"' in made and "<desc" not in made
    assert 'viewBox="0 0 1 2"' in made


def test_words_and_numbers():
    assert svg.plural(1, "card") == "1 card" and svg.plural(0, "card") == "0 cards"
    assert svg.day_label(date(2026, 3, 2)) == "Mon 2 Mar 2026"
    assert svg.short("Discrimination index") == "Discriminatio…"
    assert [svg.number(v) for v in (3.0, 2.5, 12.6, 0.04)] == ["3", "2.5", "13", "0"]
    assert [svg.precise(v) for v in (0.6667, 0.5, -17.14, 2.0)] == ["0.67", "0.5", "-17.14", "2"]
    assert svg.ident("Item scatter #2") == "item-scatter-2" and svg.ident("!!") == "chart"
