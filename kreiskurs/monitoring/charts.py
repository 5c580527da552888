"""Server-side, accessible SVG charts for the monitoring, usable on screen and in print views.

Every chart is a self-contained ``<svg>`` string with ``role="img"``, a ``<title>`` and a one-sentence German
``<desc>`` that ``aria-labelledby`` points to. The markup uses presentation attributes only (no ``style``
attributes, no ``<style>`` elements), so it passes a strict Content Security Policy. All colours have a contrast of
at least 3:1 against the white background; target and baseline differ by dash pattern as well as by colour. All
text is escaped. The charts have a ``viewBox`` but no fixed size, so they scale with their container.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from xml.sax.saxutils import escape

__all__ = ["bar_svg", "format_number", "trend_svg"]

Number = float | Decimal

SVG_NS = "http://www.w3.org/2000/svg"
FONT_FAMILY = "Fira Sans, sans-serif"
BACKGROUND = "#ffffff"
LINE_COLOR = "#0b5394"
TARGET_COLOR = "#b35c00"
BASELINE_COLOR = "#4a5060"
TEXT_COLOR = "#171a2b"
AXIS_COLOR = "#4a5060"
GRID_COLOR = "#8a8f99"
FONT_SIZE = 12
SMALL_FONT_SIZE = 11
#: a rough average glyph width relative to the font size, for estimating label widths
GLYPH_WIDTH = 0.6
TARGET_DASH = "8 4"
BASELINE_DASH = "3 3"

_CHART_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_MAX_AUTO_DECIMALS = 6


# --- numbers -----------------------------------------------------------------------------------------------------


def format_number(value: Number, *, decimals: int | None = None) -> str:
    """A number in German notation: decimal comma, thousands dot, no trailing zeros (``1234.5`` → ``"1.234,5"``).

    Values are rounded half-up to ``decimals`` places; without ``decimals``, to two places, or to three significant
    digits for values between -1 and 1 (``0.00345`` → ``"0,00345"``), at most six places. Floats are taken by their
    shortest representation, so binary noise (``0.1 + 0.2``) disappears. Non-finite values raise ``ValueError``.
    """
    number = _to_decimal(value)
    if decimals is None:
        decimals = _auto_decimals(number)
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + decimals + 4)
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = Decimal(0)
    text = format(rounded, "f")
    sign = "-" if text.startswith("-") else ""
    integer, _, fraction = text.lstrip("-").partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(integer):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def _to_decimal(value: Number) -> Decimal:
    """A finite value as a Decimal (floats by their shortest representation)."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    if not number.is_finite():
        raise ValueError(f"„{value}“ ist keine endliche Zahl")
    return number


def _auto_decimals(number: Decimal) -> int:
    """Two decimal places, or three significant digits for small values."""
    if number.is_zero() or abs(number) >= 1:
        return 2
    return min(_MAX_AUTO_DECIMALS, 2 - number.adjusted())


def _finite(value: Number, label: str) -> float:
    """A value as float; non-finite values are rejected with a German message."""
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"Der Wert für „{label}“ ist keine endliche Zahl")
    return number


def _with_unit(text: str, unit: str) -> str:
    """A formatted number followed by its unit, if any (``"30 %"``)."""
    return f"{text} {unit}" if unit else text


def _nice_ticks(low: float, high: float) -> tuple[list[Decimal], int]:
    """4–6 evenly spaced round tick values covering ``low``–``high`` and the decimal places they need.

    Steps are 1, 2, 2.5 or 5 times a power of ten; among the steps giving 4–6 ticks, the one whose tick range
    wastes the least space wins (ties: the larger step).
    """
    span = high - low
    base = math.floor(math.log10(span / 5))
    best: tuple[float, float, list[Decimal], int] | None = None
    for exponent in range(base - 1, base + 3):
        for mantissa, extra_place in ((Decimal(1), 0), (Decimal(2), 0), (Decimal("2.5"), 1), (Decimal(5), 0)):
            step = mantissa.scaleb(exponent)
            size = float(step)
            first = math.floor(low / size + 1e-9)
            last = math.ceil(high / size - 1e-9)
            count = last - first + 1
            if not 4 <= count <= 6:
                continue
            waste = (last - first) * size - span
            candidate = (waste, -size, [step * k for k in range(first, last + 1)], max(0, extra_place - exponent))
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    if best is None:  # not reachable for finite spans; kept as a safe fallback
        ticks = [_to_decimal(low + span * i / 4) for i in range(5)]
        return ticks, 2
    return best[2], best[3]


