"""The DCAT-AP.de catalogue and the downloads it lists (see docs/open-data.md for the list of mandatory properties)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator
from openpyxl import load_workbook
from rdflib import Graph, URIRef
from rdflib import namespace as ns

from kreiskurs.exchange.dcat import DCATDE, VCARD
from kreiskurs.exchange.document import schema
from kreiskurs.strategy import services
from kreiskurs.strategy.models import StrategyVersion
from tests import factories

pytestmark = pytest.mark.django_db

#: DCAT-AP.de 2.0 "Pflicht" (mandatory) per class, plus what the issue asks for on every dataset
CATALOG = [ns.DCTERMS.title, ns.DCTERMS.description, ns.DCTERMS.publisher, ns.DCAT.dataset]
DATASET = [
    ns.DCTERMS.title,
    ns.DCTERMS.description,
    DCATDE.contributorID,
    ns.DCTERMS.publisher,
    ns.DCAT.contactPoint,
    DCATDE.politicalGeocodingURI,
    ns.DCTERMS.issued,
    ns.DCTERMS.modified,
    ns.DCAT.distribution,
]
DISTRIBUTION = [ns.DCAT.accessURL, ns.DCTERMS.license, ns.DCTERMS.format, ns.DCAT.downloadURL]
AGENT = [ns.FOAF.name]
CONTACT = [VCARD.fn, VCARD.hasEmail]


@pytest.fixture
def published(settings: Any) -> StrategyVersion:
    settings.KREISKURS_DCAT_CONTRIBUTOR_ID = "http://dcat-ap.de/def/contributors/testkreis"
    version = factories.adopted_strategy(measures=3)
    services.start_revision(by=None, strategy=version.strategy)  # a draft: never in the catalogue
    return version


def _graph(client: Client, slug: str, fmt: str) -> Graph:
    response = client.get(f"/{slug}/dcat.{fmt}")
    assert response.status_code == 200
    graph = Graph()
    graph.parse(data=response.content, format="turtle" if fmt == "ttl" else "json-ld")
    return graph


def _missing(graph: Graph, subject: Any, properties: list[URIRef]) -> list[str]:
    return [str(p) for p in properties if graph.value(subject, p) is None]


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_catalogue_has_every_mandatory_property_in_both_serialisations(published: StrategyVersion, fmt: str) -> None:
    district = published.district
    graph = _graph(Client(), district.slug, fmt)
    catalogs = list(graph.subjects(ns.RDF.type, ns.DCAT.Catalog))
    assert len(catalogs) == 1
    assert _missing(graph, catalogs[0], CATALOG) == []
    assert _missing(graph, graph.value(catalogs[0], ns.DCTERMS.publisher), AGENT) == []
    datasets = list(graph.objects(catalogs[0], ns.DCAT.dataset))
    # version 1 (the draft version 2 is not published) and the three tables
    assert len(datasets) == 4
    for dataset in datasets:
        assert (dataset, ns.RDF.type, ns.DCAT.Dataset) in graph
        assert _missing(graph, dataset, DATASET) == [], dataset
        assert _missing(graph, graph.value(dataset, ns.DCAT.contactPoint), CONTACT) == []
        assert graph.value(dataset, DCATDE.politicalGeocodingURI) == URIRef(
            f"http://dcat-ap.de/def/politicalGeocoding/districtKey/{district.key}"
        )
        for distribution in graph.objects(dataset, ns.DCAT.distribution):
            assert _missing(graph, distribution, DISTRIBUTION) == [], distribution
            assert graph.value(distribution, ns.DCTERMS.license) == URIRef(
                "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
            )
    titles = {str(graph.value(d, ns.DCTERMS.title)) for d in datasets}
    assert not any("Version 2" in t for t in titles)


def test_the_licence_is_a_setting(published: StrategyVersion, settings: Any) -> None:
    settings.KREISKURS_OPEN_DATA_LICENSE = "http://dcat-ap.de/def/licenses/cc-by/4.0"
    graph = _graph(Client(), published.district.slug, "ttl")
    licences = set(graph.objects(None, ns.DCTERMS.license))
    assert licences == {URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")}


def test_every_listed_distribution_downloads(published: StrategyVersion) -> None:
    client = Client()
    graph = _graph(client, published.district.slug, "ttl")
    urls = sorted(str(u) for u in graph.objects(None, ns.DCAT.downloadURL))
    assert len(urls) == 7  # one JSON, three tables × CSV and XLSX
    for url in urls:
        response = client.get(urlparse(url).path)
        assert response.status_code == 200, url
        if url.endswith(".json"):
            assert not list(Draft202012Validator(schema()).iter_errors(json.loads(response.content)))
        elif url.endswith("massnahmen.csv"):
            rows = list(csv.DictReader(io.StringIO(response.content.decode())))
            assert [r["code"] for r in rows] == ["M1", "M2", "M3"]
        elif url.endswith("massnahmen.xlsx"):
            sheet = load_workbook(io.BytesIO(response.content)).active
            assert sheet is not None and sheet.max_row == 4


def test_no_catalogue_without_a_published_version() -> None:
    version = factories.strategy_with_draft()
    client = Client()
    assert client.get(f"/{version.district.slug}/dcat.ttl").status_code == 404
    assert client.get(f"/{version.district.slug}/daten/strategie-1.json").status_code == 404
    assert client.get(f"/{version.district.slug}/daten/massnahmen.csv?version=1").status_code == 404


def test_a_draft_downloads_only_for_members(published: StrategyVersion) -> None:
    district = published.district
    client = Client()
    assert client.get(f"/{district.slug}/daten/strategie-2.json").status_code == 404
    client.force_login(factories.member(district, "strategy_team"))
    assert client.get(f"/{district.slug}/daten/strategie-2.json").status_code == 200


def test_the_schema_is_served_at_its_stable_address() -> None:
    response = Client().get("/schema/strategy-v1.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/schema+json"
    assert response.json() == schema()


def test_catalogue_queries_do_not_grow_with_versions(published: StrategyVersion) -> None:
    client = Client()
    with CaptureQueriesContext(connection) as few:
        client.get(f"/{published.district.slug}/dcat.ttl")
    for _ in range(3):
        services.adopt_version(
            by=None,
            version=StrategyVersion.objects.get(district=published.district, state="draft"),
            body="kreistag",
            date=published.adopted_at.date() if published.adopted_at else None,
            reference="SV",
        )
        services.start_revision(by=None, strategy=published.strategy)
    with CaptureQueriesContext(connection) as many:
        client.get(f"/{published.district.slug}/dcat.ttl")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_measure_list_links_every_download_and_each_answers(published: StrategyVersion) -> None:
    client = Client()
    page = client.get(f"/{published.district.slug}/massnahmen/").content.decode()
    slug = published.district.slug
    links = sorted(set(re.findall(rf'href="(/{slug}/(?:daten/[^"]+|dcat\.ttl)|/schema/[^"]+)"', page)))
    assert len(links) == 9  # three tables × CSV and XLSX, the JSON document, the catalogue, the schema
    for link in links:
        assert client.get(link).status_code == 200, link
