"""The API's strategy document carries the baseline (Ausgangslage) of the version, stored like the rest."""

from __future__ import annotations

import pytest
from django.test import Client

from kreiskurs.api.schemas import StrategyOut
from kreiskurs.strategy.models import StoredRendering
from kreiskurs.strategy.tests.test_baseline import adopted_with_baseline

pytestmark = pytest.mark.django_db


def test_the_strategy_document_has_the_baseline_sections_and_swot_findings() -> None:
    version = adopted_with_baseline()
    doc = Client().get(f"/api/v1/districts/{version.district.key}/strategy/").json()
    StrategyOut.model_validate(doc)
    assert [(s["title"], s["field"]) for s in doc["baseline"]] == [("Breitband", "HF1")]
    weakness = next(i for i in doc["swot"] if i["kind"] == "weakness")
    assert (weakness["text"], weakness["fields"], weakness["goals"]) == ("Glasfaser fehlt", ["HF1"], ["Z1"])
    assert "Glasfaser fehlt" in StoredRendering.objects.get(version=version, kind="api").content
