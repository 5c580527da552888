"""Planned and current values of a running measure: the adopted text against the implementation updates."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kreiskurs.prepared import Prepared

from ..models import ImplementationChange, Measure, StatusReport

_CHANGES = Prepared(
    lambda district, lineage: ImplementationChange.objects.filter(
        district_id=district, measure_lineage=lineage
    ).order_by("created_at", "id"),
    district=int,
    lineage=uuid.UUID,
)


def changes_of(district: Any, lineage: uuid.UUID) -> list[ImplementationChange]:
    """The implementation changes recorded for the measure ``lineage``, in the order of recording."""
    return list(_CHANGES(district=district.pk, lineage=lineage))


@dataclass
class Planned:
    """One value as the version plans it and as it stands now (with the latest change's reason and date)."""

    label: str
    planned: Any
    current: Any
    reason: str = ""
    changed_on: dt.date | None = None

    @property
    def changed(self) -> bool:
        return self.reason != "" and self.current != self.planned


@dataclass
class LivingPlan:
    end: Planned
    lead_person: Planned
    budget_planned: Decimal | None
    budget_spent: Decimal | None
    milestones: list[Planned] = field(default_factory=list)

    @property
    def any_change(self) -> bool:
        return self.end.changed or self.lead_person.changed or any(m.changed for m in self.milestones)


def living_plan(measure: Measure, *, changes: list[ImplementationChange] | None = None) -> LivingPlan:
    """Planned (the measure's row) and current values (its latest ``ImplementationChange`` per kind and
    milestone; the budget spent from the latest status report that names one). Three queries (two with
    ``changes``, the measure's changes oldest first, already read)."""
    if changes is None:
        changes = list(
            ImplementationChange.objects.filter(
                district_id=measure.district_id, measure_lineage=measure.lineage
            ).order_by("created_at", "id")
        )
    latest: dict[tuple[str, uuid.UUID | None], ImplementationChange] = {}
    for change in changes:
        latest[(change.kind, change.milestone_lineage)] = change

    def planned(label: str, kind: str, value: Any, milestone: uuid.UUID | None = None) -> Planned:
        change = latest.get((kind, milestone))
        if change is None:
            return Planned(label, value, value)
        current = change.new_text if kind == ImplementationChange.Kind.LEAD_PERSON else change.new_date
        return Planned(label, value, current, change.reason, change.created_at.date())

    spent = (
        StatusReport.objects.filter(
            district_id=measure.district_id, measure_lineage=measure.lineage, spent_budget__isnull=False
        )
        .order_by("-date", "-id")
        .values_list("spent_budget", flat=True)
        .first()
    )
    return LivingPlan(
        end=planned(str(ImplementationChange.Kind.END.label), ImplementationChange.Kind.END, measure.end),
        lead_person=planned(
            str(ImplementationChange.Kind.LEAD_PERSON.label), ImplementationChange.Kind.LEAD_PERSON, measure.lead_person
        ),
        budget_planned=measure.estimated_cost,
        budget_spent=spent,
        milestones=[
            planned(m.title, ImplementationChange.Kind.MILESTONE, m.due, m.lineage)
            for m in measure.milestones.order_by("due", "id")
        ],
    )
