"""Deleting rows of the registries that versions refer to (existing strategies, actors).

Saving and deleting district rows in general is ``kreiskurs.core.rows``; this
adds the one reference the database cannot guard: a stakeholder who is a
partner of measures (a many-to-many row) is never deleted, so no version loses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from kreiskurs.actors.models import Stakeholder
from kreiskurs.core import rows
from kreiskurs.territory.models import District

from ..models import Measure

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


@transaction.atomic
def delete_registry_row(*, by: Actor, district: District, obj: models.Model) -> None:
    """Delete a registry row; rows that versions still refer to are refused (adopted versions never change)."""
    if isinstance(obj, Stakeholder) and Measure.partners.through.objects.filter(stakeholder=obj).exists():
        raise ValidationError(_("Der Akteur ist Partner von Maßnahmen und kann nicht gelöscht werden."))
    rows.delete_district_row(by=by, district=district, obj=obj)
