"""Measures, indicators and measurements as CSV and XLSX, cut from the exchange document.

The tables are flat views of the same document the JSON export writes, so the
three formats never disagree. Columns carry the document's field names
(English, stable for machines); lists are joined with ``"; "``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook

Table = tuple[list[str], list[list[Any]]]

MEASURE_COLUMNS = [
    "id",
    "code",
    "title",
    "summary",
    "phase",
    "priority",
    "measure_type",
    "fields",
    "goals",
    "lead_unit",
    "lead_person",
    "start",
    "end",
    "estimated_cost",
    "funding",
    "funding_programme",
    "digital_check",
    "origin",
    "weight",
    "municipalities",
    "dependencies",
]
INDICATOR_COLUMNS = [
    "code",
    "name",
    "unit",
    "description",
    "source",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "level",
    "scope",
    "goals",
    "measures",
]
MEASUREMENT_COLUMNS = ["indicator", "period", "municipality", "value", "source", "note"]


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(f"{item['ags']}:{item['role']}" if isinstance(item, dict) else str(item) for item in value)
    return "" if value is None else value


def measures(document: dict[str, Any]) -> Table:
    return MEASURE_COLUMNS, [[_cell(m[c]) for c in MEASURE_COLUMNS] for m in document["measures"]]


def indicators(document: dict[str, Any]) -> Table:
    return INDICATOR_COLUMNS, [[_cell(i[c]) for c in INDICATOR_COLUMNS] for i in document["indicators"]]


def measurements(document: dict[str, Any]) -> Table:
    return MEASUREMENT_COLUMNS, [
        [i["code"], *(_cell(row[c]) for c in MEASUREMENT_COLUMNS[1:])]
        for i in document["indicators"]
        for row in i["measurements"]
    ]


TABLES: dict[str, Callable[[dict[str, Any]], Table]] = {
    "massnahmen": measures,
    "indikatoren": indicators,
    "messwerte": measurements,
}


def as_csv(table: Table) -> bytes:
    """RFC 4180, UTF-8, comma-separated; decimals with a point, as in the JSON document."""
    header, rows = table
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def as_xlsx(table: Table, title: str) -> bytes:
    header, rows = table
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
