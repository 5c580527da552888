"""Maturity on pages of apps below this one (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

from typing import Any

import rules
from django.http import HttpRequest

from kreiskurs.accounts.models import Role
from kreiskurs.accounts.rules import memberships
from kreiskurs.core.sections import register_section
from kreiskurs.territory.models import Municipality

from .models import Assessment, AssessmentRound
from .selectors import municipality_profile, own_results, public_summary, size_class_counts


@register_section("manage.municipality", template="maturity/tags/history.html")
def maturity_history(*, request: HttpRequest, municipality: Any) -> dict[str, Any]:
    """A municipality's maturity over the rounds (for its staff page); internal, so only for permitted users."""
    allowed = rules.has_perm("maturity.view_municipality", request.user, municipality)
    return {
        "allowed": allowed,
        "municipality": municipality,
        "district": municipality.district,
        "profile": municipality_profile(municipality) if allowed else [],
    }


@register_section("manage.tasks", template="maturity/tasks/self_assessment.html", order=25)
def self_assessments(*, request: HttpRequest, district: Any) -> dict[str, Any] | None:
    """Municipal contacts: the open rounds of self-assessment and whether their municipality has submitted.

    Rule: shown for each municipality the user may assess (``maturity.assess``), not to the team
    (the team's round overview is one link away)."""
    if request.user.has_perm("strategy.edit_strategy", district):
        return None
    ids = {
        m.municipality_id
        for m in memberships(request.user)
        if m.role == Role.MUNICIPAL_CONTACT and m.district_id == district.pk and m.municipality_id
    }
    if not ids:
        return None
    rounds = list(AssessmentRound.objects.filter(district=district, state=AssessmentRound.State.OPEN))
    if not rounds:
        return None
    submitted = set(
        Assessment.objects.filter(
            round__in=rounds, municipality_id__in=ids, state=Assessment.State.SUBMITTED
        ).values_list("round_id", "municipality_id")
    )
    municipalities = list(Municipality.objects.filter(pk__in=ids).order_by("name"))
    rows = [(r, m, (r.pk, m.pk) in submitted) for r in rounds for m in municipalities]
    return {"district": district, "rows": rows}


@register_section("portal.baseline", template="maturity/tags/baseline.html", order=20)
def maturity_baseline(*, request: HttpRequest, district: Any, version: Any) -> dict[str, Any]:
    """For the baseline (Ausgangslage): the municipalities by size class, the public maturity aggregate
    and the district administration's own self-assessment beside the municipalities' medians (all live)."""
    return {
        "district": district,
        "classes": size_class_counts(district),
        "summary": public_summary(district),
        "own": own_results(district),
    }
