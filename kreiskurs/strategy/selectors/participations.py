"""Who takes part in a measure: the version's rows and the joins and leaves recorded since adoption."""

from __future__ import annotations

import functools
import heapq
import itertools
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from kreiskurs.choices import label
from kreiskurs.collation import natural
from kreiskurs.prepared import Prepared, counting, numbered, numbered_kinds, prepared_page
from kreiskurs.territory.models import Municipality

from ..models import (
    Enrolment,
    Measure,
    MeasureMunicipality,
    StrategyVersion,
    VersionState,
)
from ..services.ranks import rank_measures
from .measures import LIST_FIELDS


@dataclass
class Participation:
    municipality: Municipality
    role: str
    pending: bool = False  # a join request waiting for the district's confirmation
    role_label: str = ""  # translated once per read, not once per row (lazy labels cost a lookup each)

    def __post_init__(self) -> None:
        if not self.role_label:
            self.role_label = str(MeasureMunicipality.Role(self.role).label)


#: per municipality id: (role, pending)
_Roles = dict[int, tuple[str, bool]]


def _apply(rows: _Roles, municipality_id: int, kind: str, state: str, role: str) -> None:
    """One enrolment (in the order recorded) on top of a measure's participations."""
    if state == Enrolment.State.REQUESTED:
        if municipality_id not in rows:
            rows[municipality_id] = (role, True)
    elif kind == Enrolment.Kind.LEAVE:
        rows.pop(municipality_id, None)
    else:
        rows[municipality_id] = (role, False)


def _enrolments(version_ids: set[int], municipality: Municipality | None) -> QuerySet[Enrolment]:
    qs = Enrolment.objects.filter(version_id__in=version_ids).exclude(
        state__in=[Enrolment.State.DECLINED, Enrolment.State.WITHDRAWN]
    )
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return qs.order_by("created_at", "id")


_ROWS_OF_ONE = Prepared(
    lambda measure: MeasureMunicipality.objects.filter(measure_id=measure).select_related("municipality"), measure=int
)
_ENROLMENTS_OF_ONE = Prepared(
    lambda version, lineage: (
        _enrolments({version}, None).filter(measure_lineage=lineage).select_related("municipality")
    ),
    version=int,
    lineage=uuid.UUID,
)


def participations_of(
    measures: list[Measure], *, municipality: Municipality | None = None
) -> dict[int, list[Participation]]:
    """Per measure row: its municipalities with role — the version's rows, and for an adopted version
    the joins and leaves recorded since (``Enrolment``). Two queries, whatever the number of measures
    (three when a measure's version is not loaded); for one measure (its profile) both are prepared.
    With ``municipality``, only that municipality's participations are read (filtered in SQL).

    The measure page, the municipality page, the map and the participation matrix all read this
    (or :func:`participation_counts`, the same rule), so they show the same truth.
    """
    roles: dict[int, _Roles] = {m.pk: {} for m in measures}
    found: dict[int, Municipality] = {}
    one = measures[0] if len(measures) == 1 and municipality is None else None  # a measure's profile: prepared
    rows = MeasureMunicipality.objects.filter(measure__in=measures) if one is None else _ROWS_OF_ONE(measure=one.pk)
    if municipality is not None:  # one municipality: plain values and the one row we have
        found[municipality.pk] = municipality
        pairs = rows.filter(municipality=municipality).values_list("measure_id", "municipality_id", "role")
        for measure_id, municipality_id, role in pairs:
            roles[measure_id][municipality_id] = (role, False)
    else:
        for row in rows if one is not None else rows.select_related("municipality"):
            roles[row.measure_id][row.municipality_id] = (row.role, False)
            found[row.municipality_id] = row.municipality
    adopted_versions = _adopted_versions(measures)
    adopted = {(m.version_id, m.lineage): m.pk for m in measures if m.version_id in adopted_versions}
    if adopted:
        if one is not None:
            enrolments = _ENROLMENTS_OF_ONE(version=one.version_id, lineage=one.lineage)
        else:
            enrolments = _enrolments(adopted_versions, municipality).filter(
                measure_lineage__in={lin for _v, lin in adopted}
            )
            if municipality is None:
                enrolments = enrolments.select_related("municipality")
        for e in enrolments:
            pk = adopted.get((e.version_id, e.measure_lineage))
            if pk is not None:
                if e.municipality_id not in found:
                    found[e.municipality_id] = e.municipality
                _apply(roles[pk], e.municipality_id, e.kind, e.state, e.role)
    roles_kind = MeasureMunicipality.Role
    return {
        pk: sorted(
            (
                Participation(found[mid], role, pending, label(roles_kind, role))
                for mid, (role, pending) in by_municipality.items()
            ),
            key=lambda p: p.municipality.name,
        )
        for pk, by_municipality in roles.items()
    }


