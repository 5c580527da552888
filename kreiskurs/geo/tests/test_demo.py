"""The demo district's boundary extract, its loader and the script that builds it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kreiskurs.geo import geojson
from kreiskurs.geo.demo import DEMO_EXTRACT, load_demo_boundaries
from kreiskurs.geo.models import Boundary
from kreiskurs.geo.services import BoundaryImportError
from kreiskurs.territory.importer import import_gv100ad
from kreiskurs.territory.models import District

from .shapes import feature, square

ROOT = Path(__file__).resolve().parents[3]
EXCERPT = ROOT / "kreiskurs" / "demo" / "data" / "GV100AD_301123_excerpt.txt"
COESFELD = {
    "05558004": "Ascheberg",
    "05558008": "Billerbeck",
    "05558012": "Coesfeld",
    "05558016": "Dülmen",
    "05558020": "Havixbeck",
    "05558024": "Lüdinghausen",
    "05558028": "Nordkirchen",
    "05558032": "Nottuln",
    "05558036": "Olfen",
    "05558040": "Rosendahl",
    "05558044": "Senden",
}


def test_the_extract_holds_exactly_coesfelds_municipalities_with_attribution() -> None:
    data = DEMO_EXTRACT.read_bytes()
    assert len(data) < 50_000  # small enough to keep in the repository
    extract = geojson.parse(data)  # what the importer reads
    assert {f.ags: f.name for f in extract.features} == COESFELD
    assert extract.attribution == "© GeoBasis-DE / BKG (2017), Daten verändert"
    document = json.loads(data)
    assert "dl-de/by-2-0" in document["license"]
    positions = [p for f in document["features"] for ring in f["geometry"]["coordinates"] for p in ring]
    assert all(len(str(c).split(".")[-1]) <= 5 for p in positions for c in p)  # rounded to 5 places
    assert (DEMO_EXTRACT.parent / "README.md").read_text(encoding="utf-8").count("GeoBasis-DE / BKG") >= 1


@pytest.mark.django_db
def test_load_demo_boundaries_imports_all_of_them() -> None:
    import_gv100ad(EXCERPT)
    coesfeld = District.objects.get(key="05558")
    report = load_demo_boundaries(coesfeld)
    assert report.imported == 11 and report.districts[0].without_geometry == [] and report.unmatched == []
    assert Boundary.objects.filter(district=coesfeld).count() == 11
    assert {b.attribution for b in Boundary.objects.all()} == {"© GeoBasis-DE / BKG (2017), Daten verändert"}
    load_demo_boundaries(coesfeld)  # again: replaces, no duplicates
    assert Boundary.objects.count() == 11
    with pytest.raises(BoundaryImportError, match="keine Gemeinde des Kreises 08336"):
        load_demo_boundaries(District.objects.get(key="08336"))


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("demo_boundaries", ROOT / "tools" / "demo_boundaries.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_keeps_one_district_merges_parts_and_rounds() -> None:
    script = _script()
    precise = {"type": "Polygon", "coordinates": [[[x + 0.0000012, y] for x, y in square(1)["coordinates"][0]]]}
    package: list[Any] = [  # the npm package's layout: Features, and FeatureCollections for areas in parts
        feature({"AGS": "05558016", "RS": "055580016016", "GEN": "Dülmen", "BEZ": "Stadt", "NUTS": "DEA35"}, square(0)),
        {
            "type": "FeatureCollection",
            "features": [
                feature({"AGS": "05558004", "GEN": "Ascheberg", "GF": 4}, precise),
                feature({"AGS": "05558004", "GEN": "Ascheberg", "GF": 2}, square(3)),
            ],
        },
        feature({"AGS": "05566004", "GEN": "Altenberge"}, square(5)),
    ]
    result = script.build(package, "05558")
    assert [f["properties"] for f in result["features"]] == [
        {"AGS": "05558004", "GEN": "Ascheberg"},
        {"AGS": "05558016", "RS": "055580016016", "GEN": "Dülmen", "BEZ": "Stadt"},
    ]
    ascheberg = result["features"][0]["geometry"]
    assert ascheberg["type"] == "MultiPolygon" and ascheberg["coordinates"][0][0][0] == [7.1, 51.5]
    text = script.dumps(result)
    assert text.count("\n{") == 2  # one feature per line
    checked = geojson.parse(text)
    assert [f.ags for f in checked.features] == ["05558004", "05558016"]
    assert checked.attribution == script.ATTRIBUTION
