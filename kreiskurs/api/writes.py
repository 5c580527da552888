"""The write API: measurements and status reports, with scoped tokens (``Authorization: Bearer kk_…``).

Unknown or revoked token → 401; a token used outside its scope (another
district, municipality or measure) → 403; an invalid payload → 422 naming the
field. Each request a token authenticates is audited (``tokens.record_use``),
whatever its outcome. The endpoints call the same services as the forms.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from pydantic import field_validator

from kreiskurs.monitoring.models import Indicator
from kreiskurs.monitoring.services import record_measurement
from kreiskurs.strategy.models import Measure
from kreiskurs.strategy.models.measures import Phase
from kreiskurs.strategy.services import record_status_report
from kreiskurs.territory.models import Municipality

from . import tokens
from .api import api
from .models import ApiToken
from .schemas import ErrorOut, ValidationErrorOut

PERIOD = r"^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$"


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return tokens.token_for(token)


#: on the API itself, not a router: a write shares its path with the read of the same list
WRITE: dict[str, Any] = {"auth": TokenAuth(), "tags": ["Schreiben (mit Schlüssel)"]}

WRITE_ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}


class _Text(Schema):
    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        """PostgreSQL stores no NUL character in text: refused here with 422, as elsewhere with 400."""
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(_("Das Zeichen NUL ist nicht erlaubt."))
        return value


class MeasurementIn(_Text):
    period: str = Field(pattern=PERIOD, description="2024, 2024-03 oder 2024-Q1")
    municipality: str | None = Field(None, pattern=r"^[0-9]{8}$", description="AGS; null für den ganzen Kreis")
    value: Decimal = Field(max_digits=18, decimal_places=4)
    source: str = Field("", max_length=300)
    note: str = Field("", max_length=500)


class MeasurementWritten(Schema):
    indicator: str
    period: str
    ags: str | None
    value: Decimal


class StatusReportIn(_Text):
    date: dt.date
    phase: Phase
    progress: int = Field(ge=0, le=100)
    text: str = Field(min_length=1, max_length=20000)
    risks: str = Field("", max_length=20000)
    next_steps: str = Field("", max_length=20000)
    spent_budget: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)


class StatusReportWritten(Schema):
    measure: str
    date: dt.date
    phase: str
    progress: int


def _refuse(request: HttpRequest, token: ApiToken, status: int, message: str) -> tuple[int, dict[str, Any]]:
    tokens.record_use(token=token, endpoint=request.path, status=status, detail=message)
    return status, {"detail": message}


def _invalid(request: HttpRequest, token: ApiToken, exc: ValidationError) -> tuple[int, dict[str, Any]]:
    problems: list[dict[str, Any]] = [
        {"loc": ["body", "payload", field], "msg": str(message), "type": "value_error"}
        for field, messages in exc.message_dict.items()
        for message in messages
    ]
    detail = "; ".join(str(p["msg"]) for p in problems)
    tokens.record_use(token=token, endpoint=request.path, status=422, detail=detail)
    return 422, {"detail": problems}


@api.post(
    "/districts/{key}/indicators/{code}/measurements/",
    **WRITE,
    response={201: MeasurementWritten, **WRITE_ERRORS},
    summary="Messwert einer Gemeinde eintragen oder berichtigen (Schlüssel für diese Gemeinde)",
)
def post_measurement(request: HttpRequest, key: str, code: str, payload: MeasurementIn) -> Any:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    if token.district.key != key or token.scope != ApiToken.Scope.MUNICIPALITY or token.municipality is None:
        return _refuse(request, token, 403, _("Der Schlüssel gilt nicht für Messwerte in diesem Kreis."))
    if payload.municipality != token.municipality.ags:
        return _refuse(request, token, 403, _("Der Schlüssel gilt nur für %(m)s.") % {"m": token.municipality.ags})
    indicator = Indicator.objects.filter(district=token.district, code=code).first()
    if indicator is None:
        return _refuse(request, token, 404, _("Indikator nicht gefunden"))
    municipality = Municipality.objects.get(pk=token.municipality.pk)
    try:
        measurement = record_measurement(
            by=token.created_by,
            indicator=indicator,
            municipality=municipality,
            period=payload.period,
            value=payload.value,
            source=payload.source,
            note=payload.note,
        )
    except ValidationError as exc:
        return _invalid(request, token, exc)
    tokens.record_use(token=token, endpoint=request.path, status=201)
    return 201, {"indicator": code, "period": measurement.period, "ags": municipality.ags, "value": payload.value}


@api.post(
    "/districts/{key}/measures/{lineage}/status-reports/",
    **WRITE,
    response={201: StatusReportWritten, **WRITE_ERRORS},
    summary="Statusbericht einer Maßnahme anhängen (Schlüssel für diese Maßnahme)",
)
def post_status_report(request: HttpRequest, key: str, lineage: uuid.UUID, payload: StatusReportIn) -> Any:
    """``lineage`` is the measure's identity (lineage), the same in every version."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    if token.district.key != key or token.scope != ApiToken.Scope.MEASURE or token.measure_lineage != lineage:
        return _refuse(request, token, 403, _("Der Schlüssel gilt nicht für diese Maßnahme."))
    measure = Measure.objects.filter(district=token.district, lineage=lineage).order_by("-version__number").first()
    if measure is None:
        return _refuse(request, token, 404, _("Maßnahme nicht gefunden"))
    try:
        report = record_status_report(
            by=token.created_by,
            measure=measure,
            date=payload.date,
            phase=payload.phase.value,
            progress=payload.progress,
            text=payload.text,
            risks=payload.risks,
            next_steps=payload.next_steps,
            spent_budget=payload.spent_budget,
        )
    except ValidationError as exc:
        return _invalid(request, token, exc)
    tokens.record_use(token=token, endpoint=request.path, status=201)
    return 201, {"measure": str(lineage), "date": report.date, "phase": report.phase, "progress": report.progress}


@api.exception_handler(NinjaValidationError)
def invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    """422 as django-ninja answers it; a request with a valid token is audited as refused."""
    token = getattr(request, "auth", None)
    if isinstance(token, ApiToken):
        fields = ", ".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors)
        tokens.record_use(token=token, endpoint=request.path, status=422, detail=fields)
    return api.create_response(request, {"detail": exc.errors}, status=422)
