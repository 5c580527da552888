"""Participants answer a survey (a registered one, and a new one who joins first); the results, the events
list and the actor map pass axe."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from kreiskurs.actors.models import ActorGroup
from kreiskurs.participation.models import Phase, Process, Survey, SurveyResponse
from kreiskurs.participation.services import events as event_services
from kreiskurs.participation.services import processes as process_services
from kreiskurs.participation.services import surveys as survey_services
from kreiskurs.territory.models import District
from tests import factories

from .conftest import DEMO_SLUG, axe_check, login

pytestmark = pytest.mark.browser

S = DEMO_SLUG


def survey_process() -> Survey:
    """A published survey process of the demo district whose survey phase began yesterday, with one survey."""
    district = District.objects.get(slug=S)
    process = process_services.create_process(
        by=None,
        district=district,
        template=Process.Template.SURVEY,
        title="Umfrage: Digitale Dienste im Kreis",
        start=timezone.now() - dt.timedelta(days=1),
    )
    process_services.set_published(by=None, process=process, published=True)
    survey = survey_services.create_survey(
        by=None, process=process, title="Wie digital ist Ihr Alltag?", intro="Fünf Minuten, ohne Namen."
    )
    add = survey_services.save_question
    add(by=None, survey=survey, kind="single", text="Wie informieren Sie sich?", required=True, choices=["Web", "Amt"])
    add(by=None, survey=survey, kind="multiple", text="Was nutzen Sie?", choices=["Serviceportal", "App"])
    add(
        by=None,
        survey=survey,
        kind="scale",
        text="Wie zufrieden sind Sie?",
        required=True,
        scale_min_label="gar nicht",
        scale_max_label="sehr",
    )
    add(by=None, survey=survey, kind="text", text="Was fehlt Ihnen?")
    groups = list(ActorGroup.objects.filter(district=district)[:2])
    now = timezone.now()
    for title, start, minutes in (
        ("Werkstatt Serviceportal", now + dt.timedelta(days=5), ""),
        ("Infoabend Glasfaser", now - dt.timedelta(days=20), "Fragen zu Bauabschnitten; Antworten im Protokoll."),
    ):
        event_services.save_event(
            by=None,
            district=district,
            values={
                "process": process,
                "title": title,
                "start": start,
                "end": start + dt.timedelta(hours=2),
                "place": "Kreishaus Coesfeld",
                "minutes": minutes,
                "attendees": 30 if minutes else None,
            },
            target_groups=groups,
        )
    return survey


def answer_required(page: Page) -> None:
    page.get_by_role("group", name="Wie informieren Sie sich?").get_by_label("Web").check()
    page.get_by_role("group", name="Wie zufrieden sind Sie?").get_by_label("4", exact=True).check()


def test_a_participant_answers_a_survey_and_reads_the_results(
    page: Page, demo: Any, new_context: Callable[[], BrowserContext]
) -> None:
    survey = survey_process()
    survey_url = f"/{S}/beteiligung/{survey.process_id}/umfragen/{survey.pk}/"

    # The demo's citizen already takes part in Coesfeld: the survey asks its questions right away.
    login(page, "buerger")
    page.goto(f"/{S}/beteiligung/{survey.process_id}/")
    page.get_by_role("link", name="Wie digital ist Ihr Alltag?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie digital ist Ihr Alltag?")
    axe_check(page)
    page.get_by_role("button", name="Antworten absenden").click()
    expect(page.get_by_text("Bitte beantworten Sie die Pflichtfrage „Wie informieren Sie sich?“.")).to_be_visible()
    expect(page.get_by_text("Bitte beantworten Sie die Pflichtfrage „Wie zufrieden sind Sie?“.")).to_be_visible()
    axe_check(page)  # the form with its errors
    answer_required(page)
    page.get_by_role("group", name=re.compile(r"^Was nutzen Sie\?")).get_by_label("Serviceportal").check()
    page.get_by_label(re.compile(r"^Was fehlt Ihnen\?")).fill("Termine beim Bürgerbüro online buchen.")
    page.get_by_role("button", name="Antworten absenden").click()
    expect(page.get_by_role("status")).to_have_text("Vielen Dank! Ihre Antworten sind gespeichert.")
    expect(page.get_by_text("Sie haben an dieser Umfrage teilgenommen. Vielen Dank!")).to_be_visible()
    expect(page.get_by_role("button", name="Antworten absenden")).to_have_count(0)
    response = SurveyResponse.objects.get(survey=survey)
    assert response.participant is not None and response.participant.user.username == "buerger"
    assert response.answers.count() == 4

    # Someone new signs in, joins with a name and consent, and comes back to the survey.
    factories.UserFactory(username="neu")
    newcomer = new_context().new_page()
    login(newcomer, "neu")
    newcomer.goto(survey_url)
    newcomer.get_by_role("link", name="Mitmachen").click()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Mitmachen")
    newcomer.get_by_label("Anzeigename oder Pseudonym").fill("Neu im Kreis")
    newcomer.get_by_label("Ich willige ein (Text oben).").check()
    newcomer.get_by_role("button", name="Mitmachen").click()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Wie digital ist Ihr Alltag?")
    answer_required(newcomer)
    newcomer.get_by_role("button", name="Antworten absenden").click()
    expect(newcomer.get_by_role("status")).to_have_text("Vielen Dank! Ihre Antworten sind gespeichert.")
    assert SurveyResponse.objects.filter(survey=survey).count() == 2

    # The results are public once the survey phase has ended.
    page.get_by_role("link", name="Zu den Ergebnissen der Umfrage").click()
    expect(page.get_by_text("veröffentlicht, sobald die Umfrage beendet ist")).to_be_visible()
    Phase.objects.filter(process_id=survey.process_id, kind="survey").update(end=timezone.now() - dt.timedelta(hours=1))
    page.reload()
    expect(page.get_by_text("2 Personen haben geantwortet.")).to_be_visible()
    table = page.get_by_role("table", name="Wie informieren Sie sich?: Antworten als Tabelle")
    expect(table.get_by_role("row", name="Web 2 100")).to_be_visible()
    expect(page.get_by_role("img", name="Wie zufrieden sind Sie?")).to_be_visible()
    expect(page.get_by_text("Termine beim Bürgerbüro")).to_have_count(0)  # free texts stay with the district
    axe_check(page)

    page.goto(f"/{S}/beteiligung/termine/")
    expect(page.get_by_role("heading", level=3, name="Werkstatt Serviceportal")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Infoabend Glasfaser")).to_be_visible()
    axe_check(page)


def test_staff_see_the_actor_map_and_seat_a_stakeholder_in_a_body(page: Page, demo: Any) -> None:
    survey_process()
    login(page, "cdo")
    page.goto(f"/{S}/verwaltung/akteurslandkarte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Akteurslandkarte")
    expect(page.get_by_role("table", name=re.compile(r"^Akteure nach Einfluss"))).to_be_visible()
    page.get_by_role("link", name="Gremien verwalten").click()
    page.get_by_label("Name").fill("Lenkungskreis Digitales")
    page.get_by_role("button", name="Gremium anlegen").click()
    expect(page.get_by_role("status")).to_contain_text("ist angelegt")
    axe_check(page)
    stakeholder = page.get_by_label("Akteur", exact=True)
    stakeholder.select_option(index=1)
    chosen = stakeholder.locator("option:checked").inner_text()
    page.get_by_label("Rolle").fill("Vorsitz")
    page.get_by_role("button", name="Mitglied hinzufügen").click()
    expect(page.get_by_role("status")).to_contain_text("sitzt jetzt im Gremium")
    page.get_by_role("main").get_by_role("link", name="Gremien", exact=True).click()
    page.get_by_role("main").get_by_role("link", name="Akteurslandkarte").click()
    expect(page.get_by_text(f"{chosen} – Vorsitz")).to_be_visible()
    axe_check(page)
