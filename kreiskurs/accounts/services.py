"""Writes of the accounts app: granting and revoking roles in a district."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kreiskurs.audit.services import record_change
from kreiskurs.territory.models import District, Municipality

from .models import Membership, Role, User
from .rules import forget_memberships


@transaction.atomic
def grant_role(
    *,
    by: Any,
    district: District,
    user: User,
    role: str,
    municipality: Municipality | None = None,
    measure_lineage: uuid.UUID | None = None,
) -> Membership:
    """Give ``user`` a role in ``district`` (a municipal contact names the municipality,
    a measure lead the measure)."""
    if municipality is not None and municipality.district_id != district.pk:
        raise ValidationError({"municipality": "Die Gemeinde gehört nicht zu diesem Kreis."})
    if role != Role.MUNICIPAL_CONTACT:
        municipality = None
    if role != Role.MEASURE_LEAD:
        measure_lineage = None
    membership = Membership(
        user=user, district=district, role=role, municipality=municipality, measure_lineage=measure_lineage
    )
    membership.full_clean()
    membership.save()
    forget_memberships(user)
    record_change(by=by, district=district, action="grant_role", obj=membership, changes={"role": ("", role)})
    return membership


@transaction.atomic
def revoke_role(*, by: Any, membership: Membership) -> None:
    record_change(
        by=by,
        district=membership.district,
        action="revoke_role",
        obj=membership,
        changes={"role": (membership.role, "")},
    )
    membership.delete()
    forget_memberships(membership.user)
