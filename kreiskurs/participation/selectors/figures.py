"""Participation in figures for a period (the evaluation report shows them through a template tag)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum
from django.utils import timezone

from kreiskurs.territory.models import District

from ..models import Comment, Event, Idea, Process, StatementVote, SurveyResponse


def participation_figures(district: District, start: dt.date, end: dt.date) -> dict[str, int]:
    """Published processes with a phase in the period, the people who took part, public contributions,
    votes, survey responses and public events in it (a fixed number of queries)."""
    processes = (
        Process.objects.published()
        .filter(district=district, phases__start__date__lte=end, phases__end__date__gte=start)
        .distinct()
    )
    # an aware datetime range on the column itself: no per-row date cast (on SQLite a Python call per row)
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    in_period = {"created_at__gte": since, "created_at__lt": until}
    ideas = Idea.objects.public().filter(process__in=processes, **in_period)
    comments = Comment.objects.public().filter(process__in=processes, **in_period)
    votes = StatementVote.objects.filter(statement__process__in=processes, voted_at__gte=since, voted_at__lt=until)
    responses = SurveyResponse.objects.filter(
        survey__process__in=processes, submitted_at__gte=since, submitted_at__lt=until
    )
    events = Event.objects.public().filter(district=district, start__gte=since, start__lt=until)
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
