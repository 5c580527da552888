"""Prioritising measures: one rating (1–5) per participant and measure, only in the prioritisation phase;
the result is public once the phase has ended."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.participation.models import MeasureRating, Phase
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services.base import NotAllowedNow
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import Measure, StrategyVersion
from tests import factories

pytestmark = pytest.mark.django_db


def in_consultation(measures: int) -> StrategyVersion:
    """Version 2 of a strategy, released for consultation: prioritisation rates a version in consultation."""
    adopted = factories.adopted_strategy(measures=measures)
    draft = strategy_services.start_revision(by=None, strategy=adopted.strategy)
    return strategy_services.set_version_state(by=None, version=draft, state="consultation")


def test_rating_replaces_the_own_rating_and_the_result_opens_after_the_phase() -> None:
    version = in_consultation(measures=2)
    process = factories.running_process(version.district, kind="prioritisation", version=version)
    m1, m2 = Measure.objects.filter(version=version).order_by("code")
    url = f"/{version.district.slug}/beteiligung/{process.pk}/prioritaeten/"
    users = [factories.UserFactory() for _ in range(2)]
    for n, user in enumerate(users):
        factories.participant(version.district, user, name=f"P{n}")
        client = Client()
        client.force_login(user)
        assert client.post(url, factories.human_form_data(measure=m1.lineage, value=5 - n)).status_code == 302
    client.post(url, factories.human_form_data(measure=m1.lineage, value=2))  # the second person changes theirs
    assert sorted(MeasureRating.objects.values_list("value", flat=True)) == [2, 5]
    assert "Priorität im Mittel" not in Client().get(url).content.decode()  # hidden while the phase runs
    assert client.post(url, factories.human_form_data(measure=m2.lineage, value=9)).status_code == 302
    assert not MeasureRating.objects.filter(measure_lineage=m2.lineage).exists()
    Phase.objects.filter(process=process).update(end=timezone.now() - dt.timedelta(minutes=1))
    page = Client().get(url).content.decode()
    assert "Priorität im Mittel" in page and "3,5 (2)" in page
    assert client.post(url, factories.human_form_data(measure=m2.lineage, value=3)).status_code == 302
    assert not MeasureRating.objects.filter(measure_lineage=m2.lineage).exists()  # phase over


def test_only_measures_of_the_process_version_and_only_in_the_phase() -> None:
    version = in_consultation(measures=1)
    other = factories.adopted_strategy(measures=1)
    process = factories.running_process(version.district, kind="prioritisation", version=version)
    user = factories.UserFactory()
    rater = factories.participant(version.district, user)
    foreign = Measure.objects.get(version=other)
    with pytest.raises(ValidationError):
        idea_services.rate_measure(
            by=user, process=process, participant=rater, measure_lineage=foreign.lineage, value=3
        )
    ideas = factories.running_process(version.district, kind="ideas", version=version)
    with pytest.raises(NotAllowedNow):
        idea_services.rate_measure(
            by=user,
            process=ideas,
            participant=rater,
            measure_lineage=Measure.objects.get(version=version).lineage,
            value=3,
        )


def test_page_queries_do_not_grow_with_measures() -> None:
    def count(measures: int) -> int:
        version = factories.adopted_strategy(measures=measures)
        process = factories.running_process(version.district, kind="prioritisation", version=version)
        with CaptureQueriesContext(connection) as ctx:
            Client().get(f"/{version.district.slug}/beteiligung/{process.pk}/prioritaeten/")
        return len(ctx.captured_queries)

    assert count(2) == count(12)
