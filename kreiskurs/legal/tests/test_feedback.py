"""Reporting a barrier: the message reaches the district by mail, bots and floods do not."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from kreiskurs.accounts.ratelimit import RateLimited
from kreiskurs.legal import services
from kreiskurs.legal.models import DistrictContact
from kreiskurs.legal.services import FEEDBACK_LIMIT
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast_forms(settings: Any) -> None:
    settings.KREISKURS_FORM_MIN_SECONDS = 0  # the timing rule of the bot check has its own tests
    settings.KREISKURS_CONTACT_EMAIL = "plattform@example.org"


def _stamp(client: Client, url: str) -> str:
    match = re.search(r'name="form_stamp" value="([^"]+)"', client.get(url).content.decode())
    assert match is not None
    return match.group(1)


def _report(client: Client, url: str, message: str = "Die Karte lässt sich nicht mit der Tastatur bedienen.") -> Any:
    data = {
        "message": message,
        "email": "leser@example.org",
        "page_address": "/karte/",
        "form_stamp": _stamp(client, url),
    }
    return client.post(url, data)


def test_a_report_on_a_district_page_reaches_the_districts_address(client: Client, fast_forms: None) -> None:
    district = factories.DistrictFactory()
    DistrictContact.objects.create(district=district, email="barrierefrei@kreis.example")
    url = f"/{district.slug}/barrierefreiheit/"
    assert "barrierefrei@kreis.example" in client.get(url).content.decode()

    response = _report(client, url)
    assert response.status_code == 302 and response["Location"].endswith("#rueckmeldung")
    assert [m.to for m in mail.outbox] == [["barrierefrei@kreis.example"]]
    body = mail.outbox[0].body
    assert "Die Karte lässt sich nicht mit der Tastatur bedienen." in body
    assert "leser@example.org" in body and "/karte/" in body
    assert district.display_name in mail.outbox[0].subject


def test_without_a_district_address_the_report_goes_to_the_installation(client: Client, fast_forms: None) -> None:
    district = factories.DistrictFactory()
    _report(client, f"/{district.slug}/barrierefreiheit/")
    _report(client, "/barrierefreiheit/")
    assert [m.to for m in mail.outbox] == [["plattform@example.org"], ["plattform@example.org"]]


def test_a_bot_filling_the_honeypot_sends_nothing(client: Client, fast_forms: None) -> None:
    url = "/barrierefreiheit/"
    response = client.post(
        url, {"message": "Spam", "website": "http://spam.example", "form_stamp": _stamp(client, url)}
    )
    assert response.status_code == 200
    assert "zu schnell oder unvollständig" in response.content.decode()
    assert mail.outbox == []


def test_a_stamp_is_good_for_one_report(client: Client, fast_forms: None) -> None:
    url = "/barrierefreiheit/"
    stamp = _stamp(client, url)
    client.post(url, {"message": "Erste Nachricht", "form_stamp": stamp})
    response = client.post(url, {"message": "Zweite Nachricht", "form_stamp": stamp})
    assert response.status_code == 200 and len(mail.outbox) == 1


def test_an_empty_message_is_refused(client: Client, fast_forms: None) -> None:
    response = _report(client, "/barrierefreiheit/", message="")
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert mail.outbox == []


def test_floods_are_stopped_per_address(client: Client, fast_forms: None) -> None:
    url = "/barrierefreiheit/"
    for _ in range(FEEDBACK_LIMIT.per_address):
        assert _report(client, url).status_code == 302
    response = _report(client, url)
    assert response.status_code == 200
    assert "viele Nachrichten" in response.content.decode()
    assert len(mail.outbox) == FEEDBACK_LIMIT.per_address


def test_the_service_counts_per_account_as_well(fast_forms: None) -> None:
    for n in range(FEEDBACK_LIMIT.per_account):
        services.send_accessibility_feedback(district=None, message="x", account="7", address=f"10.0.0.{n}")
    with pytest.raises(RateLimited):
        services.send_accessibility_feedback(district=None, message="x", account="7", address="10.0.0.99")
