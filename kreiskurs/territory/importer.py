"""Import of the GV100AD directory into the territory tables.

All-or-nothing: the whole file is parsed and checked before one row is
written, and the writes run in a single transaction. Every fault of the file
is collected and reported together (the first :data:`MAX_ERRORS`, then how
many more). An import restricted to some districts (``district_keys``)
ignores faults that cannot concern those districts.

Areas that GV100AD lists under a Land without a Kreis (``07000999``,
``13000999``) are imported as :class:`OutsideArea` and listed in the report.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext, gettext_noop

from . import gv100ad
from .models import District, MunicipalAssociation, Municipality, OutsideArea
from .slugs import slugify_name, unique_slug

MAX_ERRORS = 50

#: Report kinds (German keys of the counters; translated when shown).
DISTRICTS = gettext_noop("Kreise")
ASSOCIATIONS = gettext_noop("Gemeindeverbände")
MUNICIPALITIES = gettext_noop("Gemeinden")
UNINCORPORATED = gettext_noop("Gemeindefreie Gebiete")
OUTSIDE = gettext_noop("Gebiete außerhalb der Kreise")

TRACKED_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    District: ("name", "type_code", "seat", "land_key", "land_name", "population", "area_km2", "reference_date"),
    MunicipalAssociation: ("district", "name", "seat", "type_code"),
    Municipality: (
        "district",
        "association",
        "ars",
        "name",
        "type_code",
        "population",
        "area_km2",
        "postcode",
        "reference_date",
        "slug",
    ),
    OutsideArea: ("ars", "land_key", "name", "type_code", "population", "area_km2", "reference_date"),
}


@dataclass
class ImportReport:
    """What an import did, per kind: created, updated (with field changes), unchanged.

    ``outside`` lists the areas outside any district; ``lossy`` the names a
    Windows-1252 file could not carry (kept as they were).
    """

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    lossy: list[str] = field(default_factory=list)
    encoding: str = "utf-8"

    def count(self, bucket: dict[str, int], kind: str) -> None:
        bucket[kind] = bucket.get(kind, 0) + 1

    def summary_lines(self) -> list[str]:
        lines = []
        kinds = [DISTRICTS, ASSOCIATIONS, MUNICIPALITIES]
        kinds += [k for k in (UNINCORPORATED, OUTSIDE) if k in self.created or k in self.updated or k in self.unchanged]
        for kind in kinds:
            lines.append(
                gettext("%(kind)s: %(created)s neu, %(updated)s geändert, %(unchanged)s unverändert")
                % {
                    "kind": gettext(kind),
                    "created": self.created.get(kind, 0),
                    "updated": self.updated.get(kind, 0),
                    "unchanged": self.unchanged.get(kind, 0),
                }
            )
        return lines


class ImportError_(ValueError):
    """The file cannot be imported; the message names file, line, record type and field.

    ``errors`` holds every fault found (one line each).
    """

    def __init__(self, path: Path, errors: list[str]) -> None:
        self.path = path
        self.errors = errors
        shown = errors[:MAX_ERRORS]
        if len(errors) == 1:
            head = gettext("%(path)s: %(error)s") % {"path": path, "error": errors[0]}
            super().__init__(head)
            return
        lines = [gettext("%(path)s: %(count)s Fehler") % {"path": path, "count": len(errors)}]
        lines += [f"  {e}" for e in shown]
        if len(errors) > MAX_ERRORS:
            lines.append(gettext("  … und %(count)s weitere") % {"count": len(errors) - MAX_ERRORS})
        super().__init__("\n".join(lines))


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


def import_gv100ad(path: Path, *, district_keys: Iterable[str] = ()) -> ImportReport:
    """Import districts, associations and municipalities from a GV100AD file.

    ``district_keys`` restricts the import to those districts: faults in
    other parts of the file do not stop it. Existing rows are updated in
    place; rows missing from the file are reported, never deleted (other
    data refers to them).
    """
    lines, encoding = _read(path)
    records, errors = gv100ad.parse_lines(lines)
    plan, more = _plan(records, errors)
    errors += more
    wanted = set(district_keys)
    messages: list[str] = []
    if wanted:
        errors = [e for e in errors if any(e.touches(k) for k in wanted)]
        # a district whose own line is malformed is named by that fault, not as missing
        unknown = {k for k in wanted - plan.districts.keys() if not any(e.key == k for e in errors)}
        if unknown:
            messages.append(
                gettext("Kreis(e) %(keys)s nicht in der Datei (Satzart 40)") % {"keys": ", ".join(sorted(unknown))}
            )
    errors.sort(key=lambda e: e.line_no)
    messages = [e.render(gettext) for e in errors] + messages
    if messages:
        raise ImportError_(path, messages)
    if wanted:
        _restrict(plan, wanted)
    report = ImportReport(encoding=encoding)
    with transaction.atomic():
        _write(plan, report)
    return report


def _write(plan: _Plan, report: ImportReport) -> None:
    totals: dict[str, tuple[int, Any]] = {}
    for m in plan.municipalities:
        pop, area = totals.get(m.district_key, (0, 0))
        totals[m.district_key] = (pop + m.population, area + m.area_km2)
    names = _Names(report)

    existing_districts = {d.key: d for d in District.objects.all()}
    taken = {d.slug for d in existing_districts.values()}
    district_rows: dict[str, District] = {}
    for key, r in sorted(plan.districts.items()):
        pop, area = totals.get(key, (0, 0))
        before = existing_districts.get(key)
        row = District(
            key=key,
            name=names.choose(gettext_noop("Kreis"), key, r.name, before.name if before else None),
            type_code=r.type_code,
            seat=names.choose(gettext_noop("Sitz des Kreises"), key, r.seat, before.seat if before else None),
            land_key=key[:2],
            land_name=plan.lands.get(key[:2], ""),
            population=pop,
            area_km2=area,
            reference_date=r.reference_date,
        )
        if before is None:
            row.slug = _district_slug(r, taken)
            taken.add(row.slug)
        district_rows[key] = row
    _save(District, district_rows, existing_districts, report, lambda row: DISTRICTS)

    existing_assocs = {a.key: a for a in MunicipalAssociation.objects.all()}
    assoc_rows: dict[str, MunicipalAssociation] = {}
    for key, a in plan.associations.items():
        before_assoc = existing_assocs.get(key)
        assoc_rows[key] = MunicipalAssociation(
            key=key,
            district=district_rows[key[:5]],
            name=names.choose(
                gettext_noop("Gemeindeverband"), key, a.name, before_assoc.name if before_assoc else None
            ),
            seat=names.choose(
                gettext_noop("Sitz des Gemeindeverbands"), key, a.seat, before_assoc.seat if before_assoc else None
            ),
            type_code=a.type_code,
        )
    _save(MunicipalAssociation, assoc_rows, existing_assocs, report, lambda row: ASSOCIATIONS)

    existing_munis = {m.ags: m for m in Municipality.objects.all()}
    slugs_by_district: dict[int, set[str]] = {}
    for existing in existing_munis.values():
        slugs_by_district.setdefault(existing.district_id, set()).add(existing.slug)
    muni_rows: dict[str, Municipality] = {}
    for rec in plan.municipalities:
        owner = district_rows[rec.district_key]
        previous = existing_munis.get(rec.ags)
        name = names.choose(gettext_noop("Gemeinde"), rec.ags, rec.name, previous.name if previous else None)
        muni = Municipality(
            ags=rec.ags,
            ars=rec.ars,
            district=owner,
            association=assoc_rows.get(rec.association_key),
            name=name,
            type_code=rec.type_code,
            population=rec.population,
            area_km2=rec.area_km2,
            postcode=rec.postcode,
            reference_date=rec.reference_date,
        )
        if previous is None or previous.district_id != owner.pk:  # new, or moved to another district
            taken_here = slugs_by_district.setdefault(owner.pk, set())
            muni.slug = unique_slug(slugify_name(name), taken_here)
            taken_here.add(muni.slug)
        else:
            muni.slug = previous.slug
        muni_rows[rec.ags] = muni
    _save(
        Municipality,
        muni_rows,
        existing_munis,
        report,
        lambda row: UNINCORPORATED if row.is_unincorporated else MUNICIPALITIES,
    )

    _write_outside(plan, names, report)

    report.not_in_file.extend(
        gettext("Gemeinde %(ags)s %(name)s") % {"ags": m.ags, "name": m.name}
        for m in existing_munis.values()
        if m.ags[:5] in plan.districts and m.ags not in muni_rows
    )
    District.objects.filter(key__in=list(plan.districts)).update(generation=models.F("generation") + 1)


def _write_outside(plan: _Plan, names: _Names, report: ImportReport) -> None:
    existing = {a.ags: a for a in OutsideArea.objects.all()}
    rows: dict[str, OutsideArea] = {}
    for rec in plan.outside:
        before = existing.get(rec.ags)
        rows[rec.ags] = OutsideArea(
            ags=rec.ags,
            ars=rec.ars,
            land_key=rec.ags[:2],
            name=names.choose(gettext_noop("Gebiet"), rec.ags, rec.name, before.name if before else None),
            type_code=rec.type_code,
            population=rec.population,
            area_km2=rec.area_km2,
            reference_date=rec.reference_date,
        )
        report.outside.append(f"{rec.ags} {rows[rec.ags].name}")
    _save(OutsideArea, rows, existing, report, lambda row: OUTSIDE)
    for a in plan.outside_associations:
        report.outside.append(
            gettext("Gemeindeverband %(key)s %(name)s (ohne Kreis, nicht übernommen)") % {"key": a.key, "name": a.name}
        )


#: Characters a lossy conversion to Windows-1252 leaves in place of a letter.
_REPLACEMENTS = ("?", "\ufffd", "")


class _Names:
    """Keeps names a Windows-1252 or Latin-1 file cannot carry.

    A stored name with letters outside that encoding ("Cottbus/Chóśebuz")
    arrives from such a copy as "Cottbus/Chó?ebuz" or "Cottbus/Chósebuz".
    That is not a rename: the stored name stays and the report lists it as
    lossy. New names from such a file that contain "?" are listed too.
    """

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.narrow = report.encoding != "utf-8"

    def choose(self, kind: str, key: str, incoming: str, stored: str | None) -> str:
        """The name to store; ``kind`` is an untranslated label, translated only for the report."""
        if not self.narrow:
            return incoming
        kind = gettext(kind)
        if stored is not None and stored != incoming and _lossy_renderings(stored, self.report.encoding) & {incoming}:
            self.report.lossy.append(
                gettext(
                    "%(kind)s %(key)s: „%(stored)s“ bleibt; die Datei (%(encoding)s) "
                    "kann den Namen nur als „%(incoming)s“ darstellen"
                )
                % {"kind": kind, "key": key, "stored": stored, "incoming": incoming, "encoding": self.report.encoding}
            )
            return stored
        if stored is None and "?" in incoming:
            self.report.lossy.append(
                gettext(
                    "%(kind)s %(key)s: „%(incoming)s“ enthält „?“; vermutlich fehlen Buchstaben, "
                    "die %(encoding)s nicht darstellen kann"
                )
                % {"kind": kind, "key": key, "incoming": incoming, "encoding": self.report.encoding}
            )
        return incoming


def _lossy_renderings(name: str, encoding: str) -> set[str]:
    """What ``name`` may look like after a conversion to ``encoding`` that lost letters."""
    lost = [ch for ch in name if not _encodable(ch, encoding)]
    if not lost:
        return set()
    renderings = set()
    for replacement in _REPLACEMENTS:
        renderings.add("".join(replacement if ch in lost else ch for ch in name))
    base = "".join(
        unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() if ch in lost else ch for ch in name
    )
    renderings.add(base)
    return renderings


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _district_slug(r: gv100ad.DistrictRecord, taken: set[str]) -> str:
    """Slug from the name; where two districts share a name (Stadt and
    Landkreis München), the one that comes second gets its kind in front."""
    base = slugify_name(r.name)
    if base in taken:
        kind = {43: "Kreis", 44: "Landkreis", 45: "Regionalverband"}.get(r.type_code)
        if kind:
            base = slugify_name(f"{kind} {r.name}")
    return unique_slug(base, taken)


def _diff(obj: models.Model, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    changed = {}
    for name, new in values.items():
        old = getattr(obj, name)
        if old != new:
            changed[name] = (old, new)
    return changed


def _save(
    model: type[models.Model],
    rows: dict[str, Any],
    existing: dict[str, Any],
    report: ImportReport,
    kind_of: Any,
) -> None:
    """Create new rows and update changed ones in bulk, recording the diffs."""
    fields = TRACKED_FIELDS[model]
    attnames = [model._meta.get_field(f).attname for f in fields]  # type: ignore[union-attr]  # compare FK ids, not objects
    to_create = []
    to_update: dict[tuple[str, ...], list[Any]] = {}  # grouped by the fields that changed
    for key, row in rows.items():
        kind = kind_of(row)
        old = existing.get(key)
        if old is None:
            to_create.append(row)
            report.count(report.created, kind)
            continue
        changed = _diff(old, {a: getattr(row, a) for a in attnames})
        if changed:
            for name, (before, after) in changed.items():
                setattr(old, name, after)
                report.changes.append(f"{model._meta.verbose_name} {key}: {name} {before} → {after}")
            to_update.setdefault(tuple(sorted(changed)), []).append(old)
            report.count(report.updated, kind)
        else:
            report.count(report.unchanged, kind)
        rows[key] = old
    if to_create:
        model.objects.bulk_create(to_create, batch_size=500)  # type: ignore[attr-defined]
    for changed_fields, objs in to_update.items():
        by_attname = {f.attname: f.name for f in model._meta.concrete_fields}
        names = [by_attname[a] for a in changed_fields]
        model.objects.bulk_update(objs, names, batch_size=500)  # type: ignore[attr-defined]
