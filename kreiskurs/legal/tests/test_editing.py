"""Editing the legal pages: who may, what is kept, and what a stale form does."""

from __future__ import annotations

import pytest
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.editing import EditConflict
from kreiskurs.legal import selectors, services
from kreiskurs.legal.models import DistrictContact, LegalPage, LegalPageVersion
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_strategy_team_saves_its_districts_page_audited_and_versioned(client: Client) -> None:
    district = factories.DistrictFactory()
    team = factories.member(district, Role.STRATEGY_TEAM)
    client.force_login(team)
    url = f"/{district.slug}/verwaltung/rechtliches/impressum/"
    form = client.get(url)
    assert form.status_code == 200
    assert "[BITTE ERGÄNZEN" in form.content.decode(), "the form starts from the text the page shows"

    response = client.post(url, {"title": "Impressum", "body": "Kreis Beispiel\n\nMusterstraße 1", "revision": 0})
    assert response.status_code == 302 and response["Location"] == f"/{district.slug}/impressum/"
    page = LegalPage.objects.get(district=district, kind="impressum")
    assert page.revision == 1
    entry = AuditEntry.objects.for_object(page).get()
    assert entry.actor == team and entry.action == "create" and entry.changes["body"][1].startswith("Kreis")

    client.post(url, {"title": "Impressum", "body": "Kreis Beispiel, Musterstraße 2", "revision": 1})
    versions = list(LegalPageVersion.objects.filter(page=page).values_list("revision", "body", "saved_by"))
    assert versions == [
        (2, "Kreis Beispiel, Musterstraße 2", team.pk),
        (1, "Kreis Beispiel\n\nMusterstraße 1", team.pk),
    ]
    assert AuditEntry.objects.for_object(page).count() == 2


@pytest.mark.parametrize("role", ["other team", "participant", Role.STEERING, Role.MODERATOR])
def test_others_get_404_for_a_districts_editing_pages(client: Client, role: str) -> None:
    district = factories.DistrictFactory()
    other = factories.DistrictFactory()
    if role == "participant":
        user = factories.UserFactory()
    elif role == "other team":
        user = factories.member(other, Role.STRATEGY_TEAM)
    else:
        user = factories.member(district, role)
    client.force_login(user)
    for url in [
        f"/{district.slug}/verwaltung/rechtliches/",
        f"/{district.slug}/verwaltung/rechtliches/datenschutz/",
    ]:
        assert client.get(url).status_code == 404, url
    posted = client.post(
        f"/{district.slug}/verwaltung/rechtliches/datenschutz/", {"title": "x", "body": "y", "revision": 0}
    )
    assert posted.status_code == 404
    assert not LegalPage.objects.exists()


def test_installation_pages_are_the_platform_admins(client: Client) -> None:
    district = factories.DistrictFactory()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    assert client.get("/verwaltung/rechtliches/").status_code == 404
    assert (
        client.post("/verwaltung/rechtliches/impressum/", {"title": "x", "body": "y", "revision": 0}).status_code == 404
    )

    assert (
        'href="/verwaltung/rechtliches/"'
        not in client.get(f"/{district.slug}/verwaltung/rechtliches/").content.decode()
    )

    client.force_login(factories.UserFactory(is_superuser=True))
    assert 'href="/verwaltung/rechtliches/"' in client.get(f"/{district.slug}/verwaltung/rechtliches/").content.decode()
    assert client.get("/verwaltung/rechtliches/").status_code == 200
    client.post(
        "/verwaltung/rechtliches/impressum/", {"title": "Impressum", "body": "Landesrechenzentrum", "revision": 0}
    )
    assert LegalPage.objects.get(district=None).body == "Landesrechenzentrum"
    entry = AuditEntry.objects.get()  # installation-wide: no district's
    assert (entry.district, entry.action, entry.object_repr) == (None, "create", "Impressum (Installation)")
    assert entry.changes["body"] == ["", "Landesrechenzentrum"]
    assert LegalPageVersion.objects.get().body == "Landesrechenzentrum"


