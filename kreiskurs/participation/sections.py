"""What participation shows on pages of apps below it (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from kreiskurs.core.sections import register_section

from .models import Comment, Idea, Phase, Process
from .selectors.reach import reach_by_group


@register_section("portal.measure", template="participation/tags/source_ideas.html", order=20)
def source_ideas(*, request: HttpRequest, district: Any, lineage: Any) -> dict[str, Any]:
    """The ideas a measure came from (accountability on the measure page)."""
    ideas = (
        Idea.objects.public()
        .filter(district=district, measure_lineage=lineage)
        .select_related("process")
        .order_by("created_at")
    )
    return {"district": district, "ideas": list(ideas)}


@register_section("manage.dashboard.participation", template="participation/tags/open_participation.html")
def open_participation(*, request: HttpRequest, district: Any) -> dict[str, Any]:
    """Running processes with what they gathered so far, and what waits for moderation (staff dashboard)."""
    now = timezone.now()
    running = Process.objects.filter(district=district).in_phase(now)
    rows = list(running.order_by("title"))
    idea_counts = dict(
        Idea.objects.filter(process__in=running)
        .values_list("process")
        .annotate(n=Count("id"))
        .values_list("process", "n")
    )
    phases = {p.process_id: p for p in Phase.objects.filter(process__in=running).running_at(now)}
    pending = sum(model.objects.filter(district=district).pending().count() for model in (Idea, Comment))
    return {
        "district": district,
        "rows": [(p, phases.get(p.pk), idea_counts.get(p.pk, 0)) for p in rows],
        "pending": pending,
    }


@register_section("manage.actor_map", template="participation/actor_map/reach.html")
def reach(*, request: HttpRequest, district: Any) -> dict[str, Any]:
    """Per actor group, which processes and events reached it and how much came from it (the actor map)."""
    return {"district": district, "reach": reach_by_group(district)}
