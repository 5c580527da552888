"""Reads of events: what the public list and the iCalendar feed show."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from kreiskurs.territory.models import District

from ..models import Event, Idea


def public_events(district: District) -> QuerySet[Event]:
    """The district's events anyone may see, with target groups and the visible ideas from them (3 queries)."""
    return (
        Event.objects.public()
        .filter(district=district)
        .select_related("process")
        .prefetch_related("target_groups", Prefetch("ideas", queryset=Idea.objects.public()))
        .order_by("start", "id")
    )
