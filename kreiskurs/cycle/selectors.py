"""Reads of the strategy cycle: the time plan with its current stage and next dates (fixed queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from kreiskurs.prepared import Prepared
from kreiskurs.territory.models import District

from .models import STAGE_ORDER, Mandate, Stage, StageKind

#: how many upcoming dates the district home shows
NEXT_DATES = 3


@dataclass
class NextDate:
    date: dt.date
    stage: Stage
    is_start: bool


@dataclass
class TimePlan:
    mandate: Mandate | None
    stages: list[Stage]  # all nine, in cycle order; stages without dates are unsaved rows
    current: Stage | None
    next_dates: list[NextDate]

    @property
    def is_empty(self) -> bool:
        return self.mandate is None and all(s.pk is None for s in self.stages)


def current_stage(stages: list[Stage], today: dt.date) -> Stage | None:
    """The stage the district is in: the last one in cycle order that has actually begun by ``today``.

    Stages overlap in practice (implementation goes on while the evaluation
    runs); the later one is the more telling answer to "where do we stand"."""
    begun = [s for s in stages if s.actual_start is not None and s.actual_start <= today]
    return max(begun, key=lambda s: s.position) if begun else None


def next_dates(stages: list[Stage], today: dt.date, limit: int = NEXT_DATES) -> list[NextDate]:
    """The next planned starts and ends from ``today`` on that have not happened yet, soonest first."""
    dates = []
    for s in stages:
        if s.planned_start and s.planned_start >= today and s.actual_start is None:
            dates.append(NextDate(s.planned_start, s, True))
        if s.planned_end and s.planned_end >= today and s.actual_end is None:
            dates.append(NextDate(s.planned_end, s, False))
    dates.sort(key=lambda d: (d.date, d.stage.position, not d.is_start))
    return dates[:limit]


_MANDATE = Prepared(lambda district: Mandate.objects.filter(district_id=district).order_by("pk")[:1], district=int)
_MANDATE_WITH_BODIES = Prepared(
    lambda district: (
        Mandate.objects.filter(district_id=district)
        .prefetch_related("bodies__memberships__stakeholder")
        .order_by("pk")[:1]
    ),
    district=int,
)
_STAGES = Prepared(lambda district: Stage.objects.filter(district_id=district), district=int)


def time_plan(district: District, *, with_bodies: bool = False, today: dt.date | None = None) -> TimePlan:
    """The district's mandate and its nine stages; ``with_bodies`` also reads the project organisation."""
    today = today or timezone.localdate()
    mandate = (_MANDATE_WITH_BODIES if with_bodies else _MANDATE).first(district=district.pk)
    saved = {s.kind: s for s in _STAGES(district=district.pk)}
    stages = [saved.get(kind) or Stage(district=district, kind=kind) for kind in StageKind.values]
    stages.sort(key=lambda s: STAGE_ORDER[s.kind])
    return TimePlan(
        mandate=mandate, stages=stages, current=current_stage(stages, today), next_dates=next_dates(stages, today)
    )
