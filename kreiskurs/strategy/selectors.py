"""Reads of the strategy app: which version to show, trees, lists, matrices.

Every function takes the district (and, where private rows exist, the user),
so no query for district data escapes its tenant.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import rules
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from kreiskurs.core.collation import natural
from kreiskurs.territory.models import District, Municipality

from .models import (
    Alignment,
    Enrolment,
    ExistingGoal,
    ExistingStrategy,
    FieldOfAction,
    Goal,
    Measure,
    MeasureMunicipality,
    Milestone,
    MilestoneCompletion,
    StatusReport,
    StrategyVersion,
    Value,
    VersionState,
)
from .rollup import MeasureProgress, goal_groups, roll_up, weighted_progress


def current_version(district: District) -> StrategyVersion | None:
    """The latest adopted version: what the district has decided."""
    return (
        StrategyVersion.objects.filter(district=district, state=VersionState.ADOPTED)
        .select_related("strategy")
        .order_by("-number")
        .first()
    )


def open_version(district: District) -> StrategyVersion | None:
    """The draft or the version in consultation, if any."""
    return (
        StrategyVersion.objects.filter(district=district, state__in=[VersionState.DRAFT, VersionState.CONSULTATION])
        .order_by("-number")
        .first()
    )


def version_for(district: District, user: Any, number: int | str | None) -> StrategyVersion:
    """The version a page shows: ``number`` if the user may see it, else the current one.

    Raises 404 when the version does not exist or is not visible, so a
    guessed number reveals nothing.
    """
    if number in (None, ""):
        version = current_version(district)
        if version is None:
            raise Http404("Keine veröffentlichte Strategie")
        return version
    try:
        n = int(number)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Http404("Ungültige Version") from None
    version = (
        StrategyVersion.objects.visible_to(user).filter(district=district, number=n).select_related("strategy").first()
    )
    if version is None:
        raise Http404("Version nicht gefunden")
    return version


def versions_visible_to(district: District, user: Any) -> QuerySet[StrategyVersion]:
    return (
        StrategyVersion.objects.visible_to(user)
        .filter(district=district)
        .select_related("based_on")
        .prefetch_related(Prefetch("adoptions", queryset=_adoptions()))
        .order_by("-number")
    )


def _adoptions() -> QuerySet[Any]:
    from .models import Adoption

    return Adoption.objects.select_related("municipality").order_by("date", "id")


def districts_with_published_strategy() -> QuerySet[District]:
    return District.objects.filter(strategy_versions__state=VersionState.ADOPTED).distinct().order_by("name")


def can_view_internal(user: Any, district: District) -> bool:
    return bool(rules.has_perm("strategy.view_internal", user, district))


# --- one version's content ---------------------------------------------------------------------


@dataclass
class GoalNode:
    goal: Goal
    children: list[GoalNode]


def goal_tree(goals: list[Goal]) -> list[GoalNode]:
    """Goals as a tree, in their order; built in memory from one query's rows."""
    by_parent: dict[int | None, list[Goal]] = defaultdict(list)
    for goal in goals:
        by_parent[goal.parent_id].append(goal)

    def build(parent: int | None) -> list[GoalNode]:
        return [GoalNode(g, build(g.pk)) for g in by_parent.get(parent, [])]

    return build(None)


def values_of(version: StrategyVersion) -> QuerySet[Value]:
    return Value.objects.filter(version=version)


def fields_of(version: StrategyVersion) -> QuerySet[FieldOfAction]:
    return FieldOfAction.objects.filter(version=version).annotate(
        measure_count=Count("measures", distinct=True), goal_count=Count("goals", distinct=True)
    )


def goals_of(version: StrategyVersion) -> QuerySet[Goal]:
    return (
        Goal.objects.filter(version=version)
        .select_related("field", "parent")
        .annotate(measure_count=Count("measures", distinct=True))
    )


STARTED_PHASES = ("preparing", "pilot", "rollout", "operating", "completed")


def key_figures(version: StrategyVersion) -> dict[str, int]:
    annotated = with_implementation(Measure.objects.filter(version=version))
    phases = list(annotated.values_list("current_phase", flat=True))  # type: ignore[misc]
    figures = {"measures": len(phases), "started": sum(1 for p in phases if p in STARTED_PHASES)}
    figures["fields"] = FieldOfAction.objects.filter(version=version).count()
    figures["goals"] = Goal.objects.filter(version=version).count()
    figures["municipalities"] = (
        MeasureMunicipality.objects.filter(measure__version=version).values("municipality").distinct().count()
    )
    return figures


