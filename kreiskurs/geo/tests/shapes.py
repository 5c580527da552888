"""Small GeoJSON shapes for the geo tests: squares on a grid in Westphalia."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ORIGIN = (7.0, 51.5)
SIZE = 0.1


def square(column: int, row: int = 0) -> dict[str, Any]:
    """A closed square polygon; squares on neighbouring cells share an edge exactly."""
    west, south = ORIGIN[0] + column * SIZE, ORIGIN[1] + row * SIZE
    east, north = west + SIZE, south + SIZE
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}


def feature(properties: dict[str, Any], geometry: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def collection(*features: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", **extra, "features": list(features)}


def write(path: Path, document: Any) -> Path:
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path
