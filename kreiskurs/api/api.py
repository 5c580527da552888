"""The read-only JSON API /api/v1/. Only published data appears here."""

import datetime as dt
from functools import partial
from typing import Any, Literal

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.pagination import paginate

from kreiskurs.collation import natural
from kreiskurs.monitoring import selectors as monitoring_selectors
from kreiskurs.monitoring.models import Indicator
from kreiskurs.participation.models import Phase, Process
from kreiskurs.participation.selectors import consideration as consideration_reads
from kreiskurs.participation.selectors.phases import with_phases
from kreiskurs.participation.selectors.statements import (
    counts_public,
    counts_public_from,
    public_statement_list,
)
from kreiskurs.prepared import Prepared
from kreiskurs.strategy import selectors
from kreiskurs.strategy.models import Adoption, StrategyVersion
from kreiskurs.territory.models import District, Municipality
from kreiskurs.territory.selectors import district_by_key

from . import serializers
from .pagination import LinkPagination
from .schemas import (
    ConsiderationOut,
    DistrictOut,
    ErrorOut,
    IndicatorOut,
    MeasurementOut,
    MunicipalityOut,
    ProcessOut,
    StatementOut,
    StrategyOut,
    ValidationErrorOut,
    VersionOut,
)

# The error answers each endpoint documents (schemathesis checks that no other status appears):
# 400 for a NUL byte anywhere in the request (``RefuseNulMiddleware``), 404 for a key, code or id
# that names nothing published, 422 for a parameter of the wrong type or out of range.
REFUSED: dict[int, Any] = {400: ErrorOut}
MISSING: dict[int, Any] = {404: ErrorOut}
INVALID: dict[int, Any] = {422: ValidationErrorOut}

api = NinjaAPI(
    title="Kreiskurs API",
    version="1",
    description=(
        "Offene, lesende Schnittstelle der Digitalstrategien: Kreise, Gemeinden (GV100AD), "
        "beschlossene Strategieversionen mit Leitbild, Werten, Zielen, Handlungsfeldern und Maßnahmen, "
        "veröffentlichte Beteiligungsverfahren mit ihren Thesen und Stimmen. "
        "Unveröffentlichte Entwürfe erscheinen nie."
    ),
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
)


def _district(key: str) -> District:
    district = district_by_key(key)
    if district is None:
        raise Http404(_("Kreis nicht gefunden"))
    return district


def _published_ids() -> set[int]:
    return set(selectors.districts_with_published_strategy().values_list("pk", flat=True))


@api.get(
    "/districts/",
    response={200: list[DistrictOut], **REFUSED, **INVALID},
    tags=["Gebiete"],
    summary="Alle importierten Kreise",
)
@paginate(LinkPagination)
def list_districts(request: HttpRequest) -> Any:
    published = _published_ids()
    return _Mapped(District.objects.order_by("key"), lambda d: serializers.district_dict(d, published))


@api.get("/districts/{key}/", response={200: DistrictOut, **REFUSED, **MISSING}, tags=["Gebiete"], summary="Ein Kreis")
def get_district(request: HttpRequest, key: str) -> Any:
    return serializers.district_dict(_district(key), _published_ids())


@api.get(
    "/districts/{key}/municipalities/",
    response={200: list[MunicipalityOut], **REFUSED, **MISSING, **INVALID},
    tags=["Gebiete"],
    summary="Gemeinden eines Kreises",
)
@paginate(LinkPagination)
def list_municipalities(request: HttpRequest, key: str, association: str | None = None) -> Any:
    """``association``: the key of a Verbandsgemeinde/Amt (``association_key``), its member municipalities."""
    district = _district(key)
    qs = Municipality.objects.filter(district=district).municipalities().select_related("association").order_by("ags")
    if association:
        qs = qs.filter(association__key=association)
    return _Mapped(qs, serializers.municipality_dict)


@api.get(
    "/districts/{key}/unincorporated-areas/",
    response={200: list[MunicipalityOut], **REFUSED, **MISSING, **INVALID},
    tags=["Gebiete"],
    summary="Gemeindefreie Gebiete eines Kreises (Gemeindetyp 65/66; nicht unter den Gemeinden)",
)
@paginate(LinkPagination)
def list_unincorporated_areas(request: HttpRequest, key: str) -> Any:
    district = _district(key)
    qs = Municipality.objects.filter(district=district).unincorporated().select_related("association").order_by("ags")
    return _Mapped(qs, serializers.municipality_dict)


@api.get(
    "/districts/{key}/strategy/",
    response={200: StrategyOut, **REFUSED, **MISSING},
    tags=["Strategie"],
    summary="Geltende (zuletzt beschlossene) Fassung",
)
def get_strategy(request: HttpRequest, key: str) -> Any:
    document = serializers.current_strategy_json(_district(key))
    if document is None:
        raise Http404(_("Keine beschlossene Strategie"))
    # Pre-rendered bytes (shape: StrategyOut, tested against the schema).
    return HttpResponse(document, content_type="application/json")


@api.get(
    "/districts/{key}/strategy/versions/",
    response={200: list[VersionOut], **REFUSED, **MISSING, **INVALID},
    tags=["Strategie"],
    summary="Veröffentlichte Versionen mit Beschlüssen (Filter: Stand)",
)
@paginate(LinkPagination)
def list_versions(request: HttpRequest, key: str, state: str | None = None) -> Any:
    """``state``: consultation, adopted or superseded (a draft is never public)."""
    district = _district(key)
    qs = (
        StrategyVersion.objects.public()
        .filter(district=district)
        .select_related("based_on")
        .prefetch_related(Prefetch("adoptions", queryset=Adoption.objects.select_related("municipality")))
        .order_by("-number")
    )
    if state:
        qs = qs.filter(state=state)
    return _Mapped(qs, serializers.version_dict)


