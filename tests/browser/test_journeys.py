"""End-to-end journeys through the portal and the back office, in the German UI."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from kreiskurs.demo import content
from kreiskurs.strategy.models import Measure, StrategyVersion

from .conftest import DEMO_SLUG, demo_back_into_draft, login

pytestmark = pytest.mark.browser

S = DEMO_SLUG


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def found(n: int) -> str:
    return f"{n} Maßnahme gefunden" if n == 1 else f"{n} Maßnahmen gefunden"


def version_section(page: Page, number: int) -> Locator:
    """The <section> of one version on a version list (its h2 reads "Version n <state>")."""
    heading = page.get_by_role("heading", level=2, name=re.compile(rf"^Version {number}\b"))
    return page.locator("section").filter(has=heading)


def portal_nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Strategie des Kreises")


def submit_filters(page: Page) -> None:
    """Submit the measure filters and wait for the new page.

    Choosing a filter already swaps the results in via htmx and puts the same
    URL in the address bar (replacing, not pushing) as the form submits to, so
    neither the URL nor the count tells the two apart: wait for the real
    navigation instead.
    """
    with page.expect_navigation():
        page.get_by_role("button", name="Filtern").click()


# --- a) a visitor browses the portal -----------------------------------------------------------


def test_visitor_browses_the_portal(page: Page, demo: Any) -> None:
    measures = content.MEASURES
    rollout = [m for m in measures if m[6] == "rollout"]
    # Dülmen (AGS 05558016) and the roles it has in measures of version 1.
    duelmen = [(m[0], m[1], role) for m in measures for ags, role in m[13] if ags == "016"]
    assert rollout and duelmen and len(rollout) < len(measures)

    page.goto("/")
    expect(h1(page)).to_have_text("Digitalstrategien der Kreise")
    page.get_by_role("link", name="Kreis Coesfeld", exact=True).click()

    # District home: vision, example notice, fields of action.
    expect(page).to_have_url(re.compile(rf"/{S}/$"))
    expect(h1(page)).to_have_text("Digitalstrategie Kreis Coesfeld")
    expect(page.get_by_role("heading", level=2, name=content.VISION_TITLE)).to_be_visible()
    expect(page.get_by_text("Beispielinhalt")).to_be_visible()
    expect(page.get_by_text("Version 1 · Beschlossen")).to_be_visible()

    # A field of action (the whole card is a link).
    code, title, _description = content.FIELDS[0]
    page.get_by_role("link", name=f"{code} {title}").click()
    expect(h1(page)).to_have_text(title)
    expect(page.get_by_text(f"Handlungsfeld {code}", exact=True)).to_be_visible()
    expect(page.get_by_role("table", name="Maßnahmen im Handlungsfeld")).to_contain_text(measures[0][1])

    # The measure list, and one measure's profile.
    portal_nav(page).get_by_role("link", name="Maßnahmen", exact=True).click()
    expect(h1(page)).to_have_text("Maßnahmen")
    count = page.locator("#results-heading")
    expect(count).to_have_text(found(len(measures)))
    m_code, m_title = measures[0][0], measures[0][1]
    page.get_by_role("table", name="Maßnahmen").get_by_role("link", name=m_title).click()
    expect(h1(page)).to_have_text(m_title)
    expect(page.get_by_text(f"Maßnahmensteckbrief {m_code}")).to_be_visible()
    expect(page.get_by_role("heading", name="Beteiligte Gemeinden")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Dülmen, Stadt – Pilot")).to_be_visible()

    # Filter the list by phase. Choosing updates the results in place (htmx);
    # "Filtern" submits the form as a plain GET (the path without JavaScript).
    page.go_back()
    expect(count).to_have_text(found(len(measures)))
    page.locator("details.kk-disclosure > summary").click()  # the filters are behind one button
    page.get_by_label("Phase", exact=True).select_option(label="Ausrollen")
    expect(count).to_have_text(found(len(rollout)))
    submit_filters(page)
    expect(page).to_have_url(re.compile(r"[?&]phase=rollout\b"))
    expect(count).to_have_text(found(len(rollout)))
    expect(page.get_by_label("Phase", exact=True)).to_have_value("rollout")
    rows = page.get_by_role("table", name="Maßnahmen").locator("tbody tr")
    expect(rows).to_have_count(len(rollout))
    for row in rollout:
        expect(rows.filter(has_text=row[1])).to_contain_text("Ausrollen")

    # Municipalities, and one municipality with the measures it takes part in.
    portal_nav(page).get_by_role("link", name="Gemeinden").click()
    expect(h1(page)).to_have_text("Gemeinden")
    expect(page.get_by_role("table", name=re.compile(r"^Gemeinden im Kreis Coesfeld"))).to_be_visible()
    page.get_by_role("link", name="Dülmen, Stadt").click()
    expect(h1(page)).to_have_text("Dülmen, Stadt")
    expect(page.get_by_text("05558016", exact=True)).to_be_visible()
    section = page.get_by_role("region", name="Beteiligung an Maßnahmen")
    participation = section.locator("ul.kern-list > li")
    expect(participation).to_have_count(len(duelmen) + 1)  # and the demo's join request for M2
    expect(participation.filter(has_text="M2 E-Akte")).to_contain_text("Beitritt angefragt")
    expect(participation.first).to_contain_text(f"{duelmen[0][0]} {duelmen[0][1]}")
    role_labels = {"lead": "federführend", "pilot": "Pilot", "rollout": "Ausrollen", "interested": "interessiert"}
    for m_code, m_title, role in duelmen:
        expect(participation.filter(has_text=f"{m_code} {m_title}")).to_contain_text(role_labels[role])

    # Version history: the adopted version and version 2, released for consultation; the print document.
    portal_nav(page).get_by_role("link", name="Versionen und Beschlüsse").click()
    expect(h1(page)).to_have_text("Versionen und Beschlüsse")
    v1 = version_section(page, 1)
    expect(v1.get_by_role("heading", level=2)).to_contain_text("Beschlossen")
    expect(v1).to_contain_text("Kreistag, 20.03.2024, SV-10/0412")
    expect(version_section(page, 2).get_by_role("heading", level=2)).to_contain_text("In Beteiligung")
    v1.get_by_role("link", name="Gesamtdokument Version 1").click()
    expect(page).to_have_url(re.compile(rf"/{S}/versionen/1/$"))
    expect(h1(page)).to_have_text("Digitalstrategie Kreis Coesfeld")
    expect(page.get_by_text(re.compile(r"^Version 1 · Beschlossen"))).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=content.VISION_TITLE)).to_be_visible()
    expect(page.locator('article section[aria-labelledby^="m-"]')).to_have_count(len(measures))  # one per measure
    last = measures[-1]
    expect(page.get_by_role("heading", level=3, name=f"{last[0]} {last[1]}")).to_be_visible()


# --- b) the strategy team drafts, adopts and revises -------------------------------------------


def test_strategy_team_adopts_and_revises(page: Page, demo: Any, new_context: Callable[[], BrowserContext]) -> None:
    login(page)
    page.goto(f"/{S}/verwaltung/")
    expect(h1(page)).to_have_text("Verwaltung: Kreis Coesfeld")
    expect(page.get_by_text("Arbeitsstand: Version 2 (In Beteiligung)")).to_be_visible()

    # Version 2 is in consultation (public, frozen): the team takes it back into draft to edit it.
    page.get_by_role("navigation", name="Verwaltung").get_by_role("link", name="Versionen").click()
    version_section(page, 2).get_by_role("button", name="Zurück in Bearbeitung").click()
    expect(page.get_by_role("status").filter(has_text="in Bearbeitung")).to_have_text(
        "Der Entwurf ist wieder in Bearbeitung."
    )
    page.goto(f"/{S}/verwaltung/")
    expect(page.get_by_text("Arbeitsstand: Version 2 (Entwurf)")).to_be_visible()

    # A new measure in the draft.
    page.get_by_role("link", name="Maßnahme anlegen").click()
    expect(h1(page)).to_have_text("Maßnahme anlegen")
    title = "Digitale Sprechstunde im Kreishaus"
    page.get_by_label("Kürzel").fill("M99")
    page.get_by_label("Titel", exact=True).fill(title)
    page.get_by_label("Kurzbeschreibung").fill("Bürgerinnen und Bürger sprechen per Video mit der Verwaltung.")
    page.get_by_role("group", name="Handlungsfelder").get_by_label("HF1 Verwaltung und Online-Dienste").check()
    municipalities = page.get_by_role("group", name="Beteiligte Gemeinden")
    municipalities.get_by_label("Gemeinde").first.select_option(label="Senden")
    municipalities.get_by_label("Rolle").first.select_option(label="Pilot")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status").filter(has_text="wurde gespeichert")).to_have_text(
        f"Die Maßnahme M99 {title} wurde gespeichert."
    )
    expect(h1(page)).to_have_text(f"Steckbrief M99 {title}")
    saved = Measure.objects.get(district__slug=S, version__number=2, code="M99")
    assert [f.code for f in saved.fields_of_action.all()] == ["HF1"]
    assert [(p.municipality.name, p.role) for p in saved.participations.all()] == [("Senden", "pilot")]

    # Adopt version 2.
    page.get_by_role("navigation", name="Verwaltung").get_by_role("link", name="Versionen").click()
    expect(h1(page)).to_have_text("Versionen und Beschlüsse")
    expect(version_section(page, 2).get_by_role("heading", level=2)).to_contain_text("Entwurf")
    version_section(page, 2).get_by_role("link", name="Beschließen").click()
    expect(h1(page)).to_have_text("Version 2 beschließen")
    page.get_by_label("Gremium").select_option(label="Kreistag")
    page.get_by_label("Beschlussdatum").fill("2026-06-18")
    page.get_by_label("Drucksache / Beschlussnummer").fill("SV-11/0815")
    # what is still open on version 2 is listed; the adoption closes it with the user's confirmation (issue 14)
    expect(page.get_by_role("status").filter(has_text="Vor dem Beschluss ist noch offen")).to_be_visible()
    page.get_by_label("Offene Punkte mit dem Beschluss abschließen").check()
    page.get_by_role("button", name="Beschluss erfassen und Version einfrieren").click()
    expect(page.get_by_role("status").filter(has_text="beschlossen")).to_have_text(
        "Version 2 ist beschlossen und veröffentlicht."
    )
    expect(version_section(page, 2).get_by_role("heading", level=2)).to_contain_text("Beschlossen")
    expect(version_section(page, 2)).to_contain_text("18.06.2026")
    expect(version_section(page, 1).get_by_role("heading", level=2)).to_contain_text("Abgelöst")

    # Start the next revision.
    page.get_by_label("Anlass der Fortschreibung").fill("Fortschreibung 2028")
    page.get_by_role("button", name="Fortschreibung beginnen").click()
    expect(page.get_by_role("status").filter(has_text="Entwurf angelegt")).to_have_text(
        "Version 3 ist als Entwurf angelegt."
    )
    expect(version_section(page, 3).get_by_role("heading", level=2)).to_contain_text("Entwurf")
    expect(version_section(page, 2).get_by_role("heading", level=2)).to_contain_text("Beschlossen")
    assert StrategyVersion.objects.get(district__slug=S, number=3).state == "draft"

    # The public comparison of version 1 and 2.
    page.goto(f"/{S}/versionen/vergleich/?von=1&bis=2")
    expect(h1(page)).to_have_text("Von Version 1 zu Version 2")
    section = page.locator("section").filter(has=page.get_by_role("heading", level=2, name="Maßnahmen", exact=True))
    added = section.locator("h3:has-text('Neu') + ul > li")
    removed = section.locator("h3:has-text('Entfallen') + ul > li")
    expect(section.get_by_role("heading", level=3, name=re.compile(r"^Neu \("))).to_have_text("Neu (3)")
    expect(added.filter(has_text=f"M99 {title}")).to_have_count(1)
    expect(added.filter(has_text="M31 KI-Leitlinien und Experimentierraum")).to_have_count(1)
    expect(added.filter(has_text="E1 Digitale Sprechstunde im Bürgerbüro")).to_have_count(1)  # from the evaluation
    expect(removed).to_have_text(["M28 Vereinsverwaltung in der Cloud"])

    # A visitor (own context, not logged in) finds M99 in the public list.
    visitor = new_context().new_page()
    visitor.goto(f"/{S}/massnahmen/")
    expect(visitor.get_by_role("link", name="Anmelden")).to_be_visible()
    expect(visitor.locator("#results-heading")).to_have_text(found(len(content.MEASURES) + 2))  # +M31 +E1 +M99 -M28
    visitor.locator("details.kk-disclosure > summary").click()  # the filters are behind one button
    visitor.get_by_label("Handlungsfeld").select_option(label="HF1 Verwaltung und Online-Dienste")
    submit_filters(visitor)
    expect(visitor.get_by_label("Handlungsfeld")).to_have_value(str(saved.fields_of_action.get().lineage))
    row = visitor.get_by_role("table", name="Maßnahmen").locator("tbody tr").filter(has_text="M99")
    expect(row).to_contain_text(title)
    row.get_by_role("link", name=title).click()
    expect(h1(visitor)).to_have_text(title)
    expect(visitor.get_by_text("Maßnahmensteckbrief M99")).to_be_visible()
    expect(visitor.get_by_role("listitem").filter(has_text="Senden – Pilot")).to_be_visible()


# --- c) two editors, one measure: optimistic concurrency --------------------------------------


def test_concurrent_edit_is_refused_with_the_other_change(demo: Any, new_context: Callable[[], BrowserContext]) -> None:
    demo_back_into_draft()
    # M1 has participating municipalities, milestones and scores: all of it round-trips.
    measure = Measure.objects.get(district__slug=S, version__number=2, code="M1")
    participations = sorted((p.municipality_id, p.role) for p in measure.participations.all())
    assert participations
    original_summary = measure.summary
    url = f"/{S}/verwaltung/massnahmen/{measure.pk}/"

    first, second = new_context().new_page(), new_context().new_page()
    for editor in (first, second):
        login(editor)
        editor.goto(url)
        expect(h1(editor)).to_have_text(f"Steckbrief M1 {measure.title}")

    new_title = "Serviceportal für Kreis und Kommunen (überarbeitet)"
    first.get_by_label("Titel", exact=True).fill(new_title)
    first.get_by_role("button", name="Speichern").click()
    expect(first.get_by_role("status").filter(has_text="wurde gespeichert")).to_have_text(
        f"Die Maßnahme M1 {new_title} wurde gespeichert."
    )

    their_summary = "Ein Portal für alle Online-Leistungen – jetzt mit Terminbuchung."
    second.get_by_label("Kurzbeschreibung").fill(their_summary)
    second.get_by_role("button", name="Speichern").click()
    conflict = second.locator(".kern-alert--danger").filter(has_text="Nicht gespeichert")
    expect(conflict).to_have_text(re.compile(r"^\s*Nicht gespeichert"))
    # It names the other person's change: who, the field, old → new.
    expect(conflict).to_contain_text("Carla Demir (CDO, Strategieteam)")
    expect(conflict).to_contain_text(f"{measure.title} → {new_title}")
    expect(conflict).to_contain_text("Ihre Eingaben stehen noch im Formular")
    # The second person's input is kept, nothing of it was saved.
    expect(second.get_by_label("Kurzbeschreibung")).to_have_value(their_summary)

    measure.refresh_from_db()
    assert measure.title == new_title
    assert measure.summary == original_summary
    assert sorted((p.municipality_id, p.role) for p in measure.participations.all()) == participations


def test_conflict_message_shows_local_time_and_field_names(page: Page, demo: Any) -> None:
    from django.utils import timezone

    from kreiskurs.accounts.models import User
    from kreiskurs.audit.models import AuditEntry
    from kreiskurs.strategy import services

    demo_back_into_draft()
    measure = Measure.objects.get(district__slug=S, version__number=2, code="M1")
    login(page)
    page.goto(f"/{S}/verwaltung/massnahmen/{measure.pk}/")
    services.update_element(
        by=User.objects.get(username="lenkung"), obj=measure, values={"title": "Anderer Titel"}, expected_revision=None
    )
    entry = AuditEntry.objects.for_object(measure).order_by("-at", "-id").first()
    assert entry is not None
    page.get_by_label("Kurzbeschreibung").fill("Eigene Änderung")
    page.get_by_role("button", name="Speichern").click()
    conflict = page.locator(".kern-alert--danger").filter(has_text="Nicht gespeichert")
    expect(conflict).to_be_visible()
    # local time and the field's German name, not UTC and the attribute name
    assert f"{timezone.localtime(entry.at):%d.%m.%Y %H:%M}: Titel:" in conflict.inner_text()
