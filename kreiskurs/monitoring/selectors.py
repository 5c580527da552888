"""Reads of the monitoring app: indicators with their latest value, series for charts."""

from __future__ import annotations

import uuid

from django.db.models import OuterRef, QuerySet, Subquery

from kreiskurs.prepared import Prepared
from kreiskurs.territory.models import District, Municipality

from .models import Indicator, Measurement


def _indicators_of(district: District | int) -> QuerySet[Indicator]:
    latest = Measurement.objects.filter(indicator=OuterRef("pk"), municipality__isnull=True).order_by(
        "-period_start", "-period"
    )
    return Indicator.objects.filter(district=district).annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_period=Subquery(latest.values("period")[:1]),
        latest_start=Subquery(latest.values("period_start")[:1]),
    )


_OF_DISTRICT = Prepared(_indicators_of, district=int)
_LINKED = Prepared(
    lambda district, lineage: _indicators_of(district).filter(links__lineage=lineage), district=int, lineage=uuid.UUID
)
_MUNICIPAL = Prepared(
    lambda municipality: (
        Measurement.objects.filter(municipality_id=municipality)
        .select_related("indicator")
        .order_by("indicator__code", "period_start", "period")
    ),
    municipality=int,
)


_LATEST_PERIODS = Prepared(
    lambda district: (
        Indicator.objects.filter(district_id=district)
        .annotate(
            latest_period=Subquery(
                Measurement.objects.filter(indicator=OuterRef("pk"), municipality__isnull=True)
                .order_by("-period_start", "-period")
                .values("period")[:1]
            )
        )
        .values_list("pk", "code", "name", "latest_period")
    ),
    district=int,
)


def latest_periods(district: District) -> list[tuple[int, str, str, str | None]]:
    """(id, code, name, latest district-wide period or None) of the district's indicators, in their order."""
    return list(_LATEST_PERIODS(district=district.pk))


def indicators_of(district: District) -> QuerySet[Indicator]:
    """The district's indicators, each with its latest district-wide value and period."""
    return _OF_DISTRICT(district=district.pk)


def linked_to(district: District, lineage: uuid.UUID) -> list[Indicator]:
    """The indicators (as :func:`indicators_of`) that measure the goal or measure ``lineage``."""
    return list(_LINKED(district=district.pk, lineage=lineage))


def municipal_values(municipality: Municipality) -> QuerySet[Measurement]:
    """The municipality's measurements by indicator code, each indicator's in the order of periods."""
    return _MUNICIPAL(municipality=municipality.pk)


def district_series(indicator: Indicator) -> list[Measurement]:
    return list(Measurement.objects.filter(indicator=indicator, municipality__isnull=True).order_by("period_start"))


def municipal_latest(indicator: Indicator) -> tuple[str | None, list[Measurement]]:
    """The latest period with municipal values, and those values (largest first)."""
    last = (
        Measurement.objects.filter(indicator=indicator, municipality__isnull=False)
        .order_by("-period_start", "-period")
        .values_list("period", flat=True)
        .first()
    )
    if last is None:
        return None, []
    rows = (
        Measurement.objects.filter(indicator=indicator, municipality__isnull=False, period=last)
        .select_related("municipality")
        .order_by("-value", "municipality__name")
    )
    return last, list(rows)


def measurements_of(indicator: Indicator) -> QuerySet[Measurement]:
    return (
        Measurement.objects.filter(indicator=indicator)
        .select_related("municipality")
        .order_by("period_start", "municipality__name")
    )