def test_anonymous_visitors_are_sent_to_the_login(client: Client) -> None:
    response = client.get("/verwaltung/rechtliches/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/anmelden/")


def test_a_stale_form_does_not_overwrite_a_newer_text() -> None:
    district = factories.DistrictFactory()
    services.save_page(by=None, kind="impressum", district=district, title="Impressum", body="A")
    services.save_page(by=None, kind="impressum", district=district, title="Impressum", body="B", expected_revision=1)
    with pytest.raises(EditConflict):
        services.save_page(
            by=None, kind="impressum", district=district, title="Impressum", body="C", expected_revision=1
        )
    assert LegalPage.objects.get().body == "B"


def test_a_stale_form_over_http_keeps_the_input_and_explains(client: Client) -> None:
    district = factories.DistrictFactory()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    services.save_page(by=None, kind="impressum", district=district, title="Impressum", body="Neu von anderer Seite")
    url = f"/{district.slug}/verwaltung/rechtliches/impressum/"
    response = client.post(url, {"title": "Impressum", "body": "Mein Entwurf", "revision": 0})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nicht gespeichert" in page and "Mein Entwurf" in page
    assert LegalPage.objects.get().body == "Neu von anderer Seite"


def test_removing_the_own_text_falls_back_to_the_installation(client: Client) -> None:
    district = factories.DistrictFactory()
    services.save_page(by=None, kind="leichte-sprache", district=None, title="Leichte Sprache", body="Allgemein.")
    services.save_page(by=None, kind="leichte-sprache", district=district, title="Leichte Sprache", body="Eigen.")
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    response = client.post(f"/{district.slug}/verwaltung/rechtliches/leichte-sprache/entfernen/")
    assert response.status_code == 302
    assert selectors.page_for("leichte-sprache", district).body == "Allgemein."
    assert AuditEntry.objects.filter(district=district, action="delete").exists()


def test_a_title_is_required() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.save_page(by=None, kind="impressum", district=None, title="", body="x")


def test_the_team_sets_the_districts_feedback_address(client: Client) -> None:
    district = factories.DistrictFactory()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    url = f"/{district.slug}/verwaltung/rechtliches/kontakt/"
    client.post(url, {"email": "barrierefrei@kreis.example"})
    assert selectors.feedback_address(district) == "barrierefrei@kreis.example"
    assert AuditEntry.objects.for_object(DistrictContact.objects.get()).get().changes == {
        "email": ["", "barrierefrei@kreis.example"]
    }
    client.post(url, {"email": "kein-e-mail"})
    assert selectors.district_address(district) == "barrierefrei@kreis.example"
    client.post(url, {"email": ""})
    assert not DistrictContact.objects.exists()
    assert selectors.feedback_address(district) == selectors.installation_address()


def test_the_teams_overview_points_to_pages_with_placeholders(client: Client) -> None:
    """The back office's overview lists the legal pages still to fill in; other roles do not see it."""
    district = factories.DistrictFactory()
    factories.adopted_strategy(district, measures=1)  # the overview shows sections once a version is adopted
    services.save_page(by=None, kind="impressum", district=district, title="Impressum", body="Kreis Beispiel")
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    page = client.get(f"/{district.slug}/verwaltung/").content.decode()
    assert f'href="/{district.slug}/verwaltung/rechtliches/datenschutz/"' in page
    assert f'href="/{district.slug}/verwaltung/rechtliches/impressum/"' not in page, "the Impressum is filled in"
    assert f'href="/{district.slug}/verwaltung/rechtliches/"' in page

    client.force_login(factories.member(district, Role.STEERING))
    response = client.get(f"/{district.slug}/verwaltung/")
    assert response.status_code == 200
    assert "/verwaltung/rechtliches/" not in response.content.decode()
