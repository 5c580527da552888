"""Reads of implementation: current phase and progress from status reports, due reports, milestones, roll-ups."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from kreiskurs.territory.models import District

from ..models import (
    Goal,
    Measure,
    Milestone,
    MilestoneCompletion,
    StatusReport,
    StrategyVersion,
)
from ..rollup import MeasureProgress, goal_groups, roll_up, weighted_progress


def with_implementation(qs: QuerySet[Measure]) -> QuerySet[Measure]:
    """Annotate each measure with its current phase and progress: from its latest
    status report (by lineage), else the phase in the version."""
    latest = StatusReport.objects.filter(district=OuterRef("district"), measure_lineage=OuterRef("lineage")).order_by(
        "-date", "-id"
    )
    return qs.annotate(
        current_phase=Coalesce(Subquery(latest.values("phase")[:1]), F("phase")),
        current_progress=Subquery(latest.values("progress")[:1]),
        last_report=Subquery(latest.values("date")[:1]),
        spent=Subquery(latest.filter(spent_budget__isnull=False).values("spent_budget")[:1]),
    )


ACTIVE_PHASES = ("preparing", "pilot", "rollout", "operating")


def timeline(measure: Measure) -> QuerySet[StatusReport]:
    """All status reports of the measure (any version), newest first."""
    return StatusReport.objects.filter(district=measure.district_id, measure_lineage=measure.lineage).select_related(
        "author"
    )


def report_due(measure: Measure, version: StrategyVersion, today: dt.date) -> dt.date | None:
    """When the next status report of an active measure is due (None for inactive measures).

    Due one reporting interval after the last report; without any report, one
    interval after the version's adoption (or the measure's start, if later).
    """
    return _due(
        getattr(measure, "current_phase", measure.phase),
        getattr(measure, "last_report", None),
        measure.start,
        measure.reporting_interval,
        version,
        today,
    )


def _due(
    phase: str, last: dt.date | None, start: dt.date | None, interval: int, version: StrategyVersion, today: dt.date
) -> dt.date | None:
    if phase not in ACTIVE_PHASES:
        return None
    anchor = last or max(
        filter(None, [version.adopted_at.date() if version.adopted_at else None, start]), default=today
    )
    return _add_months(anchor, interval)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class DueReport:
    measure: Measure
    due: dt.date

    @property
    def overdue(self) -> bool:
        return self.due < timezone.localdate()


def due_reports(version: StrategyVersion, *, lineages: set[Any] | None = None) -> list[DueReport]:
    """Active measures of ``version`` with their next report date, most urgent first."""
    qs = with_implementation(Measure.objects.filter(version=version))
    if lineages is not None:
        qs = qs.filter(lineage__in=lineages)
    today = timezone.localdate()
    rows = [DueReport(m, due) for m in qs if (due := report_due(m, version, today)) is not None]
    return sorted(rows, key=lambda r: (r.due, r.measure.code))


def measure_lead_lineages(user: Any, district: District) -> set[Any]:
    from kreiskurs.accounts.rules import memberships

    return {m.measure_lineage for m in memberships(user) if m.district_id == district.pk and m.measure_lineage}


@dataclass
class ProgressOverview:
    strategy: float | None
    fields: dict[int, float | None]
    goals: dict[int, float | None]
    phases: list[str] = field(default_factory=list)  # each measure's current phase (for ``key_figures``)


def progress_overview(version: StrategyVersion) -> ProgressOverview:
    """Weighted progress of the strategy, each field of action and each goal (rule: ``rollup.py``).

    Four queries, whatever the size of the strategy.
    """
    rows = with_implementation(Measure.objects.filter(version=version).order_by()).values_list(  # type: ignore[misc]
        "pk", "current_phase", "current_progress", "weight"
    )
    measures = {pk: MeasureProgress(pk, phase, progress, weight) for pk, phase, progress, weight in rows}
    by_field: dict[int, list[int]] = defaultdict(list)
    for measure_id, field_id in Measure.fields_of_action.through.objects.filter(measure__version=version).values_list(
        "measure_id", "fieldofaction_id"
    ):
        by_field[field_id].append(measure_id)
    by_goal: dict[int, list[int]] = defaultdict(list)
    for measure_id, goal_id in Measure.goals.through.objects.filter(measure__version=version).values_list(
        "measure_id", "goal_id"
    ):
        by_goal[goal_id].append(measure_id)
    parents = dict(Goal.objects.filter(version=version).order_by().values_list("pk", "parent_id"))
    return ProgressOverview(
        phases=[m.phase for m in measures.values()],
        strategy=weighted_progress(measures.values()),
        fields=roll_up(measures, by_field),  # type: ignore[arg-type]
        goals=roll_up(measures, goal_groups(parents, by_goal)),  # type: ignore[arg-type]
    )


def measures_by_phase(version: StrategyVersion) -> list[tuple[str, int]]:
    """How many measures are in each (current) phase, in the order of the phases."""
    from ..models.measures import Phase

    annotated = with_implementation(Measure.objects.filter(version=version).order_by())  # counted: no order
    counts: dict[str, int] = defaultdict(int)
    for phase in annotated.values_list("current_phase", flat=True):  # type: ignore[misc]
        counts[phase] += 1
    return [(str(label), counts[value]) for value, label in Phase.choices if counts[value]]


@dataclass
class ImplementationOverview:
    """The back-office dashboard's view of implementation, read in one query (see :func:`implementation_overview`)."""

    progress: float | None
    by_phase: list[tuple[str, int]]
    overdue: list[DueReport]  # the most urgent ones (``shown``), most urgent first
    overdue_count: int
    phases: list[str] = field(default_factory=list)  # each measure's current phase (for ``key_figures``)


