"""Import of the GV100AD directory into the territory tables.

All-or-nothing: the whole file is parsed and checked before one row is
written, and the writes run in a single transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction

from . import gv100ad
from .models import District, MunicipalAssociation, Municipality
from .slugs import slugify_name, unique_slug

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
}


@dataclass
class ImportReport:
    """What an import did, per kind: created, updated (with field changes), unchanged."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)

    def count(self, bucket: dict[str, int], kind: str) -> None:
        bucket[kind] = bucket.get(kind, 0) + 1

    def summary_lines(self) -> list[str]:
        lines = []
        for kind in ("Kreise", "Gemeindeverbände", "Gemeinden"):
            lines.append(
                f"{kind}: {self.created.get(kind, 0)} neu, {self.updated.get(kind, 0)} geändert, "
                f"{self.unchanged.get(kind, 0)} unverändert"
            )
        return lines


class ImportError_(ValueError):
    """The file cannot be imported; the message names file, line and field."""


def _read(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportError_(f"{path}: Datei nicht lesbar ({exc.strerror})") from None
    # split on line feeds only: str.splitlines() would also break at form feeds,
    # U+0085 or U+2028, which Latin-1 text can contain, and shift line numbers
    return [line.rstrip("\r") for line in gv100ad.decode(data).split("\n")]


def _parse(path: Path) -> list[gv100ad.Record]:
    try:
        return list(gv100ad.parse_lines(_read(path)))
    except gv100ad.GV100ADError as exc:
        raise ImportError_(f"{path}: {exc}") from None


def _refuse_duplicates(path: Path, records: list[gv100ad.Record]) -> None:
    """A key may stand only once in the file (a repeated record would count twice)."""
    seen: dict[tuple[str, str], int] = {}
    for r in records:
        key = (type(r).__name__, r.ags if isinstance(r, gv100ad.MunicipalityRecord) else r.key)
        if key in seen:
            field = "Gemeindeschlüssel" if isinstance(r, gv100ad.MunicipalityRecord) else "Schlüssel"
            raise ImportError_(f"{path}: Zeile {r.line_no}, Feld „{field}“: {key[1]} steht schon in Zeile {seen[key]}")
        seen[key] = r.line_no


def _diff(obj: models.Model, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    changed = {}
    for name, new in values.items():
        old = getattr(obj, name)
        if old != new:
            changed[name] = (old, new)
    return changed


def import_gv100ad(path: Path, *, district_keys: Iterable[str] = ()) -> ImportReport:
    """Import districts, associations and municipalities from a GV100AD file.

    ``district_keys`` restricts the import to those districts (the whole
    file is still checked). Existing rows are updated in place; rows missing
    from the file are reported, never deleted (other data refers to them).
    """
    records = _parse(path)
    _refuse_duplicates(path, records)
    wanted = set(district_keys)
    lands = {r.key: r.name for r in records if isinstance(r, gv100ad.LandRecord)}
    districts = {r.key: r for r in records if isinstance(r, gv100ad.DistrictRecord)}
    unknown = wanted - districts.keys()
    if unknown:
        raise ImportError_(f"{path}: Kreis(e) {', '.join(sorted(unknown))} nicht in der Datei")
    all_associations = {r.key: r for r in records if isinstance(r, gv100ad.AssociationRecord)}
    associations: dict[str, gv100ad.AssociationRecord] = {}
    municipalities: list[gv100ad.MunicipalityRecord] = []
    for r in records:
        if not isinstance(r, gv100ad.AssociationRecord | gv100ad.MunicipalityRecord):
            continue
        district_key = r.key[:5] if isinstance(r, gv100ad.AssociationRecord) else r.district_key
        if district_key not in districts:
            raise ImportError_(
                f"{path}: Zeile {r.line_no}, Feld „Kreis“: Kreis {district_key} fehlt in der Datei (Satzart 40)"
            )
        if isinstance(r, gv100ad.MunicipalityRecord) and r.association_key not in all_associations:
            raise ImportError_(
                f"{path}: Zeile {r.line_no}, Feld „Gemeindeverband“: Verband {r.association_key} "
                "fehlt in der Datei (Satzart 50)"
            )
        if wanted and district_key not in wanted:
            continue
        if isinstance(r, gv100ad.AssociationRecord):
            associations[r.key] = r
        else:
            municipalities.append(r)
    if wanted:
        districts = {k: v for k, v in districts.items() if k in wanted}
    report = ImportReport()
    with transaction.atomic():
        _write(districts, lands, associations, municipalities, report)
    return report


def _write(
    districts: dict[str, gv100ad.DistrictRecord],
    lands: dict[str, str],
    associations: dict[str, gv100ad.AssociationRecord],
    municipalities: list[gv100ad.MunicipalityRecord],
    report: ImportReport,
) -> None:
    totals: dict[str, tuple[int, Any]] = {}
    for m in municipalities:
        pop, area = totals.get(m.district_key, (0, 0))
        totals[m.district_key] = (pop + m.population, area + m.area_km2)

    existing_districts = {d.key: d for d in District.objects.all()}
    taken = {d.slug for d in existing_districts.values()}
    district_rows: dict[str, District] = {}
    for key, r in sorted(districts.items()):
        pop, area = totals.get(key, (0, 0))
        row = District(
            key=key,
            name=r.name,
            type_code=r.type_code,
            seat=r.seat,
            land_key=key[:2],
            land_name=lands.get(key[:2], ""),
            population=pop,
            area_km2=area,
            reference_date=r.reference_date,
        )
        if key not in existing_districts:
            row.slug = _district_slug(r, taken)
            taken.add(row.slug)
        district_rows[key] = row
    _save("Kreise", District, district_rows, existing_districts, report)

    existing_assocs = {a.key: a for a in MunicipalAssociation.objects.all()}
    assoc_rows: dict[str, MunicipalAssociation] = {}
    for key, a in associations.items():
        assoc_rows[key] = MunicipalAssociation(
            key=key, district=district_rows[key[:5]], name=a.name, seat=a.seat, type_code=a.type_code
        )
    _save("Gemeindeverbände", MunicipalAssociation, assoc_rows, existing_assocs, report)

    existing_munis = {m.ags: m for m in Municipality.objects.all()}
    slugs_by_district: dict[int, set[str]] = {}
    for existing in existing_munis.values():
        slugs_by_district.setdefault(existing.district_id, set()).add(existing.slug)
    muni_rows: dict[str, Municipality] = {}
    for rec in municipalities:
        owner = district_rows[rec.district_key]
        muni = Municipality(
            ags=rec.ags,
            ars=rec.ars,
            district=owner,
            association=assoc_rows[rec.association_key],
            name=rec.name,
            type_code=rec.type_code,
            population=rec.population,
            area_km2=rec.area_km2,
            postcode=rec.postcode,
            reference_date=rec.reference_date,
        )
        before = existing_munis.get(rec.ags)
        if before is None or before.district_id != owner.pk:  # new, or moved to another district
            taken_here = slugs_by_district.setdefault(owner.pk, set())
            muni.slug = unique_slug(slugify_name(rec.name), taken_here)
            taken_here.add(muni.slug)
        else:
            muni.slug = before.slug
        muni_rows[rec.ags] = muni
    _save("Gemeinden", Municipality, muni_rows, existing_munis, report)

    report.not_in_file.extend(
        f"Gemeinde {m.ags} {m.name}"
        for m in existing_munis.values()
        if m.ags[:5] in districts and m.ags not in muni_rows
    )
    District.objects.filter(key__in=list(districts)).update(generation=models.F("generation") + 1)


def _district_slug(r: gv100ad.DistrictRecord, taken: set[str]) -> str:
    """Slug from the name; where two districts share a name (Stadt and
    Landkreis München), the one that comes second gets its kind in front."""
    base = slugify_name(r.name)
    if base in taken:
        kind = {43: "Kreis", 44: "Landkreis", 45: "Regionalverband"}.get(r.type_code)
        if kind:
            base = slugify_name(f"{kind} {r.name}")
    return unique_slug(base, taken)


def _save(
    kind: str,
    model: type[models.Model],
    rows: dict[str, Any],
    existing: dict[str, Any],
    report: ImportReport,
) -> None:
    """Create new rows and update changed ones in bulk, recording the diffs."""
    fields = TRACKED_FIELDS[model]
    attnames = [model._meta.get_field(f).attname for f in fields]  # type: ignore[union-attr]  # compare FK ids, not objects
    to_create = []
    to_update: dict[tuple[str, ...], list[Any]] = {}  # grouped by the fields that changed
    for key, row in rows.items():
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
