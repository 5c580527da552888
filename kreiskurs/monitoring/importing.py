"""Reading indicator and measurement files into checked plans; the services write them (all or nothing).

A plan holds every row's values, how they compare with what is stored (new, changed, unchanged), what was
skipped and why (a statistics marker, an area outside the district) and every error. The upload page shows a
plan as the preview; :mod:`.services` writes it only when it has no errors.

Files are bounded before they are read (``KREISKURS_MAX_UPLOAD_BYTES``, rows and columns, see
:mod:`kreiskurs.tabular`); a report lists at most :data:`MAX_ERRORS` errors and says how many more there are.
Numbers are read in the format of the whole file (:mod:`kreiskurs.numbers`): a semicolon-separated CSV and a
Regionalstatistik table are German unless their values prove otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kreiskurs.numbers import GERMAN, NumberFormat, NumberFormatConflict, Witness, decide_format, parse_number
from kreiskurs.tabular import (
    MAX_COLUMNS,
    MAX_ROWS,
    NumberText,
    Row,
    TableError,
    csv_delimiter,
    normalize_header,
    parse_date,
    read_records,
    table_rows,
)
from kreiskurs.territory.keys import normalize_ags, normalize_key
from kreiskurs.territory.models import District, Municipality
from kreiskurs.uploads import max_upload_bytes

from . import layouts
from .models import Direction, Indicator, Level, Measurement, Scope
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
#: a report shows at most this many errors, then how many more there are
MAX_ERRORS = 100
_STEP = Decimal("0.0001")  # the stored precision (decimal_places=4)
_LIMIT = Decimal(10) ** 14  # max_digits=18 with 4 decimals


def too_large_message(size: int) -> str:
    return _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(limit)s.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(max_upload_bytes()),
    }


class ErrorList:
    """The errors of one file: the first :data:`MAX_ERRORS` kept, all counted."""

    def __init__(self) -> None:
        self.shown: list[tuple[int | None, str]] = []
        self.total = 0

    def add(self, line: int | None, message: str) -> None:
        self.total += 1
        if len(self.shown) < MAX_ERRORS:
            self.shown.append((line, message))

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass
class ImportRejected(Exception):
    """The file was refused; ``errors`` are (line, message) for the first bad rows, ``total`` counts all."""

    filename: str
    errors: list[tuple[int | None, str]] = field(default_factory=list)
    total: int = 0

    def __post_init__(self) -> None:
        self.total = max(self.total, len(self.errors))

    @property
    def more(self) -> int:
        return self.total - len(self.errors)

    def __str__(self) -> str:
        lines = [_("%(file)s: %(n)d Fehler, nichts wurde importiert.") % {"file": self.filename, "n": self.total}]
        lines += [
            "  " + (_("Zeile %(line)d: %(msg)s") % {"line": line, "msg": msg} if line else msg)
            for line, msg in self.errors
        ]
        if self.more:
            lines.append("  " + _("… und %(n)d weitere Fehler") % {"n": self.more})
        return "\n".join(lines)


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    markers: Counter[str] = field(default_factory=Counter)
    other_areas: int = 0

    @property
    def marker_list(self) -> list[tuple[str, int]]:
        """``(marker, count)``, most frequent first (templates cannot call ``Counter.most_common``)."""
        return self.markers.most_common()

    def __str__(self) -> str:
        text = _("%(created)d neu, %(updated)d aktualisiert, %(unchanged)d unverändert") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.markers:
            text += "; " + _("ohne Wert übersprungen: %(markers)s") % {"markers": marker_counts(self.markers)}
        if self.other_areas:
            text += "; " + ngettext(
                "%(n)d Zeile anderer Gebiete übersprungen",
                "%(n)d Zeilen anderer Gebiete übersprungen",
                self.other_areas,
            ) % {"n": self.other_areas}
        return text


def marker_counts(markers: Counter[str]) -> str:
    """``2 × „.“, 1 × „x“`` (most frequent first)."""
    return ", ".join(f"{count} × „{marker}“" for marker, count in markers.most_common())


@dataclass
class ImportPlan:
    """A checked file: what an import would write, what it skips, and every error."""

    filename: str
    layout: str = "table"  # "table" (one row per value) or "genesis" (Regionalstatistik, one column per period)
    number_format: NumberFormat | None = None
    indicator: Indicator | None = None
    summary: ImportSummary = field(default_factory=ImportSummary)
    errors: ErrorList = field(default_factory=ErrorList)
    create: list[Any] = field(default_factory=list)
    update: list[Any] = field(default_factory=list)

    def rejected(self) -> ImportRejected:
        return ImportRejected(self.filename, list(self.errors.shown), self.errors.total)


# --- reading ---------------------------------------------------------------------------------


def _records(data: bytes, filename: str) -> list[tuple[int, list[str]]]:
    if len(data) > max_upload_bytes():
        raise ImportRejected(filename, [(None, too_large_message(len(data)))])
    try:
        return list(
            read_records(
                data,
                filename=filename,
                max_rows=int(getattr(settings, "KREISKURS_IMPORT_MAX_ROWS", MAX_ROWS)),
                max_columns=int(getattr(settings, "KREISKURS_IMPORT_MAX_COLUMNS", MAX_COLUMNS)),
            )
        )
    except TableError as exc:
        raise ImportRejected(filename, [(None, str(exc))]) from None


def _table(
    records: list[tuple[int, list[str]]], filename: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> list[Row]:
    try:
        return table_rows(records, filename=filename, required=required, optional=optional)
    except TableError as exc:
        raise ImportRejected(filename, [(None, str(exc))]) from None


def _decide(witnesses: Iterable[Witness], hint: NumberFormat | None, filename: str) -> NumberFormat | None:
    """The file's number format; a file mixing both is refused at once (every value would be in doubt)."""
    try:
        return decide_format(
            (w for w in witnesses if w.text and not isinstance(w.text, NumberText) and not _marker(w.text)),
            hint=hint,
        )
    except NumberFormatConflict as exc:
        raise ImportRejected(filename, [(None, str(exc))]) from None


