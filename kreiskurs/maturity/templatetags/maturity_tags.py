"""``{{ score|score }}`` and ``{{ share|share }}``: maturity numbers in the active locale."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def score(value: Any) -> str:
    """A 0–4 score with one decimal place (2.25 → "2,3" in German); no score → "–"."""
    if value is None or value == "":
        return "–"
    return number_format(round(float(value) + 1e-9, 1), decimal_pos=1)


@register.filter
def share(value: Any) -> str:
    """A share 0–1 as a whole percentage (0.3333 → "33 %"); none → "–"."""
    if value is None:
        return "–"
    return f"{number_format(round(float(value) * 100), decimal_pos=0)} %"


@register.filter
def population(value: Any) -> str:
    return number_format(int(value), force_grouping=True)


@register.filter
def as_cell(value: Any) -> Any:
    """A bare score as a table cell (number, colour band, weak or not)."""
    from kreiskurs.maturity.selectors import Cell

    return Cell(None if value is None or value == "" else float(value))
