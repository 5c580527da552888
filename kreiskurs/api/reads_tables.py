"""Measures, indicators and measurements as CSV and XLSX files: the open-data tables of ``exchange``.

The same bytes as the downloads on the portal's list pages (``/<slug>/daten/<table>.<fmt>``),
cut from the exchange document of the current version or of a public one (``?version=N``).
"""

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Path

from kreiskurs.exchange import tables
from kreiskurs.exchange.document import export_version

from .api import INVALID, MISSING, REFUSED, api
from .reads import _version

Table = Literal["measures", "indicators", "measurements"]

#: the API's English names for the exchange's tables (whose names are the German file names)
NAMES: dict[str, str] = {"measures": "massnahmen", "indicators": "indikatoren", "measurements": "messwerte"}

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_DESCRIPTION = (
    "Spalten mit den Feldnamen des Austauschformats; Listen mit „; “ verbunden. "
    "measures: eine Zeile je Maßnahme; indicators: je Indikator; measurements: je Messwert (Spalte indicator)."
)


def _file(content_type: str) -> dict[str, Any]:
    """The OpenAPI answer 200 of a file download (not JSON)."""
    media = content_type.split(";")[0]
    return {
        "responses": {
            200: {
                "description": _DESCRIPTION,
                "content": {media: {"schema": {"type": "string", "format": "binary"}}},
                "headers": {"Content-Disposition": {"schema": {"type": "string"}}},
            }
        }
    }


def _download(key: str, table: str, version: int | None, fmt: str, content_type: str) -> HttpResponse:
    strategy_version = _version(key, version)
    name = NAMES[table]
    rows = tables.TABLES[name](export_version(strategy_version))
    data = tables.as_csv(rows) if fmt == "csv" else tables.as_xlsx(rows, name)
    response = HttpResponse(data, content_type=content_type)
    filename = f"{strategy_version.district.slug}-{name}-v{strategy_version.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@api.get(
    "/districts/{key}/tables/{table}.csv",
    response={**REFUSED, **MISSING, **INVALID},
    openapi_extra=_file(CSV),
    tags=["Offene Daten"],
    summary="Maßnahmen, Indikatoren oder Messwerte als CSV (UTF-8, Komma, RFC 4180)",
)
def table_csv(request: HttpRequest, key: str, table: Path[Table], version: int | None = None) -> HttpResponse:
    return _download(key, table, version, "csv", CSV)


@api.get(
    "/districts/{key}/tables/{table}.xlsx",
    response={**REFUSED, **MISSING, **INVALID},
    openapi_extra=_file(XLSX),
    tags=["Offene Daten"],
    summary="Maßnahmen, Indikatoren oder Messwerte als Excel-Arbeitsmappe (XLSX, ein Blatt)",
)
def table_xlsx(request: HttpRequest, key: str, table: Path[Table], version: int | None = None) -> HttpResponse:
    return _download(key, table, version, "xlsx", XLSX)
