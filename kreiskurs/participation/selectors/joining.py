"""What the public can join right now: running processes with their deadline and how many people took part.

The district home ("Jetzt mitmachen") and the platform index show these rows
through sections (``participation.sections``). The reads take a fixed number of
queries however many processes, phases or contributions there are.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from kreiskurs.core import sql
from kreiskurs.prepared import Prepared
from kreiskurs.territory.models import District

from ..models import (
    Comment,
    Idea,
    MeasureRating,
    Phase,
    Process,
    Statement,
    StatementVote,
    Support,
    SurveyResponse,
    Visibility,
    sees_published_only,
)
from .phases import keep_phases, with_phases

#: at most this many processes on the district home; the rest are one click away in the process list
ON_HOME = 6
#: at most this many processes on the platform index
ON_INDEX = 12


@dataclass(frozen=True)
class Joinable:
    """A running process as an invitation: the phase running now (``None`` between two phases) and its end."""

    process: Process
    phase: Phase | None
    next_phase: Phase | None
    deadline: dt.datetime | None
    participants: int

    @property
    def actions(self) -> list[Any]:
        return self.phase.actions if self.phase is not None else []


#: how long a count of people is shown before the next request counts again (the lag of the kept
#: representativeness, ``services.representativeness.REFRESH``)
PEOPLE_REFRESH = dt.timedelta(minutes=5)


def people_per_process(processes: list[Process], *, now: dt.datetime | None = None) -> Counter[int]:
    """Distinct participants who contributed to each process (public texts, support, ratings, votes, answers).

    Counted in the database: the (process, participant) pairs of every kind of contribution, made
    distinct by ``UNION``, grouped by process. Only published processes count (``public()``: visible
    contributions of published processes). The statement is plain SQL kept per number of processes
    (``_people_sql``): building its seven-part union through the ORM cost about 2 ms per request.

    Counting reads every contribution of the process: 130 ms of CPU for a running consultation with
    500,000 votes, on every view of the district home (issue 12). So the count is kept on the process
    (``Process.people``, ``people_at``) and counted again, for all stale processes in one statement,
    by the first request after ``PEOPLE_REFRESH``; an invitation's "N people took part" may lag by as
    much. Forgetting a person drops the kept counts of the district (``services.representativeness.forget_kept``).
    """
    now = now or timezone.now()
    published = [p for p in processes if p.published]
    people = Counter({p.pk: p.people for p in published if _fresh(p.people_at, now) and p.people is not None})
    stale = [p for p in published if p.pk not in people]
    if not stale:
        return people
    counted = count_people(stale)
    for process in stale:
        process.people, process.people_at = counted[process.pk], now
        people[process.pk] = process.people
    Process.objects.bulk_update(stale, ["people", "people_at"])  # one statement; no revision, no signal
    return people


def count_people(processes: list[Process]) -> Counter[int]:
    """What :func:`people_per_process` keeps, counted now: one statement (none for no published process)."""
    ids = [p.pk for p in processes if p.published]
    if not ids:
        return Counter()
    with connection.cursor() as cursor:
        cursor.execute(_people_sql(len(ids)), ids * len(_PEOPLE_SOURCES))
        return Counter(dict(cursor.fetchall()))


def _fresh(at: dt.datetime | None, now: dt.datetime) -> bool:
    return at is not None and now - PEOPLE_REFRESH < at <= now


#: where people took part: (model, its participant column, the relation to the process or None if direct,
#: only visible rows); the same kinds ``representativeness`` counts
_PEOPLE_SOURCES: list[tuple[Any, str, str | None, bool]] = [
    (Idea, "author", None, True),
    (Comment, "author", None, True),
    (Statement, "author", None, True),
    (Support, "participant", "idea", False),
    (MeasureRating, "participant", None, False),
    (StatementVote, "participant", "statement", False),
    (SurveyResponse, "participant", "survey", False),
]


@functools.cache
def _people_sql(n: int) -> str:
    """The statement of ``people_per_process`` for ``n`` process ids (each part takes them once)."""
    parts = []
    for model, person, via, moderated in _PEOPLE_SOURCES:
        who = sql.column(model, person)
        if via is None:
            source, process = sql.table(model), sql.column(model, "process")
        else:
            parent = model._meta.get_field(via).related_model
            join = f"{sql.column(model, via)} = {sql.column(parent, 'id')}"
            source = f"{sql.table(model)} INNER JOIN {sql.table(parent)} ON {join}"
            process = sql.column(parent, "process")
        visible = f" AND {sql.column(model, 'visibility')} = '{Visibility.VISIBLE.value}'" if moderated else ""
        parts.append(
            f"SELECT {process} AS process_id, {who} AS person_id FROM {source}"
            f" WHERE {process} IN ({sql.marks(n)}) AND {who} IS NOT NULL{visible}"
        )
    pairs = " UNION ".join(parts)
    return f"SELECT process_id, COUNT(*) FROM ({pairs}) AS pairs GROUP BY process_id"


def _running(user: Any, now: dt.datetime) -> QuerySet[Process]:
    """Running processes the user may see, the one whose current deadline comes first on top."""
    return (
        Process.objects.visible_to(user)
        .running(now)
        .annotate(deadline=Min("phases__end", filter=Q(phases__end__gt=now)))
        .order_by("deadline", "title", "pk")
    )


def _joinable(processes: list[Process], now: dt.datetime) -> list[Joinable]:
    """The rows of ``processes``, their phases read (``phases.all()`` without a query)."""
    people = people_per_process(processes, now=now)
    rows = []
    for process in processes:
        phase = process.phase_at(now)
        upcoming = [p for p in process.phases.all() if not p.started_by(now)]
        rows.append(
            Joinable(
                process=process,
                phase=phase,
                next_phase=upcoming[0] if phase is None and upcoming else None,
                deadline=phase.end if phase is not None else None,
                participants=people[process.pk],
            )
        )
    return rows


def _published_running_phases(district: int, now: dt.datetime) -> QuerySet[Phase]:
    """Every phase (by start) of the processes a visitor's home shows (``_running``, published, at most
    ``ON_HOME``), each with its process, the processes in the order of ``_running``: one statement
    where the processes and then their phases took two."""
    shown = _running(None, now).filter(district_id=district)[:ON_HOME].values("pk")
    ends = Phase.objects.filter(process_id=OuterRef("process_id"), end__gt=now).order_by().values("process_id")
    deadline = Subquery(ends.annotate(first=Min("end")).values("first"))
    return (
        Phase.objects.filter(process__in=shown)
        .select_related("process")
        .annotate(deadline=deadline)
        .order_by("deadline", "process__title", "process_id", "start", "id")
    )


_PUBLISHED_RUNNING_PHASES = Prepared(_published_running_phases, district=int, now=dt.datetime)


def joinable_in(district: District, user: Any, *, now: dt.datetime | None = None) -> tuple[list[Joinable], int]:
    """The district's running processes (at most ``ON_HOME``) and how many run in all; four queries."""
    now = now or timezone.now()
    if sees_published_only(user, district):  # visitors: the same statement on every home (prepared)
        phases = list(_PUBLISHED_RUNNING_PHASES(district=district.pk, now=now))
        processes = list({phase.process_id: phase.process for phase in phases}.values())
        keep_phases(processes, phases)
    else:
        processes = list(_running(user, now).filter(district=district)[:ON_HOME])
        with_phases(processes)
    for process in processes:  # the rows link by process.district.slug: no query per row (issue 12)
        Process.district.field.set_cached_value(process, district)  # type: ignore[attr-defined]
    total = len(processes) if len(processes) < ON_HOME else _running(user, now).filter(district=district).count()
    return _joinable(processes, now), total


def joinable_everywhere(user: Any, *, now: dt.datetime | None = None) -> tuple[list[Joinable], int]:
    """Running processes across all districts (at most ``ON_INDEX``) and how many run in all; four queries."""
    now = now or timezone.now()
    running = _running(user, now).select_related("district")
    processes = list(running[:ON_INDEX])
    with_phases(processes)
    total = len(processes) if len(processes) < ON_INDEX else running.count()
    return _joinable(processes, now), total
