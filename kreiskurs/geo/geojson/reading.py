"""Reading the file: strict JSON, the FeatureCollection, every feature keyed and checked, within bounds."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kreiskurs.i18n import gettext as _

from .base import KEY_PROPERTIES, WGS84_NAMES, BoundaryCollection, BoundaryFeature, GeoJSONError, feature_label
from .geometry import check_geometry
from .keys import _name, detect_key_property, normalize_key


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


def _too_deep() -> str:
    return _(
        "zu tief verschachtelt (GeoJSON-Flächen brauchen nur wenige Ebenen); die Datei ist keine gültige Grenzdatei"
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(_("%(name)s ist in JSON nicht erlaubt") % {"name": name})


def load_json(data: bytes | str) -> Any:
    """Decode UTF-8 (with or without BOM) and parse strict JSON (no NaN/Infinity)."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GeoJSONError(
                _("keine UTF-8-Datei (ungültiges Byte an Position %(position)s)") % {"position": exc.start}
            ) from None
    else:
        text = data
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise GeoJSONError(
            _("kein gültiges JSON (Zeile %(line)s, Spalte %(column)s: %(reason)s)")
            % {"line": exc.lineno, "column": exc.colno, "reason": exc.msg}
        ) from None
    except RecursionError:
        raise GeoJSONError(_("kein gültiges JSON: %(reason)s") % {"reason": _too_deep()}) from None
    except ValueError as exc:
        raise GeoJSONError(_("kein gültiges JSON (%(reason)s)") % {"reason": exc}) from None


def _check_crs(document: Mapping[str, Any]) -> None:
    crs = document.get("crs")
    if crs is None:
        return
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if name not in WGS84_NAMES:
        raise GeoJSONError(
            _("Koordinatensystem %(crs)s wird nicht unterstützt: erwartet WGS 84 (EPSG:4326)")
            % {"crs": json.dumps(name or crs)[:80]},
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
        raise GeoJSONError(_too_deep()) from None


def _parse(document: Any, *, key_property: str | None, max_positions: int | None) -> BoundaryCollection:
    if not isinstance(document, dict):
        found = _("eine Liste") if isinstance(document, list) else type(document).__name__
        raise GeoJSONError(
            _("erwartet ein GeoJSON-Objekt vom Typ FeatureCollection, gefunden: %(found)s") % {"found": found}
        )
    if document.get("type") != "FeatureCollection":
        raise GeoJSONError(
            _("Typ %(type)s: erwartet eine FeatureCollection") % {"type": json.dumps(document.get("type"))[:40]},
            member="type",
        )
    _check_crs(document)
    raw_features = document.get("features")
    if not isinstance(raw_features, list):
        raise GeoJSONError(_("fehlt oder ist keine Liste"), member="features")
    if not raw_features:
        raise GeoJSONError(_("die FeatureCollection enthält keine Features"), member="features")
    attribution = document.get("attribution", "")
    if not isinstance(attribution, str):
        raise GeoJSONError(_("muss ein Text sein"), member="attribution")

    features = []
    positions = 0
    for number, raw in enumerate(raw_features, start=1):
        if not isinstance(raw, dict) or raw.get("type") != "Feature":
            raise GeoJSONError(_("ist kein Objekt vom Typ „Feature“"), feature=feature_label(number))
        properties = raw.get("properties") or {}
        if not isinstance(properties, dict):
            raise GeoJSONError(_("ist kein Objekt"), feature=feature_label(number), member="properties")
        where = feature_label(number, _name(properties))
        if key_property is None:
            key_property = detect_key_property(properties)
            if key_property is None:
                names = ", ".join(sorted(properties)[:12]) or _("keine")
                raise GeoJSONError(
                    _(
                        "keine Eigenschaft mit dem Gemeindeschlüssel (gesucht: %(wanted)s; "
                        "vorhanden: %(names)s); den Namen der Eigenschaft ausdrücklich angeben "
                        "(--key-property)"
                    )
                    % {"wanted": ", ".join(KEY_PROPERTIES), "names": names},
                    feature=where,
                    member="properties",
                )
        if properties.get(key_property) in (None, ""):
            raise GeoJSONError(
                _("fehlt oder ist leer (Gemeindeschlüssel, AGS oder ARS)"),
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
                _(
                    "die Datei hat mehr als %(limit)s Positionen (Eckpunkte), so viele "
                    "sind je Datei erlaubt (Einstellung KREISKURS_GEOJSON_MAX_POSITIONS); "
                    "bitte auf die benötigten Kreise zuschneiden oder vorher vereinfachen"
                )
                % {"limit": format(max_positions, ",").replace(",", ".")},
                feature=where,
                member="geometry.coordinates",
            )
        geometry = check_geometry(raw.get("geometry"), where)
        features.append(BoundaryFeature(number=number, ags=ags, key=key, name=_name(properties), geometry=geometry))
    assert key_property is not None  # set while reading the first feature
    return BoundaryCollection(key_property=key_property, features=features, attribution=attribution.strip())
