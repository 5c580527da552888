"""Saving and deleting rows of the strategy's registries that versions refer to (existing strategies and their goals).

Saving and deleting district rows in general is ``kreiskurs.core.rows``; the
alignments of versions protect the rows they name (``PROTECT``). Stakeholders,
which measures name as partners, are the actor registry's
(``actors.services.delete_stakeholder`` refuses a partner of measures).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models, transaction

from kreiskurs.core import rows
from kreiskurs.territory.models import District

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

M = TypeVar("M", bound=models.Model)


@transaction.atomic
def save_registry_row(
    *, by: Actor, district: District, obj: M, values: dict[str, Any], expected_revision: int | None = None
) -> M:
    """Create (``obj`` unsaved) or edit a registry row of ``district`` (an existing strategy, one of its goals)."""
    return rows.save_district_row(by=by, district=district, obj=obj, values=values, expected_revision=expected_revision)


@transaction.atomic
def delete_registry_row(*, by: Actor, district: District, obj: models.Model) -> None:
    """Delete a registry row; rows that versions still refer to are refused (adopted versions never change)."""
    rows.delete_district_row(by=by, district=district, obj=obj)
