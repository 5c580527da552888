"""Measurements from a file: one row per value, or a Regionalstatistik table (one column per period)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from kreiskurs.numbers import GERMAN, NumberFormat, Witness
from kreiskurs.tabular import (
    Row,
    normalize_header,
)
from kreiskurs.territory.keys import normalize_ags, normalize_key
from kreiskurs.territory.models import District, Municipality

from .. import layouts
from ..models import Indicator, Measurement, Scope
from ..periods import parse_period
from .base import ImportPlan, ImportRejected, Progress, _decide, _hint, _number, _records, _table

# --- measurements ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasuredValue:
    line: int
    indicator: Indicator
    municipality: Municipality | None
    period: str
    period_start: dt.date
    value: Decimal
    source: str = ""
    note: str = ""


class _Areas:
    """The district's municipalities by AGS, and where a key written in a file belongs."""

    OTHER = "other"

    def __init__(self, district: District) -> None:
        self.district = district
        self.by_ags = {m.ags: m for m in Municipality.objects.filter(district=district)}

    def municipality(self, text: str) -> Municipality:
        """The municipality of an AGS (a lost leading zero repaired); ValueError naming the key otherwise."""
        try:
            ags = normalize_ags(text)
        except ValueError as exc:
            raise ValueError(_("Spalte ags: %(problem)s") % {"problem": exc}) from None
        found = self.by_ags.get(ags)
        if found is None:
            raise ValueError(_("Spalte ags: „%(ags)s“ ist keine Gemeinde dieses Kreises") % {"ags": text})
        return found

    def of_key(self, text: str) -> Municipality | str | None:
        """A Regionalstatistik row key: a municipality, ``None`` (the district itself) or :attr:`OTHER`."""
        if text != "DG" and not (text.isascii() and text.isdigit()):
            raise ValueError(_("„%(key)s“ ist kein Gebietsschlüssel (nur Ziffern erlaubt)") % {"key": text[:40]})
        digits = len(text)
        if text.isdigit() and digits in (4, 5) and normalize_key(text, length=5) == self.district.key:
            return None
        if text.isdigit() and digits in (7, 8, 11, 12):
            ags = normalize_ags(text)
            if ags[:5] == self.district.key:
                if ags not in self.by_ags:
                    raise ValueError(_("„%(key)s“ ist keine Gemeinde dieses Kreises") % {"key": text})
                return self.by_ags[ags]
        return self.OTHER


def _value_or_marker(text: str, number_format: NumberFormat | None, plan: ImportPlan) -> Decimal | None:
    """The value of a cell, ``0`` for ``-``, ``None`` (and counted) for a no-value marker."""
    if text in layouts.ZERO_MARKERS:
        return Decimal(0)
    if text in layouts.NO_VALUE_MARKERS:
        plan.summary.markers[text] += 1
        return None
    return _number(text, number_format)


def _long_value(row: Row, indicators: dict[str, Indicator], areas: _Areas, plan: ImportPlan) -> MeasuredValue:
    v = row.values
    problems = []
    indicator = indicators.get(v.get("indicator_code", ""))
    if not v.get("indicator_code"):
        problems.append(_("Spalte indicator_code: fehlt"))
    elif indicator is None:
        problems.append(_("Spalte indicator_code: unbekannter Indikator „%(code)s“") % {"code": v["indicator_code"]})
    municipality = None
    if v.get("ags"):
        try:
            municipality = areas.municipality(v["ags"])
        except ValueError as exc:
            problems.append(str(exc))
        else:
            if indicator is not None and indicator.scope == Scope.DISTRICT:
                problems.append(
                    _("Spalte ags: Indikator %(code)s gilt für den ganzen Kreis, ohne AGS") % {"code": indicator.code}
                )
    period = None
    try:
        period = parse_period(v.get("period", ""))
    except ValueError as exc:
        problems.append(_("Spalte period: %(problem)s") % {"problem": exc})
    value = None
    try:
        value = _number(v.get("value", ""), plan.number_format)
    except ValueError as exc:
        problems.append(_("Spalte value: %(problem)s") % {"problem": exc})
    if problems:
        raise ValueError("; ".join(problems))
    assert indicator is not None and period is not None and value is not None
    return MeasuredValue(
        row.line, indicator, municipality, period.label, period.start, value, v.get("source", ""), v.get("note", "")
    )


def _plan_long(
    plan: ImportPlan, records: list[tuple[int, list[str]]], district: District, hint: NumberFormat | None
) -> list[MeasuredValue]:
    rows = _table(records, plan.filename, ("indicator_code", "period", "value"), ("ags", "source", "note"))
    plan.number_format = _decide(
        (Witness(_("Zeile %(line)d, Spalte value") % {"line": r.line}, r.values["value"]) for r in rows),
        hint,
        plan.filename,
    )
    indicators = {i.code: i for i in Indicator.objects.filter(district=district)}
    areas = _Areas(district)
    values = []
    for done, row in enumerate(rows, start=1):
        plan.report(done, len(rows))
        try:
            item = _long_value(row, indicators, areas, plan)
        except ValueError as exc:
            plan.errors.add(row.line, str(exc))
            continue
        values.append(item)
    return values


