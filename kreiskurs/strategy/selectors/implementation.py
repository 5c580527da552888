"""Reads of implementation: current phase and progress from status reports, due reports, milestones, roll-ups."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from kreiskurs.core import sql
from kreiskurs.prepared import Prepared
from kreiskurs.territory.models import District

from ..models import (
    Goal,
    Measure,
    Milestone,
    MilestoneCompletion,
    StatusReport,
    StrategyVersion,
)
from ..renderings import NEWEST_REPORT, is_frozen, stored
from ..rollup import MeasureProgress, goal_groups, roll_up, weighted_progress

#: raise when what the stored roll-ups of a frozen version hold changes (see :func:`timeline_stamp`)
ROLLUP_FORMAT = 1


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


def attach_implementation(measures: list[Measure]) -> None:
    """Set ``current_phase``, ``current_progress`` and ``last_report`` on ``measures`` (one district) as
    :func:`with_implementation` annotates them, from one kept SQL statement over their lineages.

    For a page of rows already read (the list pages): the ORM built the four correlated subqueries
    of :func:`with_implementation` for ~2 ms per page, more than the database needs to answer them
    (issue 12). The latest report of a lineage is the one no other report of it follows by
    ``(date, id)``, read on the ``status_report_latest`` index. PostgreSQL answered that ``NOT EXISTS``
    by hashing every report of the district (linear in the reports, 1.7 ms at 6,000); it reads each
    lineage's first row along the index instead (``_latest_lateral``: one statement for any number).
    """
    if not measures:
        return
    field = StatusReport._meta.get_field("measure_lineage")
    district, lineages = measures[0].district_id, [field.get_db_prep_value(m.lineage, connection) for m in measures]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_latest_lateral(), [lineages, district])
        else:
            cursor.execute(_latest_sql(len(set(lineages))), [district, *set(lineages)])
        latest = {field.to_python(lineage): (phase, progress, day) for lineage, phase, progress, day in cursor}
    date_field = StatusReport._meta.get_field("date")
    for m in measures:
        phase, progress, day = latest.get(m.lineage, (None, None, None))
        m.current_phase = phase or m.phase  # type: ignore[attr-defined]
        m.current_progress = progress  # type: ignore[attr-defined]
        m.last_report = date_field.to_python(day) if day is not None else None  # type: ignore[attr-defined]


def _report(name: str, alias: str = "r") -> str:
    return sql.column(StatusReport, name, alias=alias)


def _latest_columns() -> str:
    return f"SELECT {_report('measure_lineage')}, {_report('phase')}, {_report('progress')}, {_report('date')}"


@functools.cache
def _latest_sql(n: int) -> str:
    """The statement of :func:`attach_implementation` for ``n`` lineages."""
    r, newer = _report, functools.partial(_report, alias="n")
    return (
        f"{_latest_columns()} FROM {sql.table(StatusReport)} r "
        f"WHERE {r('district')} = %s AND {r('measure_lineage')} IN ({sql.marks(n)}) AND NOT EXISTS ("
        f"SELECT 1 FROM {sql.table(StatusReport)} n WHERE {newer('district')} = {r('district')} "
        f"AND {newer('measure_lineage')} = {r('measure_lineage')} AND ({newer('date')} > {r('date')} "
        f"OR ({newer('date')} = {r('date')} AND {newer('id')} > {r('id')})))"
    )


@functools.cache
def _latest_lateral() -> str:
    """PostgreSQL's statement of :func:`attach_implementation`: the lineages as one array parameter."""
    r = _report
    return (
        f"SELECT l.* FROM unnest(%s::uuid[]) AS v(lineage) CROSS JOIN LATERAL ("
        f"{_latest_columns()} FROM {sql.table(StatusReport)} r "
        f"WHERE {r('district')} = %s AND {r('measure_lineage')} = v.lineage "
        f"ORDER BY {r('date')} DESC, {r('id')} DESC LIMIT 1) AS l"
    )


ACTIVE_PHASES = ("preparing", "pilot", "rollout", "operating")


def timeline(measure: Measure) -> QuerySet[StatusReport]:
    """All status reports of the measure (any version), newest first."""
    return StatusReport.objects.filter(district=measure.district_id, measure_lineage=measure.lineage).select_related(
        "author"
    )


@functools.cache
def _latest_reports(count: int) -> Prepared[StatusReport]:
    return Prepared(
        lambda district, lineage: StatusReport.objects.filter(district_id=district, measure_lineage=lineage).order_by(
            "-date", "-id"
        )[:count],
        district=int,
        lineage=uuid.UUID,
    )


def latest_reports(measure: Measure, count: int) -> list[StatusReport]:
    """The newest ``count`` status reports of the measure (any version), as :func:`timeline` orders them."""
    return list(_latest_reports(count)(district=measure.district_id, lineage=measure.lineage))


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


_NEWEST_REPORT = Prepared(
    lambda district: StatusReport.objects.filter(district_id=district).order_by("-id").values_list("id", flat=True)[:1],
    district=int,
)


def timeline_stamp(version: StrategyVersion, *extra: object) -> str:
    """What the implementation figures of a *frozen* version depend on besides its rows (which
    never change): the district's status reports. Reports are append-only (never edited or
    deleted), so the newest id names the whole timeline; one index seek, whatever its length.
    The figures are kept in ``StoredRendering`` under this stamp and recomputed once after
    each new report, instead of on every request (issue 12)."""
    last = getattr(version, NEWEST_REPORT, None)  # read with the stored renderings (renderings.preload)
    if last is None:
        last = _NEWEST_REPORT.first(district=version.district_id)  # index status_report_newest
    return ":".join(str(part) for part in (ROLLUP_FORMAT, last or 0, *extra))


