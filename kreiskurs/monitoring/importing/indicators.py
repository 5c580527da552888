"""Indicator definitions from a file: one row per indicator."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kreiskurs.numbers import NumberFormat, Witness
from kreiskurs.tabular import (
    Row,
    parse_date,
)
from kreiskurs.territory.models import District

from ..models import Direction, Indicator, Level, Scope
from .base import INDICATOR_COLUMNS, ImportPlan, _decide, _hint, _number, _records, _table

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
