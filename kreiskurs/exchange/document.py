"""The exchange document of a strategy version (schema ``schema/strategy-v1.json``, see docs/exchange.md).

Built from plain rows in a fixed number of queries and written canonically
(sorted lists, fixed key order, decimals without exponent, UTF-8, two-space
indent), so that export → import → export gives the same bytes. Nothing
installation-specific enters it: no database ids, no creation times; elements
are named by lineage (``id``) and referenced by code.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from kreiskurs.monitoring.models import Indicator, IndicatorLink, Measurement
from kreiskurs.strategy.models import (
    Adoption,
    BaselineSection,
    Criterion,
    CriterionScore,
    FieldOfAction,
    Goal,
    Measure,
    MeasureMunicipality,
    Milestone,
    StrategyVersion,
    SwotItem,
    Value,
)

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).parent / "schema" / f"strategy-v{SCHEMA_VERSION}.json"
SCHEMA_URL_PATH = f"/schema/strategy-v{SCHEMA_VERSION}.json"


@cache
def schema() -> dict[str, Any]:
    """The published JSON Schema of the current version of the document."""
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def decimal_text(value: Decimal | None) -> str | None:
    """``Decimal('12.5000')`` → ``"12.5"``; the same text whatever scale the database returned."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _instant(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def dumps(document: dict[str, Any]) -> bytes:
    """The canonical text of a document."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


def export_version(version: StrategyVersion) -> dict[str, Any]:
    """The whole version as an exchange document (a dict that validates against ``schema()``)."""
    version = StrategyVersion.objects.select_related("district", "strategy").get(pk=version.pk)
    district = version.district
    adoptions = Adoption.objects.filter(version=version).select_related("municipality").order_by("date", "id")
    goals = list(Goal.objects.filter(version=version).select_related("parent", "field").order_by("position", "code"))
    measures = _measures(version)
    findings = _grouped(
        Goal.findings.through.objects.filter(goal__version=version)
        .order_by("swotitem__position", "swotitem__id")
        .values_list("goal_id", "swotitem__lineage")
    )
    findings = {k: [str(v) for v in values] for k, values in findings.items()}
    return {
        "$schema": SCHEMA_URL_PATH,
        "schema_version": SCHEMA_VERSION,
        "district": {"key": district.key, "name": district.name},
        "strategy": {"title": version.strategy.title, "is_example": version.strategy.is_example},
        "version": {
            "number": version.number,
            "state": version.state,
            "adopted_at": _instant(version.adopted_at),
            "consultation_until": _date(version.consultation_until),
            "vision_title": version.vision_title,
            "vision_text": version.vision_text,
            "change_summary": version.change_summary,
            "adoptions": [
                {
                    "body": a.body,
                    "municipality": a.municipality.ags if a.municipality else None,
                    "date": a.date.isoformat(),
                    "reference": a.reference,
                    "url": a.url,
                }
                for a in adoptions
            ],
        },
        "values": [
            {"id": str(v.lineage), "title": v.title, "description": v.description}
            for v in Value.objects.filter(version=version).order_by("position", "id")
        ],
        "baseline": [
            {"id": str(b.lineage), "title": b.title, "text": b.text, "field": b.field.code if b.field else None}
            for b in BaselineSection.objects.filter(version=version).select_related("field").order_by("position", "id")
        ],
        "swot": _swot(version),
        "fields_of_action": [
            {"id": str(f.lineage), "code": f.code, "title": f.title, "description": f.description}
            for f in FieldOfAction.objects.filter(version=version).order_by("position", "code")
        ],
        "goals": [
            {
                "id": str(g.lineage),
                "code": g.code,
                "title": g.title,
                "description": g.description,
                "parent": g.parent.code if g.parent else None,
                "field": g.field.code if g.field else None,
                "findings": findings.get(g.pk, []),
            }
            for g in goals
        ],
        "criteria": [
            {"id": str(c.lineage), "title": c.title, "kind": c.kind, "description": c.description, "weight": c.weight}
            for c in Criterion.objects.filter(version=version).order_by("position", "id")
        ],
        "measures": measures,
        "indicators": _indicators(version, goals=[g.lineage for g in goals], measures=[m["id"] for m in measures]),
    }


def _grouped(rows: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for key, *rest in rows:
        grouped[key].append(rest[0] if len(rest) == 1 else tuple(rest))
    return grouped


def _swot(version: StrategyVersion) -> list[dict[str, Any]]:
    fields = _grouped(
        SwotItem.fields_of_action.through.objects.filter(swotitem__version=version)
        .order_by("fieldofaction__position", "fieldofaction__code")
        .values_list("swotitem_id", "fieldofaction__code")
    )
    return [
        {
            "id": str(s.lineage),
            "kind": s.kind,
            "text": s.text,
            "explanation": s.explanation,
            "fields": fields.get(s.pk, []),
        }
        for s in SwotItem.objects.filter(version=version).order_by("position", "id")
    ]


def _measures(version: StrategyVersion) -> list[dict[str, Any]]:
    through_fields = Measure.fields_of_action.through.objects.filter(measure__version=version)
    fields = _grouped(
        through_fields.order_by("fieldofaction__position", "fieldofaction__code").values_list(
            "measure_id", "fieldofaction__code"
        )
    )
    goals = _grouped(
        Measure.goals.through.objects.filter(measure__version=version)
        .order_by("goal__position", "goal__code")
        .values_list("measure_id", "goal__code")
    )
    dependencies = _grouped(
        Measure.dependencies.through.objects.filter(from_measure__version=version)
        .order_by("to_measure__code")
        .values_list("from_measure_id", "to_measure__code")
    )
    municipalities = _grouped(
        MeasureMunicipality.objects.filter(measure__version=version)
        .order_by("municipality__ags")
        .values_list("measure_id", "municipality__ags", "role")
    )
    milestones = _grouped(
        Milestone.objects.filter(measure__version=version)
        .order_by("due", "id")
        .values_list("measure_id", "lineage", "title", "due", "done_on")
    )
    scores = _grouped(
        CriterionScore.objects.filter(measure__version=version)
        .order_by("criterion__position", "criterion__id")
        .values_list("measure_id", "criterion__lineage", "passed", "score")
    )
    result = []
    for m in Measure.objects.filter(version=version).order_by("code"):
        result.append(
            {
                "id": str(m.lineage),
                "code": m.code,
                "title": m.title,
                "summary": m.summary,
                "objectives": m.objectives,
                "expected_impact": m.expected_impact,
                "fields": fields.get(m.pk, []),
                "goals": goals.get(m.pk, []),
                "lead_unit": m.lead_unit,
                "lead_person": m.lead_person,
                "measure_type": m.measure_type,
                "priority": m.priority,
                "digital_check": m.digital_check,
                "digital_check_note": m.digital_check_note,
                "estimated_cost": decimal_text(m.estimated_cost),
                "funding": m.funding,
                "funding_programme": m.funding_programme,
                "start": _date(m.start),
                "end": _date(m.end),
                "phase": m.phase,
                "dependencies": dependencies.get(m.pk, []),
                "origin": m.origin,
                "origin_note": m.origin_note,
                "weight": m.weight,
                "reporting_interval": m.reporting_interval,
                "council_links": m.council_link_list(),
                "join_needs_confirmation": m.join_needs_confirmation,
                "municipalities": [{"ags": ags, "role": role} for ags, role in municipalities.get(m.pk, [])],
                "milestones": [
                    {"id": str(lineage), "title": title, "due": _date(due), "done_on": _date(done_on)}
                    for lineage, title, due, done_on in milestones.get(m.pk, [])
                ],
                "scores": [
                    {"criterion": str(criterion), "passed": passed, "score": score}
                    for criterion, passed, score in scores.get(m.pk, [])
                ],
            }
        )
    return result


def _indicators(version: StrategyVersion, *, goals: list[Any], measures: list[str]) -> list[dict[str, Any]]:
    """The district's indicators; of their links only those to elements of this version."""
    known = {str(g) for g in goals} | set(measures)
    links: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"goal": [], "measure": []})
    for indicator_id, kind, lineage in (
        IndicatorLink.objects.filter(district=version.district)
        .order_by("lineage")
        .values_list("indicator_id", "kind", "lineage")
    ):
        if str(lineage) in known:
            links[indicator_id][kind].append(str(lineage))
    measurements = _grouped(
        Measurement.objects.filter(district=version.district)
        .order_by("period_start", "period", "municipality__ags")
        .values_list("indicator_id", "period", "municipality__ags", "value", "source", "note")
    )
    return [
        {
            "code": i.code,
            "name": i.name,
            "unit": i.unit,
            "description": i.description,
            "source": i.source,
            "direction": i.direction,
            "baseline_value": decimal_text(i.baseline_value),
            "baseline_date": _date(i.baseline_date),
            "target_value": decimal_text(i.target_value),
            "target_date": _date(i.target_date),
            "level": i.level,
            "scope": i.scope,
            "goals": links[i.pk]["goal"],
            "measures": links[i.pk]["measure"],
            "measurements": [
                {"period": period, "municipality": ags, "value": decimal_text(value), "source": source, "note": note}
                for period, ags, value, source, note in measurements.get(i.pk, [])
            ],
        }
        for i in Indicator.objects.filter(district=version.district).order_by("code")
    ]
