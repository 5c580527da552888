"""``{{ value|measured }}``: a measured value exactly as entered, in the active locale."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def measured(value: Any) -> str:
    """70.2000 → "70,2", 1500.0000 → "1.500" (German); no rounding, no trailing zeros."""
    if value is None or value == "":
        return "–"
    number = Decimal(value).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return number_format(number, force_grouping=True)
