"""Accessible SVG charts (kreiskurs.monitoring.charts); no database needed."""

from __future__ import annotations

import itertools
import math
import random
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from kreiskurs.monitoring.charts import (
    BASELINE_COLOR,
    LINE_COLOR,
    TARGET_COLOR,
    _nice_ticks,
    bar_svg,
    format_number,
    trend_svg,
)

NS = "{http://www.w3.org/2000/svg}"
YEARS = [("2019", 12.0), ("2020", 15.5), ("2021", 18.0), ("2022", 22.0), ("2023", 27.0), ("2024", 30.0)]


def parse(svg: str) -> ET.Element:
    """The SVG parsed as XML (which proves it is well-formed)."""
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{NS}text")]


def tick_labels(root: ET.Element) -> list[str]:
    """The y-axis labels of a trend chart (the only right-aligned texts there), from the lowest up."""
    return [element.text or "" for element in root.iter(f"{NS}text") if element.get("text-anchor") == "end"]


def circles(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{NS}circle"))


def lines_with(root: ET.Element, stroke: str) -> list[ET.Element]:
    return [line for line in root.iter(f"{NS}line") if line.get("stroke") == stroke]


def assert_accessible(svg: str, chart_id: str, title: str) -> ET.Element:
    """Well-formed, role img, labelled by a title and a description with chart-specific ids, and no styles."""
    root = parse(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox") or "")
    assert root.get("font-family") == "Fira Sans, sans-serif"
    title_element = root.find(f"{NS}title")
    desc_element = root.find(f"{NS}desc")
    assert title_element is not None and desc_element is not None
    assert title_element.get("id") == f"{chart_id}-title"
    assert title_element.text == title
    assert desc_element.get("id") == f"{chart_id}-desc"
    assert (desc_element.text or "").endswith(".")
    assert "style" not in svg.lower()
    return root


def desc(root: ET.Element) -> str:
    element = root.find(f"{NS}desc")
    assert element is not None
    return element.text or ""


def relative_luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


# --- format_number -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (-0.0, "0"),
        (12, "12"),
        (12.0, "12"),
        (12.5, "12,5"),
        (12.50, "12,5"),
        (-3.25, "-3,25"),
        (999, "999"),
        (1000, "1.000"),
        (1234.5, "1.234,5"),
        (-1234567.891, "-1.234.567,89"),
        (0.1 + 0.2, "0,3"),
        (2.675, "2,68"),
        (0.5, "0,5"),
        (0.00345, "0,00345"),
        (1 / 3, "0,333"),
        (-0.004, "-0,004"),
        (0.0000001, "0"),
        (Decimal("12.50"), "12,5"),
        (Decimal("1E+3"), "1.000"),
        (Decimal("-0.00"), "0"),
        (1e21, "1.000.000.000.000.000.000.000"),
    ],
)
def test_format_number(value: float | Decimal, text: str) -> None:
    assert format_number(value) == text


def test_format_number_with_decimals() -> None:
    assert format_number(2.5, decimals=0) == "3"
    assert format_number(1000.125, decimals=3) == "1.000,125"
    assert format_number(Decimal("7.50"), decimals=1) == "7,5"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, Decimal("NaN")])
def test_format_number_rejects_non_finite_values(value: float | Decimal) -> None:
    with pytest.raises(ValueError, match="keine endliche Zahl"):
        format_number(value)


# --- trend -------------------------------------------------------------------------------------------------------


def test_trend_structure_and_description() -> None:
    svg = trend_svg(YEARS, chart_id="trend-1", title="Anteil digitaler Verfahren", unit="Prozent", target=50)
    root = assert_accessible(svg, "trend-1", "Anteil digitaler Verfahren")
    assert desc(root) == "Verlauf von 2019 bis 2024: von 12 auf 30 Prozent; Ziel 50."
    assert len(circles(root)) == 6
    assert all(circle.get("r") == "4" for circle in circles(root))
    assert len(list(root.iter(f"{NS}polyline"))) == 1
    assert [label for label, _ in YEARS] == [t for t in texts(root) if t.startswith("20") and len(t) == 4]
    assert "Prozent" in texts(root)


