"""The start page "Meine Aufgaben": each role sees the work of its role, and only links it may open."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.strategy.models import Measure
from tests import factories

pytestmark = pytest.mark.django_db

HEADINGS = {
    "reports_team": "Statusberichte der Maßnahmen",
    "reports_own": "Statusberichte meiner Maßnahmen",
    "moderation": "Moderation",
    "requests": "Beitrittsanfragen der Gemeinden",
    "municipality": "Meine Gemeinde",
    "evaluation": "Evaluation prüfen",
}


@pytest.fixture
def district_with_roles() -> dict[str, Any]:
    version = factories.adopted_strategy(measures=2)
    district = version.district
    municipality = factories.MunicipalityFactory(district=district)
    measure = Measure.objects.filter(version=version).order_by("code").first()
    assert measure is not None
    return {
        "district": district,
        "strategy_team": factories.member(district, Role.STRATEGY_TEAM),
        "steering": factories.member(district, Role.STEERING),
        "moderator": factories.member(district, Role.MODERATOR),
        "municipal_contact": factories.member(district, Role.MUNICIPAL_CONTACT, municipality=municipality),
        "measure_lead": factories.member(district, Role.MEASURE_LEAD, measure_lineage=measure.lineage),
        "outsider": factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM),
    }


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("strategy_team", {"reports_team", "moderation", "requests", "evaluation"}),
        ("steering", {"evaluation"}),
        ("moderator", {"moderation"}),
        ("municipal_contact", {"municipality"}),
        ("measure_lead", {"reports_own"}),
    ],
)
def test_each_role_sees_the_sections_of_its_work(
    district_with_roles: dict[str, Any], role: str, shown: set[str]
) -> None:
    client = Client()
    client.force_login(district_with_roles[role])
    slug = district_with_roles["district"].slug
    response = client.get(f"/{slug}/verwaltung/aufgaben/")
    assert response.status_code == 200
    body = response.content.decode()
    assert {key for key, heading in HEADINGS.items() if f">{heading}</h2>" in body} == shown


def test_the_task_page_of_another_district_answers_404_and_asks_anonymous_visitors_to_log_in(
    district_with_roles: dict[str, Any],
) -> None:
    client = Client()
    client.force_login(district_with_roles["outsider"])
    assert client.get(f"/{district_with_roles['district'].slug}/verwaltung/aufgaben/").status_code == 404
    client.logout()
    response = client.get(f"/{district_with_roles['district'].slug}/verwaltung/aufgaben/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/anmelden/")


def test_navigation_shows_team_pages_only_to_the_team(district_with_roles: dict[str, Any]) -> None:
    """The actor registry and the vision editor are the team's: other members get no link that answers 404."""
    slug = district_with_roles["district"].slug
    for role, expected in (("strategy_team", True), ("steering", False), ("municipal_contact", False)):
        client = Client()
        client.force_login(district_with_roles[role])
        body = client.get(f"/{slug}/verwaltung/").content.decode()
        assert (f'href="/{slug}/verwaltung/register/akteure/"' in body) is expected, role
        assert (f'href="/{slug}/verwaltung/leitbild/"' in body) is expected, role
        assert f'href="/{slug}/verwaltung/aufgaben/"' in body


def test_navigation_of_a_district_without_strategy_has_no_strategy_pages() -> None:
    district = factories.DistrictFactory()
    client = Client()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    body = client.get(f"/{district.slug}/verwaltung/").content.decode()
    assert "Strategie anlegen" in body
    for page in ("werte", "ziele", "massnahmen", "umsetzung", "abgleich"):
        assert f'href="/{district.slug}/verwaltung/{page}/"' not in body


def test_dashboard_counts_what_each_running_phase_gathers() -> None:
    """A statements phase counts votes, a survey answers, a commenting phase comments: not "0 Ideen" for all."""
    district = factories.DistrictFactory()
    for kind in ("statements", "survey", "commenting"):
        factories.running_process(district, kind=kind)
    client = Client()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    body = client.get(f"/{district.slug}/verwaltung/").content.decode()
    assert "0 Stimmen" in body and "0 ausgefüllte Umfragen" in body and "0 Kommentare" in body
    assert "Ideen" not in body
