"""The district map page's size: the demo district (Kreis Coesfeld) with its boundary extract, and a dense file.

Prints, per boundary file, the positions stored (full and simplified), the bytes of
the map page, and of the map data in it. ``--dense N`` also imports a copy of the
extract with N extra positions per edge (jittered by a few metres) and 200 specks
(tiny islands) per municipality — the shape of a full-resolution file that the
page must stay small with. Run: ``.venv/bin/python benchmarks/geo_map_size.py``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from benchlib import prepare_environment, setup_django


def densify(source: Path, target: Path, extra: int, seed: int) -> None:
    """The extract with ``extra`` jittered positions on every edge and 200 specks per feature."""
    rng = random.Random(seed)
    document = json.loads(source.read_text(encoding="utf-8"))
    cache: dict[Any, list[list[float]]] = {}

    def edge(a: list[float], b: list[float]) -> list[list[float]]:
        key = (tuple(a), tuple(b))
        back = (key[1], key[0])
        if back in cache:  # the neighbour walks the shared border the other way round: same positions
            return cache[back][::-1]
        points = [
            [
                a[0] + (b[0] - a[0]) * k / (extra + 1) + rng.uniform(-3e-5, 3e-5),
                a[1] + (b[1] - a[1]) * k / (extra + 1) + rng.uniform(-3e-5, 3e-5),
            ]
            for k in range(1, extra + 1)
        ]
        cache[key] = points
        return points

    def ring(r: list[list[float]]) -> list[list[float]]:
        out: list[list[float]] = []
        for a, b in itertools.pairwise(r):
            out.append(a)
            out.extend(edge(a, b))
        out.append(r[-1])
        return out

    for feature in document["features"]:
        geometry = feature["geometry"]
        parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        parts = [[ring(r) for r in polygon] for polygon in parts]
        west, south = parts[0][0][0]
        for _n in range(200):
            x, y = west + rng.uniform(0, 0.02), south + rng.uniform(0, 0.02)
            d = 1e-5
            parts.append([[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]])
        feature["geometry"] = {"type": "MultiPolygon", "coordinates": parts}
    target.write_text(json.dumps(document), encoding="utf-8")


def measure(label: str, path: Path, district: Any) -> None:
    from django.test import Client

    from kreiskurs.geo.models import Boundary
    from kreiskurs.geo.services import import_boundaries
    from kreiskurs.geo.simplify import count_positions

    started = time.perf_counter()
    import_boundaries(by=None, path=path, district_keys=[district.key])
    took = time.perf_counter() - started
    rows = list(Boundary.objects.filter(district=district))
    full = sum(count_positions(b.geometry) for b in rows)
    simple = sum(count_positions(b.simplified) for b in rows)
    most = max(count_positions(b.simplified) for b in rows)
    response = Client().get(f"/{district.slug}/karte/", secure=True)
    if response.status_code != 200:
        raise SystemExit(f"map page answered {response.status_code}")
    body = response.content
    start = body.index(b'id="map-data"')
    data = body[body.index(b">", start) + 1 : body.index(b"</script>", start)]
    print(
        f"{label}: file {path.stat().st_size / 1024:,.0f} KiB, import {took:.2f} s; positions {full:,} → {simple:,} "
        f"(at most {most:,} per municipality); map page {len(body) / 1024:,.1f} KiB, "
        f"map data {len(data) / 1024:,.1f} KiB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dense", type=int, default=40, help="extra positions per edge in the dense copy (0: none)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    env = prepare_environment("kk-geo-bench-")
    os.environ["KREISKURS_ALLOWED_HOSTS"] = "testserver"
    try:
        setup_django(env)
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)  # production settings: manifest storage
        from kreiskurs.demo.loader import load_demo
        from kreiskurs.geo.demo import DEMO_EXTRACT

        district = load_demo()
        measure("demo extract", DEMO_EXTRACT, district)
        if args.dense:
            dense = env.root / "dense.geojson"
            densify(DEMO_EXTRACT, dense, args.dense, args.seed)
            measure(f"dense copy (+{args.dense} per edge, 200 specks each)", dense, district)
    finally:
        if not args.keep:
            env.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
