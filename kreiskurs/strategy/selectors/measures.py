"""Reads of measures: the filtered list, one measure with its details, its history across versions."""

from __future__ import annotations

import functools
import uuid
from collections import defaultdict
from typing import Any, NamedTuple

from django.core.paginator import Page
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kreiskurs.actors.models import Stakeholder
from kreiskurs.collation import natural
from kreiskurs.prepared import Prepared, numbered, numbered_kinds, prepared_page
from kreiskurs.territory.models import District, Municipality

from ..models import (
    FieldOfAction,
    Measure,
    MeasureMunicipality,
    Milestone,
    StrategyVersion,
)
from ..renderings import is_frozen, kept
from ..services.ranks import rank_measures
from .implementation import attach_implementation, milestones_reached, with_implementation

MEASURE_FILTERS = ("field", "goal", "phase", "priority", "municipality")


def _uuid(value: str | None) -> uuid.UUID | None:
    """A filter value as lineage; anything else (typos, tampering) filters nothing."""
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _given(filters: dict[str, str]) -> dict[str, Any]:
    """The filters that filter, as values: field and goal as lineages (anything else in them —
    typos, tampering — filters nothing), phase, priority and municipality (a slug) as given."""
    given: dict[str, Any] = {}
    for name in ("field", "goal"):
        if lineage := _uuid(filters.get(name)):
            given[name] = lineage
    given.update({name: filters[name] for name in ("phase", "priority", "municipality") if filters.get(name)})
    return given


def _filtered(qs: QuerySet[Measure], given: dict[str, Any]) -> QuerySet[Measure]:
    """``qs`` narrowed by the filters :func:`_given` read; many-to-many filters as ``pk IN (…)``, so no
    row repeats and no DISTINCT is needed (a DISTINCT would make counting evaluate every annotation)."""
    if "field" in given:
        through = Measure.fields_of_action.through.objects.filter(fieldofaction__lineage=given["field"])
        qs = qs.filter(pk__in=through.values("measure_id"))
    if "goal" in given:
        qs = qs.filter(pk__in=Measure.goals.through.objects.filter(goal__lineage=given["goal"]).values("measure_id"))
    if "phase" in given:
        qs = with_implementation(qs).filter(current_phase=given["phase"])  # type: ignore[misc]  # annotated
    if "priority" in given:
        qs = qs.filter(priority=given["priority"])
    if "municipality" in given:
        rows = MeasureMunicipality.objects.filter(municipality__slug=given["municipality"])
        qs = qs.filter(pk__in=rows.values("measure_id"))
    return qs


_KINDS = {"field": uuid.UUID, "goal": uuid.UUID, "phase": str, "priority": str, "municipality": str}


#: what a row of a list of measures shows (the measure lists, a municipality's measures); the other
#: columns (texts, costs, links…) are not read: a row loads in a third of the time
LIST_FIELDS = ("district", "version", "lineage", "code", "title", "priority", "phase")


@functools.cache
def _page_reads(present: tuple[str, ...]) -> tuple[Prepared[tuple[int, int]], Prepared[Measure]]:
    """For the filters ``present``: the count with the rows without rank, and the rows in order (with
    the columns of a list row, ``LIST_FIELDS``; a page is a slice of them, one statement)."""

    def ranked(version: int, **given: Any) -> QuerySet[Measure]:
        return _filtered(Measure.objects.filter(version_id=version), given)

    def counts(version: int, **given: Any) -> QuerySet[Any, tuple[int, int]]:
        return (
            ranked(version, **given)
            .order_by()
            .values("version")
            # columns of the measure_code_rank index only: PostgreSQL counts along it without reading the rows
            .annotate(total=Count("*"), unranked=Count("version", filter=Q(code_rank__isnull=True)))
            .values_list("total", "unranked")
        )

    def rows(version: int, **given: Any) -> QuerySet[Measure]:
        return ranked(version, **given).order_by("code_rank", "pk").only(*LIST_FIELDS)

    kinds = {"version": int, **{name: _KINDS[name] for name in present}}
    return Prepared(counts, **kinds), Prepared(rows, **kinds)


