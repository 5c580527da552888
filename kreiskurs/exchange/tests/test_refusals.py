"""A damaged or foreign exchange file is refused with where and what, and changes nothing."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from kreiskurs.audit.models import AuditEntry
from kreiskurs.exchange.document import dumps
from kreiskurs.exchange.services import export_strategy, import_strategy
from kreiskurs.exchange.validation import DocumentRefused
from kreiskurs.monitoring.models import Indicator, IndicatorLink, Measurement
from kreiskurs.strategy.models import Measure, Strategy, StrategyVersion
from kreiskurs.territory.models import District
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def source() -> dict[str, Any]:
    """The exported document of a small adopted strategy with an indicator and two measurements."""
    version = factories.adopted_strategy(measures=2)
    district = version.district
    indicator = Indicator.objects.create(district=district, code="I1", name="Online-Dienste", unit="Anzahl")
    measure = Measure.objects.filter(version=version).order_by("code").first()
    assert measure is not None
    IndicatorLink.objects.create(district=district, indicator=indicator, kind="measure", lineage=measure.lineage)
    for year, value in (("2023", "12"), ("2024", "17.5")):
        Measurement.objects.create(
            district=district,
            indicator=indicator,
            period=year,
            period_start=dt.date(int(year), 1, 1),
            value=Decimal(value),
        )
    return export_strategy(district=district, number=version.number)


def _target(document: dict[str, Any]) -> District:
    """A district without strategy, and the document pointed at it."""
    district = factories.DistrictFactory()
    document["district"] = {"key": district.key, "name": district.name}
    return district


def _state(district: District) -> tuple[int, ...]:
    return (
        Strategy.objects.filter(district=district).count(),
        StrategyVersion.objects.filter(district=district).count(),
        Measure.objects.filter(district=district).count(),
        Indicator.objects.filter(district=district).count(),
        Measurement.objects.filter(district=district).count(),
        AuditEntry.objects.filter(district=district).count(),
    )


def test_a_valid_document_imports_into_another_district(source: dict[str, Any]) -> None:
    document = copy.deepcopy(source)
    district = _target(document)
    version = import_strategy(by=None, district=district, data=dumps(document))
    assert Measure.objects.filter(version=version).count() == 2
    assert [str(m.value) for m in Measurement.objects.filter(district=district).order_by("period")] == [
        "12.0000",
        "17.5000",
    ]
    again = export_strategy(district=district, number=version.number)
    assert again == document
    assert AuditEntry.objects.filter(district=district, action="import_strategy").count() == 1


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target = document
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _delete(path: list[Any]) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target = document
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


CASES = [
    ("schema version", _set(["schema_version"], 2), "/schema_version", "Schemaversion 2 wird nicht unterstützt"),
    ("missing field", _delete(["measures", 0, "title"]), "/measures/0", "Pflichtfeld fehlt: title"),
    ("unknown field", _set(["goals", 0, "colour"], "rot"), "/goals/0", "Unbekanntes Feld: colour"),
    ("wrong type", _set(["measures", 1, "weight"], "schwer"), "/measures/1/weight", "Falscher Typ"),
    ("bad choice", _set(["measures", 0, "phase"], "fertig"), "/measures/0/phase", "nicht erlaubt"),
    ("unknown goal", _set(["measures", 0, "goals"], ["Z99"]), "/measures/0/goals/0", "Unbekannter Verweis auf Ziel"),
    ("unknown field", _set(["goals", 0, "field"], "HF9"), "/goals/0/field", "Handlungsfeld: HF9"),
    (
        "unknown municipality",
        _set(["measures", 1, "municipalities"], [{"ags": "99999999", "role": "lead"}]),
        "/measures/1/municipalities/0/ags",
        "Gemeinde des Kreises",
    ),
    ("duplicate code", _set(["measures", 1, "code"], "M1"), "/measures/1/code", "M1 kommt mehrfach vor"),
    (
        "unknown finding",
        _set(["goals", 0, "findings"], ["00000000-0000-4000-8000-000000000000"]),
        "/goals/0/findings/0",
        "Befund der Ausgangslage",
    ),
    ("parent cycle", _set(["goals", 0, "parent"], "Z1"), "/goals/0/parent", "Kreis"),
    (
        "end before start",
        lambda d: d["measures"][1].update(start="2025-01-01", end="2024-01-01"),
        "/measures/1",
        "Das Ende liegt vor dem Beginn",
    ),
    (
        "too long a value",
        _set(["indicators", 0, "measurements", 1, "value"], "12345678901234567890"),
        "/indicators/0/measurements/1/value",
        "",
    ),
    (
        "duplicate period",
        _set(["indicators", 0, "measurements", 1, "period"], "2023"),
        "/indicators/0/measurements/1/period",
        "kommt mehrfach vor",
    ),
]


@pytest.mark.parametrize(("change", "path", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_damaged_document_is_refused_with_its_path_and_changes_nothing(
    source: dict[str, Any], change: Callable[[dict[str, Any]], None], path: str, message: str
) -> None:
    document = copy.deepcopy(source)
    district = _target(document)
    change(document)
    before = _state(district)
    with pytest.raises(DocumentRefused) as refused:
        import_strategy(by=None, district=district, data=dumps(document))
    assert any(p.path == path and message in p.message for p in refused.value.problems), refused.value.problems
    assert _state(district) == before


def test_bad_json_is_refused_naming_line_and_column(source: dict[str, Any]) -> None:
    district = factories.DistrictFactory()
    with pytest.raises(DocumentRefused, match=r"Kein gültiges JSON: Zeile 2, Spalte"):
        import_strategy(by=None, district=district, data=b'{"schema_version": 1,\n  "district": }')
    assert _state(district) == (0, 0, 0, 0, 0, 0)


def test_a_document_of_another_district_is_refused(source: dict[str, Any]) -> None:
    district = factories.DistrictFactory()
    with pytest.raises(DocumentRefused) as refused:
        import_strategy(by=None, district=district, data=dumps(source))
    assert refused.value.problems[0].path == "/district/key"
    assert source["district"]["key"] in refused.value.problems[0].message
    assert _state(district) == (0, 0, 0, 0, 0, 0)


def test_a_district_with_a_strategy_is_not_merged_into(source: dict[str, Any]) -> None:
    district = District.objects.get(key=source["district"]["key"])
    before = _state(district)
    with pytest.raises(DocumentRefused, match="hat schon eine Strategie"):
        import_strategy(by=None, district=district, data=json.dumps(source).encode())
    assert _state(district) == before
