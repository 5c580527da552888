"""Writes of the geo app: importing municipality boundaries from GeoJSON.

All or nothing: the whole file is read and checked (:mod:`.geojson`) before
one row is written, and the writes run in one transaction. A re-import
replaces the boundaries of every district it touches.

Like the GV100AD import (territory), the import moves the district's cache
generation on but writes no audit entry: the geo app may not depend on the
audit app (tests/test_architecture.py); see docs/decisions/0010-boundaries.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change
from kreiskurs.collation import natural
from kreiskurs.territory.models import District, Municipality

from . import geojson
from .models import Boundary
from .names import same_municipality
from .simplify import count_positions, simplify_shared

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

#: The simplified copy drops detail smaller than this share of the district's extent
#: (about 25 m for a district 50 km across: below a pixel on a page-wide map).
#: the actions this module writes into the audit log, in readable German (see ``kreiskurs.audit.labels``)
register_action_labels({"import_boundaries": gettext_lazy("Gemeindegrenzen eingelesen")})


SIMPLIFY_SHARE = 1 / 2000
#: Decimal places of the simplified copy (about 1 m; the map never shows finer).
SIMPLIFIED_DIGITS = 5
#: The map page stays small: no municipality's simplified copy has more positions than this.
#: Where one would, the whole district is simplified again with twice the tolerance (so
#: shared borders stay shared), up to MAX_COARSENING times.
MAP_POSITIONS_PER_MUNICIPALITY = 1000
MAX_COARSENING = 12
ATTRIBUTION_MAX = Boundary._meta.get_field("attribution").max_length or 300


class BoundaryImportError(ValueError):
    """The file cannot be imported; the message names the file, the feature and what is wrong."""


@dataclass
class UnmatchedFeature:
    label: str  # "Feature 7 („Name“)"
    key: str
    ags: str

    def __str__(self) -> str:
        return f"{self.label}: {self.key}" + (f" (AGS {self.ags})" if self.key != self.ags else "")


@dataclass
class NameMismatch:
    """A feature whose name names another municipality than its key: imported, but worth a look."""

    label: str  # "Feature 7 („Beckum“)"
    ags: str
    official: str  # the name of the municipality with that AGS

    def __str__(self) -> str:
        return _("%(feature)s trägt den Schlüssel %(ags)s von „%(official)s“") % {
            "feature": self.label,
            "ags": self.ags,
            "official": self.official,
        }


@dataclass
class DistrictResult:
    district: District
    imported: int = 0
    replaced: int = 0
    without_geometry: list[Municipality] = field(default_factory=list)


@dataclass
class BoundaryImportReport:
    """What an import did: per district, and what in the file did not fit."""

    source: str
    key_property: str
    attribution: str
    districts: list[DistrictResult] = field(default_factory=list)
    unmatched: list[UnmatchedFeature] = field(default_factory=list)
    #: features of districts that were not asked for (``district_keys``)
    outside: int = 0
    #: AGS whose area came in several features (e.g. VG250's land and water parts), merged
    merged: list[str] = field(default_factory=list)
    #: imported features whose name property names another municipality than their key
    name_mismatches: list[NameMismatch] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return sum(d.imported for d in self.districts)

    def summary_lines(self) -> list[str]:
        lines = [_("Schlüssel aus der Eigenschaft „%(key_property)s“") % {"key_property": self.key_property}]
        for result in self.districts:
            lines.append(
                _(
                    "%(district)s: %(imported)s Gemeindegrenzen importiert (%(replaced)s ersetzt), "
                    "%(without)s Gemeinden ohne Geometrie"
                )
                % {
                    "district": result.district.display_name,
                    "imported": result.imported,
                    "replaced": result.replaced,
                    "without": len(result.without_geometry),
                }
            )
        if self.merged:
            lines.append(
                _("%(n)s Gemeinden aus mehreren Features zusammengesetzt: %(keys)s")
                % {"n": len(self.merged), "keys": ", ".join(self.merged)}
            )
        if self.outside:
            lines.append(_("%(n)s Features anderer Kreise übergangen") % {"n": self.outside})
        lines.append(_("%(n)s Features ohne passende Gemeinde") % {"n": len(self.unmatched)})
        if self.name_mismatches:
            lines.append(
                _("Warnung: %(n)s Features mit dem Namen einer anderen Gemeinde als ihr Schlüssel (bitte prüfen)")
                % {"n": len(self.name_mismatches)}
            )
        return lines


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BoundaryImportError(
            _("%(path)s: Datei nicht lesbar (%(strerror)s)") % {"path": path, "strerror": exc.strerror}
        ) from None


def _districts(path: Path, keys: list[str]) -> list[District]:
    bad = [k for k in keys if len(k) != 5 or not k.isdigit()]
    if bad:
        raise BoundaryImportError(
            _("%(path)s: „%(bad)s“ ist kein Kreisschlüssel (5 Ziffern)") % {"path": path, "bad": bad[0]}
        )
    found = {d.key: d for d in District.objects.filter(key__in=keys)}
    missing = sorted(set(keys) - found.keys())
    if missing:
        raise BoundaryImportError(
            _(
                "%(path)s: Kreis %(districts)s ist in Kreiskurs nicht angelegt "
                "(zuerst das Gemeindeverzeichnis importieren)"
            )
            % {"path": path, "districts": ", ".join(missing)}
        )
    return [found[k] for k in keys]


def import_boundaries(
    *,
    by: Actor,
    path: Path,
    district_keys: Iterable[str] = (),
    key_property: str | None = None,
    attribution: str | None = None,
    max_positions: int | None = None,
) -> BoundaryImportReport:
    """Import municipality boundaries from a GeoJSON FeatureCollection, matched by AGS.

    ``district_keys`` restricts the import to those districts (the whole file
    is still checked); without it every district with a matching feature is
    imported. Each touched district's boundaries are replaced by the file's.
    ``attribution`` (else the file's top-level ``attribution`` member) is the
    source note the map shows. ``by`` is the acting user (``None`` for the
    command line and the demo). ``max_positions`` bounds the file's positions
    (default: the setting ``KREISKURS_GEOJSON_MAX_POSITIONS``).
    """
    limit = settings.KREISKURS_GEOJSON_MAX_POSITIONS if max_positions is None else max_positions
    try:
        collection = geojson.parse(_read(path), key_property=key_property or None, max_positions=limit)
    except geojson.GeoJSONError as exc:
        raise BoundaryImportError(_("%(path)s: %(error)s") % {"path": path, "error": exc}) from None
    note = (collection.attribution if attribution is None else attribution).strip()
    if len(note) > ATTRIBUTION_MAX:
        raise BoundaryImportError(
            _("%(path)s: Quellenvermerk länger als %(limit)s Zeichen") % {"path": path, "limit": ATTRIBUTION_MAX}
        )
    keys = list(dict.fromkeys(district_keys))
    wanted = _districts(path, keys) if keys else []

    by_ags: dict[str, list[geojson.BoundaryFeature]] = defaultdict(list)
    for feature in collection.features:
        by_ags[feature.ags].append(feature)
    if wanted:
        wanted_keys = {d.key for d in wanted}
        candidates = Municipality.objects.filter(district__in=wanted)
    else:
        wanted_keys = set()
        candidates = Municipality.objects.filter(ags__in=list(by_ags))
    municipalities = {m.ags: m for m in candidates.select_related("district")}

    report = BoundaryImportReport(
        source=path.name,
        key_property=collection.key_property,
        attribution=note,
    )
    matched: dict[str, list[geojson.BoundaryFeature]] = {}
    for ags, features in by_ags.items():
        if wanted and ags[:5] not in wanted_keys:
            report.outside += len(features)
        elif ags in municipalities:
            matched[ags] = features
            if len(features) > 1:
                report.merged.append(ags)
            official = municipalities[ags].name
            report.name_mismatches.extend(
                NameMismatch(f.label, ags, official) for f in features if not same_municipality(f.name, official)
            )
        else:
            report.unmatched.extend(UnmatchedFeature(f.label, f.key, f.ags) for f in features)
    report.unmatched.sort(key=lambda u: int(u.label.split()[1]))
    report.merged.sort()
    report.name_mismatches.sort(key=lambda m: int(m.label.split()[1]))
    if not matched:
        where = (
            _("keine Gemeinde des Kreises %(keys)s") % {"keys": ", ".join(sorted(wanted_keys))}
            if wanted
            else _("keine Gemeinde")
        )
        raise BoundaryImportError(
            _(
                "%(path)s: Die Datei enthält %(where)s, die in Kreiskurs angelegt ist "
                "(Schlüssel aus „%(key_property)s“, %(features)s Features)"
            )
            % {
                "path": path,
                "where": where,
                "key_property": collection.key_property,
                "features": len(collection.features),
            }
        )

    districts = wanted or sorted({m.district for ags, m in municipalities.items() if ags in matched}, key=str)
    with transaction.atomic():
        for district in districts:
            report.districts.append(_replace(by, district, path, collection, matched, municipalities, report))
    return report


def _for_the_map(geometries: list[dict[str, Any]], boxes: list[geojson.BBox]) -> list[dict[str, Any]]:
    """The simplified copies the map shows: detail below a pixel left out, at most
    :data:`MAP_POSITIONS_PER_MUNICIPALITY` positions each (coarser where a border is very detailed)."""
    if not boxes:
        return []
    extent = max(
        max(b[2] for b in boxes) - min(b[0] for b in boxes), max(b[3] for b in boxes) - min(b[1] for b in boxes)
    )
    tolerance = extent * SIMPLIFY_SHARE
    simplified = simplify_shared(geometries, tolerance=tolerance, digits=SIMPLIFIED_DIGITS, drop_specks=True)
    for _round in range(MAX_COARSENING):
        if max(count_positions(g) for g in simplified) <= MAP_POSITIONS_PER_MUNICIPALITY:
            break
        tolerance *= 2  # coarsen the copy (cheap: it is already simplified), the whole district alike
        simplified = simplify_shared(simplified, tolerance=tolerance, digits=SIMPLIFIED_DIGITS, drop_specks=True)
    return simplified


def _replace(
    by: Actor,
    district: District,
    path: Path,
    collection: geojson.BoundaryCollection,
    matched: dict[str, list[geojson.BoundaryFeature]],
    municipalities: dict[str, Municipality],
    report: BoundaryImportReport,
) -> DistrictResult:
    result = DistrictResult(district)
    mine = sorted(ags for ags in matched if municipalities[ags].district_id == district.pk)
    geometries = [geojson.merge_geometries(f.geometry for f in matched[ags]) for ags in mine]
    boxes = [geojson.bbox(g) for g in geometries]
    simplified = _for_the_map(geometries, boxes)
    result.replaced = Boundary.objects.filter(district=district).count()
    Boundary.objects.filter(district=district).delete()
    # a municipality that moved to this district takes its boundary along
    Boundary.objects.filter(municipality__in=[municipalities[ags] for ags in mine]).delete()
    rows = []
    for ags, geometry, simple, box in zip(mine, geometries, simplified, boxes, strict=True):
        row = Boundary(
            district=district,
            municipality=municipalities[ags],
            geometry=geometry,
            simplified=simple,
            west=box[0],
            south=box[1],
            east=box[2],
            north=box[3],
            source=report.source[:300],
            key_property=collection.key_property[:100],
            attribution=report.attribution,
        )
        try:
            # the one-to-one is unique by construction (rows grouped by AGS, old rows deleted above)
            row.full_clean(validate_unique=False)
        except ValidationError as exc:
            label = matched[ags][0].label
            problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            raise BoundaryImportError(
                _("%(path)s: %(label)s: %(problems)s") % {"path": path, "label": label, "problems": problems}
            ) from None
        rows.append(row)
    Boundary.objects.bulk_create(rows, batch_size=200)
    result.imported = len(rows)
    result.without_geometry = list(
        Municipality.objects.filter(district=district, boundary__isnull=True).order_by(natural("name"))
    )
    # one audit entry per district and import (it also moves the district's cache generation on)
    record_change(
        by=by,
        district=district,
        action="import_boundaries",
        obj=district,
        changes={"boundaries": (result.replaced, result.imported), "source": ("", report.source[:200])},
    )
    return result
