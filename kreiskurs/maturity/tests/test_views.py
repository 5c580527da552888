"""The pages through HTTP: who gets what (404 for everyone else), the self-assessment flow, query-count guards."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kreiskurs.accounts.models import Role
from kreiskurs.maturity import services
from kreiskurs.maturity.models import Assessment, AssessmentRound, GapMeasure, MaturityModel, Question
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import Measure
from kreiskurs.territory.models import District, Municipality
from tests import factories

from .helpers import assess, open_round, small_model, uniform

pytestmark = pytest.mark.django_db


@dataclass
class Site:
    district: District
    round: AssessmentRound
    own: Municipality
    other: Municipality
    users: dict[str, Any]


def build(municipalities: int = 2) -> Site:
    adopted = factories.adopted_strategy(measures=2)
    district = adopted.district
    strategy_services.start_revision(by=None, strategy=adopted.strategy)
    places = [
        factories.MunicipalityFactory(district=district, name=f"Ort {i:03d}", population=800 + 1500 * i)
        for i in range(municipalities)
    ]
    model = small_model(district)
    evaluation = open_round(model)
    for i, place in enumerate(places[1:]):
        assess(evaluation, place, uniform(i % 5))
    own = places[0]
    users = {
        "team": factories.member(district, Role.STRATEGY_TEAM),
        "steering": factories.member(district, Role.STEERING),
        "contact": factories.member(district, Role.MUNICIPAL_CONTACT, municipality=own),
        "other_contact": factories.member(district, Role.MUNICIPAL_CONTACT, municipality=places[1]),
        "moderator": factories.member(district, Role.MODERATOR),
        "other_team": factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM),
    }
    return Site(district, evaluation, own, places[1], users)


@pytest.fixture
def site() -> Site:
    return build()


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def url(name: str, site: Site, *args: Any) -> str:
    return reverse(f"maturity_manage:{name}", args=[site.district.slug, *args])


def pages(site: Site) -> dict[str, str]:
    model = site.round.model
    dimension = model.dimensions.first()
    assert dimension is not None
    return {
        "overview": url("overview", site),
        "models": url("models", site),
        "model": url("model", site, model.pk),
        "heatmap": url("round", site, site.round.pk),
        "gaps": url("gaps", site, site.round.pk),
        "gap_measure": url("gap_measure", site, site.round.pk, "a"),
        "own_assessment": url("assessment", site, site.round.pk, site.own.pk),
        "other_assessment": url("assessment", site, site.round.pk, site.other.pk),
        "own_profile": url("municipality", site, site.own.pk),
        "other_profile": url("municipality", site, site.other.pk),
        "field_links": url("field_links", site),
        "public": reverse("maturity:summary", args=[site.district.slug]),
    }


EXPECTED = {
    #           overview models model heatmap gaps gap_m own_a other_a own_p other_p links public
    "team": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "steering": (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "contact": (200, 200, 200, 404, 404, 404, 200, 404, 200, 404, 404, 200),
    "moderator": (200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404, 200),
    "other_team": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 200),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_who_sees_which_page(site: Site, role: str) -> None:
    client = client_for(site.users[role])
    statuses = tuple(client.get(u).status_code for u in pages(site).values())
    assert statuses == EXPECTED[role], dict(zip(pages(site), statuses, strict=True))


def test_anonymous_visitors_are_sent_to_the_login_and_see_only_the_public_page(site: Site) -> None:
    client = Client()
    for name, address in pages(site).items():
        response = client.get(address)
        if name == "public":
            assert response.status_code == 200
        else:
            assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


def test_rows_of_another_district_answer_404(site: Site) -> None:
    elsewhere = build()
    client = client_for(site.users["team"])
    for address in [
        url("round", site, elsewhere.round.pk),
        url("assessment", site, site.round.pk, elsewhere.own.pk),
        url("municipality", site, elsewhere.own.pk),
        url("model", site, elsewhere.round.model_id),
        url("gap_measure", site, site.round.pk, "zz"),
    ]:
        assert client.get(address).status_code == 404, address


def answers_post(site: Site, values: dict[str, str], action: str, revision: Any = "") -> dict[str, str]:
    ids = dict(Question.objects.filter(dimension__model=site.round.model).values_list("code", "pk"))
    data = {f"q{ids[code]}": value for code, value in values.items()}
    return {**data, "comment": "Stand März", "revision": str(revision or ""), "action": action}


def test_the_contact_saves_a_draft_then_submits_and_the_heatmap_shows_it(site: Site) -> None:
    contact = client_for(site.users["contact"])
    address = url("assessment", site, site.round.pk, site.own.pk)
    response = contact.post(address, answers_post(site, {"a1": "4"}, "save"), follow=True)
    assert "Der Entwurf ist gespeichert." in response.content.decode()
    draft = Assessment.objects.get(round=site.round, municipality=site.own)
    assert (draft.state, draft.answered, draft.comment) == ("draft", 1, "Stand März")

    refused = contact.post(address, answers_post(site, {"a1": "4", "a2": "2"}, "submit", draft.revision), follow=True)
    assert "nicht abgegeben" in refused.content.decode() and "Offen: b1" in refused.content.decode()
    draft.refresh_from_db()
    assert (draft.state, draft.answered) == ("draft", 2)  # the draft was saved all the same

    values = {"a1": "4", "a2": "2", "b1": "na"}
    done = contact.post(address, answers_post(site, values, "submit", draft.revision), follow=True)
    assert "Die Selbsteinschätzung ist abgegeben." in done.content.decode()
    draft.refresh_from_db()
    assert draft.state == "submitted" and draft.dimension_scores == {"a": pytest.approx(10 / 3), "b": None}
    assert draft.submitted_by == site.users["contact"]
    # frozen for the contact: no form any more, and a POST is refused
    page = contact.get(address).content.decode()
    assert "Entwurf speichern" not in page and "trifft nicht zu" in page
    assert contact.post(address, answers_post(site, {"a1": "0"}, "save")).status_code == 404

    heatmap = client_for(site.users["team"]).get(url("round", site, site.round.pk)).content.decode()
    row = heatmap.split(f'id="m{site.own.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "3,3" in row and "–" in row  # a = 10/3, b does not apply


def test_the_team_reopens_a_submitted_assessment(site: Site) -> None:
    team = client_for(site.users["team"])
    submitted = Assessment.objects.get(round=site.round, municipality=site.other)
    assert client_for(site.users["steering"]).post(url("reopen", site, site.round.pk, site.other.pk)).status_code == 404
    team.post(url("reopen", site, site.round.pk, site.other.pk), {"reason": "Bitte prüfen"})
    submitted.refresh_from_db()
    assert submitted.state == "draft"
    page = client_for(site.users["other_contact"]).get(url("assessment", site, site.round.pk, site.other.pk))
    assert "Entwurf speichern" in page.content.decode()


def test_steering_reads_assessments_but_cannot_answer(site: Site) -> None:
    steering = client_for(site.users["steering"])
    address = url("assessment", site, site.round.pk, site.own.pk)
    assert "Entwurf speichern" not in steering.get(address).content.decode()
    assert steering.post(address, answers_post(site, {"a1": "1"}, "save")).status_code == 404
    assert not Assessment.objects.filter(round=site.round, municipality=site.own).exists()


def test_the_team_closes_and_reopens_rounds_others_cannot(site: Site) -> None:
    address = url("round_state", site, site.round.pk)
    assert client_for(site.users["steering"]).post(address, {"action": "close"}).status_code == 404
    team = client_for(site.users["team"])
    team.post(address, {"action": "close"})
    site.round.refresh_from_db()
    assert not site.round.is_open
    contact_page = client_for(site.users["contact"]).get(url("assessment", site, site.round.pk, site.own.pk))
    assert "Die Runde ist abgeschlossen." in contact_page.content.decode()
    team.post(address, {"action": "reopen"})
    site.round.refresh_from_db()
    assert site.round.is_open


def test_the_team_opens_a_round_from_the_overview(site: Site) -> None:
    team = client_for(site.users["team"])
    services.close_round(by=None, round=site.round)
    response = team.post(
        url("overview", site), {"title": "Runde 2025", "model": site.round.model_id, "opened_on": "2025-03-01"}
    )
    created = AssessmentRound.objects.get(title="Runde 2025")
    assert response.status_code == 302 and response["Location"] == url("round", site, created.pk)
    assert client_for(site.users["steering"]).post(url("overview", site), {"title": "x"}).status_code == 404


def test_the_default_model_is_installed_from_the_overview_by_the_team() -> None:
    district = factories.DistrictFactory()
    team = factories.member(district, Role.STRATEGY_TEAM)
    site = Site(district, None, None, None, {})  # type: ignore[arg-type]
    assert "Standardmodell einrichten" in client_for(team).get(url("overview", site)).content.decode()
    steering = factories.member(district, Role.STEERING)
    assert client_for(steering).post(url("install_default", site)).status_code == 404
    client_for(team).post(url("install_default", site))
    assert MaturityModel.objects.get(district=district).dimensions.count() == 9


def test_a_measure_is_created_from_a_gap_by_the_steering_circle(site: Site) -> None:
    steering = client_for(site.users["steering"])
    address = url("gap_measure", site, site.round.pk, "b")
    form = steering.get(address).content.decode()
    assert "Digitale Reife stärken: Gesundheit B" in form
    response = steering.post(address, {"title": "Pflege digital", "summary": "Beratung vor Ort"}, follow=True)
    assert "ist im Entwurf (Version 2) angelegt" in response.content.decode()
    measure = Measure.objects.get(title="Pflege digital")
    assert measure.version.number == 2 and measure.code == "R1"
    assert GapMeasure.objects.get().created_by == site.users["steering"]
    assert "R1 Pflege digital" in steering.get(url("gaps", site, site.round.pk)).content.decode()
    assert client_for(site.users["contact"]).post(address, {"title": "x", "summary": "y"}).status_code == 404


def test_model_editing_is_refused_once_frozen_and_allowed_in_a_new_version(site: Site) -> None:
    team = client_for(site.users["team"])
    model = site.round.model
    dimension = model.dimensions.get(code="a")
    assert team.get(url("dimension_edit", site, dimension.pk)).status_code == 404
    team.post(url("model_new_version", site, model.pk))
    new = MaturityModel.objects.get(district=site.district, version=2)
    fresh = new.dimensions.get(code="a")
    response = team.post(
        url("dimension_edit", site, fresh.pk),
        {"code": "a", "title": "Verwaltung neu", "description": "", "weight": 3, "position": 0, "revision": 1},
    )
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert (fresh.title, fresh.weight) == ("Verwaltung neu", 3)
    assert model.dimensions.get(code="a").title == "Verwaltung A"
    assert client_for(site.users["steering"]).get(url("dimension_edit", site, fresh.pk)).status_code == 404


def test_field_links_are_edited_in_the_back_office(site: Site) -> None:
    team = client_for(site.users["team"])
    field = Measure.objects.filter(version__district=site.district).first().fields_of_action.get()  # type: ignore[union-attr]
    assert team.post(url("field_links", site), {"b": [str(field.lineage)]}).status_code == 302
    gaps = team.get(url("gaps", site, site.round.pk)).content.decode()
    row = gaps.split('id="gap-b"', 1)[1].split("</tr>", 1)[0]
    assert "HF1" in row and "M1 Maßnahme M1" in row


def test_the_public_page_shows_aggregates_only(site: Site) -> None:
    services.close_round(by=None, round=site.round)
    page = Client().get(reverse("maturity:summary", args=[site.district.slug])).content.decode()
    assert site.other.name not in page  # no municipality is named
    # one submission: publishing even a median would publish that municipality's scores
    assert site.round.assessments.filter(state="submitted").count() == 1
    assert "zu wenige, um Ergebnisse zu veröffentlichen" in page and "Median über alles" not in page


# --- query counts ------------------------------------------------------------------------------


def count(client: Client, address: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(ctx)


@pytest.fixture(scope="module")
def small_and_large(rows_for_module: Any) -> Iterator[tuple[Site, Site]]:
    """Districts of 3 and 25 municipalities with two closed rounds, built once for the pages below."""
    with rows_for_module():
        sites = build(3), build(25)
        for site in sites:
            services.close_round(by=None, round=site.round)
            second = open_round(site.round.model, title="Runde 2")
            for place in Municipality.objects.filter(district=site.district):
                assess(second, place, uniform(2))
            services.close_round(by=None, round=second)
        yield sites


@pytest.mark.parametrize(
    "page",
    [
        "overview",
        "heatmap",
        "gaps",
        "gap_measure",
        "own_assessment",
        "other_assessment",
        "own_profile",
        "public",
        "model",
        "field_links",
    ],
)
def test_query_count_does_not_grow_with_municipalities(page: str, small_and_large: tuple[Site, Site]) -> None:
    counts = [count(client_for(site.users["team"]), pages(site)[page]) for site in small_and_large]
    assert counts[0] == counts[1], counts
    assert counts[1] <= 16, counts


def test_a_contact_sees_no_median_of_fewer_than_three_municipalities() -> None:
    site = build(2)  # the contact's municipality (800 inhabitants) and one other that submitted
    contact = client_for(site.users["contact"])
    assess(site.round, site.own, uniform(2))
    page = contact.get(url("municipality", site, site.own.pk)).content.decode()
    assert page.count("zu wenige Gemeinden") == 2 * 3  # size class and district; two dimensions and overall
    third = factories.MunicipalityFactory(district=site.district, population=900)
    assess(site.round, third, uniform(4))
    page = contact.get(url("municipality", site, site.own.pk)).content.decode()
    assert page.count("zu wenige Gemeinden") == 3  # the district median is shown; the size class has two only
    team_page = client_for(site.users["team"]).get(url("municipality", site, site.own.pk)).content.decode()
    assert "zu wenige Gemeinden" not in team_page
