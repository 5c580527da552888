"""Evaluation reports in the API: published rounds only, with their ratings; bounded queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.evaluation.models import Assessment, EvaluationRound
from kreiskurs.strategy.models import Goal, StrategyVersion
from tests import factories

pytestmark = pytest.mark.django_db


def _round(version: StrategyVersion, title: str, state: str) -> EvaluationRound:
    published = state == EvaluationRound.State.PUBLISHED
    evaluation = EvaluationRound.objects.create(
        district=version.district,
        version=version,
        title=title,
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31),
        state=state,
        findings="Gut vorangekommen",
        published_at=timezone.now() if published else None,
    )
    goal = Goal.objects.filter(version=version).first()
    assert goal is not None
    Assessment.objects.create(
        district=version.district,
        round=evaluation,
        kind="goal",
        lineage=goal.lineage,
        rating="on_track",
        suggested="on_track",
    )
    return evaluation


def test_only_published_reports_appear_with_their_ratings() -> None:
    version = factories.adopted_strategy(measures=1)
    _round(version, "Bericht 2024", EvaluationRound.State.PUBLISHED)
    _round(version, "Entwurf 2025", EvaluationRound.State.OPEN)
    url = f"/api/v1/districts/{version.district.key}/evaluations/"
    client = Client()
    body = client.get(url).json()
    assert [r["title"] for r in body["results"]] == ["Bericht 2024"]
    goal = Goal.objects.get(version=version)
    assert body["results"][0]["assessments"] == [
        {"kind": "goal", "id": str(goal.lineage), "rating": "on_track", "rationale": ""}
    ]
    assert client.get(f"{url}?version=2").json()["count"] == 0
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(4):
        _round(version, f"Bericht {n}", EvaluationRound.State.PUBLISHED)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).json()["count"] == 5
    assert len(many.captured_queries) == len(few.captured_queries)