# --- SVG helpers -------------------------------------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate with at most one decimal place."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    text = f"{rounded:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text_width(text: str, size: int = FONT_SIZE) -> float:
    """An estimate of the rendered width of a text."""
    return len(text) * size * GLYPH_WIDTH


def _text(
    x: float, y: float, content: str, *, anchor: str = "start", fill: str = TEXT_COLOR, size: int = FONT_SIZE
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="{fill}" font-size="{size}">'
        f"{escape(content)}</text>"
    )


def _line(x1: float, y1: float, x2: float, y2: float, *, stroke: str, width: float = 1, dash: str | None = None) -> str:
    """A ``<line>`` element, optionally dashed."""
    dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{stroke}" '
        f'stroke-width="{_n(width)}"{dash_attribute}/>'
    )


def _checked_id(chart_id: str) -> str:
    """The chart id, if it can serve as an XML id and inside ``aria-labelledby``."""
    if not _CHART_ID.fullmatch(chart_id):
        raise ValueError(f"„{chart_id}“ ist keine gültige Diagramm-ID (Buchstaben, Ziffern, _ . -)")
    return chart_id


def _svg(chart_id: str, *, title: str, desc: str, width: int, height: int, body: Sequence[str]) -> str:
    """The ``<svg>`` frame with title, description and a white background around ``body``."""
    return "\n".join(
        [
            f'<svg xmlns="{SVG_NS}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="{FONT_FAMILY}">',
            f'<title id="{chart_id}-title">{escape(title)}</title>',
            f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="{BACKGROUND}"/>',
            *body,
            "</svg>",
        ]
    )


def _empty_svg(chart_id: str, *, title: str, width: int, message: str) -> str:
    """A small chart that only says that there is nothing to show yet."""
    height = 48
    return _svg(
        chart_id,
        title=title,
        desc=f"{message}.",
        width=width,
        height=height,
        body=[_text(width / 2, 29, message, anchor="middle", fill=TEXT_COLOR, size=FONT_SIZE + 2)],
    )


def _check_size(width: int, height: int) -> None:
    """Reject sizes that leave no room for a plot."""
    if width < 160 or height < 100:
        raise ValueError(f"Diagramm zu klein: {width}×{height} (mindestens 160×100)")


def _spread(positions: list[float], gap: float) -> list[float]:
    """Vertical label positions moved apart so that neighbours are at least ``gap`` apart (order kept)."""
    if len(positions) < 2:
        return positions
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    result = list(positions)
    for before, after in itertools.pairwise(order):
        if result[after] - result[before] < gap:
            middle = (result[after] + result[before]) / 2
            result[before], result[after] = middle - gap / 2, middle + gap / 2
    return result


# --- trend -------------------------------------------------------------------------------------------------------


