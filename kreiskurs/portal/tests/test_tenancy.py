"""Staff of district A can neither see B's unpublished data nor change anything there."""

from __future__ import annotations

import pytest
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.actors.models import Stakeholder
from kreiskurs.strategy import services
from kreiskurs.strategy.models import Goal, Measure, StrategyVersion
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_districts() -> dict[str, object]:
    a = factories.adopted_strategy()
    b = factories.adopted_strategy()
    b_draft = services.start_revision(by=None, strategy=b.strategy)
    stakeholder = factories.StakeholderFactory(district=b.district)
    client = Client()
    client.force_login(factories.member(a.district, Role.STRATEGY_TEAM))
    return {"a": a, "b": b, "b_draft": b_draft, "stakeholder": stakeholder, "client": client}


def test_guessed_urls_into_another_district_answer_404(two_districts: dict[str, object]) -> None:
    client: Client = two_districts["client"]  # type: ignore[assignment]
    b: StrategyVersion = two_districts["b"]  # type: ignore[assignment]
    draft: StrategyVersion = two_districts["b_draft"]  # type: ignore[assignment]
    stakeholder: Stakeholder = two_districts["stakeholder"]  # type: ignore[assignment]
    slug = b.district.slug
    measure = Measure.objects.filter(version=draft).first()
    goal = Goal.objects.filter(version=draft).first()
    assert measure and goal
    gets = [
        f"/{slug}/verwaltung/",
        f"/{slug}/verwaltung/massnahmen/",
        f"/{slug}/verwaltung/massnahmen/{measure.pk}/",
        f"/{slug}/verwaltung/ziele/{goal.pk}/",
        f"/{slug}/verwaltung/register/akteure/",
        f"/{slug}/verwaltung/register/akteure/{stakeholder.pk}/",
        f"/{slug}/verwaltung/versionen/",
        f"/{slug}/verwaltung/protokoll/",
        f"/{slug}/verwaltung/abgleich/",
        f"/{slug}/versionen/{draft.number}/",
        f"/{slug}/massnahmen/{measure.lineage}/?version={draft.number}",
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        f"/{slug}/verwaltung/massnahmen/{measure.pk}/loeschen/",
        f"/{slug}/verwaltung/ziele/{goal.pk}/loeschen/",
        f"/{slug}/verwaltung/versionen/{draft.pk}/beschliessen/",
        f"/{slug}/verwaltung/versionen/fortschreiben/",
        f"/{slug}/verwaltung/register/akteure/{stakeholder.pk}/loeschen/",
    ]
    for url in posts:
        assert (
            client.post(url, {"title": "x", "body": "kreistag", "date": "2024-01-01", "reference": "x"}).status_code
            == 404
        ), url
    assert Measure.objects.filter(pk=measure.pk).exists()
    draft.refresh_from_db()
    assert draft.state == "draft"
    assert Stakeholder.objects.filter(pk=stakeholder.pk).exists()


def test_ids_of_another_district_under_the_own_slug_answer_404(two_districts: dict[str, object]) -> None:
    """The own district's URLs with ids of rows that belong to district B."""
    client: Client = two_districts["client"]  # type: ignore[assignment]
    a: StrategyVersion = two_districts["a"]  # type: ignore[assignment]
    draft: StrategyVersion = two_districts["b_draft"]  # type: ignore[assignment]
    services.start_revision(by=None, strategy=a.strategy)
    stakeholder: Stakeholder = two_districts["stakeholder"]  # type: ignore[assignment]
    measure = Measure.objects.filter(version=draft).first()
    assert measure
    own = a.district.slug
    for url in [
        f"/{own}/verwaltung/massnahmen/{measure.pk}/",
        f"/{own}/verwaltung/register/akteure/{stakeholder.pk}/",
        f"/{own}/verwaltung/versionen/{draft.pk}/beschluss/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/{own}/verwaltung/massnahmen/{measure.pk}/loeschen/").status_code == 404


def test_anonymous_back_office_requests_go_to_login(two_districts: dict[str, object]) -> None:
    b: StrategyVersion = two_districts["b"]  # type: ignore[assignment]
    response = Client().get(f"/{b.district.slug}/verwaltung/")
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


def test_measure_lead_edits_only_the_own_measure_and_only_in_a_draft() -> None:
    adopted = factories.adopted_strategy(measures=2)
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    own, other = Measure.objects.filter(version=draft).order_by("code")
    client = Client()
    client.force_login(factories.member(draft.district, Role.MEASURE_LEAD, measure_lineage=own.lineage))
    slug = draft.district.slug
    assert client.get(f"/{slug}/verwaltung/massnahmen/{own.pk}/").status_code == 200
    # another measure: redirected to its public page, no form
    assert client.get(f"/{slug}/verwaltung/massnahmen/{other.pk}/").status_code == 302
    assert client.get(f"/{slug}/verwaltung/massnahmen/neu/").status_code == 404
    assert client.get(f"/{slug}/verwaltung/ziele/neu/").status_code == 404
