"""Reads of the strategy's elements, its implementation and participation, all published, all paginated.

Elements come from the current (adopted) version, or from any public version
with ``?version=N``; never from a draft (the visitor is treated as anonymous
whoever calls). Each list has its filters and a bounded number of queries
per page (``tests/test_read_api.py``).
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import paginate

from kreiskurs.initiatives.models import InitiativeLink, LocalInitiative
from kreiskurs.participation.models import Comment, Event, Idea, Process
from kreiskurs.strategy import selectors
from kreiskurs.strategy.models import FieldOfAction, Goal, Measure, StatusReport, StrategyVersion

from .api import INVALID, MISSING, REFUSED, _district, _Mapped, api
from .pagination import LinkPagination

#: a row id as a filter: bounded, so that the database is never asked about a number it cannot hold (422 instead)
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]


class ElementOut(Schema):
    id: str
    code: str
    title: str
    description: str


class GoalRowOut(ElementOut):
    parent: str | None
    field: str | None


class MeasureRowOut(Schema):
    id: str
    code: str
    title: str
    summary: str
    phase: str
    current_phase: str
    progress: int | None
    last_report: dt.date | None
    priority: str
    measure_type: str
    lead_unit: str
    start: dt.date | None
    end: dt.date | None
    estimated_cost: Decimal | None
    fields: list[str]
    goals: list[str]
    municipalities: list[str]


class StatusReportOut(Schema):
    date: dt.date
    phase: str
    progress: int
    text: str
    risks: str
    next_steps: str
    spent_budget: Decimal | None


class EventOut(Schema):
    uid: str
    title: str
    description: str
    start: dt.datetime
    end: dt.datetime
    place: str
    online_url: str
    process: int | None


class IdeaOut(Schema):
    id: int
    title: str
    text: str
    status: str
    municipality: str | None
    created_at: dt.datetime
    supports: int
    comments: int


def _version(key: str, number: int | None) -> StrategyVersion:
    """The current version, or public version ``number``: what an anonymous visitor may read."""
    return selectors.version_for(_district(key), AnonymousUser(), number)


def _element(e: Any) -> dict[str, Any]:
    return {"id": str(e.lineage), "code": e.code, "title": e.title, "description": e.description}


@api.get(
    "/districts/{key}/fields/",
    response={200: list[ElementOut], **REFUSED, **MISSING, **INVALID},
    tags=["Strategie"],
    summary="Handlungsfelder der geltenden oder einer veröffentlichten Version",
)
@paginate(LinkPagination)
def list_fields(request: HttpRequest, key: str, version: int | None = None) -> Any:
    qs = FieldOfAction.objects.filter(version=_version(key, version)).order_by("position", "code")
    return _Mapped(qs, _element)


@api.get(
    "/districts/{key}/goals/",
    response={200: list[GoalRowOut], **REFUSED, **MISSING, **INVALID},
    tags=["Strategie"],
    summary="Ziele (Filter: Handlungsfeld, Oberziel)",
)
@paginate(LinkPagination)
def list_goals(
    request: HttpRequest, key: str, version: int | None = None, field: str | None = None, parent: str | None = None
) -> Any:
    qs = (
        Goal.objects.filter(version=_version(key, version))
        .select_related("parent", "field")
        .order_by("position", "code")
    )
    if field:
        qs = qs.filter(field__code=field)
    if parent:
        qs = qs.filter(parent__code=parent)
    return _Mapped(
        qs,
        lambda g: {
            **_element(g),
            "parent": g.parent.code if g.parent else None,
            "field": g.field.code if g.field else None,
        },
    )


def _measure_dict(m: Measure) -> dict[str, Any]:
    return {
        "id": str(m.lineage),
        "code": m.code,
        "title": m.title,
        "summary": m.summary,
        "phase": m.phase,
        "current_phase": m.current_phase,  # type: ignore[attr-defined]
        "progress": m.current_progress,  # type: ignore[attr-defined]
        "last_report": m.last_report,  # type: ignore[attr-defined]
        "priority": m.priority,
        "measure_type": m.measure_type,
        "lead_unit": m.lead_unit,
        "start": m.start,
        "end": m.end,
        "estimated_cost": m.estimated_cost,
        "fields": [f.code for f in m.fields_of_action.all()],
        "goals": [g.code for g in m.goals.all()],
        "municipalities": [p.municipality.ags for p in m.participations.all()],
    }


@api.get(
    "/districts/{key}/measures/",
    response={200: list[MeasureRowOut], **REFUSED, **MISSING, **INVALID},
    tags=["Umsetzung"],
    summary="Maßnahmen mit Umsetzungsstand (Filter: Handlungsfeld, Ziel, Phase, Priorität, Gemeinde)",
)
@paginate(LinkPagination)
def list_measures(
    request: HttpRequest,
    key: str,
    version: int | None = None,
    field: str | None = None,
    goal: str | None = None,
    phase: str | None = None,
    priority: str | None = None,
    municipality: str | None = None,
) -> Any:
    """``phase`` filters by the current phase (from the latest status report, else the planned one)."""
    qs: QuerySet[Measure] = selectors.with_implementation(Measure.objects.filter(version=_version(key, version)))
    if field:
        qs = qs.filter(fields_of_action__code=field)
    if goal:
        qs = qs.filter(goals__code=goal)
    if phase:
        qs = qs.filter(**{"current_phase": phase})  # the annotation of with_implementation
    if priority:
        qs = qs.filter(priority=priority)
    if municipality:
        qs = qs.filter(participations__municipality__ags=municipality)
    qs = qs.prefetch_related(
        Prefetch("fields_of_action", queryset=FieldOfAction.objects.order_by("position", "code")),
        Prefetch("goals", queryset=Goal.objects.order_by("position", "code")),
        "participations__municipality",
    ).order_by("code", "id")
    return _Mapped(qs.distinct(), _measure_dict)


@api.get(
    "/districts/{key}/measures/{lineage}/status-reports/",
    response={200: list[StatusReportOut], **REFUSED, **MISSING, **INVALID},
    tags=["Umsetzung"],
    summary="Statusberichte einer Maßnahme, neueste zuerst (Filter: seit)",
)
@paginate(LinkPagination)
def list_status_reports(request: HttpRequest, key: str, lineage: UUID, since: dt.date | None = None) -> Any:
    district = _district(key)
    published = Measure.objects.filter(district=district, lineage=lineage, version__in=StrategyVersion.objects.public())
    if not published.exists():
        raise Http404(_("Maßnahme nicht gefunden"))
    qs = StatusReport.objects.filter(district=district, measure_lineage=lineage).order_by("-date", "-id")
    if since:
        qs = qs.filter(date__gte=since)
    return qs.values("date", "phase", "progress", "text", "risks", "next_steps", "spent_budget")


@api.get(
    "/districts/{key}/events/",
    response={200: list[EventOut], **REFUSED, **MISSING, **INVALID},
    tags=["Beteiligung"],
    summary="Termine (Filter: nur kommende, Verfahren)",
)
@paginate(LinkPagination)
def list_events(request: HttpRequest, key: str, upcoming: bool = False, process: Id | None = None) -> Any:
    qs = Event.objects.public().filter(district=_district(key)).order_by("start", "id")
    if upcoming:
        qs = qs.filter(end__gte=timezone.now())
    if process is not None:
        qs = qs.filter(process_id=process)
    return _Mapped(
        qs,
        lambda e: {
            "uid": str(e.uid),
            "title": e.title,
            "description": e.description,
            "start": e.start,
            "end": e.end,
            "place": e.place,
            "online_url": e.online_url,
            "process": e.process_id,
        },
    )


@api.get(
    "/processes/{process_id}/ideas/",
    response={200: list[IdeaOut], **REFUSED, **MISSING, **INVALID},
    tags=["Beteiligung"],
    summary="Freigegebene Ideen eines veröffentlichten Verfahrens (Filter: Status)",
)
@paginate(LinkPagination)
def list_ideas(request: HttpRequest, process_id: int, status: str | None = None) -> Any:
    process = Process.objects.published().filter(pk=process_id).first()
    if process is None:
        raise Http404(_("Verfahren nicht gefunden"))
    released = Comment.objects.public().filter(idea=OuterRef("pk")).order_by().values("idea")
    qs = (
        Idea.objects.public()
        .filter(process=process)
        .select_related("municipality")
        .annotate(
            support_count=Count("supports", distinct=True),
            comment_count=Coalesce(Subquery(released.annotate(n=Count("id")).values("n")[:1]), 0),
        )
        .order_by("-created_at", "-id")
    )
    if status:
        qs = qs.filter(status=status)
    return _Mapped(
        qs,
        lambda i: {
            "id": i.pk,
            "title": i.title,
            "text": i.text,
            "status": i.status,
            "municipality": i.municipality.ags if i.municipality else None,
            "created_at": i.created_at,
            "supports": i.support_count,
            "comments": i.comment_count,
        },
    )


class CommentOut(Schema):
    id: int
    idea: int | None
    paragraph: str
    parent: int | None
    text: str
    created_at: dt.datetime


@api.get(
    "/processes/{process_id}/comments/",
    response={200: list[CommentOut], **REFUSED, **MISSING, **INVALID},
    tags=["Beteiligung"],
    summary="Freigegebene Kommentare eines veröffentlichten Verfahrens (Filter: Idee, Absatz des Entwurfs)",
)
@paginate(LinkPagination)
def list_comments(request: HttpRequest, process_id: int, idea: Id | None = None, paragraph: str | None = None) -> Any:
    """Comments on ideas only where the idea itself is released."""
    process = Process.objects.published().filter(pk=process_id).first()
    if process is None:
        raise Http404(_("Verfahren nicht gefunden"))
    qs = (
        Comment.objects.public()
        .filter(process=process)
        .filter(Q(idea__isnull=True) | Q(idea__in=Idea.objects.public()))
        .order_by("created_at", "id")
    )
    if idea is not None:
        qs = qs.filter(idea_id=idea)
    if paragraph:
        qs = qs.filter(paragraph=paragraph)
    return _Mapped(
        qs,
        lambda c: {
            "id": c.pk,
            "idea": c.idea_id,
            "paragraph": c.paragraph,
            "parent": c.parent_id,
            "text": c.text,
            "created_at": c.created_at,
        },
    )


class InitiativeOut(Schema):
    id: int
    municipality: str
    title: str
    description: str
    status: str
    contact: str
    link: str
    goals: list[str]
    fields: list[str]
    updated_at: dt.datetime


def _initiative_dict(i: LocalInitiative) -> dict[str, Any]:
    links = list(i.links.all())
    return {
        "id": i.pk,
        "municipality": i.municipality.ags,
        "title": i.title,
        "description": i.description,
        "status": i.status,
        "contact": i.contact,
        "link": i.link,
        "goals": [str(link.lineage) for link in links if link.kind == "goal"],
        "fields": [str(link.lineage) for link in links if link.kind == "field"],
        "updated_at": i.updated_at,
    }


@api.get(
    "/districts/{key}/initiatives/",
    response={200: list[InitiativeOut], **REFUSED, **MISSING, **INVALID},
    tags=["Gemeinden"],
    summary="Kommunale Ansätze mit Zuordnung zu Zielen und Handlungsfeldern (Identität; Filter: Gemeinde, Stand)",
)
@paginate(LinkPagination)
def list_initiatives(request: HttpRequest, key: str, municipality: str | None = None, status: str | None = None) -> Any:
    qs = (
        LocalInitiative.objects.filter(district=_district(key))
        .select_related("municipality")
        .prefetch_related(Prefetch("links", queryset=InitiativeLink.objects.order_by("lineage")))
        .order_by("municipality__ags", "title", "id")
    )
    if municipality:
        qs = qs.filter(municipality__ags=municipality)
    if status:
        qs = qs.filter(status=status)
    return _Mapped(qs, _initiative_dict)
