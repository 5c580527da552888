"""Server-side, accessible SVG charts for the monitoring, usable on screen and in print views.

Every chart is a self-contained ``<svg>`` string with ``role="img"``, a ``<title>`` and a one-sentence German
``<desc>`` that ``aria-labelledby`` points to. The markup uses presentation attributes only (no ``style``
attributes, no ``<style>`` elements), so it passes a strict Content Security Policy. All colours have a contrast of
at least 3:1 against the white background; target and baseline differ by dash pattern as well as by colour. All
text is escaped. The charts have a ``viewBox`` but no fixed size, so they scale with their container.

The charts live by noun in ``trend`` and ``bars``; ``numbers`` formats numbers and ``base`` holds the shared
SVG frame (the maturity radar chart draws with it too). This package re-exports their names; the helpers
re-exported with ``as`` are shared with ``maturity.charts`` and the tests, not part of ``__all__``.
"""

from .bars import bar_svg
from .base import AXIS_COLOR as AXIS_COLOR
from .base import BACKGROUND as BACKGROUND
from .base import BASELINE_COLOR as BASELINE_COLOR
from .base import BASELINE_DASH as BASELINE_DASH
from .base import FONT_FAMILY as FONT_FAMILY
from .base import FONT_SIZE as FONT_SIZE
from .base import GLYPH_WIDTH as GLYPH_WIDTH
from .base import GRID_COLOR as GRID_COLOR
from .base import LINE_COLOR as LINE_COLOR
from .base import SMALL_FONT_SIZE as SMALL_FONT_SIZE
from .base import SVG_NS as SVG_NS
from .base import TARGET_COLOR as TARGET_COLOR
from .base import TARGET_DASH as TARGET_DASH
from .base import TEXT_COLOR as TEXT_COLOR
from .base import _check_size as _check_size
from .base import _checked_id as _checked_id
from .base import _empty_svg as _empty_svg
from .base import _line as _line
from .base import _n as _n
from .base import _spread as _spread
from .base import _svg as _svg
from .base import _text as _text
from .base import _text_width as _text_width
from .numbers import Number as Number
from .numbers import _finite as _finite
from .numbers import _nice_ticks as _nice_ticks
from .numbers import _with_unit as _with_unit
from .numbers import format_number
from .trend import trend_svg

__all__ = ["bar_svg", "format_number", "trend_svg"]
