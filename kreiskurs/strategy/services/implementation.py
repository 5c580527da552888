"""Writes on the implementation of measures: status reports (append-only) and milestones reached."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kreiskurs.audit.services import record_change

from ..models import Measure, Milestone, MilestoneCompletion, StatusReport


@transaction.atomic
def record_status_report(
    *,
    by: Any,
    measure: Measure,
    date: dt.date,
    phase: str,
    progress: int,
    text: str,
    risks: str = "",
    next_steps: str = "",
    spent_budget: Decimal | None = None,
) -> StatusReport:
    """Append a status report to a measure's timeline (any version's row names the measure).

    Reports are never edited: a correction is a new report, so the timeline
    stays a faithful record of what was said when.
    """
    if date > timezone.localdate():
        raise ValidationError({"date": "Ein Statusbericht kann nicht in der Zukunft liegen."})
    report = StatusReport(
        district=measure.district,
        measure_lineage=measure.lineage,
        date=date,
        phase=phase,
        progress=progress,
        text=text,
        risks=risks,
        next_steps=next_steps,
        spent_budget=spent_budget,
        author=by if getattr(by, "is_authenticated", False) else None,
    )
    report.full_clean()
    report.save()
    record_change(
        by=by,
        district=measure.district,
        action="status_report",
        obj=measure,
        changes={"phase": ("", report.get_phase_display()), "progress": ("", f"{progress} %")},
    )
    return report


@transaction.atomic
def record_milestone_done(*, by: Any, milestone: Milestone, done_on: dt.date | None) -> MilestoneCompletion | None:
    """Mark a milestone as reached on ``done_on`` (or, with None, as not reached after all).

    Works in every version, the adopted one included: the completion belongs
    to the milestone's identity, so it shows in later revisions too.
    """
    if done_on is not None and done_on > timezone.localdate():
        raise ValidationError({"done_on": "Ein Meilenstein kann nicht in der Zukunft erreicht werden."})
    current = MilestoneCompletion.objects.select_for_update().filter(milestone_lineage=milestone.lineage).first()
    old = current.done_on if current else milestone.done_on
    if done_on is None:
        if current:
            current.delete()
        completion = None
    else:
        completion = current or MilestoneCompletion(district=milestone.district, milestone_lineage=milestone.lineage)
        completion.done_on = done_on
        completion.author = by if getattr(by, "is_authenticated", False) else None
        completion.full_clean()
        completion.save()
    if old != done_on:
        record_change(
            by=by,
            district=milestone.district,
            action="milestone",
            obj=milestone.measure,
            changes={f"Meilenstein {milestone.title}": (old, done_on)},
        )
    return completion
