"""Writes of the monitoring app: indicators by form and by file, measurements by form and by file.

File imports are all-or-nothing: every row is checked first; any problem
ends in :class:`ImportRejected` listing every bad row (line number in the
file, header = line 1; the sheet row for XLSX) and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kreiskurs.audit.services import record_change
from kreiskurs.strategy.services import save_district_row
from kreiskurs.tabular import Row, TableError, parse_date, parse_decimal, read_table
from kreiskurs.territory.models import District, Municipality

from .models import Direction, Indicator, IndicatorLink, Level, Measurement, Scope
from .periods import parse_period

INDICATOR_COLUMNS = (
    "code",
    "name",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "level",
    "scope",
    "source",
    "description",
)
MEASUREMENT_COLUMNS = ("indicator_code", "ags", "period", "value", "source", "note")


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} neu, {self.updated} aktualisiert, {self.unchanged} unverändert"


@dataclass
class ImportRejected(Exception):
    """The file was refused; ``errors`` are (line, message) for every bad row."""

    filename: str
    errors: list[tuple[int | None, str]] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"{self.filename}: {len(self.errors)} Fehler, nichts wurde importiert."]
        lines += [f"  Zeile {line}: {msg}" if line else f"  {msg}" for line, msg in self.errors]
        return "\n".join(lines)


def _table(data: bytes, filename: str, required: tuple[str, ...], optional: tuple[str, ...]) -> list[Row]:
    try:
        return read_table(data, filename=filename, required=required, optional=optional)
    except TableError as exc:
        raise ImportRejected(filename, [(None, str(exc))]) from None


def _choice(value: str, choices: type[Any], default: str, column: str) -> str:
    if not value:
        return default
    if value.lower() not in choices.values:
        allowed = ", ".join(choices.values)
        raise ValueError(f"Spalte {column}: „{value}“ ist nicht erlaubt ({allowed})")
    return str(value.lower())


def _optional(value: str, parse: Callable[[str], Any], column: str) -> Any:
    if not value:
        return None
    try:
        return parse(value)
    except ValueError as exc:
        raise ValueError(f"Spalte {column}: {exc}") from None


# --- indicators --------------------------------------------------------------------------------


def _indicator_values(row: Row) -> dict[str, Any]:
    """The row's values, or ValueError naming every bad column of the row."""
    v = row.values
    problems: list[str] = []

    def check(convert: Callable[[], Any]) -> Any:
        try:
            return convert()
        except ValueError as exc:
            problems.append(str(exc))
            return None

    if not v.get("code"):
        problems.append("Spalte code: fehlt")
    elif len(v["code"]) > 40:
        problems.append("Spalte code: höchstens 40 Zeichen")
    if not v.get("name"):
        problems.append("Spalte name: fehlt")
    values = {
        "code": v.get("code", ""),
        "name": v.get("name", ""),
        "unit": v.get("unit", ""),
        "direction": check(lambda: _choice(v.get("direction", ""), Direction, Direction.UP, "direction")),
        "baseline_value": check(lambda: _optional(v.get("baseline_value", ""), parse_decimal, "baseline_value")),
        "baseline_date": check(lambda: _optional(v.get("baseline_date", ""), parse_date, "baseline_date")),
        "target_value": check(lambda: _optional(v.get("target_value", ""), parse_decimal, "target_value")),
        "target_date": check(lambda: _optional(v.get("target_date", ""), parse_date, "target_date")),
        "level": check(lambda: _choice(v.get("level", ""), Level, Level.STRATEGY, "level")),
        "scope": check(lambda: _choice(v.get("scope", ""), Scope, Scope.DISTRICT, "scope")),
        "source": v.get("source", ""),
        "description": v.get("description", ""),
    }
    if problems:
        raise ValueError("; ".join(problems))
    return values


