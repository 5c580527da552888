"""Saving district-owned rows that are not versioned, with their field changes in the audit log.

Every app's registries (existing strategies, actors, indicators, maturity
dimensions and questions …) are saved through :func:`save_district_row`: it
refuses rows and related rows of another district, validates, refuses stale
edits and audits create and update with ``{field: [old, new]}`` as people
read them (related rows by name, choices by label).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change
from kreiskurs.territory.models import District

from .editing import lock_for_edit

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

M = TypeVar("M", bound=models.Model)


def display(value: Any) -> Any:
    """How one value reads: related rows by their (public) name, the rest as is."""
    if isinstance(value, models.Model):
        return str(getattr(value, "public_label", value))
    return value


def row_values(obj: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """Concrete fields (foreign keys by name, choices by label) of ``obj``, as displayed."""
    result = {}
    for name in names:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            continue
        value = getattr(obj, name)
        if getattr(field, "choices", None) and not field.is_relation:
            value = getattr(obj, f"get_{name}_display")()
        result[name] = display(value)
    return result


def apply_values(obj: models.Model, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set ``values`` on ``obj``; returns the fields that changed, as ``{field: (old, new)}`` displayed."""
    before = row_values(obj, values.keys())
    for name, value in values.items():
        setattr(obj, name, value)
    after = row_values(obj, values.keys())
    return {k: (before[k], after[k]) for k in values if before[k] != after[k]}


def _refuse_other_district(district: District, obj: models.Model, values: dict[str, Any]) -> None:
    if obj.pk is not None and getattr(obj, "district_id", None) != district.pk:
        raise ValidationError(_("Der Eintrag gehört nicht zu diesem Kreis."))
    for name, value in values.items():
        if isinstance(value, models.Model) and getattr(value, "district_id", district.pk) != district.pk:
            raise ValidationError({name: _("Der Eintrag gehört nicht zu diesem Kreis.")})


@transaction.atomic
def save_district_row(
    *, by: Actor, district: District, obj: M, values: dict[str, Any], expected_revision: int | None = None
) -> M:
    """Create (``obj`` unsaved) or edit a district-owned row that is not versioned."""
    _refuse_other_district(district, obj, values)
    if obj.pk is None:
        for name, value in values.items():
            setattr(obj, name, value)
        obj.district = district  # type: ignore[attr-defined]
        obj.full_clean()
        obj.save()
        record_change(by=by, district=district, action="create", obj=obj, revision=1)
        return obj
    current = lock_for_edit(obj, expected_revision)
    changes = apply_values(current, values)
    current.full_clean()
    if changes:
        current.revision += 1  # type: ignore[attr-defined]
        current.save()
        revision = current.revision  # type: ignore[attr-defined]
        record_change(by=by, district=district, action="update", obj=current, changes=changes, revision=revision)
    return current


@transaction.atomic
def delete_district_row(*, by: Actor, district: District, obj: models.Model) -> None:
    """Delete a row of ``district``; a row that others still refer to (``PROTECT``) is refused."""
    _refuse_other_district(district, obj, {})
    try:
        with transaction.atomic():
            record_change(by=by, district=district, action="delete", obj=obj)
            obj.delete()
    except models.ProtectedError:
        raise ValidationError(_("Der Eintrag wird noch verwendet und kann nicht gelöscht werden.")) from None
