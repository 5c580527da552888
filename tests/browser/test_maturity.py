"""A municipal contact completes the self-assessment; staff see the heatmap and the gap table change."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from kreiskurs.maturity.demo import load_demo_maturity
from kreiskurs.maturity.models import Assessment, AssessmentRound, MaturityModel, Question
from kreiskurs.strategy.models import Measure
from kreiskurs.territory.models import District, Municipality

from .conftest import DEMO_SLUG, axe_check, demo_back_into_draft, login

pytestmark = pytest.mark.browser

S = DEMO_SLUG
DUELMEN = "05558016"


def demo_maturity(district: District) -> AssessmentRound:
    """The demo with its maturity rounds (loaded here until the demo loader calls load_demo_maturity)."""
    if not MaturityModel.objects.filter(district=district).exists():
        load_demo_maturity(district)
    return AssessmentRound.objects.get(district=district, state="open")


def gap_row(page: Page, code: str) -> Any:
    return page.locator(f"#gap-{code}")


def test_self_assessment_to_heatmap_and_gaps(page: Page, demo: Any, new_context: Callable[[], BrowserContext]) -> None:
    current = demo_maturity(demo)
    duelmen = Municipality.objects.get(ags=DUELMEN)

    # Staff first: Dülmen is a draft, "Bildung und Schulen" has no weak municipality.
    staff = new_context().new_page()
    login(staff)
    staff.goto(f"/{S}/verwaltung/reife/")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Digitale Reife der Gemeinden")
    axe_check(staff)
    staff.get_by_role("link", name="Heatmap Selbsteinschätzung 2025").click()
    heatmap_row = staff.locator(f"#m{duelmen.pk}")
    expect(heatmap_row).to_contain_text("(Entwurf)")
    expect(staff.get_by_role("table", name=re.compile("Digitale Reife je Gemeinde"))).to_be_visible()
    axe_check(staff)
    staff.get_by_role("link", name="Lückenanalyse").click()
    expect(gap_row(staff, "bildung")).to_contain_text("0 von 10")
    axe_check(staff)

    # The municipal contact of Dülmen continues the draft, saves, then completes and submits it.
    login(page, "gemeinde")
    page.goto(f"/{S}/verwaltung/reife/")
    expect(page.get_by_role("heading", level=2, name="Ihre Selbsteinschätzung")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Selbsteinschätzung fortsetzen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Selbsteinschätzung Dülmen, Stadt")
    expect(page.get_by_text("8 von 30 Fragen beantwortet.")).to_be_visible()
    axe_check(page)
    questions = list(Question.objects.filter(dimension__model=current.model).select_related("dimension"))
    school = [q for q in questions if q.dimension.code == "bildung"]
    first = school[0]
    page.get_by_role("group", name=f"{first.code} {first.text}").get_by_label(re.compile(r"^0 – ")).check()
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_role("status")).to_have_text("Der Entwurf ist gespeichert.")
    expect(page.get_by_text("9 von 30 Fragen beantwortet.")).to_be_visible()

    page.get_by_role("button", name="Abgeben").click()  # still incomplete: refused, the draft stays
    expect(page.get_by_role("alert")).to_contain_text("nicht abgegeben")
    answered = set(
        Assessment.objects.get(round=current, municipality=duelmen).answers.values_list("question_id", flat=True)
    )
    for q in questions:
        if q.pk in answered:
            continue
        level = "0" if q.dimension.code == "bildung" else "2"
        page.locator(f"#id_q{q.pk}_{level}").check()
    page.get_by_label("Anmerkungen zur Selbsteinschätzung").fill("Schulen: Medienentwicklungsplan fehlt noch.")
    page.get_by_role("button", name="Abgeben").click()
    expect(page.get_by_role("status")).to_have_text("Die Selbsteinschätzung ist abgegeben. Vielen Dank!")
    expect(page.get_by_role("button", name="Entwurf speichern")).to_have_count(0)
    school_table = page.get_by_role("table", name="Bildung und Schulen")
    expect(school_table.get_by_role("row", name=re.compile(f"^{first.code} "))).to_contain_text(first.levels[0])
    axe_check(page)  # the submitted, read-only view
    page.get_by_role("link", name="Ergebnisse und Verlauf von Dülmen, Stadt").click()
    expect(page.get_by_role("img", name=re.compile("Dülmen, Stadt im Vergleich zum Kreismedian"))).to_be_visible()
    axe_check(page)
    assert Assessment.objects.get(round=current, municipality=duelmen).state == "submitted"

    # Staff see the change: Dülmen has numbers, and one more municipality is weak in "Bildung und Schulen".
    staff.goto(f"/{S}/verwaltung/reife/runden/{current.pk}/")
    expect(heatmap_row).not_to_contain_text("(Entwurf)")
    expect(heatmap_row.get_by_role("cell").nth(2)).to_have_text("0,0")  # Bildung und Schulen
    demo_back_into_draft()  # gap measures go into the draft, so the team takes version 2 back into draft
    staff.goto(f"/{S}/verwaltung/reife/runden/{current.pk}/luecken/")
    expect(gap_row(staff, "bildung")).to_contain_text("1 von 11")

    # A draft measure from the health gap.
    gap_row(staff, "gesundheit").get_by_role("link", name="Maßnahme zu „Gesundheit und Pflege“ anlegen").click()
    expect(staff.get_by_label("Titel der Maßnahme")).to_have_value("Digitale Reife stärken: Gesundheit und Pflege")
    axe_check(staff)
    staff.get_by_label("Titel der Maßnahme").fill("Telemedizin-Räume in den Ortsteilen")
    staff.get_by_role("button", name="Maßnahme im Entwurf anlegen").click()
    expect(staff.get_by_role("status")).to_contain_text("ist im Entwurf (Version 2) angelegt")
    expect(gap_row(staff, "gesundheit")).to_contain_text("Telemedizin-Räume in den Ortsteilen")
    created = Measure.objects.get(title="Telemedizin-Räume in den Ortsteilen")
    assert created.version.number == 2
    assert [f.code for f in created.fields_of_action.all()] == ["HF4"]

    # The model page and the public aggregate.
    staff.goto(f"/{S}/verwaltung/reife/modell/{current.model_id}/")
    expect(staff.get_by_role("heading", level=2, name=re.compile("Gesundheit und Pflege"))).to_be_visible()
    axe_check(staff)
    visitor = new_context().new_page()
    visitor.goto(f"/{S}/reife/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Digitale Reife der Gemeinden")
    expect(visitor.get_by_role("table", name=re.compile("Ergebnisse je Dimension"))).to_be_visible()
    expect(visitor.get_by_text("Dülmen")).to_have_count(0)
    axe_check(visitor)


def test_model_versions_and_field_links(page: Page, demo: Any) -> None:
    current = demo_maturity(demo)
    login(page)
    page.goto(f"/{S}/verwaltung/reife/modell/")
    expect(page.get_by_role("table", name="Versionen des Reifegradmodells").get_by_role("row")).to_have_count(3)
    axe_check(page)

    # Version 2 is used by the open round: frozen. A change makes version 3.
    page.get_by_role("link", name="Version 2", exact=True).click()
    expect(page.get_by_text("eingefroren seit")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("bearbeiten$"))).to_have_count(0)
    page.get_by_role("button", name="Neue Version zum Bearbeiten anlegen").click()
    expect(page.get_by_role("status")).to_have_text("Version 3 ist angelegt und kann bearbeitet werden.")
    axe_check(page)
    page.get_by_role("link", name="Dimension „Mobilität“ bearbeiten").click()
    axe_check(page)
    page.get_by_label("Gewicht").fill("3")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_have_text("Die Dimension „Mobilität“ ist gespeichert.")
    expect(page.get_by_role("heading", level=2, name=re.compile("Mobilität.*Gewicht 3"))).to_be_visible()
    page.get_by_role("link", name="Frage zu „Mobilität“ anlegen").click()
    page.get_by_label("Kürzel").fill("M4")
    page.get_by_label("Frage", exact=True).fill("Gibt es digitale Angebote für Radverkehr?")
    for n in range(5):
        page.get_by_label(f"Stufe {n}").fill(f"Beschreibung der Stufe {n}")
    axe_check(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_have_text("Die Frage M4 ist gespeichert.")
    third = MaturityModel.objects.get(district=demo, version=3)
    assert third.dimensions.get(code="mobilitaet").weight == 3
    # the open round still answers version 2, unchanged
    assert current.model.version == 2 and current.model.dimensions.get(code="mobilitaet").weight == 1
    assert not Question.objects.filter(dimension__model=current.model, code="M4").exists()

    # Links between dimensions and fields of action.
    page.goto(f"/{S}/verwaltung/reife/")
    page.get_by_role("link", name="Dimensionen den Handlungsfeldern zuordnen").click()
    group = page.get_by_role("group", name="Daten und IT-Sicherheit")
    expect(group.get_by_label(re.compile("^HF1 "))).to_be_checked()
    axe_check(page)
    group.get_by_label(re.compile("^HF2 ")).check()
    page.get_by_role("button", name="Zuordnung speichern").click()
    expect(page.get_by_role("status")).to_have_text("Die Zuordnung ist gespeichert.")
    page.goto(f"/{S}/verwaltung/reife/runden/{current.pk}/luecken/")
    expect(page.locator("#gap-daten")).to_contain_text("HF2 Infrastruktur und Konnektivität")
