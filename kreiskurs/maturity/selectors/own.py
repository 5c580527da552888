"""The district administration's own self-assessment, beside the municipalities' medians, and the size classes."""

from __future__ import annotations

from dataclasses import dataclass

from kreiskurs.territory.models import District, Municipality

from .. import comparison
from ..models import Assessment, AssessmentRound, Dimension
from .base import PUBLIC_MIN_GROUP, Cell, _medians, _submitted_scores, size_class_label


@dataclass
class OwnRow:
    dimension: Dimension
    own: Cell
    median: Cell  # of the municipalities that submitted in the same round (empty below PUBLIC_MIN_GROUP)


@dataclass
class OwnResults:
    round: AssessmentRound
    assessment: Assessment
    rows: list[OwnRow]
    overall: Cell
    median_overall: Cell
    municipalities: int  # how many municipalities submitted in that round


def own_results(district: District, *, closed_only: bool = True) -> OwnResults | None:
    """The administration's submitted self-assessment of the newest round that has one (closed rounds only
    for the public), each dimension beside the median of the municipalities of that round. Four queries."""
    own = Assessment.objects.filter(
        district=district, municipality__isnull=True, state=Assessment.State.SUBMITTED
    ).select_related("round")
    if closed_only:
        own = own.filter(round__state=AssessmentRound.State.CLOSED)
    assessment = own.order_by("-round__opened_on", "-round__id").first()
    if assessment is None:
        return None
    dimensions = list(Dimension.objects.filter(model_id=assessment.round.model_id))
    submitted = _submitted_scores(assessment.round)
    if len(submitted) >= PUBLIC_MIN_GROUP:
        medians, median_overall = _medians(submitted, [d.code for d in dimensions])
    else:  # a median of one or two municipalities would show their own results
        medians, median_overall = [Cell(None) for _ in dimensions], Cell(None)
    scores = assessment.dimension_scores or {}
    return OwnResults(
        round=assessment.round,
        assessment=assessment,
        rows=[OwnRow(d, Cell(scores.get(d.code)), m) for d, m in zip(dimensions, medians, strict=True)],
        overall=Cell(assessment.overall),
        median_overall=median_overall,
        municipalities=len(submitted),
    )


@dataclass
class SizeClassCount:
    label: str
    municipalities: int
    population: int


def size_class_counts(district: District) -> list[SizeClassCount]:
    """How many of the district's municipalities (and inhabitants) fall into each size class (GV100AD; one query)."""
    counts = {c.code: SizeClassCount(size_class_label(c.code), 0, 0) for c in comparison.SIZE_CLASSES}
    for population in (
        Municipality.objects.filter(district=district).municipalities().values_list("population", flat=True)
    ):
        row = counts[comparison.size_class(population).code]
        row.municipalities += 1
        row.population += population
    return list(counts.values())