@transaction.atomic
def import_indicators(*, by: Any, district: District, data: bytes, filename: str) -> ImportSummary:
    """Create or update indicator definitions from a CSV or XLSX file."""
    rows = _table(data, filename, ("code", "name"), INDICATOR_COLUMNS[2:])
    errors: list[tuple[int | None, str]] = []
    parsed: dict[str, tuple[int, dict[str, Any]]] = {}
    for row in rows:
        try:
            values = _indicator_values(row)
        except ValueError as exc:
            errors.append((row.line, str(exc)))
            continue
        if values["code"] in parsed:
            errors.append((row.line, f"Indikator {values['code']} steht schon in Zeile {parsed[values['code']][0]}"))
            continue
        parsed[values["code"]] = (row.line, values)
    existing = {i.code: i for i in Indicator.objects.filter(district=district)}
    to_save = []
    for code, (line, values) in parsed.items():
        indicator = existing.get(code) or Indicator(district=district)
        changed = indicator.pk is None or any(getattr(indicator, k) != v for k, v in values.items())
        for name, value in values.items():
            setattr(indicator, name, value)
        try:
            indicator.full_clean(validate_unique=False)
        except ValidationError as exc:
            errors.append((line, "; ".join(f"{k}: {' '.join(m)}" for k, m in exc.message_dict.items())))
            continue
        to_save.append((indicator, changed))
    if errors:
        raise ImportRejected(filename, errors)
    summary = ImportSummary()
    for indicator, changed in to_save:
        if indicator.pk is None:
            summary.created += 1
        elif changed:
            summary.updated += 1
            indicator.revision += 1
        else:
            summary.unchanged += 1
            continue
        indicator.save()
    record_change(by=by, district=district, action="import", obj=district, changes={"Indikatoren": ("", str(summary))})
    return summary


# --- measurements ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Value:
    indicator: Indicator
    municipality: Municipality | None
    period: str
    period_start: dt.date
    value: Decimal
    source: str
    note: str


def _measurement(row: Row, indicators: dict[str, Indicator], municipalities: dict[str, Municipality]) -> _Value:
    v = row.values
    problems = []
    indicator = indicators.get(v.get("indicator_code", ""))
    if not v.get("indicator_code"):
        problems.append("Spalte indicator_code: fehlt")
    elif indicator is None:
        problems.append(f"Spalte indicator_code: unbekannter Indikator „{v['indicator_code']}“")
    municipality = None
    ags = v.get("ags", "")
    if ags:
        municipality = municipalities.get(ags)
        if municipality is None:
            problems.append(f"Spalte ags: „{ags}“ ist keine Gemeinde dieses Kreises")
        elif indicator is not None and indicator.scope == Scope.DISTRICT:
            problems.append(f"Spalte ags: Indikator {indicator.code} gilt für den ganzen Kreis, ohne AGS")
    period = None
    try:
        period = parse_period(v.get("period", ""))
    except ValueError as exc:
        problems.append(f"Spalte period: {exc}")
    value = None
    try:
        value = parse_decimal(v.get("value", ""))
    except ValueError as exc:
        problems.append(f"Spalte value: {exc}")
    if problems:
        raise ValueError("; ".join(problems))
    assert indicator is not None and period is not None and value is not None
    return _Value(indicator, municipality, period.label, period.start, value, v.get("source", ""), v.get("note", ""))


@transaction.atomic
def import_measurements(*, by: Any, district: District, data: bytes, filename: str) -> ImportSummary:
    """Add or update measurements from a CSV or XLSX file (all or nothing)."""
    rows = _table(data, filename, ("indicator_code", "period", "value"), ("ags", "source", "note"))
    indicators = {i.code: i for i in Indicator.objects.filter(district=district)}
    municipalities = {m.ags: m for m in Municipality.objects.filter(district=district)}
    errors: list[tuple[int | None, str]] = []
    seen: dict[tuple[str, str, str], int] = {}
    values: list[_Value] = []
    for row in rows:
        try:
            item = _measurement(row, indicators, municipalities)
        except ValueError as exc:
            errors.append((row.line, str(exc)))
            continue
        key = (item.indicator.code, item.municipality.ags if item.municipality else "", item.period)
        if key in seen:
            errors.append(
                (row.line, f"doppelte Zeile: {key[0]} {key[1] or 'Kreis'} {key[2]} steht schon in Zeile {seen[key]}")
            )
            continue
        seen[key] = row.line
        values.append(item)
    if errors:
        raise ImportRejected(filename, errors)
    summary = _write_measurements(district, values)
    record_change(by=by, district=district, action="import", obj=district, changes={"Messwerte": ("", str(summary))})
    return summary


