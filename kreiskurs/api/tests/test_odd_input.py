"""Odd query values on the API answer 4xx or are ignored, never 500; the OpenAPI document says which."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from kreiskurs.api.api import api
from kreiskurs.territory.importer import import_gv100ad

pytestmark = pytest.mark.django_db

EXCERPT = Path("kreiskurs/demo/data/GV100AD_301123_excerpt.txt")
HUGE = "99999999999999999999999"


@pytest.fixture
def client() -> Client:
    import_gv100ad(EXCERPT)
    return Client(raise_request_exception=False)


def test_a_page_past_every_integer_type_is_an_empty_page(client: Client) -> None:
    response = client.get(f"/api/v1/districts/?page={HUGE}")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3 and body["results"] == [] and body["next"] is None
    assert client.get(f"/api/v1/districts/08336/municipalities/?page={HUGE}&page_size=500").status_code == 200


def test_page_size_null_or_empty_is_the_default(client: Client) -> None:
    for absent in ("null", "", "None"):
        response = client.get(f"/api/v1/districts/08336/municipalities/?page_size={absent}&page={absent}")
        assert response.status_code == 200, absent
        assert len(response.json()["results"]) == 35
    assert client.get("/api/v1/districts/?page_size=abc").status_code == 422
    assert client.get("/api/v1/districts/?page_size=501").status_code == 422


def test_a_nul_byte_in_a_path_part_or_query_answers_400_as_json(client: Client) -> None:
    for url in ("/api/v1/districts/05558%00/", "/api/v1/districts/?page=1%00", "/api/v1/districts/?x=%00"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response["Content-Type"] == "application/json" and "NUL" in response.json()["detail"]


def test_the_openapi_document_lists_the_errors_each_endpoint_can_give() -> None:
    paths = api.get_openapi_schema()["paths"]
    codes = {path: set(ops["get"]["responses"]) for path, ops in paths.items()}
    for path, answered in codes.items():
        parameters = paths[path]["get"].get("parameters", [])
        lists = "page_size" in {p["name"] for p in parameters}
        # a number, a date or a choice (in the path or the query) can be given as anything else ("null,null"):
        # django-ninja answers 422; a parameter that takes any text cannot be wrong
        typed = any(_typed(p["schema"]) for p in parameters)
        expected = {"200", "400"} | ({"422"} if lists or typed else set()) | ({"404"} if "{" in path else set())
        assert {str(c) for c in answered} == expected, path


def _typed(schema: dict[str, Any]) -> bool:
    """Whether a parameter of this schema refuses some text: not a plain (optional) string."""
    alternatives = [schema, *schema.get("anyOf", [])]
    return any(a.get("type") not in (None, "string", "null") or "enum" in a or "format" in a for a in alternatives)
