"""The district's audit log as a user may read it."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from kreiskurs.territory.models import District

#: entries about these objects carry personal data (contact details) in their changes
PERSONAL_OBJECT_TYPES = {
    "actors.stakeholder": "actors.manage_stakeholders",
    "accounts.invitation": "accounts.manage_memberships",  # the invited e-mail address
}


def audit_entries_for(user: Any, district: District) -> QuerySet[Any]:
    """The district's audit log as ``user`` may read it: entries about stakeholders
    (contact data) only for those who may manage stakeholders."""
    from kreiskurs.audit.models import AuditEntry

    entries = AuditEntry.objects.filter(district=district).select_related("actor")
    hidden = [t for t, perm in PERSONAL_OBJECT_TYPES.items() if not rules.has_perm(perm, user, district)]
    return entries.exclude(object_type__in=hidden) if hidden else entries
