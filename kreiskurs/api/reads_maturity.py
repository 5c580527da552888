"""The published aggregate of digital maturity: the newest closed round, no municipality recognisable."""

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema

from kreiskurs.maturity.selectors.public import public_summary

from .api import MISSING, REFUSED, _district, api


class MaturityDimensionOut(Schema):
    code: str
    title: str
    median: float | None
    bands: list[int] | None
    weak: int


class MaturityOut(Schema):
    round: str
    submitted: int
    municipalities: int
    population_share: float | None
    too_few: bool
    overall_median: float | None
    dimensions: list[MaturityDimensionOut]


@api.get(
    "/districts/{key}/maturity/",
    response={200: MaturityOut, **REFUSED, **MISSING},
    tags=["Digitale Reife"],
    summary="Digitale Reife der Gemeinden als veröffentlichte Zusammenfassung (Mediane, Verteilung)",
)
def get_maturity(request: HttpRequest, key: str) -> Any:
    """The same figures as the public page: every one covers at least three municipalities."""
    summary = public_summary(_district(key))
    if summary is None:
        raise Http404(_("Keine abgeschlossene Runde"))
    return {
        "round": summary.round.title,
        "submitted": summary.submitted,
        "municipalities": summary.municipalities,
        "population_share": summary.population_share,
        "too_few": summary.too_few,
        "overall_median": summary.overall.score,
        "dimensions": [
            {
                "code": row.dimension.code,
                "title": row.dimension.title,
                "median": row.median.score,
                "bands": row.bands,
                "weak": row.weak,
            }
            for row in summary.rows
        ],
    }
