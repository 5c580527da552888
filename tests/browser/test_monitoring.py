"""Staff import a measurement file with errors, read the row report, fix the file and import it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from kreiskurs.monitoring.models import Measurement

from .conftest import DEMO_SLUG, login

pytestmark = pytest.mark.browser

BAD = (
    "indicator_code;ags;period;value;source;note\n"
    "I1;;2026;61,5;OZG;\n"  # fine
    "I9;;2026;1;;\n"  # unknown indicator
    "I2;05558999;2026;75;;\n"  # AGS not in the district
    "I1;;2026-Q5;3;;\n"  # no such quarter
)


def test_import_with_errors_then_fixed(page: Page, demo: Any, tmp_path: Path) -> None:
    login(page)
    page.goto(f"/{DEMO_SLUG}/verwaltung/indikatoren/")
    page.get_by_role("link", name="Messwerte importieren").click()
    bad = tmp_path / "messwerte.csv"
    bad.write_bytes(BAD.encode("cp1252"))
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Prüfen", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("3 Fehler")
    report = page.get_by_role("table", name="Fehlerbericht")
    expect(report.get_by_role("row")).to_have_count(4)  # header + three bad rows
    expect(report).to_contain_text("unbekannter Indikator")
    expect(report).to_contain_text("05558999")
    expect(report).to_contain_text("2026-Q5")
    assert not Measurement.objects.filter(period="2026").exists()

    fixed = tmp_path / "messwerte-korrigiert.csv"
    fixed.write_text(
        "indicator_code;ags;period;value;source;note\nI1;;2026;61,5;OZG;\nI2;05558004;2026;75;;\n", encoding="utf-8"
    )
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(str(fixed))
    page.get_by_role("button", name="Prüfen", exact=True).click()
    expect(page.locator("[data-count=new]")).to_have_text("2")  # a preview: nothing imported yet
    assert not Measurement.objects.filter(period="2026").exists()
    page.get_by_role("button", name="Import bestätigen").click()
    expect(page.get_by_role("status").first).to_contain_text("2 neu")
    page.goto(f"/{DEMO_SLUG}/indikatoren/I1/")
    expect(page.get_by_role("table", name="Verlauf als Tabelle")).to_contain_text("61,5")


def test_measure_lead_files_a_status_report(page: Page, demo: Any) -> None:
    login(page, "massnahme")
    page.goto(f"/{DEMO_SLUG}/verwaltung/umsetzung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Maßnahmen")
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(2)  # header + M1, the lead's only measure
    page.get_by_role("link", name="Bericht erfassen").click()
    page.get_by_label("Fortschritt (%)").fill("70")
    page.get_by_label("Bericht", exact=True).fill("Sechs Kommunen produktiv, 90 Leistungen online.")
    page.get_by_role("button", name="Statusbericht speichern").click()
    expect(page.get_by_role("status").first).to_contain_text("Statusbericht")
    page.get_by_role("button", name="Abmelden").click()  # the public sees it too
    page.goto(f"/{DEMO_SLUG}/")
    page.get_by_role("navigation", name="Strategie des Kreises").get_by_role("link", name="Maßnahmen").click()
    page.get_by_role("link", name="Gemeinsames Serviceportal für Kreis und Kommunen").click()
    expect(page.get_by_text("Sechs Kommunen produktiv, 90 Leistungen online.")).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("value", "70")
