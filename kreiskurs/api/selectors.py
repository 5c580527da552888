"""Reads of the token page: which targets a user may create tokens for, which tokens they see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kreiskurs.accounts.models import Membership
from kreiskurs.accounts.rules import is_strategy_team, is_superuser
from kreiskurs.strategy.models import Measure
from kreiskurs.territory.models import District, Municipality

from .models import ApiToken


def _reach(user: Any, district: District) -> tuple[bool, set[int], set[str]]:
    """(everything, own municipality ids, own measure lineages)."""
    if is_superuser(user) or is_strategy_team(user, district):
        return True, set(), set()
    roles = list(
        Membership.objects.filter(user=user, district=district).values_list("municipality_id", "measure_lineage")
    )
    return False, {m for m, _ in roles if m}, {str(lineage) for _, lineage in roles if lineage}


def token_targets(user: Any, district: District) -> list[tuple[str, str]]:
    """Choices ``m:<municipality id>`` and ``l:<measure lineage>`` the user may create tokens for."""
    everything, municipalities, lineages = _reach(user, district)
    munis = Municipality.objects.filter(district=district).order_by("name")
    if not everything:
        munis = munis.filter(pk__in=municipalities)
    measures: dict[str, str] = {}
    for lineage, code, title in (
        Measure.objects.filter(district=district)
        .order_by("lineage", "-version__number")
        .values_list("lineage", "code", "title")
    ):
        if everything or str(lineage) in lineages:
            measures.setdefault(str(lineage), f"{code} {title}")
    return [
        *((f"m:{m.pk}", _("Messwerte von %(name)s") % {"name": m.name}) for m in munis),
        *(
            (f"l:{lineage}", _("Statusberichte zu %(measure)s") % {"measure": label})
            for lineage, label in sorted(measures.items(), key=lambda i: i[1])
        ),
    ]


def tokens_seen_by(user: Any, district: District) -> QuerySet[ApiToken]:
    everything, municipalities, lineages = _reach(user, district)
    tokens = ApiToken.objects.filter(district=district).select_related("municipality", "created_by")
    if everything:
        return tokens
    return tokens.filter(Q(municipality_id__in=municipalities) | Q(measure_lineage__in=lineages))
