"""Error pages in the site frame, in the visitor's language; no query value or NUL byte makes a 500."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation

from kreiskurs.portal import errors
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


def _in_frame(html: str) -> bool:
    return 'class="kk-header"' in html and 'class="kk-footer"' in html and 'id="main"' in html


def test_language_switch_ignores_a_next_that_is_not_a_path(client: Client) -> None:
    for target in ("null", "javascript:alert(1)", "//example.org/", "http://[::1", "a\x00b"):
        response = client.get("/sprache/en/", {"next": target})
        assert response.status_code in (302, 400), target
        if response.status_code == 302:
            assert response["Location"] == "/", target
    response = client.get("/sprache/en/", {"next": "/coesfeld/?version=2"})
    assert response["Location"] == "/coesfeld/?version=2"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_404_is_in_the_site_frame_in_german_and_english(client: Client) -> None:
    response = client.get("/gibt-es-nicht/auch-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert _in_frame(html) and 'lang="de"' in html and "Seite nicht gefunden" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/gibt-es-nicht/auch-nicht/").content.decode()
    assert _in_frame(html) and 'lang="en"' in html and "Deutsch</a>" in html


def test_a_nul_byte_in_a_path_part_query_or_form_answers_400_in_the_site_frame(client: Client) -> None:
    district = factories.adopted_strategy(measures=1).district
    for url in (
        f"/{district.slug}/indikatoren/a%00b/",
        f"/{district.slug}/massnahmen/?field=%00",
        f"/{district.slug}/?version=2%00",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        html = response.content.decode()
        assert _in_frame(html) and "Ungültige Anfrage" in html, url
    form = urlencode({"username": "a\x00", "password": "x"})
    assert client.post("/konto/anmelden/", form, content_type="application/x-www-form-urlencoded").status_code == 400


def test_403_and_500_pages_are_in_the_site_frame() -> None:
    request = RequestFactory().get("/")
    with translation.override("de"):
        denied = errors.permission_denied(request)
        failed = errors.server_error(request)
    assert denied.status_code == 403 and _in_frame(denied.content.decode())
    assert "Kein Zugriff" in denied.content.decode()
    assert failed.status_code == 500 and _in_frame(failed.content.decode())
    assert "Interner Fehler" in failed.content.decode()
    with translation.override("en"):
        assert 'lang="en"' in errors.server_error(request).content.decode()


def test_the_500_page_needs_no_database(django_assert_num_queries: object) -> None:
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):  # type: ignore[operator]
        errors.server_error(request)
