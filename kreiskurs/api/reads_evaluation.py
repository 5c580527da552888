"""Published evaluation reports: the round, its findings and each element's rating (by identity)."""

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Schema
from ninja.pagination import paginate

from kreiskurs.evaluation.models import Assessment, EvaluationRound
from kreiskurs.evaluation.selectors import rounds_of

from .api import INVALID, MISSING, REFUSED, _district, _Mapped, api
from .pagination import LinkPagination


class AssessmentOut(Schema):
    kind: str
    id: str
    rating: str
    rationale: str


class EvaluationOut(Schema):
    id: int
    title: str
    version: int
    period_start: dt.date
    period_end: dt.date
    published_at: dt.datetime | None
    findings: str
    assessments: list[AssessmentOut]


def _round_dict(r: EvaluationRound) -> dict[str, Any]:
    return {
        "id": r.pk,
        "title": r.title,
        "version": r.version.number,
        "period_start": r.period_start,
        "period_end": r.period_end,
        "published_at": r.published_at,
        "findings": r.findings,
        "assessments": [
            {"kind": a.kind, "id": str(a.lineage), "rating": a.rating, "rationale": a.rationale}
            for a in r.assessments.all()
        ],
    }


@api.get(
    "/districts/{key}/evaluations/",
    response={200: list[EvaluationOut], **REFUSED, **MISSING, **INVALID},
    tags=["Evaluation"],
    summary="Veröffentlichte Evaluationsberichte mit den Bewertungen je Element (Filter: Version)",
)
@paginate(LinkPagination)
def list_evaluations(request: HttpRequest, key: str, version: int | None = None) -> Any:
    """Open rounds never appear: only what the district published."""
    qs = (
        rounds_of(_district(key), published_only=True)
        .prefetch_related(Prefetch("assessments", queryset=Assessment.objects.order_by("kind", "lineage")))
        .order_by("-period_end", "-id")
    )
    if version is not None:
        qs = qs.filter(version__number=version)
    return _Mapped(qs, _round_dict)
