"""What the GeoJSON reader shares: the property names it looks for, the bounds, the error and the records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
