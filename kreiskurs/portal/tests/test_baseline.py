"""The public baseline (Ausgangslage): version-aware, with live key figures, in the print view and comparison."""

from __future__ import annotations

import pytest
from django.test import Client

from kreiskurs.strategy import services
from kreiskurs.strategy.models import BaselineSection, StoredRendering, StrategyVersion, SwotItem
from kreiskurs.strategy.tests.test_baseline import add_finding, add_section, adopted_with_baseline
from tests import factories

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_adopted_baseline_with_its_swot_and_figures(client: Client) -> None:
    version = adopted_with_baseline()
    factories.MunicipalityFactory(district=version.district, population=12_000)
    page = client.get(f"/{version.district.slug}/ausgangslage/").content.decode()
    assert "Breitband" in page and "<strong>guter</strong>" in page
    assert "Schwäche" in page and "Glasfaser fehlt" in page and "Engagierte Verwaltung" in page
    assert "Beantwortet durch die Ziele" in page and "Der Kreis in Zahlen" in page and "GV100AD" in page


def test_markdown_of_a_section_carries_no_html_of_its_author(client: Client) -> None:
    draft = factories.strategy_with_draft()
    factories.add_field(draft)
    add_section(draft, text="<script>alert(1)</script> [x](javascript:alert(1))")
    services.set_version_state(by=None, version=draft, state="consultation")
    page = client.get(f"/{draft.district.slug}/ausgangslage/?version=1").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page and 'href="javascript' not in page


def test_a_draft_baseline_stays_private_and_a_consultation_is_public(client: Client) -> None:
    adopted = adopted_with_baseline()
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    add_finding(draft, "Geheimer Entwurfsbefund")
    slug = adopted.district.slug
    assert "Geheimer Entwurfsbefund" not in client.get(f"/{slug}/ausgangslage/").content.decode()
    assert client.get(f"/{slug}/ausgangslage/?version=2").status_code == 404
    services.set_version_state(by=None, version=draft, state="consultation")
    assert "Geheimer Entwurfsbefund" in client.get(f"/{slug}/ausgangslage/?version=2").content.decode()


def test_a_district_without_a_strategy_shows_the_empty_state(client: Client) -> None:
    district = factories.DistrictFactory()
    assert client.get(f"/{district.slug}/ausgangslage/").status_code == 200


def test_the_stored_print_view_of_an_adopted_version_contains_the_baseline(client: Client) -> None:
    version = adopted_with_baseline()
    page = client.get(f"/{version.district.slug}/versionen/1/").content.decode()
    assert "Ausgangslage" in page and "Glasfaser fehlt" in page
    stored = StoredRendering.objects.get(version=version, kind="document")
    assert "Glasfaser fehlt" in stored.content and "Breitband" in stored.content


def test_the_comparison_page_shows_baseline_changes(client: Client) -> None:
    adopted = adopted_with_baseline()
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    section = BaselineSection.objects.get(version=draft)
    services.update_element(by=None, obj=section, values={"title": "Breitband und Mobilfunk"}, expected_revision=1)
    add_finding(draft, "Fachkräftemangel", kind="threat")
    services.set_version_state(by=None, version=draft, state="consultation")
    page = client.get(f"/{adopted.district.slug}/versionen/vergleich/?von=1&bis=2").content.decode()
    assert "Ausgangslage: Abschnitte" in page and "Breitband und Mobilfunk" in page
    assert "Ausgangslage: SWOT-Befunde" in page and "Risiko: Fachkräftemangel" in page


def test_the_team_writes_the_baseline_in_the_back_office_and_a_goal_names_findings(client: Client) -> None:
    from kreiskurs.accounts.models import Role

    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    goal = factories.add_goal(draft, field=field)
    slug = draft.district.slug
    client.force_login(factories.member(draft.district, Role.STEERING))
    assert client.post(f"/{slug}/verwaltung/swot/neu/", {"kind": "strength", "text": "x"}).status_code == 404
    client.force_login(factories.member(draft.district, Role.STRATEGY_TEAM))
    response = client.post(
        f"/{slug}/verwaltung/swot/neu/",
        {"kind": "opportunity", "text": "Landesförderung", "fields_of_action": [field.pk], "position": "0"},
    )
    assert response.status_code == 302
    item = SwotItem.objects.get(version=draft)
    assert list(item.fields_of_action.all()) == [field]
    response = client.post(
        f"/{slug}/verwaltung/ausgangslage/neu/",
        {"title": "Schulen", "field": field.pk, "text": "Viele Schulen ohne WLAN.", "position": "1"},
    )
    assert response.status_code == 302 and BaselineSection.objects.filter(version=draft, title="Schulen").exists()
    goal_data = {
        "code": goal.code,
        "title": goal.title,
        "description": "",
        "field": field.pk,
        "position": "0",
        "findings": [item.pk],
        "revision": goal.revision,
    }
    assert client.post(f"/{slug}/verwaltung/ziele/{goal.pk}/", goal_data).status_code == 302
    assert list(goal.findings.all()) == [item]
    listing = client.get(f"/{slug}/verwaltung/swot/").content.decode()
    assert "Landesförderung" in listing


def test_the_baseline_page_reads_a_fixed_number_of_queries(client: Client) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    version = adopted_with_baseline()
    client.force_login(factories.UserFactory())  # signed in: past the page cache

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/{version.district.slug}/ausgangslage/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    draft = services.start_revision(by=None, strategy=version.strategy)
    for n in range(5):
        add_section(draft, f"Abschnitt {n}")
        add_finding(draft, f"Befund {n}", kind="threat")
    services.adopt_version(
        by=None,
        version=StrategyVersion.objects.get(pk=draft.pk),
        body="kreistag",
        date=version.adopted_at.date(),
        reference="SV-2",
    )
    assert count() == few


def test_baseline_rows_of_another_district_answer_404(client: Client) -> None:
    from kreiskurs.accounts.models import Role

    own = factories.strategy_with_draft()
    other = factories.strategy_with_draft()
    item = add_finding(other, "Fremder Befund")
    section = add_section(other, "Fremder Abschnitt")
    client.force_login(factories.member(own.district, Role.STRATEGY_TEAM))
    mine, theirs = own.district.slug, other.district.slug
    for url in (
        f"/{mine}/verwaltung/swot/{item.pk}/",
        f"/{mine}/verwaltung/ausgangslage/{section.pk}/",
        f"/{theirs}/verwaltung/swot/",
        f"/{theirs}/verwaltung/swot/{item.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/{mine}/verwaltung/swot/{item.pk}/loeschen/").status_code == 404
    assert (
        client.post(f"/{mine}/verwaltung/ausgangslage/{section.pk}/", {"title": "x", "position": "0"}).status_code
        == 404
    )
    assert SwotItem.objects.filter(pk=item.pk).exists()
    assert BaselineSection.objects.get(pk=section.pk).title == "Fremder Abschnitt"
