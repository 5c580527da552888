"""Reads of the strategy app: which version to show, trees, lists, matrices.

Every function takes the district (and, where private rows exist, the user),
so no query for district data escapes its tenant.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import rules
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Length
from django.http import Http404

from kreiskurs.territory.models import District, Municipality

from .models import (
    Alignment,
    ExistingGoal,
    ExistingStrategy,
    FieldOfAction,
    Goal,
    Measure,
    MeasureMunicipality,
    StrategyVersion,
    Value,
    VersionState,
)


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


def key_figures(version: StrategyVersion) -> dict[str, int]:
    measures = Measure.objects.filter(version=version)
    figures = measures.aggregate(
        measures=Count("id"),
        started=Count("id", filter=Q(phase__in=["preparing", "pilot", "rollout", "operating", "completed"])),
    )
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


def measures_of(version: StrategyVersion, filters: dict[str, str] | None = None) -> QuerySet[Measure]:
    """Measures of a version with what list pages show, filtered by lineage or value."""
    qs = Measure.objects.filter(version=version).prefetch_related(
        Prefetch("fields_of_action", queryset=FieldOfAction.objects.order_by("position", "code")),
    )
    filters = filters or {}
    if lineage := _uuid(filters.get("field")):
        qs = qs.filter(fields_of_action__lineage=lineage)
    if lineage := _uuid(filters.get("goal")):
        qs = qs.filter(goals__lineage=lineage)
    if filters.get("phase"):
        qs = qs.filter(phase=filters["phase"])
    if filters.get("priority"):
        qs = qs.filter(priority=filters["priority"])
    if filters.get("municipality"):
        qs = qs.filter(participations__municipality__slug=filters["municipality"])
    return qs.distinct().order_by(Length("code"), "code")  # M2 before M10


def measure_detail(version: StrategyVersion, lineage: Any) -> Measure:
    qs = Measure.objects.filter(version=version, lineage=lineage).prefetch_related(
        "fields_of_action",
        "goals",
        "partners",
        "dependencies",
        Prefetch("participations", queryset=MeasureMunicipality.objects.select_related("municipality")),
        "scores__criterion",
        "milestones",
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


def municipality_participations(version: StrategyVersion, municipality: Municipality) -> QuerySet[MeasureMunicipality]:
    return (
        MeasureMunicipality.objects.filter(measure__version=version, municipality=municipality)
        .select_related("measure")
        .order_by("measure__code")
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
