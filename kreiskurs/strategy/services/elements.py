"""Writes on the elements of a draft: values, fields, goals, criteria, measures, alignments."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from kreiskurs.audit.services import record_change
from kreiskurs.core.editing import lock_for_edit
from kreiskurs.core.rows import apply_values, row_values
from kreiskurs.territory.models import Municipality

from ..models import (
    Alignment,
    Criterion,
    CriterionScore,
    ExistingGoal,
    FieldOfAction,
    Goal,
    Measure,
    MeasureMunicipality,
    Milestone,
    StrategyVersion,
)
from ..snapshot import measure_details
from .base import M, _check_scope, _lock_draft, _set_m2m


@transaction.atomic
def create_element(
    *, by: Any, version: StrategyVersion, model: type[M], values: dict[str, Any], m2m: dict[str, Any] | None = None
) -> M:
    """Create a value, field of action, goal, criterion or measure in a draft."""
    version = _lock_draft(version.pk)
    m2m = {name: list(items) for name, items in (m2m or {}).items()}
    _check_scope(version, values, m2m)
    obj = model(district=version.district, version=version, **values)
    obj.full_clean()
    obj.save()
    changes = {k: (None, v) for k, v in row_values(obj, values.keys()).items()}
    changes.update(_set_m2m(obj, m2m or {}))
    record_change(by=by, district=version.district, action="create", obj=obj, changes=changes, revision=1)
    return obj


@transaction.atomic
def update_element(
    *,
    by: Any,
    obj: M,
    values: dict[str, Any],
    m2m: dict[str, Any] | None = None,
    expected_revision: int | None,
) -> M:
    """Edit an element of a draft; refuses the save if someone else saved in between."""
    version = _lock_draft(obj.version_id)  # type: ignore[attr-defined]
    m2m = {name: list(items) for name, items in (m2m or {}).items()}
    _check_scope(version, values, m2m)
    current = lock_for_edit(obj, expected_revision)
    changes = apply_values(current, values)
    current.full_clean()
    changes.update(_set_m2m(current, m2m or {}))
    if changes:
        current.revision += 1  # type: ignore[attr-defined]
        current.save()
        record_change(
            by=by,
            district=current.district,  # type: ignore[attr-defined]
            action="update",
            obj=current,
            changes=changes,
            revision=current.revision,  # type: ignore[attr-defined]
        )
    return current


@transaction.atomic
def delete_element(*, by: Any, obj: models.Model) -> None:
    """Remove an element from a draft. Elements still referenced are refused."""
    _lock_draft(obj.version_id)  # type: ignore[attr-defined]
    if isinstance(obj, Goal) and (obj.children.exists() or obj.measures.exists()):
        raise ValidationError("Das Ziel hat noch Unterziele oder Maßnahmen.")
    if isinstance(obj, FieldOfAction) and (obj.goals.exists() or obj.measures.exists()):
        raise ValidationError("Dem Handlungsfeld sind noch Ziele oder Maßnahmen zugeordnet.")
    if isinstance(obj, Criterion) and obj.scores.exists():
        raise ValidationError("Das Kriterium ist bereits in Maßnahmen bewertet.")
    if isinstance(obj, Goal):
        obj.alignments.all().delete()
    if isinstance(obj, Measure) and obj.dependents.exists():
        codes = ", ".join(obj.dependents.values_list("code", flat=True))
        raise ValidationError("Andere Maßnahmen hängen von dieser ab: %(codes)s.", params={"codes": codes})
    record_change(by=by, district=obj.district, action="delete", obj=obj)  # type: ignore[attr-defined]
    obj.delete()


@transaction.atomic
def save_measure_details(
    *,
    by: Any,
    measure: Measure,
    participations: Sequence[tuple[Municipality, str]],
    scores: Sequence[tuple[Criterion, bool | None, int | None]],
    milestones: Sequence[tuple[str, Any, Any]],
) -> Measure:
    """Replace a measure's participating municipalities, criteria scores and milestones."""
    _lock_draft(measure.version_id)
    district = measure.district
    for municipality, _role in participations:
        if municipality.district_id != district.pk:
            raise ValidationError("Die Gemeinde %(m)s gehört nicht zu diesem Kreis.", params={"m": municipality})
    for criterion, _passed, score in scores:
        if criterion.version_id != measure.version_id:
            raise ValidationError("Das Kriterium gehört nicht zu dieser Version.")
        if score is not None and not 0 <= score <= 5:
            raise ValidationError("Punkte müssen zwischen 0 und 5 liegen.")
    before = _details_display(measure)
    measure.participations.all().delete()
    MeasureMunicipality.objects.bulk_create(
        [MeasureMunicipality(district=district, measure=measure, municipality=m, role=r) for m, r in participations]
    )
    measure.scores.all().delete()
    CriterionScore.objects.bulk_create(
        [
            CriterionScore(district=district, measure=measure, criterion=c, passed=p, score=s)
            for c, p, s in scores
            if p is not None or s is not None
        ]
    )
    # a milestone keeps its identity while its title stays (completions after adoption hang on it)
    identities = dict(measure.milestones.values_list("title", "lineage"))
    measure.milestones.all().delete()
    for title, due, done_on in milestones:
        milestone = Milestone(district=district, measure=measure, title=title, due=due, done_on=done_on)
        if title in identities:
            milestone.lineage = identities.pop(title)
        milestone.full_clean(exclude=["measure", "district"])
        milestone.save()
    after = _details_display(measure)
    changes = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    if changes:
        Measure.objects.filter(pk=measure.pk).update(revision=models.F("revision") + 1)
        measure.refresh_from_db(fields=["revision"])
        record_change(
            by=by, district=district, action="update", obj=measure, changes=changes, revision=measure.revision
        )
    return measure


