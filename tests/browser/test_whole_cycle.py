"""The whole strategy cycle on a new district (issue 14), through the pages a strategy team and a citizen use.

mandate → time plan → baseline with SWOT → draft → released for consultation (with a deadline) → a citizen comments →
the team weighs the comment → public consideration table → guarded adoption (refused while the
commenting process runs, then settled with the confirmation) → implementation (status report, a
rescheduled end) → evaluation (planned ahead, a round opened) → revision, after the preparation
(mandate and time plan, part A). axe-core on every page this issue added.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from kreiskurs.accounts.models import Role
from kreiskurs.participation.models import Consideration, Process
from kreiskurs.strategy import services
from kreiskurs.strategy.models import FieldOfAction, Measure, StrategyVersion, VersionState
from tests import factories

from .conftest import axe_check, login

pytestmark = pytest.mark.browser


def _status(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text).first).to_be_visible()


def test_the_whole_cycle_on_a_new_district(
    page: Page, new_context: Callable[[], BrowserContext], transactional_db: None
) -> None:
    district = factories.DistrictFactory()
    team = factories.member(district, Role.STRATEGY_TEAM)
    s = district.slug
    today = timezone.localdate()
    login(page, team.username)

    # Preparation: the mandate and the time plan (the cycle app, part A of issue 14).
    page.goto(f"/{s}/verwaltung/zeitplan/")
    page.get_by_role("link", name="Auftrag erfassen").click()
    page.get_by_label("Gremium", exact=True).select_option(label="Kreistag")
    page.get_by_label("Beschlussdatum", exact=True).fill((today - dt.timedelta(days=60)).isoformat())
    page.get_by_label("Drucksache / Beschlussnummer").fill("KT-0/2026")
    page.get_by_role("button", name="Speichern").click()
    _status(page, "Der Auftrag wurde gespeichert.")
    page.goto(f"/{s}/verwaltung/zeitplan/phasen/preparation/")
    page.get_by_label(re.compile(r"^Geplanter Beginn")).fill((today - dt.timedelta(days=60)).isoformat())
    page.get_by_label(re.compile(r"^Geplantes Ende")).fill((today + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Speichern").click()
    _status(page, "wurde gespeichert")

    # Draft: the strategy, a field of action, the baseline with a SWOT finding.
    page.goto(f"/{s}/verwaltung/")
    page.get_by_role("button", name="Strategie anlegen").click()
    _status(page, "Die Strategie ist angelegt")
    page.goto(f"/{s}/verwaltung/handlungsfelder/neu/")
    page.get_by_label("Kürzel", exact=True).fill("HF1")
    page.get_by_label("Titel", exact=True).fill("Verwaltung digital")
    page.get_by_role("button", name="Speichern").click()
    page.goto(f"/{s}/verwaltung/ausgangslage/neu/")
    page.get_by_label("Überschrift", exact=True).fill("Wo wir stehen")
    page.get_by_label(re.compile(r"^Text\b")).fill("Zwölf von dreißig Leistungen sind online.")
    page.get_by_role("button", name="Speichern").click()
    page.goto(f"/{s}/verwaltung/swot/neu/")
    page.get_by_label("Art", exact=True).select_option(label="Schwäche")
    page.get_by_label("Befund", exact=True).fill("Wenige Leistungen online")
    page.get_by_role("button", name="Speichern").click()
    version = StrategyVersion.objects.get(district=district)
    field = FieldOfAction.objects.get(version=version)
    measure = services.create_element(
        by=team,
        version=version,
        model=Measure,
        values={
            "code": "M1",
            "title": "Serviceportal",
            "summary": "Alle Leistungen online.",
            "end": dt.date(today.year + 1, 12, 31),
            "lead_person": "Frau Alt",
            "estimated_cost": Decimal(80000),
        },
        m2m={"fields_of_action": [field], "goals": []},
    )

    # Released for consultation with a deadline; the public reads it and its baseline.
    until = today + dt.timedelta(days=30)
    page.goto(f"/{s}/verwaltung/versionen/")
    page.get_by_label("Beteiligung bis").fill(until.isoformat())
    page.get_by_role("button", name="Zur Beteiligung veröffentlichen").click()
    _status(page, "öffentlich in der Beteiligung")
    citizen = new_context().new_page()
    citizen.goto(f"/{s}/versionen/")
    expect(citizen.get_by_text(f"Beteiligung bis {until:%d.%m.%Y}")).to_be_visible()
    citizen.goto(f"/{s}/zeitplan/")
    expect(citizen.get_by_text("KT-0/2026").first).to_be_visible()
    axe_check(citizen)
    citizen.goto(f"/{s}/ausgangslage/?version=1")
    expect(citizen.get_by_text("Wenige Leistungen online").first).to_be_visible()
    axe_check(citizen)

    # A commenting process on the version in consultation (its commenting phase runs now).
    page.goto(f"/{s}/verwaltung/beteiligung/")
    page.get_by_label("Vorlage", exact=True).select_option(label="Entwurf kommentieren")
    page.get_by_label("Titel", exact=True).fill("Entwurf kommentieren")
    page.get_by_label(re.compile(r"^Strategieversion\b")).select_option(label="Version 1 (In Beteiligung)")
    page.get_by_label("Beginn der ersten Phase").fill((today - dt.timedelta(days=10)).isoformat())
    page.get_by_label("Moderation", exact=True).select_option(value="post")
    page.get_by_label("Teilnahme ohne Konto (mit Pseudonym) erlauben").check()
    page.get_by_role("button", name="Verfahren anlegen").click()
    page.get_by_role("button", name="Veröffentlichen").click()
    process = Process.objects.get(district=district)
    assert process.published

    # A citizen comments a paragraph under a pseudonym.
    citizen.goto(f"/{s}/beteiligung/{process.pk}/entwurf/")
    expect(citizen.get_by_text(f"Beteiligung bis {until:%d.%m.%Y}")).to_be_visible()
    citizen.get_by_role("link", name="Zum Kommentieren mitmachen").click()
    citizen.get_by_label("Anzeigename oder Pseudonym").fill("Eule")
    citizen.get_by_label("Ich willige ein (Text oben).").check()
    citizen.get_by_role("button", name="Mitmachen").click()
    section = citizen.locator("section").filter(has=citizen.get_by_role("heading", name=re.compile(r"^M1 ")))
    section.get_by_text("kommentieren").click()
    section.get_by_label("Ihr Kommentar").fill("Bitte auch als App.")
    section.get_by_role("button", name="Kommentar senden").click()
    _status(citizen, "Ihr Kommentar ist veröffentlicht.")

    # Guarded adoption, first attempt: the process still runs and the comment awaits a response.
    page.goto(f"/{s}/verwaltung/versionen/{version.pk}/beschliessen/")
    expect(page.get_by_role("status").filter(has_text="Vor dem Beschluss ist noch offen")).to_contain_text(
        "1 Beitrag wartet auf die Abwägung"
    )
    axe_check(page)
    page.get_by_label("Gremium", exact=True).select_option(label="Kreistag")
    page.get_by_label("Beschlussdatum", exact=True).fill(today.isoformat())
    page.get_by_label("Drucksache / Beschlussnummer").fill("KT-1/2026")
    page.get_by_role("button", name="Beschluss erfassen und Version einfrieren").click()
    expect(page.get_by_text("Erledigen Sie das zuerst").first).to_be_visible()
    assert StrategyVersion.objects.get(pk=version.pk).state == VersionState.CONSULTATION

    # Consideration: the team answers the comment; the public table shows it.
    page.goto(f"/{s}/verwaltung/beteiligung/{process.pk}/")
    page.get_by_role("link", name="Abwägung der Beiträge").click()
    page.get_by_role("link", name="Nur Beiträge ohne Antwort").click()
    expect(page.get_by_text("1 Beitrag wartet auf eine Antwort.")).to_be_visible()
    axe_check(page)
    page.get_by_label("Entscheidung", exact=True).select_option(label="teilweise übernommen")
    page.get_by_label("Begründung (öffentlich)").fill("Das Portal wird mobil nutzbar, eine eigene App folgt nicht.")
    page.get_by_label("Geänderte Stelle (optional)").select_option(label="M1 Serviceportal")
    page.get_by_role("button", name=re.compile("^Abwägung zu K")).click()
    _status(page, "ist gespeichert")
    expect(page.get_by_text("Alle Beiträge sind abgewogen.")).to_be_visible()
    assert Consideration.objects.get().decision == "partly"
    citizen.goto(f"/{s}/beteiligung/{process.pk}/")
    citizen.get_by_role("link", name=re.compile("Abwägungstabelle")).click()
    table = citizen.get_by_role("table", name="Abwägungstabelle")
    expect(table).to_contain_text("teilweise übernommen")
    expect(table).to_contain_text("Bitte auch als App.")
    expect(table.get_by_role("link", name="M1 Serviceportal")).to_be_visible()
    axe_check(citizen)

    # Guarded adoption, settled in the same step: the process ends today.
    page.goto(f"/{s}/verwaltung/versionen/{version.pk}/beschliessen/")
    page.get_by_label("Gremium", exact=True).select_option(label="Kreistag")
    page.get_by_label("Beschlussdatum", exact=True).fill(today.isoformat())
    page.get_by_label("Drucksache / Beschlussnummer").fill("KT-1/2026")
    page.get_by_label("Offene Punkte mit dem Beschluss abschließen").check()
    page.get_by_role("button", name="Beschluss erfassen und Version einfrieren").click()
    _status(page, "Version 1 ist beschlossen und veröffentlicht.")
    assert Process.objects.closed().filter(pk=process.pk).exists()
    citizen.goto(f"/{s}/beteiligung/{process.pk}/entwurf/")
    expect(citizen.get_by_text("Die Beteiligung zu dieser Fassung ist beendet").first).to_be_visible()
    expect(citizen.get_by_role("button", name="Kommentar senden")).to_have_count(0)

    # Implementation: a status report and a rescheduled end, without a new version.
    page.goto(f"/{s}/verwaltung/umsetzung/{measure.lineage}/bericht/")
    page.get_by_label("Phase", exact=True).select_option(label="Pilot")
    page.get_by_label("Fortschritt (%)").fill("20")
    page.get_by_label("Bericht", exact=True).fill("Pilot in zwei Ämtern.")
    page.get_by_label("Bisher ausgegeben (EUR)").fill("12.000")
    page.get_by_role("button", name="Statusbericht speichern").click()
    _status(page, "wurde gespeichert")
    page.goto(f"/{s}/verwaltung/umsetzung/{measure.lineage}/bericht/")
    page.get_by_label("Was ändert sich?").select_option(label="Ende der Maßnahme")
    page.get_by_label(re.compile(r"^Neuer Termin\b")).fill(dt.date(today.year + 2, 6, 30).isoformat())
    page.get_by_label("Begründung (öffentlich)").fill("Lieferverzug beim Anbieter")
    page.get_by_role("button", name="Änderung speichern").click()
    _status(page, "ist gespeichert")
    axe_check(page)
    citizen.goto(f"/{s}/massnahmen/{measure.lineage}/")
    living = citizen.get_by_role("table", name="Geplante und aktuelle Werte der Maßnahme")
    expect(living).to_contain_text(f"31.12.{today.year + 1}")
    expect(living).to_contain_text(f"30.06.{today.year + 2}")
    expect(living).to_contain_text("Lieferverzug beim Anbieter")
    axe_check(citizen)
    assert StrategyVersion.objects.filter(district=district).count() == 1

    # Evaluation: planned ahead (due now, so it is a task), then a round is opened.
    page.goto(f"/{s}/verwaltung/evaluation/planung/")
    page.get_by_label("Titel", exact=True).fill("Jahresevaluation")
    page.get_by_label("Geplant für", exact=True).fill(today.isoformat())
    page.get_by_role("button", name="Planen").click()
    _status(page, "ist geplant")
    axe_check(page)
    page.goto(f"/{s}/verwaltung/aufgaben/")
    expect(page.get_by_role("heading", name="Evaluation fällig")).to_be_visible()
    axe_check(page)
    page.goto(f"/{s}/verwaltung/evaluation/")
    page.get_by_label("Titel", exact=True).fill(f"Evaluation {today.year}")
    page.get_by_label("Zeitraum von").fill(dt.date(today.year, 1, 1).isoformat())
    page.get_by_label("Zeitraum bis").fill(today.isoformat())
    page.get_by_role("button", name="Runde eröffnen").click()
    _status(page, "ist eröffnet")

    # Revision: the next version starts from the adopted one.
    page.goto(f"/{s}/verwaltung/versionen/")
    page.get_by_label("Anlass der Fortschreibung").fill("Fortschreibung nach der Evaluation")
    page.get_by_role("button", name="Fortschreibung beginnen").click()
    _status(page, "Version 2 ist als Entwurf angelegt.")
    assert StrategyVersion.objects.get(district=district, number=2).based_on_id == version.pk
