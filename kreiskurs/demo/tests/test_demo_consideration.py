"""The demo's consultation on version 2 ends in a finished consideration, and adopting it loses nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kreiskurs.accounts.models import User
from kreiskurs.participation.models import Comment, Process
from kreiskurs.participation.selectors.consideration import awaiting_response, consideration_table
from kreiskurs.strategy import services
from kreiskurs.strategy.models import Enrolment, Measure, StrategyVersion, VersionState
from kreiskurs.strategy.selectors import participations_of
from kreiskurs.territory.models import Municipality

pytestmark = pytest.mark.django_db


def test_the_demo_consultation_has_a_finished_consideration_and_adoption_carries_requests_over() -> None:
    call_command("load_demo")
    v1, v2 = StrategyVersion.objects.filter(district__key="05558").order_by("number")
    draft_process = Process.objects.get(version=v2, template="draft")
    rows = consideration_table(draft_process)
    assert rows and all(r.consideration is not None for r in rows)
    assert any(r.change_url for r in rows)
    page = Client().get(f"/{v2.district.slug}/beteiligung/{draft_process.pk}/abwaegung/").content.decode()
    assert "übernommen" in page and "Abwägung steht aus" not in page
    assert awaiting_response(Process.objects.filter(pk=draft_process.pk)) == 0
    # the comment still held by moderation is not in the table
    assert Comment.objects.filter(process=draft_process).pending().exists()

    open_requests = list(Enrolment.objects.filter(version=v1, state=Enrolment.State.REQUESTED))
    assert open_requests
    services.adopt_version(
        by=User.objects.get(username="cdo"),
        version=v2,
        body="kreistag",
        date=timezone.localdate(),
        reference="SV-11/0099",
        settle=True,
    )
    v1.refresh_from_db()
    assert v1.state == VersionState.SUPERSEDED
    assert not Enrolment.objects.filter(version=v1, state=Enrolment.State.REQUESTED).exists()
    for request in open_requests:
        measure = Measure.objects.get(version=v2, lineage=request.measure_lineage)
        pending = {p.municipality.pk for p in participations_of([measure])[measure.pk] if p.pending}
        assert request.municipality_id in pending
    dülmen = Municipality.objects.get(pk=open_requests[0].municipality_id)
    page = Client().get(f"/{v2.district.slug}/gemeinden/{dülmen.slug}/").content.decode()
    assert "angefragt" in page or "Anfrage" in page
