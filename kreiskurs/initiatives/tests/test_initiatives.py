"""Local initiatives: recorded by the municipality's contact, bundled per goal and field, proposed as measures."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.accounts.models import Role
from kreiskurs.audit.models import AuditEntry
from kreiskurs.initiatives import selectors, services
from kreiskurs.initiatives.models import LocalInitiative
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import FieldOfAction, Goal, Measure
from tests import factories

pytestmark = pytest.mark.django_db


def world() -> tuple[object, object, object]:
    version = factories.adopted_strategy(measures=1)
    municipality = factories.MunicipalityFactory(district=version.district, name="Billerbeck")
    return version, municipality, factories.member(version.district, Role.MUNICIPAL_CONTACT, municipality=municipality)


def test_contact_records_an_initiative_over_http_and_the_district_sees_it_bundled() -> None:
    version, municipality, contact = world()
    district = version.district  # type: ignore[attr-defined]
    goal = Goal.objects.get(version=version)
    client = Client()
    client.force_login(contact)
    base = f"/{district.slug}/verwaltung/ansaetze/gemeinden/{municipality.slug}/"  # type: ignore[attr-defined]
    response = client.post(
        f"{base}neu/",
        {
            "title": "Bürger-App",
            "description": "Mängelmelder und Termine",
            "status": "running",
            "contact": "Bürgerbüro",
            "link": "https://example.org/app",
            "goals": [goal.pk],
        },
    )
    assert response.status_code == 302
    initiative = LocalInitiative.objects.get()
    assert [link.lineage for link in initiative.links.all()] == [goal.lineage]
    assert AuditEntry.objects.filter(action="create", object_id=str(initiative.pk)).exists()
    team = Client()
    team.force_login(factories.member(district, Role.STRATEGY_TEAM))
    bundled = team.get(f"/{district.slug}/verwaltung/ansaetze/").content.decode()
    assert "Bürger-App" in bundled and "Billerbeck" in bundled
    public_goal = Client().get(f"/{district.slug}/ziele/{goal.lineage}/").content.decode()
    assert "Was die Gemeinden schon tun" in public_goal and "Bürger-App" in public_goal
    public_page = Client().get(f"/{district.slug}/gemeinden/{municipality.slug}/").content.decode()  # type: ignore[attr-defined]
    assert "Eigene Ansätze der Gemeinde" in public_page and "Bürger-App" in public_page


def test_only_the_own_contact_and_the_team_edit() -> None:
    version, municipality, _contact = world()
    district = version.district  # type: ignore[attr-defined]
    other = factories.MunicipalityFactory(district=district)
    other_contact = factories.member(district, Role.MUNICIPAL_CONTACT, municipality=other)
    client = Client()
    client.force_login(other_contact)
    url = f"/{district.slug}/verwaltung/ansaetze/gemeinden/{municipality.slug}/neu/"  # type: ignore[attr-defined]
    assert client.post(url, {"title": "x", "description": "y", "status": "idea"}).status_code == 404
    outsider = Client()
    outsider.force_login(factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM))
    assert outsider.get(f"/{district.slug}/verwaltung/ansaetze/").status_code == 404
    assert not LocalInitiative.objects.exists()


def test_an_initiative_becomes_a_measure_idea_led_by_its_municipality() -> None:
    version, municipality, contact = world()
    field = FieldOfAction.objects.get(version=version)
    initiative = services.save_initiative(
        by=contact,
        municipality=municipality,  # type: ignore[arg-type]
        initiative=None,
        title="Bürger-App",
        description="Mängelmelder",
        status="running",
        fields=[field],
    )
    with pytest.raises(ValidationError, match="offenen Entwurf"):
        services.propose_as_measure(by=contact, initiative=initiative)
    draft = strategy_services.start_revision(by=None, strategy=version.strategy)  # type: ignore[attr-defined]
    measure = services.propose_as_measure(by=contact, initiative=initiative)
    assert (measure.version, measure.code, measure.origin, measure.phase) == (draft, "K1", "municipality", "idea")
    assert [(p.municipality, p.role) for p in measure.participations.all()] == [(municipality, "lead")]
    assert [f.lineage for f in measure.fields_of_action.all()] == [field.lineage]
    initiative.refresh_from_db()
    assert initiative.measure_lineage == measure.lineage
    with pytest.raises(ValidationError, match="bereits"):
        services.propose_as_measure(by=contact, initiative=initiative)
    assert Measure.objects.filter(version=draft, code="K1").count() == 1


def test_bundling_queries_do_not_grow() -> None:
    version, municipality, contact = world()
    goal = Goal.objects.get(version=version)

    def count(n: int) -> int:
        for i in range(n):
            services.save_initiative(
                by=contact,
                municipality=municipality,  # type: ignore[arg-type]
                initiative=None,
                title=f"A{i}",
                description="x",
                status="idea",
                goals=[goal],
            )
        with CaptureQueriesContext(connection) as ctx:
            selectors.bundles(version)  # type: ignore[arg-type]
        return len(ctx.captured_queries)

    assert count(1) == count(10)
