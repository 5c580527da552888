"""Reads of the evaluation app: suggestions from the data, rounds and their report."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kreiskurs.collation import natural
from kreiskurs.monitoring import charts
from kreiskurs.monitoring.models import Indicator, IndicatorLink, Measurement
from kreiskurs.participation.selectors.figures import participation_figures
from kreiskurs.participation.selectors.representativeness import Representativeness, in_period
from kreiskurs.prepared import Prepared, counting
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy.models import FieldOfAction, Goal, Measure, StrategyVersion
from kreiskurs.strategy.rollup import MeasureProgress, goal_groups
from kreiskurs.territory.models import District

from . import suggestions
from .models import Assessment, ChangeProposal, ElementKind, EvaluationRound, Rating


def rounds_of(district: District, *, published_only: bool) -> QuerySet[EvaluationRound]:
    qs = EvaluationRound.objects.filter(district=district).select_related("version")
    return qs.filter(state=EvaluationRound.State.PUBLISHED) if published_only else qs


def _indicator_states(goal_lineages: set[uuid.UUID], on: dt.date) -> dict[uuid.UUID, list[suggestions.IndicatorState]]:
    """Per goal lineage: its linked indicators with the district value measured by ``on``. Three queries."""
    links = list(IndicatorLink.objects.filter(kind=IndicatorLink.Kind.GOAL, lineage__in=goal_lineages))
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in={link.indicator_id for link in links})}
    latest: dict[int, Any] = {}
    for indicator_id, value in (
        Measurement.objects.filter(indicator_id__in=indicators, municipality__isnull=True, period_start__lte=on)
        .order_by("period_start", "period")
        .values_list("indicator_id", "value")
    ):
        latest[indicator_id] = value
    states: dict[uuid.UUID, list[suggestions.IndicatorState]] = defaultdict(list)
    for link in links:
        i = indicators[link.indicator_id]
        states[link.lineage].append(
            suggestions.IndicatorState(
                code=i.code,
                baseline=i.baseline_value,
                baseline_date=i.baseline_date,
                target=i.target_value,
                target_date=i.target_date,
                latest=latest.get(i.pk),
            )
        )
    return states


def suggest(version: StrategyVersion, on: dt.date) -> list[tuple[str, uuid.UUID, suggestions.Suggestion]]:
    """A suggested rating for every goal, field of action and measure of ``version`` (bounded queries)."""
    measures = list(with_phase(version))
    by_measure: dict[object, suggestions.Suggestion] = {
        m.pk: suggestions.for_measure(
            phase=m.current_phase,  # type: ignore[attr-defined]
            # as in the roll-up: the latest report, else what the phase stands for
            progress=MeasureProgress(m.pk, m.current_phase, m.current_progress, m.weight).progress,  # type: ignore[attr-defined]
            start=m.start,
            end=m.end,
            on=on,
        )
        for m in measures
    }
    by_field: dict[int, list[int]] = defaultdict(list)
    for measure_id, field_id in Measure.fields_of_action.through.objects.filter(measure__version=version).values_list(
        "measure_id", "fieldofaction_id"
    ):
        by_field[field_id].append(measure_id)
    direct: dict[object, list[object]] = defaultdict(list)
    for measure_id, goal_id in Measure.goals.through.objects.filter(measure__version=version).values_list(
        "measure_id", "goal_id"
    ):
        direct[goal_id].append(measure_id)
    goals = list(Goal.objects.filter(version=version).order_by("position", "code"))
    groups = goal_groups({g.pk: g.parent_id for g in goals}, direct)
    states = _indicator_states({g.lineage for g in goals}, on)
    result: list[tuple[str, uuid.UUID, suggestions.Suggestion]] = []
    for goal in goals:
        ratings = [by_measure[pk].rating for pk in groups[goal.pk] if pk in by_measure]
        result.append(
            (
                ElementKind.GOAL,
                goal.lineage,
                suggestions.for_goal(indicators=states[goal.lineage], measure_ratings=ratings, on=on),
            )
        )
    for f in FieldOfAction.objects.filter(version=version).order_by("position", "code"):
        ratings = [by_measure[pk].rating for pk in by_field[f.pk] if pk in by_measure]
        result.append((ElementKind.FIELD, f.lineage, suggestions.for_field(ratings)))
    for m in measures:
        result.append((ElementKind.MEASURE, m.lineage, by_measure[m.pk]))
    return result


def with_phase(version: StrategyVersion) -> QuerySet[Measure]:
    return strategy_selectors.with_implementation(Measure.objects.filter(version=version)).order_by(natural("code"))


@dataclass
class Row:
    """One assessment with the element it rates, as shown in the round."""

    assessment: Assessment
    code: str
    title: str
    lineage: uuid.UUID
    depth: int = 0

    @property
    def indent(self) -> str:
        """Sub-goals are marked by dashes (one per level), readable in print and by screen readers."""
        return "– " * self.depth


@dataclass
class Section:
    kind: str
    label: str
    rows: list[Row] = field(default_factory=list)
    totals: list[tuple[str, str, int]] | None = None  # the counts of all rows, when ``rows`` is one part

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(rating, label, count) in the order of the ratings, those with a count only."""
        if self.totals is not None:
            return self.totals
        found = Counter(r.assessment.rating for r in self.rows)
        return [(value, str(label), found[value]) for value, label in Rating.choices if found[value]]


