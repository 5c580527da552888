"""schemathesis against the OpenAPI document of /api/v1/: no server error, no undocumented status.

Bounded and reproducible: a fixed number of examples per operation, derandomised
(the same cases on every run), no deadline (the machine's speed is no finding).
Paths schemathesis makes up get fewer examples (they mostly name no row) than
paths naming the demo's rows, where every query value meets real data.
Runs against the demo district, through the WSGI application, so requests take
the whole middleware chain (NUL refused with 400) and see real rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from kreiskurs.accounts.models import Membership
from kreiskurs.api import tokens
from kreiskurs.api.api import api
from kreiskurs.monitoring.models import Indicator
from kreiskurs.participation.models import Process
from kreiskurs.strategy.models import Measure
from kreiskurs.territory.models import District, Municipality
from tests.demo_snapshot import Snapshot, demo_for_module

#: examples per operation with the paths schemathesis makes up (mostly unknown keys: 404 or 422)
MAX_EXAMPLES = 10
#: examples per operation with the paths naming real rows (the query values meet real data)
MAX_EXAMPLES_ON_ROWS = 15

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
#: the operations with path parameters: without any, both tests below would send the same cases
templated = schema.include(path_regex=r"\{")


@pytest.fixture
def application(settings: Any) -> Iterator[WSGIHandler]:
    """The WSGI application as production runs it, over plain HTTP to the test host
    (built here: its middleware reads the settings once, when it is built). As in
    Django's test client, requests keep the test's database connection open."""
    settings.ALLOWED_HOSTS = ["localhost"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def demo(demo_snapshot: Snapshot | None, django_db_blocker: Any) -> Iterator[District]:
    """The demo district for this module (tests/demo_snapshot.py), with write tokens."""
    with demo_for_module(demo_snapshot, django_db_blocker) as district:
        _write_tokens(district)
        yield district


#: secrets of the write tokens the demo fixture creates: one municipality's measurements, one measure's reports
TOKENS: dict[str, Any] = {}


def _write_tokens(district: District) -> None:
    """Valid tokens, so that schemathesis reaches the write endpoints past 401 (scope, payload, service)."""
    team = Membership.objects.filter(district=district, role="strategy_team").select_related("user").first()
    assert team is not None
    municipality = Municipality.objects.filter(district=district).order_by("ags").first()
    measure = Measure.objects.filter(district=district).order_by("code").first()
    assert municipality is not None and measure is not None
    TOKENS["municipality"] = municipality.ags
    TOKENS["lineage"] = str(measure.lineage)
    _, TOKENS["measurements"] = tokens.create_token(
        by=team.user, district=district, name="schemathesis", municipality=municipality
    )
    _, TOKENS["status-reports"] = tokens.create_token(
        by=team.user, district=district, name="schemathesis", measure_lineage=measure.lineage
    )


@pytest.mark.django_db
@templated.parametrize()
@hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_only_documented_statuses_and_never_a_server_error(
    case: Any, demo: District, application: WSGIHandler
) -> None:
    case.call_and_validate(app=application, checks=[not_a_server_error, status_code_conformance])


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=MAX_EXAMPLES_ON_ROWS,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_on_the_demo_rows_answers_only_documented_statuses(
    case: Any, demo: District, application: WSGIHandler
) -> None:
    """The same with the path naming real rows, so the query values meet real data."""
    process = Process.objects.published().filter(district=demo).order_by("pk").first()
    indicator = Indicator.objects.filter(district=demo).order_by("code").first()
    assert process is not None and indicator is not None
    indicator = Indicator.objects.filter(district=demo, scope="municipality").order_by("code").first() or indicator
    real = {"key": demo.key, "code": indicator.code, "process_id": process.pk, "lineage": TOKENS["lineage"]}
    if case.path_parameters:
        case.path_parameters.update({k: v for k, v in real.items() if k in case.path_parameters})
    if case.method.upper() == "POST":
        # a valid token of the right scope: the write runs through scope, payload and service checks
        endpoint = "measurements" if case.path.endswith("/measurements/") else "status-reports"
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKENS[endpoint]}"}
        if endpoint == "measurements" and isinstance(case.body, dict):
            case.body["municipality"] = TOKENS["municipality"]
    case.call_and_validate(app=application, checks=[not_a_server_error, status_code_conformance])


def test_schemathesis_sees_every_api_operation() -> None:
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == sum(len(ops) for ops in api.get_openapi_schema()["paths"].values())
