"""Writes on the district registries that are not versioned (existing strategies, actors)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from kreiskurs.actors.models import Stakeholder
from kreiskurs.audit.services import record_change
from kreiskurs.core.editing import lock_for_edit
from kreiskurs.territory.models import District

from ..models import (
    Measure,
)
from .base import M, _apply


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
    current = lock_for_edit(obj, expected_revision)
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
