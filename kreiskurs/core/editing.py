"""No lost updates: the one stale-edit check every service uses.

Editable rows carry ``revision``. A form sends the revision it was opened at;
the service locks the row and compares. When someone else saved in between,
:class:`EditConflict` carries their audit entries (oldest first), so the form
can show who changed what (``core.feedback.attempt``) while keeping the input.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from kreiskurs.audit.models import AuditEntry

M = TypeVar("M", bound=models.Model)


class EditConflict(Exception):
    """Someone else saved the object after it was opened for editing."""

    def __init__(self, obj: Any, entries: list[AuditEntry]) -> None:
        self.obj = obj
        self.entries = entries
        super().__init__(_("%(obj)s wurde inzwischen von anderer Seite geändert.") % {"obj": obj})


def refuse_if_stale(current: Any, expected_revision: int | None) -> None:
    """Raise :class:`EditConflict` when ``current`` (already locked) moved past ``expected_revision``."""
    if expected_revision is not None and current.revision != expected_revision:
        entries = list(
            AuditEntry.objects.for_object(current)
            .filter(revision__gt=expected_revision)
            .select_related("actor")
            .order_by("at", "id")
        )
        raise EditConflict(current, entries)


def lock_for_edit(obj: M, expected_revision: int | None) -> M:
    """Lock ``obj``'s row (``SELECT … FOR UPDATE``), refuse a stale edit, return the current row."""
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    refuse_if_stale(current, expected_revision)
    return current