def test_trend_scale() -> None:
    points = [("a", 5.0), ("b", 40.0), ("c", -10.0), ("d", 12.0)]
    root = parse(trend_svg(points, chart_id="c", title="T", unit=""))
    marks = circles(root)
    ys = [float(mark.get("cy") or "nan") for mark in marks]
    xs = [float(mark.get("cx") or "nan") for mark in marks]
    assert ys.index(min(ys)) == 1  # the highest value is drawn highest
    assert ys.index(max(ys)) == 2  # the lowest value lowest
    assert xs == sorted(xs) and len(set(xs)) == 4  # one slot per point, in order
    gaps = [b - a for a, b in itertools.pairwise(xs)]
    assert max(gaps) - min(gaps) < 0.2
    # linear: the y distance is proportional to the value distance
    per_unit = (ys[2] - ys[1]) / 50
    assert ys[0] - ys[1] == pytest.approx(35 * per_unit, abs=0.2)
    assert ys[3] - ys[1] == pytest.approx(28 * per_unit, abs=0.2)


def test_trend_ticks_cover_values_and_are_german() -> None:
    points = [("2022", 1200.0), ("2023", 2500.5), ("2024", 4800.0)]
    root = parse(trend_svg(points, chart_id="c", title="T", unit="Euro", value_labels=True))
    ticks = tick_labels(root)
    assert 4 <= len(ticks) <= 6
    numbers = [float(t.replace(".", "").replace(",", ".")) for t in ticks]
    assert numbers == sorted(numbers)
    assert numbers[0] <= 1200 and numbers[-1] >= 4800
    assert any("." in t for t in ticks)  # thousands dot
    assert "2.500,5" in texts(root)  # value label with decimal comma


def test_trend_baseline_and_target_lines() -> None:
    root = parse(trend_svg(YEARS, chart_id="c", title="T", unit="%", baseline=10, target=50))
    (baseline,) = [line for line in lines_with(root, BASELINE_COLOR) if line.get("stroke-dasharray")]
    (target,) = lines_with(root, TARGET_COLOR)
    assert target.get("stroke-dasharray")
    assert target.get("stroke-dasharray") != baseline.get("stroke-dasharray")
    assert float(target.get("y1") or 0) < float(baseline.get("y1") or 0)
    top = min(float(c.get("cy") or 0) for c in circles(root))
    assert float(target.get("y1") or 0) < top  # the target lies above every measured value
    assert "Ziel 50" in texts(root)
    assert "Ausgangswert 10" in texts(root)
    assert desc(root) == "Verlauf von 2019 bis 2024: von 12 auf 30 %; Ausgangswert 10; Ziel 50."


def test_trend_reference_labels_do_not_overlap() -> None:
    root = parse(trend_svg(YEARS, chart_id="c", title="T", unit="%", baseline=30, target=30.5))
    ys = [float(t.get("y") or 0) for t in root.iter(f"{NS}text") if (t.text or "").startswith(("Ziel", "Ausgangs"))]
    assert len(ys) == 2 and abs(ys[0] - ys[1]) >= 12


def test_trend_escapes_text() -> None:
    svg = trend_svg([("<&>", 1.0), ("b", 2.0)], chart_id="c", title='A & B <x> "q"', unit="<u>")
    root = assert_accessible(svg, "c", 'A & B <x> "q"')
    assert "<&>" not in svg and "<x>" not in svg
    assert "&lt;&amp;&gt;" in svg
    assert "<&>" in texts(root) and "<u>" in texts(root)


def test_trend_without_points() -> None:
    svg = trend_svg([], chart_id="leer", title="Nichts", unit="%", target=5)
    root = assert_accessible(svg, "leer", "Nichts")
    assert texts(root) == ["Noch keine Messwerte"]
    assert desc(root) == "Noch keine Messwerte."
    assert not circles(root)


def test_trend_with_one_point() -> None:
    svg = trend_svg([("2024", 42.0)], chart_id="one", title="Eins", unit="Prozent", target=50)
    root = assert_accessible(svg, "one", "Eins")
    assert len(circles(root)) == 1
    assert not list(root.iter(f"{NS}polyline"))
    assert desc(root) == "Messwert 2024: 42 Prozent; Ziel 50."


