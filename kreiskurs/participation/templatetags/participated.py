"""Participation shown on other apps' pages (portal, dashboard, evaluation), which must not import this app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.db.models import Q, Sum
from django.utils import timezone

from ..models import Comment, Event, Idea, Process, StatementVote, SurveyResponse, Visibility

register = template.Library()


@register.inclusion_tag("participation/tags/figures.html")
def participation_figures(district: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Participation in a period (for the evaluation report): processes, people, contributions, events."""
    processes = Process.objects.filter(
        district=district, published=True, phases__start__date__lte=end, phases__end__date__gte=start
    ).distinct()
    # an aware datetime range on the column itself: no per-row date cast (on SQLite a Python call per row)
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    in_period = {"created_at__gte": since, "created_at__lt": until}
    ideas = Idea.objects.filter(process__in=processes, visibility=Visibility.VISIBLE, **in_period)
    comments = Comment.objects.filter(process__in=processes, visibility=Visibility.VISIBLE, **in_period)
    votes = StatementVote.objects.filter(statement__process__in=processes, voted_at__gte=since, voted_at__lt=until)
    responses = SurveyResponse.objects.filter(
        survey__process__in=processes, submitted_at__gte=since, submitted_at__lt=until
    )
    events = Event.objects.filter(district=district, start__gte=since, start__lt=until).filter(
        Q(process__isnull=True) | Q(process__published=True)
    )
    # distinct people counted by the database (UNION removes duplicates), not in a Python set
    people = (
        ideas.exclude(author=None)
        .values_list("author", flat=True)
        .order_by()
        .union(
            comments.exclude(author=None).values_list("author", flat=True).order_by(),
            votes.values_list("participant", flat=True).order_by(),
            responses.exclude(participant=None).values_list("participant", flat=True).order_by(),
        )
        .count()
    )
    return {
        "figures": {
            "processes": processes.count(),
            "people": people,
            "ideas": ideas.count(),
            "taken": ideas.filter(status="taken").count(),
            "comments": comments.count(),
            "votes": votes.count(),
            "responses": responses.count(),
            "events": events.count(),
            "attendees": events.aggregate(n=Sum("attendees"))["n"] or 0,
        }
    }
