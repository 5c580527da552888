"""Participation shown on other apps' pages (portal, dashboard, evaluation), which must not import this app.

Tags only call selectors: the reads and their visibility rules live in ``participation.selectors``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from ..selectors.figures import participation_figures as figures_in_period

register = template.Library()


@register.inclusion_tag("participation/tags/figures.html")
def participation_figures(district: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Participation in a period (for the evaluation report): processes, people, contributions, events."""
    return {"figures": figures_in_period(district, start, end)}
