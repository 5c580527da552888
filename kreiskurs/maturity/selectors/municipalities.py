"""Reads of one municipality: its history of scores, its latest scores and its place among its peers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kreiskurs.territory.models import District, Municipality

from .. import comparison
from ..models import Assessment, AssessmentRound, Dimension
from .base import Cell, _medians, _submitted_scores, size_class_label

Profile = list[tuple[AssessmentRound, float | None, dict[Dimension, float | None]]]


def municipality_profile(municipality: Municipality) -> Profile:
    """The municipality's history: one entry per round in which it **submitted** a self-assessment.

    Oldest round first. Each entry is ``(round, overall score or None, {dimension: score or None})`` with
    the dimensions of the model version that round used, in their order (``dimension.code`` is stable
    across versions; ``dimension.title`` is the title of that version). Scores are on the 0–4 scale
    (``scoring.py``). Three queries, whatever the number of rounds. Individual results are internal:
    show them only to users with ``maturity.view_municipality`` on the municipality.
    """
    assessments = list(
        Assessment.objects.filter(municipality=municipality, state=Assessment.State.SUBMITTED)
        .select_related("round")
        .order_by("round__opened_on", "round__id")
    )
    dimensions: dict[int, list[Dimension]] = defaultdict(list)
    for d in Dimension.objects.filter(model_id__in={a.round.model_id for a in assessments}):
        dimensions[d.model_id].append(d)
    return [
        (a.round, a.overall, {d: (a.dimension_scores or {}).get(d.code) for d in dimensions[a.round.model_id]})
        for a in assessments
    ]


def latest_scores(district: District) -> dict[int, dict[str, float]]:
    """Each municipality's scores from its most recent **submitted** self-assessment (by round date).

    ``{municipality_id: {"overall": 2.4, "verwaltung": 3.0, …}}`` with dimension codes as keys and
    scores on the 0–4 scale; keys without a score (all questions "does not apply") are left out, and
    municipalities that never submitted are missing. One query. Individual results are internal: show
    them only to users with ``maturity.view_results`` on the district (or the municipality's own contact).
    """
    result: dict[int, dict[str, float]] = {}
    rows = (
        Assessment.objects.filter(district=district, state=Assessment.State.SUBMITTED, municipality__isnull=False)
        .order_by("round__opened_on", "round__id")
        .values_list("municipality_id", "dimension_scores", "overall")
    )
    for municipality_id, scores, overall in rows:
        entry = {code: float(score) for code, score in (scores or {}).items() if score is not None}
        if overall is not None:
            entry["overall"] = float(overall)
        result[municipality_id] = entry
    return result


@dataclass
class Comparison:
    """One municipality's scores in a round next to the district median and its size-class median."""

    round: AssessmentRound
    dimensions: list[Dimension]
    own: list[Cell]
    own_overall: Cell
    district: list[Cell]
    district_overall: Cell
    district_members: int
    size_class: str
    size_class_label: str
    size_class_members: int
    size_class_median: list[Cell]
    size_class_overall: Cell


def municipality_comparison(municipality: Municipality, round: AssessmentRound) -> Comparison | None:
    """The municipality against the medians of the round; ``None`` if it submitted nothing in that round."""
    submitted = _submitted_scores(round)
    own = next((r for r in submitted if r["municipality_id"] == municipality.pk), None)
    if own is None:
        return None
    dimensions = list(Dimension.objects.filter(model_id=round.model_id))
    codes = [d.code for d in dimensions]
    size = comparison.size_class(municipality.population).code
    peers = [r for r in submitted if comparison.size_class(r["population"] or 0).code == size]
    district_cells, district_overall = _medians(submitted, codes)
    class_cells, class_overall = _medians(peers, codes)
    return Comparison(
        round=round,
        dimensions=dimensions,
        own=[Cell(own["scores"].get(c)) for c in codes],
        own_overall=Cell(own["overall"]),
        district=district_cells,
        district_overall=district_overall,
        district_members=len(submitted),
        size_class=size,
        size_class_label=size_class_label(size),
        size_class_members=len(peers),
        size_class_median=class_cells,
        size_class_overall=class_overall,
    )
