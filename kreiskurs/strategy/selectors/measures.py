"""Reads of measures: the filtered list, one measure with its details, its history across versions."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kreiskurs.collation import natural
from kreiskurs.territory.models import District, Municipality

from ..models import (
    FieldOfAction,
    Measure,
    StrategyVersion,
)
from .implementation import milestones_reached, with_implementation

MEASURE_FILTERS = ("field", "goal", "phase", "priority", "municipality")


def _uuid(value: str | None) -> uuid.UUID | None:
    """A filter value as lineage; anything else (typos, tampering) filters nothing."""
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


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
        raise Http404(_("Maßnahme nicht in dieser Version"))
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
    qs = Municipality.objects.filter(district=district).select_related("association").order_by(natural("name"))
    if version is None:
        return qs
    return qs.annotate(
        measure_count=Count("measure_participations", filter=Q(measure_participations__measure__version=version))
    )
