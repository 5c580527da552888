"""Staff sign on through the district's OpenID provider in a real browser, and set up a second factor.

The provider is django-oidc-provider in its own process on loopback
(``tests/oidc_provider/``); nothing is mocked.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from kreiskurs.accounts.models import ProviderIdentity, Role, User
from tests import factories
from tests.oidc_provider.process import Provider, oidc_provider  # noqa: F401  (the fixture)

from .conftest import axe_check, login

pytestmark = pytest.mark.browser

PASSWORD = "Kennwort-beim-Anbieter-2"


@pytest.fixture
def provider(oidc_provider: Provider, live_server: Any, settings: Any) -> Provider:  # noqa: F811
    client_id = f"kreiskurs-browser-{live_server.url.rsplit(':', 1)[-1]}"
    if not getattr(oidc_provider, "_browser_ready", False):
        oidc_provider.add_client(client_id, "geheim-browser", f"{live_server.url}/konto/oidc/callback/")
        oidc_provider.allow_return_after_logout(client_id, f"{live_server.url}/")
        oidc_provider.add_user("kreisamt", PASSWORD, "kreisamt@kreis.example", "Karla", "Kreisamt")
        oidc_provider._browser_ready = True  # type: ignore[attr-defined]
    settings.KREISKURS_OIDC_ISSUER = oidc_provider.issuer
    settings.KREISKURS_OIDC_NAME = "Kreis-Konto"
    settings.OIDC_RP_CLIENT_ID = client_id
    settings.OIDC_RP_CLIENT_SECRET = "geheim-browser"
    return oidc_provider


def test_staff_log_in_through_the_provider_and_land_in_their_district(
    page: Page, provider: Provider, live_server: Any, transactional_db: None
) -> None:
    district = factories.DistrictFactory()
    staff = factories.member(district, Role.STRATEGY_TEAM)
    User.objects.filter(pk=staff.pk).update(email="kreisamt@kreis.example", email_confirmed_at=timezone.now())

    page.goto("/konto/anmelden/")
    axe_check(page)
    page.get_by_role("link", name="Anmelden mit Kreis-Konto").click()
    expect(page.get_by_role("heading", name="Identitätsanbieter des Kreises")).to_be_visible()
    page.get_by_label("Kennung").fill("kreisamt")
    page.get_by_label("Kennwort").fill(PASSWORD)
    page.get_by_role("button", name="Beim Anbieter anmelden").click()

    expect(page).to_have_url(f"{live_server.url}/{district.slug}/verwaltung/")
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    assert ProviderIdentity.objects.get(user=staff).issuer == provider.issuer


def test_signing_out_of_kreiskurs_signs_out_at_the_provider_too(
    page: Page, provider: Provider, live_server: Any, transactional_db: None
) -> None:
    """Single sign-out: at a shared office computer the next person must not be signed on without a password."""
    district = factories.DistrictFactory()
    staff = factories.member(district, Role.STRATEGY_TEAM)
    User.objects.filter(pk=staff.pk).update(email="kreisamt@kreis.example", email_confirmed_at=timezone.now())
    page.goto("/konto/anmelden/")
    page.get_by_role("link", name="Anmelden mit Kreis-Konto").click()
    page.get_by_label("Kennung").fill("kreisamt")
    page.get_by_label("Kennwort").fill(PASSWORD)
    page.get_by_role("button", name="Beim Anbieter anmelden").click()
    expect(page).to_have_url(f"{live_server.url}/{district.slug}/verwaltung/")

    page.get_by_role("button", name="Abmelden").click()

    # through the provider's end-session endpoint and back to the platform's start page, signed out
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Anmelden", exact=True)).to_be_visible()
    # signing on again asks the provider's password: its session ended too
    page.get_by_role("link", name="Anmelden", exact=True).click()
    page.get_by_role("link", name="Anmelden mit Kreis-Konto").click()
    expect(page.get_by_role("heading", name="Identitätsanbieter des Kreises")).to_be_visible()
    expect(page.get_by_label("Kennwort")).to_be_empty()


def test_staff_set_up_the_authenticator_app_and_get_recovery_codes(page: Page, transactional_db: None) -> None:
    district = factories.DistrictFactory()
    staff = factories.member(district, Role.STRATEGY_TEAM)
    login(page, staff.username)

    page.goto("/konto/")
    page.get_by_role("link", name="Zwei-Faktor-Anmeldung einrichten").click()
    expect(page.locator("figure svg")).to_be_visible()
    axe_check(page)
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret)
    page.get_by_label("Code aus der App").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Einrichten").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    axe_check(page)
