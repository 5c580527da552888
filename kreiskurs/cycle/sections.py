"""What the cycle shows on pages of apps below it (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kreiskurs.core.sections import register_section

from . import graphic, selectors


def cycle_context(district: Any, plan: selectors.TimePlan) -> dict[str, Any]:
    """The context of ``cycle/_cycle.html`` and ``cycle/_next_dates.html``: the ring (SVG), its text
    equivalent and the next dates (markup built in ``graphic``)."""
    today = timezone.localdate()
    nodes = graphic.ring(plan.stages, plan.current, today)
    return {
        "district": district,
        "plan": plan,
        "ring": graphic.ring_svg(nodes, plan.current),
        "ring_items": graphic.ring_items(nodes),
        "next_dates": graphic.next_date_items(plan.next_dates),
    }


@register_section("portal.home", template="cycle/sections/home.html", order=5)
def where_we_stand(*, request: HttpRequest, district: Any) -> dict[str, Any] | None:
    """The district home: where the district stands in its cycle and the next dates (nothing before a plan)."""
    plan = selectors.time_plan(district)
    if plan.is_empty:
        return None
    return cycle_context(district, plan)
