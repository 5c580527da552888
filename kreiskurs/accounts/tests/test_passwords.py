"""A forgotten password is reset by a mailed link (once, for a day); a signed-in user changes theirs."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from kreiskurs.accounts import addresses
from kreiskurs.accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/konto/passwort-vergessen/"
SENT = "/konto/passwort-vergessen/gesendet/"
NEW_PASSWORD = "Ein-neues-Passwort-2026"


def ask(client: Client, email: str, capture: Any) -> Any:
    with capture(execute=True):
        return client.post(URL, {"email": email})


def link_in(message: Any) -> str:
    match = re.search(r"https?://[^/\s]+(/konto/passwort-neu/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def set_password(client: Client, link: str, password: str = NEW_PASSWORD) -> Any:
    """Follow the link as a browser does (Django moves the token into the session) and send the form."""
    form = client.get(link, follow=True)
    return client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": password, "new_password2": password},
    )


def can_log_in(username: str, password: str) -> bool:
    response = Client().post("/konto/anmelden/", {"username": username, "password": password})
    return response.status_code == 302


def test_the_answer_is_the_same_for_known_unknown_and_unconfirmed_addresses(
    django_capture_on_commit_callbacks: Any,
) -> None:
    factories.UserFactory(username="kim", email="kim@example.org")
    factories.UserFactory(username="ole", email="ole@example.org", email_confirmed_at=None)
    answers = [
        ask(Client(), email, django_capture_on_commit_callbacks)
        for email in ("kim@example.org", "niemand@example.org", "ole@example.org")
    ]
    assert [(a.status_code, a["Location"]) for a in answers] == [(302, SENT)] * 3
    # only the confirmed address of an account gets a mail
    assert [m.to for m in mail.outbox] == [["kim@example.org"]]
    assert "kim" in mail.outbox[0].body and "einmal verwendbar" in mail.outbox[0].body


def test_the_link_sets_a_new_password_once(django_capture_on_commit_callbacks: Any) -> None:
    factories.UserFactory(username="kim", email="Kim@Example.org")
    ask(Client(), "kim@example.org", django_capture_on_commit_callbacks)  # the address in any case
    link = link_in(mail.outbox[0])
    browser = Client()
    done = set_password(browser, link)
    assert done.status_code == 302 and done["Location"] == "/konto/passwort-neu/fertig/"
    assert "Jetzt anmelden" in browser.get(done["Location"]).content.decode()
    assert can_log_in("kim", NEW_PASSWORD)
    again = Client().get(link, follow=True)
    assert "Dieser Link ist ungültig" in again.content.decode()
    assert set_password(Client(), link, "Noch-ein-anderes-Passwort-7").status_code == 200
    assert User.objects.get(username="kim").check_password(NEW_PASSWORD)


def test_an_expired_link_is_refused(settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    factories.UserFactory(username="kim", email="kim@example.org")
    ask(Client(), "kim@example.org", django_capture_on_commit_callbacks)
    settings.PASSWORD_RESET_TIMEOUT = -1  # every link is older than that
    response = Client().get(link_in(mail.outbox[0]), follow=True)
    assert "Dieser Link ist ungültig" in response.content.decode()
    assert 'name="new_password1"' not in response.content.decode()


def test_requests_are_limited_per_entered_address_whether_known_or_not(
    django_capture_on_commit_callbacks: Any,
) -> None:
    factories.UserFactory(username="kim", email="kim@example.org")
    for email in ("kim@example.org", "niemand@example.org"):
        for _n in range(addresses.RESETS.per_account):
            assert ask(Client(), email, django_capture_on_commit_callbacks).status_code == 302
        refused = ask(Client(), email, django_capture_on_commit_callbacks)
        assert refused.status_code == 429 and "Zu viele Anfragen" in refused.content.decode()
    assert len(mail.outbox) == addresses.RESETS.per_account


def test_the_login_page_offers_the_reset() -> None:
    assert 'href="/konto/passwort-vergessen/"' in Client().get("/konto/anmelden/").content.decode()


def test_a_signed_in_user_changes_the_password_and_stays_signed_in() -> None:
    user = factories.UserFactory(username="kim")
    client = Client()
    client.force_login(user)
    wrong = client.post(
        "/konto/passwort-aendern/",
        {"old_password": "falsch", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200 and "kern-form-input__input--error" in wrong.content.decode()
    response = client.post(
        "/konto/passwort-aendern/",
        {"old_password": factories.PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Ihr Passwort ist geändert" in response.content.decode()
    assert response.context["user"].is_authenticated
    assert can_log_in("kim", NEW_PASSWORD)
    assert not can_log_in("kim", factories.PASSWORD)


def test_anonymous_visitors_are_sent_to_login_for_the_account_pages() -> None:
    for url in ("/konto/", "/konto/passwort-aendern/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/konto/anmelden/")
