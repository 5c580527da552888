"""What monitoring shows on pages of apps below it (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kreiskurs.core.sections import register_section

from .periods import parse_period, period_end
from .selectors import indicators_of, latest_periods, linked_to, municipal_values


@register_section("portal.goal", template="monitoring/_linked.html", order=10)
@register_section("portal.measure", template="monitoring/_linked.html", order=10)
def linked_indicators(*, request: HttpRequest, district: Any, lineage: Any) -> dict[str, Any]:
    """Indicators that measure a goal or measure (by lineage), for its public page."""
    return {"district": district, "indicators": linked_to(district, lineage)}


@register_section("manage.dashboard", template="monitoring/_stale.html", order=10)
def stale_indicators(*, request: HttpRequest, district: Any, months: int = 12) -> dict[str, Any]:
    """For the dashboard: indicators whose latest district-wide value covers no day of the last ``months``."""
    cutoff = timezone.localdate().replace(day=1)
    year, month = divmod(cutoff.month - 1 - months, 12)
    cutoff = cutoff.replace(year=cutoff.year + year, month=month + 1)
    stale = [row for row in latest_periods(district) if not row[3] or period_end(parse_period(row[3])) < cutoff]
    return {"district": district, "indicators": stale}


@register_section("portal.municipality", template="monitoring/_municipality.html", order=10)
def municipality_indicators(*, request: HttpRequest, municipality: Any) -> dict[str, Any]:
    """For a municipality's page: its latest value of each per-municipality indicator (one query)."""
    latest: dict[int, Any] = {}
    for m in municipal_values(municipality):
        latest[m.indicator_id] = m
    return {"district": municipality.district, "rows": list(latest.values())}


@register_section("portal.baseline", template="monitoring/_baseline.html", order=10)
def indicator_baselines(*, request: HttpRequest, district: Any, version: Any) -> dict[str, Any]:
    """For the baseline (Ausgangslage): every indicator with a baseline value, where it started and its target."""
    rows = [i for i in indicators_of(district).order_by() if i.baseline_value is not None]
    rows.sort(key=lambda i: (i.code.casefold(), i.pk))
    return {"district": district, "indicators": rows}
