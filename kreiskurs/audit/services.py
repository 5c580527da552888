"""Writing the audit log. Called by other apps' services, never by views."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models

from kreiskurs.territory.models import District

from .models import AuditEntry

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


def display_value(value: Any) -> Any:
    """A JSON-safe, human-readable form of a field value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return sorted(str(v) for v in value)
    return str(value)


def record_change(
    *,
    by: AbstractBaseUser | AnonymousUser | None,
    district: District | None,
    action: str,
    obj: models.Model,
    changes: dict[str, tuple[Any, Any]] | None = None,
    revision: int | None = None,
    object_repr: str | None = None,
) -> AuditEntry:
    """Append one audit entry; ``changes`` maps field → (old, new).

    Every audited write changes what the district publishes or shows, so this
    is also where the district's cache generation moves on. ``district=None``
    records an installation-wide write (no district's log shows it).
    ``object_repr`` replaces ``str(obj)`` where that would say more than the
    log should keep (an account is named by its username, not its display name).
    """
    if district is not None:
        district.bump_generation()
    return AuditEntry.objects.create(
        district=district,
        # an anonymous visitor and the system are recorded as nobody
        actor_id=by.pk if by is not None and by.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        lineage=str(getattr(obj, "lineage", "") or ""),
        object_repr=(str(obj) if object_repr is None else object_repr)[:255],
        changes={k: [display_value(o), display_value(n)] for k, (o, n) in (changes or {}).items()},
        revision=revision,
    )
