"""Simplification keeps shared borders shared and never breaks a ring."""

from __future__ import annotations

import math
from typing import Any

from kreiskurs.geo.simplify import count_positions, douglas_peucker, simplify_shared


def test_douglas_peucker_drops_points_within_the_tolerance() -> None:
    line = [(0.0, 0.0), (1.0, 0.01), (2.0, -0.01), (3.0, 0.0), (4.0, 2.0)]
    assert douglas_peucker(line, 0.1) == [(0.0, 0.0), (3.0, 0.0), (4.0, 2.0)]
    assert douglas_peucker(line, 0.001) == line


def _wiggle(n: int) -> list[tuple[float, float]]:
    """A wavy north–south border at longitude 7.1 from 51.5 to 51.6."""
    return [(7.1 + 0.002 * math.sin(i * 1.7), 51.5 + 0.1 * i / n) for i in range(n + 1)]


def _neighbours() -> list[dict[str, Any]]:
    border = _wiggle(40)
    west = [(7.0, 51.5), *border, (7.0, 51.6), (7.0, 51.5)]  # counter-clockwise is irrelevant here
    east = [(7.2, 51.5), (7.2, 51.6), *reversed(border), (7.2, 51.5)]
    return [
        {"type": "Polygon", "coordinates": [[list(p) for p in west]]},
        {"type": "Polygon", "coordinates": [[list(p) for p in east]]},
    ]


def _border_points(geometry: dict[str, Any]) -> list[tuple[float, float]]:
    return [tuple(p) for p in geometry["coordinates"][0] if 7.05 < p[0] < 7.15]


def test_a_shared_border_comes_out_the_same_on_both_sides() -> None:
    west, east = simplify_shared(_neighbours(), tolerance=0.001, digits=5)
    assert count_positions(west) < count_positions(_neighbours()[0])
    assert _border_points(west) == list(reversed(_border_points(east)))
    assert len(_border_points(west)) > 2  # the wiggle is larger than the tolerance: not a straight line


def test_the_border_is_shared_wherever_a_ring_starts() -> None:
    """A ring may start in the middle of a shared border; the chains are cut at its ends, not at the start."""
    west, east = _neighbours()
    ring = east["coordinates"][0][:-1]
    rotated = ring[20:] + ring[:20]  # starts on the border
    east = {"type": "Polygon", "coordinates": [[*rotated, rotated[0]]]}
    simple_west, simple_east = simplify_shared([west, east], tolerance=0.001)
    west_border = _border_points(simple_west)
    east_border = _border_points(simple_east)
    assert set(west_border) == set(east_border)  # (a ring repeats its first position at the end)
    assert 2 < len(set(west_border)) < 41


def test_rings_stay_closed_and_keep_at_least_four_positions() -> None:
    tiny = {"type": "Polygon", "coordinates": [[[7.0, 51.5], [7.00001, 51.5], [7.00001, 51.50001], [7.0, 51.5]]]}
    result = simplify_shared([tiny, *_neighbours()], tolerance=0.5, digits=3)
    for geometry in result:
        for ring in geometry["coordinates"]:
            assert ring[0] == ring[-1]
            assert len(ring) >= 4
    assert result[0] == tiny  # rounding to 3 places would have erased it: kept as it was


def test_an_enclave_and_the_hole_around_it_stay_identical() -> None:
    inner = [[7.05, 51.55], [7.06, 51.551], [7.07, 51.55], [7.071, 51.56], [7.07, 51.57], [7.05, 51.57], [7.05, 51.55]]
    outer = [[7.0, 51.5], [7.2, 51.5], [7.2, 51.7], [7.0, 51.7], [7.0, 51.5]]
    enclave = {"type": "Polygon", "coordinates": [inner]}
    around = {"type": "Polygon", "coordinates": [outer, list(reversed(inner))]}
    small, big = simplify_shared([enclave, around], tolerance=0.002)
    assert small["coordinates"][0][:-1] and set(map(tuple, small["coordinates"][0])) == set(
        map(tuple, big["coordinates"][1])
    )


def test_multipolygons_keep_their_type_and_parts() -> None:
    multi = {"type": "MultiPolygon", "coordinates": [_neighbours()[0]["coordinates"], _neighbours()[1]["coordinates"]]}
    (result,) = simplify_shared([multi], tolerance=0.001)
    assert result["type"] == "MultiPolygon" and len(result["coordinates"]) == 2


def _speck(x: float, y: float, size: float = 1e-5) -> list[list[list[float]]]:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def test_specks_below_the_tolerance_are_left_out_but_the_main_area_stays() -> None:
    west, _east = _neighbours()
    many = {
        "type": "MultiPolygon",
        "coordinates": [west["coordinates"], *(_speck(7.01 + i * 1e-4, 51.55) for i in range(300))],
    }
    (simplified,) = simplify_shared([many], tolerance=0.001, digits=5, drop_specks=True)
    assert simplified["type"] == "Polygon" and count_positions(simplified) < count_positions(west)
    (kept,) = simplify_shared([many], tolerance=0.001, digits=5)
    assert count_positions(kept) >= 300 * 5  # without drop_specks every speck stays
    (alone,) = simplify_shared([{"type": "Polygon", "coordinates": _speck(7.0, 51.5)}], tolerance=1, drop_specks=True)
    assert count_positions(alone) == 5  # a municipality's only area is never dropped
