"""The baseline (Ausgangslage) of one version: its sections, its SWOT and the territory's figures.

Everything comes from a fixed number of queries, however many sections and
findings the version has (``test_baseline.py`` guards it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from kreiskurs.territory.models import UNINCORPORATED_TYPES, District, Municipality

from ..models import BaselineSection, StrategyVersion, SwotItem


@dataclass
class TerritoryFigures:
    """Key figures of the district from GV100AD, read live (they change with a new Gebietsstand)."""

    population: int
    area_km2: Decimal
    density: Decimal | None
    municipalities: int
    unincorporated: int
    reference_date: object


@dataclass
class SwotQuadrant:
    kind: str
    label: str
    items: list[SwotItem] = field(default_factory=list)


@dataclass
class Baseline:
    version: StrategyVersion
    sections: list[BaselineSection]
    quadrants: list[SwotQuadrant]
    territory: TerritoryFigures

    @property
    def is_empty(self) -> bool:
        return not self.sections and not any(q.items for q in self.quadrants)


def territory_figures(district: District) -> TerritoryFigures:
    """Population, area and density of the district and how many municipalities it has (one query)."""
    unincorporated = Q(type_code__in=UNINCORPORATED_TYPES)
    totals = Municipality.objects.filter(district=district).aggregate(
        population=Sum("population"),
        area=Sum("area_km2"),
        municipalities=Count("pk", filter=~unincorporated),
        unincorporated=Count("pk", filter=unincorporated),
    )
    population = district.population or totals["population"] or 0
    area = district.area_km2 or totals["area"] or Decimal(0)
    return TerritoryFigures(
        population=population,
        area_km2=area,
        density=(Decimal(population) / area).quantize(Decimal(1)) if area else None,
        municipalities=totals["municipalities"] or 0,
        unincorporated=totals["unincorporated"] or 0,
        reference_date=district.reference_date,
    )


def baseline_of(version: StrategyVersion) -> Baseline:
    """The version's baseline: sections in order (with their field), the SWOT by quadrant, the territory."""
    sections = list(BaselineSection.objects.filter(version=version).select_related("field"))
    items = list(SwotItem.objects.filter(version=version).prefetch_related("fields_of_action", "goals"))
    quadrants = [SwotQuadrant(kind, str(label)) for kind, label in SwotItem.Kind.choices]
    by_kind = {q.kind: q for q in quadrants}
    for item in items:
        by_kind[item.kind].items.append(item)
    return Baseline(
        version=version, sections=sections, quadrants=quadrants, territory=territory_figures(version.district)
    )
