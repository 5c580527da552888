"""The evaluation report shows who took part in its period by municipality and age band (decision 0029)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from kreiskurs.evaluation import services
from kreiskurs.evaluation.tests.test_rounds import adopted, open_round
from kreiskurs.participation.models import Participant
from kreiskurs.participation.services import participants as participant_services
from kreiskurs.participation.tests.test_representativeness_pages import take_part, towns
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_report_compares_the_periods_participants_and_keeps_the_table_once_published() -> None:
    version = adopted()
    district = version.district
    process = factories.running_process(district, kind="statements")
    a, b, _c = towns(district)
    take_part(process, 12, municipality=a)
    take_part(process, 6, municipality=b)
    today = timezone.localdate()
    evaluation = open_round(version, period_start=today - dt.timedelta(days=30), period_end=today)
    services.update_findings(by=None, evaluation=evaluation, findings="x", expected_revision=None)
    services.publish_round(by=None, evaluation=evaluation)
    url = f"/{district.slug}/evaluation/{evaluation.pk}/"

    def astadt_row() -> str:
        cache.clear()
        body = Client().get(url).content.decode()
        part = body.split("Beteiligung im Zeitraum")[1].split("Änderungsvorschläge")[0]
        assert 'id="period-representativeness-heading"' in part and "18 Personen haben teilgenommen." in part
        return part.split("Astadt</th>")[1].split("</tr>")[0]

    assert ">12<" in astadt_row() and "überrepräsentiert" in astadt_row()
    # the published report keeps its table when people change their declaration afterwards
    for person in Participant.objects.filter(municipality=a):
        participant_services.update_profile(participant=person, values={"municipality": None})
    assert ">12<" in astadt_row()
    evaluation.refresh_from_db()
    assert evaluation.figures["representativeness"]["municipalities"]["declared"] == 18
