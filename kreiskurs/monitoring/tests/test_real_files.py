"""Files as statisticians and spreadsheets hand them over (issue 10) and bounded, safe imports (issue 9).

The Regionalstatistik fixture ``tests/data/stats_12411-01-01-5_coesfeld.csv`` is shaped like a GENESIS export
of table 12411-01-01-5 (population by municipality): title lines, a period header, rows for Germany, the
Land, the district, its municipalities and a neighbour district, a footer; semicolons, Windows-1252.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from kreiskurs.accounts.models import Role
from kreiskurs.monitoring.importing import MAX_ERRORS
from kreiskurs.monitoring.models import Indicator, Measurement, PendingUpload
from kreiskurs.monitoring.services import (
    ImportRejected,
    import_indicators,
    import_measurements,
    plan_measurements,
    save_indicator,
)
from tests import factories

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
GENESIS_CSV = DATA / "stats_12411-01-01-5_coesfeld.csv"
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
#: the fixture's values as a person reads them (German thousands dots), checked by hand against the file
POPULATION = {
    "05558004": ("15822", "15911", "16015"),
    "05558008": ("11655", "11732", "0"),  # "-": exactly zero
    "05558012": ("36385", "36935", None),  # ".": no value
    "05558016": ("46790", "47304", None),  # "x"
    "05558020": ("11840", "11951", None),  # "..."
    "05558024": ("25167", "25353", None),  # "/"
    "05558028": ("10294", "10402", "10450"),
    "05558032": ("19829", "19931", "20012"),
    "05558036": ("12903", "13042", "13120"),
    "05558040": ("10812", "10890", "10905"),
    "05558044": ("20747", "20855", "20951"),
}
DISTRICT_POPULATION = ("220586", "221982", "222477")


@pytest.fixture
def coesfeld():  # type: ignore[no-untyped-def]
    district = factories.DistrictFactory(key="05558", slug="coesfeld", name="Coesfeld", land_key="05")
    for ags, name in COESFELD.items():
        factories.MunicipalityFactory(district=district, ags=ags, name=name)
    import_indicators(
        by=None,
        district=district,
        data=b"code;name;unit;scope\nEW;Einwohner;Personen;municipality\nEWK;Einwohner Kreis;Personen;district\n",
        filename="ind.csv",
    )
    return district


def stored(district, code: str) -> dict[tuple[str, str], Decimal]:  # type: ignore[no-untyped-def]
    return {
        (m.municipality.ags if m.municipality else "Kreis", m.period): m.value
        for m in Measurement.objects.filter(indicator__district=district, indicator__code=code).select_related(
            "municipality"
        )
    }


def expected_population() -> dict[tuple[str, str], Decimal]:
    values = {}
    for ags, row in [*POPULATION.items(), ("Kreis", DISTRICT_POPULATION)]:
        for period, value in zip(("2021", "2022", "2023"), row, strict=True):
            if value is not None:
                values[(ags, period)] = Decimal(value)
    return values


# --- Regionalstatistik / GENESIS ---------------------------------------------------------------


def test_regionalstatistik_csv_imports_value_by_value(coesfeld) -> None:  # type: ignore[no-untyped-def]
    data = GENESIS_CSV.read_bytes()
    assert "Dülmen".encode("cp1252") in data and b"\r\n" in data  # Windows-1252, Windows line ends
    summary = import_measurements(by=None, district=coesfeld, data=data, filename=GENESIS_CSV.name, indicator_code="EW")
    assert stored(coesfeld, "EW") == expected_population()
    assert (summary.created, summary.updated, summary.unchanged) == (3 + 11 * 3 - 4, 0, 0)
    assert dict(summary.markers) == {".": 1, "x": 1, "...": 1, "/": 1}
    assert summary.other_areas == 3  # Germany, the Land, the neighbour district
    assert str(summary) == (
        "32 neu, 0 aktualisiert, 0 unverändert; ohne Wert übersprungen: 1 × „.“, 1 × „x“, 1 × „...“, 1 × „/“; "
        "3 Zeilen anderer Gebiete übersprungen"
    )
    again = import_measurements(by=None, district=coesfeld, data=data, filename="x.csv", indicator_code="EW")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 32)


def test_regionalstatistik_for_a_district_wide_indicator_takes_the_district_row(coesfeld) -> None:  # type: ignore[no-untyped-def]
    summary = import_measurements(
        by=None, district=coesfeld, data=GENESIS_CSV.read_bytes(), filename="t.csv", indicator_code="EWK"
    )
    assert stored(coesfeld, "EWK") == {
        ("Kreis", "2021"): Decimal(220586),
        ("Kreis", "2022"): Decimal(221982),
        ("Kreis", "2023"): Decimal(222477),
    }
    assert summary.other_areas == 3 + 11


def test_regionalstatistik_needs_the_indicator(coesfeld, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportRejected) as error:
        import_measurements(by=None, district=coesfeld, data=GENESIS_CSV.read_bytes(), filename="t.csv")
    assert "Regionalstatistik" in error.value.errors[0][1] and "Indikator wählen" in error.value.errors[0][1]
    with pytest.raises(ImportRejected, match="Unbekannter Indikator „XX“"):
        import_measurements(
            by=None, district=coesfeld, data=GENESIS_CSV.read_bytes(), filename="t.csv", indicator_code="XX"
        )
    assert not Measurement.objects.exists()
    call_command("import_measurements", str(GENESIS_CSV), "--district", "05558", "--indicator", "EW")
    assert stored(coesfeld, "EW") == expected_population()


def genesis_xlsx() -> bytes:
    """The same table as Excel saves a GENESIS XLSX: numbers as number cells, one AGS lost its leading zero."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["GENESIS-Tabelle: 12411-01-01-5"])
    sheet.append(["Bevölkerung: Gemeinden, Stichtag"])
    sheet.append([])
    sheet.append([None, None, "Stichtag"])
    sheet.append([None, None, "31.12.2021", "31.12.2022", "31.12.2023"])
    sheet.append(["05558", "Coesfeld, Kreis", 220586, 221982, 222477])
    for ags, row in POPULATION.items():
        cells: list[object] = [int(v) if v is not None and v != "0" else v for v in row]
        if ags == "05558008":
            cells[2] = "-"
        if ags == "05558012":
            cells[2] = "."
        if ags in ("05558016", "05558020", "05558024"):
            cells[2] = {"05558016": "x", "05558020": "...", "05558024": "/"}[ags]
        key: object = int(ags) if ags == "05558004" else ags  # 5558004: the spreadsheet took it for a number
        sheet.append([key, COESFELD[ags], *cells])
    sheet.append(["__________"])
    sheet.append(["© Statistisches Bundesamt (Destatis), 2024"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_broken_key_among_the_areas_is_reported_not_skipped(coesfeld) -> None:  # type: ignore[no-untyped-def]
    data = GENESIS_CSV.read_bytes().replace(b"05558008;Billerbeck", b"05558OO8;Billerbeck")
    with pytest.raises(ImportRejected) as error:
        import_measurements(by=None, district=coesfeld, data=data, filename="t.csv", indicator_code="EW")
    assert error.value.errors == [(11, "„05558OO8“ ist kein Gebietsschlüssel (nur Ziffern erlaubt)")]
    data = GENESIS_CSV.read_bytes().replace(b"05558008;Billerbeck", b"05558099;Billerbeck")
    with pytest.raises(ImportRejected) as error:
        import_measurements(by=None, district=coesfeld, data=data, filename="t.csv", indicator_code="EW")
    assert error.value.errors == [(11, "„05558099“ ist keine Gemeinde dieses Kreises")]
    assert not Measurement.objects.exists()


def test_regionalstatistik_xlsx_imports_value_by_value(coesfeld) -> None:  # type: ignore[no-untyped-def]
    summary = import_measurements(
        by=None, district=coesfeld, data=genesis_xlsx(), filename="12411-01-01-5.xlsx", indicator_code="EW"
    )
    assert stored(coesfeld, "EW") == expected_population()
    assert dict(summary.markers) == {".": 1, "x": 1, "...": 1, "/": 1}


def test_an_ags_without_its_leading_zero_is_repaired(coesfeld) -> None:  # type: ignore[no-untyped-def]
    data = b"indicator_code;ags;period;value\nEW;5558004;2024;16100\nEW;05558008;2024;11800\n"
    import_measurements(by=None, district=coesfeld, data=data, filename="m.csv")
    assert stored(coesfeld, "EW") == {("05558004", "2024"): Decimal(16100), ("05558008", "2024"): Decimal(11800)}
    with pytest.raises(ImportRejected) as error:
        import_measurements(
            by=None, district=coesfeld, data=b"indicator_code;ags;period;value\nEW;555800;2024;1\n", filename="m.csv"
        )
    assert error.value.errors == [(2, "Spalte ags: „555800“ ist weder ein AGS (8 Ziffern) noch ein ARS (12 Ziffern)")]


# --- number formats ------------------------------------------------------------------------------


def test_thousands_dots_in_a_german_file_are_thousands(coesfeld) -> None:  # type: ignore[no-untyped-def]
    data = "indicator_code;period;value\nEWK;2023;222.477\nEWK;2022;221.982\nEWK;2021;3,5\n".encode("cp1252")
    import_measurements(by=None, district=coesfeld, data=data, filename="m.csv")
    assert stored(coesfeld, "EWK") == {
        ("Kreis", "2023"): Decimal(222477),
        ("Kreis", "2022"): Decimal(221982),
        ("Kreis", "2021"): Decimal("3.5"),
    }


def test_an_international_file_reads_dots_as_decimals(coesfeld) -> None:  # type: ignore[no-untyped-def]
    data = b'indicator_code,period,value\nEWK,2023,15.822\nEWK,2022,"1,234.5"\n'
    import_measurements(by=None, district=coesfeld, data=data, filename="m.csv")
    assert stored(coesfeld, "EWK") == {("Kreis", "2023"): Decimal("15.822"), ("Kreis", "2022"): Decimal("1234.5")}


def test_an_ambiguous_value_is_refused_with_line_column_and_both_readings(coesfeld) -> None:  # type: ignore[no-untyped-def]
    data = b"indicator_code,period,value\nEWK,2023,15.822\nEWK,2022,15911\n"
    with pytest.raises(ImportRejected) as error:
        import_measurements(by=None, district=coesfeld, data=data, filename="m.csv")
    ((line, message),) = error.value.errors
    assert line == 2
    assert message.startswith(
        "Spalte value: „15.822“ ist mehrdeutig: 15822 (Tausenderpunkt, deutsches Format) oder 15,822"
    )
    assert not Measurement.objects.exists()


def test_a_file_mixing_both_formats_is_refused(coesfeld) -> None:  # type: ignore[no-untyped-def]
    data = b"indicator_code;period;value\nEWK;2023;3,5\nEWK;2022;2.5\n"
    with pytest.raises(ImportRejected) as error:
        import_measurements(by=None, district=coesfeld, data=data, filename="m.csv")
    assert error.value.errors == [
        (
            None,
            "Zahlenformat uneinheitlich: Zeile 2, Spalte value „3,5“ hat ein Dezimalkomma, Zeile 3, Spalte value "
            "„2.5“ einen Dezimalpunkt – bitte ein Format für die ganze Datei verwenden",
        )
    ]


def test_indicator_baselines_follow_the_file_format_too(coesfeld) -> None:  # type: ignore[no-untyped-def]
    data = b"code;name;baseline_value;target_value\nB1;Breitband;1.500;2.000,5\n"
    import_indicators(by=None, district=coesfeld, data=data, filename="i.csv")
    b1 = Indicator.objects.get(district=coesfeld, code="B1")
    assert (b1.baseline_value, b1.target_value) == (Decimal(1500), Decimal("2000.5"))


@pytest.mark.parametrize(("language", "delimiter"), [("de", ";"), ("en", ",")])
def test_the_portals_own_table_reimports_to_identical_values(coesfeld, language: str, delimiter: str) -> None:  # type: ignore[no-untyped-def]
    values = ["1500", "70.2", "0.05", "-3", "15822", "1234567.891", "0.125", "1000000"]
    periods = [str(2010 + n) for n in range(len(values))]
    lines = "".join(f"EWK;{p};{v.replace('.', ',')}\n" for p, v in zip(periods, values, strict=True))
    import_measurements(
        by=None, district=coesfeld, data=f"indicator_code;period;value\n{lines}".encode(), filename="a.csv"
    )
    assert set(stored(coesfeld, "EWK").values()) == {Decimal(v) for v in values}
    client = Client()
    client.cookies["django_language"] = language
    page = client.get(f"/{coesfeld.slug}/indikatoren/EWK/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    table = page[page.index("<tbody", page.index("kern-table")) :]
    row = (
        r'<tr class="kern-table__row"><td class="kern-table__cell">([^<]+)</td>'
        r'<td class="kern-table__cell kern-table__cell--numeric">([^<]+)</td>'
    )
    cells = re.findall(row, table)
    assert len(cells) == len(values)
    shown = {value for _period, value in cells}
    assert {"de": {"1.500", "70,2", "1.234.567,891"}, "en": {"1,500", "70.2", "1,234,567.891"}}[language] <= shown
    # copy the table into a file, as a spreadsheet would save it, and import it as another indicator
    import_indicators(by=None, district=coesfeld, data=b"code;name\nCOPY;Kopie\n", filename="i.csv")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["indicator_code", "period", "value"])
    for period, shown in cells:
        writer.writerow(["COPY", period, shown])
    import_measurements(by=None, district=coesfeld, data=buffer.getvalue().encode(), filename="kopie.csv")
    assert stored(coesfeld, "COPY") == stored(coesfeld, "EWK")


def test_numbers_beyond_the_stored_precision_are_refused_not_a_500(coesfeld) -> None:  # type: ignore[no-untyped-def]
    data = b"indicator_code;period;value\nEWK;2023;123456789012345678\n"
    with pytest.raises(ImportRejected, match="zu groß"):
        import_measurements(by=None, district=coesfeld, data=data, filename="m.csv")


# --- issue 9: safe codes, NUL, bounded reports and uploads -------------------------------------


def test_codes_that_would_break_urls_are_refused_everywhere(coesfeld) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportRejected) as error:
        import_indicators(by=None, district=coesfeld, data=b"code;name\nA/B;Schraeg\n..;Punkte\n", filename="i.csv")
    lines = dict(error.value.errors)
    assert set(lines) == {2, 3} and lines[2].startswith("code: Nur Buchstaben, Ziffern, Punkt")
    with pytest.raises(ValidationError) as invalid:
        save_indicator(
            by=None,
            district=coesfeld,
            indicator=Indicator(),
            values={"code": "A/B", "name": "x"},
            expected_revision=None,
        )
    assert "code" in invalid.value.message_dict
    client = Client()
    client.force_login(factories.member(coesfeld, Role.STRATEGY_TEAM))
    response = client.post(
        f"/{coesfeld.slug}/verwaltung/indikatoren/neu/",
        {"code": "A/B", "name": "x", "direction": "up", "level": "strategy", "scope": "district"},
    )
    assert response.status_code == 200 and "Nur Buchstaben, Ziffern, Punkt" in response.content.decode()
    assert not Indicator.objects.filter(name__in=["x", "Schraeg"]).exists()
    # a safe code with dots and dashes works and its pages answer
    import_indicators(by=None, district=coesfeld, data=b"code;name\nI-1.2_a;Gut\n", filename="i.csv")
    assert Client().get(f"/{coesfeld.slug}/indikatoren/").status_code == 200
    assert Client().get(f"/{coesfeld.slug}/indikatoren/I-1.2_a/").status_code == 200


def test_nul_bytes_are_refused_with_the_line(coesfeld) -> None:  # type: ignore[no-untyped-def]
    data = b"indicator_code;period;value;note\nEWK;2023;1;gut\nEWK;2022;2;b\x00se\n"
    with pytest.raises(ImportRejected) as error:
        import_measurements(by=None, district=coesfeld, data=data, filename="m.csv")
    assert error.value.errors == [
        (None, "m.csv, Zeile 3, Spalte D: enthält ein NUL-Zeichen (Steuerzeichen \\0) – bitte entfernen")
    ]
    with pytest.raises(ImportRejected, match="Zeile 2, Spalte B: enthält ein NUL-Zeichen"):
        import_indicators(by=None, district=coesfeld, data=b"code;name\nN1;a\x00b\n", filename="i.csv")
    assert not Measurement.objects.exists() and not Indicator.objects.filter(code="N1").exists()


def test_error_reports_list_at_most_100_errors_and_count_the_rest(coesfeld) -> None:  # type: ignore[no-untyped-def]
    data = "indicator_code;period;value\n" + "".join(f"EWK;{2000 + n % 100};x{n}\n" for n in range(250))
    with pytest.raises(ImportRejected) as error:
        import_measurements(by=None, district=coesfeld, data=data.encode(), filename="m.csv")
    assert len(error.value.errors) == MAX_ERRORS == 100
    assert (error.value.total, error.value.more) == (250, 150)
    assert str(error.value).splitlines()[0] == "m.csv: 250 Fehler, nichts wurde importiert."
    assert str(error.value).splitlines()[-1] == "  … und 150 weitere Fehler"
    client = Client()
    client.force_login(factories.member(coesfeld, Role.STRATEGY_TEAM))
    upload = io.BytesIO(data.encode())
    upload.name = "m.csv"
    body = client.post(f"/{coesfeld.slug}/verwaltung/indikatoren/import/messwerte/", {"file": upload}).content.decode()
    assert "m.csv: 250 Fehler" in body and "150 weitere Fehler" in body
    assert body.count('<tr class="kern-table__row"><td class="kern-table__cell">') == 100
    # each message is short too, whatever the bad value's length
    huge = "indicator_code;period;value\n" + "".join(f"EWK;{2000 + n};{'x' * 50_000}\n" for n in range(100))
    with pytest.raises(ImportRejected) as error:
        import_measurements(by=None, district=coesfeld, data=huge.encode(), filename="m.csv")
    assert len(error.value.errors) == 100 and max(len(message) for _line, message in error.value.errors) <= 502


@override_settings(KREISKURS_MAX_UPLOAD_BYTES=1000)
def test_uploads_beyond_the_limit_are_refused_with_a_clear_message(coesfeld, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = b"indicator_code;period;value\n" + b"EWK;2023;1\n" * 200  # 2,228 bytes
    client = Client()
    client.force_login(factories.member(coesfeld, Role.STRATEGY_TEAM))
    upload = io.BytesIO(data)
    upload.name = "gross.csv"
    body = client.post(f"/{coesfeld.slug}/verwaltung/indikatoren/import/messwerte/", {"file": upload}).content.decode()
    assert "Die Datei ist zu groß" in body and "größer als erlaubt: höchstens 1000\xa0Bytes" in body
    assert not PendingUpload.objects.exists()
    with pytest.raises(ImportRejected, match="höchstens 1000"):
        import_measurements(by=None, district=coesfeld, data=data, filename="gross.csv")
    path = tmp_path / "gross.csv"
    path.write_bytes(data)
    with pytest.raises(CommandError, match="höchstens 1000"):
        call_command("import_measurements", str(path), "--district", "05558")
    assert not Measurement.objects.exists()


def test_preview_of_a_regionalstatistik_table_on_the_upload_page(coesfeld) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(factories.member(coesfeld, Role.STRATEGY_TEAM))
    url = f"/{coesfeld.slug}/verwaltung/indikatoren/import/messwerte/"
    page = client.get(url).content.decode()
    assert 'name="indicator"' in page and "EW Einwohner" in page
    upload = io.BytesIO(GENESIS_CSV.read_bytes())
    upload.name = GENESIS_CSV.name
    body = client.post(url, {"file": upload, "indicator": "EW"}).content.decode()
    counts = dict(re.findall(r'data-count="(\w+)">([^<]*)<', body))
    assert counts == {
        "new": "32",
        "changed": "0",
        "unchanged": "0",
        "markers": "1 × „.“, 1 × „x“, 1 × „...“, 1 × „/“",
        "other": "3",
        "errors": "0",
    }
    assert "Tabelle der Regionalstatistik" in body and "Dezimalkomma" in body
    assert not Measurement.objects.exists()
    # checking the file again replaces the waiting upload instead of keeping a second copy
    first = PendingUpload.objects.get().pk
    upload.seek(0)
    client.post(url, {"file": upload, "indicator": "EW"})
    assert [p.pk for p in PendingUpload.objects.all()] != [first] and PendingUpload.objects.count() == 1
    client.post(url, {"confirm": PendingUpload.objects.get().pk})
    assert stored(coesfeld, "EW") == expected_population()


def test_plan_reports_without_writing(coesfeld) -> None:  # type: ignore[no-untyped-def]
    plan = plan_measurements(district=coesfeld, data=GENESIS_CSV.read_bytes(), filename="t.csv", indicator_code="EW")
    assert plan.layout == "genesis" and not plan.errors and plan.summary.created == 32
    assert not Measurement.objects.exists()


def test_checking_reports_progress(coesfeld) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[str, int, int]] = []
    big = "indicator_code;period;value\n" + "".join(f"EWK;{1900 + n // 12}-{n % 12 + 1:02d};{n}\n" for n in range(450))
    plan_measurements(
        district=coesfeld, data=big.encode(), filename="m.csv", progress=lambda s, d=0, t=0: calls.append((s, d, t))
    )
    assert calls == [("Datei prüfen", 200, 450), ("Datei prüfen", 400, 450), ("Datei prüfen", 450, 450)]