@functools.cache
def _fields_by_ids(count: int) -> Prepared[tuple[int, str, str]]:
    """(measure id, code, title) of the fields of action of ``count`` measures, in the fields' order."""

    def fields(**ids: int) -> QuerySet[Any, tuple[int, str, str]]:
        links = Measure.fields_of_action.through.objects.filter(measure_id__in=list(ids.values()))
        order = links.order_by("fieldofaction__position", "fieldofaction__code")
        return order.values_list("measure_id", "fieldofaction__code", "fieldofaction__title")

    return Prepared(fields, **numbered_kinds("id", count, int))


def _for_list(qs: QuerySet[Measure]) -> QuerySet[Measure]:
    return with_implementation(qs).prefetch_related(
        Prefetch("fields_of_action", queryset=FieldOfAction.objects.order_by("position", "code")),
    )


def measures_of(version: StrategyVersion, filters: dict[str, str] | None = None) -> QuerySet[Measure]:
    """Measures of a version with what list pages show, filtered by lineage or value.

    ``phase`` filters on the current implementation phase (latest status report).
    """
    qs = _filtered(Measure.objects.filter(version=version), _given(filters or {}))
    return _for_list(qs).order_by(natural("code"))  # M2 before M10, B1 before E1


#: raise when what :func:`measure_count` keeps changes
COUNT_FORMAT = 1


def measure_count(version: StrategyVersion) -> int:
    """The number of measures of ``version``, its measures ranked (``services.ranks``) before they
    are counted: a frozen version's is kept (``renderings.kept``), and so known to be ranked."""

    def ranked_count() -> int:
        rank_measures(version=version)
        return Measure.objects.filter(version=version).count()

    return int(kept(version, "measure-count", COUNT_FORMAT, ranked_count))


def measure_page(
    version: StrategyVersion, filters: dict[str, str] | None, number: Any, per_page: int, *, current: bool = True
) -> Page[Any]:
    """One page of :func:`measures_of`: the same rows in the same order.

    Ordered and paginated in SQL on the stored rank of the code (``Measure.code_rank``, the
    order of ``de_natural``; ``services.ranks`` ranks a version again after an edit): a count
    that also finds rows without rank and one page of rows (both prepared per set of filters
    given, ``_page_reads``), then only the page's rows get the current phase and progress
    (``attach_implementation``, the rule of ``with_implementation``; no ``spent``; not with
    ``current=False``, for a list that shows the planned phase) and their fields of action. The
    cost of a page does not grow with the size of the strategy.
    """
    given = _given(filters or {})
    values = {"version": version.pk, **given}
    counting, rows = _page_reads(tuple(sorted(given)))
    if not given and is_frozen(version):
        total = measure_count(version)  # kept, and ranked when it was counted
    else:
        total, unranked = counting.first(**values) or (0, 0)  # one aggregate on the (version, code_rank) index
        if unranked:  # a row without rank: rank first (the order is the rank's)
            rank_measures(version=version)
    page: Page[Any] = prepared_page(rows, total, number, per_page, **values)
    page.object_list = list(page.object_list)
    keys = [m.pk for m in page.object_list]
    if not keys:
        return page
    if current:
        attach_implementation(page.object_list)  # current phase and progress, as with_implementation annotates
    # the fields of action as two joined texts (not a loop per row in templates): plain values, as a
    # prefetch of the fields' rows cost more than the page's other reads together
    fields: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for measure_id, code, title in _fields_by_ids(len(keys))(**numbered("id", keys)):
        fields[measure_id].append((code, title))
    for m in page.object_list:
        own = fields[m.pk]
        m.field_titles, m.field_codes = ", ".join(t for _c, t in own), ", ".join(c for c, _t in own)
    return page


