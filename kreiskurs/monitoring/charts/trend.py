"""The trend chart: measured values over time, with baseline and target."""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

from kreiskurs.i18n import gettext as _

from .base import (
    AXIS_COLOR,
    BASELINE_COLOR,
    BASELINE_DASH,
    FONT_SIZE,
    GRID_COLOR,
    LINE_COLOR,
    SMALL_FONT_SIZE,
    TARGET_COLOR,
    TARGET_DASH,
    _check_size,
    _checked_id,
    _empty_svg,
    _line,
    _n,
    _spread,
    _svg,
    _text,
    _text_width,
)
from .numbers import Number, _finite, _nice_ticks, _with_unit, format_number


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
        return _empty_svg(chart_id, title=title, width=width, message=_("Noch keine Messwerte"))
    labels = [str(label) for label, _value in points]
    values = [_finite(value, label) for label, value in zip(labels, (value for _label, value in points), strict=True)]
    references: list[tuple[str, Number, str, str]] = []
    if baseline is not None:
        _finite(baseline, _("Ausgangswert"))
        references.append((_("Ausgangswert"), baseline, BASELINE_COLOR, BASELINE_DASH))
    if target is not None:
        _finite(target, _("Ziel"))
        references.append((_("Ziel"), target, TARGET_COLOR, TARGET_DASH))
    desc = _trend_desc(labels, [value for _label, value in points], unit, baseline, target)

    scale_values = values + [float(value) for _name, value, _color, _dash in references]
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
    reference_texts = [f"{name} {format_number(value)}" for name, value, _color, _dash in references]

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

    reference_ys = [y_of(float(value)) for _name, value, _color, _dash in references]
    for (_name, _value, color, dash), y, label_y, text in zip(
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
    value_texts = [format_number(value) for _label, value in points]
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
        parts = [
            _("Messwert %(label)s: %(value)s")
            % {"label": labels[0], "value": _with_unit(format_number(values[0]), unit)}
        ]
    else:
        first, last = format_number(values[0]), format_number(values[-1])
        parts = [
            _("Verlauf von %(start)s bis %(end)s: von %(first)s auf %(last)s")
            % {"start": labels[0], "end": labels[-1], "first": first, "last": _with_unit(last, unit)}
        ]
    if baseline is not None:
        parts.append(_("Ausgangswert %(value)s") % {"value": format_number(baseline)})
    if target is not None:
        parts.append(_("Ziel %(value)s") % {"value": format_number(target)})
    return "; ".join(parts) + "."
