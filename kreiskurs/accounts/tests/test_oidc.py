"""Staff sign on through a real OpenID provider (django-oidc-provider in its own process on loopback).

The Django test client plays Kreiskurs' side; ``requests`` plays the browser at
the provider (log in there, come back with the code). Roles stay in Kreiskurs.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client
from django.utils import timezone

from kreiskurs.accounts import oidc
from kreiskurs.accounts.models import Membership, ProviderIdentity, User
from kreiskurs.audit.models import AuditEntry
from tests import factories
from tests.oidc_provider.process import Provider, oidc_provider  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/konto/oidc/callback/"
PASSWORD = "Kennwort-beim-Anbieter-1"


@pytest.fixture(scope="module")
def registered(oidc_provider: Provider) -> Provider:  # noqa: F811
    oidc_provider.add_client("kreiskurs-http", "geheim-http", CALLBACK)
    oidc_provider.allow_return_after_logout("kreiskurs-http", "http://testserver/")
    oidc_provider.add_user("amtsleiterin", PASSWORD, "amtsleitung@kreis.example", "Erika", "Muster")
    oidc_provider.add_user("neu", PASSWORD, "neu@kreis.example", "Nora", "Neu")
    oidc_provider.add_user("unbestaetigt", PASSWORD, "offen@kreis.example")
    return oidc_provider


@pytest.fixture
def configured(settings: Any, registered: Provider) -> Provider:
    settings.KREISKURS_OIDC_ISSUER = registered.issuer
    settings.OIDC_RP_CLIENT_ID = "kreiskurs-http"
    settings.OIDC_RP_CLIENT_SECRET = "geheim-http"
    return registered


def sign_on(
    client: Client,
    provider: Provider,
    username: str,
    password: str = PASSWORD,
    next_url: str = "",
    browser: requests.Session | None = None,
) -> Any:
    """Click "Anmelden mit …", log in at the provider, come back; the answer to the return, redirects followed.

    ``browser`` is the browser's side at the provider (its cookies), a fresh one if not given.
    """
    start = client.get("/konto/oidc/anmelden/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302 and start["Location"].startswith(provider.issuer), start
    browser = browser or requests.Session()
    page = browser.get(start["Location"], timeout=30)  # the provider sends us to its login page
    assert urlsplit(page.url).path == "/login/", page.url
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text
    next_at_provider = re.search(r'name="next" value="([^"]+)"', page.text)
    assert next_at_provider
    answer = browser.post(
        page.url,
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": password,
            "next": next_at_provider.group(1).replace("&amp;", "&"),
        },
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=30,
    )
    while answer.is_redirect and answer.headers["Location"].startswith(("/", provider.url)):
        answer = browser.get(requests.compat.urljoin(answer.url, answer.headers["Location"]), allow_redirects=False)
    back = answer.headers.get("Location", "")
    assert back.startswith(CALLBACK), (answer.status_code, back, answer.text[:500])
    return client.get(back.removeprefix("http://testserver"), follow=True)


def test_without_an_issuer_the_login_page_has_no_provider_button_and_the_route_is_missing(client: Client) -> None:
    assert "Anmelden mit" not in client.get("/konto/anmelden/").content.decode()
    assert client.get("/konto/oidc/anmelden/").status_code == 404
    assert client.get("/konto/oidc/callback/?code=x&state=y").status_code == 404


def test_a_staff_member_with_a_confirmed_address_is_linked_and_lands_in_the_district(
    client: Client, configured: Provider
) -> None:
    district = factories.DistrictFactory()
    staff = factories.member(district, "strategy_team")
    User.objects.filter(pk=staff.pk).update(email="Amtsleitung@kreis.example", email_confirmed_at=timezone.now())
    assert "Anmelden mit Dienstkonto" in client.get("/konto/anmelden/").content.decode()

    landed = sign_on(client, configured, "amtsleiterin")

    assert landed.status_code == 200
    assert landed.redirect_chain[-1][0] == f"/{district.slug}/verwaltung/"
    assert landed.wsgi_request.user == staff
    identity = ProviderIdentity.objects.get(user=staff)
    assert identity.issuer == configured.issuer and identity.subject


def test_the_subject_finds_the_account_again_after_its_address_changed(client: Client, configured: Provider) -> None:
    district = factories.DistrictFactory()
    staff = factories.member(district, "moderator")
    User.objects.filter(pk=staff.pk).update(email="amtsleitung@kreis.example", email_confirmed_at=timezone.now())
    sign_on(client, configured, "amtsleiterin")
    User.objects.filter(pk=staff.pk).update(email="anders@example.org")

    again = Client()
    landed = sign_on(again, configured, "amtsleiterin")

    assert landed.wsgi_request.user == staff
    assert User.objects.filter(email__iexact="amtsleitung@kreis.example").count() == 0


def test_a_new_person_gets_an_account_with_a_confirmed_address_and_no_role(
    client: Client, configured: Provider
) -> None:
    landed = sign_on(client, configured, "neu")

    user = User.objects.get(email="neu@kreis.example")
    assert landed.wsgi_request.user == user
    assert user.email_confirmed_at is not None and user.display_name == "Nora Neu"
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    assert landed.redirect_chain[-1][0] == "/verwaltung/"
    # the same registration entry as a registration through the form: installation-wide, named by the username
    entry = AuditEntry.objects.get(action="register", object_id=str(user.pk))
    assert entry.district_id is None and entry.actor == user and entry.object_repr == user.username


def test_linking_an_existing_account_registers_nobody(client: Client, configured: Provider) -> None:
    staff = factories.member(factories.DistrictFactory(), "strategy_team")
    User.objects.filter(pk=staff.pk).update(email="amtsleitung@kreis.example", email_confirmed_at=timezone.now())

    sign_on(client, configured, "amtsleiterin")

    assert not AuditEntry.objects.filter(action="register").exists()


def test_an_unconfirmed_address_is_not_linked(client: Client, configured: Provider) -> None:
    waiting = factories.UserFactory(username="offen", email="offen@kreis.example", email_confirmed_at=None)
    factories.member(factories.DistrictFactory(), "strategy_team")

    landed = sign_on(client, configured, "unbestaetigt")

    assert landed.wsgi_request.user != waiting
    assert not ProviderIdentity.objects.filter(user=waiting).exists()


def test_a_wrong_code_at_the_return_logs_nobody_in(client: Client, configured: Provider) -> None:
    start = client.get("/konto/oidc/anmelden/")
    state = re.search(r"state=([^&]+)", start["Location"])
    assert state
    answer = client.get(f"/konto/oidc/callback/?code=erfunden&state={state.group(1)}", follow=True)
    assert answer.redirect_chain == [("/konto/anmelden/", 302)]
    assert not answer.wsgi_request.user.is_authenticated
    assert "nicht gelungen" in answer.content.decode()


def test_discovery_is_read_lazily_and_once(settings: Any, configured: Provider) -> None:
    oidc._configurations.clear()
    assert oidc.oidc_setting("OIDC_OP_TOKEN_ENDPOINT").startswith(configured.issuer)
    assert list(oidc._configurations) == [configured.issuer]


def test_the_provider_does_not_replace_the_second_factor(client: Client, configured: Provider) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    district = factories.DistrictFactory()
    staff = factories.member(district, "strategy_team")
    User.objects.filter(pk=staff.pk).update(email="amtsleitung@kreis.example", email_confirmed_at=timezone.now())
    TOTPDevice.objects.create(user=staff, name="App", confirmed=True)

    landed = sign_on(client, configured, "amtsleiterin")

    assert landed.wsgi_request.user == staff
    assert landed.redirect_chain[-1][0].startswith("/konto/zwei-faktor/bestaetigen/?next=")


def _at_provider(browser: requests.Session, url: str) -> str:
    """Where the provider sends the browser for ``url`` (one step, not followed)."""
    answer = browser.get(url, allow_redirects=False, timeout=30)
    assert answer.status_code == 302, (answer.status_code, answer.text[:300])
    return str(answer.headers["Location"])


def test_signing_out_ends_the_session_at_the_provider_too(client: Client, configured: Provider) -> None:
    browser = requests.Session()
    sign_on(client, configured, "neu", browser=browser)
    # signed on at the provider: asking it again goes straight back to Kreiskurs, no password
    assert _at_provider(browser, client.get("/konto/oidc/anmelden/")["Location"]).startswith(CALLBACK)

    out = client.post("/konto/abmelden/")

    assert not client.get("/konto/").wsgi_request.user.is_authenticated
    discovery = requests.get(f"{configured.issuer}/.well-known/openid-configuration", timeout=30).json()
    assert out.status_code == 302 and out["Location"].startswith(discovery["end_session_endpoint"] + "?")
    hint = parse_qs(urlsplit(out["Location"]).query)
    assert hint["post_logout_redirect_uri"] == ["http://testserver/"] and hint["id_token_hint"][0].count(".") == 2
    # the browser follows: the provider signs out there and sends it back to the start page
    assert _at_provider(browser, out["Location"]) == "http://testserver/"
    # and the next sign-on asks for the password again
    again = _at_provider(browser, client.get("/konto/oidc/anmelden/")["Location"])
    assert urlsplit(again).path == "/login/", again


def test_a_password_login_signs_out_here_only(client: Client, configured: Provider) -> None:
    user = factories.UserFactory()
    client.force_login(user)

    out = client.post("/konto/abmelden/")

    assert out.status_code == 302 and out["Location"] == "/"


def test_single_sign_out_can_be_switched_off(client: Client, configured: Provider, settings: Any) -> None:
    settings.KREISKURS_OIDC_SINGLE_SIGN_OUT = False
    sign_on(client, configured, "neu")

    out = client.post("/konto/abmelden/")

    assert out.status_code == 302 and out["Location"] == "/"
    assert not client.get("/konto/").wsgi_request.user.is_authenticated


def test_pages_let_the_sign_out_form_lead_to_the_provider(client: Client, settings: Any) -> None:
    """Browsers check a form's redirects against form-action: signing out must be allowed to reach the provider."""
    assert "form-action 'self';" in client.get("/konto/anmelden/")["Content-Security-Policy"]
    settings.KREISKURS_OIDC_ISSUER = "https://login.kreis.example/realms/kreis"
    settings.OIDC_RP_CLIENT_ID = "kreiskurs"
    policy = client.get("/konto/anmelden/")["Content-Security-Policy"]
    assert "form-action 'self' https://login.kreis.example;" in policy
    settings.KREISKURS_OIDC_SINGLE_SIGN_OUT = False
    assert "form-action 'self';" in client.get("/konto/anmelden/")["Content-Security-Policy"]