MEASURE_FILTERS = ("field", "goal", "phase", "priority", "municipality")


def _uuid(value: str | None) -> uuid.UUID | None:
    """A filter value as lineage; anything else (typos, tampering) filters nothing."""
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


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


def measures_of(version: StrategyVersion, filters: dict[str, str] | None = None) -> QuerySet[Measure]:
    """Measures of a version with what list pages show, filtered by lineage or value.

    ``phase`` filters on the current implementation phase (latest status report).
    """
    qs = with_implementation(Measure.objects.filter(version=version)).prefetch_related(
        Prefetch("fields_of_action", queryset=FieldOfAction.objects.order_by("position", "code")),
    )
    filters = filters or {}
    if lineage := _uuid(filters.get("field")):
        qs = qs.filter(fields_of_action__lineage=lineage)
    if lineage := _uuid(filters.get("goal")):
        qs = qs.filter(goals__lineage=lineage)
    if filters.get("phase"):
        qs = qs.filter(current_phase=filters["phase"])  # type: ignore[misc]  # annotated above
    if filters.get("priority"):
        qs = qs.filter(priority=filters["priority"])
    if filters.get("municipality"):
        qs = qs.filter(participations__municipality__slug=filters["municipality"])
    return qs.distinct().order_by(natural("code"))  # M2 before M10, B1 before E1


def measure_detail(version: StrategyVersion, lineage: Any) -> Measure:
    qs = with_implementation(Measure.objects.filter(version=version, lineage=lineage)).prefetch_related(
        "fields_of_action",
        "goals",
        "partners",
        "dependencies",
        "scores__criterion",
        Prefetch("milestones", queryset=milestones_reached()),
    )
    measure = qs.first()
    if measure is None:
        raise Http404("Maßnahme nicht in dieser Version")
    return measure


def measure_history(district: District, user: Any, lineage: Any) -> QuerySet[Measure]:
    """The same measure in every version the user may see."""
    visible = StrategyVersion.objects.visible_to(user).filter(district=district)
    return (
        Measure.objects.filter(district=district, lineage=lineage, version__in=visible)
        .select_related("version")
        .order_by("-version__number")
    )


def municipalities_with_counts(district: District, version: StrategyVersion | None) -> QuerySet[Municipality]:
    qs = Municipality.objects.filter(district=district).select_related("association").order_by("name")
    if version is None:
        return qs
    return qs.annotate(
        measure_count=Count("measure_participations", filter=Q(measure_participations__measure__version=version))
    )


# --- embedding in existing strategies ------------------------------------------------------------


@dataclass
class AlignmentMatrix:
    goals: list[Goal]
    columns: list[ExistingGoal]
    strategies: list[tuple[ExistingStrategy, int]]
    cells: dict[tuple[int, int], Alignment]

    def rows(self) -> list[tuple[Goal, list[tuple[ExistingGoal, Alignment | None]]]]:
        return [(g, [(c, self.cells.get((g.pk, c.pk))) for c in self.columns]) for g in self.goals]

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = defaultdict(int)
        for alignment in self.cells.values():
            result[alignment.kind] += 1
        return dict(result)


def alignment_matrix(version: StrategyVersion) -> AlignmentMatrix:
    """Our goals (rows) against the goals of existing strategies (columns)."""
    goals = list(Goal.objects.filter(version=version).order_by("position", "code"))
    columns = list(
        ExistingGoal.objects.filter(district=version.district)
        .select_related("strategy")
        .order_by("strategy__title", "code", "id")
    )
    strategies: list[tuple[ExistingStrategy, int]] = []
    for column in columns:
        if strategies and strategies[-1][0].pk == column.strategy_id:
            strategies[-1] = (strategies[-1][0], strategies[-1][1] + 1)
        else:
            strategies.append((column.strategy, 1))
    cells = {(a.goal_id, a.existing_goal_id): a for a in Alignment.objects.filter(goal__version=version)}
    return AlignmentMatrix(goals, columns, strategies, cells)


# --- the audit log -------------------------------------------------------------------------------

#: entries about these objects carry personal data (contact details) in their changes
PERSONAL_OBJECT_TYPES = {"actors.stakeholder": "actors.manage_stakeholders"}


