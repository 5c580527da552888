"""Large confirmed imports run as background work with visible progress (issue 9), on the real worker."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.core.models import Job, JobState
from kreiskurs.monitoring.models import Indicator, Measurement, PendingUpload
from kreiskurs.monitoring.services import import_indicators
from tests import factories

# the worker manages its own transactions and connections
pytestmark = pytest.mark.django_db(transaction=True)

GENESIS_CSV = Path(__file__).resolve().parents[3] / "tests" / "data" / "stats_12411-01-01-5_coesfeld.csv"
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def setup(settings: Any):  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_BACKEND
    settings.KREISKURS_IMPORT_BACKGROUND_BYTES = 500  # the fixture (about 1.3 kB) counts as large
    district = factories.DistrictFactory(key="05558", slug="coesfeld")
    for ags in ("05558004", "05558008", "05558012", "05558016", "05558020", "05558024"):
        factories.MunicipalityFactory(district=district, ags=ags)
    for ags in ("05558028", "05558032", "05558036", "05558040", "05558044"):
        factories.MunicipalityFactory(district=district, ags=ags)
    import_indicators(by=None, district=district, data=b"code;name;scope\nEW;Einwohner;municipality\n", filename="i")
    client = Client()
    user = factories.member(district, Role.STRATEGY_TEAM)
    client.force_login(user)
    return district, client


def preview_and_confirm(district, client: Client) -> Job:  # type: ignore[no-untyped-def]
    url = f"/{district.slug}/verwaltung/indikatoren/import/messwerte/"
    upload = io.BytesIO(GENESIS_CSV.read_bytes())
    upload.name = GENESIS_CSV.name
    client.post(url, {"file": upload, "indicator": "EW"})
    response = client.post(url, {"confirm": PendingUpload.objects.get().pk})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/aufgaben/{job.pk}/"
    return job


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_a_large_import_runs_in_the_worker_and_shows_its_progress(setup) -> None:  # type: ignore[no-untyped-def]
    district, client = setup
    job = preview_and_confirm(district, client)
    assert job.state == JobState.QUEUED and not Measurement.objects.exists()  # not inside the request
    page = client.get(f"/aufgaben/{job.pk}/").content.decode()
    assert "Messwerte importieren: stats_12411-01-01-5_coesfeld.csv" in page and 'hx-trigger="every 1s"' in page
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert (job.stage, job.done, job.total) == ("Speichern", 32, 32)  # the last stage it reported
    assert job.message.startswith("Import erfolgreich: 32 neu, 0 aktualisiert, 0 unverändert")
    assert job.result_url == f"/{district.slug}/verwaltung/indikatoren/"
    assert Measurement.objects.count() == 32
    assert Measurement.objects.get(municipality__ags="05558004", period="2021").value == Decimal(15822)
    assert not PendingUpload.objects.exists()


def test_a_file_that_became_invalid_fails_with_its_errors_and_changes_nothing(setup) -> None:  # type: ignore[no-untyped-def]
    district, client = setup
    job = preview_and_confirm(district, client)
    Indicator.objects.filter(district=district, code="EW").delete()  # between preview and worker
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "Unbekannter Indikator „EW“" in job.message
    assert not Measurement.objects.exists() and not PendingUpload.objects.exists()
