"""Reads of the maturity app: model structure, rounds, heatmap, size classes, gaps, profiles.

Every function takes the district (or a row that belongs to one) and reads
in a fixed number of queries, whatever the number of municipalities. Scores
come from the stored ``Assessment.dimension_scores`` (see ``scoring.py``);
only **submitted** assessments count anywhere in results.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kreiskurs.accounts.models import Role
from kreiskurs.accounts.rules import memberships
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy.models import FieldOfAction, Measure, StrategyVersion
from kreiskurs.territory.models import District, MunicipalAssociation, Municipality

from . import comparison, scoring
from .models import Answer, Assessment, AssessmentRound, Dimension, FieldLink, GapMeasure, MaturityModel, Question

SIZE_CLASS_LABELS: dict[str, Promise] = {
    "S1": _("unter 2.000 Einwohner"),
    "S2": _("2.000 bis unter 5.000 Einwohner"),
    "S3": _("5.000 bis unter 10.000 Einwohner"),
    "S4": _("10.000 bis unter 20.000 Einwohner"),
    "S5": _("20.000 bis unter 50.000 Einwohner"),
    "S6": _("50.000 Einwohner und mehr"),
}
#: groups smaller than this are not shown in public aggregates (no conclusions about one municipality)
PUBLIC_MIN_GROUP = 3


def code_order(code: str) -> tuple[str, int, str]:
    """Sort key for codes like M2, M10 (natural order: M2 before M10)."""
    head = code.rstrip("0123456789")
    tail = code[len(head) :]
    return (head, int(tail) if tail else -1, code)


def size_class_label(code: str) -> str:
    return str(SIZE_CLASS_LABELS[code])


# --- model and rounds --------------------------------------------------------------------------


def models_of(district: District) -> QuerySet[MaturityModel]:
    return MaturityModel.objects.filter(district=district).annotate(round_count=Count("rounds")).order_by("-version")


def latest_model(district: District) -> MaturityModel | None:
    return MaturityModel.objects.filter(district=district).order_by("-version").first()


def model_structure(model: MaturityModel) -> list[Dimension]:
    """The model's dimensions in order, each with its questions prefetched."""
    return list(
        Dimension.objects.filter(model=model).prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position", "id"))
        )
    )


def question_count(model: MaturityModel) -> int:
    return Question.objects.filter(dimension__model=model).count()


def rounds_of(district: District) -> QuerySet[AssessmentRound]:
    """Rounds, newest first, with their counts of submitted and draft self-assessments."""
    return (
        AssessmentRound.objects.filter(district=district)
        .select_related("model")
        .annotate(
            submitted=Count("assessments", filter=Q(assessments__state=Assessment.State.SUBMITTED)),
            drafts=Count("assessments", filter=Q(assessments__state=Assessment.State.DRAFT)),
        )
    )


def open_round(district: District) -> AssessmentRound | None:
    return (
        AssessmentRound.objects.filter(district=district, state=AssessmentRound.State.OPEN)
        .select_related("model")
        .first()
    )


def results_round(district: District, *, closed_only: bool = False) -> AssessmentRound | None:
    """The newest round with at least one submitted self-assessment (closed rounds only, if asked)."""
    rounds = AssessmentRound.objects.filter(
        district=district, assessments__state=Assessment.State.SUBMITTED
    ).select_related("model")
    if closed_only:
        rounds = rounds.filter(state=AssessmentRound.State.CLOSED)
    return rounds.distinct().order_by("-opened_on", "-id").first()


def linkable_fields(district: District) -> list[FieldOfAction]:
    """Fields of action a dimension can be linked to: those of the current and the open version (one per lineage,
    the open version's wording first)."""
    found: dict[uuid.UUID, FieldOfAction] = {}
    for version in (strategy_selectors.open_version(district), strategy_selectors.current_version(district)):
        if version is not None:
            for f in FieldOfAction.objects.filter(version=version):
                found.setdefault(f.lineage, f)
    return sorted(found.values(), key=lambda f: (f.position, f.code))


def contact_municipalities(user: Any, district: District) -> list[Municipality]:
    """The municipalities of ``district`` the user is the municipal contact of."""
    ids = [
        m.municipality_id
        for m in memberships(user)
        if m.role == Role.MUNICIPAL_CONTACT and m.district_id == district.pk and m.municipality_id
    ]
    return list(Municipality.objects.filter(pk__in=ids).order_by("name")) if ids else []


def assessment_of(round: AssessmentRound, municipality: Municipality) -> Assessment | None:
    return Assessment.objects.filter(round=round, municipality=municipality).select_related("submitted_by").first()


def answers_of(assessment: Assessment | None) -> dict[int, int | None]:
    """Question id → level (``None``: does not apply) of an assessment."""
    if assessment is None:
        return {}
    return dict(Answer.objects.filter(assessment=assessment).values_list("question_id", "level"))


def assessments_of(round: AssessmentRound) -> list[Assessment]:
    return list(Assessment.objects.filter(round=round).select_related("municipality").order_by("municipality__name"))


# --- cells, medians, heatmap -------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One score as shown in a table: the number, its colour band and whether it is weak."""

    score: float | None

    @property
    def band(self) -> int | None:
        return scoring.band(self.score)

    @property
    def weak(self) -> bool:
        return comparison.is_weak(self.score)


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


def _medians(rows: list[dict[str, Any]], codes: list[str]) -> tuple[list[Cell], Cell]:
    cells = [Cell(comparison.median(r["scores"].get(code) for r in rows)) for code in codes]
    return cells, Cell(comparison.median(r["overall"] for r in rows))


def _submitted_scores(round: AssessmentRound) -> list[dict[str, Any]]:
    """Submitted assessments of the round as plain rows: municipality id, population, scores (one query)."""
    return [
        {"municipality_id": m_id, "population": population, "scores": scores or {}, "overall": overall}
        for m_id, population, scores, overall in Assessment.objects.filter(
            round=round, state=Assessment.State.SUBMITTED
        ).values_list("municipality_id", "municipality__population", "dimension_scores", "overall")
    ]


def heatmap(round: AssessmentRound, *, association: int | None = None, size_class: str | None = None) -> Heatmap:
    """Municipalities × dimensions of one round, grouped by size class, with class and district medians.

    The filters (municipal association id, size class code) choose which rows are shown; the medians
    always refer to all submitted municipalities of the district (or of the whole size class).
    """
    dimensions = list(Dimension.objects.filter(model_id=round.model_id))
    codes = [d.code for d in dimensions]
    municipalities = list(Municipality.objects.filter(district_id=round.district_id).order_by("name"))
    states = dict(Assessment.objects.filter(round=round).values_list("municipality_id", "state"))
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
    return list(MunicipalAssociation.objects.filter(district=district).exclude(type_code=50).order_by("name"))


# --- gaps ----------------------------------------------------------------------------------------


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
            .order_by("code")
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


# --- one municipality ----------------------------------------------------------------------------


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
        Assessment.objects.filter(district=district, state=Assessment.State.SUBMITTED)
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


# --- public aggregate --------------------------------------------------------------------------


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
