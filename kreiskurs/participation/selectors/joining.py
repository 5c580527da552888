"""What the public can join right now: running processes with their deadline and how many people took part.

The district home ("Jetzt mitmachen") and the platform index show these rows
through sections (``participation.sections``). The reads take a fixed number of
queries however many processes, phases or contributions there are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, Prefetch, Q, QuerySet
from django.utils import timezone

from kreiskurs.territory.models import District

from ..models import Comment, Idea, MeasureRating, Phase, Process, Statement, StatementVote, Support, SurveyResponse

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


def people_per_process(processes: list[Process]) -> Counter[int]:
    """Distinct participants who contributed to each process (public texts, support, ratings, votes, answers).

    One query: the (process, participant) pairs of every kind of contribution, made distinct by ``UNION``.
    """
    ids = [p.pk for p in processes]
    if not ids:
        return Counter()
    pairs = (
        Idea.objects.public()
        .filter(process__in=ids, author__isnull=False)
        .values_list("process_id", "author_id")
        .order_by()
        .union(
            Comment.objects.public()
            .filter(process__in=ids, author__isnull=False)
            .values_list("process_id", "author_id")
            .order_by(),
            Statement.objects.public()
            .filter(process__in=ids, author__isnull=False)
            .values_list("process_id", "author_id")
            .order_by(),
            Support.objects.filter(idea__process__in=ids).values_list("idea__process_id", "participant_id").order_by(),
            MeasureRating.objects.filter(process__in=ids).values_list("process_id", "participant_id").order_by(),
            StatementVote.objects.filter(statement__process__in=ids)
            .values_list("statement__process_id", "participant_id")
            .order_by(),
            SurveyResponse.objects.filter(survey__process__in=ids, participant__isnull=False)
            .values_list("survey__process_id", "participant_id")
            .order_by(),
        )
    )
    return Counter(process_id for process_id, _participant in pairs)


def _running(user: Any, now: dt.datetime) -> QuerySet[Process]:
    """Running processes the user may see, the one whose current deadline comes first on top."""
    return (
        Process.objects.visible_to(user)
        .running(now)
        .annotate(deadline=Min("phases__end", filter=Q(phases__end__gt=now)))
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("start", "id")))
        .order_by("deadline", "title", "pk")
    )


def _joinable(processes: list[Process], now: dt.datetime) -> list[Joinable]:
    people = people_per_process(processes)
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


def joinable_in(district: District, user: Any, *, now: dt.datetime | None = None) -> tuple[list[Joinable], int]:
    """The district's running processes (at most ``ON_HOME``) and how many run in all; four queries."""
    now = now or timezone.now()
    running = _running(user, now).filter(district=district)
    processes = list(running[:ON_HOME])
    for process in processes:  # the rows link by process.district.slug: no query per row (issue 12)
        Process.district.field.set_cached_value(process, district)  # type: ignore[attr-defined]
    total = len(processes) if len(processes) < ON_HOME else running.count()
    return _joinable(processes, now), total


def joinable_everywhere(user: Any, *, now: dt.datetime | None = None) -> tuple[list[Joinable], int]:
    """Running processes across all districts (at most ``ON_INDEX``) and how many run in all; four queries."""
    now = now or timezone.now()
    running = _running(user, now).select_related("district")
    processes = list(running[:ON_INDEX])
    total = len(processes) if len(processes) < ON_INDEX else running.count()
    return _joinable(processes, now), total
