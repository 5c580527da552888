"""The read API: shapes, pagination, OpenAPI, and that unpublished data never appears."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.strategy import services
from kreiskurs.territory.importer import import_gv100ad
from tests import factories

pytestmark = pytest.mark.django_db

EXCERPT = "kreiskurs/demo/data/GV100AD_301123_excerpt.txt"


def test_districts_and_municipalities_from_gv100ad() -> None:
    import_gv100ad(Path(EXCERPT))
    client = Client()
    body = client.get("/api/v1/districts/").json()
    assert body["count"] == 3 and body["next"] is None
    assert [d["key"] for d in body["results"]] == ["05558", "08336", "14627"]
    assert body["results"][1]["slug"] == "loerrach"
    assert body["results"][0]["type"] == "Kreis"
    district = client.get("/api/v1/districts/14627/").json()
    assert district["name"] == "Meißen" and district["has_published_strategy"] is False
    munis = client.get("/api/v1/districts/08336/municipalities/?page_size=10").json()
    assert munis["count"] == 35 and len(munis["results"]) == 10
    assert munis["next"].endswith("page=2&page_size=10") or "page=2" in munis["next"]
    page2 = client.get(munis["next"]).json()
    assert page2["previous"] and len(page2["results"]) == 10
    tunau = next(
        m for m in client.get("/api/v1/districts/08336/municipalities/").json()["results"] if m["name"] == "Tunau"
    )
    assert tunau == tunau | {
        "ags": "08336089",
        "ars": "083365006089",
        "association": "GVV Schönau im Schwarzwald",
        "population": 177,
    }
    assert client.get("/api/v1/districts/99999/").status_code == 404


def test_strategy_is_the_adopted_version_and_never_a_draft() -> None:
    adopted = factories.adopted_strategy(measures=2)
    municipality = factories.MunicipalityFactory(district=adopted.district)
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    secret = factories.add_measure(draft, "GEHEIM", title="Unveröffentlichter Entwurf")
    services.save_measure_details(
        by=None, measure=secret, participations=[(municipality, "lead")], scores=[], milestones=[]
    )
    client = Client()
    key = adopted.district.key
    doc = client.get(f"/api/v1/districts/{key}/strategy/").json()
    assert doc["version"]["number"] == 1 and doc["version"]["state"] == "adopted"
    assert [m["code"] for m in doc["measures"]] == ["M1", "M2"]
    assert doc["measures"][0]["fields"] == ["HF1"] and doc["measures"][0]["goals"] == ["Z1"]
    assert doc["version"]["adoptions"][0]["reference"] == "SV-1"
    versions = client.get(f"/api/v1/districts/{key}/strategy/versions/").json()
    assert [v["number"] for v in versions["results"]] == [1]
    everything = "".join(
        client.get(url).content.decode()
        for url in [
            "/api/v1/districts/",
            f"/api/v1/districts/{key}/",
            f"/api/v1/districts/{key}/strategy/",
            f"/api/v1/districts/{key}/strategy/versions/",
        ]
    )
    assert "GEHEIM" not in everything and "Unveröffentlichter" not in everything
    assert client.get(f"/api/v1/districts/{factories.DistrictFactory().key}/strategy/").status_code == 404


def test_openapi_document_describes_every_endpoint() -> None:
    spec = Client().get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    paths = set(spec["paths"])
    assert {
        "/api/v1/districts/",
        "/api/v1/districts/{key}/",
        "/api/v1/districts/{key}/municipalities/",
        "/api/v1/districts/{key}/strategy/",
        "/api/v1/districts/{key}/strategy/versions/",
    } <= paths


def _queries(url: str) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture(scope="module")
def small_and_large(rows_for_module: Any) -> Iterator[tuple[str, str]]:
    """The keys of a district with 2 and one with 30 measures and municipalities, built once."""
    with rows_for_module():
        keys = []
        for n in (2, 30):
            adopted = factories.adopted_strategy(measures=n)
            factories.MunicipalityFactory.create_batch(n, district=adopted.district)
            keys.append(adopted.district.key)
        yield keys[0], keys[1]


@pytest.mark.parametrize("suffix", ["", "municipalities/", "unincorporated-areas/", "strategy/", "strategy/versions/"])
def test_api_query_count_does_not_grow_with_rows(suffix: str, small_and_large: tuple[str, str]) -> None:
    small, large = small_and_large
    assert _queries(f"/api/v1/districts/{small}/{suffix}") == _queries(f"/api/v1/districts/{large}/{suffix}")
    assert _queries("/api/v1/districts/") <= 5


def test_strategy_document_matches_its_schema_and_follows_new_adoptions() -> None:
    from kreiskurs.api.schemas import StrategyOut

    adopted = factories.adopted_strategy(measures=2)
    client = Client()
    url = f"/api/v1/districts/{adopted.district.key}/strategy/"
    StrategyOut.model_validate(client.get(url).json())
    assert len(client.get(url).json()["version"]["adoptions"]) == 1
    council = factories.MunicipalityFactory(district=adopted.district)
    services.record_adoption(
        by=None, version=adopted, body="municipal_council", date="2024-05-01", reference="DS 2", municipality=council
    )
    assert len(client.get(url).json()["version"]["adoptions"]) == 2


def test_interactive_docs_load_nothing_from_third_parties() -> None:
    body = Client().get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in body
    assert "cdn" not in body.lower() and "https://" not in body
