"""Who may create and revoke write tokens (docs/permissions.md, "API tokens").

The strategy team: any token of its district. A municipal contact: tokens
for its own municipality's measurements. A measure lead: tokens for the
status reports of its own measure.
"""

from __future__ import annotations

import uuid
from typing import Any

import rules

from kreiskurs.accounts.models import Membership
from kreiskurs.accounts.rules import is_strategy_team, is_superuser
from kreiskurs.territory.models import District, Municipality


def may_create_token(
    user: Any, district: District, *, municipality: Municipality | None, measure_lineage: uuid.UUID | None
) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if is_superuser(user) or is_strategy_team(user, district):
        return True
    roles = Membership.objects.filter(user=user, district=district)
    if municipality is not None:
        return roles.filter(role="municipal_contact", municipality=municipality).exists()
    return measure_lineage is not None and roles.filter(role="measure_lead", measure_lineage=measure_lineage).exists()


@rules.predicate
def holds_token_role(user: Any, district: Any) -> bool:
    """Strategy team, municipal contacts and measure leads see the token page (each their own tokens)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(
        user=user, district=district, role__in=["strategy_team", "municipal_contact", "measure_lead"]
    ).exists()


rules.add_perm("api.manage_tokens", is_superuser | is_strategy_team)
rules.add_perm("api.hold_tokens", is_superuser | holds_token_role)
