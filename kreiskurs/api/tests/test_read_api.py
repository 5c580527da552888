"""The element, implementation and participation reads: filters, pagination, published only, bounded queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.strategy import services
from kreiskurs.strategy.models import Measure, MeasureMunicipality, StrategyVersion
from tests import factories

pytestmark = pytest.mark.django_db


def _report(measure: Measure, phase: str, progress: int) -> None:
    services.record_status_report(
        by=None, measure=measure, date=dt.date(2025, 1, 10), phase=phase, progress=progress, text="Stand"
    )


def test_measures_carry_their_implementation_and_filter() -> None:
    version = factories.adopted_strategy(measures=3)
    district = version.district
    _m1, m2, m3 = Measure.objects.filter(version=version).order_by("code")
    _report(m2, "pilot", 30)
    municipality = factories.MunicipalityFactory(district=district)
    MeasureMunicipality.objects.create(district=district, measure=m3, municipality=municipality, role="lead")
    client = Client()
    base = f"/api/v1/districts/{district.key}/measures/"
    body = client.get(base).json()
    assert [m["code"] for m in body["results"]] == ["M1", "M2", "M3"]
    pilot = body["results"][1]
    assert (pilot["current_phase"], pilot["progress"], pilot["fields"], pilot["goals"]) == (
        "pilot",
        30,
        ["HF1"],
        ["Z1"],
    )
    assert [m["code"] for m in client.get(f"{base}?phase=pilot").json()["results"]] == ["M2"]
    assert [m["code"] for m in client.get(f"{base}?municipality={municipality.ags}").json()["results"]] == ["M3"]
    assert client.get(f"{base}?field=HF9").json()["count"] == 0
    assert client.get(f"{base}?page_size=2").json()["next"]
    reports = client.get(f"{base}{m2.lineage}/status-reports/").json()
    assert [(r["phase"], r["progress"]) for r in reports["results"]] == [("pilot", 30)]


def test_a_draft_is_never_read() -> None:
    version = factories.adopted_strategy(measures=1)
    draft = services.start_revision(by=None, strategy=version.strategy)
    factories.add_measure(draft, "GEHEIM", fields=list(draft_fields(draft)))
    client = Client()
    key = version.district.key
    assert client.get(f"/api/v1/districts/{key}/measures/?version={draft.number}").status_code == 404
    assert "GEHEIM" not in client.get(f"/api/v1/districts/{key}/measures/").content.decode()
    secret = Measure.objects.get(version=draft, code="GEHEIM")
    assert client.get(f"/api/v1/districts/{key}/measures/{secret.lineage}/status-reports/").status_code == 404
    assert client.get(f"/api/v1/districts/{key}/goals/?version={draft.number}").status_code == 404


def draft_fields(draft: StrategyVersion) -> list:  # type: ignore[type-arg]
    from kreiskurs.strategy.models import FieldOfAction

    return list(FieldOfAction.objects.filter(version=draft))


def test_goals_and_fields_of_a_public_version() -> None:
    version = factories.adopted_strategy(measures=1)
    key = version.district.key
    client = Client()
    assert [g["code"] for g in client.get(f"/api/v1/districts/{key}/goals/?field=HF1").json()["results"]] == ["Z1"]
    assert client.get(f"/api/v1/districts/{key}/goals/?field=HF2").json()["count"] == 0
    fields = client.get(f"/api/v1/districts/{key}/fields/?version=1").json()
    assert [f["code"] for f in fields["results"]] == ["HF1"]


@pytest.mark.parametrize("path", ["measures/", "goals/", "fields/", "events/", "initiatives/"])
def test_query_count_does_not_grow_with_rows(path: str) -> None:
    version = factories.adopted_strategy(measures=2)
    district = version.district
    client = Client()
    url = f"/api/v1/districts/{district.key}/{path}"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    draft = services.start_revision(by=None, strategy=version.strategy)
    field = draft_fields(draft)[0]
    for n in range(6):
        factories.add_goal(draft, f"Z{n + 10}", field=field)
        factories.add_measure(draft, f"M{n + 10}", fields=[field])
    services.adopt_version(by=None, version=draft, body="kreistag", date=dt.date(2025, 3, 1), reference="SV-2")
    for m in Measure.objects.filter(version=draft):
        _report(m, "rollout", 50)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
