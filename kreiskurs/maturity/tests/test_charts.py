"""The accessible radar chart (maturity.charts); no database."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from kreiskurs.maturity.charts import radar_svg
from kreiskurs.monitoring.charts import LINE_COLOR, TARGET_COLOR

NS = "{http://www.w3.org/2000/svg}"
AXES = ["Verwaltung und Online-Dienste", "Digitale Infrastruktur", "Bildung", "Gesundheit und Pflege", "Mobilität"]


def parse(svg: str, chart_id: str, title: str) -> ET.Element:
    """Well-formed, role img, labelled by title and description, no styles."""
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox") or "")
    title_element = root.find(f"{NS}title")
    assert title_element is not None and title_element.text == title
    assert "style" not in svg.lower()
    return root


def desc(root: ET.Element) -> str:
    element = root.find(f"{NS}desc")
    assert element is not None
    return element.text or ""


def test_radar_has_one_polygon_per_series_and_a_marker_per_value() -> None:
    svg = radar_svg(
        AXES,
        [("Dülmen", [3.0, 2.5, 1.0, 0.5, 4.0]), ("Median des Kreises", [2.0, 2.0, 2.0, 1.0, 1.5])],
        chart_id="radar-1",
        title="Dülmen im Vergleich",
    )
    root = parse(svg, "radar-1", "Dülmen im Vergleich")
    polygons = list(root.iter(f"{NS}polygon"))
    series = [p for p in polygons if p.get("stroke") in (LINE_COLOR, TARGET_COLOR)]
    assert len(series) == 2
    assert len(polygons) == 4 + 2  # one grid ring per level 1–4, plus the series
    assert series[1].get("stroke-dasharray")  # the median differs by dash, not only by colour
    assert len(list(root.iter(f"{NS}circle"))) == 5 + 1  # markers of the first series + its legend marker
    assert len(list(root.iter(f"{NS}rect"))) - 1 == 5 + 1  # squares of the second series + legend (minus background)
    text = desc(root)
    assert "5 Achsen, Skala 0 bis 4" in text
    assert "Dülmen: höchster Wert Mobilität mit 4, niedrigster Wert Gesundheit und Pflege mit 0,5" in text
    assert text.endswith(".")


def test_radar_points_lie_on_their_axis_at_the_right_distance() -> None:
    svg = radar_svg(["A", "B", "C", "D"], [("X", [4.0, 2.0, 0.0, 1.0])], chart_id="r", title="t")
    root = ET.fromstring(svg)
    series = next(p for p in root.iter(f"{NS}polygon") if p.get("stroke") == LINE_COLOR)
    points = [tuple(map(float, pair.split(","))) for pair in (series.get("points") or "").split()]
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    cx, cy = x2, y2  # value 0 sits in the centre
    radius = cy - y0  # value 4 (the maximum) straight up
    assert x0 == pytest.approx(cx, abs=0.1)
    assert (x1 - cx, y1 - cy) == pytest.approx((radius / 2, 0), abs=0.2)  # value 2, to the right
    assert (x3 - cx, y3 - cy) == pytest.approx((-radius / 4, 0), abs=0.2)  # value 1, to the left


def test_missing_values_have_no_marker_and_are_named() -> None:
    svg = radar_svg(["A", "B", "C"], [("X", [1.0, None, 3.0])], chart_id="r", title="t")
    root = ET.fromstring(svg)
    assert len(list(root.iter(f"{NS}circle"))) == 2 + 1
    assert "ohne Wert: B" in desc(root)


def test_text_is_escaped_and_long_labels_wrap() -> None:
    svg = radar_svg(
        ["<script>", "Beteiligung und Gemeinschaft im ländlichen Raum", "C"],
        [("A & B", [1.0, 2.0, 3.0])],
        chart_id="r",
        title="x < y",
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    root = ET.fromstring(svg)
    tspans = [t.text for t in root.iter(f"{NS}tspan")]
    assert "Beteiligung und" in tspans
    assert all(len(t or "") <= 22 for t in tspans)


def test_too_few_axes_or_no_series_say_so() -> None:
    for svg in (
        radar_svg(["A", "B"], [("X", [1.0, 2.0])], chart_id="r", title="t"),
        radar_svg(["A", "B", "C"], [], chart_id="r", title="t"),
    ):
        assert "Zu wenige Werte" in desc(parse(svg, "r", "t"))


@pytest.mark.parametrize(
    ("axes", "series", "message"),
    [
        (["A", "B", "C"], [("X", [1.0, 2.0])], "2 Werte für 3 Achsen"),
        (["A", "B", "C"], [("X", [1.0, 2.0, 5.0])], "nicht zwischen 0 und 4"),
        (["A", "B", "C"], [("X", [1.0, 2.0, float("nan")])], "nicht zwischen"),
        (["A", "B", "C"], [(str(i), [1.0, 1.0, 1.0]) for i in range(4)], "Höchstens 3"),
    ],
)
def test_bad_input_is_refused_with_a_message(axes: list[str], series: list, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        radar_svg(axes, series, chart_id="r", title="t")


def test_bad_chart_id_is_refused() -> None:
    with pytest.raises(ValueError, match="Diagramm-ID"):
        radar_svg(AXES, [("X", [1.0] * 5)], chart_id="1 bad", title="t")
