"""The strategy document of the API: a live head and the version's content, stored once per frozen version.

The content (values, fields of action, goals, measures, the baseline) is read with
``values_list`` — flat rows, no model instances, no prefetch — and, for an
adopted or superseded version, kept as JSON text in ``strategy.renderings``,
so it is built once per version. The head (district, title, the version with
its adoption records, which can still be added after adoption) is a few rows
and built per request. The two are joined as text: the document's keys and
their order are the same as when it was one ``json.dumps``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch

from kreiskurs.strategy.models import (
    Adoption,
    BaselineSection,
    FieldOfAction,
    Goal,
    Measure,
    MeasureMunicipality,
    StrategyVersion,
    SwotItem,
    Value,
)
from kreiskurs.strategy.renderings import stored

#: raise when the stored JSON of the content changes (stored rows are then rebuilt)
CONTENT_FORMAT = 2  # 2: the baseline (Ausgangslage sections and SWOT findings)
MEASURE_COLUMNS = (
    "pk",
    "lineage",
    "code",
    "title",
    "summary",
    "phase",
    "priority",
    "measure_type",
    "lead_unit",
    "lead_person",
    "start",
    "end",
    "estimated_cost",
)


def _dumps(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def strategy_document(version: StrategyVersion, version_dict: Any) -> bytes:
    """The JSON document of ``version``; ``version_dict`` turns the version into its API form."""
    version = (
        StrategyVersion.objects.select_related("strategy", "district", "based_on")
        .prefetch_related(Prefetch("adoptions", queryset=Adoption.objects.select_related("municipality")))
        .get(pk=version.pk)
    )
    head = _dumps(
        {
            "district": version.district.key,
            "title": version.strategy.title,
            "is_example": version.strategy.is_example,
            "version": version_dict(version),
            "vision_title": version.vision_title,
            "vision_text": version.vision_text,
        }
    )
    content = stored(
        version, kind="api", fmt=CONTENT_FORMAT, language="", build=lambda: _dumps(version_content(version))
    )
    return (head[:-1] + "," + content[1:]).encode()


def version_content(version: StrategyVersion) -> dict[str, Any]:
    """Values, fields of action, goals, measures and the baseline of ``version`` as plain data. Eleven queries."""
    fields = list(FieldOfAction.objects.filter(version=version).values_list("lineage", "code", "title", "description"))
    goals = Goal.objects.filter(version=version).values_list(
        "lineage", "code", "title", "description", "parent__code", "field__code"
    )
    return {
        "values": [
            {"id": str(lineage), "title": title, "description": description}
            for lineage, title, description in Value.objects.filter(version=version).values_list(
                "lineage", "title", "description"
            )
        ],
        "fields_of_action": [
            {"id": str(lineage), "code": code, "title": title, "description": description}
            for lineage, code, title, description in fields
        ],
        "goals": [
            {
                "id": str(lineage),
                "code": code,
                "title": title,
                "description": description,
                "parent": parent,
                "field": field,
            }
            for lineage, code, title, description, parent, field in goals
        ],
        "measures": _measures(version),
        **_baseline(version),
    }


def _baseline(version: StrategyVersion) -> dict[str, Any]:
    """The baseline's sections (with their field's code) and SWOT findings (with the codes of their fields
    and of the goals that answer them)."""
    fields: dict[int, list[str]] = defaultdict(list)
    for item_id, code in SwotItem.fields_of_action.through.objects.filter(swotitem__version=version).values_list(
        "swotitem_id", "fieldofaction__code"
    ):
        fields[item_id].append(code)
    goals: dict[int, list[str]] = defaultdict(list)
    for item_id, code in Goal.findings.through.objects.filter(swotitem__version=version).values_list(
        "swotitem_id", "goal__code"
    ):
        goals[item_id].append(code)
    return {
        "baseline": [
            {"id": str(lineage), "title": title, "text": text, "field": field}
            for lineage, title, text, field in BaselineSection.objects.filter(version=version).values_list(
                "lineage", "title", "text", "field__code"
            )
        ],
        "swot": [
            {
                "id": str(lineage),
                "kind": kind,
                "text": text,
                "explanation": explanation,
                "fields": sorted(fields.get(pk, [])),
                "goals": sorted(goals.get(pk, [])),
            }
            for pk, lineage, kind, text, explanation in SwotItem.objects.filter(version=version).values_list(
                "pk", "lineage", "kind", "text", "explanation"
            )
        ],
    }


def _measures(version: StrategyVersion) -> list[dict[str, Any]]:
    field_codes: dict[int, list[str]] = defaultdict(list)
    for measure_id, code in (
        Measure.fields_of_action.through.objects.filter(measure__version=version)
        .order_by("fieldofaction__position", "fieldofaction__code")
        .values_list("measure_id", "fieldofaction__code")
    ):
        field_codes[measure_id].append(code)
    goal_codes: dict[int, list[str]] = defaultdict(list)
    for measure_id, code in (
        Measure.goals.through.objects.filter(measure__version=version)
        .order_by("goal__position", "goal__code")
        .values_list("measure_id", "goal__code")
    ):
        goal_codes[measure_id].append(code)
    municipalities: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for measure_id, ags, name, role in (
        MeasureMunicipality.objects.filter(measure__version=version)
        .order_by("municipality__name")
        .values_list("measure_id", "municipality__ags", "municipality__name", "role")
    ):
        municipalities[measure_id].append({"ags": ags, "name": name, "role": role})
    result = []
    for row in Measure.objects.filter(version=version).values_list(*MEASURE_COLUMNS):
        m = dict(zip(MEASURE_COLUMNS, row, strict=True))
        pk = m.pop("pk")
        result.append(
            {
                "id": str(m["lineage"]),
                "code": m["code"],
                "title": m["title"],
                "summary": m["summary"],
                "phase": m["phase"],
                "priority": m["priority"],
                "measure_type": m["measure_type"],
                "fields": field_codes.get(pk, []),
                "goals": goal_codes.get(pk, []),
                "lead_unit": m["lead_unit"],
                "lead_person": m["lead_person"],
                "start": m["start"],
                "end": m["end"],
                "estimated_cost": m["estimated_cost"],
                "municipalities": municipalities.get(pk, []),
            }
        )
    return result