def _adopted_versions(measures: list[Measure]) -> set[int]:
    """The versions (of ``measures``) whose participations change by enrolments: adopted or superseded."""
    states: dict[int, str] = {}
    unknown: set[int] = set()
    for m in measures:
        if Measure.version.is_cached(m):  # type: ignore[attr-defined]
            states[m.version_id] = m.version.state
        else:
            unknown.add(m.version_id)
    if unknown - states.keys():
        states.update(StrategyVersion.objects.filter(pk__in=unknown - states.keys()).values_list("pk", "state"))
    return {pk for pk, state in states.items() if state in PUBLIC_ADOPTED}


def participation_counts(version: StrategyVersion) -> dict[int, int]:
    """Per municipality id: how many measures of ``version`` it takes part in (join requests not
    counted). The rule of :func:`participations_of` on plain values: two queries, no model rows."""
    roles: dict[object, _Roles] = defaultdict(dict)
    for lineage, municipality_id, role in MeasureMunicipality.objects.filter(measure__version=version).values_list(
        "measure__lineage", "municipality_id", "role"
    ):
        roles[lineage][municipality_id] = (role, False)
    if version.state in PUBLIC_ADOPTED:
        enrolments = _enrolments({version.pk}, None).values_list(
            "measure_lineage", "municipality_id", "kind", "state", "role"
        )
        for lineage, municipality_id, kind, state, role in enrolments:
            _apply(roles[lineage], municipality_id, kind, state, role)
    counts: dict[int, int] = defaultdict(int)
    for by_municipality in roles.values():
        for municipality_id, (_role, pending) in by_municipality.items():
            if not pending:
                counts[municipality_id] += 1
    return dict(counts)


PUBLIC_ADOPTED = (VersionState.ADOPTED, VersionState.SUPERSEDED)


def measures_of_municipality(
    version: StrategyVersion, municipality: Municipality
) -> list[tuple[Measure, Participation]]:
    """The measures of ``version`` the municipality takes part in (or asked to join), with its role.

    The candidates are found in SQL (a row of the version or an enrolment of the municipality), so
    the page reads only the municipality's measures, not the whole strategy.
    """
    in_version = MeasureMunicipality.objects.filter(measure__version=version, municipality=municipality)
    candidates = Q(pk__in=in_version.values("measure_id"))
    if version.state in PUBLIC_ADOPTED:
        candidates |= Q(lineage__in=_enrolments({version.pk}, municipality).values("measure_lineage"))
    measures = list(Measure.objects.filter(candidates, version=version).order_by(natural("code")))
    for m in measures:
        Measure.version.field.set_cached_value(m, version)  # type: ignore[attr-defined]
    rows = participations_of(measures, municipality=municipality)
    return [(m, p) for m in measures for p in rows[m.pk] if p.municipality.pk == municipality.pk]


def municipality_measure_page(
    version: StrategyVersion, municipality: Municipality, number: Any, per_page: int
) -> Page[tuple[Measure, Participation]]:
    """One page of :func:`measures_of_municipality` (the same rows in the same order, by stored code rank).

    The version's rows of measures no join or leave of the municipality touched decide alone: they are
    counted and cut in SQL, so a municipality in 1,500 measures costs about what one in 15 does. The few
    measures touched by its enrolments (adopted versions only) are folded by the rule of
    ``participations_of``; when some of them take part, their order keys are merged with the others'
    keys (two integers a row) before the page is cut.
    """
    where = {"version": version.pk, "municipality": municipality.pk}
    enrolments = list(_ENROLMENTS(**where)) if version.state in PUBLIC_ADOPTED else []
    touched = sorted({lineage for lineage, _kind, _state, _role in enrolments}, key=str)
    rank_measures(version=version)  # the order of the codes, stored (services.ranks)
    if not touched:  # the common case: the version's rows alone
        return _with_roles(prepared_page(_DIRECT_IDS, _DIRECT_COUNT, number, per_page, **where), municipality, {})
    folded: dict[object, _Roles] = defaultdict(dict)
    keys: dict[object, tuple[Any, int]] = {}  # the touched measures of the version: (code rank, id)
    for rank, pk, lineage, role in _touched(len(touched))(**where, **numbered("lineage", touched)):
        keys[lineage] = (rank, pk)
        if role is not None:
            folded[lineage][municipality.pk] = (role, False)
    with_rows = len(folded)  # touched measures with a row of the version: not among the direct ones
    for lineage, kind, state, role in enrolments:
        _apply(folded[lineage], municipality.pk, kind, state, role)
    extra = {lineage: found[municipality.pk] for lineage, found in folded.items() if found}
    extra_keys = sorted((*keys[lineage], lineage) for lineage in extra if lineage in keys)
    extra_by_pk = {pk: extra[lineage] for _rank, pk, lineage in extra_keys}
    counted = (_DIRECT_COUNT.first(**where) or 0) - with_rows + len(extra_keys)
    merged = _Merged(where, set(touched), [(rank, pk) for rank, pk, _l in extra_keys], counted)
    paginator: Paginator[int] = Paginator(merged, per_page)  # type: ignore[arg-type]  # counted and sliced
    return _with_roles(paginator.get_page(number), municipality, extra_by_pk)


