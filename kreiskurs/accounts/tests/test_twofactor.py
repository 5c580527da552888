"""Two-factor authentication: an authenticator app set up by its first code, a code after login, recovery codes.

The codes are real TOTP codes computed from the secret, as the app computes them.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kreiskurs.accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db

SETUP = "/konto/zwei-faktor/einrichten/"
VERIFY = "/konto/zwei-faktor/bestaetigen/"


def code(key_hex: str, *, steps_ahead: int = 0) -> str:
    return f"{totp(bytes.fromhex(key_hex), drift=steps_ahead):06d}"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def set_up(client: Client) -> tuple[str, list[str]]:
    """Open the setup page, compute the code from the secret it shows, confirm; the key and the recovery codes."""
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code, inline
    key = client.session["kreiskurs_totp_setup_key"]
    done = client.post(SETUP, {"token": code(key)})
    assert done.status_code == 200, done.content.decode()
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    return key, codes


def test_the_setup_page_shows_a_qr_code_and_the_secret_and_refuses_a_wrong_code() -> None:
    client = logged_in(factories.UserFactory())
    page = client.get(SETUP).content.decode()
    assert "<svg" in page and 'id="totp-secret"' in page and "<?xml" not in page
    key = client.session["kreiskurs_totp_setup_key"]
    wrong = f"{(int(code(key)) + 1) % 1_000_000:06d}"
    answer = client.post(SETUP, {"token": wrong})
    assert answer.status_code == 400 and "Der Code passt nicht" in answer.content.decode()
    assert not TOTPDevice.objects.exists()
    # the same secret still holds for the next attempt
    assert client.session["kreiskurs_totp_setup_key"] == key


def test_setting_up_with_the_apps_code_gives_ten_recovery_codes_and_verifies_the_session() -> None:
    district = factories.DistrictFactory()
    user = factories.member(district, "strategy_team")
    client = logged_in(user)
    _key, codes = set_up(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(f"/{district.slug}/verwaltung/").status_code == 200


def test_after_login_the_back_office_asks_for_a_code_and_opens_with_one() -> None:
    district = factories.DistrictFactory()
    user = factories.member(district, "strategy_team")
    key, _codes = set_up(logged_in(user))
    client = Client()
    login = client.post("/konto/anmelden/", {"username": user.username, "password": factories.PASSWORD})
    assert login.status_code == 302

    asked = client.get(f"/{district.slug}/verwaltung/")
    assert asked.status_code == 302 and asked["Location"].startswith(VERIFY)
    assert client.get(f"/{district.slug}/").status_code == 200  # public pages stay open
    opened = client.post(VERIFY, {"token": code(key, steps_ahead=1), "next": f"/{district.slug}/verwaltung/"})
    assert opened.status_code == 302 and opened["Location"] == f"/{district.slug}/verwaltung/"
    assert client.get(f"/{district.slug}/verwaltung/").status_code == 200


def test_the_view_gets_the_user_itself_verified_or_not() -> None:
    """After the middleware the request's user is the account object (no lazy wrappers), with django-otp's
    ``is_verified`` as before: false until a code verified the session; a visitor is the anonymous user."""
    from django.contrib.auth.models import AnonymousUser

    district = factories.DistrictFactory()
    user = factories.member(district, "strategy_team")
    key, _codes = set_up(logged_in(user))
    client = Client()
    client.post("/konto/anmelden/", {"username": user.username, "password": factories.PASSWORD})
    public = client.get(f"/{district.slug}/").wsgi_request.user
    assert type(public) is User and public.pk == user.pk and public.is_verified() is False
    client.post(VERIFY, {"token": code(key, steps_ahead=1), "next": "/"})
    opened = client.get(f"/{district.slug}/verwaltung/")
    assert opened.status_code == 200
    assert type(opened.wsgi_request.user) is User and opened.wsgi_request.user.is_verified() is True
    visitor = Client().get(f"/{district.slug}/").wsgi_request.user
    assert type(visitor) is AnonymousUser and visitor.is_verified() is False


def test_a_recovery_code_works_once() -> None:
    district = factories.DistrictFactory()
    user = factories.member(district, "moderator")
    _key, codes = set_up(logged_in(user))

    first = logged_in(user)
    assert first.post(VERIFY, {"token": codes[0]}).status_code == 302
    assert first.get(f"/{district.slug}/verwaltung/").status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9

    second = logged_in(user)
    assert second.post(VERIFY, {"token": codes[0]}).status_code == 400
    assert second.get(f"/{district.slug}/verwaltung/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones() -> None:
    user = factories.UserFactory()
    client = logged_in(user)
    _key, old = set_up(client)
    answer = client.post("/konto/zwei-faktor/wiederherstellungscodes/")
    new = re.findall(r"<li><code>(\w+)</code></li>", answer.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(new)


def test_without_the_setting_staff_without_a_second_factor_use_the_back_office(settings: Any) -> None:
    settings.KREISKURS_REQUIRE_2FA = False
    district = factories.DistrictFactory()
    client = logged_in(factories.member(district, "strategy_team"))
    assert client.get(f"/{district.slug}/verwaltung/").status_code == 200


def test_with_the_setting_staff_must_set_up_a_second_factor_first(settings: Any) -> None:
    settings.KREISKURS_REQUIRE_2FA = True
    district = factories.DistrictFactory()
    staff = factories.member(district, "measure_lead", measure_lineage="00000000-0000-0000-0000-000000000001")
    client = logged_in(staff)

    sent = client.get(f"/{district.slug}/verwaltung/")
    assert sent.status_code == 302 and sent["Location"].startswith(SETUP)
    assert "vorgeschrieben" in client.get(sent["Location"]).content.decode()
    set_up(client)
    assert client.get(f"/{district.slug}/verwaltung/").status_code == 200


def test_with_the_setting_a_participant_without_a_role_is_not_asked(settings: Any) -> None:
    settings.KREISKURS_REQUIRE_2FA = True
    client = logged_in(factories.UserFactory())
    assert client.get("/konto/").status_code == 200
    assert client.get("/verwaltung/").status_code == 200


def test_a_wrong_code_after_login_keeps_the_back_office_closed() -> None:
    district = factories.DistrictFactory()
    user = factories.member(district, "strategy_team")
    key, _codes = set_up(logged_in(user))
    client = logged_in(user)
    current = {code(key, steps_ahead=step) for step in (-1, 0, 1)}
    wrong = next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in current)
    refused = client.post(VERIFY, {"token": wrong})
    assert refused.status_code == 400 and "nicht gültig" in refused.content.decode()
    assert client.get(f"/{district.slug}/verwaltung/").status_code == 302


def test_a_verified_session_does_not_ask_for_the_devices_again() -> None:
    """Unverified, whether the account has a device (recovery codes alone count: the totp and the static
    kind together) is read with the session and its user, in the same statement; verified, the session's
    device is read (django-otp), not every kind again (issue 12)."""
    district = factories.DistrictFactory()
    user = factories.member(district, "strategy_team")
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    device.token_set.create(token="onlycode1")
    client = logged_in(user)

    def device_reads() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(f"/{district.slug}/verwaltung/").status_code
        return status, [q["sql"] for q in ctx.captured_queries if '"otp_' in q["sql"]]

    status, reads = device_reads()
    assert status == 302  # asked for a code
    assert len(reads) == 1 and 'FROM "accounts_session"' in reads[0]  # with the session and its user
    assert client.post(VERIFY, {"token": "onlycode1"}).status_code == 302
    status, reads = device_reads()
    assert status == 200
    assert len([sql for sql in reads if 'FROM "accounts_session"' not in sql]) == 1  # the session's device


def test_the_device_check_knows_every_kind_of_device_installed() -> None:
    """``has_second_factor`` asks the kinds it names; django-otp's registry must not know more."""
    import django_otp

    from kreiskurs.accounts.twofactor import DEVICE_KINDS, has_second_factor

    assert set(django_otp.device_classes()) == set(DEVICE_KINDS)
    user = factories.UserFactory()
    assert not has_second_factor(user)
    StaticDevice.objects.create(user=user, name="unbestätigt", confirmed=False)
    assert not has_second_factor(user)
    TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    assert has_second_factor(user) and django_otp.user_has_device(user, confirmed=True)
