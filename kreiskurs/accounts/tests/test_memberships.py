"""Granting and revoking roles through the back office."""

from __future__ import annotations

import pytest
from django.test import Client

from kreiskurs.accounts.models import Membership, Role
from kreiskurs.audit.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


def test_strategy_team_grants_and_revokes_roles() -> None:
    version = factories.adopted_strategy()
    district = version.district
    municipality = factories.MunicipalityFactory(district=district)
    person = factories.UserFactory(username="greta")
    client = Client()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    url = f"/{district.slug}/verwaltung/rollen/"
    response = client.post(url, {"person": "greta", "role": "municipal_contact"})
    assert "Bitte die Gemeinde wählen" in response.content.decode()
    response = client.post(url, {"person": "niemand", "role": "steering"})
    assert "kein Konto" in response.content.decode()
    response = client.post(url, {"person": "greta", "role": "municipal_contact", "municipality": municipality.pk})
    assert response.status_code == 302
    membership = Membership.objects.get(user=person)
    assert (membership.role, membership.municipality) == ("municipal_contact", municipality)
    assert AuditEntry.objects.filter(action="grant_role", district=district).exists()
    client.post(f"{url}{membership.pk}/entziehen/")
    assert not Membership.objects.filter(user=person).exists()


def test_foreign_municipality_and_other_roles_cannot_grant() -> None:
    version = factories.adopted_strategy()
    district = version.district
    steering = Client()
    steering.force_login(factories.member(district, Role.STEERING))
    factories.UserFactory(username="otto")
    url = f"/{district.slug}/verwaltung/rollen/"
    assert steering.get(url).status_code == 200
    steering.post(url, {"person": "otto", "role": "strategy_team"})
    assert not Membership.objects.filter(user__username="otto").exists()
    other = Client()
    other.force_login(factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM))
    assert other.get(url).status_code == 404
    assert other.post(url, {"person": "otto", "role": "strategy_team"}).status_code == 404


def test_stakeholder_contact_changes_stay_out_of_other_roles_audit_log() -> None:
    from kreiskurs.actors import services
    from kreiskurs.actors.models import Stakeholder

    version = factories.adopted_strategy()
    district = version.district
    stakeholder = factories.StakeholderFactory(district=district)
    services.save_stakeholder(
        by=None,
        district=district,
        stakeholder=stakeholder,
        values={"email": "geheim@example.org"},
        expected_revision=stakeholder.revision,
    )
    assert Stakeholder.objects.get(pk=stakeholder.pk).email == "geheim@example.org"
    steering = Client()
    steering.force_login(factories.member(district, Role.STEERING))
    team = Client()
    team.force_login(factories.member(district, Role.STRATEGY_TEAM))
    for url in (f"/{district.slug}/verwaltung/protokoll/", f"/{district.slug}/verwaltung/"):
        assert "geheim@example.org" not in steering.get(url).content.decode()
    assert "geheim@example.org" in team.get(f"/{district.slug}/verwaltung/protokoll/").content.decode()
