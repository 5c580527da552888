"""A citizen takes part (registered, and pseudonymous); a moderator hides a comment; staff adopt an idea."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from kreiskurs.accounts.models import User
from kreiskurs.demo import content
from kreiskurs.participation.models import Comment, Idea, Participant, Process

from .conftest import DEMO_SLUG, axe_check, demo_back_into_draft, login

pytestmark = pytest.mark.browser

S = DEMO_SLUG


def ideas_process() -> Process:
    return Process.objects.get(district__slug=S, title=content.IDEAS_PROCESS[0])


def draft_process() -> Process:
    return Process.objects.get(district__slug=S, title=content.DRAFT_PROCESS[0])


def test_registered_citizen_takes_part_then_downloads_and_deletes(page: Page, demo: Any) -> None:
    page.goto(f"/{S}/beteiligung/")
    axe_check(page)
    page.get_by_role("link", name="Konto anlegen").click()
    page.get_by_label("Benutzername").fill("mia")
    page.get_by_label("Anzeigename").fill("Mia aus Dülmen")
    page.get_by_label("Passwort", exact=True).fill("ein-sehr-langes-Passwort-7")
    page.get_by_label("Passwort bestätigen").fill("ein-sehr-langes-Passwort-7")
    axe_check(page)
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Konto ist angelegt")

    page.goto(f"/{S}/beteiligung/")
    page.get_by_role("link", name=content.IDEAS_PROCESS[0]).click()
    # who took part, against the population: the demo's declarations, every municipality under 5 (decision 0029)
    expect(
        page.get_by_role("table", name="Teilnehmende nach Wohnort (Gemeinde) und Bevölkerungsanteil")
    ).to_contain_text("< 5")
    axe_check(page)
    page.get_by_role("link", name="Idee einreichen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitmachen")  # join first: a name and consent
    axe_check(page)
    page.get_by_label("Anzeigename oder Pseudonym").fill("Mia")
    # place of residence and age band: optional, for the representativeness analysis only (decision 0029)
    expect(page.get_by_label("Wohnort (Gemeinde, freiwillig)")).to_have_value("")
    page.get_by_label("Wohnort (Gemeinde, freiwillig)").select_option(label="Dülmen, Stadt")
    page.get_by_label("Altersgruppe (freiwillig)").select_option(label="30–44")
    page.get_by_label("Ich willige ein (Text oben).").check()
    page.get_by_role("button", name="Mitmachen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Idee einreichen")
    axe_check(page)
    page.get_by_label("Titel Ihrer Idee").fill("Digitale Bücherei-Ausweise")
    page.get_by_label("Beschreibung").fill("Einmal anmelden, in allen Büchereien des Kreises ausleihen.")
    page.get_by_label("Handlungsfeld").select_option(label="HF3 Bildung und Kompetenzen")
    page.get_by_role("button", name="Idee einreichen").click()
    expect(page.get_by_role("status")).to_have_text("Danke! Ihre Idee ist veröffentlicht.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitale Bücherei-Ausweise")
    axe_check(page)
    idea = Idea.objects.get(title="Digitale Bücherei-Ausweise")
    assert idea.author.display_name == "Mia"
    assert (idea.author.municipality.name, idea.author.age_band) == ("Dülmen, Stadt", "30-44")

    # Comment one paragraph of the draft (pre-moderated: it waits for release).
    page.goto(f"/{S}/beteiligung/{draft_process().pk}/entwurf/")
    axe_check(page)
    section = page.locator("section").filter(has=page.get_by_role("heading", name=re.compile(r"^M1 ")))
    section.get_by_text("kommentieren").click()
    section.get_by_label("Ihr Kommentar").fill("Bitte auch barrierefrei für Screenreader.")
    section.get_by_role("button", name="Kommentar senden").click()
    expect(page.get_by_role("status")).to_have_text("Ihr Kommentar erscheint nach der Freigabe.")
    assert Comment.objects.get(text__startswith="Bitte auch barrierefrei").visibility == "pending"

    # Download, then delete with the contributions.
    page.get_by_role("link", name="Meine Daten").click()
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Alle meine Daten herunterladen (JSON)").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["account"]["username"] == "mia"
    assert data["participations"][0]["ideas"][0]["title"] == "Digitale Bücherei-Ausweise"
    page.get_by_label("Ideen, Kommentare und Thesen löschen").check()
    page.get_by_label("Ja, meine Daten endgültig löschen.").check()
    page.get_by_role("button", name="Endgültig löschen").click()
    expect(page.get_by_role("status")).to_have_text("Ihre Daten sind gelöscht.")
    assert not User.objects.filter(username="mia").exists()
    assert not Idea.objects.filter(title="Digitale Bücherei-Ausweise").exists()


def test_pseudonymous_citizen_takes_part_without_an_account(page: Page, demo: Any) -> None:
    process = ideas_process()
    page.goto(f"/{S}/beteiligung/{process.pk}/")
    page.get_by_role("link", name="Mitmachen").click()
    page.get_by_label("Anzeigename oder Pseudonym").fill("Eule")
    page.get_by_label("Ich willige ein (Text oben).").check()
    page.get_by_role("button", name="Mitmachen").click()
    expect(page.get_by_text("Sie machen mit als „Eule“.")).to_be_visible()
    page.get_by_role("link", name="Video-Sprechstunde im Bürgerbüro").click()
    page.get_by_role("button", name="Idee unterstützen").click()
    expect(page.get_by_role("status")).to_have_text("Sie unterstützen diese Idee.")
    page.get_by_label("Ihr Kommentar").fill("Auch für die Kfz-Zulassung!")
    page.get_by_role("button", name="Kommentar senden").click()
    expect(page.get_by_text("Auch für die Kfz-Zulassung!")).to_be_visible()
    eule = Participant.objects.get(display_name="Eule")
    assert eule.user is None and Comment.objects.filter(author=eule).count() == 1


def test_moderator_hides_a_comment_with_a_public_reason(
    page: Page, demo: Any, new_context: Callable[[], BrowserContext]
) -> None:
    process = ideas_process()
    comment = Comment.objects.filter(process=process, parent__isnull=True).first()
    assert comment is not None and comment.idea is not None
    login(page, "moderation")
    page.goto(f"/{S}/verwaltung/beteiligung/moderation/")
    axe_check(page)
    expect(page.get_by_role("heading", level=2).first).to_contain_text("wartet auf Freigabe")
    # The comment is not in the queue (post-moderation): the moderator hides it from the idea's page report.
    visitor = new_context().new_page()
    visitor.goto(f"/{S}/beteiligung/{process.pk}/ideen/{comment.idea.pk}/")
    card = visitor.locator(f"#c{comment.pk}")
    card.get_by_text("Beitrag melden").first.click()
    card.get_by_label("Was ist das Problem?").first.fill("Persönliche Daten")
    card.get_by_role("button", name="Melden").first.click()
    expect(visitor.get_by_role("status")).to_contain_text("Danke für den Hinweis")
    page.reload()
    entry = page.locator("article").filter(has_text=comment.text)
    entry.get_by_label("Grund (wird öffentlich angezeigt)").fill("Enthielt persönliche Daten")
    entry.get_by_role("button", name="Ausblenden").click()
    expect(page.get_by_role("status")).to_contain_text("ausgeblendet")
    visitor.reload()
    expect(visitor.locator(f"#c{comment.pk}")).to_contain_text("Grund: Enthielt persönliche Daten")
    expect(visitor.get_by_text(comment.text)).to_have_count(0)


def test_staff_turn_an_idea_into_a_draft_measure(page: Page, demo: Any) -> None:
    demo_back_into_draft()  # the measure goes into the draft the team is working on
    process = ideas_process()
    idea = Idea.objects.get(process=process, title="Busfahrplan als offene Daten")
    login(page)
    page.goto(f"/{S}/verwaltung/beteiligung/{process.pk}/")
    axe_check(page)
    page.get_by_role("link", name="Busfahrplan als offene Daten").click()
    axe_check(page)
    page.get_by_role("button", name="Idee als Maßnahme in den Entwurf übernehmen").click()
    expect(page.get_by_role("status")).to_contain_text("Die Idee ist jetzt die Maßnahme B1")
    expect(page.get_by_role("heading", level=1)).to_contain_text("B1 Busfahrplan als offene Daten")
    idea.refresh_from_db()
    assert idea.status == "taken"
    page.goto(f"/{S}/beteiligung/{process.pk}/ideen/{idea.pk}/")
    expect(page.get_by_text("in Maßnahme aufgenommen").first).to_be_visible()


def test_moderator_merges_a_suggested_duplicate(page: Page, demo: Any) -> None:
    """Two ideas in nearly the same words: the analysis suggests the pair in the queue, side by side;
    "Zusammenführen" merges the newer into the older one."""
    from kreiskurs.participation.services import analysis
    from kreiskurs.participation.services import ideas as idea_services

    process = ideas_process()
    from tests import factories

    users = [factories.UserFactory(), factories.UserFactory()]
    authors = [factories.participant(process.district, user, name=f"Rad {i}") for i, user in enumerate(users)]
    texts = [
        ("Sichere Fahrradstellplätze am Bahnhof", "Am Bahnhof fehlen sichere Fahrradstellplätze für Pendler."),
        ("Fahrradstellplätze am Bahnhof", "Am Bahnhof fehlen sichere Fahrradstellplätze für die Pendler."),
    ]
    older, newer = (
        idea_services.submit_idea(by=who.user, process=process, participant=who, title=title, text=text)
        for who, (title, text) in zip(authors, texts, strict=True)
    )
    analysis.start_analysis(by=None, process=process)  # the task backend of the tests runs it at once
    login(page, "moderation")
    page.goto(f"/{S}/verwaltung/beteiligung/moderation/")
    pair = page.locator("article").filter(has_text="Mögliche Dublette von „Sichere Fahrradstellplätze am Bahnhof“")
    expect(pair).to_contain_text(newer.text)
    axe_check(page)
    pair.get_by_role("button", name="Zusammenführen").click()
    expect(page.get_by_role("status")).to_contain_text("zusammengeführt")
    expect(page.get_by_text("Mögliche Dublette von „Sichere Fahrradstellplätze")).to_have_count(0)
    newer.refresh_from_db()
    assert newer.merged_into_id == older.pk
