"""Geometries: Polygon and MultiPolygon checked position by position, merged, bounded."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from kreiskurs.i18n import gettext as _

from .base import GERMANY, BBox, GeoJSONError


def _position(value: Any, member: str, where: str) -> list[float]:
    if not isinstance(value, list) or len(value) < 2:
        raise GeoJSONError(_("erwartet eine Position [Länge, Breite]"), feature=where, member=member)
    numbers = value[:2]
    for number in value:
        if isinstance(number, bool) or not isinstance(number, int | float) or not math.isfinite(number):
            raise GeoJSONError(
                _("%(value)s ist keine Position aus Zahlen") % {"value": json.dumps(value)[:60]},
                feature=where,
                member=member,
            )
    lon, lat = (float(n) for n in numbers)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise GeoJSONError(
            _(
                "Koordinate [%(lon)s, %(lat)s] außerhalb des Wertebereichs (Länge "
                "−180…180, Breite −90…90): erwartet WGS 84 in Grad (EPSG:4326); eine "
                "projizierte Datei (z. B. EPSG:25832) bitte umrechnen"
            )
            % {"lon": lon, "lat": lat},
            feature=where,
            member=member,
        )
    west, south, east, north = GERMANY
    if not (west <= lon <= east and south <= lat <= north):
        raise GeoJSONError(
            _(
                "Koordinate [%(lon)s, %(lat)s] liegt nicht in Deutschland (Länge "
                "%(west)s…%(east)s, Breite %(south)s…%(north)s); sind Länge und Breite "
                "vertauscht?"
            )
            % {"lon": lon, "lat": lat, "west": west, "east": east, "south": south, "north": north},
            feature=where,
            member=member,
        )
    return [lon, lat]


def _ring(value: Any, member: str, where: str) -> list[list[float]]:
    if not isinstance(value, list):
        raise GeoJSONError(_("erwartet einen Ring (Liste von Positionen)"), feature=where, member=member)
    if len(value) < 4:
        raise GeoJSONError(
            _("ein Ring braucht mindestens 4 Positionen, gefunden: %(count)s") % {"count": len(value)},
            feature=where,
            member=member,
        )
    ring = [_position(p, f"{member}[{i}]", where) for i, p in enumerate(value)]
    if ring[0] != ring[-1]:
        raise GeoJSONError(
            _("Ring nicht geschlossen (erste und letzte Position verschieden)"), feature=where, member=member
        )
    return ring


def _polygon(value: Any, member: str, where: str) -> list[list[list[float]]]:
    if not isinstance(value, list) or not value:
        raise GeoJSONError(_("erwartet ein Polygon (Liste von Ringen)"), feature=where, member=member)
    return [_ring(r, f"{member}[{i}]", where) for i, r in enumerate(value)]


def check_geometry(value: Any, where: str = "") -> dict[str, Any]:
    """A checked copy of a Polygon or MultiPolygon geometry (2-D positions as floats)."""
    if value is None:
        raise GeoJSONError(_("fehlt (null): jede Gemeinde braucht eine Fläche"), feature=where, member="geometry")
    if not isinstance(value, dict):
        raise GeoJSONError(_("ist kein GeoJSON-Objekt"), feature=where, member="geometry")
    kind = value.get("type")
    coordinates = value.get("coordinates")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": _polygon(coordinates, "geometry.coordinates", where)}
    if kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise GeoJSONError(_("erwartet eine Liste von Polygonen"), feature=where, member="geometry.coordinates")
        return {
            "type": "MultiPolygon",
            "coordinates": [_polygon(p, f"geometry.coordinates[{i}]", where) for i, p in enumerate(coordinates)],
        }
    raise GeoJSONError(
        _("Geometrietyp „%(kind)s“ wird nicht unterstützt: erwartet Polygon oder MultiPolygon") % {"kind": kind},
        feature=where,
        member="geometry.type",
    )


def polygons(geometry: Mapping[str, Any]) -> list[list[list[list[float]]]]:
    """The polygons of a Polygon or MultiPolygon (each a list of rings)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def merge_geometries(geometries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """One geometry from several: the only Polygon as it is, else a MultiPolygon of all parts."""
    parts = [p for g in geometries for p in polygons(g)]
    if len(parts) == 1:
        return {"type": "Polygon", "coordinates": parts[0]}
    return {"type": "MultiPolygon", "coordinates": parts}


def bbox(geometry: Mapping[str, Any]) -> BBox:
    """(west, south, east, north) of a Polygon or MultiPolygon."""
    lons = [p[0] for polygon in polygons(geometry) for ring in polygon for p in ring]
    lats = [p[1] for polygon in polygons(geometry) for ring in polygon for p in ring]
    return min(lons), min(lats), max(lons), max(lats)