class _Mapped:
    """A queryset that the paginator slices and counts, mapped row by row to dicts."""

    def __init__(self, queryset: Any, fn: Any) -> None:
        self.queryset = queryset
        self.fn = fn

    def all(self) -> Any:
        return self.queryset

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [self.fn(row) for row in self.queryset[item]]


class _MappedPage(_Mapped):
    """Like ``_Mapped``, but ``fn`` turns the whole page at once (one query for all its rows' figures)."""

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return list(self.fn(list(self.queryset[item])))


@api.get(
    "/districts/{key}/indicators/",
    response={200: list[IndicatorOut], **REFUSED, **MISSING, **INVALID},
    tags=["Monitoring"],
    summary="Indikatoren mit Ausgangs-, Ziel- und letztem Wert (ganzer Kreis; Filter: Ebene, Bezug)",
)
@paginate(LinkPagination)
def list_indicators(request: HttpRequest, key: str, level: str | None = None, scope: str | None = None) -> Any:
    """``level``: strategy or measure; ``scope``: district (one value for the district) or municipality."""
    qs = monitoring_selectors.indicators_of(_district(key)).order_by(natural("code"))
    if level:
        qs = qs.filter(level=level)
    if scope:
        qs = qs.filter(scope=scope)
    return qs


@api.get(
    "/districts/{key}/indicators/{code}/measurements/",
    response={200: list[MeasurementOut], **REFUSED, **MISSING, **INVALID},
    tags=["Monitoring"],
    summary="Messwerte eines Indikators (Kreis und Gemeinden; Filter: Gemeinde, seit)",
)
@paginate(LinkPagination)
def list_measurements(
    request: HttpRequest, key: str, code: str, municipality: str | None = None, since: dt.date | None = None
) -> Any:
    """``municipality``: an AGS, or ``kreis`` for the district-wide values;
    ``since``: the periods that start on that day or later."""
    indicator = Indicator.objects.filter(district=_district(key), code=code).first()
    if indicator is None:
        raise Http404(_("Indikator nicht gefunden"))
    qs = monitoring_selectors.measurements_of(indicator)
    if municipality == "kreis":
        qs = qs.filter(municipality__isnull=True)
    elif municipality:
        qs = qs.filter(municipality__ags=municipality)
    if since:
        qs = qs.filter(period_start__gte=since)
    return _Mapped(qs, serializers.measurement_dict)


@api.get(
    "/districts/{key}/processes/",
    response={200: list[ProcessOut], **REFUSED, **MISSING, **INVALID},
    tags=["Beteiligung"],
    summary="Veröffentlichte Beteiligungsverfahren eines Kreises mit ihren Phasen (Filter: Stand)",
)
@paginate(LinkPagination)
def list_processes(
    request: HttpRequest, key: str, state: Literal["upcoming", "running", "closed"] | None = None
) -> Any:
    """``state`` from the phases' dates now, as each process's ``state`` says."""
    qs = (
        Process.objects.published()
        .filter(district=_district(key))
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("start", "id")))
        .order_by("-created_at", "-id")
    )
    if state == "upcoming":
        qs = qs.upcoming()
    elif state == "running":
        qs = qs.running()
    elif state == "closed":
        qs = qs.closed()
    return _Mapped(qs, serializers.process_dict)


@api.get(
    "/processes/{process_id}/statements/",
    response={200: list[StatementOut], **REFUSED, **MISSING, **INVALID},
    by_alias=True,
    tags=["Beteiligung"],
    summary="Thesen eines veröffentlichten Verfahrens mit Zustimmung, Ablehnung und Enthaltungen",
)
@paginate(LinkPagination)
def list_statements(request: HttpRequest, process_id: int) -> Any:
    """Ausgeblendete und noch nicht freigegebene Thesen erscheinen nicht. Solange abgestimmt werden kann,
    sind ``agree``, ``disagree`` und ``pass`` ``null`` (wie in Polis: die Zahlen einer These sieht man erst
    nach der eigenen Stimme, sie sollen die übrigen Stimmen nicht lenken); ab ``counts_public_from``, dem Ende
    der letzten Abstimmungsphase, sind sie offen."""
    process = _PUBLISHED.first(pk=process_id) if 0 < process_id < 2**63 else None
    if process is None:
        raise Http404(_("Verfahren nicht gefunden"))
    with_phases([process])
    opens, public = counts_public_from(process), counts_public(process)
    rows = public_statement_list(process)
    return _MappedPage(rows, partial(serializers.statement_dicts, opens=opens, public=public))


_PUBLISHED = Prepared(lambda pk: Process.objects.published().filter(pk=pk), pk=int)


@api.get(
    "/processes/{process_id}/consideration/",
    response={200: ConsiderationOut, **REFUSED, **MISSING, **INVALID},
    tags=["Beteiligung"],
    summary="Abwägung eines veröffentlichten Verfahrens: jeder Beitrag mit Entscheidung und Begründung",
)
def get_consideration(request: HttpRequest, process_id: int) -> Any:
    """Ausgeblendete und noch nicht freigegebene Beiträge erscheinen nicht; ausgeblendete werden nur gezählt."""
    process = Process.objects.published().select_related("district", "version").filter(pk=process_id).first()
    if process is None:
        raise Http404(_("Verfahren nicht gefunden"))
    return serializers.consideration_dict(
        process, consideration_reads.consideration_table(process), consideration_reads.hidden_count(process)
    )
