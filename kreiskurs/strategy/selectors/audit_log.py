"""The district's audit log as a user may read it."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, NamedTuple

import rules
from django.db.models import QuerySet

from kreiskurs.prepared import Prepared
from kreiskurs.territory.models import District

#: entries about these objects carry personal data (contact details) in their changes
PERSONAL_OBJECT_TYPES = {
    "actors.stakeholder": "actors.manage_stakeholders",
    "accounts.invitation": "accounts.manage_memberships",  # the invited e-mail address
}


def _hidden(user: Any, district: District) -> tuple[str, ...]:
    return tuple(t for t, perm in PERSONAL_OBJECT_TYPES.items() if not rules.has_perm(perm, user, district))


def _entries(district: Any, hidden: tuple[str, ...]) -> QuerySet[Any]:
    from kreiskurs.audit.models import AuditEntry

    entries = AuditEntry.objects.filter(district=district).select_related("actor")
    return entries.exclude(object_type__in=hidden) if hidden else entries


def audit_entries_for(user: Any, district: District) -> QuerySet[Any]:
    """The district's audit log as ``user`` may read it: entries about stakeholders
    (contact data) only for those who may manage stakeholders."""
    return _entries(district, _hidden(user, district))


class Change(NamedTuple):
    """An audit entry as the dashboard lists it."""

    at: dt.datetime
    actor: str  # the person's name, "" for the system
    action_label: str
    object_repr: str


@functools.cache
def _latest(hidden: tuple[str, ...], count: int) -> Prepared[tuple[Any, ...]]:
    """The dashboard's lines: plain values, without the field-level changes (a JSON value each)."""
    columns = ("at", "actor__display_name", "actor__username", "action", "object_repr")
    return Prepared(lambda district: _entries(district, hidden).values_list(*columns)[:count], district=int)


def latest_audit_entries(user: Any, district: District, count: int) -> list[Change]:
    """The newest ``count`` entries of :func:`audit_entries_for` (the dashboard)."""
    from kreiskurs.audit.models import action_label

    rows = _latest(_hidden(user, district), count)(district=district.pk)
    return [Change(at, name or username or "", action_label(action), what) for at, name, username, action, what in rows]
