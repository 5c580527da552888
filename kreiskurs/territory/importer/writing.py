"""Writing the plan: districts, associations, municipalities and areas outside any district, in bulk, with diffs."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext, gettext_noop

from ..models import District, MunicipalAssociation, Municipality, OutsideArea
from ..slugs import slugify_name, unique_slug
from .names import _district_slug, _Names
from .plan import _Plan
from .report import ASSOCIATIONS, DISTRICTS, MUNICIPALITIES, OUTSIDE, UNINCORPORATED, ImportReport

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
