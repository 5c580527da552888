"""Indicator and measurement imports: all or nothing, every bad row reported with its line."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.monitoring.models import Indicator, Measurement, PendingUpload
from kreiskurs.monitoring.services import ImportRejected, import_indicators, import_measurements
from tests import factories

pytestmark = pytest.mark.django_db

INDICATORS = (
    "code;name;unit;direction;baseline_value;baseline_date;target_value;target_date;level;scope;source;description\n"
    "I1;Online-Leistungen;%;up;18;31.12.2022;80;2028-12-31;strategy;district;OZG;Anteil\n"
    "I2;Gigabit;%;up;35,5;;95;;strategy;municipality;Atlas;\n"
)


@pytest.fixture
def district():  # type: ignore[no-untyped-def]
    district = factories.DistrictFactory()
    factories.MunicipalityFactory(district=district, ags=f"{district.key}004")
    factories.MunicipalityFactory(district=district, ags=f"{district.key}008")
    import_indicators(by=None, district=district, data=INDICATORS.encode(), filename="ind.csv")
    return district


def test_indicator_definitions_with_german_dates_and_decimals(district) -> None:  # type: ignore[no-untyped-def]
    i1, i2 = Indicator.objects.filter(district=district).order_by("code")
    assert (i1.baseline_value, str(i1.baseline_date), i1.target_value, str(i1.target_date)) == (
        Decimal(18),
        "2022-12-31",
        Decimal(80),
        "2028-12-31",
    )
    assert (i2.baseline_value, i2.scope) == (Decimal("35.5"), "municipality")
    again = import_indicators(by=None, district=district, data=INDICATORS.encode(), filename="ind.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_bad_indicator_rows_are_all_reported(district) -> None:  # type: ignore[no-untyped-def]
    data = (
        "code;name;direction;level;baseline_value\n"
        "I9;Neu;sideways;strategy;1\n"
        ";Ohne Code;up;strategy;\n"
        "I1;Doppelt;up;nation;x\n"
    )
    with pytest.raises(ImportRejected) as exc:
        import_indicators(by=None, district=district, data=data.encode(), filename="bad.csv")
    lines = {line: msg for line, msg in exc.value.errors}
    assert set(lines) == {2, 3, 4}
    assert "direction" in lines[2] and "code" in lines[3] and "level" in lines[4] and "baseline_value" in lines[4]
    assert not Indicator.objects.filter(code="I9").exists()


MEASUREMENTS = (
    "indicator_code;ags;period;value;source;note\nI1;;2023;31;OZG;\nI1;;2024;44,5;OZG;\nI2;{k}004;2024-Q4;61,25;;\n"
)


def test_measurements_import_and_update_with_summary(district) -> None:  # type: ignore[no-untyped-def]
    data = MEASUREMENTS.format(k=district.key).encode("cp1252")
    summary = import_measurements(by=None, district=district, data=data, filename="m.csv")
    assert (summary.created, summary.updated, summary.unchanged) == (3, 0, 0)
    changed = data.replace(b"44,5", b"45")
    summary = import_measurements(by=None, district=district, data=changed, filename="m.csv")
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 2)
    assert Measurement.objects.get(indicator__code="I1", period="2024").value == Decimal(45)
    assert Measurement.objects.get(indicator__code="I2").municipality.ags == f"{district.key}004"


def test_every_bad_measurement_row_is_listed_and_nothing_lands(district) -> None:  # type: ignore[no-untyped-def]
    k = district.key
    data = (
        "indicator_code,ags,period,value\n"
        "I1,,2024,10\n"  # fine
        "XX,,2024,1\n"  # unknown indicator
        f"I2,99999001,2024,1\n"  # AGS of another district
        "I1,,2024-13,1\n"  # bad period
        "I1,,2023,viel\n"  # not a number
        "I1,,2024,11\n"  # duplicate of line 2
        f"I1,{k}004,2024,3\n"  # district-wide indicator with an AGS
    )
    with pytest.raises(ImportRejected) as exc:
        import_measurements(by=None, district=district, data=data.encode(), filename="m.csv")
    lines = dict(exc.value.errors)
    assert set(lines) == {3, 4, 5, 6, 7, 8}
    assert "unbekannter Indikator" in lines[3]
    assert "99999001" in lines[4]
    assert "period" in lines[5]
    assert "value" in lines[6]
    assert "Zeile 2" in lines[7]
    assert "ganzen Kreis" in lines[8]
    assert not Measurement.objects.exists()


def test_xlsx_rows_are_reported_by_sheet_row(district) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["indicator_code", "ags", "period", "value"])
    sheet.append(["I1", None, 2024, 12.5])
    sheet.append([None, None, None, None])
    sheet.append(["I1", None, "2025", "abc"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportRejected) as exc:
        import_measurements(by=None, district=district, data=buffer.getvalue(), filename="m.xlsx")
    assert [line for line, _msg in exc.value.errors] == [4]  # header 1, data 2, empty 3
    sheet.delete_rows(4, 2)
    buffer = io.BytesIO()
    book.save(buffer)
    import_measurements(by=None, district=district, data=buffer.getvalue(), filename="m.xlsx")
    assert Measurement.objects.get().value == Decimal("12.5")


def test_commands(district, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    definitions = tmp_path / "i.csv"
    definitions.write_text("code;name;unit\nI3;Neuer Indikator;Stück\n", encoding="utf-8")
    call_command("import_indicators", str(definitions), "--district", district.key)
    assert Indicator.objects.get(district=district, code="I3").unit == "Stück"
    with pytest.raises(CommandError, match="nicht importiert"):
        call_command("import_indicators", str(definitions), "--district", "00000")
    good = tmp_path / "m.csv"
    good.write_text(MEASUREMENTS.format(k=district.key), encoding="utf-8")
    call_command("import_measurements", str(good), "--district", district.key)
    assert Measurement.objects.count() == 3
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator_code;period;value\nI1;2024;x\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"Zeile 2.*value"):
        call_command("import_measurements", str(bad), "--district", district.key)
    with pytest.raises(CommandError, match="fehlen"):
        bad.write_text("code;wert\n", encoding="utf-8")
        call_command("import_measurements", str(bad), "--district", district.key)


def test_upload_page_shows_the_row_report_then_a_preview_and_imports_after_confirmation(district) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    user = factories.member(district, Role.STRATEGY_TEAM)
    client.force_login(user)
    url = f"/{district.slug}/verwaltung/indikatoren/import/messwerte/"
    bad = io.BytesIO(b"indicator_code;period;value\nI1;2024;x\nI1;20x4;1\n")
    bad.name = "werte.csv"
    body = client.post(url, {"file": bad}).content.decode()
    assert "2 Fehler" in body and '<td class="kern-table__cell">3</td>' in body
    assert "Import bestätigen" not in body and not PendingUpload.objects.exists()
    import_measurements(
        by=None, district=district, data=b"indicator_code;period;value\nI1;2023;5\nI1;2022;7\n", filename="a.csv"
    )
    good = io.BytesIO(b"indicator_code;period;value\nI1;2024;12\nI1;2023;6\nI1;2022;7\nI1;2021;1\n")
    good.name = "werte.csv"
    body = client.post(url, {"file": good}).content.decode()
    counts = dict(re.findall(r'data-count="(\w+)">([^<]*)<', body))
    assert counts == {"new": "2", "changed": "1", "unchanged": "1", "markers": "0", "errors": "0"}
    assert "Import bestätigen" in body
    assert not Measurement.objects.filter(period="2024").exists()  # nothing imported before the confirmation
    pending = PendingUpload.objects.get()
    # another member of the district cannot confirm this user's upload
    other = Client()
    other.force_login(factories.member(district, Role.STRATEGY_TEAM))
    assert "nicht mehr vor" in other.post(url, {"confirm": pending.pk}).content.decode()
    response = client.post(url, {"confirm": pending.pk}, follow=True)
    assert "Import erfolgreich: 2 neu, 1 aktualisiert, 1 unverändert" in response.content.decode()
    assert Measurement.objects.get(period="2024").value == 12
    assert Measurement.objects.get(period="2023").value == 6
    assert not PendingUpload.objects.exists()
    # a second confirmation imports nothing twice
    assert "nicht mehr vor" in client.post(url, {"confirm": pending.pk}).content.decode()
    steering = Client()
    steering.force_login(factories.member(district, Role.STEERING))
    assert steering.get(url).status_code == 404


def test_public_indicator_page_and_api(district) -> None:  # type: ignore[no-untyped-def]
    import_measurements(by=None, district=district, data=MEASUREMENTS.format(k=district.key).encode(), filename="m.csv")
    client = Client()
    body = client.get(f"/{district.slug}/indikatoren/I1/").content.decode()
    assert "<svg" in body and "Verlauf als Tabelle" in body and "44,5" in body
    assert client.get(f"/{district.slug}/indikatoren/").status_code == 200
    api = client.get(f"/api/v1/districts/{district.key}/indicators/").json()
    i1 = next(i for i in api["results"] if i["code"] == "I1")
    assert (i1["latest_period"], Decimal(i1["latest_value"])) == ("2024", Decimal("44.5"))
    values = client.get(f"/api/v1/districts/{district.key}/indicators/I2/measurements/").json()
    assert values["results"][0]["ags"] == f"{district.key}004"
    assert client.get(f"/api/v1/districts/{district.key}/indicators/NOPE/measurements/").status_code == 404


def test_measured_values_read_as_entered() -> None:
    from django.utils import translation

    from kreiskurs.monitoring.templatetags.measured import measured

    with translation.override("de"):
        assert [measured(Decimal(v)) for v in ("70.2000", "1500.0000", "0.0500", "-3")] == [
            "70,2",
            "1.500",
            "0,05",
            "-3",
        ]
        assert measured(None) == "–"


def test_goal_and_measure_pages_show_their_indicators() -> None:
    from kreiskurs.monitoring.services import set_indicator_links
    from kreiskurs.strategy.models import Goal, Measure

    version = factories.adopted_strategy(measures=1)
    district = version.district
    import_indicators(by=None, district=district, data=INDICATORS.encode(), filename="ind.csv")
    goal, measure = Goal.objects.get(version=version), Measure.objects.get(version=version)
    set_indicator_links(
        by=None,
        indicator=Indicator.objects.get(district=district, code="I1"),
        goals=[goal.lineage],
        measures=[measure.lineage],
    )
    client = Client()
    for url in (f"/{district.slug}/ziele/{goal.lineage}/", f"/{district.slug}/massnahmen/{measure.lineage}/"):
        body = client.get(url).content.decode()
        assert "Online-Leistungen" in body and "Ziel 80" in body


def test_municipal_contact_reports_only_for_the_own_municipality(district) -> None:  # type: ignore[no-untyped-def]
    own, other = district.municipalities.order_by("ags")
    contact = Client()
    contact.force_login(factories.member(district, Role.MUNICIPAL_CONTACT, municipality=own))
    i1, i2 = Indicator.objects.filter(district=district).order_by("code")
    url = f"/{district.slug}/verwaltung/indikatoren/{i2.pk}/"
    page = contact.get(url).content.decode()
    assert "Messwert erfassen" in page and other.name not in page.split("Messwert erfassen")[1].split("</form>")[0]
    contact.post(url, {"municipality": own.pk, "period": "2025", "value": "71,5"})
    assert Measurement.objects.get(municipality=own).value == Decimal("71.5")
    response = contact.post(url, {"municipality": other.pk, "period": "2025", "value": "50"})
    assert "gültige Auswahl" in response.content.decode()
    assert not Measurement.objects.filter(municipality=other).exists()
    # district-wide indicator: no form for the contact, and a POST is refused
    assert "Messwert erfassen" not in contact.get(f"/{district.slug}/verwaltung/indikatoren/{i1.pk}/").content.decode()
    assert (
        contact.post(f"/{district.slug}/verwaltung/indikatoren/{i1.pk}/", {"period": "2025", "value": "1"}).status_code
        == 404
    )


def test_the_indicator_form_saves_the_definition_and_its_links_in_one_step() -> None:
    from kreiskurs.strategy.models import Goal

    version = factories.adopted_strategy(measures=1)
    district = version.district
    goal = Goal.objects.get(version=version)
    client = Client()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    fields = {"code": "G1", "name": "Glasfaser", "direction": "up", "level": "strategy", "scope": "district"}
    response = client.post(f"/{district.slug}/verwaltung/indikatoren/neu/", {**fields, "goals": [goal.pk]})
    indicator = Indicator.objects.get(district=district, code="G1")
    assert response.status_code == 302
    assert [(link.kind, link.lineage) for link in indicator.links.all()] == [("goal", goal.lineage)]
    # a stale revision is refused and neither the definition nor the links change
    url = f"/{district.slug}/verwaltung/indikatoren/{indicator.pk}/bearbeiten/"
    client.post(url, {**fields, "name": "Neu", "revision": indicator.revision})
    response = client.post(url, {**fields, "name": "Veraltet", "revision": indicator.revision, "goals": [goal.pk]})
    assert response.status_code == 200
    indicator.refresh_from_db()
    assert indicator.name == "Neu" and not indicator.links.exists()