def _marker(text: str) -> bool:
    return text in layouts.ZERO_MARKERS or text in layouts.NO_VALUE_MARKERS


def _number(text: str, number_format: NumberFormat | None) -> Decimal:
    """A value in the file's format (XLSX number cells as they are), rounded to the stored precision."""
    try:
        value = Decimal(text) if isinstance(text, NumberText) else parse_number(text, number_format)
    except InvalidOperation:
        raise ValueError(_("„%(text)s“ ist keine Zahl") % {"text": text}) from None
    if not value.is_finite():
        raise ValueError(_("„%(text)s“ ist keine Zahl") % {"text": text})
    if abs(value) >= _LIMIT:
        raise ValueError(_("„%(text)s“ ist zu groß (höchstens 14 Stellen vor dem Komma)") % {"text": text})
    return value.quantize(_STEP, rounding=ROUND_HALF_EVEN)


def _hint(data: bytes, filename: str) -> NumberFormat | None:
    """German Excel writes CSV with semicolons because the comma is its decimal separator."""
    return GERMAN if csv_delimiter(data, filename) == ";" else None


# --- indicators ------------------------------------------------------------------------------


def _choice(value: str, choices: type[Any], default: str, column: str) -> str:
    if not value:
        return default
    if value.lower() not in choices.values:
        raise ValueError(
            _("Spalte %(column)s: „%(value)s“ ist nicht erlaubt (%(allowed)s)")
            % {"column": column, "value": value, "allowed": ", ".join(choices.values)}
        )
    return str(value.lower())


def _optional(value: str, parse: Callable[[str], Any], column: str) -> Any:
    if not value:
        return None
    try:
        return parse(value)
    except ValueError as exc:
        raise ValueError(_("Spalte %(column)s: %(problem)s") % {"column": column, "problem": exc}) from None


