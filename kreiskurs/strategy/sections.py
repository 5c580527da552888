"""What the strategy contributes to the start page "Meine Aufgaben" (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kreiskurs.core.sections import register_section

from . import selectors

#: a report due within this many days is shown as a task (overdue ones always)
DUE_SOON = dt.timedelta(days=30)


@register_section("manage.tasks", template="strategy/tasks/reports.html", order=10)
def reports_due(*, request: HttpRequest, district: Any) -> dict[str, Any] | None:
    """Measure leads: their measures' overdue and soon due status reports; the strategy team: every measure's.

    Rule: shown to whoever may report on the measures listed (``strategy.report_status``)."""
    version = selectors.current_version(district)
    if version is None:
        return None
    team = request.user.has_perm("strategy.edit_strategy", district)
    lineages = None if team else selectors.measure_lead_lineages(request.user, district)
    if lineages is not None and not lineages:
        return None
    horizon = timezone.localdate() + DUE_SOON
    rows = [row for row in selectors.due_reports(version, lineages=lineages) if row.due <= horizon]
    return {"district": district, "rows": rows, "team": team}


@register_section("portal.measure", template="strategy/_living.html", order=3)
def living_measure(*, request: HttpRequest, district: Any, lineage: Any) -> dict[str, Any] | None:
    """On the public measure page: planned and current end, milestones, responsible person and budget of the
    measure as adopted (implementation updates need no new version). Shown once an implementation change
    was recorded; one query otherwise (the measure page's query budget, ``test_query_count_does_not_grow``)."""
    from .models import Measure
    from .selectors.living import changes_of, living_plan

    changes = changes_of(district, lineage)
    if not changes:
        return None
    version = selectors.current_version(district)
    measure = Measure.objects.filter(version=version, lineage=lineage).first() if version else None
    if measure is None:
        return None
    return {"plan": living_plan(measure, changes=changes)}
