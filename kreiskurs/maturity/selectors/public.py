"""The public aggregate of the newest closed round, in which no single municipality can be recognised."""

from __future__ import annotations

from dataclasses import dataclass

from kreiskurs.territory.models import District, Municipality

from .. import comparison, scoring
from ..models import AssessmentRound, Dimension
from .base import PUBLIC_MIN_GROUP, Cell, _medians, _submitted_scores, size_class_label
from .rounds import results_round


@dataclass
class PublicDimension:
    dimension: Dimension
    median: Cell
    bands: list[int] | None  # municipalities per band 0–1, 1–2, 2–3, 3–4 (None: fewer than three scores)
    weak: int


@dataclass
class PublicSummary:
    round: AssessmentRound
    submitted: int
    municipalities: int
    population_share: float | None
    rows: list[PublicDimension]
    overall: Cell
    size_classes: list[tuple[str, int, list[Cell]]]  # label, submitted, medians (classes of ≥ 3 only)
    too_few: bool = False  # fewer than three municipalities submitted: nothing but the counts is shown


def public_summary(district: District) -> PublicSummary | None:
    """Aggregates of the newest **closed** round: medians, distribution, size-class medians.

    No individual municipality's score can be read from it: every figure covers at least
    ``PUBLIC_MIN_GROUP`` municipalities (fewer submissions: only the number of them is shown;
    a dimension with fewer scores: no median and no bands; smaller size classes are left out).
    """
    round = results_round(district, closed_only=True)
    if round is None:
        return None
    dimensions = list(Dimension.objects.filter(model_id=round.model_id))
    codes = [d.code for d in dimensions]
    submitted = _submitted_scores(round)
    populations = list(Municipality.objects.filter(district=district).values_list("population", flat=True))
    total = sum(populations)
    covered = sum(r["population"] or 0 for r in submitted)
    if len(submitted) < PUBLIC_MIN_GROUP:
        return PublicSummary(
            round=round,
            submitted=len(submitted),
            municipalities=len(populations),
            population_share=None,
            rows=[],
            overall=Cell(None),
            size_classes=[],
            too_few=True,
        )
    rows = []
    for d in dimensions:
        scores = [r["scores"].get(d.code) for r in submitted]
        known = [s for s in scores if s is not None]
        if len(known) < PUBLIC_MIN_GROUP:
            rows.append(PublicDimension(dimension=d, median=Cell(None), bands=None, weak=0))
            continue
        bands = [0, 0, 0, 0]
        for s in known:
            bands[min(3, scoring.band(s) or 0)] += 1
        rows.append(
            PublicDimension(
                dimension=d,
                median=Cell(comparison.median(scores)),
                bands=bands,
                weak=sum(1 for s in scores if comparison.is_weak(s)),
            )
        )
    classes = []
    for size in comparison.SIZE_CLASSES:
        peers = [r for r in submitted if size.contains(r["population"] or 0)]
        if len(peers) < PUBLIC_MIN_GROUP:
            continue  # not even the count: with the population share it could point to one town
        classes.append((size_class_label(size.code), len(peers), _medians(peers, codes)[0]))
    return PublicSummary(
        round=round,
        submitted=len(submitted),
        municipalities=len(populations),
        population_share=covered / total if total else None,
        rows=rows,
        overall=Cell(comparison.median(r["overall"] for r in submitted)),
        size_classes=classes,
    )
