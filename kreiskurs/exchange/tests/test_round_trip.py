"""Export → import into an empty installation → export gives the same bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from jsonschema import Draft202012Validator

from kreiskurs.demo.loader import DISTRICT_KEY, GV100AD_EXCERPT, load_demo
from kreiskurs.exchange.document import dumps, schema
from kreiskurs.exchange.services import export_strategy
from kreiskurs.monitoring.models import Measurement
from kreiskurs.strategy.models import Measure, Strategy, StrategyVersion, VersionState
from kreiskurs.territory.importer import import_gv100ad
from kreiskurs.territory.models import District

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_published_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(schema())


def test_demo_export_reimports_into_an_empty_installation_and_exports_the_same_bytes(tmp_path: Path) -> None:
    with transaction.atomic():
        district = load_demo()
        adopted = StrategyVersion.objects.get(district=district, state=VersionState.ADOPTED)
        first = dumps(export_strategy(district=district, number=adopted.number))
        measures = Measure.objects.filter(version=adopted).count()
        measurements = Measurement.objects.filter(district=district).count()
        transaction.set_rollback(True)
    assert not Strategy.objects.exists()
    document = json.loads(first)
    assert not list(Draft202012Validator(schema()).iter_errors(document))
    assert len(document["measures"]) == measures > 0
    assert sum(len(i["measurements"]) for i in document["indicators"]) == measurements > 0
    # the Ausgangslage with its SWOT findings, and goals answering them, travel too
    assert document["baseline"] and document["swot"]
    assert any(g["findings"] for g in document["goals"])

    import_gv100ad(GV100AD_EXCERPT)  # the empty installation: territory only
    exported = tmp_path / "strategie.json"
    exported.write_bytes(first)
    call_command("import_strategy", str(exported), "--district", DISTRICT_KEY)
    again = tmp_path / "wieder.json"
    call_command("export_strategy", str(again), "--district", DISTRICT_KEY, "--version", str(adopted.number))

    assert again.read_bytes() == first
    district = District.objects.get(key=DISTRICT_KEY)
    version = StrategyVersion.objects.get(district=district)
    assert version.state == VersionState.ADOPTED and version.adopted_at == adopted.adopted_at
    assert Measure.objects.filter(version=version).count() == measures
