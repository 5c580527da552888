"""The back-office page of write tokens: created by form, the secret shown once, revoked by button."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.api import tokens
from kreiskurs.api.models import ApiToken
from kreiskurs.strategy.models import Measure
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_team_creates_a_token_sees_it_once_and_revokes_it() -> None:
    version = factories.adopted_strategy(measures=1)
    district = version.district
    municipality = factories.MunicipalityFactory(district=district)
    client = Client()
    client.force_login(factories.member(district, "strategy_team"))
    url = f"/{district.slug}/verwaltung/schnittstelle/"
    response = client.post(url, {"name": "Fachverfahren", "target": f"m:{municipality.pk}"})
    assert response.status_code == 200
    secret = re.search(r"kk_[A-Za-z0-9_-]{43}", response.content.decode())
    assert secret is not None
    token = ApiToken.objects.get()
    assert tokens.token_for(secret.group()) == token and token.municipality == municipality
    page = client.get(url).content.decode()
    assert "Fachverfahren" in page and secret.group() not in page
    client.post(f"{url}{token.pk}/widerrufen/")
    assert tokens.token_for(secret.group()) is None


def test_a_measure_lead_may_create_tokens_only_for_their_measure() -> None:
    version = factories.adopted_strategy(measures=2)
    district = version.district
    own, other = Measure.objects.filter(version=version).order_by("code")
    factories.MunicipalityFactory(district=district)
    client = Client()
    client.force_login(factories.member(district, "measure_lead", measure_lineage=own.lineage))
    url = f"/{district.slug}/verwaltung/schnittstelle/"
    page = client.get(url).content.decode()
    assert f"l:{own.lineage}" in page and f"l:{other.lineage}" not in page and "m:" not in page
    client.post(url, {"name": "fremd", "target": f"l:{other.lineage}"})
    assert not ApiToken.objects.exists()
    client.post(url, {"name": "eigen", "target": f"l:{own.lineage}"})
    assert ApiToken.objects.get().measure_lineage == own.lineage


def test_strangers_do_not_find_the_page() -> None:
    district = factories.DistrictFactory()
    assert Client().get(f"/{district.slug}/verwaltung/schnittstelle/").status_code in (302, 404)
    client = Client()
    client.force_login(factories.UserFactory())
    assert client.get(f"/{district.slug}/verwaltung/schnittstelle/").status_code == 404


def test_token_list_query_count_does_not_grow_with_rows() -> None:
    version = factories.adopted_strategy(measures=1)
    district = version.district
    team = factories.member(district, "strategy_team")
    client = Client()
    client.force_login(team)
    url = f"/{district.slug}/verwaltung/schnittstelle/"
    municipality = factories.MunicipalityFactory(district=district)
    tokens.create_token(by=team, district=district, name="eins", municipality=municipality)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        tokens.create_token(
            by=team, district=district, name=f"t{n}", municipality=factories.MunicipalityFactory(district=district)
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
