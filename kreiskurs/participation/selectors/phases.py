"""The phases of processes read by prepared queries instead of ``prefetch_related`` (issue 12).

A prefetch is a query Django builds and compiles on every request (~0.9 ms for a page's process);
here one prepared statement reads the phases of one process, or of a few (prepared per number).
``process.phases.all()`` then answers them as after a prefetch.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import QuerySet

from kreiskurs.prepared import Prepared, keep_as_prefetched, numbered, numbered_kinds

from ..models import Phase, Process


def _phases_of(process: int) -> QuerySet[Phase]:
    return Phase.objects.filter(process_id=process).order_by("start", "id")


_PHASES_OF = Prepared(_phases_of, process=int)


@functools.cache
def _phases_of_each(count: int) -> Prepared[Phase]:
    return Prepared(
        lambda **ids: Phase.objects.filter(process_id__in=list(ids.values())).order_by("start", "id"),
        **numbered_kinds("process", count, int),
    )


def with_phases(processes: Sequence[Process]) -> None:
    """Read the phases of ``processes`` (by start) so that ``process.phases.all()`` needs no query."""
    if not processes:
        return
    if len(processes) == 1:
        found = list(_PHASES_OF(process=processes[0].pk))
    else:
        found = list(_phases_of_each(len(processes))(**numbered("process", [p.pk for p in processes])))
    keep_phases(processes, found)


def keep_phases(processes: Sequence[Process], found: Sequence[Phase]) -> None:
    """Let ``process.phases.all()`` answer the process's rows among ``found`` (all its phases, by start)
    without a query, each phase given its process."""
    by_process: dict[int, list[Phase]] = defaultdict(list)
    for phase in found:
        by_process[phase.process_id].append(phase)
    for process in processes:
        phases = by_process[process.pk]
        for phase in phases:
            Phase.process.field.set_cached_value(phase, process)  # type: ignore[attr-defined]
        keep_as_prefetched(process, "phases", _PHASES_OF(process=process.pk), phases)
