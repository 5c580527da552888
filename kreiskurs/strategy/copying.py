"""Copying a version's elements into a new draft, keeping every lineage."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import (
    Alignment,
    BaselineSection,
    Criterion,
    CriterionScore,
    Enrolment,
    FieldOfAction,
    Goal,
    Measure,
    MeasureMunicipality,
    Milestone,
    MilestoneCompletion,
    StrategyVersion,
    SwotItem,
    Value,
)


def _clone(obj: models.Model, **overrides: Any) -> Any:
    data = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key}
    data.update(overrides)
    return type(obj)(**data)


def _copy_rows(
    model: type[models.Model], source: StrategyVersion, target: StrategyVersion, **remap: dict[int, int]
) -> dict[int, int]:
    """Copy all rows of ``model`` in ``source`` to ``target``; returns old pk → new pk."""
    old_rows = list(model._default_manager.filter(version=source).order_by("pk"))
    new_rows = []
    for row in old_rows:
        overrides: dict[str, Any] = {"version_id": target.pk, "revision": 1}
        for attname, mapping in remap.items():
            old = getattr(row, attname)
            overrides[attname] = mapping.get(old) if old is not None else None
        new_rows.append(_clone(row, **overrides))
    created = model._default_manager.bulk_create(new_rows)
    return {old.pk: new.pk for old, new in zip(old_rows, created, strict=True)}


def copy_version_elements(*, source: StrategyVersion, target: StrategyVersion) -> None:
    """Copy values, fields, criteria, the baseline, goals, measures and everything hanging on them."""
    _copy_rows(Value, source, target)
    fields = _copy_rows(FieldOfAction, source, target)
    criteria = _copy_rows(Criterion, source, target)
    _copy_rows(BaselineSection, source, target, field_id=fields)
    findings = _copy_rows(SwotItem, source, target)
    goals = _copy_rows(Goal, source, target, field_id=fields, parent_id={})
    for old_goal in Goal.objects.filter(version=source, parent__isnull=False):
        Goal.objects.filter(pk=goals[old_goal.pk]).update(parent_id=goals[old_goal.parent_id])  # type: ignore[index]
    measures = _copy_rows(Measure, source, target)

    def copy_m2m(
        through: Any, left: str, mapping_left: dict[int, int], right: str, mapping_right: dict[int, int] | None
    ) -> None:
        rows = [
            through(
                **{
                    left: mapping_left[getattr(r, left)],
                    right: (mapping_right or {}).get(getattr(r, right), getattr(r, right)),
                }
            )
            for r in through.objects.filter(**{f"{left}__in": list(mapping_left)})
        ]
        through.objects.bulk_create(rows)

    copy_m2m(Measure.fields_of_action.through, "measure_id", measures, "fieldofaction_id", fields)
    copy_m2m(SwotItem.fields_of_action.through, "swotitem_id", findings, "fieldofaction_id", fields)
    copy_m2m(Goal.findings.through, "goal_id", goals, "swotitem_id", findings)
    copy_m2m(Measure.goals.through, "measure_id", measures, "goal_id", goals)
    copy_m2m(Measure.partners.through, "measure_id", measures, "stakeholder_id", None)
    copy_m2m(Measure.dependencies.through, "from_measure_id", measures, "to_measure_id", measures)

    reached = dict(
        MilestoneCompletion.objects.filter(district_id=source.district_id).values_list("milestone_lineage", "done_on")
    )
    for model, extra in ((MeasureMunicipality, {}), (CriterionScore, {"criterion_id": criteria}), (Milestone, {})):
        rows = []
        for row in model._default_manager.filter(measure__version=source):
            overrides: dict[str, Any] = {"measure_id": measures[row.measure_id]}  # type: ignore[attr-defined]
            for attname, mapping in extra.items():
                overrides[attname] = mapping[getattr(row, attname)]
            if isinstance(row, Milestone) and row.done_on is None:
                # reached during implementation of the source version: the draft starts from that fact
                overrides["done_on"] = reached.get(row.lineage)
            rows.append(_clone(row, **overrides))
        model._default_manager.bulk_create(rows)
    Alignment.objects.bulk_create(
        [_clone(a, goal_id=goals[a.goal_id]) for a in Alignment.objects.filter(goal__version=source)]
    )
    _carry_enrolments(source, measures)


def _carry_enrolments(source: StrategyVersion, measures: dict[int, int]) -> None:
    """Municipalities that joined or left measures of the source version after its adoption do so in the copy."""
    by_lineage = {
        lineage: measures[pk] for lineage, pk in Measure.objects.filter(version=source).values_list("lineage", "pk")
    }
    for e in Enrolment.objects.filter(version=source, state=Enrolment.State.CONFIRMED).order_by("created_at", "id"):
        measure_id = by_lineage.get(e.measure_lineage)
        if measure_id is None:
            continue
        rows = MeasureMunicipality.objects.filter(measure_id=measure_id, municipality_id=e.municipality_id)
        if e.kind == Enrolment.Kind.LEAVE:
            rows.delete()
        elif not rows.update(role=e.role):
            MeasureMunicipality.objects.create(
                district_id=e.district_id, measure_id=measure_id, municipality_id=e.municipality_id, role=e.role
            )
