"""Simplify neighbouring polygons without opening gaps between them.

Plain Python (and numpy), no Django. Douglas–Peucker applied to each polygon on its own
moves a shared border differently on either side, and slivers appear between
neighbours. Here every ring is cut into *chains* at the vertices where the set
of polygons sharing a vertex changes (the ends of a shared border, junctions of
three municipalities); each chain is simplified with its ends fixed, in a
canonical direction, so both neighbours get the very same simplified border.
This relies on neighbours having identical vertices along their common border,
as official data (VG250) has; where they do not, nothing worse happens than
with plain Douglas–Peucker.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .geojson import polygons

Point = tuple[float, float]


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return float(((px - ax) ** 2 + (py - ay) ** 2) ** 0.5)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return float(((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5)


def _distances_to_segment(points: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`_distance_to_segment` of many points at once (the same arithmetic, element-wise)."""
    d = b - a
    length = float(d @ d)
    if length == 0:
        return np.sqrt(((points - a) ** 2).sum(axis=1))
    t = np.clip(((points - a) @ d) / length, 0.0, 1.0)
    return np.sqrt(((points - a - t[:, None] * d) ** 2).sum(axis=1))


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Keep the ends and every point farther than ``tolerance`` from the simplified line.

    The distances of a stretch are computed together (numpy): a full-resolution
    border of thousands of positions, where nearly every point is kept at a small
    tolerance, otherwise costs millions of Python calls.
    """
    if len(points) < 3:
        return list(points)
    xy = np.asarray(points, dtype=float)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        distances = _distances_to_segment(xy[first + 1 : last], xy[first], xy[last])
        farthest = int(np.argmax(distances))  # the first of equally far points, as a loop would find it
        if distances[farthest] > tolerance:
            index = first + 1 + farthest
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def _simplify_chain(chain: list[Point], tolerance: float) -> list[Point]:
    """Same result whichever way round the chain is walked (both neighbours walk it)."""
    if chain[-1] < chain[0]:
        return douglas_peucker(chain[::-1], tolerance)[::-1]
    return douglas_peucker(chain, tolerance)


def _dedupe(ring: list[Point]) -> list[Point]:
    out = [ring[0]]
    for p in ring[1:]:
        if p != out[-1]:
            out.append(p)
    return out


def _simplify_ring(ring: list[Point], owners: Mapping[Point, frozenset[int]], tolerance: float) -> list[Point]:
    open_ring = ring[:-1]  # GeoJSON repeats the first position at the end
    n = len(open_ring)
    fixed = [
        i
        for i in range(n)
        if owners[open_ring[i]] != owners[open_ring[i - 1]] or owners[open_ring[i]] != owners[open_ring[(i + 1) % n]]
    ]
    if len(fixed) < 2:
        # all of the ring has the same owners (nobody else, or an enclave and its hole):
        # anchor at its smallest point and the point farthest from it, the same on both sides
        low = min(range(n), key=lambda i: open_ring[i])
        far = max(
            range(n), key=lambda i: (_distance_to_segment(open_ring[i], open_ring[low], open_ring[low]), open_ring[i])
        )
        fixed = sorted({low, far})
    result: list[Point] = []
    for k, start in enumerate(fixed):
        end = fixed[(k + 1) % len(fixed)]
        chain = open_ring[start : end + 1] if end > start else open_ring[start:] + open_ring[: end + 1]
        result.extend(_simplify_chain(chain, tolerance)[:-1])
    result.append(result[0])
    return result if len(result) >= 4 else ring


def _extent(ring: Sequence[Point]) -> float:
    return max(max(p[0] for p in ring) - min(p[0] for p in ring), max(p[1] for p in ring) - min(p[1] for p in ring))


def _without_specks(shape: list[list[list[Point]]], tolerance: float) -> list[list[list[Point]]]:
    """The polygons (and holes) at least ``tolerance`` across; the largest polygon stays whatever its size.

    An island or hole smaller than the tolerance is below a pixel on the map;
    thousands of them would make the page large. A speck of one municipality
    and the hole it fills in its neighbour have the same extent, so both go.
    """
    if not shape:
        return shape
    largest = max(range(len(shape)), key=lambda i: _extent(shape[i][0]))
    kept = []
    for index, polygon in enumerate(shape):
        if index != largest and _extent(polygon[0]) < tolerance:
            continue
        kept.append([polygon[0], *(hole for hole in polygon[1:] if _extent(hole) >= tolerance)])
    return kept


def simplify_shared(
    geometries: Sequence[Mapping[str, Any]],
    *,
    tolerance: float,
    digits: int | None = None,
    drop_specks: bool = False,
) -> list[dict[str, Any]]:
    """Simplified copies of Polygon/MultiPolygon geometries, shared borders kept shared.

    ``digits`` rounds the coordinates first (identically on both sides of a
    border); ``tolerance`` is in coordinate units (degrees). A ring that would
    fall below four positions is kept as it was. With ``drop_specks``, islands
    and holes less than ``tolerance`` across are left out (``_without_specks``).
    """

    def rounded(ring: list[list[float]]) -> list[Point]:
        exact = [(p[0], p[1]) for p in ring]
        if digits is None:
            return exact
        points = _dedupe([(round(x, digits), round(y, digits)) for x, y in exact])
        return points if len(points) >= 4 else exact  # a speck that rounding would erase stays as it was

    shapes = [[[rounded(r) for r in polygon] for polygon in polygons(g)] for g in geometries]
    if drop_specks:
        shapes = [_without_specks(shape, tolerance) for shape in shapes]
    sharing: dict[Point, set[int]] = defaultdict(set)
    for index, shape in enumerate(shapes):
        for polygon in shape:
            for ring in polygon:
                for p in ring:
                    sharing[p].add(index)
    owners = {p: frozenset(s) for p, s in sharing.items()}

    result = []
    for shape in shapes:
        simplified = [
            [[list(p) for p in (_simplify_ring(r, owners, tolerance) if len(r) >= 4 else r)] for r in polygon]
            for polygon in shape
        ]
        if len(simplified) == 1:
            result.append({"type": "Polygon", "coordinates": simplified[0]})
        else:
            result.append({"type": "MultiPolygon", "coordinates": simplified})
    return result


def count_positions(geometry: Mapping[str, Any]) -> int:
    return sum(len(ring) for polygon in polygons(geometry) for ring in polygon)
