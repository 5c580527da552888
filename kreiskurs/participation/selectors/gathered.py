"""What a running phase has gathered so far, per process: counted in the database in one statement.

The staff dashboard shows, for each running process, the count its running phase is about (ideas,
comments, ratings, votes or survey answers; ``sections.COUNTED_BY_KIND``). Only the kind a process
needs is counted, all kinds in one ``UNION ALL``; the statement is plain SQL kept per shape, because
building five correlated ORM subqueries cost more than running them (issue 12).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from django.db import connection
from django.db.models import Count, QuerySet, Subquery

from kreiskurs.core import sql
from kreiskurs.prepared import Prepared

from ..models import Comment, Idea, MeasureRating, Phase, Process, Statement, Survey, SurveyResponse


def _part(what: str, marks: str) -> str:
    """The SELECT of one kind: (process id, count) for the processes in ``marks``."""
    if what == "responses":
        process = sql.column(Survey, "process")
        join = f"{sql.column(SurveyResponse, 'survey')} = {sql.column(Survey, 'id')}"
        source = f"{sql.table(SurveyResponse)} INNER JOIN {sql.table(Survey)} ON {join}"
        total = "COUNT(*)"
    elif what == "votes":  # kept on each statement by the vote services
        process, source = sql.column(Statement, "process"), sql.table(Statement)
        kept = [sql.column(Statement, f) for f in ("agree_count", "disagree_count", "pass_count")]
        total = f"SUM({' + '.join(kept)})"
    else:
        model = {"ideas": Idea, "comments": Comment, "ratings": MeasureRating}[what]
        process, source, total = sql.column(model, "process"), sql.table(model), "COUNT(*)"
    return f"SELECT {process}, {total} FROM {source} WHERE {process} IN ({marks}) GROUP BY {process}"


@functools.cache
def _sql(shape: tuple[tuple[str, int], ...]) -> str:
    """The statement for ``shape``: per kind counted, how many processes it is counted for."""
    return " UNION ALL ".join(_part(what, sql.marks(n)) for what, n in shape)


def gathered(needed: Mapping[int, str]) -> dict[int, int]:
    """Per process id: the count of what ``needed`` names for it (``ideas``, ``comments``, ``ratings``,
    ``votes`` or ``responses``), 0 when nothing was gathered yet. One query (none when nothing is needed)."""
    by_kind: dict[str, list[int]] = {}
    for process_id, what in sorted(needed.items()):
        by_kind.setdefault(what, []).append(process_id)
    if not by_kind:
        return {}
    shape = tuple(sorted((what, len(ids)) for what, ids in by_kind.items()))
    params = [pk for what, _n in shape for pk in by_kind[what]]
    counts = dict.fromkeys(needed, 0)
    with connection.cursor() as cursor:
        cursor.execute(_sql(shape), params)
        for process_id, n in cursor.fetchall():
            counts[process_id] = int(n or 0)
    return counts


def _pending(model: Any, district: int) -> Subquery:
    """How many of ``model``'s rows of ``district`` wait for moderation (one number)."""
    waiting = model.objects.filter(district_id=district).pending().order_by().values("district_id")
    return Subquery(waiting.annotate(n=Count("pk")).values("n"))


def _running_phases(district: int, now: dt.datetime) -> QuerySet[Phase]:
    """The running phases with their processes, by title; each row also carries the district's ideas and
    comments waiting for moderation (the same numbers on every row: the database reads them once)."""
    return (
        Phase.objects.filter(district_id=district)
        .running_at(now)
        .select_related("process")
        .annotate(pending_ideas=_pending(Idea, district))
        .annotate(pending_comments=_pending(Comment, district))
        .order_by("process__title", "process_id", "start", "pk")
    )


_RUNNING_PHASES = Prepared(_running_phases, district=int, now=dt.datetime)
_PENDING = Prepared(
    lambda district: (
        Idea.objects.filter(district_id=district)
        .pending()
        .order_by()
        .values_list("pk")
        .union(Comment.objects.filter(district_id=district).pending().order_by().values_list("pk"), all=True)
    ),
    district=int,
)


def in_phase(district: Any, now: dt.datetime) -> tuple[list[Process], dict[int, Phase], int]:
    """The district's processes a phase of which runs ``now`` (by title), that phase per process (the
    one started last, where phases overlap), and how many ideas and comments wait for moderation: one
    prepared query (the staff dashboard), two when nothing runs."""
    running = list(_RUNNING_PHASES(district=district.pk, now=now))
    processes = list({phase.process_id: phase.process for phase in running}.values())
    phases = {phase.process_id: phase for phase in running}
    if running:
        first = running[0]
        return processes, phases, (first.pending_ideas or 0) + (first.pending_comments or 0)  # type: ignore[attr-defined]
    return processes, phases, len(_PENDING(district=district.pk))
