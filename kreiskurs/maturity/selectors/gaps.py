"""The gap analysis: where municipalities are weak, and what the strategy does about it."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from kreiskurs.collation import natural
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy.models import FieldOfAction, Measure, StrategyVersion

from .. import comparison
from ..models import AssessmentRound, Dimension, FieldLink, GapMeasure
from .base import Cell, _submitted_scores, code_order


@dataclass
class GapRow:
    dimension: Dimension
    figures: comparison.GapFigures
    median: Cell
    fields: list[FieldOfAction]
    measures: list[Measure]  # of the current version, in the linked fields
    created: list[tuple[GapMeasure, Measure | None]] = field(default_factory=list)  # made from this gap, any round


@dataclass
class GapAnalysis:
    round: AssessmentRound
    rows: list[GapRow]
    version: StrategyVersion | None  # whose measures are listed
    draft: StrategyVersion | None  # where new measures go

    @property
    def gaps(self) -> list[GapRow]:
        return [r for r in self.rows if r.figures.is_gap]


def gap_analysis(round: AssessmentRound) -> GapAnalysis:
    """Per dimension: how many municipalities (and inhabitants) are weak, and what the strategy does about it.

    Rows come gaps first, then by the share of weak municipalities. "Measures" are those of the current
    (adopted) version — or of the open draft when nothing is adopted yet — in the fields of action linked
    to the dimension; measures already created from a gap are listed with it.
    """
    district = round.district
    dimensions = list(Dimension.objects.filter(model_id=round.model_id))
    submitted = _submitted_scores(round)
    links: dict[str, set[uuid.UUID]] = defaultdict(set)
    for code, lineage in FieldLink.objects.filter(district=district).values_list("dimension_code", "field_lineage"):
        links[code].add(lineage)
    draft = strategy_selectors.open_version(district)
    version = strategy_selectors.current_version(district) or draft
    fields: dict[uuid.UUID, FieldOfAction] = {}
    measures_by_field: dict[uuid.UUID, list[Measure]] = defaultdict(list)
    if version is not None:
        fields = {f.lineage: f for f in FieldOfAction.objects.filter(version=version)}
        wanted = [fields[lin].pk for lins in links.values() for lin in lins if lin in fields]
        measures = (
            Measure.objects.filter(version=version, fields_of_action__in=wanted)
            .distinct()
            .prefetch_related(Prefetch("fields_of_action", queryset=FieldOfAction.objects.only("id", "lineage")))
            .order_by(natural("code"))
        )
        for measure in measures:
            for f in measure.fields_of_action.all():
                measures_by_field[f.lineage].append(measure)
    gap_measures = list(
        GapMeasure.objects.filter(district=district).select_related("version").order_by("created_at", "id")
    )
    created_measures = (
        {
            (m.version_id, m.lineage): m
            for m in Measure.objects.filter(
                version_id__in={g.version_id for g in gap_measures},
                lineage__in={g.measure_lineage for g in gap_measures},
            )
        }
        if gap_measures
        else {}
    )
    rows = []
    for d in dimensions:
        scores = [(r["scores"].get(d.code), r["population"] or 0) for r in submitted]
        linked = [fields[lin] for lin in links.get(d.code, ()) if lin in fields]
        linked.sort(key=lambda f: (f.position, f.code))
        seen: set[int] = set()
        addressed = []
        for f in linked:
            for m in measures_by_field.get(f.lineage, []):
                if m.pk not in seen:
                    seen.add(m.pk)
                    addressed.append(m)
        addressed.sort(key=lambda m: code_order(m.code))
        rows.append(
            GapRow(
                dimension=d,
                figures=comparison.gap_figures(scores),
                median=Cell(comparison.median(s for s, _p in scores)),
                fields=linked,
                measures=addressed,
                created=[
                    (g, created_measures.get((g.version_id, g.measure_lineage)))
                    for g in gap_measures
                    if g.dimension_code == d.code
                ],
            )
        )
    rows.sort(key=lambda r: (not r.figures.is_gap, -(r.figures.weak_share or 0), r.dimension.position))
    return GapAnalysis(round=round, rows=rows, version=version, draft=draft)