def test_trend_with_equal_values() -> None:
    root = parse(trend_svg([("a", 7.0), ("b", 7.0), ("c", 7.0)], chart_id="c", title="T", unit=""))
    ys = {c.get("cy") for c in circles(root)}
    assert len(ys) == 1
    assert tick_labels(root)[0] == "6" and tick_labels(root)[-1] == "8"  # the scale spans ±1


def test_trend_negative_values_get_a_zero_line() -> None:
    root = parse(trend_svg([("a", -5.0), ("b", 5.0)], chart_id="c", title="T", unit=""))
    assert "0" in tick_labels(root) and tick_labels(root)[0].startswith("-")
    solid = [line for line in lines_with(root, "#4a5060") if not line.get("stroke-dasharray")]
    assert len(solid) == 3  # two axes and the zero line


def test_trend_does_not_pad_below_zero_for_non_negative_values() -> None:
    root = parse(trend_svg([("a", 0.0), ("b", 100.0)], chart_id="c", title="T", unit="%", value_labels=False))
    assert tick_labels(root)[0] == "0"


def test_trend_accepts_decimals() -> None:
    root = parse(
        trend_svg(
            [("a", Decimal("1.5")), ("b", Decimal("2.25"))], chart_id="c", title="T", unit="", baseline=Decimal(1)
        )
    )
    assert desc(root) == "Verlauf von a bis b: von 1,5 auf 2,25; Ausgangswert 1."


def test_trend_thins_out_crowded_x_labels_but_keeps_the_last() -> None:
    points = [(f"2024-{month:02d}", float(month)) for month in range(1, 13)] * 3
    points = [(f"{2022 + i // 12}-{i % 12 + 1:02d}", value) for i, (_, value) in enumerate(points)]
    root = parse(trend_svg(points, chart_id="c", title="T", unit=""))
    shown = [t for t in texts(root) if re.fullmatch(r"\d{4}-\d{2}", t)]
    assert 2 <= len(shown) < 36
    assert shown[0] == "2022-01" and shown[-1] == "2024-12"
    assert len(circles(root)) == 36


def test_trend_ids_are_unique_per_chart() -> None:
    first = trend_svg(YEARS, chart_id="a1", title="T", unit="")
    second = trend_svg(YEARS, chart_id="a2", title="T", unit="")
    assert 'id="a1-title"' in first and 'id="a2-title"' in second
    assert 'id="a1-desc"' not in second


@pytest.mark.parametrize("chart_id", ["", "a b", "1abc", 'x"y', "a<b"])
def test_invalid_chart_ids(chart_id: str) -> None:
    with pytest.raises(ValueError, match="keine gültige Diagramm-ID"):
        trend_svg(YEARS, chart_id=chart_id, title="T", unit="")
    with pytest.raises(ValueError, match="keine gültige Diagramm-ID"):
        bar_svg([("a", 1.0)], chart_id=chart_id, title="T", unit="")


def test_non_finite_values_are_rejected() -> None:
    with pytest.raises(ValueError, match="„2024“ ist keine endliche Zahl"):
        trend_svg([("2024", math.nan)], chart_id="c", title="T", unit="")
    with pytest.raises(ValueError, match="keine endliche Zahl"):
        trend_svg([("2024", 1.0)], chart_id="c", title="T", unit="", target=math.inf)
    with pytest.raises(ValueError, match="keine endliche Zahl"):
        bar_svg([("a", math.inf)], chart_id="c", title="T", unit="")


@pytest.mark.parametrize("seed", range(200))
def test_nice_ticks(seed: int) -> None:
    rng = random.Random(seed)
    low = rng.uniform(-1e4, 1e4) * 10 ** rng.randint(-4, 2)
    high = low + rng.uniform(1e-3, 1e4) * 10 ** rng.randint(-3, 2)
    ticks, decimals = _nice_ticks(low, high)
    assert 4 <= len(ticks) <= 6
    assert float(ticks[0]) <= low + 1e-9 * abs(low) and float(ticks[-1]) >= high - 1e-9 * abs(high)
    steps = {ticks[i + 1] - ticks[i] for i in range(len(ticks) - 1)}
    assert len(steps) == 1
    (step,) = steps
    assert step.normalize().as_tuple().digits[0] in {1, 2, 5}
    assert all(tick == round(tick, decimals) for tick in ticks)


# --- bars --------------------------------------------------------------------------------------------------------