def _indicator_values(row: Row, number_format: NumberFormat | None) -> dict[str, Any]:
    """The row's values, or ValueError naming every bad column of the row."""
    v = row.values
    problems: list[str] = []

    def check(convert: Callable[[], Any]) -> Any:
        try:
            return convert()
        except ValueError as exc:
            problems.append(str(exc))
            return None

    def number(text: str) -> Decimal:
        return _number(text, number_format)

    if not v.get("code"):
        problems.append(_("Spalte code: fehlt"))
    elif len(v["code"]) > 40:
        problems.append(_("Spalte code: höchstens 40 Zeichen"))
    if not v.get("name"):
        problems.append(_("Spalte name: fehlt"))
    values = {
        "code": v.get("code", ""),
        "name": v.get("name", ""),
        "unit": v.get("unit", ""),
        "direction": check(lambda: _choice(v.get("direction", ""), Direction, Direction.UP, "direction")),
        "baseline_value": check(lambda: _optional(v.get("baseline_value", ""), number, "baseline_value")),
        "baseline_date": check(lambda: _optional(v.get("baseline_date", ""), parse_date, "baseline_date")),
        "target_value": check(lambda: _optional(v.get("target_value", ""), number, "target_value")),
        "target_date": check(lambda: _optional(v.get("target_date", ""), parse_date, "target_date")),
        "level": check(lambda: _choice(v.get("level", ""), Level, Level.STRATEGY, "level")),
        "scope": check(lambda: _choice(v.get("scope", ""), Scope, Scope.DISTRICT, "scope")),
        "source": v.get("source", ""),
        "description": v.get("description", ""),
    }
    if problems:
        raise ValueError("; ".join(problems))
    return values


def plan_indicators(*, district: District, data: bytes, filename: str) -> ImportPlan:
    """Check an indicator file against the district's indicators (nothing is written)."""
    rows = _table(_records(data, filename), filename, ("code", "name"), INDICATOR_COLUMNS[2:])
    plan = ImportPlan(filename)
    plan.number_format = _decide(
        (
            Witness(_("Zeile %(line)d, Spalte %(column)s") % {"line": row.line, "column": column}, row.values[column])
            for row in rows
            for column in ("baseline_value", "target_value")
            if column in row.values
        ),
        _hint(data, filename),
        filename,
    )
    parsed: dict[str, tuple[int, dict[str, Any]]] = {}
    for row in rows:
        try:
            values = _indicator_values(row, plan.number_format)
        except ValueError as exc:
            plan.errors.add(row.line, str(exc))
            continue
        if values["code"] in parsed:
            plan.errors.add(
                row.line,
                _("Indikator %(code)s steht schon in Zeile %(line)d")
                % {"code": values["code"], "line": parsed[values["code"]][0]},
            )
            continue
        parsed[values["code"]] = (row.line, values)
    existing = {i.code: i for i in Indicator.objects.filter(district=district)}
    for code, (line, values) in parsed.items():
        indicator = existing.get(code) or Indicator(district=district)
        changed = indicator.pk is None or any(getattr(indicator, k) != v for k, v in values.items())
        for name, value in values.items():
            setattr(indicator, name, value)
        try:
            indicator.full_clean(validate_unique=False)
        except ValidationError as exc:
            plan.errors.add(line, "; ".join(f"{k}: {' '.join(m)}" for k, m in exc.message_dict.items()))
            continue
        if indicator.pk is None:
            plan.create.append(indicator)
        elif changed:
            plan.update.append(indicator)
        else:
            plan.summary.unchanged += 1
    plan.summary.created, plan.summary.updated = len(plan.create), len(plan.update)
    return plan


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
    for row in rows:
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
    for row in table.rows:
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


def plan_measurements(*, district: District, data: bytes, filename: str, indicator_code: str = "") -> ImportPlan:
    """Check a measurement file (a table with one row per value, or a Regionalstatistik table) without writing."""
    records = _records(data, filename)
    plan = ImportPlan(filename)
    first = next((cells for _line, cells in records), [])
    if "indicator_code" not in {normalize_header(cell) for cell in first} and layouts.looks_wide(records):
        values = _plan_wide(plan, records, district, indicator_code)
    else:
        values = _plan_long(plan, records, district, _hint(data, filename))
    _check_duplicates(plan, values)
    if not plan.errors:
        _compare(plan, district, values)
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


def _compare(plan: ImportPlan, district: District, values: list[MeasuredValue]) -> None:
    """Sort the values into new, changed and unchanged against what is stored."""
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
