"""Staff run an evaluation round through a change proposal to a new draft version and its comparison."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from kreiskurs.evaluation.models import Assessment, ChangeProposal, EvaluationRound
from kreiskurs.strategy.models import Measure

from .conftest import DEMO_SLUG, axe_check, login

pytestmark = pytest.mark.browser

S = DEMO_SLUG


def test_evaluation_round_to_new_draft(page: Page, demo: Any, new_context: Callable[[], BrowserContext]) -> None:
    login(page)
    # Version 2 is adopted first, so accepting a proposal has to open version 3.
    page.goto(f"/{S}/verwaltung/versionen/")
    heading = page.get_by_role("heading", level=2, name=re.compile(r"^Version 2\b"))
    page.locator("section").filter(has=heading).get_by_role("link", name="Beschließen").click()
    page.get_by_label("Gremium").select_option(label="Kreistag")
    page.get_by_label("Beschlussdatum").fill("2026-03-18")
    page.get_by_label("Drucksache / Beschlussnummer").fill("SV-11/0900")
    # the demo's processes on version 2 still run: they end with the adoption (issue 14)
    page.get_by_label("Offene Punkte mit dem Beschluss abschließen").check()
    page.get_by_role("button", name="Beschluss erfassen und Version einfrieren").click()
    expect(page.get_by_role("status").filter(has_text="beschlossen")).to_be_visible()

    page.get_by_role("navigation", name="Verwaltung").get_by_role("link", name="Evaluation").click()
    page.get_by_label("Titel").fill("Halbjahr 2026")
    page.get_by_label("Zeitraum von").fill("2026-01-01")
    page.get_by_label("Zeitraum bis").fill("2026-06-30")
    page.get_by_role("button", name="Runde eröffnen").click()
    expect(page.get_by_role("status")).to_contain_text("Die Runde „Halbjahr 2026“ ist eröffnet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Halbjahr 2026")
    evaluation = EvaluationRound.objects.get(title="Halbjahr 2026")
    assert evaluation.version.number == 2
    axe_check(page)  # the open round with its forms

    # Override one suggestion with a reason.
    m1 = Assessment.objects.get(
        round=evaluation, lineage=Measure.objects.get(version__number=2, district__slug=S, code="M1").lineage
    )
    block = page.locator(f"#a{m1.pk}")
    expect(block).to_contain_text("Vorschlag:")
    block.get_by_label("Bewertung").select_option(label="gefährdet")
    block.get_by_label("Begründung").fill("Zwei Kommunen fehlen noch.")
    page.get_by_role("button", name="Alle Bewertungen speichern").click()  # the whole page in one submit
    expect(page.get_by_role("status")).to_have_text("Alle Bewertungen gespeichert.")
    assert Assessment.objects.get(pk=m1.pk).rating == "at_risk"

    page.get_by_role("textbox", name="Ergebnisse und Erkenntnisse").fill(
        "Das Serviceportal braucht mehr Kommunen; die E-Akte ist erledigt."
    )
    page.get_by_role("button", name="Ergebnisse speichern").click()
    expect(page.get_by_role("status")).to_have_text("Ergebnisse gespeichert.")

    # A change proposal: retire M2, accepted into a new draft.
    page.get_by_label("Betrifft").select_option(label="Maßnahme M2 E-Akte in allen Kommunalverwaltungen")
    page.get_by_label("Vorschlag", exact=True).select_option(label="streichen")
    page.get_by_label("Titel").fill("E-Akte abschließen")
    page.get_by_label("Was soll sich ändern?").fill("M2 aus der Strategie nehmen; der Betrieb läuft.")
    page.get_by_label("Warum? (Befund der Evaluation)").fill("Alle Kommunen arbeiten mit der E-Akte.")
    page.get_by_role("button", name="Vorschlag erfassen").click()
    expect(page.get_by_role("status")).to_have_text("Der Änderungsvorschlag ist erfasst.")
    proposal = ChangeProposal.objects.get(round=evaluation)
    row = page.locator(f"#p{proposal.pk}")
    row.get_by_label("annehmen und in den Entwurf übernehmen").check()
    row.get_by_role("button", name="Entscheiden").click()
    expect(page.get_by_role("status")).to_have_text("Angenommen und in Version 3 (Entwurf) übernommen.")

    # The comparison shows what the evaluation changed.
    page.locator(f"#p{proposal.pk}").get_by_role("link", name="Vergleich Version 2 → 3 (Entwurf)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Von Version 2 zu Version 3")
    section = page.locator("section").filter(has=page.get_by_role("heading", level=2, name="Maßnahmen", exact=True))
    expect(section.locator("h3:has-text('Entfallen') + ul > li")).to_have_text(
        ["M2 E-Akte in allen Kommunalverwaltungen"]
    )

    page.go_back()
    page.get_by_role("button", name="Bericht veröffentlichen").click()
    expect(page.get_by_role("status")).to_have_text("Der Bericht ist veröffentlicht.")

    visitor = new_context().new_page()
    visitor.goto(f"/{S}/evaluation/")
    visitor.get_by_role("link", name="Halbjahr 2026").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Halbjahr 2026")
    expect(visitor.locator(f"#p{proposal.pk}")).to_contain_text("angenommen")
    expect(visitor.locator(f"#p{proposal.pk}")).to_contain_text("übernommen in den Entwurf von Version 3")
