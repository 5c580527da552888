"""GV100AD as the national file comes: areas outside any Kreis, gemeindefreie
Gebiete, every fault in one run, record lengths, ``--district`` and lossy copies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kreiskurs.territory.importer import ImportError_, import_gv100ad
from kreiskurs.territory.models import District, MunicipalAssociation, Municipality, OutsideArea
from kreiskurs.territory.tests.gv100ad_records import SAMPLE, municipality, national_sample

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, lines: list[str], encoding: str = "utf-8", errors: str = "strict") -> Path:
    path = tmp_path / "gv.txt"
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding, errors))
    return path


def line_of(prefix: str) -> int:
    """1-based line number of a record, found by Satzart and key (date skipped)."""
    lines = national_sample()
    return next(i for i, line in enumerate(lines, start=1) if (line[:2] + line[10:22]).startswith(prefix))


def snapshot() -> list[tuple[object, ...]]:
    return (
        list(District.objects.values_list("key", "name", "population", "area_km2"))
        + list(MunicipalAssociation.objects.values_list("key", "name"))
        + list(Municipality.objects.values_list("ags", "name", "population", "area_km2"))
        + list(OutsideArea.objects.values_list("ags", "name", "area_km2"))
    )


def test_committed_sample_is_what_the_builder_writes() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert lines[:-1] == national_sample() and lines[-1] == ""
    assert {len(line) for line in lines[:-1]} == {220}


def test_national_sample_imports_with_the_areas_outside_any_district() -> None:
    report = import_gv100ad(SAMPLE)
    assert report.created == {
        "Kreise": 6,
        "Gemeindeverbände": 8,
        "Gemeinden": 8,
        "Gemeindefreie Gebiete": 2,
        "Gebiete außerhalb der Kreise": 2,
    }
    assert report.outside == [
        "07000999 Gemeinsames deutsch-luxemburgisches Hoheitsgebiet",
        "13000999 Küstengewässer einschl. Anteil am Festlandsockel",
        "Gemeindeverband 070009999 Gemeinsames deutsch-luxemburgisches Hoheitsgebiet (ohne Kreis, nicht übernommen)",
    ]
    fields = ("ags", "ars", "land_key", "name", "type_code", "population", "area_km2", "reference_date")
    day = dt.date(2023, 11, 30)
    assert list(OutsideArea.objects.values_list(*fields)) == [
        (
            "07000999",
            "070009999999",
            "07",
            "Gemeinsames deutsch-luxemburgisches Hoheitsgebiet",
            66,
            0,
            Decimal("6.20"),
            day,
        ),
        (
            "13000999",
            "130009999999",
            "13",
            "Küstengewässer einschl. Anteil am Festlandsockel",
            66,
            0,
            Decimal("10653.21"),
            day,
        ),
    ]
    assert not Municipality.objects.filter(ags__in=["07000999", "13000999"]).exists()
    assert not District.objects.filter(key__in=["07000", "13000"]).exists()
    fields = ("key", "name", "type_code", "land_name", "population", "area_km2")
    assert list(District.objects.order_by("key").values_list(*fields)) == [
        ("02000", "Hamburg, Freie und Hansestadt", 41, "Hamburg", 1_892_122, Decimal("755.20")),
        ("05515", "Münster, Stadt", 41, "Nordrhein-Westfalen", 320_946, Decimal("303.11")),
        ("08311", "Freiburg im Breisgau, Stadt", 42, "Baden-Württemberg", 236_140, Decimal("153.06")),
        ("09671", "Aschaffenburg", 44, "Bayern", 19_271 + 4_430 + 1_236 + 0 + 12, Decimal("96.36")),
        ("10041", "Regionalverband Saarbrücken", 45, "Saarland", 180_374, Decimal("167.52")),
        ("12052", "Cottbus/Chóśebuz, Stadt", 41, "Brandenburg", 98_693, Decimal("165.63")),
    ]
    again = import_gv100ad(SAMPLE)
    assert again.created == {} and again.updated == {}
    assert again.unchanged["Gebiete außerhalb der Kreise"] == 2 and again.unchanged["Gemeindefreie Gebiete"] == 2


def test_gemeindefreie_gebiete_are_kept_apart_from_municipalities() -> None:
    import_gv100ad(SAMPLE)
    district = District.objects.get(key="09671")
    munis = Municipality.objects.filter(district=district)
    assert list(munis.municipalities().order_by("ags").values_list("ags", "name", "type_code")) == [
        ("09671111", "Alzenau, St", 63),
        ("09671143", "Schöllkrippen, M", 60),
        ("09671150", "Sommerkahl", 64),
    ]
    assert list(munis.unincorporated().order_by("ags").values_list("ags", "name", "type_code", "population")) == [
        ("09671451", "Forst Hain im Spessart (gemfr. Gebiet)", 66, 0),
        ("09671452", "Rohrbrunner Forst (gemfr. Gebiet)", 65, 12),
    ]
    rohrbrunn = Municipality.objects.get(ags="09671452")
    assert rohrbrunn.is_unincorporated and rohrbrunn.association is None  # no type-50 record in the file
    assert rohrbrunn.area_km2 == Decimal("23.45") and rohrbrunn.ars == "096710452452"
    assert Municipality.objects.get(ags="09671451").association.key == "096710451"  # type: ignore[union-attr]
    assert not Municipality.objects.get(ags="09671143").is_unincorporated


@pytest.mark.parametrize(
    ("key", "phrase"),
    [
        ("05515", "in Münster, Stadt"),
        ("08311", "in Freiburg im Breisgau, Stadt"),
        ("09671", "im Landkreis Aschaffenburg"),
        ("10041", "im Regionalverband Saarbrücken"),
    ],
)
def test_district_names_read_right_after_in(key: str, phrase: str) -> None:
    import_gv100ad(SAMPLE)
    assert District.objects.get(key=key).in_name == phrase


def test_a_record_without_its_kreis_is_still_refused_when_it_is_not_a_special_area(tmp_path: Path) -> None:
    lines = [line for line in national_sample() if not line.startswith("4020231130" + "09671")]
    with pytest.raises(ImportError_) as excinfo:
        import_gv100ad(write(tmp_path, lines))
    message = str(excinfo.value)
    assert "Kreis 09671 fehlt in der Datei (Satzart 40)" in message
    assert message.count("Kreis 09671 fehlt") == 8  # every record of the district, in one run
    assert not OutsideArea.objects.exists()


def _shorten(line: str) -> str:
    """Drop one character of the name: what a careless edit does."""
    return line[:24] + line[25:]


def test_a_record_one_character_short_is_refused_with_line_kind_and_lengths(tmp_path: Path) -> None:
    lines = national_sample()
    n = line_of("6009671451")  # Forst Hain: no postcode, so nothing after the area exposes the shift
    lines[n - 1] = lines[n - 1][:125] + lines[n - 1][126:]  # one blank less before the area
    # before the check, this imported an area of 172.00 km² instead of 17.20
    with pytest.raises(ImportError_) as excinfo:
        import_gv100ad(write(tmp_path, lines))
    assert str(excinfo.value) == (
        f"{tmp_path / 'gv.txt'}: Zeile {n}, Satzart 60, Feld „Satzlänge“: Satzart 60 hat 220 Zeichen, "
        "die Zeile nur 219 (ein fehlendes Zeichen verschiebt alle folgenden Felder)"
    )
    assert not Municipality.objects.exists()


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [
        ("XYZ", "die Zeile 223; nach Spalte 220 steht noch „XYZ“"),
        (" ", "die Zeile 221 (ein Zeichen zu viel verschiebt alle folgenden Felder)"),
    ],
)
def test_text_beyond_the_record_is_refused(tmp_path: Path, suffix: str, expected: str) -> None:
    lines = national_sample()
    n = line_of("4009671")
    lines[n - 1] += suffix
    with pytest.raises(ImportError_) as excinfo:
        import_gv100ad(write(tmp_path, lines))
    assert f"Zeile {n}, Satzart 40, Feld „Satzlänge“: Satzart 40 hat 220 Zeichen, {expected}" in str(excinfo.value)


def test_stripped_trailing_blanks_are_refused_with_a_hint(tmp_path: Path) -> None:
    lines = [line.rstrip() for line in national_sample()]
    with pytest.raises(ImportError_) as excinfo:
        import_gv100ad(write(tmp_path, lines))
    message = str(excinfo.value)
    assert message.startswith(f"{tmp_path / 'gv.txt'}: {len(lines)} Fehler\n")
    assert (
        f"Zeile 1, Satzart 10, Feld „Satzlänge“: Satzart 10 hat 220 Zeichen, die Zeile nur {len(lines[0])}" in message
    )
    assert "Leerzeichen am Zeilenende entfernt?" in message


def test_every_fault_of_the_file_is_reported_in_one_run(tmp_path: Path) -> None:
    lines = national_sample()
    alzenau, hamburg, cottbus = line_of("6009671111"), line_of("6002000000"), line_of("6012052000")
    lines[alzenau - 1] = lines[alzenau - 1][:139] + "0000001x271" + lines[alzenau - 1][150:]
    lines[hamburg - 1] = _shorten(lines[hamburg - 1])
    lines[cottbus - 1] = lines[cottbus - 1][:2] + "2023113X" + lines[cottbus - 1][10:]
    with pytest.raises(ImportError_) as excinfo:
        import_gv100ad(write(tmp_path, lines))
    assert excinfo.value.errors == [
        f"Zeile {hamburg}, Satzart 60, Feld „Satzlänge“: Satzart 60 hat 220 Zeichen, die Zeile nur 219 "
        "(ein fehlendes Zeichen verschiebt alle folgenden Felder)",
        f"Zeile {alzenau}, Satzart 60, Feld „Bevölkerung“: „0000001x271“ ist keine Zahl (Spalten 140–150)",
        f"Zeile {cottbus}, Satzart 60, Feld „Gebietsstand“: „2023113X“ ist keine Zahl (Spalten 3–10)",
    ]
    assert not District.objects.exists()


def test_a_broken_district_line_is_one_fault_not_one_per_record(tmp_path: Path) -> None:
    lines = national_sample()
    n = line_of("4009671")
    lines[n - 1] = lines[n - 1][:122] + "4X" + lines[n - 1][124:]  # Kreistyp not a number
    with pytest.raises(ImportError_) as excinfo:
        import_gv100ad(write(tmp_path, lines))
    assert excinfo.value.errors == [
        f"Zeile {n}, Satzart 40, Feld „Textkennzeichen“: „4X“ ist keine Zahl (Spalten 123–124)"
    ]


def test_more_than_fifty_faults_show_fifty_and_how_many_more(tmp_path: Path) -> None:
    good = national_sample()
    extra = [municipality(f"09671{200 + i:03d}", "0111", f"Ort {i}", 64, 100, 10) for i in range(60)]
    broken = [line[:139] + "x" * 11 + line[150:] for line in extra]  # population not a number
    with pytest.raises(ImportError_) as excinfo:
        import_gv100ad(write(tmp_path, good + broken))
    message = str(excinfo.value).splitlines()
    assert len(excinfo.value.errors) == 60
    assert message[0] == f"{tmp_path / 'gv.txt'}: 60 Fehler"
    assert (
        message[1]
        == f"  Zeile {len(good) + 1}, Satzart 60, Feld „Bevölkerung“: „xxxxxxxxxxx“ ist keine Zahl (Spalten 140–150)"
    )
    assert message[50].startswith(f"  Zeile {len(good) + 50}, Satzart 60")
    assert message[51:] == ["  … und 10 weitere"]
    assert not District.objects.exists()


def test_district_filter_imports_a_district_when_another_part_of_the_file_is_broken(tmp_path: Path) -> None:
    lines = national_sample()
    n = line_of("6009671111")
    lines[n - 1] = _shorten(lines[n - 1])
    path = write(tmp_path, lines)
    report = import_gv100ad(path, district_keys=["05515"])
    assert report.created == {"Kreise": 1, "Gemeindeverbände": 1, "Gemeinden": 1}
    assert list(Municipality.objects.values_list("ags", "population")) == [("05515000", 320_946)]
    assert report.outside == []  # only the district asked for
    before = snapshot()
    with pytest.raises(ImportError_, match=f"Zeile {n}, Satzart 60"):
        import_gv100ad(path, district_keys=["09671"])
    with pytest.raises(ImportError_, match=f"Zeile {n}, Satzart 60"):
        import_gv100ad(path)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("prefix", "mutate"),
    [
        ("1005", lambda line: line[:22] + " " * 50 + line[72:]),  # its Land's name is empty
        ("1005", lambda line: "77" + line[2:]),  # unknown record type, key still readable
        ("1005", lambda line: "77" + line[2:10] + "XX" + line[12:]),  # nothing readable: may touch any
    ],
    ids=["land-record", "unknown-type", "unreadable"],
)
def test_district_filter_still_refuses_faults_that_can_touch_the_district(
    tmp_path: Path, prefix: str, mutate: object
) -> None:
    lines = national_sample()
    n = line_of(prefix)
    lines[n - 1] = mutate(lines[n - 1])  # type: ignore[operator]
    with pytest.raises(ImportError_, match=f"Zeile {n}, Satzart"):
        import_gv100ad(write(tmp_path, lines), district_keys=["05515"])
    assert not District.objects.exists()
    if "XX" not in lines[n - 1]:
        assert import_gv100ad(write(tmp_path, lines), district_keys=["08311"]).created["Kreise"] == 1


def test_district_filter_on_a_district_with_a_broken_line_names_that_fault_only(tmp_path: Path) -> None:
    lines = national_sample()
    n = line_of("4009671")
    lines[n - 1] = lines[n - 1][:122] + "4X" + lines[n - 1][124:]
    with pytest.raises(ImportError_) as excinfo:
        import_gv100ad(write(tmp_path, lines), district_keys=["09671"])
    assert excinfo.value.errors == [
        f"Zeile {n}, Satzart 40, Feld „Textkennzeichen“: „4X“ ist keine Zahl (Spalten 123–124)"
    ]


def test_district_filter_names_districts_missing_from_the_file() -> None:
    with pytest.raises(ImportError_, match=r"Kreis\(e\) 05558 nicht in der Datei"):
        import_gv100ad(SAMPLE, district_keys=["05558", "05515"])
    assert not District.objects.exists()


COTTBUS = "Cottbus/Chóśebuz, Stadt"


@pytest.mark.parametrize(
    ("copy", "seen_as"),
    [
        (lambda text: text.encode("cp1252", "replace"), "Cottbus/Chó?ebuz, Stadt"),
        (lambda text: text.replace("ś", "s").encode("cp1252"), "Cottbus/Chósebuz, Stadt"),
    ],
    ids=["question-mark", "base-letter"],
)
def test_windows_1252_copy_keeps_names_it_cannot_carry_and_flags_them(
    tmp_path: Path, copy: object, seen_as: str
) -> None:
    import_gv100ad(SAMPLE)
    before = snapshot()
    path = tmp_path / "gv.txt"
    path.write_bytes(copy(SAMPLE.read_text(encoding="utf-8")))  # type: ignore[operator]
    report = import_gv100ad(path)
    assert report.encoding == "cp1252"
    assert snapshot() == before
    assert report.updated == {}
    assert District.objects.get(key="12052").name == COTTBUS
    assert MunicipalAssociation.objects.get(key="120520000").name == COTTBUS
    assert Municipality.objects.get(ags="12052000").name == COTTBUS
    seat = seen_as.removesuffix(", Stadt")
    assert District.objects.get(key="12052").seat == "Cottbus/Chóśebuz"
    kept = "„%s“ bleibt; die Datei (cp1252) kann den Namen nur als „%s“ darstellen"
    assert report.lossy == [
        "Kreis 12052: " + kept % (COTTBUS, seen_as),
        "Sitz des Kreises 12052: " + kept % ("Cottbus/Chóśebuz", seat),
        "Gemeindeverband 120520000: " + kept % (COTTBUS, seen_as),
        "Gemeinde 12052000: " + kept % (COTTBUS, seen_as),
    ]


def test_windows_1252_copy_still_renames_for_real(tmp_path: Path) -> None:
    import_gv100ad(SAMPLE)
    text = SAMPLE.read_text(encoding="utf-8").replace("Cottbus/Chóśebuz, Stadt", "Cottbus, Stadt".ljust(23))
    text = text.replace("Cottbus/Chóśebuz", "Cottbus".ljust(16))
    path = tmp_path / "gv.txt"
    path.write_bytes(text.encode("cp1252"))
    report = import_gv100ad(path)
    assert Municipality.objects.get(ags="12052000").name == "Cottbus, Stadt"
    assert report.lossy == []


def test_first_import_from_a_lossy_copy_flags_question_marks(tmp_path: Path) -> None:
    path = tmp_path / "gv.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("cp1252", "replace"))
    report = import_gv100ad(path)
    assert Municipality.objects.get(ags="12052000").name == "Cottbus/Chó?ebuz, Stadt"
    assert len(report.lossy) == 4  # name and seat of the Kreis, association, municipality
    assert report.lossy[3] == (
        "Gemeinde 12052000: „Cottbus/Chó?ebuz, Stadt“ enthält „?“; "
        "vermutlich fehlen Buchstaben, die cp1252 nicht darstellen kann"
    )


def test_command_lists_areas_outside_districts_and_all_faults(tmp_path: Path) -> None:
    out = StringIO()
    call_command("import_gv100ad", str(SAMPLE), stdout=out)
    text = out.getvalue()
    assert "Gemeindefreie Gebiete: 2 neu, 0 geändert, 0 unverändert" in text
    assert "Gebiete außerhalb der Kreise: 2 neu, 0 geändert, 0 unverändert" in text
    assert "außerhalb der Kreise: 07000999 Gemeinsames deutsch-luxemburgisches Hoheitsgebiet" in text
    assert "außerhalb der Kreise: 13000999 Küstengewässer einschl. Anteil am Festlandsockel" in text
    lines = national_sample()
    lines[2] = _shorten(lines[2])
    lines[4] = _shorten(lines[4])
    with pytest.raises(CommandError) as excinfo:
        call_command("import_gv100ad", str(write(tmp_path, lines)))
    message = str(excinfo.value)
    assert "2 Fehler" in message and "Zeile 3, Satzart 40" in message and "Zeile 5, Satzart 60" in message
    assert message.endswith("Nichts wurde importiert.")
