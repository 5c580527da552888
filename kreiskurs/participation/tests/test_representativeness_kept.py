"""The process page's representativeness is kept on the process: read while fresh, recomputed after REFRESH."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kreiskurs.participation.models import Participant, Process
from kreiskurs.participation.services.participants import forget
from kreiskurs.participation.services.representativeness import REFRESH, current_of_process
from tests import factories

from .test_representativeness_pages import take_part, towns

pytestmark = pytest.mark.django_db


def people(process: Process) -> int:
    return current_of_process(process=Process.objects.get(pk=process.pk)).people


def test_a_kept_result_is_read_until_it_is_older_than_refresh_then_recomputed() -> None:
    process = factories.running_process(kind="statements")
    town, *_rest = towns(process.district)
    take_part(process, 6, municipality=town)
    assert people(process) == 6
    take_part(process, 3, municipality=town)
    with CaptureQueriesContext(connection) as kept:
        assert people(process) == 6  # kept: the three newcomers follow after REFRESH
    Process.objects.filter(pk=process.pk).update(
        representativeness_at=Process.objects.get(pk=process.pk).representativeness_at - REFRESH
    )
    with CaptureQueriesContext(connection) as recomputed:
        assert people(process) == 9
    # reading the kept result counts nothing (1 query: the process itself)
    assert len(kept.captured_queries) == 1 < len(recomputed.captured_queries)


def test_each_language_is_kept_on_its_own() -> None:
    process = factories.running_process(kind="statements")
    take_part(process, 5, age_band="18-29")
    with translation.override("de"):
        german = current_of_process(process=process).municipalities.source
    with translation.override("en"):
        english = current_of_process(process=process).municipalities.source
    assert german == "Einwohnerzahlen der Gemeinden (GV100AD)" and english != german
    assert set(Process.objects.get(pk=process.pk).representativeness) == {"de", "en"}


def test_forgetting_a_person_drops_the_kept_results_of_the_district() -> None:
    process = factories.running_process(kind="statements")
    town, *_rest = towns(process.district)
    take_part(process, 7, municipality=town)
    url = f"/{process.district.slug}/beteiligung/{process.pk}/"
    assert "7 Personen haben teilgenommen." in Client().get(url).content.decode()
    forget(participants=[Participant.objects.filter(district=process.district).first()], keep_contributions=False)
    assert Process.objects.get(pk=process.pk).representativeness_at is None
    assert "6 Personen haben teilgenommen." in Client().get(url).content.decode()


def test_a_result_kept_in_the_future_counts_as_expired() -> None:
    """A clock set back (or a copied database) must not freeze the figures."""
    process = factories.running_process(kind="statements")
    take_part(process, 5)
    assert people(process) == 5
    later = Process.objects.get(pk=process.pk).representativeness_at + dt.timedelta(days=1)
    Process.objects.filter(pk=process.pk).update(representativeness_at=later)
    take_part(process, 2)
    assert people(process) == 7
