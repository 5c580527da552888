"""Who took part in a process, kept on the process and recomputed when it is older than ``REFRESH``.

Counting the people of a process by their declarations asks, for every participant of the district,
whether they contributed there: about 76 ms of CPU for 10,000 participants and 500,000 votes, on
every view of the process page (issue 12). The result changes only when people take part, are
hidden by moderation or forget their data, and the page shows aggregated, rounded shares, so it is
kept on the process (``Process.representativeness``) and recomputed by the first request after
``REFRESH`` (the same lag the opinion map accepts, decision 0031). Forgetting a person drops the
kept results of the district at once (``forget_kept``), so nobody waits five minutes to disappear.
See docs/participation.md, "Representativeness".
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import get_language

from kreiskurs.prepared import Prepared
from kreiskurs.territory.models import District

from ..models import Process, RunningRepresentativeness
from ..selectors.representativeness import Representativeness, of_process, of_running

#: how long a kept result is shown before the next request recomputes it
REFRESH = dt.timedelta(minutes=5)


def is_fresh(kept_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a result kept at ``kept_at`` is still shown at ``now`` (younger than ``REFRESH``)."""
    return kept_at is not None and now - REFRESH < kept_at <= now


def current_of_process(*, process: Process) -> Representativeness:
    """The kept result when it is younger than ``REFRESH``; otherwise computed now and kept.

    Kept per language (the tables carry translated labels and sources): ``{"de": {…}, "en": {…}}``;
    a language not kept yet is computed and added, an expired result starts again from the
    active language. Two requests racing after expiry both compute and write the same result
    (an UPDATE of two columns, no lock taken): cheaper than serialising readers.
    """
    now = timezone.now()
    language = get_language() or ""
    kept, kept_at = process.representativeness or {}, process.representativeness_at
    fresh = is_fresh(kept_at, now)
    if fresh and language in kept:
        return Representativeness.from_dict(kept[language])
    result = of_process(process)
    data = {**kept, language: result.as_dict()} if fresh else {language: result.as_dict()}
    at = kept_at if fresh else now
    Process.objects.filter(pk=process.pk).update(representativeness=data, representativeness_at=at)
    process.representativeness, process.representativeness_at = data, at
    return result


_KEPT = Prepared(
    lambda district: RunningRepresentativeness.objects.filter(district_id=district).values_list("data", "computed_at")[
        :1
    ],
    district=int,
)


class Kept(NamedTuple):
    """A kept result and the moment it was computed (the same moment, the same result)."""

    result: Representativeness
    at: dt.datetime


def current_of_running(*, district: District) -> Representativeness:
    """Who takes part in the district's running processes (the staff dashboard), kept like
    :func:`current_of_process`: the kept result when younger than ``REFRESH``, else computed and kept.
    Within that lag a process that just started or ended may still be counted as before."""
    return running_kept(district=district).result


def running_kept(*, district: District) -> Kept:
    """:func:`current_of_running` with the moment it was computed."""
    now = timezone.now()
    language = get_language() or ""
    row = _KEPT.first(district=district.pk)
    kept, kept_at = row if row is not None else ({}, None)
    fresh = is_fresh(kept_at, now)
    if fresh and kept_at is not None and language in kept:
        return Kept(Representativeness.from_dict(kept[language]), kept_at)
    result = of_running(district)
    data = {**kept, language: result.as_dict()} if fresh else {language: result.as_dict()}
    at = kept_at if fresh and kept_at is not None else now
    if not RunningRepresentativeness.objects.filter(district=district).update(data=data, computed_at=at):
        # the first for the district; a worker racing here wrote the same result
        RunningRepresentativeness.objects.bulk_create(
            [RunningRepresentativeness(district=district, data=data, computed_at=at)], ignore_conflicts=True
        )
    return Kept(result, at)


def forget_kept(*, district_id: int) -> None:
    """Drop the kept results (and counts of people) of the district's processes and running processes: the
    next view recomputes them."""
    Process.objects.filter(district_id=district_id, representativeness_at__isnull=False).update(
        representativeness=None, representativeness_at=None
    )
    Process.objects.filter(district_id=district_id, people_at__isnull=False).update(people=None, people_at=None)
    RunningRepresentativeness.objects.filter(district_id=district_id).delete()
