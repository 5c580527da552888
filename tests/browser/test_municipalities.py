"""A municipal contact records a local initiative and joins a measure; the public pages agree."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from kreiskurs.initiatives.models import LocalInitiative

from .conftest import DEMO_SLUG, axe_check, login

pytestmark = pytest.mark.browser

S = DEMO_SLUG


def test_contact_adds_an_initiative_and_joins_a_measure(page: Page, demo: Any) -> None:
    login(page, "gemeinde")
    page.goto(f"/{S}/verwaltung/")
    page.get_by_role("navigation", name="Verwaltung").get_by_role("link", name="Gemeinden", exact=True).click()
    axe_check(page)
    page.get_by_role("link", name="Dülmen, Stadt").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dülmen, Stadt")
    axe_check(page)
    page.get_by_role("link", name="Ansatz erfassen").click()
    page.get_by_label("Titel").fill("Digitale Fundsachen")
    page.get_by_label("Beschreibung").fill("Fundsachen online melden und abholen.")
    page.get_by_label("Stand").select_option(label="läuft")
    page.get_by_label("Ansprechstelle").fill("Bürgerbüro")
    page.get_by_role("group", name="Handlungsfelder").get_by_label("HF1 Verwaltung und Online-Dienste").check()
    axe_check(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Der Ansatz „Digitale Fundsachen“ ist gespeichert.")
    initiative = LocalInitiative.objects.get(title="Digitale Fundsachen")
    assert initiative.municipality.ags == "05558016" and initiative.links.count() == 1

    # Join an open measure (M4 needs no confirmation) as pilot.
    page.get_by_label("Rolle bei M4").select_option(label="Pilot")
    page.get_by_role("button", name="M4 beitreten").click()
    expect(page.get_by_role("status")).to_contain_text("ist M4 Termin- und Wartemanagement in Bürgerbüros beigetreten")

    page.goto(f"/{S}/gemeinden/duelmen-stadt/")
    axe_check(page)
    measures = page.get_by_role("region", name="Beteiligung an Maßnahmen")
    expect(measures.locator("li").filter(has_text="M4 Termin")).to_contain_text("Pilot")
    expect(page.get_by_role("region", name="Eigene Ansätze der Gemeinde")).to_contain_text("Digitale Fundsachen")
    page.goto(f"/{S}/massnahmen/")
    page.get_by_role("link", name="Termin- und Wartemanagement in Bürgerbüros").click()
    expect(page.locator("main")).to_contain_text("Dülmen, Stadt – Pilot")
