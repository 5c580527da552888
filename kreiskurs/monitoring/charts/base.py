"""The SVG frame every chart shares: colours, sizes, text and line elements, title and description, checks."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from kreiskurs.i18n import gettext as _

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
        raise ValueError(_("„%(id)s“ ist keine gültige Diagramm-ID (Buchstaben, Ziffern, _ . -)") % {"id": chart_id})
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
        raise ValueError(
            _("Diagramm zu klein: %(width)s×%(height)s (mindestens 160×100)") % {"width": width, "height": height}
        )


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
