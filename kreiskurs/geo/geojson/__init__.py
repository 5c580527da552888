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

The reader lives by noun in ``reading`` (the file), ``keys``, ``geometry``
and ``base`` (names, bounds, the error and the records); this package
re-exports the public names.
"""

from kreiskurs.territory.keys import ars_to_ags as ars_to_ags  # re-exported: part of this reader's interface

from .base import (
    GERMANY,
    KEY_PROPERTIES,
    NAME_PROPERTIES,
    WGS84_NAMES,
    BBox,
    BoundaryCollection,
    BoundaryFeature,
    GeoJSONError,
    feature_label,
)
from .geometry import bbox, check_geometry, merge_geometries, polygons
from .keys import detect_key_property, normalize_key
from .reading import count_raw_positions, load_json, parse

__all__ = [
    "GERMANY",
    "KEY_PROPERTIES",
    "NAME_PROPERTIES",
    "WGS84_NAMES",
    "BBox",
    "BoundaryCollection",
    "BoundaryFeature",
    "GeoJSONError",
    "ars_to_ags",
    "bbox",
    "check_geometry",
    "count_raw_positions",
    "detect_key_property",
    "feature_label",
    "load_json",
    "merge_geometries",
    "normalize_key",
    "parse",
    "polygons",
]
