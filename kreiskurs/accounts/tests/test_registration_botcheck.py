"""Registration stamps are bound to the visitor's session and good for one submission."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import timezone

from kreiskurs import botcheck
from kreiskurs.accounts.models import User

pytestmark = pytest.mark.django_db

URL = "/konto/registrieren/"
PASSWORD = "ein-langes-Passwort-42"
REUSED = "bereits abgeschickt oder in einem anderen Browser"


@pytest.fixture(autouse=True)
def _no_waiting(settings: Any) -> None:
    """The minimum time to fill in the form has its own test below (with ``now``); here it would only wait."""
    settings.KREISKURS_FORM_MIN_SECONDS = 0


def shown_stamp(response: Any) -> str:
    match = re.search(r'name="form_stamp" value="([^"]+)"', response.content.decode())
    assert match, "the form carries no stamp"
    return match.group(1)


def account(username: str, stamp: str, **extra: str) -> dict[str, str]:
    return {"username": username, "password1": PASSWORD, "password2": PASSWORD, "form_stamp": stamp, **extra}


def test_a_person_without_javascript_registers_with_the_shown_form() -> None:
    client = Client()
    stamp = shown_stamp(client.get(URL))
    assert client.post(URL, account("anna", stamp)).status_code == 302
    assert User.objects.filter(username="anna").exists()


def test_one_stamp_does_not_serve_registrations_from_fresh_sessions() -> None:
    stamp = shown_stamp(Client().get(URL))
    for n in range(3):
        response = Client().post(URL, account(f"bot{n}", stamp))
        assert response.status_code == 200 and REUSED in response.content.decode()
    assert not User.objects.filter(username__startswith="bot").exists()


def test_a_stamp_is_used_once_and_the_form_shown_again_carries_a_fresh_one() -> None:
    client = Client()
    first = shown_stamp(client.get(URL))
    mismatch = client.post(URL, account("berta", first, password2="anders-als-oben-42"))
    assert mismatch.status_code == 200 and not User.objects.filter(username="berta").exists()
    fresh = shown_stamp(mismatch)
    assert fresh != first
    again = client.post(URL, account("berta", first))  # the used stamp, sent a second time
    assert again.status_code == 200 and REUSED in again.content.decode()
    assert not User.objects.filter(username="berta").exists()
    assert client.post(URL, account("berta", shown_stamp(again))).status_code == 302
    assert User.objects.filter(username="berta").exists()


def test_session_stamps_are_checked_against_the_session() -> None:
    session, other = SessionStore(), SessionStore()
    stamp = botcheck.form_stamp(session=session)
    assert botcheck.stamp_problem({"form_stamp": stamp}, session=other) == botcheck.NOT_THIS_SESSION
    assert botcheck.stamp_problem({"form_stamp": stamp}, session=session) is None
    assert botcheck.stamp_problem({"form_stamp": stamp}, session=session) == botcheck.NOT_THIS_SESSION
    unbound = botcheck.form_stamp()
    assert botcheck.stamp_problem({"form_stamp": unbound}, session=session) == botcheck.NOT_THIS_SESSION
    assert botcheck.stamp_problem({"form_stamp": "forged"}, session=session) == botcheck.INVALID


def test_a_session_stamp_sent_back_too_fast_is_refused(settings: Any) -> None:
    settings.KREISKURS_FORM_MIN_SECONDS = 3
    session = SessionStore()
    shown = timezone.now()
    stamp = botcheck.form_stamp(shown, session=session)
    too_fast = botcheck.stamp_problem({"form_stamp": stamp}, session=session, now=shown + dt.timedelta(seconds=1))
    assert too_fast == botcheck.TOO_FAST
    stamp = botcheck.form_stamp(shown, session=session)
    assert botcheck.stamp_problem({"form_stamp": stamp}, session=session, now=shown + dt.timedelta(seconds=5)) is None


def test_joining_a_process_pseudonymously_needs_a_stamp_of_the_own_session() -> None:
    """Joining without an account creates an identity too: one page view does not serve many joins."""
    from kreiskurs.participation.models import Participant
    from tests import factories

    process = factories.running_process(kind="ideas", pseudonymous=True)
    url = f"/{process.district.slug}/beteiligung/{process.pk}/teilnehmen/"
    first = Client()
    stamp = shown_stamp(first.get(url))
    response = Client().post(url, {"display_name": "Bot", "consent": "on", "form_stamp": stamp})
    assert response.status_code == 200 and REUSED in response.content.decode()
    assert first.post(url, {"display_name": "Fuchs", "consent": "on", "form_stamp": stamp}).status_code == 302
    assert list(Participant.objects.values_list("display_name", flat=True)) == ["Fuchs"]
