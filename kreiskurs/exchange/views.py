"""Downloads for everyone: the exchange document, tables, the DCAT-AP.de catalogue and the JSON Schema.

What a visitor may download is what they may read: versions through
``strategy.selectors.version_for`` (drafts only for members of the district).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kreiskurs.strategy.selectors import version_for
from kreiskurs.territory.models import District

from . import dcat, tables
from .document import SCHEMA_PATH, dumps, export_version

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _district(slug: str) -> District:
    district = District.objects.filter(slug=slug).first()
    if district is None:
        raise Http404(_("Kreis nicht gefunden"))
    return district


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def schema(request: HttpRequest) -> HttpResponse:
    return HttpResponse(SCHEMA_PATH.read_bytes(), content_type="application/schema+json")


@require_safe
def strategy_json(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    district = _district(slug)
    version = version_for(district, request.user, number)
    return _download(
        dumps(export_version(version)), "application/json", f"{district.slug}-strategie-{version.number}.json"
    )


@require_safe
def table(request: HttpRequest, slug: str, name: str, fmt: str) -> HttpResponse:
    """``?version=N`` as on the portal's pages; without it the current (adopted) version."""
    if name not in tables.TABLES or fmt not in ("csv", "xlsx"):
        raise Http404(_("Keine solche Tabelle"))
    district = _district(slug)
    version = version_for(district, request.user, request.GET.get("version"))
    rows = tables.TABLES[name](export_version(version))
    filename = f"{district.slug}-{name}-v{version.number}.{fmt}"
    if fmt == "csv":
        return _download(tables.as_csv(rows), "text/csv; charset=utf-8", filename)
    return _download(tables.as_xlsx(rows, name), XLSX, filename)


@require_safe
def catalogue(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    district = _district(slug)
    exports = dcat.exports_of(district)
    if not exports:
        raise Http404(_("Der Kreis hat noch keine veröffentlichten Daten"))
    base = request.build_absolute_uri("/").rstrip("/")
    data, content_type = dcat.serialise(dcat.catalogue(district, exports, base), fmt)
    return HttpResponse(data, content_type=content_type)