def bars(root: ET.Element) -> list[ET.Element]:
    return [rect for rect in root.iter(f"{NS}rect") if rect.get("fill") == LINE_COLOR]


def test_bar_structure_and_description() -> None:
    items = [("Nord", 30.0), ("Süd", 12.0), ("Ost", 21.5)]
    svg = bar_svg(items, chart_id="bars", title="Quote je Region", unit="Prozent", target=25)
    root = assert_accessible(svg, "bars", "Quote je Region")
    assert len(bars(root)) == 3
    assert desc(root) == ("3 Werte: höchster Wert Nord mit 30 Prozent, niedrigster Wert Süd mit 12 Prozent; Ziel 25.")
    assert {"Nord", "Süd", "Ost", "30", "12", "21,5", "Ziel 25", "Prozent"} <= set(texts(root))
    widths = [float(rect.get("width") or 0) for rect in bars(root)]
    assert widths[0] > widths[2] > widths[1]
    assert widths[0] / widths[1] == pytest.approx(30 / 12, rel=0.02)
    ys = [float(rect.get("y") or 0) for rect in bars(root)]
    assert ys == sorted(ys) and len(set(ys)) == 3  # one row per item, in order
    (target,) = lines_with(root, TARGET_COLOR)
    target_x = float(target.get("x1") or 0)
    starts = {float(rect.get("x") or 0) for rect in bars(root)}
    assert len(starts) == 1  # all bars start at zero
    (zero,) = starts
    assert zero + widths[2] < target_x < zero + widths[0]  # 21.5 < 25 < 30


def test_bar_height_grows_with_items() -> None:
    def height(count: int) -> float:
        root = parse(bar_svg([(str(i), float(i)) for i in range(count)], chart_id="c", title="T", unit=""))
        return float((root.get("viewBox") or "").split()[3])

    assert height(1) < height(2) < height(10)
    assert height(10) - height(9) == height(3) - height(2)


def test_bar_negative_values_point_left_from_zero() -> None:
    root = parse(bar_svg([("plus", 10.0), ("minus", -5.0)], chart_id="c", title="T", unit=""))
    plus, minus = bars(root)
    zero = float(plus.get("x") or 0)
    assert float(minus.get("x") or 0) + float(minus.get("width") or 0) == pytest.approx(zero, abs=0.1)
    assert float(minus.get("x") or 0) < zero
    assert float(plus.get("width") or 0) == pytest.approx(2 * float(minus.get("width") or 0), abs=0.2)
    assert "-5" in texts(root)


def test_bar_all_zero_and_single_item() -> None:
    root = parse(bar_svg([("a", 0.0)], chart_id="c", title="T", unit="%"))
    assert desc(root) == "a: 0 %."
    assert float(bars(root)[0].get("width") or 1) == 0


def test_bar_escapes_and_shortens_long_labels() -> None:
    long_label = "Gemeinde mit einem ausgesprochen langen Namen <&> und noch mehr Text dahinter"
    svg = bar_svg([(long_label, 3.0), ("<&>", 1.0)], chart_id="c", title="<T>", unit="")
    root = assert_accessible(svg, "c", "<T>")
    assert "<&>" not in svg
    assert "<&>" in texts(root)
    shortened = [t for t in texts(root) if t.endswith("…")]
    assert len(shortened) == 1 and long_label.startswith(shortened[0][:-1])
    tooltips = [element.text for element in root.iter(f"{NS}title")]
    assert f"{long_label}: 3" in tooltips
    assert long_label in desc(root)


def test_bar_without_items() -> None:
    root = assert_accessible(bar_svg([], chart_id="b", title="T", unit=""), "b", "T")
    assert texts(root) == ["Noch keine Werte"]


def test_colors_contrast_with_white() -> None:
    svgs = [
        trend_svg(YEARS, chart_id="a", title="T", unit="%", baseline=10, target=50),
        bar_svg([("a", 1.0), ("b", -2.0)], chart_id="b", title="T", unit="%", target=0.5),
    ]
    colors = {color for svg in svgs for color in re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', svg)}
    assert {LINE_COLOR, TARGET_COLOR, BASELINE_COLOR} <= colors
    for color in colors - {"#ffffff"}:
        ratio = 1.05 / (relative_luminance(color) + 0.05)
        assert ratio >= 3, f"{color}: {ratio:.2f}"
