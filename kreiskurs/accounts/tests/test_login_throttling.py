"""Login throttling: repeated wrong passwords lock the account and the client address for a cool-off."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

LIMIT = 5
LOGIN_PAGES = ["/konto/anmelden/", "/admin/login/"]


@pytest.fixture(autouse=True)
def _small_limit(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = LIMIT


def attempt(url: str, username: str, password: str, **extra: str) -> Any:
    return Client().post(url, {"username": username, "password": password}, **extra)


def fail(url: str, username: str, times: int, **extra: str) -> None:
    for _n in range(times):
        attempt(url, username, "falsch", **extra)


def logged_in(response: Any) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_wrong_passwords_then_the_right_one_is_refused(url: str, caplog: pytest.LogCaptureFixture) -> None:
    user = factories.UserFactory(is_staff=True, is_superuser=True)
    fail(url, user.username, LIMIT)
    with caplog.at_level(logging.WARNING, logger="kreiskurs.security"):
        response = attempt(url, user.username, factories.PASSWORD)
    assert response.status_code == 429
    assert not logged_in(response)
    page = response.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in page and "15 Minuten" in page
    assert 'class="kk-header"' in page  # in the site frame, not a bare text
    # the trace: every failure in axes' failure log, the lockout in the security log
    assert AccessFailureLog.objects.filter(username=user.username, locked_out=True).exists()
    assert f"login locked out: path={url} username='{user.username}'" in caplog.text


def test_below_the_limit_the_right_password_works() -> None:
    user = factories.UserFactory()
    fail("/konto/anmelden/", user.username, LIMIT - 1)
    assert logged_in(attempt("/konto/anmelden/", user.username, factories.PASSWORD))


def test_the_account_is_locked_from_every_address() -> None:
    user = factories.UserFactory()
    for n in range(LIMIT):
        attempt("/konto/anmelden/", user.username, "falsch", REMOTE_ADDR=f"198.51.100.{n + 1}")
    response = attempt("/konto/anmelden/", user.username, factories.PASSWORD, REMOTE_ADDR="203.0.113.50")
    assert response.status_code == 429


def test_the_address_is_locked_for_other_accounts_too() -> None:
    """Trying many accounts from one address (password spraying) locks the address."""
    other = factories.UserFactory()
    for n in range(LIMIT):
        attempt("/konto/anmelden/", f"guess{n}", "falsch", REMOTE_ADDR="198.51.100.7")
    assert (
        attempt("/konto/anmelden/", other.username, factories.PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429
    )
    assert logged_in(attempt("/konto/anmelden/", other.username, factories.PASSWORD, REMOTE_ADDR="198.51.100.8"))


def test_behind_a_trusted_proxy_the_forwarded_client_is_locked_not_the_proxy(settings: Any) -> None:
    settings.KREISKURS_TRUSTED_PROXIES = ["10.0.0.1"]
    user = factories.UserFactory()
    for n in range(LIMIT):
        attempt("/konto/anmelden/", f"guess{n}", "falsch", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert AccessAttempt.objects.filter(ip_address="198.51.100.7").count() == LIMIT
    ok = attempt(
        "/konto/anmelden/",
        user.username,
        factories.PASSWORD,
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert logged_in(ok)


def test_after_the_cool_off_the_right_password_works_again(settings: Any) -> None:
    user = factories.UserFactory()
    fail("/konto/anmelden/", user.username, LIMIT)
    assert attempt("/konto/anmelden/", user.username, factories.PASSWORD).status_code == 429
    # the last failure was longer ago than the cool-off (moved back in time instead of waiting)
    AccessAttempt.objects.update(
        attempt_time=dt.datetime.now(dt.UTC) - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    )
    assert logged_in(attempt("/konto/anmelden/", user.username, factories.PASSWORD))


def test_many_successful_logins_are_never_locked_out() -> None:
    user = factories.UserFactory()
    for _n in range(3 * LIMIT):
        assert logged_in(attempt("/konto/anmelden/", user.username, factories.PASSWORD))