def trend_svg(
    points: Sequence[tuple[str, Number]],
    *,
    chart_id: str,
    title: str,
    unit: str,
    baseline: Number | None = None,
    target: Number | None = None,
    width: int = 640,
    height: int = 280,
    value_labels: bool | None = None,
) -> str:
    """A line chart of measured values over time, with optional dashed lines for baseline and target.

    One x slot per point, in the given order; the y scale covers all values, baseline and target with about 10 %
    padding (not below zero when no value is negative) and has 4–6 round ticks. Value labels above the markers are
    shown when ``value_labels`` is true, or, by default, when they fit. Without points the chart only says
    "Noch keine Messwerte".
    """
    chart_id = _checked_id(chart_id)
    _check_size(width, height)
    if not points:
        return _empty_svg(chart_id, title=title, width=width, message="Noch keine Messwerte")
    labels = [str(label) for label, _ in points]
    values = [_finite(value, label) for label, value in zip(labels, (value for _, value in points), strict=True)]
    references: list[tuple[str, Number, str, str]] = []
    if baseline is not None:
        _finite(baseline, "Ausgangswert")
        references.append(("Ausgangswert", baseline, BASELINE_COLOR, BASELINE_DASH))
    if target is not None:
        _finite(target, "Ziel")
        references.append(("Ziel", target, TARGET_COLOR, TARGET_DASH))
    desc = _trend_desc(labels, [value for _, value in points], unit, baseline, target)

    scale_values = values + [float(value) for _, value, _, _ in references]
    low, high = min(scale_values), max(scale_values)
    if low == high:
        low, high = low - 1, high + 1
    else:
        padding = (high - low) * 0.1
        low, high = low - padding, high + padding
    if min(scale_values) >= 0 > low:
        low = 0.0
    ticks, tick_decimals = _nice_ticks(low, high)
    domain_low, domain_high = float(ticks[0]), float(ticks[-1])
    tick_texts = [format_number(tick, decimals=tick_decimals) for tick in ticks]
    reference_texts = [f"{name} {format_number(value)}" for name, value, _, _ in references]

    left = 16 + max(_text_width(text) for text in tick_texts)
    right = (16 + max(_text_width(text) for text in reference_texts)) if references else 16
    top = 30 if unit else 16
    bottom = 34
    plot_width = max(40.0, width - left - right)
    plot_height = max(40.0, height - top - bottom)
    plot_right, plot_bottom = left + plot_width, top + plot_height
    slot = plot_width / len(values)

    def x_of(index: int) -> float:
        return left + (index + 0.5) * slot

    def y_of(value: float) -> float:
        return top + (domain_high - value) / (domain_high - domain_low) * plot_height

    body: list[str] = []
    if unit:
        body.append(_text(left, 16, unit))
    for tick, text in zip(ticks, tick_texts, strict=True):
        y = y_of(float(tick))
        body.append(_line(left, y, plot_right, y, stroke=GRID_COLOR, width=0.5))
        body.append(_text(left - 8, y + 4, text, anchor="end"))
    body.append(_line(left, top, left, plot_bottom, stroke=AXIS_COLOR))
    body.append(_line(left, plot_bottom, plot_right, plot_bottom, stroke=AXIS_COLOR))
    if domain_low < 0 < domain_high:
        body.append(_line(left, y_of(0), plot_right, y_of(0), stroke=AXIS_COLOR))

    reference_ys = [y_of(float(value)) for _, value, _, _ in references]
    for (_, _, color, dash), y, label_y, text in zip(
        references, reference_ys, _spread(reference_ys, FONT_SIZE + 2), reference_texts, strict=True
    ):
        body.append(_line(left, y, plot_right, y, stroke=color, width=2, dash=dash))
        body.append(_text(plot_right + 6, label_y + 4, text, fill=color))

    coordinates = [(x_of(i), y_of(value)) for i, value in enumerate(values)]
    if len(coordinates) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in coordinates)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{LINE_COLOR}" stroke-width="2.5" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        )
    value_texts = [format_number(value) for _, value in points]
    if value_labels is None:
        value_labels = max(_text_width(text, SMALL_FONT_SIZE) for text in value_texts) + 4 <= slot
    for (x, y), label, text in zip(coordinates, labels, value_texts, strict=True):
        tooltip = escape(f"{label}: {_with_unit(text, unit)}")
        body.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{LINE_COLOR}"><title>{tooltip}</title></circle>')
        if value_labels:
            body.append(_text(x, y - 9, text, anchor="middle", size=SMALL_FONT_SIZE))

    for index in _shown_labels(labels, slot):
        body.append(_text(x_of(index), plot_bottom + 20, labels[index], anchor="middle"))
    return _svg(chart_id, title=title, desc=desc, width=width, height=height, body=body)


def _shown_labels(labels: Sequence[str], slot: float) -> list[int]:
    """The indexes of the x labels that fit next to each other: every k-th one, and always the last one."""
    needed = max(_text_width(label) for label in labels) + 8
    every = max(1, math.ceil(needed / slot))
    shown = list(range(0, len(labels), every))
    last = len(labels) - 1
    if shown[-1] != last:
        if last - shown[-1] < every and len(shown) > 1:
            shown.pop()
        shown.append(last)
    return shown


def _trend_desc(
    labels: Sequence[str], values: Sequence[Number], unit: str, baseline: Number | None, target: Number | None
) -> str:
    """One German sentence summarising a trend chart."""
    if len(values) == 1:
        parts = [f"Messwert {labels[0]}: {_with_unit(format_number(values[0]), unit)}"]
    else:
        first, last = format_number(values[0]), format_number(values[-1])
        parts = [f"Verlauf von {labels[0]} bis {labels[-1]}: von {first} auf {_with_unit(last, unit)}"]
    if baseline is not None:
        parts.append(f"Ausgangswert {format_number(baseline)}")
    if target is not None:
        parts.append(f"Ziel {format_number(target)}")
    return "; ".join(parts) + "."


# --- bars --------------------------------------------------------------------------------------------------------


