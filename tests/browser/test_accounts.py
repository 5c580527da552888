"""Account lifecycle in the browser: a forgotten password to a new login, registration with a confirmed
address, an invitation, the landing page after login; axe-core on every new public page.

Mail leaves through the immediate task backend into Django's test outbox (``mail.outbox``); the page
that answers the request is shown only after the request committed, so the mail is there by then.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core import mail
from playwright.sync_api import BrowserContext, Page, expect

from kreiskurs.accounts.models import Role, User
from tests import factories

from .conftest import axe_check

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Ein-neues-Passwort-2026"


def path_in_last_mail(pattern: str) -> str:
    assert mail.outbox, "no mail was sent"
    match = re.search(rf"https?://[^/\s]+({pattern}\S*/)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/konto/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()


def test_forgotten_password_to_new_login(page: Page, transactional_db: None) -> None:
    factories.UserFactory(username="kim", email="kim@example.org")
    page.goto("/konto/anmelden/")
    page.get_by_role("link", name="Passwort vergessen?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passwort vergessen")
    axe_check(page)
    page.get_by_label("E-Mail-Adresse").fill("kim@example.org")
    page.get_by_role("button", name="Link anfordern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Link unterwegs")
    axe_check(page)

    page.goto(path_in_last_mail("/konto/passwort-neu/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Neues Passwort festlegen")
    axe_check(page)
    page.get_by_label("Neues Passwort", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Neues Passwort bestätigen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Passwort speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passwort gespeichert")
    axe_check(page)
    page.get_by_role("link", name="Jetzt anmelden").click()
    sign_in(page, "kim", NEW_PASSWORD)


def test_a_used_reset_link_says_so(page: Page, transactional_db: None) -> None:
    factories.UserFactory(username="kim", email="kim@example.org")
    page.goto("/konto/passwort-vergessen/")
    page.get_by_label("E-Mail-Adresse").fill("kim@example.org")
    page.get_by_role("button", name="Link anfordern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Link unterwegs")
    link = path_in_last_mail("/konto/passwort-neu/")
    page.goto(link)
    page.get_by_label("Neues Passwort", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Neues Passwort bestätigen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Passwort speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passwort gespeichert")
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("Dieser Link ist ungültig.")
    axe_check(page)


def test_registration_with_confirmation(page: Page, transactional_db: None) -> None:
    page.goto("/konto/registrieren/")
    page.get_by_label("Benutzername").fill("anna")
    page.get_by_label("E-Mail-Adresse").fill("anna@example.org")
    page.get_by_label("Passwort", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Passwort bestätigen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.get_by_text("Bitte bestätigen Sie damit Ihre Adresse")).to_be_visible()
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]

    page.get_by_role("link", name="Mein Konto").click()
    expect(page.get_by_text("Adresse noch nicht bestätigt")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Link erneut senden").click()
    expect(page.get_by_text("Der Bestätigungslink ist unterwegs")).to_be_visible()
    assert len(mail.outbox) == 2

    page.goto(path_in_last_mail("/konto/adresse-bestaetigen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("E-Mail-Adresse bestätigen")
    axe_check(page)
    page.get_by_role("button", name="Adresse bestätigen").click()
    expect(page.get_by_text("Ihre E-Mail-Adresse ist bestätigt")).to_be_visible()
    expect(page.get_by_text("anna@example.org ist bestätigt")).to_be_visible()
    assert User.objects.get(username="anna").mail_address == "anna@example.org"

    page.get_by_role("link", name="Passwort ändern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passwort ändern")
    axe_check(page)


def test_the_team_invites_by_address_and_the_person_registers_and_lands_in_the_district(
    new_context: Callable[[], BrowserContext], transactional_db: None
) -> None:
    district = factories.DistrictFactory()
    team = factories.member(district, Role.STRATEGY_TEAM)
    staff = new_context().new_page()
    sign_in(staff, team.username, factories.PASSWORD)
    staff.goto(f"/{district.slug}/verwaltung/rollen/")
    staff.get_by_label("E-Mail-Adresse oder Benutzername").fill("neu@example.org")
    staff.get_by_label("Rolle", exact=True).select_option(label="Lenkungskreis")
    staff.get_by_role("button", name="Rolle vergeben").click()
    expect(staff.get_by_text("Die Einladung an neu@example.org ist verschickt")).to_be_visible()
    pending = staff.get_by_role("table", name="Offene Einladungen")
    expect(pending).to_contain_text("neu@example.org")
    axe_check(staff)

    page = new_context().new_page()
    page.goto(path_in_last_mail("/konto/einladung/"))
    expect(page.get_by_text("in der Rolle „Lenkungskreis“")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Konto anlegen").last.click()
    page.get_by_label("Benutzername").fill("nele")
    page.get_by_label("Passwort", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Passwort bestätigen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Konto anlegen").click()
    page.get_by_role("button", name="Einladung annehmen").click()
    expect(page).to_have_url(re.compile(rf"/{district.slug}/verwaltung/$"))
    expect(page.get_by_text("Sie haben jetzt die Rolle „Lenkungskreis“")).to_be_visible()

    staff.reload()
    expect(staff.get_by_text("Keine offenen Einladungen.")).to_be_visible()
    expect(staff.get_by_role("table", name="Rollen im Kreis")).to_contain_text("nele")


def test_one_district_role_lands_in_its_back_office(page: Page, transactional_db: None) -> None:
    district = factories.DistrictFactory()
    user = factories.member(district, Role.MODERATOR)
    sign_in(page, user.username, factories.PASSWORD)
    expect(page).to_have_url(re.compile(rf"/{district.slug}/verwaltung/$"))
