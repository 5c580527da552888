"""The GeoJSON reader: keys (AGS, ARS), property detection, and every way a file can be unreadable."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kreiskurs.geo import geojson
from kreiskurs.geo.geojson import GeoJSONError, ars_to_ags, detect_key_property, normalize_key, parse

from .shapes import collection, feature, square


def test_ars_to_ags_takes_land_regbez_kreis_and_gemeinde() -> None:
    # Land 05, Regierungsbezirk 5, Kreis 58, Verband 0016, Gemeinde 016 → AGS 05558016 (Dülmen)
    assert ars_to_ags("055580016016") == "05558016"
    # a municipality in a Verwaltungsverband: the Verband digits drop out
    assert ars_to_ags("083365004006") == "08336006"


@pytest.mark.parametrize("bad", ["05558016", "0555800160160", "05558001601x", "０５５５８００１６０１６"])
def test_ars_to_ags_refuses_what_is_not_twelve_digits(bad: str) -> None:
    with pytest.raises(ValueError, match="kein ARS"):
        ars_to_ags(bad)


@pytest.mark.parametrize(
    ("value", "key", "ags"),
    [
        ("05558016", "05558016", "05558016"),
        (" 05558016 ", "05558016", "05558016"),
        ("055580016016", "055580016016", "05558016"),
        (5558016, "05558016", "05558016"),  # a JSON number lost the leading zero
        (55580016016, "055580016016", "05558016"),
        (5558016.0, "05558016", "05558016"),
        (14627010, "14627010", "14627010"),  # Länder 10–16 have no leading zero to lose
        ("5558016", "05558016", "05558016"),  # text from a spreadsheet lost it too (the shared normaliser)
        ("55580016016", "055580016016", "05558016"),
    ],
)
def test_keys_are_normalised_to_an_ags(value: Any, key: str, ags: str) -> None:
    assert normalize_key(value) == (key, ags)


@pytest.mark.parametrize(
    "value", ["0555801", "055580016", "AGS05558", "", True, None, 5558016.5, [1], {"a": 1}, float("nan")]
)
def test_keys_that_are_neither_ags_nor_ars_are_refused(value: Any) -> None:
    with pytest.raises(ValueError):
        normalize_key(value)


@pytest.mark.parametrize(
    ("properties", "expected"),
    [
        ({"AGS": "05558016", "RS": "055580016016", "GEN": "Dülmen"}, "AGS"),  # VG250: AGS first
        ({"RS": "055580016016", "SDV_RS": "055580016016"}, "RS"),  # never the seat's key SDV_RS
        ({"ags": "05558016"}, "ags"),
        ({"ARS": "055580016016"}, "ARS"),
        ({"AGS_0": "05558016"}, "AGS_0"),
        ({"de:amtlicher_gemeindeschluessel": "05558016"}, "de:amtlicher_gemeindeschluessel"),
        ({"de:regionalschluessel": "055580016016"}, "de:regionalschluessel"),
        ({"AGS": "", "RS": "055580016016"}, "RS"),  # an empty value does not count
        ({"GEN": "Dülmen", "SDV_RS": "055580016016"}, None),
    ],
)
def test_key_property_is_detected(properties: dict[str, Any], expected: str | None) -> None:
    assert detect_key_property(properties) == expected


def _dump(document: Any) -> bytes:
    return json.dumps(document).encode()


def test_parse_reads_keys_names_geometry_and_attribution() -> None:
    doc = collection(
        feature({"RS": "055580016016", "GEN": "Dülmen"}, square(0)),
        feature(
            {"RS": 55580004004, "GEN": "Ascheberg"}, {"type": "MultiPolygon", "coordinates": [square(1)["coordinates"]]}
        ),
        attribution=" © GeoBasis-DE / BKG (2017) ",
    )
    result = parse(_dump(doc))
    assert result.key_property == "RS"
    assert result.attribution == "© GeoBasis-DE / BKG (2017)"
    assert [(f.number, f.ags, f.key, f.name) for f in result.features] == [
        (1, "05558016", "055580016016", "Dülmen"),
        (2, "05558004", "055580004004", "Ascheberg"),
    ]
    assert result.features[0].geometry == square(0)
    assert result.features[1].geometry["type"] == "MultiPolygon"


def test_parse_accepts_a_byte_order_mark_and_drops_altitudes() -> None:
    three_d = {"type": "Polygon", "coordinates": [[[*p, 55.0] for p in square(0)["coordinates"][0]]]}
    result = parse(b"\xef\xbb\xbf" + _dump(collection(feature({"AGS": "05558016"}, three_d))))
    assert result.features[0].geometry == square(0)


def test_an_explicit_key_property_wins_over_detection() -> None:
    doc = collection(feature({"AGS": "99999999", "schluessel": "05558016"}, square(0)))
    assert parse(_dump(doc), key_property="schluessel").features[0].ags == "05558016"
    assert parse(_dump(doc)).features[0].ags == "99999999"


def test_the_first_features_property_holds_for_the_whole_file() -> None:
    doc = collection(
        feature({"AGS": "05558016"}, square(0)),
        feature({"RS": "055580004004", "GEN": "Ascheberg"}, square(1)),
    )
    with pytest.raises(GeoJSONError) as exc:
        parse(_dump(doc))
    assert str(exc.value) == (
        "Feature 2 („Ascheberg“), „properties.AGS“: fehlt oder ist leer (Gemeindeschlüssel, AGS oder ARS)"
    )


def _ok() -> dict[str, Any]:
    return feature({"AGS": "05558016", "GEN": "Dülmen"}, square(0))


BAD_FILES: list[tuple[str, Any, str]] = [
    ("not json", "{'type': 'FeatureCollection'", "kein gültiges JSON (Zeile 1, Spalte 2"),
    ("nan", '{"type": "FeatureCollection", "features": [], "x": NaN}', "NaN ist in JSON nicht erlaubt"),
    ("a list", [_ok()], "erwartet ein GeoJSON-Objekt vom Typ FeatureCollection, gefunden: eine Liste"),
    ("a feature", _ok(), '„type“: Typ "Feature": erwartet eine FeatureCollection'),
    ("no features", {"type": "FeatureCollection"}, "„features“: fehlt oder ist keine Liste"),
    ("empty", collection(), "die FeatureCollection enthält keine Features"),
    (
        "projected crs",
        collection(_ok(), crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}),
        '„crs“: Koordinatensystem "urn:ogc:def:crs:EPSG::25832" wird nicht unterstützt',
    ),
    ("not a feature", collection(_ok(), {"type": "Polygon"}), "Feature 2: ist kein Objekt vom Typ „Feature“"),
    (
        "no geometry",
        collection(_ok(), feature({"AGS": "05558004", "GEN": "Ascheberg"}, None)),
        "Feature 2 („Ascheberg“), „geometry“: fehlt (null)",
    ),
    (
        "no key",
        collection(feature({"GEN": "Dülmen", "BEZ": "Stadt"}, square(0))),
        "Feature 1 („Dülmen“), „properties“: keine Eigenschaft mit dem Gemeindeschlüssel (gesucht: AGS, ags",
    ),
    (
        "bad key",
        collection(_ok(), feature({"AGS": "0555800", "GEN": "Ascheberg"}, square(1))),
        "Feature 2 („Ascheberg“), „properties.AGS“: „0555800“ hat 7 statt 8 Ziffern",  # the shared normaliser
    ),
    (
        "a point",
        collection(feature({"AGS": "05558016"}, {"type": "Point", "coordinates": [7.1, 51.6]})),
        "Feature 1, „geometry.type“: Geometrietyp „Point“ wird nicht unterstützt: erwartet Polygon oder MultiPolygon",
    ),
    (
        "out of range",
        collection(
            feature(
                {"AGS": "05558016"},
                {"type": "Polygon", "coordinates": [[[7, 51], [400000, 5700000], [7, 52], [7, 51]]]},
            )
        ),
        "Feature 1, „geometry.coordinates[0][1]“: Koordinate [400000.0, 5700000.0] außerhalb des Wertebereichs",
    ),
    (
        "swapped",
        collection(
            feature(
                {"AGS": "05558016"},
                {"type": "Polygon", "coordinates": [[[51.5, 7.0], [51.6, 7.0], [51.6, 7.1], [51.5, 7.0]]]},
            )
        ),
        "Feature 1, „geometry.coordinates[0][0]“: Koordinate [51.5, 7.0] liegt nicht in Deutschland",
    ),
    (
        "not closed",
        collection(
            feature(
                {"AGS": "05558016"},
                {"type": "Polygon", "coordinates": [square(0)["coordinates"][0][:-1] + [[7.05, 51.55]]]},
            )
        ),
        "Feature 1, „geometry.coordinates[0]“: Ring nicht geschlossen",
    ),
    (
        "too short",
        collection(feature({"AGS": "05558016"}, {"type": "Polygon", "coordinates": [[[7, 51], [7.1, 51], [7, 51]]]})),
        "„geometry.coordinates[0]“: ein Ring braucht mindestens 4 Positionen, gefunden: 3",
    ),
    (
        "text coordinates",
        collection(feature({"AGS": "05558016"}, {"type": "Polygon", "coordinates": [[["7", "51"]] * 4]})),
        '„geometry.coordinates[0][0]“: ["7", "51"] ist keine Position aus Zahlen',
    ),
    (
        "empty multipolygon",
        collection(feature({"AGS": "05558016"}, {"type": "MultiPolygon", "coordinates": []})),
        "„geometry.coordinates“: erwartet eine Liste von Polygonen",
    ),
]


@pytest.mark.parametrize(("case", "document", "message"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_unreadable_files_say_which_feature_and_what_is_wrong(case: str, document: Any, message: str) -> None:
    data = document.encode() if isinstance(document, str) else _dump(document)
    with pytest.raises(GeoJSONError) as exc:
        parse(data)
    assert message in str(exc.value)


def test_a_file_that_is_not_utf8_is_refused() -> None:
    data = json.dumps(collection(feature({"AGS": "05558016", "GEN": "Dülmen"}, square(0))), ensure_ascii=False)
    with pytest.raises(GeoJSONError, match="keine UTF-8-Datei"):
        parse(data.encode("latin-1"))


def test_merge_and_bbox() -> None:
    merged = geojson.merge_geometries([square(0), square(2, 1)])
    assert merged["type"] == "MultiPolygon" and len(merged["coordinates"]) == 2
    assert geojson.merge_geometries([square(0)]) == square(0)
    west, south, east, north = geojson.bbox(merged)
    assert (west, south, east, north) == pytest.approx((7.0, 51.5, 7.3, 51.7))


@pytest.mark.parametrize("depth", [100_000, 5_000])
def test_deeply_nested_json_gives_a_clear_error_not_a_recursion_error(depth: int) -> None:
    document = '{"type": "FeatureCollection", "features": ' + "[" * depth + "]" * depth + "}"
    with pytest.raises(GeoJSONError, match="zu tief verschachtelt"):
        parse(document)


def test_a_file_with_more_positions_than_allowed_is_refused_naming_the_feature() -> None:
    document = json.dumps(
        collection(
            feature({"AGS": "05558004", "GEN": "Billerbeck"}, square(0)),
            feature({"AGS": "05558008", "GEN": "Coesfeld"}, square(1)),
        )
    )
    assert len(parse(document, max_positions=10).features) == 2  # 5 + 5 positions
    with pytest.raises(GeoJSONError) as exc:
        parse(document, max_positions=9)
    message = str(exc.value)
    assert message.startswith("Feature 2 („Coesfeld“), „geometry.coordinates“: die Datei hat mehr als 9 Positionen")
    assert "KREISKURS_GEOJSON_MAX_POSITIONS" in message
    ring = [[7.0 + i * 1e-5, 51.5] for i in range(1500)] + [[7.0, 51.6], [7.0, 51.5]]
    dense = json.dumps(collection(feature({"AGS": "05558004"}, {"type": "Polygon", "coordinates": [ring]})))
    with pytest.raises(GeoJSONError, match=r"mehr als 1\.234 Positionen"):
        parse(dense, max_positions=1234)