def _write_measurements(district: District, values: list[_Value]) -> ImportSummary:
    summary = ImportSummary()
    existing = {
        (m.indicator_id, m.municipality_id, m.period): m
        for m in Measurement.objects.filter(district=district, indicator__in={v.indicator.pk for v in values})
    }
    create, update = [], []
    for v in values:
        current = existing.get((v.indicator.pk, v.municipality.pk if v.municipality else None, v.period))
        if current is None:
            create.append(
                Measurement(
                    district=district,
                    indicator=v.indicator,
                    municipality=v.municipality,
                    period=v.period,
                    period_start=v.period_start,
                    value=v.value,
                    source=v.source,
                    note=v.note,
                )
            )
        elif (current.value, current.source, current.note) != (v.value, v.source, v.note):
            current.value, current.source, current.note = v.value, v.source, v.note
            update.append(current)
        else:
            summary.unchanged += 1
    Measurement.objects.bulk_create(create, batch_size=500)
    Measurement.objects.bulk_update(update, ["value", "source", "note"], batch_size=500)
    summary.created, summary.updated = len(create), len(update)
    return summary


@transaction.atomic
def record_measurement(
    *,
    by: Any,
    indicator: Indicator,
    municipality: Municipality | None,
    period: str,
    value: Decimal,
    source: str = "",
    note: str = "",
) -> Measurement:
    """Enter or correct one value by form (same rules as the file import)."""
    if municipality is not None and municipality.district_id != indicator.district_id:
        raise ValidationError({"municipality": "Die Gemeinde gehört nicht zu diesem Kreis."})
    if municipality is not None and indicator.scope == Scope.DISTRICT:
        raise ValidationError({"municipality": "Dieser Indikator gilt für den ganzen Kreis."})
    try:
        parsed = parse_period(period)
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}) from None
    measurement, created = Measurement.objects.select_for_update().get_or_create(
        indicator=indicator,
        municipality=municipality,
        period=parsed.label,
        defaults={
            "district": indicator.district,
            "period_start": parsed.start,
            "value": value,
            "source": source,
            "note": note,
        },
    )
    old = None if created else measurement.value
    if not created:
        measurement.value, measurement.source, measurement.note = value, source, note
        measurement.save()
    record_change(
        by=by,
        district=indicator.district,
        action="create" if created else "update",
        obj=measurement,
        changes={"value": (old, value)},
    )
    return measurement


def save_indicator(
    *, by: Any, district: District, indicator: Indicator, values: dict[str, Any], expected_revision: int | None
) -> Indicator:
    """Create or edit one indicator definition by form (audited, no lost updates)."""
    return save_district_row(
        by=by, district=district, obj=indicator, values=values, expected_revision=expected_revision
    )


@transaction.atomic
def set_indicator_links(
    *, by: Any, indicator: Indicator, goals: Iterable[uuid.UUID], measures: Iterable[uuid.UUID]
) -> None:
    """Say which goals and measures (by lineage) the indicator measures; replaces the previous links."""
    wanted = {(IndicatorLink.Kind.GOAL, g) for g in goals} | {(IndicatorLink.Kind.MEASURE, m) for m in measures}
    current = {(link.kind, link.lineage): link for link in indicator.links.all()}
    for key in current.keys() - wanted:
        current[key].delete()
    IndicatorLink.objects.bulk_create(
        [
            IndicatorLink(district=indicator.district, indicator=indicator, kind=k, lineage=lin)
            for k, lin in wanted - current.keys()
        ]
    )
    if wanted != set(current):
        record_change(
            by=by,
            district=indicator.district,
            action="update",
            obj=indicator,
            changes={"Verknüpfungen": (len(current), len(wanted))},
        )
