"""The bar chart: one horizontal bar per item, with an optional target line."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from kreiskurs.i18n import gettext as _

from .base import (
    AXIS_COLOR,
    FONT_SIZE,
    GLYPH_WIDTH,
    LINE_COLOR,
    SMALL_FONT_SIZE,
    TARGET_COLOR,
    TARGET_DASH,
    _check_size,
    _checked_id,
    _empty_svg,
    _line,
    _n,
    _svg,
    _text,
    _text_width,
)
from .numbers import Number, _finite, _with_unit, format_number


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
        return _empty_svg(chart_id, title=title, width=width, message=_("Noch keine Werte"))
    labels = [str(label) for label, _value in items]
    values = [_finite(value, label) for label, value in zip(labels, (value for _label, value in items), strict=True)]
    if target is not None:
        _finite(target, _("Ziel"))
    value_texts = [format_number(value) for _label, value in items]
    desc = _bar_desc(labels, [value for _label, value in items], unit, target)

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
        text = _("Ziel %(value)s") % {"value": format_number(target)}
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
            _("%(count)s Werte: höchster Wert %(highest)s mit %(high)s, niedrigster Wert %(lowest)s mit %(low)s")
            % {
                "count": len(values),
                "highest": labels[highest],
                "high": _with_unit(format_number(values[highest]), unit),
                "lowest": labels[lowest],
                "low": _with_unit(format_number(values[lowest]), unit),
            }
        ]
    if target is not None:
        parts.append(_("Ziel %(value)s") % {"value": format_number(target)})
    return "; ".join(parts) + "."