def _plan_wide(
    plan: ImportPlan, records: list[tuple[int, list[str]]], district: District, indicator_code: str
) -> list[MeasuredValue]:
    """A Regionalstatistik / GENESIS table: one row per area, one column per period, for one indicator."""
    plan.layout = "genesis"
    try:
        table = layouts.read_wide(records, filename=plan.filename)
    except ValueError as exc:
        raise ImportRejected(plan.filename, [(None, str(exc))]) from None
    if not indicator_code:
        raise ImportRejected(
            plan.filename,
            [
                (
                    None,
                    _(
                        "Die Datei ist eine Tabelle der Regionalstatistik (eine Spalte je Zeitraum); bitte den "
                        "Indikator wählen, zu dem ihre Werte gehören."
                    ),
                )
            ],
        )
    indicator = Indicator.objects.filter(district=district, code=indicator_code).first()
    if indicator is None:
        raise ImportRejected(plan.filename, [(None, _("Unbekannter Indikator „%(code)s“") % {"code": indicator_code})])
    plan.indicator = indicator
    plan.number_format = _decide(
        (
            Witness(_("Zeile %(line)d, Spalte %(period)s") % {"line": row.line, "period": period}, text)
            for row in table.rows
            for _column, period, text in row.cells
        ),
        GERMAN,  # GENESIS writes German numbers
        plan.filename,
    )
    areas = _Areas(district)
    values = []
    for done, row in enumerate(table.rows, start=1):
        plan.report(done, len(table.rows))
        problems = [
            _("Spalte %(column)d: Wert ohne Zeitraum in der Kopfzeile (Zeile %(header)d)")
            % {"column": column, "header": table.header_line}
            for column in row.stray
        ]
        try:
            area = areas.of_key(row.key)
        except ValueError as exc:
            plan.errors.add(row.line, "; ".join([str(exc), *problems]))
            continue
        if area == _Areas.OTHER or (area is not None and indicator.scope == Scope.DISTRICT):
            plan.summary.other_areas += 1
            continue
        assert not isinstance(area, str)
        for _column, period_text, text in row.cells:
            if not text:
                continue
            try:
                period = parse_period(period_text)
                value = _value_or_marker(text, plan.number_format, plan)
            except ValueError as exc:
                problems.append(_("Spalte %(period)s: %(problem)s") % {"period": period_text, "problem": exc})
                continue
            if value is not None:
                values.append(MeasuredValue(row.line, indicator, area, period.label, period.start, value))
        if problems:
            plan.errors.add(row.line, "; ".join(problems))
    return values


def plan_measurements(
    *, district: District, data: bytes, filename: str, indicator_code: str = "", progress: Progress | None = None
) -> ImportPlan:
    """Check a measurement file (a table with one row per value, or a Regionalstatistik table) without writing.

    ``progress(stage, done, total)`` hears how far the check of the rows is (background imports show it).
    """
    records = _records(data, filename)
    plan = ImportPlan(filename, progress=progress)
    first = next((cells for _line, cells in records), [])
    if "indicator_code" not in {normalize_header(cell) for cell in first} and layouts.looks_wide(records):
        values = _plan_wide(plan, records, district, indicator_code)
    else:
        values = _plan_long(plan, records, district, _hint(data, filename))
    _check_duplicates(plan, values)
    plan.values = values
    if not plan.errors:
        compare_measurements(plan, district)
    return plan


def _check_duplicates(plan: ImportPlan, values: list[MeasuredValue]) -> None:
    seen: dict[tuple[str, str, str], int] = {}
    for item in values:
        key = (item.indicator.code, item.municipality.ags if item.municipality else "", item.period)
        if key in seen:
            plan.errors.add(
                item.line,
                _("doppelter Wert: %(code)s %(area)s %(period)s steht schon in Zeile %(line)d")
                % {"code": key[0], "area": key[1] or _("Kreis"), "period": key[2], "line": seen[key]},
            )
            continue
        seen[key] = item.line


def compare_measurements(plan: ImportPlan, district: District) -> None:
    """Sort the plan's values into new, changed and unchanged against what is stored now (again if asked)."""
    values: list[MeasuredValue] = plan.values
    plan.create, plan.update, plan.summary.unchanged = [], [], 0
    existing = {
        (m.indicator_id, m.municipality_id, m.period): m
        for m in Measurement.objects.filter(district=district, indicator__in={v.indicator.pk for v in values})
    }
    for v in values:
        current = existing.get((v.indicator.pk, v.municipality.pk if v.municipality else None, v.period))
        if current is None:
            plan.create.append(
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
            plan.update.append(current)
        else:
            plan.summary.unchanged += 1
    plan.summary.created, plan.summary.updated = len(plan.create), len(plan.update)
