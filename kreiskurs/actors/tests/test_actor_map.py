"""The actor map: grid placement, bodies, access; bodies managed through the back office."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.accounts.models import Role
from kreiskurs.actors import services as actor_services
from kreiskurs.actors.models import Stakeholder
from kreiskurs.actors.selectors import stakeholder_grid
from tests import factories

pytestmark = pytest.mark.django_db


def map_url(district: Any) -> str:
    return f"/{district.slug}/verwaltung/akteurslandkarte/"


def test_stakeholders_sit_in_the_cell_of_their_influence_and_interest() -> None:
    district = factories.DistrictFactory()
    placed = {
        (3, 1): factories.StakeholderFactory(district=district, name="IHK", influence=3, interest=1),
        (3, 3): factories.StakeholderFactory(district=district, name="Landrat", influence=3, interest=3),
        (1, 3): factories.StakeholderFactory(district=district, name="Förderverein", influence=1, interest=3),
        (2, 2): factories.StakeholderFactory(district=district, name="VHS", influence=2, interest=2),
    }
    grid = stakeholder_grid(Stakeholder.objects.filter(district=district))
    assert [row.influence for row in grid] == [3, 2, 1]  # rows from high to low influence
    for (influence, interest), stakeholder in placed.items():
        row = next(r for r in grid if r.influence == influence)
        assert row.cells[interest - 1] == [stakeholder]  # columns from low to high interest
    assert sum(len(cell) for row in grid for cell in row.cells) == 4


def test_the_map_page_shows_the_grid_bodies_and_names_persons_only_to_the_registry_managers() -> None:
    district = factories.DistrictFactory()
    cdo = factories.member(district, Role.STRATEGY_TEAM)
    ihk = factories.StakeholderFactory(district=district, name="IHK Nord", influence=3, interest=1)
    person = factories.StakeholderFactory(
        district=district, name="Erika Muster", kind=Stakeholder.Kind.PERSON, influence=1, interest=3
    )
    body = actor_services.create_body(by=cdo, district=district, name="Lenkungskreis")
    actor_services.add_member(by=cdo, body=body, stakeholder=ihk, role="Vorsitz")
    actor_services.add_member(by=cdo, body=body, stakeholder=person, role="Gast")
    staff = Client()
    staff.force_login(cdo)
    page = staff.get(map_url(district)).content.decode()
    rows = re.findall(r'<th scope="row" class="kern-table__cell">(Einfluss \w+)</th>', page)
    assert rows == ["Einfluss hoch", "Einfluss mittel", "Einfluss gering"]
    first_row = page.split("Einfluss hoch</th>")[1].split("</tr>")[0]
    cells = first_row.split("<td")
    assert "IHK Nord" in cells[1] and "konsultieren" in cells[1] and "IHK" not in cells[2] + cells[3]
    last_row = page.split("Einfluss gering</th>")[1].split("</tr>")[0].split("<td")
    assert "Erika Muster" in last_row[3]
    assert "Lenkungskreis" in page and "IHK Nord – Vorsitz" in page and "Erika Muster – Gast" in page
    steering = Client()
    steering.force_login(factories.member(district, Role.STEERING))
    read_only = steering.get(map_url(district)).content.decode()
    assert "IHK Nord" in read_only and "Erika Muster" not in read_only and "Privatperson – Gast" in read_only
    assert "Gremien verwalten" not in read_only


def test_the_map_is_for_the_districts_members_only() -> None:
    district = factories.DistrictFactory()
    assert Client().get(map_url(district)).status_code == 302  # to the login page
    citizen = Client()
    citizen.force_login(factories.UserFactory())
    assert citizen.get(map_url(district)).status_code == 404
    foreign = Client()
    foreign.force_login(factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM))
    assert foreign.get(map_url(district)).status_code == 404
    assert foreign.get(f"{map_url(district)}gremien/").status_code == 404


def test_map_queries_do_not_grow_with_stakeholders_and_bodies() -> None:
    def count(size: int) -> int:
        district = factories.DistrictFactory()
        for n in range(size):
            group = factories.ActorGroupFactory(district=district)
            stakeholder = factories.StakeholderFactory(
                district=district, group=group, influence=1 + n % 3, interest=1 + (n // 3) % 3
            )
            body = actor_services.create_body(by=None, district=district, name=f"Gremium {n}")
            actor_services.add_member(by=None, body=body, stakeholder=stakeholder, role="Mitglied")
        client = Client()
        client.force_login(factories.member(district, Role.STRATEGY_TEAM))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(map_url(district)).status_code == 200
        return len(ctx.captured_queries)

    assert count(2) == count(9)


def test_staff_manage_bodies_through_the_back_office() -> None:
    district = factories.DistrictFactory()
    ihk = factories.StakeholderFactory(district=district, name="IHK Nord")
    staff = Client()
    staff.force_login(factories.member(district, Role.STRATEGY_TEAM))
    base = f"{map_url(district)}gremien/"
    created = staff.post(base, {"name": "Digitalbeirat", "description": "berät"})
    body = district.bodies.get()
    assert created.status_code == 302 and created["Location"] == f"{base}{body.pk}/"
    duplicate = staff.post(base, {"name": "Digitalbeirat"})
    assert duplicate.status_code == 200 and "gibt es bereits" in duplicate.content.decode()
    assert staff.post(f"{base}{body.pk}/", {"name": "Digitalrat", "description": "", "revision": 1}).status_code == 302
    body.refresh_from_db()
    assert body.name == "Digitalrat" and body.revision == 2
    added = staff.post(f"{base}{body.pk}/mitglieder/", {"member-stakeholder": ihk.pk, "member-role": "Vorsitz"})
    assert added.status_code == 302 and body.memberships.get().role == "Vorsitz"
    twice = staff.post(f"{base}{body.pk}/mitglieder/", {"member-stakeholder": ihk.pk, "member-role": "Gast"})
    assert twice.status_code == 200 and "bereits Mitglied" in twice.content.decode()
    foreign = factories.StakeholderFactory()
    assert (
        staff.post(f"{base}{body.pk}/mitglieder/", {"member-stakeholder": foreign.pk, "member-role": "x"}).status_code
        == 200
    )
    membership = body.memberships.get()
    assert staff.post(f"{base}{body.pk}/mitglieder/{membership.pk}/entfernen/").status_code == 302
    assert not body.memberships.exists()
    steering = Client()
    steering.force_login(factories.member(district, Role.STEERING))
    assert steering.get(base).status_code == 404
    assert steering.post(f"{base}{body.pk}/loeschen/").status_code == 404
    assert staff.post(f"{base}{body.pk}/loeschen/").status_code == 302
    assert not district.bodies.exists()
