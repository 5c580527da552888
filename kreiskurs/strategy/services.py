"""Writes of the strategy app: named, keyword-only, atomic, audited.

Every change to a version's elements goes through here; each function checks
that the version is a draft, validates with ``full_clean()``, writes one
audit entry and, for edits, refuses lost updates (optimistic concurrency on
the element's ``revision``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from kreiskurs.actors.models import Stakeholder
from kreiskurs.audit.models import AuditEntry
from kreiskurs.audit.services import record_change
from kreiskurs.territory.models import District, Municipality

from .errors import EditConflict, VersionFrozen
from .models import (
    Adoption,
    Alignment,
    Criterion,
    CriterionScore,
    ExistingGoal,
    FieldOfAction,
    Goal,
    Measure,
    MeasureMunicipality,
    Milestone,
    Strategy,
    StrategyVersion,
    Value,
    VersionedElement,
    VersionState,
)
from .snapshot import m2m_display, measure_details, row_values

M = TypeVar("M", bound=models.Model)


def _require_draft(version: StrategyVersion) -> None:
    if not version.is_editable:
        raise VersionFrozen(version)


def _lock_draft(version_id: int) -> StrategyVersion:
    """Lock the version row and require a draft.

    Reading the state fresh under the lock serialises every element write with
    ``adopt_version`` and ``set_version_state`` (which lock the same row), so
    no write can slip into a version that is being adopted.
    """
    version = StrategyVersion.objects.select_for_update().get(pk=version_id)
    _require_draft(version)
    return version


def _check_scope(version: StrategyVersion, values: dict[str, Any], m2m: dict[str, Any] | None = None) -> None:
    """Related rows must belong to the same version (versioned elements) or district."""
    pairs = [*values.items(), *((name, item) for name, items in (m2m or {}).items() for item in items)]
    for name, value in pairs:
        if isinstance(value, VersionedElement) and value.version_id != version.pk:
            raise ValidationError({name: "Der Eintrag gehört nicht zu dieser Version."})
        if (
            isinstance(value, models.Model)
            and getattr(value, "district_id", version.district_id) != version.district_id
        ):
            raise ValidationError({name: "Der Eintrag gehört nicht zu diesem Kreis."})


def _check_revision(obj: M, expected_revision: int | None) -> M:
    """Lock the row and compare its revision with the one the editor saw."""
    model = type(obj)
    current = model._default_manager.select_for_update().get(pk=obj.pk)
    if expected_revision is not None and current.revision != expected_revision:  # type: ignore[attr-defined]
        entries = list(
            AuditEntry.objects.for_object(current)
            .filter(revision__gt=expected_revision)
            .select_related("actor")
            .order_by("at", "id")
        )
        raise EditConflict(current, entries)
    return current


def _apply(obj: models.Model, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    before = row_values(obj, values.keys())
    for name, value in values.items():
        setattr(obj, name, value)
    after = row_values(obj, values.keys())
    return {k: (before[k], after[k]) for k in values if before[k] != after[k]}


def _set_m2m(obj: models.Model, m2m: dict[str, Iterable[models.Model]]) -> dict[str, tuple[Any, Any]]:
    changes = {}
    for name, items in m2m.items():
        items = list(items)
        before = m2m_display(getattr(obj, name).all())
        getattr(obj, name).set(items)
        after = m2m_display(items)
        if before != after:
            changes[name] = (before, after)
    return changes


# --- the strategy and its versions ---------------------------------------------------------


@transaction.atomic
def create_strategy(
    *, by: Any, district: District, title: str = "Digitalstrategie", is_example: bool = False
) -> Strategy:
    """Create the district's strategy with an empty draft as version 1."""
    strategy = Strategy(district=district, title=title, is_example=is_example)
    strategy.full_clean()
    strategy.save()
    version = StrategyVersion.objects.create(district=district, strategy=strategy, number=1)
    record_change(by=by, district=district, action="create", obj=version)
    return strategy


@transaction.atomic
def update_version_text(
    *, by: Any, version: StrategyVersion, values: dict[str, Any], expected_revision: int | None
) -> StrategyVersion:
    """Edit the vision and the change summary of a draft."""
    _require_draft(version)
    current = _check_revision(version, expected_revision)
    _require_draft(current)
    allowed = {"vision_title", "vision_text", "change_summary"}
    changes = _apply(current, {k: v for k, v in values.items() if k in allowed})
    if changes:
        current.revision += 1
        current.full_clean()
        current.save()
        record_change(
            by=by, district=current.district, action="update", obj=current, changes=changes, revision=current.revision
        )
    return current


@transaction.atomic
def set_version_state(*, by: Any, version: StrategyVersion, state: str) -> StrategyVersion:
    """Open a draft for consultation (public, frozen) or take it back into draft."""
    current = StrategyVersion.objects.select_for_update().get(pk=version.pk)
    allowed = {(VersionState.DRAFT, VersionState.CONSULTATION), (VersionState.CONSULTATION, VersionState.DRAFT)}
    if (current.state, state) not in allowed:
        raise ValidationError(
            "Übergang von %(old)s nach %(new)s ist nicht möglich.", params={"old": current.state, "new": state}
        )
    old = current.state
    current.state = state
    current.save(update_fields=["state"])
    record_change(by=by, district=current.district, action="state", obj=current, changes={"state": (old, state)})
    return current


