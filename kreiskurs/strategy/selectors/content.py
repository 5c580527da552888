"""Reads of one version's content: values, fields of action, the goal tree and the key figures."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Count, QuerySet
from django.utils.text import Truncator

from kreiskurs.prepared import Prepared
from kreiskurs.territory.selectors import municipality_choices

from ..models import (
    Alignment,
    FieldOfAction,
    Goal,
    Measure,
    MeasureMunicipality,
    StrategyVersion,
    Value,
)
from ..renderings import kept
from .implementation import with_implementation


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


_VALUES = Prepared(lambda version: Value.objects.filter(version_id=version), version=int)
_FIELDS = Prepared(lambda version: FieldOfAction.objects.filter(version_id=version), version=int)


def values_of(version: StrategyVersion) -> QuerySet[Value]:
    return _VALUES(version=version.pk)


def fields_of(version: StrategyVersion) -> QuerySet[FieldOfAction]:
    return _FIELDS(version=version.pk)


@dataclass(frozen=True)
class ValueRow:
    title: str
    description: str


@dataclass(frozen=True)
class FieldRow:
    """A field of action as the district home shows it, with its goals and measures counted."""

    pk: int
    lineage: str
    code: str
    title: str
    description: str
    goal_count: int
    measure_count: int


#: raise when what :func:`outline` keeps of a frozen version changes
OUTLINE_FORMAT = 1


def outline(version: StrategyVersion) -> tuple[list[ValueRow], list[FieldRow]]:
    """The district home's values and fields of action, each field with its goals and measures counted.

    The counts are a grouped join over every measure of the version; a frozen version's outline is
    read and counted once and kept (``renderings.stored``), so a request reads one row instead of
    the values, the fields and that join (issue 12).
    """
    data = kept(version, "outline", OUTLINE_FORMAT, lambda: _outline(version))
    return [ValueRow(*row) for row in data["values"]], [FieldRow(*row) for row in data["fields"]]


def _outline(version: StrategyVersion) -> dict[str, list[Any]]:
    counts = _field_counts(version)
    fields = [
        [f.pk, str(f.lineage), f.code, f.title, f.description, *counts.get(str(f.pk), (0, 0))]
        for f in fields_of(version)
    ]
    return {"values": [[v.title, v.description] for v in values_of(version)], "fields": fields}


def _field_counts(version: StrategyVersion) -> dict[str, tuple[int, int]]:
    rows = (
        fields_of(version)
        .order_by()
        .annotate(measure_count=Count("measures", distinct=True), goal_count=Count("goals", distinct=True))
        .values_list("pk", "measure_count", "goal_count")
    )
    return {str(pk): (goals, measures) for pk, measures, goals in rows}


_GOALS = Prepared(
    lambda version: Goal.objects.filter(version_id=version).select_related("field", "parent"), version=int
)
_FIELD_CHOICES = Prepared(
    lambda version: FieldOfAction.objects.filter(version_id=version).values_list("lineage", "code", "title"),
    version=int,
)
_GOAL_CHOICES = Prepared(
    lambda version: Goal.objects.filter(version_id=version).values_list("lineage", "code", "title"), version=int
)


_GOAL = Prepared(
    lambda version, lineage: Goal.objects.filter(version_id=version, lineage=lineage).select_related("field", "parent"),
    version=int,
    lineage=uuid.UUID,
)
_SUB_GOALS = Prepared(lambda goal: Goal.objects.filter(parent_id=goal), goal=int)
_ALIGNMENTS = Prepared(
    lambda goal: Alignment.objects.filter(goal_id=goal).select_related("existing_goal__strategy"), goal=int
)


def goal_of(version: StrategyVersion, lineage: uuid.UUID) -> Goal | None:
    """The goal of ``version`` with ``lineage``, with its field and parent."""
    return _GOAL.first(version=version.pk, lineage=lineage)


def sub_goals(goal: Goal) -> QuerySet[Goal]:
    return _SUB_GOALS(goal=goal.pk)


def alignments_of(goal: Goal) -> QuerySet[Alignment]:
    """How the goal relates to goals of the district's existing strategies."""
    return _ALIGNMENTS(goal=goal.pk)


