"""The version document (print view) in parts: plain rows read with ``values()``, labels from dicts.

The print view used to prefetch every measure's relations as model instances
and call ``get_*_display`` per row; at 500 measures that was 1.7 s a render.
Here one part of the document reads four flat queries (measures, their fields,
goals and municipalities) and maps choices to labels through a dict built once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from kreiskurs.collation import natural
from kreiskurs.prepared import Prepared, counting

from ..models import Adoption, Measure, MeasureMunicipality, StrategyVersion

#: measures per part of the document: a part stays a readable page (about 130 KiB)
MEASURES_PER_PART = 100


@dataclass
class DocumentMeasure:
    pk: int
    code: str
    title: str
    summary: str
    priority: str
    phase: str
    lead_unit: str
    fields: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)


_MEASURE_COUNT = Prepared(lambda version: counting(Measure.objects.filter(version_id=version), "version"), version=int)
_ADOPTIONS = Prepared(
    lambda version: Adoption.objects.filter(version_id=version).select_related("municipality").order_by("date", "id"),
    version=int,
)


def document_parts(version: StrategyVersion) -> int:
    """How many parts the version's document has (at least one: the first holds vision, values, goals, fields)."""
    count = _MEASURE_COUNT.first(version=version.pk) or 0
    return max(1, -(-count // MEASURES_PER_PART))


def adoptions_of(version: StrategyVersion) -> QuerySet[Adoption]:
    """The version's adoption records (the council, the municipalities that joined), in their order."""
    return _ADOPTIONS(version=version.pk)


def document_measures(version: StrategyVersion, part: int) -> list[DocumentMeasure]:
    """The measures of part ``part`` (1-based), in natural code order, with their labels. Four queries."""
    start = (part - 1) * MEASURES_PER_PART
    priorities = {str(k): str(v) for k, v in Measure._meta.get_field("priority").flatchoices}
    phases = {str(k): str(v) for k, v in Measure._meta.get_field("phase").flatchoices}
    roles = {str(k): str(v) for k, v in MeasureMunicipality.Role.choices}
    rows = (
        Measure.objects.filter(version=version)
        .order_by(natural("code"))
        .values_list("pk", "code", "title", "summary", "priority", "phase", "lead_unit")[
            start : start + MEASURES_PER_PART
        ]
    )
    measures = {
        pk: DocumentMeasure(pk, code, title, summary, priorities.get(pri, pri), phases.get(ph, ph), lead)
        for pk, code, title, summary, pri, ph, lead in rows
    }
    ids = list(measures)
    through_fields = Measure.fields_of_action.through.objects.filter(measure_id__in=ids)
    for measure_id, code, title in through_fields.order_by(
        "fieldofaction__position", "fieldofaction__code"
    ).values_list("measure_id", "fieldofaction__code", "fieldofaction__title"):
        measures[measure_id].fields.append(f"{code} {title}")
    through_goals = Measure.goals.through.objects.filter(measure_id__in=ids)
    for measure_id, code in through_goals.order_by("goal__position", "goal__code").values_list(
        "measure_id", "goal__code"
    ):
        measures[measure_id].goals.append(code)
    by_measure: dict[int, list[str]] = defaultdict(list)
    for measure_id, name, role in (
        MeasureMunicipality.objects.filter(measure_id__in=ids)
        .order_by("municipality__name")
        .values_list("measure_id", "municipality__name", "role")
    ):
        by_measure[measure_id].append(f"{name} ({roles.get(role, role)})")
    for measure_id, names in by_measure.items():
        measures[measure_id].municipalities = names
    return list(measures.values())
