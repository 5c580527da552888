"""Each demo role's start page "Meine Aufgaben": its own work, nobody else's, and no link that answers an error.

One test per role of the demo district (measure lead, municipal contact, moderator,
steering circle, strategy team), signed in through the login form as that person.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import DEMO_SLUG as S
from .conftest import axe_check, login

pytestmark = pytest.mark.browser

REPORTS_MINE = "Statusberichte meiner Maßnahmen"
REPORTS_ALL = "Statusberichte der Maßnahmen"
MUNICIPALITY = "Meine Gemeinde"
REQUESTS = "Beitrittsanfragen der Gemeinden"
MATURITY = "Selbsteinschätzung zur digitalen Reife"
MODERATION = "Moderation"
EVALUATION = "Evaluation prüfen"
SECTIONS = {REPORTS_MINE, REPORTS_ALL, MUNICIPALITY, REQUESTS, MATURITY, MODERATION, EVALUATION}

# demo username -> the sections of its start page (every other section must be missing)
ROLES = {
    "massnahme": {REPORTS_MINE},
    "gemeinde": {MUNICIPALITY, MATURITY},
    "moderation": {MODERATION},
    "lenkung": {EVALUATION},
    "cdo": {REPORTS_ALL, REQUESTS, MODERATION, EVALUATION},
}


def section(page: Page, name: str) -> Any:
    return page.get_by_role("region", name=name)


def reports_of_measure_lead(page: Page) -> None:
    """Only M1, the measure Mia Kaya leads (or nothing due); the link opens its status report form."""
    rows = section(page, REPORTS_MINE).get_by_role("listitem")
    links = section(page, REPORTS_MINE).get_by_role("list").get_by_role("link")
    if links.count():
        assert all(text.startswith("M1 ") for text in links.all_inner_texts()), links.all_inner_texts()
    else:
        expect(rows).to_have_text(["Kein Bericht ist in den nächsten 30 Tagen fällig."])
    section(page, REPORTS_MINE).get_by_role("link", name="Alle Maßnahmen mit ihren Berichtsterminen").click()
    expect(page.get_by_role("main")).to_contain_text("M1")


def municipality_of_contact(page: Page) -> None:
    """Dülmen's own initiatives and join requests, and its self-assessment."""
    mine = section(page, MUNICIPALITY)
    expect(mine.get_by_role("listitem")).to_have_count(1)
    expect(mine.get_by_role("listitem")).to_contain_text("eigene")
    expect(section(page, MATURITY)).to_contain_text("Dülmen, Stadt")
    mine.get_by_role("link", name="Dülmen, Stadt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dülmen")


def queue_of_moderator(page: Page) -> None:
    expect(section(page, MODERATION)).to_contain_text("wartet auf Freigabe")
    section(page, MODERATION).get_by_role("link", name="Zur Moderation").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Moderation")


def review_of_steering_circle(page: Page) -> None:
    review = section(page, EVALUATION)
    expect(review.get_by_role("listitem").first).to_be_visible()
    review.get_by_role("link", name="Alle Evaluationsrunden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Evaluation")


def everything_for_the_team(page: Page) -> None:
    expect(section(page, REQUESTS)).to_contain_text("auf Ihre Entscheidung")
    expect(section(page, REPORTS_ALL).get_by_role("listitem").first).to_be_visible()


OWN_TASKS = {
    "massnahme": reports_of_measure_lead,
    "gemeinde": municipality_of_contact,
    "moderation": queue_of_moderator,
    "lenkung": review_of_steering_circle,
    "cdo": everything_for_the_team,
}


def open_start_page(page: Page, username: str) -> None:
    login(page, username)
    page.get_by_role("link", name="Meine Aufgaben").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Aufgaben")


def assert_no_link_fails(page: Page) -> None:
    """Every same-origin link the page shows answers without a client or server error (as this user).

    The language switch is left out: it would switch the rest of the test to English.
    """
    origin = urlsplit(page.url).netloc
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    targets = sorted({h.split("#")[0] for h in hrefs if urlsplit(h).netloc == origin and "/sprache/" not in h})
    assert targets, "the start page shows no links"
    failed = [(url, status) for url in targets if (status := page.request.get(url, max_redirects=5).status) >= 400]
    assert not failed, f"links on {page.url} that fail: {failed}"


@pytest.mark.parametrize("username", list(ROLES))
def test_each_role_starts_on_its_own_tasks(page: Page, demo: Any, username: str) -> None:
    open_start_page(page, username)
    assert page.url.endswith(f"/{S}/verwaltung/aufgaben/"), page.url

    headings = set(page.get_by_role("heading", level=2).all_inner_texts())
    assert headings & SECTIONS == ROLES[username], headings
    expect(page.get_by_text("Zurzeit wartet keine Aufgabe auf Sie.")).to_have_count(0)
    assert_no_link_fails(page)
    axe_check(page)
    OWN_TASKS[username](page)
