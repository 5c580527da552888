"""``{{ value|measured }}``: a measured value exactly as entered, in the active locale."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import timezone
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


@register.inclusion_tag("monitoring/_linked.html")
def linked_indicators(district: Any, lineage: Any) -> dict[str, Any]:
    """Indicators that measure a goal or measure (by lineage), for its public page."""
    from kreiskurs.monitoring.selectors import indicators_of

    return {"district": district, "indicators": list(indicators_of(district).filter(links__lineage=lineage))}


@register.inclusion_tag("monitoring/_stale.html")
def stale_indicators(district: Any, months: int = 12) -> dict[str, Any]:
    """For the dashboard: indicators whose latest district-wide value covers no day of the last ``months``."""

    from kreiskurs.monitoring.selectors import indicators_of

    cutoff = timezone.localdate().replace(day=1)
    year, month = divmod(cutoff.month - 1 - months, 12)
    cutoff = cutoff.replace(year=cutoff.year + year, month=month + 1)
    from kreiskurs.monitoring.periods import parse_period, period_end

    stale = [
        i
        for i in indicators_of(district)
        if not getattr(i, "latest_period", None) or period_end(parse_period(i.latest_period)) < cutoff  # type: ignore[attr-defined]
    ]
    return {"district": district, "indicators": stale}


@register.inclusion_tag("monitoring/_municipality.html")
def municipality_indicators(municipality: Any) -> dict[str, Any]:
    """For a municipality's page: its latest value of each per-municipality indicator (one query)."""
    from kreiskurs.monitoring.models import Measurement

    latest: dict[int, Any] = {}
    for m in (
        Measurement.objects.filter(municipality=municipality)
        .select_related("indicator")
        .order_by("indicator__code", "period_start", "period")
    ):
        latest[m.indicator_id] = m
    return {"district": municipality.district, "rows": list(latest.values())}
