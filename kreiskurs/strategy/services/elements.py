"""Writes on the elements of a draft: values, fields, goals, criteria, measures, alignments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change
from kreiskurs.core.editing import lock_for_edit
from kreiskurs.core.rows import apply_values, row_values
from kreiskurs.territory.models import District, Municipality

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

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


class MeasureDetails(TypedDict):
    """A measure's profile details that are not fields: who takes part, criteria scores, milestones."""

    participations: Sequence[tuple[Municipality, str]]
    scores: Sequence[tuple[Criterion, bool | None, int | None]]
    milestones: Sequence[tuple[str, Any, Any]]


@transaction.atomic
def create_element(
    *, by: Actor, version: StrategyVersion, model: type[M], values: dict[str, Any], m2m: dict[str, Any] | None = None
) -> M:
    """Create a value, field of action, goal, criterion or measure in a draft."""
    version = _lock_draft(version.pk)
    m2m = {name: list(items) for name, items in (m2m or {}).items()}
    _check_scope(version, values, m2m)
    obj = model(district=version.district, version=version, **values)
    obj.full_clean()
    obj.save()
    changes = {k: (None, v) for k, v in row_values(obj, values.keys()).items()}
    changes.update(_set_m2m(obj, m2m or {}, new=True))
    record_change(by=by, district=version.district, action="create", obj=obj, changes=changes, revision=1)
    return obj


@transaction.atomic
def update_element(
    *,
    by: Actor,
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
def delete_element(*, by: Actor, obj: models.Model) -> None:
    """Remove an element from a draft. Elements still referenced are refused."""
    _lock_draft(obj.version_id)  # type: ignore[attr-defined]
    if isinstance(obj, Goal) and (obj.children.exists() or obj.measures.exists()):
        raise ValidationError(_("Das Ziel hat noch Unterziele oder Maßnahmen."))
    if isinstance(obj, FieldOfAction) and (obj.goals.exists() or obj.measures.exists()):
        raise ValidationError(_("Dem Handlungsfeld sind noch Ziele oder Maßnahmen zugeordnet."))
    if isinstance(obj, FieldOfAction) and obj.baseline_sections.exists():
        raise ValidationError(_("Dem Handlungsfeld sind noch Abschnitte der Ausgangslage zugeordnet."))
    if isinstance(obj, Criterion) and obj.scores.exists():
        raise ValidationError(_("Das Kriterium ist bereits in Maßnahmen bewertet."))
    if isinstance(obj, Goal):
        obj.alignments.all().delete()
    if isinstance(obj, Measure) and obj.dependents.exists():
        codes = ", ".join(obj.dependents.values_list("code", flat=True))
        raise ValidationError(_("Andere Maßnahmen hängen von dieser ab: %(codes)s."), params={"codes": codes})
    record_change(by=by, district=obj.district, action="delete", obj=obj)  # type: ignore[attr-defined]
    obj.delete()


@transaction.atomic
def save_measure_details(
    *,
    by: Actor,
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
            raise ValidationError(_("Die Gemeinde %(m)s gehört nicht zu diesem Kreis."), params={"m": municipality})
    for criterion, _passed, score in scores:
        if criterion.version_id != measure.version_id:
            raise ValidationError(_("Das Kriterium gehört nicht zu dieser Version."))
        if score is not None and not 0 <= score <= 5:
            raise ValidationError(_("Punkte müssen zwischen 0 und 5 liegen."))
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
def set_alignment(*, by: Actor, goal: Goal, existing_goal: ExistingGoal, kind: str, note: str = "") -> Alignment | None:
    """Say how our goal relates to an existing strategy's goal; an empty kind removes it."""
    _lock_draft(goal.version_id)
    if existing_goal.district_id != goal.district_id:
        raise ValidationError(_("Das Ziel der bestehenden Strategie gehört nicht zu diesem Kreis."))
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


@transaction.atomic
def save_measure(
    *,
    by: Actor,
    version: StrategyVersion,
    measure: Measure | None,
    values: dict[str, Any],
    m2m: dict[str, Any],
    details: MeasureDetails,
    expected_revision: int | None = None,
) -> Measure:
    """Create (``measure`` None) or edit a measure of a draft with its profile's details, in one step."""
    if measure is None:
        saved = create_element(by=by, version=version, model=Measure, values=values, m2m=m2m)
    else:
        saved = update_element(by=by, obj=measure, values=values, m2m=m2m, expected_revision=expected_revision)
    return save_measure_details(by=by, measure=saved, **details)


@transaction.atomic
def set_alignment_matrix(*, by: Actor, version: StrategyVersion, cells: Mapping[tuple[int, int], str]) -> int:
    """Set the alignment matrix of a draft: ``{(goal pk, existing goal pk): kind or ""}``.

    Every value is checked before anything changes: an unknown kind, or a goal
    or existing goal that is not part of this draft's matrix, refuses the whole
    matrix with a message. Returns the number of changed cells; notes stay.
    """
    version = _lock_draft(version.pk)
    goals = {g.pk: g for g in Goal.objects.filter(version=version)}
    columns = {e.pk: e for e in ExistingGoal.objects.filter(district=version.district)}
    kinds = set(Alignment.Kind.values) | {""}
    for (goal_pk, column_pk), kind in cells.items():
        if goal_pk not in goals or column_pk not in columns:
            raise ValidationError(_("Der Abgleich nennt ein Ziel, das nicht zu diesem Entwurf gehört."))
        if kind not in kinds:
            raise ValidationError(
                _("„%(value)s“ ist keine Art des Abgleichs (erlaubt: %(kinds)s).")
                % {"value": kind[:40], "kinds": ", ".join(sorted(Alignment.Kind.values))}
            )
    current = {(a.goal_id, a.existing_goal_id): a for a in Alignment.objects.filter(goal__version=version)}
    changed = 0
    for (goal_pk, column_pk), kind in cells.items():
        existing = current.get((goal_pk, column_pk))
        if kind != (existing.kind if existing else ""):
            set_alignment(
                by=by,
                goal=goals[goal_pk],
                existing_goal=columns[column_pk],
                kind=kind,
                note=existing.note if existing else "",
            )
            changed += 1
    return changed


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
    by: Actor,
    district: District,
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
            _("Es gibt keinen offenen Entwurf der Strategie, in den die Maßnahme aufgenommen werden kann.")
        )
    return create_element(
        by=by,
        version=draft,
        model=Measure,
        values={"code": next_free_code(draft, prefix), **values},
        m2m={"fields_of_action": list(fields_of_action), "goals": list(goals)},
    )
