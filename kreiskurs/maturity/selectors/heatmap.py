"""The heatmap: municipalities × dimensions of one round, grouped by size class, with medians."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kreiskurs.collation import natural
from kreiskurs.territory.models import District, MunicipalAssociation, Municipality

from .. import comparison
from ..models import Assessment, AssessmentRound, Dimension
from .base import Cell, _medians, _submitted_scores, size_class_label


@dataclass
class HeatRow:
    municipality: Municipality
    state: str  # "submitted", "draft" or "missing"
    cells: list[Cell]
    overall: Cell


@dataclass
class HeatGroup:
    code: str
    label: str
    rows: list[HeatRow]
    members: int  # submitted municipalities of the class in the whole district
    median: list[Cell]
    median_overall: Cell


@dataclass
class Heatmap:
    round: AssessmentRound
    dimensions: list[Dimension]
    groups: list[HeatGroup]
    district_median: list[Cell]
    district_median_overall: Cell
    submitted: int
    drafts: int
    municipalities: int  # in the district
    shown: int  # rows after filtering


def heatmap(round: AssessmentRound, *, association: int | None = None, size_class: str | None = None) -> Heatmap:
    """Municipalities × dimensions of one round, grouped by size class, with class and district medians.

    The filters (municipal association id, size class code) choose which rows are shown; the medians
    always refer to all submitted municipalities of the district (or of the whole size class).
    """
    dimensions = list(Dimension.objects.filter(model_id=round.model_id))
    codes = [d.code for d in dimensions]
    municipalities = list(Municipality.objects.filter(district_id=round.district_id).order_by(natural("name")))
    states = dict(
        Assessment.objects.filter(round=round, municipality__isnull=False).values_list("municipality_id", "state")
    )
    submitted = _submitted_scores(round)
    by_municipality = {r["municipality_id"]: r for r in submitted}
    class_of = {m.pk: comparison.size_class(m.population).code for m in municipalities}

    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in submitted:
        members[class_of.get(r["municipality_id"], comparison.size_class(r["population"]).code)].append(r)

    groups: dict[str, list[HeatRow]] = defaultdict(list)
    shown = 0
    for m in municipalities:
        code = class_of[m.pk]
        if association is not None and m.association_id != association:
            continue
        if size_class and code != size_class:
            continue
        shown += 1
        row = by_municipality.get(m.pk)
        scores = row["scores"] if row else {}
        groups[code].append(
            HeatRow(
                municipality=m,
                state=states.get(m.pk, "missing"),
                cells=[Cell(scores.get(c)) for c in codes],
                overall=Cell(row["overall"] if row else None),
            )
        )
    result_groups = []
    for size in comparison.SIZE_CLASSES:
        if size.code not in groups:
            continue
        median, median_overall = _medians(members[size.code], codes)
        result_groups.append(
            HeatGroup(
                code=size.code,
                label=size_class_label(size.code),
                rows=groups[size.code],
                members=len(members[size.code]),
                median=median,
                median_overall=median_overall,
            )
        )
    district_median, district_overall = _medians(submitted, codes)
    return Heatmap(
        round=round,
        dimensions=dimensions,
        groups=result_groups,
        district_median=district_median,
        district_median_overall=district_overall,
        submitted=len(submitted),
        drafts=sum(1 for s in states.values() if s == Assessment.State.DRAFT),
        municipalities=len(municipalities),
        shown=shown,
    )


def associations_of(district: District) -> list[MunicipalAssociation]:
    """Municipal associations that group several municipalities (for the filter)."""
    return list(MunicipalAssociation.objects.filter(district=district).exclude(type_code=50).order_by(natural("name")))