def _details_display(measure: Measure) -> dict[str, list[str]]:
    fresh = Measure.objects.prefetch_related("participations__municipality", "milestones", "scores__criterion").get(
        pk=measure.pk
    )
    return {name: shown for name, (_key, shown) in measure_details(fresh).items()}


@transaction.atomic
def set_alignment(*, by: Any, goal: Goal, existing_goal: ExistingGoal, kind: str, note: str = "") -> Alignment | None:
    """Say how our goal relates to an existing strategy's goal; an empty kind removes it."""
    _lock_draft(goal.version_id)
    if existing_goal.district_id != goal.district_id:
        raise ValidationError("Das Ziel der bestehenden Strategie gehört nicht zu diesem Kreis.")
    current = Alignment.objects.filter(goal=goal, existing_goal=existing_goal).first()
    old = current.kind if current else ""
    if not kind:
        if current:
            current.delete()
            record_change(
                by=by,
                district=goal.district,
                action="update",
                obj=goal,
                changes={f"Abgleich {existing_goal}": (old, "")},
            )
        return None
    alignment = current or Alignment(district=goal.district, goal=goal, existing_goal=existing_goal)
    old_note = alignment.note
    alignment.kind = kind
    alignment.note = note
    alignment.full_clean()
    alignment.save()
    if old_note != note:
        record_change(
            by=by,
            district=goal.district,
            action="update",
            obj=goal,
            changes={f"Anmerkung {existing_goal}": (old_note, note)},
        )
    if old != kind:
        record_change(
            by=by, district=goal.district, action="update", obj=goal, changes={f"Abgleich {existing_goal}": (old, kind)}
        )
    return alignment


def next_free_code(version: StrategyVersion, prefix: str) -> str:
    """The first of ``prefix``1, ``prefix``2, … that no measure of ``version`` uses yet."""
    taken = set(Measure.objects.filter(version=version).values_list("code", flat=True))
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


@transaction.atomic
def create_measure_in_draft(
    *,
    by: Any,
    district: Any,
    prefix: str,
    values: dict[str, Any],
    fields_of_action: Sequence[FieldOfAction] = (),
    goals: Sequence[Goal] = (),
) -> Measure:
    """A new measure in the open draft, coded ``prefix``<n> — where an idea, an initiative, a finding or a
    maturity gap becomes a measure in one step. Refused (with a message) when no draft is open."""
    from ..selectors import open_version

    draft = open_version(district)
    if draft is None or not draft.is_editable:
        raise ValidationError(
            "Es gibt keinen offenen Entwurf der Strategie, in den die Maßnahme aufgenommen werden kann."
        )
    return create_element(
        by=by,
        version=draft,
        model=Measure,
        values={"code": next_free_code(draft, prefix), **values},
        m2m={"fields_of_action": list(fields_of_action), "goals": list(goals)},
    )
