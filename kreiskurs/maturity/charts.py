"""A server-side, accessible radar chart (Netzdiagramm) for maturity scores.

Same conventions as ``kreiskurs.monitoring.charts`` (whose SVG helpers it uses): one self-contained
``<svg>`` with ``role="img"``, ``<title>`` and a German ``<desc>`` referenced by ``aria-labelledby``,
presentation attributes only (no ``style``), escaped text, a ``viewBox`` without fixed size. The
series differ by dash pattern and marker shape as well as colour, so the chart does not rely on colour;
pages show the same numbers in a data table next to it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

from kreiskurs.i18n import gettext as _
from kreiskurs.monitoring.charts import (
    AXIS_COLOR,
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
    _svg,
    _text,
    format_number,
)

__all__ = ["SERIES_STYLES", "radar_svg"]

#: colour, dash pattern (None = solid), marker ("circle" or "square") per series, in order
SERIES_STYLES: tuple[tuple[str, str | None, str], ...] = (
    (LINE_COLOR, None, "circle"),
    (TARGET_COLOR, TARGET_DASH, "square"),
    ("#4a5060", "3 3", "circle"),
)
LABEL_CHARS = 20  # per line of an axis label; two lines at most


def _wrap(label: str, width: int = LABEL_CHARS) -> list[str]:
    """An axis label in at most two lines of about ``width`` characters (the rest shortened with "…")."""
    words = label.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return [line if len(line) <= width + 2 else line[: width - 1].rstrip() + "…" for line in lines]


def radar_svg(
    axes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    chart_id: str,
    title: str,
    max_value: float = 4,
    width: int = 640,
    height: int = 500,
) -> str:
    """A radar chart: one axis per label (clockwise from the top), one closed line per series.

    Values run from 0 at the centre to ``max_value`` at the rim, with a ring per whole number. A missing
    value (``None``) is drawn at the centre without a marker and named in the description. At most three
    series (see ``SERIES_STYLES``); fewer than three axes or no series give a chart that says so.
    """
    chart_id = _checked_id(chart_id)
    _check_size(width, height)
    if len(axes) < 3 or not series:
        return _empty_svg(chart_id, title=title, width=width, message=_("Zu wenige Werte für ein Netzdiagramm"))
    if len(series) > len(SERIES_STYLES):
        raise ValueError(_("Höchstens %(count)s Reihen") % {"count": len(SERIES_STYLES)})
    if max_value <= 0:
        raise ValueError(_("Der Höchstwert muss größer als 0 sein"))
    for name, values in series:
        if len(values) != len(axes):
            raise ValueError(
                _("Die Reihe „%(name)s“ hat %(values)s Werte für %(axes)s Achsen")
                % {"name": name, "values": len(values), "axes": len(axes)}
            )
        for value in values:
            if value is not None and not (math.isfinite(value) and 0 <= value <= max_value):
                raise ValueError(
                    _("Der Wert %(value)s der Reihe „%(name)s“ liegt nicht zwischen 0 und %(max_value)s")
                    % {"value": value, "name": name, "max_value": max_value}
                )

    legend_height = 22 * len(series) + 8
    cx = width / 2
    radius = min(width / 2 - 175, (height - legend_height) / 2 - 50)
    cy = 50 + radius
    count = len(axes)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = radius * value / max_value
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    body: list[str] = []
    rings = math.floor(max_value)
    for ring in range(1, rings + 1):
        ring_points = " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(i, ring) for i in range(count)))
        body.append(f'<polygon points="{ring_points}" fill="none" stroke="{GRID_COLOR}" stroke-width="0.5"/>')
        x, y = point(0, ring)
        body.append(_text(x + 4, y + 12, format_number(ring), size=SMALL_FONT_SIZE, fill=AXIS_COLOR))
    for index, label in enumerate(axes):
        x, y = point(index, max_value)
        body.append(_line(cx, cy, x, y, stroke=AXIS_COLOR, width=0.75))
        lx, ly = point(index, max_value * 1.1)
        cos = (lx - cx) / (radius * 1.1)
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        lines = _wrap(label)
        sin = (ly - cy) / (radius * 1.1)
        top = ly + 4 - (FONT_SIZE + 2) * (len(lines) - 1) * (0.5 if abs(sin) < 0.5 else (1 if sin < 0 else 0))
        tspans = "".join(
            f'<tspan x="{_n(lx)}" y="{_n(top + i * (FONT_SIZE + 2))}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        body.append(f'<text text-anchor="{anchor}" fill="#171a2b" font-size="{FONT_SIZE}">{tspans}</text>')

    for (name, values), (color, dash, marker) in zip(series, SERIES_STYLES, strict=False):
        coordinates = [point(i, value or 0) for i, value in enumerate(values)]
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in coordinates)
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        fill = f' fill="{color}" fill-opacity="0.12"' if dash is None else ' fill="none"'
        body.append(f'<polygon points="{path}"{fill} stroke="{color}" stroke-width="2.5"{dash_attribute}/>')
        for (x, y), axis, value in zip(coordinates, axes, values, strict=True):
            if value is None:
                continue
            tooltip = escape(f"{name}, {axis}: {format_number(value, decimals=1)}")
            body.append(_marker(marker, x, y, color, tooltip))

    legend_top = cy + radius + 50
    for index, ((name, _values), (color, dash, marker)) in enumerate(zip(series, SERIES_STYLES, strict=False)):
        y = legend_top + 22 * index
        x = 24
        body.append(_line(x, y, x + 36, y, stroke=color, width=2.5, dash=dash))
        body.append(_marker(marker, x + 18, y, color, escape(name)))
        body.append(_text(x + 46, y + 4, name))
    desc = _radar_desc(axes, series, max_value)
    return _svg(chart_id, title=title, desc=desc, width=width, height=int(legend_top + 22 * len(series)), body=body)


def _marker(shape: str, x: float, y: float, color: str, tooltip: str) -> str:
    if shape == "square":
        return (
            f'<rect x="{_n(x - 4)}" y="{_n(y - 4)}" width="8" height="8" fill="{color}"><title>{tooltip}</title></rect>'
        )
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{color}"><title>{tooltip}</title></circle>'


def _radar_desc(axes: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], max_value: float) -> str:
    """One sentence per series (German source, translated): its strongest and weakest axis, and axes without a value."""
    parts = [
        _("Netzdiagramm mit %(axes)s Achsen, Skala 0 bis %(max)s")
        % {"axes": len(axes), "max": format_number(max_value)}
    ]
    for name, values in series:
        present = [(value, axis) for value, axis in zip(values, axes, strict=True) if value is not None]
        if not present:
            parts.append(_("%(name)s: keine Werte") % {"name": name})
            continue
        high = max(present, key=lambda item: item[0])
        low = min(present, key=lambda item: item[0])
        text = _("%(name)s: höchster Wert %(high_axis)s mit %(high)s, niedrigster Wert %(low_axis)s mit %(low)s") % {
            "name": name,
            "high_axis": high[1],
            "high": format_number(high[0], decimals=1),
            "low_axis": low[1],
            "low": format_number(low[0], decimals=1),
        }
        missing = [axis for value, axis in zip(values, axes, strict=True) if value is None]
        if missing:
            text += _(", ohne Wert: %(axes)s") % {"axes": ", ".join(missing)}
        parts.append(text)
    return "; ".join(parts) + "."
