"""The plan of an import: the file read, its records sorted into what is written, the faults between records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext, gettext_noop

from .. import gv100ad
from .report import ImportError_


def _read(path: Path) -> tuple[list[str], str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = gettext("Datei nicht lesbar (%(reason)s)") % {"reason": exc.strerror}
        raise ImportError_(path, [message]) from None
    text, encoding = gv100ad.decode(data)
    # split on line feeds only: str.splitlines() would also break at form feeds,
    # U+0085 or U+2028, which Latin-1 text can contain, and shift line numbers
    return [line.rstrip("\r") for line in text.split("\n")], encoding


def _error(r: Any, kind: str, field_name: str, message: str, params: dict[str, Any]) -> gv100ad.GV100ADError:
    key = r.district_key if hasattr(r, "district_key") else r.key
    return gv100ad.GV100ADError(r.line_no, field_name, message, params, kind=kind, key=key)


def _kind(r: gv100ad.Record) -> str:
    return {
        gv100ad.LandRecord: "10",
        gv100ad.DistrictRecord: "40",
        gv100ad.AssociationRecord: "50",
        gv100ad.MunicipalityRecord: "60",
    }[type(r)]


def _duplicates(records: list[gv100ad.Record]) -> list[gv100ad.GV100ADError]:
    """A key may stand only once in the file (a repeated record would count twice)."""
    errors = []
    seen: dict[tuple[str, str], int] = {}
    for r in records:
        key = (type(r).__name__, r.ags if isinstance(r, gv100ad.MunicipalityRecord) else r.key)
        if key in seen:
            name = (
                gettext_noop("Gemeindeschlüssel")
                if isinstance(r, gv100ad.MunicipalityRecord)
                else gettext_noop("Schlüssel")
            )
            errors.append(
                _error(
                    r,
                    _kind(r),
                    name,
                    gettext_noop("%(key)s steht schon in Zeile %(first)s"),
                    {"key": key[1], "first": seen[key]},
                )
            )
        else:
            seen[key] = r.line_no
    return errors


@dataclass
class _Plan:
    lands: dict[str, str]
    districts: dict[str, gv100ad.DistrictRecord]
    associations: dict[str, gv100ad.AssociationRecord]
    municipalities: list[gv100ad.MunicipalityRecord]
    outside: list[gv100ad.MunicipalityRecord]
    outside_associations: list[gv100ad.AssociationRecord]


def _plan(
    records: list[gv100ad.Record], line_errors: list[gv100ad.GV100ADError]
) -> tuple[_Plan, list[gv100ad.GV100ADError]]:
    """Sort the records into what is written and find the faults between records.

    A Kreis or Verband whose own line is malformed is not reported again as
    missing for each of its records: the one fault of its line says it.
    """
    broken_districts = {e.key for e in line_errors if e.kind == "40"}
    broken_associations = {e.key for e in line_errors if e.kind == "50"}
    errors = _duplicates(records)
    plan = _Plan(
        lands={r.key: r.name for r in records if isinstance(r, gv100ad.LandRecord)},
        districts={r.key: r for r in records if isinstance(r, gv100ad.DistrictRecord)},
        associations={},
        municipalities=[],
        outside=[],
        outside_associations=[],
    )
    all_associations = {r.key: r for r in records if isinstance(r, gv100ad.AssociationRecord)}
    for r in records:
        if isinstance(r, gv100ad.AssociationRecord):
            if r.district_key in plan.districts:
                plan.associations[r.key] = r
            elif gv100ad.is_outside_districts_key(r.district_key):
                plan.outside_associations.append(r)
            elif r.district_key not in broken_districts:
                errors.append(_missing_district(r))
        elif isinstance(r, gv100ad.MunicipalityRecord):
            if r.district_key not in plan.districts:
                if gv100ad.is_outside_districts_key(r.district_key, r.ags):
                    plan.outside.append(r)
                elif r.district_key not in broken_districts:
                    errors.append(_missing_district(r))
                continue
            if r.association_key not in all_associations and not r.is_unincorporated:
                if r.district_key in broken_associations:  # its Verband's line may be the broken one
                    continue
                errors.append(
                    _error(
                        r,
                        "60",
                        gettext_noop("Gemeindeverband"),
                        gettext_noop("Verband %(key)s fehlt in der Datei (Satzart 50)"),
                        {"key": r.association_key},
                    )
                )
                continue
            plan.municipalities.append(r)
    return plan, errors


def _missing_district(r: gv100ad.AssociationRecord | gv100ad.MunicipalityRecord) -> gv100ad.GV100ADError:
    return _error(
        r,
        _kind(r),
        gettext_noop("Kreis"),
        gettext_noop("Kreis %(key)s fehlt in der Datei (Satzart 40)"),
        {"key": r.district_key},
    )


def _restrict(plan: _Plan, wanted: set[str]) -> None:
    plan.districts = {k: v for k, v in plan.districts.items() if k in wanted}
    plan.associations = {k: v for k, v in plan.associations.items() if k[:5] in wanted}
    plan.municipalities = [m for m in plan.municipalities if m.district_key in wanted]
    plan.outside = []
    plan.outside_associations = []
