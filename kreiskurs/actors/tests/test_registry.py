"""Stakeholders and actor groups in the back office: the team edits them, with history, stale-edit
feedback and deletions that keep what versions refer to; nobody else sees the contact data."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.accounts.models import Role
from kreiskurs.actors import services
from kreiskurs.actors.models import ActorGroup, Stakeholder
from kreiskurs.audit.models import AuditEntry
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import Measure
from tests import factories

pytestmark = pytest.mark.django_db


def team(district: Any) -> Client:
    client = Client()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    return client


def stakeholder_post(group: ActorGroup, **extra: Any) -> dict[str, Any]:
    data = {"name": "IHK Nord", "kind": "organisation", "group": group.pk, "influence": 3, "interest": 2}
    data |= {"participation_level": "consult", **extra}
    return data


def test_the_team_creates_and_edits_groups_and_stakeholders_with_an_audit_trail() -> None:
    district = factories.DistrictFactory()
    client = team(district)
    base = f"/{district.slug}/verwaltung/register/"
    created = client.post(f"{base}akteursgruppen/neu/", {"name": "Wirtschaft", "description": ""})
    assert created.status_code == 302 and created["Location"] == f"{base}akteursgruppen/"
    group = ActorGroup.objects.get(district=district)
    assert client.post(f"{base}akteure/neu/", stakeholder_post(group)).status_code == 302
    stakeholder = Stakeholder.objects.get(district=district)
    assert (stakeholder.name, stakeholder.group, stakeholder.influence) == ("IHK Nord", group, 3)
    edited = client.post(f"{base}akteure/{stakeholder.pk}/", stakeholder_post(group, name="IHK", revision=1))
    assert edited.status_code == 302
    stakeholder.refresh_from_db()
    assert (stakeholder.name, stakeholder.revision) == ("IHK", 2)
    entries = list(AuditEntry.objects.for_object(stakeholder).order_by("id"))
    assert [e.action for e in entries] == ["create", "update"] and entries[1].changes == {"name": ["IHK Nord", "IHK"]}
    page = client.get(f"{base}akteure/{stakeholder.pk}/").content.decode()
    assert "Änderungsverlauf" in page and "IHK Nord" in page
    listing = client.get(f"{base}akteure/").content.decode()
    assert f'href="{base}akteure/{stakeholder.pk}/">IHK</a>' in listing and "Wirtschaft" in listing


def test_a_stale_edit_is_refused_with_the_other_change_and_keeps_the_input() -> None:
    stakeholder = factories.StakeholderFactory(name="VHS")
    district = stakeholder.district
    services.save_stakeholder(
        by=None, district=district, stakeholder=stakeholder, values={"name": "Volkshochschule"}, expected_revision=1
    )
    url = f"/{district.slug}/verwaltung/register/akteure/{stakeholder.pk}/"
    response = team(district).post(url, stakeholder_post(stakeholder.group, name="VHS Nord", revision=1))
    page = response.content.decode()
    assert response.status_code == 200 and "Nicht gespeichert" in page and "VHS → Volkshochschule" in page
    assert 'value="VHS Nord"' in page
    stakeholder.refresh_from_db()
    assert stakeholder.name == "Volkshochschule"


def test_a_group_of_another_district_is_not_offered_nor_accepted() -> None:
    district = factories.DistrictFactory()
    foreign = factories.ActorGroupFactory()
    response = team(district).post(f"/{district.slug}/verwaltung/register/akteure/neu/", stakeholder_post(foreign))
    assert response.status_code == 200 and not Stakeholder.objects.filter(district=district).exists()
    with pytest.raises(ValidationError):
        services.save_stakeholder(
            by=None,
            district=district,
            stakeholder=None,
            values={"name": "X", "group": foreign},
            expected_revision=None,
        )


def test_deleting_keeps_partners_of_measures_and_groups_with_stakeholders() -> None:
    draft = factories.strategy_with_draft()
    district = draft.district
    field = factories.add_field(draft)
    factories.add_measure(draft, "M1", fields=[field])
    partner, loose = factories.StakeholderFactory(district=district), factories.StakeholderFactory(district=district)
    measure = Measure.objects.get(version=draft)
    strategy_services.update_element(
        by=None, obj=measure, values={}, m2m={"partners": [partner]}, expected_revision=None
    )
    with pytest.raises(ValidationError, match="Partner von Maßnahmen"):
        services.delete_stakeholder(by=None, district=district, stakeholder=partner)
    client = team(district)
    base = f"/{district.slug}/verwaltung/register/"
    refused = client.post(f"{base}akteure/{partner.pk}/loeschen/", follow=True)
    assert "Partner von Maßnahmen" in refused.content.decode() and measure.partners.get() == partner
    assert client.post(f"{base}akteure/{loose.pk}/loeschen/").status_code == 302
    assert not Stakeholder.objects.filter(pk=loose.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_type="actors.stakeholder", object_id=loose.pk).exists()
    group = partner.group
    refused = client.post(f"{base}akteursgruppen/{group.pk}/loeschen/", follow=True)
    assert "noch verwendet" in refused.content.decode() and ActorGroup.objects.filter(pk=group.pk).exists()
    empty = factories.ActorGroupFactory(district=district)
    assert client.post(f"{base}akteursgruppen/{empty.pk}/loeschen/").status_code == 302
    assert not ActorGroup.objects.filter(pk=empty.pk).exists()


@pytest.mark.parametrize("role", [Role.STEERING, Role.MODERATOR])
def test_the_registry_is_the_teams_only(role: str) -> None:
    stakeholder = factories.StakeholderFactory(contact_name="Erika Muster")
    district = stakeholder.district
    client = Client()
    client.force_login(factories.member(district, role))
    base = f"/{district.slug}/verwaltung/register/"
    for url in (f"{base}akteure/", f"{base}akteure/{stakeholder.pk}/", f"{base}akteursgruppen/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}akteure/{stakeholder.pk}/loeschen/").status_code == 404
    assert client.post(f"{base}akteursgruppen/neu/", {"name": "Neu"}).status_code == 404
    assert Stakeholder.objects.filter(pk=stakeholder.pk).exists()
    assert not ActorGroup.objects.filter(name="Neu").exists()


@pytest.mark.parametrize("page", ["register/akteure/", "register/akteursgruppen/"])
def test_registry_lists_have_bounded_queries(page: str) -> None:
    def count(n: int) -> int:
        district = factories.DistrictFactory()
        for _ in range(n):
            factories.StakeholderFactory(district=district)
        client = team(district)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/{district.slug}/verwaltung/{page}").status_code == 200
        return len(ctx.captured_queries)

    assert count(2) == count(25)
