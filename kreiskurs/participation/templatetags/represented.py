"""Filters for the representativeness tables (``participation/_representativeness.html``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """A share (0–1) as a German percentage with one decimal ("12,5 %"); "–" for none."""
    if share is None:
        return "–"
    return f"{floatformat(share * 100, 1)} %"


@register.filter
def represented_tables(result: Any) -> list[tuple[Any, str, str]]:
    """The two tables of a ``Representativeness`` with their column heading and caption."""
    return [
        (result.municipalities, _("Wohnort"), _("Teilnehmende nach Wohnort (Gemeinde) und Bevölkerungsanteil")),
        (result.age_bands, _("Altersgruppe"), _("Teilnehmende nach Altersgruppe und Bevölkerungsanteil")),
    ]