def bar_svg(
    items: Sequence[tuple[str, Number]],
    *,
    chart_id: str,
    title: str,
    unit: str,
    target: Number | None = None,
    width: int = 640,
) -> str:
    """Horizontal bars, one row per item (label left, value beside the bar), with an optional dashed target line.

    Bars start at zero, so negative values point to the left. The height grows with the number of items. Labels
    too long for the label column (at most 40 % of the width) are shortened with "…"; the full text stays in the
    row's tooltip and in the description. Without items the chart only says "Noch keine Werte".
    """
    chart_id = _checked_id(chart_id)
    _check_size(width, 100)
    if not items:
        return _empty_svg(chart_id, title=title, width=width, message="Noch keine Werte")
    labels = [str(label) for label, _ in items]
    values = [_finite(value, label) for label, value in zip(labels, (value for _, value in items), strict=True)]
    if target is not None:
        _finite(target, "Ziel")
    value_texts = [format_number(value) for _, value in items]
    desc = _bar_desc(labels, [value for _, value in items], unit, target)

    scale_values = [*values, 0.0] + ([float(target)] if target is not None else [])
    low, high = min(scale_values), max(scale_values)
    if low == high:
        high = low + 1

    row_height, bar_height = 28, 16
    top = 30 if (unit or target is not None) else 12
    height = top + row_height * len(items) + 12
    label_limit = width * 0.4
    label_width = min(label_limit, max(_text_width(label) for label in labels))
    value_width = max(_text_width(text, SMALL_FONT_SIZE) for text in value_texts) + 8
    plot_left = 8 + label_width + 10 + (value_width if low < 0 else 0)
    plot_right = width - (value_width + 8 if high > 0 else 12)
    plot_right = max(plot_right, plot_left + 40)

    def x_of(value: float) -> float:
        return plot_left + (value - low) / (high - low) * (plot_right - plot_left)

    zero = x_of(0)
    plot_bottom = top + row_height * len(items)
    body: list[str] = []
    if unit:
        body.append(_text(8, 16, unit))
    body.append(_line(zero, top - 4, zero, plot_bottom + 4, stroke=AXIS_COLOR))
    max_chars = max(2, int(label_limit / (FONT_SIZE * GLYPH_WIDTH)))
    for index, (label, value, text) in enumerate(zip(labels, values, value_texts, strict=True)):
        middle = top + row_height * index + row_height / 2
        shown = label if len(label) <= max_chars else label[: max_chars - 1].rstrip() + "…"
        end = x_of(value)
        body.append(f"<g><title>{escape(f'{label}: {_with_unit(text, unit)}')}</title>")
        body.append(_text(8 + label_width, middle + 4, shown, anchor="end"))
        body.append(
            f'<rect x="{_n(min(zero, end))}" y="{_n(middle - bar_height / 2)}" width="{_n(abs(end - zero))}" '
            f'height="{bar_height}" fill="{LINE_COLOR}"/>'
        )
        if value < 0:
            body.append(_text(end - 4, middle + 4, text, anchor="end", size=SMALL_FONT_SIZE))
        else:
            body.append(_text(end + 4, middle + 4, text, size=SMALL_FONT_SIZE))
        body.append("</g>")
    if target is not None:
        x = x_of(float(target))
        body.append(_line(x, top - 6, x, plot_bottom + 4, stroke=TARGET_COLOR, width=2, dash=TARGET_DASH))
        text = f"Ziel {format_number(target)}"
        anchor = "middle"
        if x + _text_width(text) / 2 > width - 4:
            anchor = "end"
        elif x - _text_width(text) / 2 < plot_left - 4:
            anchor = "start"
        body.append(_text(x, top - 10, text, anchor=anchor, fill=TARGET_COLOR))
    return _svg(chart_id, title=title, desc=desc, width=width, height=height, body=body)


def _bar_desc(labels: Sequence[str], values: Sequence[Number], unit: str, target: Number | None) -> str:
    """One German sentence summarising a bar chart."""
    if len(values) == 1:
        parts = [f"{labels[0]}: {_with_unit(format_number(values[0]), unit)}"]
    else:
        highest = max(range(len(values)), key=lambda i: float(values[i]))
        lowest = min(range(len(values)), key=lambda i: float(values[i]))
        parts = [
            f"{len(values)} Werte: höchster Wert {labels[highest]} mit "
            f"{_with_unit(format_number(values[highest]), unit)}, niedrigster Wert {labels[lowest]} mit "
            f"{_with_unit(format_number(values[lowest]), unit)}"
        ]
    if target is not None:
        parts.append(f"Ziel {format_number(target)}")
    return "; ".join(parts) + "."