def audit_entries_for(user: Any, district: District) -> QuerySet[Any]:
    """The district's audit log as ``user`` may read it: entries about stakeholders
    (contact data) only for those who may manage stakeholders."""
    from kreiskurs.audit.models import AuditEntry

    entries = AuditEntry.objects.filter(district=district).select_related("actor")
    hidden = [t for t, perm in PERSONAL_OBJECT_TYPES.items() if not rules.has_perm(perm, user, district)]
    return entries.exclude(object_type__in=hidden) if hidden else entries


# --- implementation ------------------------------------------------------------------------------

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
    if getattr(measure, "current_phase", measure.phase) not in ACTIVE_PHASES:
        return None
    last = getattr(measure, "last_report", None)
    anchor = last or max(
        filter(None, [version.adopted_at.date() if version.adopted_at else None, measure.start]), default=today
    )
    return _add_months(anchor, measure.reporting_interval)


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


def progress_overview(version: StrategyVersion) -> ProgressOverview:
    """Weighted progress of the strategy, each field of action and each goal (rule: ``rollup.py``).

    Four queries, whatever the size of the strategy.
    """
    rows = with_implementation(Measure.objects.filter(version=version)).values_list(  # type: ignore[misc]
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
    parents = dict(Goal.objects.filter(version=version).values_list("pk", "parent_id"))
    return ProgressOverview(
        strategy=weighted_progress(measures.values()),
        fields=roll_up(measures, by_field),  # type: ignore[arg-type]
        goals=roll_up(measures, goal_groups(parents, by_goal)),  # type: ignore[arg-type]
    )


def measures_by_phase(version: StrategyVersion) -> list[tuple[str, int]]:
    """How many measures are in each (current) phase, in the order of the phases."""
    from .models.measures import Phase

    annotated = with_implementation(Measure.objects.filter(version=version))
    counts: dict[str, int] = defaultdict(int)
    for phase in annotated.values_list("current_phase", flat=True):  # type: ignore[misc]
        counts[phase] += 1
    return [(str(label), counts[value]) for value, label in Phase.choices if counts[value]]


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


# --- who takes part in a measure: the version's rows and what changed since adoption --------------


@dataclass
class Participation:
    municipality: Municipality
    role: str
    pending: bool = False  # a join request waiting for the district's confirmation

    @property
    def role_label(self) -> str:
        return str(MeasureMunicipality.Role(self.role).label)


def participations_of(measures: list[Measure]) -> dict[int, list[Participation]]:
    """Per measure row: its municipalities with role — the version's rows, and for an adopted version
    the joins and leaves recorded since (``Enrolment``). Two queries, whatever the number of measures.

    The measure page, the municipality page and the participation matrix all read this, so they
    show the same truth.
    """
    result: dict[int, dict[int, Participation]] = {m.pk: {} for m in measures}
    for row in MeasureMunicipality.objects.filter(measure__in=measures).select_related("municipality"):
        result[row.measure_id][row.municipality_id] = Participation(row.municipality, row.role)
    adopted = {(m.version_id, m.lineage): m.pk for m in measures if m.version.state in PUBLIC_ADOPTED}
    if adopted:
        enrolments = (
            Enrolment.objects.filter(
                version_id__in={v for v, _lineage in adopted}, measure_lineage__in={lin for _v, lin in adopted}
            )
            .exclude(state=Enrolment.State.DECLINED)
            .select_related("municipality")
            .order_by("created_at", "id")
        )
        for e in enrolments:
            pk = adopted.get((e.version_id, e.measure_lineage))
            if pk is None:
                continue
            rows = result[pk]
            if e.state == Enrolment.State.REQUESTED:
                if e.municipality_id not in rows:
                    rows[e.municipality_id] = Participation(e.municipality, e.role, pending=True)
            elif e.kind == Enrolment.Kind.LEAVE:
                rows.pop(e.municipality_id, None)
            else:
                rows[e.municipality_id] = Participation(e.municipality, e.role)
    return {pk: sorted(rows.values(), key=lambda p: p.municipality.name) for pk, rows in result.items()}


PUBLIC_ADOPTED = (VersionState.ADOPTED, VersionState.SUPERSEDED)


def measures_of_municipality(
    version: StrategyVersion, municipality: Municipality
) -> list[tuple[Measure, Participation]]:
    """The measures of ``version`` the municipality takes part in (or asked to join), with its role."""
    measures = list(Measure.objects.filter(version=version).select_related("version").order_by("code"))
    rows = participations_of(measures)
    return [(m, p) for m in measures for p in rows[m.pk] if p.municipality.pk == municipality.pk]
