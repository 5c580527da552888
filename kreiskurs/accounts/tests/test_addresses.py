"""An e-mail address is confirmed by a signed, expiring link before anything but that link is mailed to it."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.test import Client

from kreiskurs.accounts import addresses
from kreiskurs.accounts.models import User
from kreiskurs.participation.services import notifications
from tests import factories

pytestmark = pytest.mark.django_db

REGISTER = "/konto/registrieren/"
PASSWORD = "ein-langes-Passwort-42"


@pytest.fixture(autouse=True)
def _no_waiting(settings: Any) -> None:
    settings.KREISKURS_FORM_MIN_SECONDS = 0  # the bot timing rule has its own tests


def register(client: Client, capture: Any, username: str, **extra: str) -> Any:
    stamp = re.search(r'name="form_stamp" value="([^"]+)"', client.get(REGISTER).content.decode())
    assert stamp
    data = {"username": username, "password1": PASSWORD, "password2": PASSWORD, "form_stamp": stamp.group(1)}
    with capture(execute=True):
        return client.post(REGISTER, {**data, **extra}, follow=True)


def confirm_link(message: Any) -> str:
    match = re.search(r"https?://[^/\s]+(/konto/adresse-bestaetigen/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def old_token(user: User, *, days: int) -> str:
    """A token signed ``days`` ago: a real signature with an earlier timestamp."""

    class Earlier(signing.TimestampSigner):
        def timestamp(self) -> str:
            return signing.b62_encode(int(time.time()) - days * 86400)

    payload = {"u": user.pk, "e": user.email}
    return Earlier(salt=addresses.CONFIRM_SALT).sign_object(payload, compress=True)


def test_registration_with_an_address_sends_only_the_confirmation_until_it_is_followed(
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = Client()
    page = register(client, django_capture_on_commit_callbacks, "anna", email="anna@example.org")
    assert "Bitte bestätigen Sie damit Ihre Adresse" in page.content.decode()
    user = User.objects.get(username="anna")
    assert user.email_confirmed_at is None and user.mail_address == ""
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    process = factories.running_process(kind="ideas")
    with pytest.raises(ValidationError):  # following needs a confirmed address: nothing could be sent to it
        notifications.toggle_follow(user=user, process=process)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.send_phase_notices()
    assert len(mail.outbox) == 1, "an unconfirmed address got a notification"

    link = confirm_link(mail.outbox[0])
    shown = client.get(link)
    assert shown.status_code == 200 and "Adresse bestätigen" in shown.content.decode()
    assert User.objects.get(pk=user.pk).email_confirmed_at is None  # a GET (a mail scanner) confirms nothing
    done = client.post(link, follow=True)
    assert "ist bestätigt" in done.content.decode()
    assert User.objects.get(pk=user.pk).mail_address == "anna@example.org"


def test_registration_without_an_address_sends_nothing_and_participation_goes_on(
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = Client()
    page = register(client, django_capture_on_commit_callbacks, "pseudonym")
    assert page.status_code == 200 and "Willkommen" in page.content.decode()
    assert mail.outbox == []
    account = client.get("/konto/")
    assert "keine E-Mail-Adresse angegeben" in account.content.decode()


def test_an_expired_or_forged_link_confirms_nothing() -> None:
    user = factories.UserFactory(email="kim@example.org", email_confirmed_at=None)
    expired = Client().post(f"/konto/adresse-bestaetigen/{old_token(user, days=4)}/")
    assert expired.status_code == 400 and "abgelaufen" in expired.content.decode()
    fresh = Client().post(f"/konto/adresse-bestaetigen/{old_token(user, days=2)}/")
    assert fresh.status_code == 302
    other = factories.UserFactory(email="ole@example.org", email_confirmed_at=None)
    forged = addresses.confirmation_token(user)[:-2] + "xx"
    assert Client().post(f"/konto/adresse-bestaetigen/{forged}/").status_code == 400
    assert User.objects.get(pk=other.pk).email_confirmed_at is None


def test_a_changed_address_needs_a_new_confirmation_and_old_links_stop_working(
    django_capture_on_commit_callbacks: Any,
) -> None:
    user = factories.UserFactory(email="alt@example.org")
    old_link = f"/konto/adresse-bestaetigen/{addresses.confirmation_token(user)}/"
    client = Client()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/konto/", {"email": "neu@example.org"}, follow=True)
    assert "Adresse noch nicht bestätigt" in page.content.decode()
    user.refresh_from_db()
    assert (user.email, user.mail_address) == ("neu@example.org", "")
    assert [m.to for m in mail.outbox] == [["neu@example.org"], ["alt@example.org"]]
    assert "geändert" in mail.outbox[1].subject
    assert client.post(old_link).status_code == 400
    assert client.post(confirm_link(mail.outbox[0])).status_code == 302
    user.refresh_from_db()
    assert user.mail_address == "neu@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/", {"email": ""})
    user.refresh_from_db()
    assert (user.email, user.email_confirmed_at) == ("", None)
    assert mail.outbox[-1].to == ["neu@example.org"] and "geändert" in mail.outbox[-1].subject


def test_the_confirmation_is_resent_a_few_times_only(django_capture_on_commit_callbacks: Any) -> None:
    user = factories.UserFactory(email="kim@example.org", email_confirmed_at=None)
    client = Client()
    client.force_login(user)
    for _n in range(addresses.RESENDS.per_account):
        with django_capture_on_commit_callbacks(execute=True):
            page = client.post("/konto/adresse-bestaetigen/erneut/", follow=True)
        assert "Der Bestätigungslink ist unterwegs" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post("/konto/adresse-bestaetigen/erneut/", follow=True)
    assert "mehrmals angefordert" in refused.content.decode()
    assert len(mail.outbox) == addresses.RESENDS.per_account
    assert Client().post("/konto/adresse-bestaetigen/erneut/").status_code == 302  # anonymous: to the login


def test_mail_is_addressed_only_to_a_confirmed_address() -> None:
    user = factories.UserFactory(email="kim@example.org", email_confirmed_at=None)
    assert user.mail_address == ""
    user.email_confirmed_at = user.date_joined
    assert user.mail_address == "kim@example.org"


def test_the_data_export_says_whether_the_address_is_confirmed() -> None:
    import json

    client = Client()
    client.force_login(factories.UserFactory(email="kim@example.org"))
    account = json.loads(client.get("/konto/daten/export.json").content)["account"]
    assert account["email"] == "kim@example.org" and account["email_confirmed_at"]
    client.force_login(factories.UserFactory(email="ole@example.org", email_confirmed_at=None))
    assert json.loads(client.get("/konto/daten/export.json").content)["account"]["email_confirmed_at"] is None
