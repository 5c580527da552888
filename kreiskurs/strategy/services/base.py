"""What every strategy write shares: draft locks, scope checks, optimistic concurrency, diffs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from ..errors import VersionFrozen
from ..models import (
    StrategyVersion,
    VersionedElement,
)
from ..snapshot import m2m_display

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
            raise ValidationError({name: _("Der Eintrag gehört nicht zu dieser Version.")})
        if (
            isinstance(value, models.Model)
            and getattr(value, "district_id", version.district_id) != version.district_id
        ):
            raise ValidationError({name: _("Der Eintrag gehört nicht zu diesem Kreis.")})


def _set_m2m(
    obj: models.Model, m2m: dict[str, Iterable[models.Model]], *, new: bool = False
) -> dict[str, tuple[Any, Any]]:
    """Set the many-to-many relations; the changes for the audit log. A ``new`` row has
    none yet: nothing to read before adding."""
    changes = {}
    for name, items in m2m.items():
        items = list(items)
        if new:
            before: list[str] = []
            getattr(obj, name).add(*items)
        else:
            before = m2m_display(getattr(obj, name).all())
            getattr(obj, name).set(items)
        after = m2m_display(items)
        if before != after:
            changes[name] = (before, after)
    return changes
