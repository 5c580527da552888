"""Local initiatives on pages of apps below this one (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kreiskurs.accounts.models import Role
from kreiskurs.accounts.rules import memberships
from kreiskurs.core.sections import register_section
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy.models import Enrolment
from kreiskurs.territory.models import Municipality

from . import selectors
from .models import LocalInitiative


@register_section("portal.municipality", template="initiatives/tags/initiatives.html", order=20)
def municipality_initiatives(*, request: HttpRequest, municipality: Any) -> dict[str, Any]:
    return {"initiatives": list(selectors.initiatives_of(municipality)), "with_municipality": False}


@register_section("portal.goal", template="initiatives/tags/initiatives.html", order=20)
@register_section("portal.field", template="initiatives/tags/initiatives.html", order=20)
def initiatives_for(*, request: HttpRequest, district: Any, lineage: Any) -> dict[str, Any]:
    """What the municipalities already do for one goal or field of action ("bestehende Ansätze")."""
    return {"initiatives": list(selectors.linked_to(district, lineage)), "with_municipality": True, "linked": True}


def _own_municipalities(user: Any, district: Any) -> list[Municipality]:
    ids = {
        m.municipality_id
        for m in memberships(user)
        if m.role == Role.MUNICIPAL_CONTACT and m.district_id == district.pk and m.municipality_id
    }
    return list(Municipality.objects.filter(pk__in=ids).order_by("name")) if ids else []


@register_section("manage.tasks", template="initiatives/tasks/municipalities.html", order=20)
def municipal_work(*, request: HttpRequest, district: Any) -> dict[str, Any] | None:
    """Municipal contacts: their municipality's initiatives and its open join requests; the strategy team:
    the join requests waiting for its decision.

    Rule: the contact sees their own municipalities (``initiatives.manage_initiatives``), the team the
    requests it decides (``strategy.edit_strategy``)."""
    team = request.user.has_perm("strategy.edit_strategy", district)
    own = [m for m in _own_municipalities(request.user, district) if not team]
    if not team and not own:
        return None
    current = strategy_selectors.current_version(district)
    requested = Enrolment.objects.filter(district=district, state=Enrolment.State.REQUESTED)
    if current is not None:
        requested = requested.filter(version=current)
    rows = [
        (
            municipality,
            LocalInitiative.objects.filter(municipality=municipality).count(),
            requested.filter(municipality=municipality).count(),
        )
        for municipality in own
    ]
    return {
        "district": district,
        "team": team,
        "rows": rows,
        "waiting": requested.count() if team else 0,
        "has_matrix": current is not None,
    }
