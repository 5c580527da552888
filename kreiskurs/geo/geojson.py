"""Municipality boundaries in GeoJSON: read, check, and key them by AGS.

Plain Python, no Django: :func:`parse` turns the bytes of a file into
:class:`BoundaryFeature` records or raises :class:`GeoJSONError` naming the
feature (its 1-based position in ``features`` and its name, where the file has
one), the JSON member and what is wrong.

What a file must be (RFC 7946): a ``FeatureCollection`` in WGS 84 longitude/
latitude; each feature a ``Polygon`` or ``MultiPolygon`` with closed rings of at
least four positions. Coordinates must lie in Germany (a plausibility check
that catches projected files such as VG250's native EPSG:25832 and swapped
longitude/latitude).

The key. Sources name the property that holds the municipality key
differently; without an explicit ``key_property`` the first name of
:data:`KEY_PROPERTIES` present in the *first* feature is used for the whole
file, and every feature must have it. A value is either an AGS (8 digits) or
an ARS (12 digits: Land 2, Regierungsbezirk 1, Kreis 2, Verband 4, Gemeinde 3),
whose AGS is ``ARS[0:5] + ARS[9:12]``. A key that lost its leading zero
(Länder 01–09; a JSON number, or text from a spreadsheet) gets it back, by the
AGS normaliser every importer shares (``kreiskurs/territory/keys.py``).

Bounds. A file may hold at most ``max_positions`` positions (the caller's
setting, counted before each feature is checked) and nest no deeper than the
JSON parser allows: both give a :class:`GeoJSONError`, never a traceback.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kreiskurs.territory import keys
from kreiskurs.territory.keys import ars_to_ags as ars_to_ags  # re-exported: part of this reader's interface

#: Property names that hold the municipality key, in the order they are tried.
#: ``AGS``/``RS``/``AGS_0``/``RS_0``: BKG VG250 (and the npm package built from it);
#: ``ags``/``ars``/``rs``: many open-data portals; ``de:…``: OpenStreetMap exports.
#: ``SDV_RS`` (VG250) is deliberately absent: it is the key of the *seat* of the
#: administration, not of the municipality itself.
KEY_PROPERTIES: tuple[str, ...] = (
    "AGS",
    "ags",
    "AGS_0",
    "ags_0",
    "de:amtlicher_gemeindeschluessel",
    "ARS",
    "ars",
    "RS",
    "rs",
    "ARS_0",
    "RS_0",
    "rs_0",
    "de:regionalschluessel",
)

#: Property names that hold the municipality's name (only used in messages and reports).
NAME_PROPERTIES: tuple[str, ...] = ("GEN", "gen", "name", "NAME", "Name")

#: Coordinate reference systems accepted in the (obsolete, pre-RFC 7946) ``crs`` member.
WGS84_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
}

#: Germany with a margin (west, south, east, north): every position must lie in it.
GERMANY = (5.5, 47.0, 15.5, 55.5)

BBox = tuple[float, float, float, float]


class GeoJSONError(ValueError):
    """The file cannot be read: the message names the feature, the member and the problem."""

    def __init__(self, message: str, *, feature: str = "", member: str = "") -> None:
        self.feature = feature
        self.member = member
        self.message = message
        parts = [p for p in (feature, f"„{member}“" if member else "") if p]
        super().__init__(f"{', '.join(parts)}: {message}" if parts else message)


@dataclass(frozen=True)
class BoundaryFeature:
    """One feature of the file, checked: its AGS and its geometry (2-D, floats)."""

    number: int  # 1-based position in "features"
    ags: str
    key: str  # the key as found (8 or 12 digits, padded where it was a number)
    name: str
    geometry: dict[str, Any]

    @property
    def label(self) -> str:
        return feature_label(self.number, self.name)


@dataclass(frozen=True)
class BoundaryCollection:
    key_property: str
    features: list[BoundaryFeature]
    attribution: str  # the optional top-level member "attribution"; "" if absent


def feature_label(number: int, name: str = "") -> str:
    return f"Feature {number} („{name}“)" if name else f"Feature {number}"


# --- keys --------------------------------------------------------------------------------------


def normalize_key(value: Any) -> tuple[str, str]:
    """``(key, ags)`` for a property value holding an AGS or an ARS; ``ValueError`` otherwise.

    The repair of a lost leading zero is the shared one (:mod:`kreiskurs.territory.keys`,
    used by every importer): a key one digit short that starts with 1–9 gets it back,
    whether the file wrote it as a JSON number or as text.
    """
    if isinstance(value, list | dict):
        raise ValueError(f"{json.dumps(value)[:40]} ist kein Gemeindeschlüssel")
    ags = keys.normalize_ags(value)  # "… ist weder ein AGS (8 Ziffern) noch ein ARS (12 Ziffern)"
    try:
        key = keys.normalize_key(value, length=keys.ARS_LENGTH)
    except ValueError:
        key = keys.normalize_key(value, length=keys.AGS_LENGTH)
    return key, ags


def detect_key_property(properties: Mapping[str, Any]) -> str | None:
    """The first name of :data:`KEY_PROPERTIES` with a value in ``properties``."""
    for name in KEY_PROPERTIES:
        if properties.get(name) not in (None, ""):
            return name
    return None


def _name(properties: Mapping[str, Any]) -> str:
    for name in NAME_PROPERTIES:
        value = properties.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


# --- geometry ----------------------------------------------------------------------------------


def _position(value: Any, member: str, where: str) -> list[float]:
    if not isinstance(value, list) or len(value) < 2:
        raise GeoJSONError("erwartet eine Position [Länge, Breite]", feature=where, member=member)
    numbers = value[:2]
    for number in value:
        if isinstance(number, bool) or not isinstance(number, int | float) or not math.isfinite(number):
            raise GeoJSONError(f"{json.dumps(value)[:60]} ist keine Position aus Zahlen", feature=where, member=member)
    lon, lat = (float(n) for n in numbers)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise GeoJSONError(
            f"Koordinate [{lon}, {lat}] außerhalb des Wertebereichs (Länge −180…180, Breite −90…90): "
            "erwartet WGS 84 in Grad (EPSG:4326); eine projizierte Datei (z. B. EPSG:25832) bitte umrechnen",
            feature=where,
            member=member,
        )
    west, south, east, north = GERMANY
    if not (west <= lon <= east and south <= lat <= north):
        raise GeoJSONError(
            f"Koordinate [{lon}, {lat}] liegt nicht in Deutschland (Länge {west}…{east}, Breite {south}…{north}); "
            "sind Länge und Breite vertauscht?",
            feature=where,
            member=member,
        )
    return [lon, lat]


def _ring(value: Any, member: str, where: str) -> list[list[float]]:
    if not isinstance(value, list):
        raise GeoJSONError("erwartet einen Ring (Liste von Positionen)", feature=where, member=member)
    if len(value) < 4:
        raise GeoJSONError(
            f"ein Ring braucht mindestens 4 Positionen, gefunden: {len(value)}", feature=where, member=member
        )
    ring = [_position(p, f"{member}[{i}]", where) for i, p in enumerate(value)]
    if ring[0] != ring[-1]:
        raise GeoJSONError(
            "Ring nicht geschlossen (erste und letzte Position verschieden)", feature=where, member=member
        )
    return ring


def _polygon(value: Any, member: str, where: str) -> list[list[list[float]]]:
    if not isinstance(value, list) or not value:
        raise GeoJSONError("erwartet ein Polygon (Liste von Ringen)", feature=where, member=member)
    return [_ring(r, f"{member}[{i}]", where) for i, r in enumerate(value)]


def check_geometry(value: Any, where: str = "") -> dict[str, Any]:
    """A checked copy of a Polygon or MultiPolygon geometry (2-D positions as floats)."""
    if value is None:
        raise GeoJSONError("fehlt (null): jede Gemeinde braucht eine Fläche", feature=where, member="geometry")
    if not isinstance(value, dict):
        raise GeoJSONError("ist kein GeoJSON-Objekt", feature=where, member="geometry")
    kind = value.get("type")
    coordinates = value.get("coordinates")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": _polygon(coordinates, "geometry.coordinates", where)}
    if kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise GeoJSONError("erwartet eine Liste von Polygonen", feature=where, member="geometry.coordinates")
        return {
            "type": "MultiPolygon",
            "coordinates": [_polygon(p, f"geometry.coordinates[{i}]", where) for i, p in enumerate(coordinates)],
        }
    raise GeoJSONError(
        f"Geometrietyp „{kind}“ wird nicht unterstützt: erwartet Polygon oder MultiPolygon",
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


# --- the file ----------------------------------------------------------------------------------


def count_raw_positions(geometry: Any) -> int:
    """Positions in a not yet checked geometry (0 for anything that is not Polygon or MultiPolygon-shaped)."""
    if not isinstance(geometry, dict):
        return 0
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list):
        return 0
    parts = [coordinates] if geometry.get("type") == "Polygon" else coordinates
    return sum(
        len(ring) for polygon in parts if isinstance(polygon, list) for ring in polygon if isinstance(ring, list)
    )


TOO_DEEP = "zu tief verschachtelt (GeoJSON-Flächen brauchen nur wenige Ebenen); die Datei ist keine gültige Grenzdatei"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} ist in JSON nicht erlaubt")


def load_json(data: bytes | str) -> Any:
    """Decode UTF-8 (with or without BOM) and parse strict JSON (no NaN/Infinity)."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GeoJSONError(f"keine UTF-8-Datei (ungültiges Byte an Position {exc.start})") from None
    else:
        text = data
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise GeoJSONError(f"kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise GeoJSONError(f"kein gültiges JSON: {TOO_DEEP}") from None
    except ValueError as exc:
        raise GeoJSONError(f"kein gültiges JSON ({exc})") from None


def _check_crs(document: Mapping[str, Any]) -> None:
    crs = document.get("crs")
    if crs is None:
        return
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if name not in WGS84_NAMES:
        raise GeoJSONError(
            f"Koordinatensystem {json.dumps(name or crs)[:80]} wird nicht unterstützt: erwartet WGS 84 (EPSG:4326)",
            member="crs",
        )


def parse(
    data: bytes | str, *, key_property: str | None = None, max_positions: int | None = None
) -> BoundaryCollection:
    """Read a FeatureCollection of municipality boundaries; every feature is checked.

    ``max_positions`` bounds the positions of the whole file (``None``: no bound).
    """
    document = load_json(data)
    try:
        return _parse(document, key_property=key_property, max_positions=max_positions)
    except RecursionError:  # a value nested just below the parser's limit, met again in a message
        raise GeoJSONError(TOO_DEEP) from None


def _parse(document: Any, *, key_property: str | None, max_positions: int | None) -> BoundaryCollection:
    if not isinstance(document, dict):
        found = "eine Liste" if isinstance(document, list) else type(document).__name__
        raise GeoJSONError(f"erwartet ein GeoJSON-Objekt vom Typ FeatureCollection, gefunden: {found}")
    if document.get("type") != "FeatureCollection":
        raise GeoJSONError(
            f"Typ {json.dumps(document.get('type'))[:40]}: erwartet eine FeatureCollection", member="type"
        )
    _check_crs(document)
    raw_features = document.get("features")
    if not isinstance(raw_features, list):
        raise GeoJSONError("fehlt oder ist keine Liste", member="features")
    if not raw_features:
        raise GeoJSONError("die FeatureCollection enthält keine Features", member="features")
    attribution = document.get("attribution", "")
    if not isinstance(attribution, str):
        raise GeoJSONError("muss ein Text sein", member="attribution")

    features = []
    positions = 0
    for number, raw in enumerate(raw_features, start=1):
        if not isinstance(raw, dict) or raw.get("type") != "Feature":
            raise GeoJSONError("ist kein Objekt vom Typ „Feature“", feature=feature_label(number))
        properties = raw.get("properties") or {}
        if not isinstance(properties, dict):
            raise GeoJSONError("ist kein Objekt", feature=feature_label(number), member="properties")
        where = feature_label(number, _name(properties))
        if key_property is None:
            key_property = detect_key_property(properties)
            if key_property is None:
                names = ", ".join(sorted(properties)[:12]) or "keine"
                raise GeoJSONError(
                    f"keine Eigenschaft mit dem Gemeindeschlüssel (gesucht: {', '.join(KEY_PROPERTIES)}; "
                    f"vorhanden: {names}); den Namen der Eigenschaft ausdrücklich angeben (--key-property)",
                    feature=where,
                    member="properties",
                )
        if properties.get(key_property) in (None, ""):
            raise GeoJSONError(
                "fehlt oder ist leer (Gemeindeschlüssel, AGS oder ARS)",
                feature=where,
                member=f"properties.{key_property}",
            )
        try:
            key, ags = normalize_key(properties[key_property])
        except ValueError as exc:
            raise GeoJSONError(str(exc), feature=where, member=f"properties.{key_property}") from None
        positions += count_raw_positions(raw.get("geometry"))
        if max_positions is not None and positions > max_positions:
            raise GeoJSONError(
                f"die Datei hat mehr als {format(max_positions, ',').replace(',', '.')} Positionen (Eckpunkte), "
                "so viele sind je Datei erlaubt (Einstellung KREISKURS_GEOJSON_MAX_POSITIONS); bitte auf die "
                "benötigten Kreise zuschneiden oder vorher vereinfachen",
                feature=where,
                member="geometry.coordinates",
            )
        geometry = check_geometry(raw.get("geometry"), where)
        features.append(BoundaryFeature(number=number, ags=ags, key=key, name=_name(properties), geometry=geometry))
    assert key_property is not None  # set while reading the first feature
    return BoundaryCollection(key_property=key_property, features=features, attribution=attribution.strip())
