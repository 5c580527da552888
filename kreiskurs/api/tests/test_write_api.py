"""Write tokens: scopes (403), unknown or revoked (401), invalid payloads (422 naming the field), audit of every use."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from kreiskurs.api import tokens
from kreiskurs.api.models import ApiToken
from kreiskurs.audit.models import AuditEntry
from kreiskurs.monitoring.models import Indicator, Measurement
from kreiskurs.strategy.models import Measure, StatusReport, StrategyVersion
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    version: StrategyVersion = factories.adopted_strategy(measures=2)
    district = version.district
    here, there = factories.MunicipalityFactory(district=district), factories.MunicipalityFactory(district=district)
    m1, m2 = Measure.objects.filter(version=version).order_by("code")
    Indicator.objects.create(district=district, code="breitband", name="Breitband", scope="municipality")
    Indicator.objects.create(district=district, code="kreisweit", name="Kreisweit", scope="district")
    team = factories.member(district, "strategy_team")
    _, municipal_secret = tokens.create_token(by=team, district=district, name="Fachverfahren", municipality=here)
    lead = factories.member(district, "measure_lead", measure_lineage=m1.lineage)
    _, measure_secret = tokens.create_token(by=lead, district=district, name="Projektbüro", measure_lineage=m1.lineage)
    return {
        "district": district,
        "here": here,
        "there": there,
        "m1": m1,
        "m2": m2,
        "team": team,
        "lead": lead,
        "municipal": municipal_secret,
        "measure": measure_secret,
    }


def _post(url: str, secret: str | None, body: dict[str, Any]) -> Any:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return Client().post(url, body, content_type="application/json", headers=headers)


def _measurement_url(world: dict[str, Any], code: str = "breitband", key: str | None = None) -> str:
    return f"/api/v1/districts/{key or world['district'].key}/indicators/{code}/measurements/"


def _report_url(world: dict[str, Any], measure: Measure) -> str:
    return f"/api/v1/districts/{world['district'].key}/measures/{measure.lineage}/status-reports/"


def _uses(world: dict[str, Any]) -> list[tuple[str, int]]:
    return [
        (e.action, e.changes["status"][1])
        for e in AuditEntry.objects.filter(district=world["district"], action__startswith="api_token_").order_by("id")
    ]


def test_a_municipality_token_writes_its_measurements_through_the_service(world: dict[str, Any]) -> None:
    body = {"period": "2024", "municipality": world["here"].ags, "value": "87.5", "source": "Breitbandatlas"}
    response = _post(_measurement_url(world), world["municipal"], body)
    assert response.status_code == 201, response.content
    assert response.json() == {"indicator": "breitband", "period": "2024", "ags": world["here"].ags, "value": "87.5"}
    stored = Measurement.objects.get(municipality=world["here"])
    assert stored.value == 87.5 and stored.source == "Breitbandatlas"
    # the service's own entry (by the token's creator) and the token's use
    assert AuditEntry.objects.filter(district=world["district"], action="create", actor=world["team"]).exists()
    assert _uses(world) == [("api_token_use", 201)]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("other municipality", 403),
        ("other district", 403),
        ("measure token", 403),
        ("unknown indicator", 404),
    ],
)
def test_a_token_outside_its_scope_is_refused_and_audited(world: dict[str, Any], case: str, expected: int) -> None:
    body = {"period": "2024", "municipality": world["here"].ags, "value": "1"}
    url, secret = _measurement_url(world), world["municipal"]
    if case == "other municipality":
        body["municipality"] = world["there"].ags
    elif case == "other district":
        url = _measurement_url(world, key=factories.DistrictFactory().key)
    elif case == "measure token":
        secret = world["measure"]
    else:
        url = _measurement_url(world, code="gibtsnicht")
    response = _post(url, secret, body)
    assert response.status_code == expected
    assert response.json()["detail"]
    assert not Measurement.objects.exists()
    assert _uses(world) == [("api_token_refused", expected)]


def test_unknown_missing_and_revoked_tokens_answer_401(world: dict[str, Any]) -> None:
    body = {"period": "2024", "municipality": world["here"].ags, "value": "1"}
    assert _post(_measurement_url(world), None, body).status_code == 401
    assert _post(_measurement_url(world), "kk_" + "x" * 43, body).status_code == 401
    assert _post(_measurement_url(world), "Basic abc", body).status_code == 401
    token = ApiToken.objects.get(scope="municipality")
    tokens.revoke_token(by=world["team"], token=token)
    assert _post(_measurement_url(world), world["municipal"], body).status_code == 401
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"period": "2024", "value": "viel"}, "value"),
        ({"period": "24", "value": "1"}, "period"),
        ({"period": "2024"}, "value"),
        ({"period": "2024", "value": "1" * 20}, "value"),
    ],
)
def test_an_invalid_measurement_answers_422_naming_the_field(
    world: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    response = _post(_measurement_url(world), world["municipal"], {"municipality": world["here"].ags, **body})
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == [field]
    assert _uses(world) == [("api_token_refused", 422)]


def test_a_rule_of_the_service_answers_422_naming_its_field(world: dict[str, Any]) -> None:
    body = {"period": "2024", "municipality": world["here"].ags, "value": "1"}
    response = _post(_measurement_url(world, code="kreisweit"), world["municipal"], body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "municipality"
    assert "ganzen Kreis" in response.json()["detail"][0]["msg"]


def test_a_measure_token_appends_status_reports_to_its_measure_only(world: dict[str, Any]) -> None:
    body = {"date": "2025-01-15", "phase": "pilot", "progress": 40, "text": "Pilot in zwei Ämtern"}
    response = _post(_report_url(world, world["m1"]), world["measure"], body)
    assert response.status_code == 201, response.content
    report = StatusReport.objects.get()
    assert (report.measure_lineage, report.phase, report.progress, report.author) == (
        world["m1"].lineage,
        "pilot",
        40,
        world["lead"],
    )
    assert _post(_report_url(world, world["m2"]), world["measure"], body).status_code == 403
    assert _post(_report_url(world, world["m1"]), world["municipal"], body).status_code == 403
    future = {**body, "date": (dt.date.today() + dt.timedelta(days=30)).isoformat()}
    refused = _post(_report_url(world, world["m1"]), world["measure"], future)
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"][-1] == "date"
    wrong = _post(_report_url(world, world["m1"]), world["measure"], {**body, "progress": 140})
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"][-1] == "progress"
    assert StatusReport.objects.count() == 1
    assert _uses(world) == [
        ("api_token_use", 201),
        ("api_token_refused", 403),
        ("api_token_refused", 403),
        ("api_token_refused", 422),
        ("api_token_refused", 422),
    ]


def test_the_secret_is_stored_only_as_a_hash(world: dict[str, Any]) -> None:
    for token in ApiToken.objects.all():
        values = [str(getattr(token, f.attname)) for f in ApiToken._meta.concrete_fields]
        assert world["municipal"] not in values and world["measure"] not in values
        assert token.digest in (tokens.digest_of(world["municipal"]), tokens.digest_of(world["measure"]))


def test_who_may_create_which_token(world: dict[str, Any]) -> None:
    district, here, m2 = world["district"], world["here"], world["m2"]
    with pytest.raises(PermissionDenied):
        tokens.create_token(by=world["lead"], district=district, name="fremd", measure_lineage=m2.lineage)
    with pytest.raises(PermissionDenied):
        tokens.create_token(by=world["lead"], district=district, name="Gemeinde", municipality=here)
    contact = factories.member(district, "municipal_contact", municipality=here)
    tokens.create_token(by=contact, district=district, name="eigene Gemeinde", municipality=here)
    with pytest.raises(PermissionDenied):
        tokens.create_token(by=contact, district=district, name="andere", municipality=world["there"])
    tokens.create_token(by=world["team"], district=district, name="alles", measure_lineage=m2.lineage)
    with pytest.raises(PermissionDenied):
        tokens.create_token(by=None, district=district, name="System", municipality=here)