class _Merged:
    """The ids of the version's rows (ordered by code rank and id) without the ``touched`` lineages, and of
    ``extra`` (``(rank, id)`` pairs, a few) in one order, as ``Paginator`` slices them: a page reads only the
    direct keys up to its end (and as many more as there are touched lineages)."""

    def __init__(self, where: dict[str, int], touched: set[Any], extra: list[tuple[Any, int]], count: int):
        self.where, self.touched, self.extra, self.counted = where, touched, extra, count

    def count(self) -> int:
        return self.counted

    def __len__(self) -> int:
        return self.counted

    def __getitem__(self, window: slice) -> list[int]:
        start, stop = window.start or 0, window.stop
        read = _DIRECT_KEYS.slice(0, stop + len(self.touched), **self.where)
        direct = ((rank, pk) for rank, pk, lineage in read if lineage not in self.touched)
        return [pk for _rank, pk in itertools.islice(heapq.merge(direct, self.extra), start, stop)]


def _with_roles(
    page: Page[Any], municipality: Municipality, extra_by_pk: dict[int, tuple[str, bool]]
) -> Page[tuple[Measure, Participation]]:
    """``page`` of measure ids as (measure, participation of ``municipality``) pairs: the role in the
    version's rows, or the one its enrolments gave (``extra_by_pk``)."""
    ids = list(page.object_list)
    if not ids:
        return page
    rows = {m.pk: m for m in _with_role(len(ids))(municipality=municipality.pk, **numbered("id", ids))}
    page.object_list = [
        (rows[pk], Participation(municipality, role, pending, label(MeasureMunicipality.Role, role)))
        for pk in ids
        for role, pending in [extra_by_pk.get(pk) or (rows[pk].role, False)]  # type: ignore[attr-defined]
    ]
    return page


def _in_version(version: int, municipality: int) -> QuerySet[Measure]:
    """The version's measures the municipality takes part in by the version's rows: read along the
    ``(version, code_rank)`` index, each probed on the participation's unique key (a page stops after
    its rows, whatever the size of the version)."""
    takes_part = MeasureMunicipality.objects.filter(measure=OuterRef("pk"), municipality_id=municipality)
    return Measure.objects.filter(Exists(takes_part), version_id=version)


_ENROLMENTS = Prepared(
    lambda version, municipality: _enrolments({version}, municipality).values_list(  # type: ignore[arg-type]
        "measure_lineage", "kind", "state", "role"
    ),
    version=int,
    municipality=int,
)
_DIRECT_IDS = Prepared(
    lambda version, municipality: (
        _in_version(version, municipality).order_by("code_rank", "pk").values_list("pk", flat=True)
    ),
    version=int,
    municipality=int,
)
_DIRECT_KEYS = Prepared(
    lambda version, municipality: (
        _in_version(version, municipality).order_by("code_rank", "pk").values_list("code_rank", "pk", "lineage")
    ),
    version=int,
    municipality=int,
)
_DIRECT_COUNT = Prepared(  # the municipality's rows (one per measure), those of the version
    lambda version, municipality: counting(
        MeasureMunicipality.objects.filter(municipality_id=municipality, measure__version_id=version), "municipality"
    ),
    version=int,
    municipality=int,
)


def _role_in_row(municipality: int) -> Subquery:
    """The municipality's role in the version's row of the measure (None without one)."""
    rows = MeasureMunicipality.objects.filter(measure_id=OuterRef("pk"), municipality_id=municipality)
    return Subquery(rows.values("role")[:1])


@functools.cache
def _with_role(count: int) -> Prepared[Measure]:
    """``count`` measures by id with the columns of a list row (``LIST_FIELDS``) and the municipality's
    ``role`` in the version's row (None where only an enrolment joined it): the rows of a page."""

    def rows(municipality: int, **ids: int) -> QuerySet[Measure]:
        found = Measure.objects.filter(pk__in=list(ids.values())).only(*LIST_FIELDS)
        return found.annotate(role=_role_in_row(municipality)).order_by()

    return Prepared(rows, municipality=int, **numbered_kinds("id", count, int))


@functools.cache
def _touched(count: int) -> Prepared[tuple[Any, int, Any, str | None]]:
    """(code rank, id, lineage, role) of ``count`` measures of a version by lineage: the role the
    municipality has in the version's row of the measure, None where it has none."""

    def rows(version: int, municipality: int, **lineages: Any) -> QuerySet[Any, tuple[Any, int, Any, str | None]]:
        found = Measure.objects.filter(version_id=version, lineage__in=list(lineages.values()))
        return (
            found.annotate(role=_role_in_row(municipality)).order_by().values_list("code_rank", "pk", "lineage", "role")
        )

    return Prepared(rows, version=int, municipality=int, **numbered_kinds("lineage", count, uuid.UUID))
