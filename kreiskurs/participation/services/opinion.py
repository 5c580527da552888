"""The stored opinion map: noting changed votes, queueing the recomputation (debounced), storing the result.

The rule (``docs/opinion-map.md``, "Stored result and recomputation"):

- The vote services call :func:`note_votes_changed` in the vote's transaction.
  It records when the votes changed and, when no recomputation is queued,
  queues one — never computing inline. The recomputation may start at
  ``started_at + DEBOUNCE`` (the start of the previous one) at the earliest,
  so a process is computed at most once per ``DEBOUNCE`` however many votes
  arrive; every vote in between is picked up by the queued run, which reads
  the votes when it starts.
- The queued run (``tasks.recompute_opinion_map``, a ``core.jobs`` runner)
  clears the queue marker first, so votes arriving while it computes queue the
  next run, and does nothing when the votes still match the stored result.
- Moderators may ask for a recomputation now (:func:`request_recomputation`),
  outside the debounce (statements moderated out, a pol.is import).

The task is enqueued when the vote's transaction commits: the worker must see
the votes, and a vote never waits for the queue. Should the enqueueing be lost
(the process ends between commit and enqueue), a queue marker older than
``LOST_AFTER`` does not block the next vote from queueing again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change
from kreiskurs.core.jobs import start_job

from ..models import OpinionMap, Process
from ..opinion.chart import layout
from ..selectors.opinion import computed_map, votes_marker

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

#: at most one recomputation per process starts within this time
DEBOUNCE = dt.timedelta(minutes=5)
#: a queue marker this far past its due time belongs to a lost enqueueing
LOST_AFTER = dt.timedelta(hours=1)
RUNNER = "kreiskurs.participation.tasks.recompute_opinion_map"

register_action_labels({"recompute_opinion_map": gettext_lazy("Meinungsbild neu berechnen lassen")})


def _row(process: Process) -> OpinionMap:
    row, _created = OpinionMap.objects.get_or_create(process=process, defaults={"district_id": process.district_id})
    return row


def note_votes_changed(*, process: Process) -> None:
    """Record that the process's votes changed and queue a recomputation unless one is queued (debounced).

    Called by the vote services inside their transaction; at most three queries. The queue marker is
    set by a conditional update, so of two votes arriving together only one queues."""
    now = timezone.now()
    row = _row(process)
    free = Q(queued_for__isnull=True) | Q(queued_for__lte=now - LOST_AFTER)
    if row.queued_for is None or row.queued_for <= now - LOST_AFTER:
        due = max(now, row.started_at + DEBOUNCE) if row.started_at else now
        if OpinionMap.objects.filter(free, pk=row.pk).update(votes_changed_at=now, queued_for=due):
            _enqueue_on_commit(process, due)
            return
    OpinionMap.objects.filter(pk=row.pk).update(votes_changed_at=now)


def request_recomputation(*, by: Actor, process: Process) -> OpinionMap:
    """Queue a recomputation to start now (moderators; outside the debounce), audited."""
    if not rules.has_perm("participation.recompute_opinion_map", by, process.district):
        raise PermissionDenied(_("Sie dürfen das Meinungsbild nicht neu berechnen lassen."))
    now = timezone.now()
    with transaction.atomic():
        row = _row(process)
        OpinionMap.objects.filter(pk=row.pk).update(queued_for=now)
        record_change(by=by, district=process.district, action="recompute_opinion_map", obj=process)
        _enqueue_on_commit(process, now)
    row.refresh_from_db()
    return row


def _enqueue_on_commit(process: Process, due: dt.datetime) -> None:
    def enqueue() -> None:
        job = start_job(
            by=None,
            district=process.district,
            title=_("Meinungsbild berechnen: %(title)s") % {"title": process.title},
            runner=RUNNER,
            params={"process_id": process.pk},
            run_after=due,
        )
        OpinionMap.objects.filter(process=process).update(job=job)

    transaction.on_commit(enqueue)


def store_opinion_map(*, process: Process, progress: Callable[[str, int, int], None] | None = None) -> OpinionMap:
    """Compute the map from the votes as they are now and store it; nothing is computed when the stored
    result still matches the votes (the marker) — the queue marker is cleared either way."""
    report = progress or (lambda stage, done, total: None)
    started = timezone.now()
    row = _row(process)
    OpinionMap.objects.filter(pk=row.pk).update(queued_for=None, started_at=started)
    report(_("Stimmen lesen"), 0, 2)
    marker = votes_marker(process)
    if row.votes_marker == marker and row.computed_at is not None:
        row.refresh_from_db()
        return row
    report(_("Gruppen berechnen"), 1, 2)
    computed = computed_map(process)
    chart, positions = layout(computed.result)
    OpinionMap.objects.filter(pk=row.pk).update(
        result=computed.result,
        shares=computed.shares,
        chart=chart,
        positions={f"p{key}": point for key, point in positions.items()},
        votes_marker=marker,
        vote_count=computed.vote_count,
        computed_at=started,
    )
    row.refresh_from_db()
    return row