def _measure(*related: Any) -> Prepared[Measure]:
    """One measure of a version by lineage, as :func:`measure_detail` reads it."""
    return Prepared(
        lambda version, lineage: (
            with_implementation(Measure.objects.filter(version_id=version, lineage=lineage))
            .prefetch_related(*related)
            .order_by()[:1]
        ),
        version=int,
        lineage=uuid.UUID,
    )


_MEASURE = _measure()
_MEASURE_WITH_RELATIONS = _measure(
    "partners",
    Prefetch("milestones", queryset=milestones_reached()),
    "fields_of_action",
    "goals",
    "dependencies",
    "scores__criterion",
)
_MILESTONES = Prepared(lambda measure: milestones_reached(Milestone.objects.filter(measure_id=measure)), measure=int)
_ORGANISATIONS = Prepared(
    lambda measure: Stakeholder.objects.filter(
        kind=Stakeholder.Kind.ORGANISATION,
        pk__in=Measure.partners.through.objects.filter(measure_id=measure).values("stakeholder_id"),
    ),
    measure=int,
)


def milestones_of(measure: Measure) -> list[Milestone]:
    """The measure's milestones in order, each with ``reached`` (:func:`milestones_reached`)."""
    return list(_MILESTONES(measure=measure.pk))


def partner_organisations(measure: Measure) -> list[Stakeholder]:
    """The measure's partners that are organisations (persons are personal data: never named publicly)."""
    return list(_ORGANISATIONS(measure=measure.pk))


def measure_detail(version: StrategyVersion, lineage: Any, *, relations: bool = True) -> Measure:
    """One measure with its current phase; with ``relations`` also its milestones (with the date reached),
    partners, fields of action, goals, dependencies and scores. The public profile reads without them:
    its facts are stored (``portal/facts.py``), its milestones and partner organisations come from
    :func:`milestones_of` and :func:`partner_organisations`."""
    query = _MEASURE_WITH_RELATIONS if relations else _MEASURE
    measure = query.first(version=version.pk, lineage=lineage)
    if measure is None:
        raise Http404(_("Maßnahme nicht in dieser Version"))
    Measure.version.field.set_cached_value(measure, version)  # type: ignore[attr-defined]  # the page reads it
    return measure


class Revision(NamedTuple):
    """The measure as one version has it (a profile's history)."""

    number: int  # the version's
    state: str  # the version's
    code: str
    title: str
    phase: str  # planned in that version


def _history(district: Any, user: Any, lineage: Any) -> QuerySet[Any, tuple[int, str, str, str, str]]:
    visible = StrategyVersion.objects.visible_to(user).filter(district=district)
    return (
        Measure.objects.filter(district=district, lineage=lineage, version__in=visible)
        .order_by("-version__number")
        .values_list("version__number", "version__state", "code", "title", "phase")
    )


_PUBLIC_HISTORY = Prepared(lambda district, lineage: _history(district, None, lineage), district=int, lineage=uuid.UUID)


def measure_history(district: District, user: Any, lineage: Any) -> list[Revision]:
    """The same measure in every version the user may see, newest first (for visitors: the public versions,
    prepared): plain values, what the profile lists."""
    if not getattr(user, "is_authenticated", False) and isinstance(lineage, uuid.UUID):
        rows = _PUBLIC_HISTORY(district=district.pk, lineage=lineage)
    else:
        rows = _history(district, user, lineage)
    return [Revision(*row) for row in rows]


def municipalities_with_counts(district: District, version: StrategyVersion | None) -> QuerySet[Municipality]:
    qs = Municipality.objects.filter(district=district).select_related("association").order_by(natural("name"))
    if version is None:
        return qs
    return qs.annotate(
        measure_count=Count("measure_participations", filter=Q(measure_participations__measure__version=version))
    )
