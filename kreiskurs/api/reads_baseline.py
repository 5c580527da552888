"""The baseline (Ausgangslage) of a version: its sections and its SWOT findings, each a paginated list.

The same rows the strategy document carries under ``baseline`` and ``swot``, from
the current version or any public one (``?version=N``), never from a draft.
"""

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Schema
from ninja.pagination import paginate

from kreiskurs.strategy.models import BaselineSection, FieldOfAction, Goal, SwotItem

from .api import INVALID, MISSING, REFUSED, _Mapped, api
from .pagination import LinkPagination
from .reads import _version


class BaselineSectionRowOut(Schema):
    id: str
    title: str
    text: str
    field: str | None


class SwotRowOut(Schema):
    id: str
    kind: str
    kind_label: str
    text: str
    explanation: str
    fields: list[str]
    goals: list[str]


@api.get(
    "/districts/{key}/baseline/",
    response={200: list[BaselineSectionRowOut], **REFUSED, **MISSING, **INVALID},
    tags=["Strategie"],
    summary="Ausgangslage: Abschnitte der geltenden oder einer veröffentlichten Version (Filter: Handlungsfeld)",
)
@paginate(LinkPagination)
def list_baseline(request: HttpRequest, key: str, version: int | None = None, field: str | None = None) -> Any:
    """``text`` is Markdown, as written; ``field`` the code of the field of action the section belongs to."""
    qs = (
        BaselineSection.objects.filter(version=_version(key, version))
        .select_related("field")
        .order_by("position", "id")
    )
    if field:
        qs = qs.filter(field__code=field)
    return _Mapped(
        qs,
        lambda s: {
            "id": str(s.lineage),
            "title": s.title,
            "text": s.text,
            "field": s.field.code if s.field else None,
        },
    )


@api.get(
    "/districts/{key}/swot/",
    response={200: list[SwotRowOut], **REFUSED, **MISSING, **INVALID},
    tags=["Strategie"],
    summary="Ausgangslage: SWOT-Befunde mit Handlungsfeldern und den Zielen, die sie beantworten (Filter: Art, Feld)",
)
@paginate(LinkPagination)
def list_swot(
    request: HttpRequest, key: str, version: int | None = None, kind: str | None = None, field: str | None = None
) -> Any:
    """``kind``: strength, weakness, opportunity or threat; ``field``: a field of action's code."""
    qs = (
        SwotItem.objects.filter(version=_version(key, version))
        .prefetch_related(
            Prefetch("fields_of_action", queryset=FieldOfAction.objects.order_by("code")),
            Prefetch("goals", queryset=Goal.objects.order_by("code")),
        )
        .order_by("position", "id")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if field:
        qs = qs.filter(fields_of_action__code=field).distinct()
    return _Mapped(
        qs,
        lambda i: {
            "id": str(i.lineage),
            "kind": i.kind,
            "kind_label": i.get_kind_display(),
            "text": i.text,
            "explanation": i.explanation,
            "fields": [f.code for f in i.fields_of_action.all()],
            "goals": [g.code for g in i.goals.all()],
        },
    )
