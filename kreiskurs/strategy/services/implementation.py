"""Writes on the implementation of measures: status reports (append-only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kreiskurs.audit.services import record_change

from ..models import Measure, StatusReport


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