#: measure ratings per part of the report (issue 12: at 5,000 measures one page was 1.8 MB)
MEASURES_PER_PART = 250


_ROUND = Prepared(
    lambda district, pk: EvaluationRound.objects.filter(district_id=district, pk=pk).select_related(
        "version__strategy", "district"
    )[:1],
    district=int,
    pk=int,
)
_RATED_MEASURES = Prepared(
    lambda round: counting(Assessment.objects.filter(round_id=round, kind=ElementKind.MEASURE), "round"), round=int
)
_PROPOSALS = Prepared(
    lambda round: ChangeProposal.objects.filter(round_id=round).select_related("applied_version"), round=int
)


def round_of(district: District, pk: int) -> EvaluationRound | None:
    """The district's round ``pk`` with its version, strategy and district (a report's first read)."""
    if not 0 < pk < 2**63:  # no such key (and none the database could compare)
        return None
    return _ROUND.first(district=district.pk, pk=pk)


def report_parts(round: EvaluationRound) -> int:
    """How many parts the report has: its measure ratings in parts of ``MEASURES_PER_PART`` (at least one)."""
    rated = _RATED_MEASURES.first(round=round.pk) or 0
    return max(1, -(-rated // MEASURES_PER_PART))


def sections_part(round: EvaluationRound, part: int) -> list[Section]:
    """:func:`sections` with the measures' section cut to part ``part`` (1-based); every section keeps
    the counts of all its rows (the report's first part sums them up)."""
    result = sections(round)
    for section in result:
        section.totals = section.counts
        if section.kind == ElementKind.MEASURE:
            section.rows = section.rows[(part - 1) * MEASURES_PER_PART : part * MEASURES_PER_PART]
    return result


def sections(round: EvaluationRound) -> list[Section]:
    """The round's assessments in three sections (goals as a tree, fields, measures). Four queries."""
    assessments = {a.lineage: a for a in round.assessments.all()}
    version = round.version
    result = []
    goal_rows = []
    for node in strategy_selectors.goal_tree(list(Goal.objects.filter(version=version).order_by("position", "code"))):
        goal_rows.extend(_flatten(node, 0, assessments))
    result.append(Section(ElementKind.GOAL, str(ElementKind.GOAL.label), goal_rows))
    result.append(
        Section(
            ElementKind.FIELD,
            str(ElementKind.FIELD.label),
            [
                Row(assessments[lineage], code, title, lineage)
                for lineage, code, title in FieldOfAction.objects.filter(version=version)
                .order_by("position", "code")
                .values_list("lineage", "code", "title")
                if lineage in assessments
            ],
        )
    )
    result.append(
        Section(
            ElementKind.MEASURE,
            str(ElementKind.MEASURE.label),
            [
                Row(assessments[lineage], code, title, lineage)
                for lineage, code, title in Measure.objects.filter(version=version)
                .order_by(natural("code"))
                .values_list("lineage", "code", "title")
                if lineage in assessments
            ],
        )
    )
    return result


def _flatten(node: Any, depth: int, assessments: dict[uuid.UUID, Assessment]) -> list[Row]:
    goal = node.goal
    rows = (
        [Row(assessments[goal.lineage], goal.code, goal.title, goal.lineage, depth)]
        if goal.lineage in assessments
        else []
    )
    for child in node.children:
        rows.extend(_flatten(child, depth + 1, assessments))
    return rows


def element_choices(version: StrategyVersion) -> list[tuple[str, str]]:
    """``kind:lineage`` → label for every goal, field and measure of ``version`` (for proposal forms)."""
    choices = [
        (f"{ElementKind.FIELD}:{f.lineage}", f"{ElementKind.FIELD.label} {f}")
        for f in FieldOfAction.objects.filter(version=version)
    ]
    choices += [
        (f"{ElementKind.GOAL}:{g.lineage}", f"{ElementKind.GOAL.label} {g}")
        for g in Goal.objects.filter(version=version)
    ]
    choices += [
        (f"{ElementKind.MEASURE}:{m.lineage}", f"{ElementKind.MEASURE.label} {m}")
        for m in Measure.objects.filter(version=version)
    ]
    return choices


def element_labels(version: StrategyVersion, lineages: set[uuid.UUID] | None = None) -> dict[uuid.UUID, str]:
    """Lineage → label (as in ``element_choices``) of the elements of ``version``, or of ``lineages`` only."""
    labels: dict[uuid.UUID, str] = {}
    models: tuple[tuple[ElementKind, Any], ...] = (
        (ElementKind.FIELD, FieldOfAction),
        (ElementKind.GOAL, Goal),
        (ElementKind.MEASURE, Measure),
    )
    for kind, model in models:
        qs = model.objects.filter(version=version)
        if lineages is not None:
            qs = qs.filter(lineage__in=lineages)
        for lineage, code, title in qs.values_list("lineage", "code", "title"):
            labels[lineage] = f"{kind.label} {code} {title}"  # as str(element): "code title"
    return labels


def proposals_of(round: EvaluationRound) -> list[ChangeProposal]:
    """The round's proposals, each with ``element_label`` (the element as in the evaluated version)."""
    proposals = list(_PROPOSALS(round=round.pk))
    labels = element_labels(round.version, {p.lineage for p in proposals if p.lineage})
    for p in proposals:
        p.element_label = labels.get(p.lineage, "") if p.lineage else ""  # type: ignore[attr-defined]
    return proposals


@dataclass
class Figures:
    """Implementation figures of the evaluated version, for the report."""

    by_phase: list[tuple[str, int]]
    progress: float | None
    reports_in_period: int
    milestones_due: int
    milestones_reached: int


def implementation_figures(round: EvaluationRound) -> Figures:
    version = round.version
    from kreiskurs.strategy.models import Milestone, StatusReport

    lineages = Measure.objects.filter(version=version).values("lineage")
    due = strategy_selectors.milestones_reached(
        Milestone.objects.filter(measure__version=version, due__range=(round.period_start, round.period_end))
    )
    return Figures(
        by_phase=strategy_selectors.measures_by_phase(version),
        progress=strategy_selectors.progress_overview(version).strategy,
        reports_in_period=StatusReport.objects.filter(
            measure_lineage__in=lineages, date__range=(round.period_start, round.period_end)
        ).count(),
        milestones_due=due.count(),
        milestones_reached=due.filter(reached__isnull=False, reached__lte=round.period_end).count(),  # type: ignore[misc]
    )


def participation_in_period(round: EvaluationRound) -> dict[str, Any]:
    """Participation in the round's period: as stored when it was published; live for an open round.

    Counting takes a scan of every vote of the period (seconds at 500,000 votes), so a
    published round counts once and keeps the figures (rounds published before the
    figures were stored count on their first view and keep them too).
    """
    stored = round.figures.get("participation") if round.figures else None
    if stored is not None:
        return dict(stored)
    figures: dict[str, int] = participation_figures(round.district, round.period_start, round.period_end)
    if not round.is_open:
        round.figures = {**(round.figures or {}), "participation": figures}
        EvaluationRound.objects.filter(pk=round.pk).update(figures=round.figures)
    return figures


def representativeness_in_period(round: EvaluationRound) -> Representativeness:
    """Who took part in the round's period, by declared municipality and age band against the population
    (decision 0029): stored with the figures when the round is published, live for an open round."""
    stored = round.figures.get("representativeness") if round.figures else None
    if stored is not None:
        return Representativeness.from_dict(stored)
    result = in_period(round.district, round.period_start, round.period_end)
    if not round.is_open:
        round.figures = {**(round.figures or {}), "representativeness": result.as_dict()}
        EvaluationRound.objects.filter(pk=round.pk).update(figures=round.figures)
    return result


def indicators_for(round: EvaluationRound) -> QuerySet[Indicator]:
    """Indicators linked to a goal or measure of the evaluated version."""
    version = round.version
    lineages = [*Goal.objects.filter(version=version).values_list("lineage", flat=True)]
    lineages += Measure.objects.filter(version=version).values_list("lineage", flat=True)
    return (
        Indicator.objects.filter(district=round.district, links__lineage__in=lineages)
        .distinct()
        .order_by(natural("code"))
    )


@dataclass
class IndicatorChart:
    indicator: Indicator
    series: list[Measurement]
    svg: str


def indicator_charts(round: EvaluationRound) -> list[IndicatorChart]:
    """Trend charts (district values up to the end of the period) of the indicators of the evaluated version.

    Two queries, whatever the number of indicators.
    """
    indicators = list(indicators_for(round))
    series: dict[int, list[Measurement]] = defaultdict(list)
    for m in Measurement.objects.filter(
        indicator__in=indicators, municipality__isnull=True, period_start__lte=round.period_end
    ).order_by("period_start", "period"):
        series[m.indicator_id].append(m)
    result = []
    for i in indicators:
        title = f"{i.name} ({i.unit})" if i.unit else i.name
        svg = charts.trend_svg(
            [(m.period, float(m.value)) for m in series[i.pk]],
            chart_id=f"eval-trend-{i.pk}",
            title=title,
            unit=i.unit,
            baseline=float(i.baseline_value) if i.baseline_value is not None else None,
            target=float(i.target_value) if i.target_value is not None else None,
        )
        result.append(IndicatorChart(i, series[i.pk], svg))
    return result


def field_progress_chart(round: EvaluationRound) -> tuple[list[tuple[str, float]], str]:
    """Progress by field of action (rows for the table, and the bar chart)."""
    overview = strategy_selectors.progress_overview(round.version)
    rows = [
        (f"{f.code} {f.title}", value)
        for f in FieldOfAction.objects.filter(version=round.version).order_by("position", "code")
        if (value := overview.fields.get(f.pk)) is not None
    ]
    svg = (
        charts.bar_svg(rows, chart_id="eval-fields", title=str(_("Fortschritt nach Handlungsfeld")), unit="%")
        if rows
        else ""
    )
    return rows, svg
