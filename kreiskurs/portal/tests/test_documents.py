"""Whole-version pages: rendered once for a frozen version, live for a draft, in parts when long."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.cache import cache
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.api.documents import version_content
from kreiskurs.strategy import services
from kreiskurs.strategy.models import Measure, StoredRendering
from kreiskurs.strategy.selectors import document
from tests import factories

pytestmark = pytest.mark.django_db


def _uncached(client: Client, url: str) -> str:
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_document_of_an_adopted_version_is_rendered_once_and_then_read() -> None:
    version = factories.adopted_strategy(measures=3)
    client = Client()
    url = f"/{version.district.slug}/versionen/{version.number}/"
    first = _uncached(client, url)
    assert StoredRendering.objects.filter(version=version, kind="document", language="de").count() == 1
    StoredRendering.objects.filter(version=version).update(content="<p>aus der Tabelle</p>")
    assert "aus der Tabelle" in _uncached(client, url)
    assert "aus der Tabelle" not in first and Measure.objects.filter(version=version)[0].title in first


def test_a_stored_document_of_another_format_or_gebietsstand_is_rebuilt() -> None:
    version = factories.adopted_strategy(measures=1)
    client = Client()
    url = f"/{version.district.slug}/versionen/{version.number}/"
    _uncached(client, url)
    StoredRendering.objects.filter(version=version).update(content="veraltet", stamp="0:adopted:1999-01-01")
    assert "veraltet" not in _uncached(client, url)
    assert StoredRendering.objects.get(version=version, kind="document").content != "veraltet"


def test_a_draft_is_rendered_live_and_never_stored() -> None:
    adopted = factories.adopted_strategy(measures=1)
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    member = Client()
    member.force_login(factories.member(adopted.district, Role.STRATEGY_TEAM))
    measure = Measure.objects.get(version=draft)
    body = member.get(f"/{adopted.district.slug}/versionen/{draft.number}/").content.decode()
    assert measure.title in body
    assert not StoredRendering.objects.filter(version=draft).exists()


def test_a_long_document_comes_in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document, "MEASURES_PER_PART", 2)
    version = factories.adopted_strategy(measures=5)
    codes = list(Measure.objects.filter(version=version).values_list("code", flat=True))
    client = Client()
    url = f"/{version.district.slug}/versionen/{version.number}/"
    first = _uncached(client, url)
    last = _uncached(client, f"{url}?teil=3")
    assert "Teil 1 von 3" in first and "Teil 3 von 3" in last
    assert ">Handlungsfelder</h2>" in first and ">Handlungsfelder</h2>" not in last
    shown = [code for code in codes if f">{code} " in last]
    assert len(shown) == 1  # 5 measures, 2 per part: the last part holds one
    assert client.get(f"{url}?teil=4").status_code == 404
    assert client.get(f"{url}?teil=abc").status_code == 404


def test_the_comparison_of_two_frozen_versions_is_stored_and_equals_the_live_one() -> None:
    adopted = factories.adopted_strategy(measures=2)
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    measure = Measure.objects.filter(version=draft).order_by("pk").first()
    assert measure is not None
    services.update_element(by=None, obj=measure, values={"title": "Neuer Titel"}, expected_revision=measure.revision)
    services.set_version_state(by=None, version=draft, state="consultation")
    client = Client()
    url = f"/{adopted.district.slug}/versionen/vergleich/?von={adopted.number}&bis={draft.number}"
    live = _uncached(client, url)  # the newer version is in consultation: rendered live
    assert "Neuer Titel" in live and not StoredRendering.objects.exists()
    services.adopt_version(by=None, version=draft, body="kreistag", date=dt.date(2025, 1, 1), reference="DS 1")
    stored = _uncached(client, url)
    assert StoredRendering.objects.filter(version=draft, kind=f"compare:{adopted.pk}").count() == 1
    assert "Neuer Titel" in stored and _uncached(client, url) == stored


def test_the_api_document_keeps_its_content_stored_and_its_adoptions_live() -> None:
    version = factories.adopted_strategy(measures=2)
    client = Client()
    url = f"/api/v1/districts/{version.district.key}/strategy/"
    cache.clear()
    doc = client.get(url).json()
    stored = StoredRendering.objects.get(version=version, kind="api")
    assert json.loads(stored.content) == json.loads(json.dumps(version_content(version), default=str))
    assert [m["id"] for m in doc["measures"]] == [str(m.lineage) for m in Measure.objects.filter(version=version)]
    services.record_adoption(by=None, version=version, body="committee", date=dt.date(2025, 2, 1), reference="A 9")
    doc = client.get(url).json()
    assert "A 9" in [a["reference"] for a in doc["version"]["adoptions"]]
    assert StoredRendering.objects.filter(version=version, kind="api").count() == 1


def test_a_comparison_with_many_new_elements_reads_the_version_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond ``LINEAGES_IN_QUERY`` lineages the rows are picked in Python: the same difference."""
    from kreiskurs.strategy import comparison

    adopted = factories.adopted_strategy(measures=1)
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    for n in range(3):
        factories.add_measure(draft, f"N{n}")
    expected = [str(m) for m in comparison.compare_versions(adopted, draft).kinds[2].added]
    monkeypatch.setattr(comparison, "LINEAGES_IN_QUERY", 1)
    assert [str(m) for m in comparison.compare_versions(adopted, draft).kinds[2].added] == expected
    assert len(expected) == 3