@transaction.atomic
def adopt_version(*, by: Any, version: StrategyVersion, adoption: dict[str, Any]) -> StrategyVersion:
    """Freeze a draft (or a version in consultation) as adopted, with its first adoption record.

    The previously adopted version becomes superseded. From now on no
    service changes the version's rows.
    """
    current = StrategyVersion.objects.select_for_update().get(pk=version.pk)
    if current.state not in (VersionState.DRAFT, VersionState.CONSULTATION):
        raise ValidationError("Nur ein Entwurf kann beschlossen werden.", code="not_draft")
    if not FieldOfAction.objects.filter(version=current).exists():
        raise ValidationError("Eine Version ohne Handlungsfelder kann nicht beschlossen werden.", code="empty")
    for previous in StrategyVersion.objects.filter(strategy=current.strategy, state=VersionState.ADOPTED):
        previous.state = VersionState.SUPERSEDED
        previous.save(update_fields=["state"])
        record_change(by=by, district=current.district, action="supersede", obj=previous)
    current.state = VersionState.ADOPTED
    current.adopted_at = timezone.now()
    current.save(update_fields=["state", "adopted_at"])
    record_change(by=by, district=current.district, action="adopt", obj=current)
    record_adoption(by=by, version=current, **adoption)
    return current


@transaction.atomic
def record_adoption(
    *,
    by: Any,
    version: StrategyVersion,
    body: str,
    date: Any,
    reference: str,
    url: str = "",
    municipality: Municipality | None = None,
) -> Adoption:
    """Add a council's resolution to an adopted version (Kreistag, municipal councils)."""
    if version.state not in (VersionState.ADOPTED, VersionState.SUPERSEDED):
        raise ValidationError("Beschlüsse können nur zu einer beschlossenen Version erfasst werden.")
    if municipality is not None and municipality.district_id != version.district_id:
        raise ValidationError({"municipality": "Die Gemeinde gehört nicht zu diesem Kreis."})
    adoption = Adoption(
        district=version.district,
        version=version,
        body=body,
        date=date,
        reference=reference,
        url=url,
        municipality=municipality,
    )
    adoption.full_clean()
    adoption.save()
    record_change(by=by, district=version.district, action="record_adoption", obj=adoption)
    return adoption


@transaction.atomic
def start_revision(*, by: Any, strategy: Strategy, change_summary: str = "") -> StrategyVersion:
    """Open a new draft from the latest adopted version (Fortschreibung).

    Every element is copied with its lineage, so comparisons and histories
    follow it across versions.
    """
    if StrategyVersion.objects.filter(
        strategy=strategy, state__in=[VersionState.DRAFT, VersionState.CONSULTATION]
    ).exists():
        raise ValidationError("Es gibt bereits einen offenen Entwurf.", code="open_draft")
    source = StrategyVersion.objects.filter(strategy=strategy, state=VersionState.ADOPTED).order_by("-number").first()
    if source is None:
        raise ValidationError("Es gibt noch keine beschlossene Version.", code="no_adopted")
    number = (StrategyVersion.objects.filter(strategy=strategy).aggregate(n=models.Max("number"))["n"] or 0) + 1
    draft = StrategyVersion.objects.create(
        district=strategy.district,
        strategy=strategy,
        number=number,
        based_on=source,
        vision_title=source.vision_title,
        vision_text=source.vision_text,
        change_summary=change_summary,
    )
    from .copying import copy_version_elements

    copy_version_elements(source=source, target=draft)
    record_change(by=by, district=strategy.district, action="start_revision", obj=draft)
    return draft


# --- elements of a draft ---------------------------------------------------------------------


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
    current = _check_revision(obj, expected_revision)
    changes = _apply(current, values)
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
    measure.milestones.all().delete()
    for title, due, done_on in milestones:
        milestone = Milestone(district=district, measure=measure, title=title, due=due, done_on=done_on)
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


# --- registry rows that are not versioned (existing strategies and their goals) ----------------


@transaction.atomic
def save_district_row(
    *, by: Any, district: District, obj: M, values: dict[str, Any], expected_revision: int | None = None
) -> M:
    """Create or edit a district-owned row that is not versioned (existing strategies, actors)."""
    if obj.pk is not None and obj.district_id != district.pk:  # type: ignore[attr-defined]
        raise ValidationError("Der Eintrag gehört nicht zu diesem Kreis.")
    for name, value in values.items():
        if isinstance(value, models.Model) and getattr(value, "district_id", district.pk) != district.pk:
            raise ValidationError({name: "Der Eintrag gehört nicht zu diesem Kreis."})
    if obj.pk is None:
        for name, value in values.items():
            setattr(obj, name, value)
        obj.district = district  # type: ignore[attr-defined]
        obj.full_clean()
        obj.save()
        record_change(by=by, district=district, action="create", obj=obj, revision=1)
        return obj
    current = _check_revision(obj, expected_revision)
    changes = _apply(current, values)
    current.full_clean()
    if changes:
        current.revision += 1  # type: ignore[attr-defined]
        current.save()
        revision = current.revision  # type: ignore[attr-defined]
        record_change(by=by, district=district, action="update", obj=current, changes=changes, revision=revision)
    return current


@transaction.atomic
def delete_district_row(*, by: Any, district: District, obj: models.Model) -> None:
    """Delete a registry row; rows that versions still refer to are refused (adopted versions never change)."""
    if isinstance(obj, Stakeholder) and Measure.partners.through.objects.filter(stakeholder=obj).exists():
        raise ValidationError("Der Akteur ist Partner von Maßnahmen und kann nicht gelöscht werden.")
    try:
        with transaction.atomic():
            record_change(by=by, district=district, action="delete", obj=obj)
            obj.delete()
    except models.ProtectedError:
        raise ValidationError("Der Eintrag wird noch verwendet und kann nicht gelöscht werden.") from None


__all__ = [
    "Value",
    "adopt_version",
    "create_element",
    "create_strategy",
    "delete_district_row",
    "delete_element",
    "record_adoption",
    "save_district_row",
    "save_measure_details",
    "set_alignment",
    "set_version_state",
    "start_revision",
    "update_element",
    "update_version_text",
]
