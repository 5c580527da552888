"""The legal pages as visitors see them: installation-wide, per district, with fallbacks, in the footer."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kreiskurs.legal import selectors, services
from kreiskurs.legal.defaults import TEXTS
from kreiskurs.legal.markup import render_markdown
from kreiskurs.legal.models import PageKind
from tests import factories

pytestmark = pytest.mark.django_db

KINDS = list(PageKind.values)


@pytest.mark.parametrize("kind", KINDS)
def test_a_fresh_installation_shows_the_shipped_texts(client: Client, kind: str) -> None:
    """Before anyone edits them, all four pages answer with the text shipped with Kreiskurs."""
    title, _body = TEXTS[kind]
    response = client.get(f"/{kind}/")
    assert response.status_code == 200
    assert f'<h1 class="kern-heading-x-large" lang="de">{title}</h1>' in response.content.decode()


def test_a_district_page_falls_back_to_the_installation_text_then_shows_its_own(client: Client) -> None:
    district = factories.DistrictFactory()
    services.save_page(by=None, kind="impressum", district=None, title="Impressum", body="Betreiberin: Land")
    assert "Betreiberin: Land" in client.get(f"/{district.slug}/impressum/").content.decode()

    services.save_page(by=None, kind="impressum", district=district, title="Impressum", body="Herausgeber: der Kreis")
    page = client.get(f"/{district.slug}/impressum/").content.decode()
    assert "Herausgeber: der Kreis" in page and "Betreiberin: Land" not in page
    # the installation and other districts keep the installation's text
    assert "Betreiberin: Land" in client.get("/impressum/").content.decode()
    other = factories.DistrictFactory()
    assert "Betreiberin: Land" in client.get(f"/{other.slug}/impressum/").content.decode()


def test_page_for_reads_with_one_query(django_assert_num_queries: Any) -> None:
    district = factories.DistrictFactory()
    services.save_page(by=None, kind="datenschutz", district=None, title="Datenschutz", body="x")
    with django_assert_num_queries(1):
        shown = selectors.page_for("datenschutz", district)
    assert shown.source == selectors.INSTALLATION
    with django_assert_num_queries(1):
        assert [p.kind for p in selectors.pages_for(district)] == KINDS


def test_an_unknown_district_answers_404(client: Client) -> None:
    assert client.get("/gibt-es-nicht/impressum/").status_code == 404


def test_only_the_accessibility_statement_takes_posts(client: Client) -> None:
    assert client.post("/impressum/", {"message": "x"}).status_code == 404


def test_footer_links_the_district_pages_inside_a_district_and_the_installation_pages_outside(client: Client) -> None:
    district = factories.DistrictFactory()
    inside = client.get(f"/{district.slug}/leichte-sprache/").content.decode()
    for kind in KINDS:
        assert f'href="/{district.slug}/{kind}/"' in inside
    outside = client.get("/").content.decode()
    for kind in KINDS:
        assert f'href="/{kind}/"' in outside


def test_the_texts_carry_no_markup_of_their_authors() -> None:
    """Raw HTML is shown as text; script links are not links; headings start below the page title."""
    html = render_markdown(
        '# Titel\n\n<script>alert(1)</script> <a href="x">a</a> [böse](javascript:alert(1)) [gut](https://example.org)'
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="x">' not in html
    assert 'href="javascript:' not in html
    assert '<a href="https://example.org" class="kern-link">gut</a>' in html
    assert "<h1" not in html and '<h2 class="kern-heading-medium">Titel</h2>' in html


def test_placeholders_are_pointed_out_to_those_who_may_edit(client: Client) -> None:
    client.force_login(factories.UserFactory(is_superuser=True))
    page = client.get("/impressum/").content.decode()
    assert "[BITTE ERGÄNZEN" in page
    assert "Er enthält noch Platzhalter" in page
    assert 'href="/verwaltung/rechtliches/impressum/"' in page


def test_visitors_see_no_edit_link(client: Client) -> None:
    district = factories.DistrictFactory()
    page = client.get(f"/{district.slug}/impressum/").content.decode()
    assert "Text bearbeiten" not in page


def test_the_accessibility_statement_states_conformance_date_and_enforcement(client: Client) -> None:
    page = client.get("/barrierefreiheit/").content.decode()
    assert "<strong>teilweise barrierefrei</strong>" in page
    assert "Stand dieser Erklärung: 03.12.2026" in page
    assert "Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz" in page
    assert "info@schlichtungsstelle-bgg.de" in page
    assert 'id="rueckmeldung"' in page


def test_the_easy_language_page_puts_one_sentence_on_each_line(client: Client) -> None:
    page = client.get("/leichte-sprache/").content.decode()
    assert "Das ist eine Seite im Internet.<br>\nDie Seite gehört zum Kreis." in page


def test_the_privacy_statement_lists_every_processing_with_its_retention(client: Client, settings: Any) -> None:
    """Below the operator's text: each purpose of ``processing.py``, with periods read from the settings."""
    import datetime as dt

    from kreiskurs.legal.processing import purposes

    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=45)
    page = client.get(f"/{factories.DistrictFactory().slug}/datenschutz/").content.decode()
    for purpose in purposes():
        assert f'id="zweck-{purpose.key}">{purpose.title}</h3>' in page
    assert "Die Sperre endet nach 45 Minuten." in page
    assert "1 Tag; der Zeitstempel" in page  # the rate limiter keeps its counters one day