@dataclass
class ProgressOverview:
    strategy: float | None
    fields: dict[int, float | None]
    goals: dict[int, float | None]
    phases: dict[str, int] = field(default_factory=dict)  # measures per current phase (for ``key_figures``)


def progress_overview(version: StrategyVersion) -> ProgressOverview:
    """Weighted progress of the strategy, each field of action and each goal (rule: ``rollup.py``).

    A frozen version's roll-up is computed once per state of the timeline and kept
    (:func:`timeline_stamp`): two queries per request, whatever the size of the strategy.
    Drafts and consultations are computed live (four queries).
    """
    if not is_frozen(version):
        return _progress_overview(version)
    content = stored(
        version,
        kind="rollup",
        fmt=ROLLUP_FORMAT,
        language="",
        stamp=timeline_stamp(version),
        build=lambda: json.dumps(_progress_overview(version).__dict__),
    )
    data = json.loads(content)
    return ProgressOverview(
        strategy=data["strategy"],
        fields={int(k): v for k, v in data["fields"].items()},
        goals={int(k): v for k, v in data["goals"].items()},
        phases=data["phases"],
    )


def _progress_overview(version: StrategyVersion) -> ProgressOverview:
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
    counts: dict[str, int] = defaultdict(int)
    for m in measures.values():
        counts[m.phase] += 1
    return ProgressOverview(
        phases=dict(counts),
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
    phases: dict[str, int] = field(default_factory=dict)  # measures per current phase (for ``key_figures``)


def implementation_overview(version: StrategyVersion, *, shown: int = 10) -> ImplementationOverview:
    """Strategy progress, measures per current phase and the overdue reports of ``version``.

    The same rules as :func:`progress_overview` (strategy figure), :func:`measures_by_phase`
    and :func:`due_reports`, from one pass over plain values of the measures (one query,
    no model rows). A frozen version's overview is kept per state of the timeline and
    day (:func:`timeline_stamp`), so a request reads two rows, whatever the size.
    """
    from ..models.measures import Phase

    if is_frozen(version):
        stamp = timeline_stamp(version, timezone.localdate().isoformat(), shown, version.adopted_at)
        build = lambda: json.dumps(_overview_values(version, shown), default=str)  # noqa: E731
        data = json.loads(stored(version, kind="overview", fmt=ROLLUP_FORMAT, language="", stamp=stamp, build=build))
    else:
        data = json.loads(json.dumps(_overview_values(version, shown), default=str))
    counts: dict[str, int] = data["phases"]
    return ImplementationOverview(
        progress=data["progress"],
        by_phase=[(str(label), counts[value]) for value, label in Phase.choices if counts.get(value)],
        overdue=[
            DueReport(
                Measure(
                    pk=pk, lineage=lineage, code=code, title=title, version=version, district_id=version.district_id
                ),
                dt.date.fromisoformat(due),
            )
            for due, code, pk, lineage, title in data["overdue"]
        ],
        overdue_count=data["overdue_count"],
        phases=counts,
    )


def _overview_values(version: StrategyVersion, shown: int) -> dict[str, Any]:
    rows = with_implementation(Measure.objects.filter(version=version).order_by()).values_list(  # type: ignore[misc]
        "pk",
        "lineage",
        "code",
        "title",
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
    for pk, lineage, code, title, current, reported, last, weight, start, interval in rows:
        progress.append(MeasureProgress(pk, current, reported, weight))
        counts[current] += 1
        due = _due(current, last, start, interval, version, today)
        if due is not None and due < today:
            overdue.append((due, code, pk, lineage, title))
    overdue.sort(key=lambda r: (r[0], r[1]))  # as due_reports
    return {
        "progress": weighted_progress(progress),
        "phases": dict(counts),
        "overdue": overdue[:shown],
        "overdue_count": len(overdue),
    }


def milestones_reached(qs: QuerySet[Milestone] | None = None) -> QuerySet[Milestone]:
    """Milestones with ``reached``: the date recorded after adoption, else the date in the version."""
    completed = MilestoneCompletion.objects.filter(milestone_lineage=OuterRef("lineage")).values("done_on")[:1]
    return (qs if qs is not None else Milestone.objects.all()).annotate(
        reached=Coalesce(Subquery(completed), F("done_on"))
    )


class OpenMilestone(NamedTuple):
    due: dt.date
    code: str  # the measure's
    title: str


@functools.cache
def _next_milestones(limit: int) -> Prepared[tuple[dt.date | None, str, str]]:
    return Prepared(
        lambda district, version: (  # not reached (milestones_reached): neither done in the version nor recorded
            # since; the district's open milestones in the order due (index milestone_open_due), up to ``limit``
            Milestone.objects.filter(
                district_id=district, measure__version_id=version, due__isnull=False, done_on__isnull=True
            )
            .exclude(Exists(MilestoneCompletion.objects.filter(milestone_lineage=OuterRef("lineage"))))
            .order_by("due", "measure__code")
            .values_list("due", "measure__code", "title")[:limit]  # what the dashboard shows: plain values
        ),
        district=int,
        version=int,
    )


def next_milestones(version: StrategyVersion, limit: int = 8) -> list[OpenMilestone]:
    """The ``limit`` open milestones of the version due first (not reached, as :func:`milestones_reached` says)."""
    rows = _next_milestones(limit)(district=version.district_id, version=version.pk)
    return [OpenMilestone(due, code, title) for due, code, title in rows if due is not None]  # due: filtered
