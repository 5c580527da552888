"""Gemeindefreie Gebiete and district names as pages and the API show them,
after an import of the national-shaped sample."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kreiskurs.territory.importer import import_gv100ad
from kreiskurs.territory.models import District, Municipality
from kreiskurs.territory.tests.gv100ad_records import SAMPLE

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def sample() -> None:
    import_gv100ad(SAMPLE)


def test_district_page_counts_municipalities_and_gemeindefreie_gebiete_apart(sample: None) -> None:
    aschaffenburg = District.objects.get(key="09671")
    assert aschaffenburg.territory_counts == {"municipalities": 3, "unincorporated": 2}
    assert aschaffenburg.territory_summary == "3 Gemeinden und 2 gemeindefreie Gebiete"
    body = text(Client().get(f"/{aschaffenburg.slug}/").content.decode())
    assert "3 Gemeinden und 2 gemeindefreie Gebiete" in body
    muenster = District.objects.get(key="05515")
    assert muenster.territory_summary == "1 Gemeinde"
    assert "1 Gemeinde" in text(Client().get(f"/{muenster.slug}/").content.decode())


def test_municipality_list_shows_gemeindefreie_gebiete_in_their_own_table(sample: None) -> None:
    district = District.objects.get(key="09671")
    body = text(Client().get(f"/{district.slug}/gemeinden/").content.decode())
    assert "Gemeinden im Landkreis Aschaffenburg (Gebietsstand 30.11.2023)" in body
    first, _sep, second = body.partition("Gemeindefreie Gebiete im Landkreis Aschaffenburg")
    assert second, "no table of gemeindefreie Gebiete"
    for name in ("Alzenau, St", "Schöllkrippen, M", "Sommerkahl"):
        assert name in first and name not in second
    assert "Forst Hain im Spessart (gemfr. Gebiet) Gemeindefreies Gebiet, unbewohnt 0 17,20" in second
    assert "Rohrbrunner Forst (gemfr. Gebiet) Gemeindefreies Gebiet, bewohnt 12 23,45" in second
    assert "Forst Hain" not in first and "Rohrbrunner" not in first


def test_district_names_read_right_in_page_sentences(sample: None) -> None:
    muenster = District.objects.get(key="05515")
    body = text(Client().get(f"/{muenster.slug}/gemeinden/").content.decode())
    assert "Gemeinden in Münster, Stadt (Gebietsstand 30.11.2023)" in body
    assert "im Münster" not in body
    assert "Gemeindefreie Gebiete" not in body  # no empty table
    city = Municipality.objects.get(ags="05515000")
    page = text(Client().get(f"/{muenster.slug}/gemeinden/{city.slug}/").content.decode())
    assert "Kreisfreie Stadt in Münster, Stadt" in page


def test_api_lists_gemeindefreie_gebiete_apart_from_municipalities(sample: None) -> None:
    client = Client()
    munis = client.get("/api/v1/districts/09671/municipalities/").json()
    assert [(m["ags"], m["type_code"]) for m in munis["results"]] == [
        ("09671111", 63),
        ("09671143", 60),
        ("09671150", 64),
    ]
    areas = client.get("/api/v1/districts/09671/unincorporated-areas/").json()
    assert [(a["ags"], a["name"], a["type_code"], a["population"], a["area_km2"]) for a in areas["results"]] == [
        ("09671451", "Forst Hain im Spessart (gemfr. Gebiet)", 66, 0, "17.20"),
        ("09671452", "Rohrbrunner Forst (gemfr. Gebiet)", 65, 12, "23.45"),
    ]
    assert areas["results"][1]["association"] is None
    assert client.get("/api/v1/districts/05515/unincorporated-areas/").json()["results"] == []
    assert "/api/v1/districts/{key}/unincorporated-areas/" in client.get("/api/v1/openapi.json").json()["paths"]


def test_measure_filter_offers_municipalities_but_no_gemeindefreie_gebiete() -> None:
    from tests import factories

    version = factories.adopted_strategy(measures=1)
    factories.MunicipalityFactory(district=version.district, name="Musterstadt, Stadt", type_code=63)
    factories.MunicipalityFactory(district=version.district, name="Gutsbezirk Reinhardswald", type_code=66)
    body = Client().get(f"/{version.district.slug}/massnahmen/").content.decode()
    assert ">Musterstadt, Stadt</option>" in body
    assert "Reinhardswald" not in body