def implementation_overview(version: StrategyVersion, *, shown: int = 10) -> ImplementationOverview:
    """Strategy progress, measures per current phase and the overdue reports of ``version``.

    The same rules as :func:`progress_overview` (strategy figure), :func:`measures_by_phase`
    and :func:`due_reports`, from one pass over plain values of the measures (one query,
    no model rows except for the ``shown`` most urgent overdue measures).
    """
    from ..models.measures import Phase

    rows = with_implementation(Measure.objects.filter(version=version).order_by()).values_list(  # type: ignore[misc]
        "pk",
        "lineage",
        "code",
        "title",
        "phase",
        "current_phase",
        "current_progress",
        "last_report",
        "weight",
        "start",
        "reporting_interval",
    )
    today = timezone.localdate()
    progress: list[MeasureProgress] = []
    counts: dict[str, int] = defaultdict(int)
    overdue: list[tuple[dt.date, str, int, Any, str]] = []
    for pk, lineage, code, title, _phase, current, reported, last, weight, start, interval in rows:
        progress.append(MeasureProgress(pk, current, reported, weight))
        counts[current] += 1
        due = _due(current, last, start, interval, version, today)
        if due is not None and due < today:
            overdue.append((due, code, pk, lineage, title))
    overdue.sort(key=lambda r: (r[0], r[1]))  # as due_reports
    return ImplementationOverview(
        progress=weighted_progress(progress),
        by_phase=[(str(label), counts[value]) for value, label in Phase.choices if counts[value]],
        overdue=[
            DueReport(
                Measure(
                    pk=pk, lineage=lineage, code=code, title=title, version=version, district_id=version.district_id
                ),
                due,
            )
            for due, code, pk, lineage, title in overdue[:shown]
        ],
        overdue_count=len(overdue),
        phases=[m.phase for m in progress],
    )


def milestones_reached(qs: QuerySet[Milestone] | None = None) -> QuerySet[Milestone]:
    """Milestones with ``reached``: the date recorded after adoption, else the date in the version."""
    completed = MilestoneCompletion.objects.filter(milestone_lineage=OuterRef("lineage")).values("done_on")[:1]
    return (qs if qs is not None else Milestone.objects.all()).annotate(
        reached=Coalesce(Subquery(completed), F("done_on"))
    )


def next_milestones(version: StrategyVersion, limit: int = 8) -> QuerySet[Milestone]:
    return (
        milestones_reached(Milestone.objects.filter(measure__version=version, due__isnull=False))
        .filter(reached__isnull=True)  # type: ignore[misc]
        .select_related("measure")
        .order_by("due", "measure__code")[:limit]
    )