def goals_of(version: StrategyVersion) -> QuerySet[Goal]:
    """The version's goals with their field and parent (no counts: no page shows a goal's measures as a number)."""
    return _GOALS(version=version.pk)


#: raise when what :func:`filter_choices` keeps of a frozen version changes
CHOICES_FORMAT = 2

Choices = list[tuple[str, str]]


class FilterChoices(NamedTuple):
    """What a list of measures offers to filter by, each as (value, label) in order."""

    fields: Choices
    goals: Choices
    municipalities: Choices


def filter_choices(version: StrategyVersion) -> FilterChoices:
    """Fields of action and goals (lineage, code and title; a goal's title cut at 60 characters) and
    the district's municipalities (slug, name) for a list's filter, without the counts of
    :func:`fields_of` and :func:`goals_of` (a grouped join over every measure). A frozen version's are
    read once and kept (``renderings.kept``, stamped with the Gebietsstand as they name
    municipalities): one row instead of three reads per request."""
    data = kept(version, "filter-choices", CHOICES_FORMAT, lambda: _filter_choices(version), territorial=True)
    return FilterChoices(*([tuple(choice) for choice in choices] for choices in data))


def _filter_choices(version: StrategyVersion) -> FilterChoices:
    fields = [(str(lineage), f"{code} {title}") for lineage, code, title in _FIELD_CHOICES(version=version.pk)]
    goals = [
        (str(lineage), f"{code} {Truncator(title).chars(60)}")
        for lineage, code, title in _GOAL_CHOICES(version=version.pk)
    ]
    return FilterChoices(fields, goals, municipality_choices(version.district))


#: raise when what :func:`territory_counts` keeps changes
TERRITORY_FORMAT = 1


def territory_counts(version: StrategyVersion) -> dict[str, int]:
    """The district's municipalities and gemeindefreie Gebiete counted (``District.territory_counts``);
    for a frozen version kept under the Gebietsstand (``renderings.kept``), so the district home reads
    it with the version's other kept rows."""
    return dict(
        kept(version, "territory-counts", TERRITORY_FORMAT, lambda: version.district.territory_counts, territorial=True)
    )


STARTED_PHASES = ("preparing", "pilot", "rollout", "operating", "completed")


#: raise when what :func:`key_figures` keeps of a frozen version changes
FIGURES_FORMAT = 1


def key_figures(version: StrategyVersion, *, phases: Mapping[str, int] | None = None) -> dict[str, int]:
    """Counts of the version's content; ``phases`` (measures per current phase, as
    ``progress_overview`` or ``implementation_overview`` read them) saves reading them again.

    The counts of a frozen version's rows (fields, goals, municipalities) are counted once
    and kept (``renderings.stored``): the municipalities' count is a join over every measure.
    """
    if phases is None:
        annotated = with_implementation(Measure.objects.filter(version=version).order_by())
        counted: dict[str, int] = defaultdict(int)
        for phase in annotated.values_list("current_phase", flat=True):  # type: ignore[misc]
            counted[phase] += 1
        phases = counted
    figures = {
        "measures": sum(phases.values()),
        "started": sum(n for p, n in phases.items() if p in STARTED_PHASES),
    }
    return {**figures, **kept(version, "figures", FIGURES_FORMAT, lambda: _row_counts(version))}


def _row_counts(version: StrategyVersion) -> dict[str, int]:
    return {
        "fields": FieldOfAction.objects.filter(version=version).count(),
        "goals": Goal.objects.filter(version=version).count(),
        "municipalities": MeasureMunicipality.objects.filter(measure__version=version)
        .values("municipality")
        .distinct()
        .count(),
    }
