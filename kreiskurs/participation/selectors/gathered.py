"""What a running phase has gathered so far, per process, read with the running phases themselves.

The staff dashboard shows, for each running process, the count its running phase is about (ideas,
comments, ratings, votes or survey answers; :data:`COUNTED_BY_KIND`). Each running phase's row
carries that count (``gathered``): a ``CASE`` on the phase's kind, so the database counts only the
kind a phase needs, and the statement is prepared (decision 0037), one statement with the phases. The
same statement reads what waits for moderation and the moment the district's kept representativeness
of its running processes was computed (``services.representativeness``: the dashboard shows it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from django.db.models import Case, Count, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from kreiskurs.prepared import Prepared

from ..models import (
    Comment,
    Idea,
    MeasureRating,
    Phase,
    PhaseKind,
    Process,
    RunningRepresentativeness,
    Statement,
    SurveyResponse,
)

#: what a running phase of each kind gathers, as the dashboard counts it (kinds without contributions: none)
COUNTED_BY_KIND: dict[str, str] = {
    PhaseKind.IDEAS: "ideas",
    PhaseKind.COMMENTING: "comments",
    PhaseKind.FEEDBACK: "comments",
    PhaseKind.PRIORITISATION: "ratings",
    PhaseKind.STATEMENTS: "votes",
    PhaseKind.SURVEY: "responses",
}


def _per_process(rows: QuerySet[Any], process: str, total: Any) -> Coalesce:
    """``total`` over ``rows`` of the phase row's process (``process``: the rows' path to it), 0 for none."""
    mine = rows.filter(**{process: OuterRef("process_id")}).order_by().values(process)
    return Coalesce(Subquery(mine.annotate(n=total).values("n")), Value(0))


def gathered_count() -> Case:
    """Per phase row: the count of what its kind gathers in its process (:data:`COUNTED_BY_KIND`; all of
    the process's rows, whatever their moderation; votes as kept on the statements), None for a kind
    that gathers nothing."""
    votes = Sum(F("agree_count") + F("disagree_count") + F("pass_count"))
    counts = {
        "ideas": _per_process(Idea.objects.all(), "process_id", Count("pk")),
        "comments": _per_process(Comment.objects.all(), "process_id", Count("pk")),
        "ratings": _per_process(MeasureRating.objects.all(), "process_id", Count("pk")),
        "votes": _per_process(Statement.objects.all(), "process_id", votes),
        "responses": _per_process(SurveyResponse.objects.all(), "survey__process_id", Count("pk")),
    }
    whens = [When(kind=kind, then=counts[what]) for kind, what in COUNTED_BY_KIND.items()]
    return Case(*whens, default=None, output_field=IntegerField())


def _pending(model: Any, district: int) -> Subquery:
    """How many of ``model``'s rows of ``district`` wait for moderation (one number)."""
    waiting = model.objects.filter(district_id=district).pending().order_by().values("district_id")
    return Subquery(waiting.annotate(n=Count("pk")).values("n"))


def _running_phases(district: int, now: dt.datetime) -> QuerySet[Phase]:
    """The running phases with their processes, by title; each row also carries what it gathered
    (:func:`gathered_count`), the district's ideas and comments waiting for moderation and the moment
    its kept representativeness was computed (the same values on every row: the database reads them
    once)."""
    kept_at = RunningRepresentativeness.objects.filter(district_id=district).values("computed_at")[:1]
    return (
        Phase.objects.filter(district_id=district)
        .running_at(now)
        .select_related("process")
        .annotate(gathered=gathered_count())
        .annotate(pending_ideas=_pending(Idea, district))
        .annotate(pending_comments=_pending(Comment, district))
        .annotate(representativeness_at=Subquery(kept_at))
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


class Running(NamedTuple):
    """The district's running processes as the staff dashboard shows them (:func:`in_phase`)."""

    processes: list[Process]  # a phase of which runs, by title
    phases: dict[int, Phase]  # per process, its running phase (the one started last, where phases overlap)
    pending: int  # ideas and comments waiting for moderation
    #: when the district's kept representativeness of its running processes was computed (None: not kept)
    representativeness_at: dt.datetime | None


def in_phase(district: Any, now: dt.datetime) -> Running:
    """The district's running processes, each with its running phase and what that gathered (as
    ``gathered``), what waits for moderation and the moment of the kept representativeness: one
    prepared query (the staff dashboard), two when nothing runs."""
    running = list(_RUNNING_PHASES(district=district.pk, now=now))
    processes = list({phase.process_id: phase.process for phase in running}.values())
    phases = {phase.process_id: phase for phase in running}
    if running:
        first: Any = running[0]
        return Running(
            processes, phases, (first.pending_ideas or 0) + (first.pending_comments or 0), first.representativeness_at
        )
    return Running(processes, phases, len(_PENDING(district=district.pk)), None)
