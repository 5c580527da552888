"""Reads of assessment rounds and of the self-assessments in them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from kreiskurs.accounts.models import Role
from kreiskurs.accounts.rules import memberships
from kreiskurs.collation import natural
from kreiskurs.territory.models import District, Municipality

from ..models import Answer, Assessment, AssessmentRound


def rounds_of(district: District) -> QuerySet[AssessmentRound]:
    """Rounds, newest first, with their counts of submitted and draft self-assessments."""
    return (
        AssessmentRound.objects.filter(district=district)
        .select_related("model")
        .annotate(
            submitted=Count(
                "assessments",
                filter=Q(assessments__state=Assessment.State.SUBMITTED, assessments__municipality__isnull=False),
            ),
            drafts=Count(
                "assessments",
                filter=Q(assessments__state=Assessment.State.DRAFT, assessments__municipality__isnull=False),
            ),
        )
    )


def open_round(district: District) -> AssessmentRound | None:
    return (
        AssessmentRound.objects.filter(district=district, state=AssessmentRound.State.OPEN)
        .select_related("model")
        .first()
    )


def results_round(district: District, *, closed_only: bool = False) -> AssessmentRound | None:
    """The newest round with at least one submitted self-assessment (closed rounds only, if asked)."""
    rounds = AssessmentRound.objects.filter(
        district=district, assessments__state=Assessment.State.SUBMITTED
    ).select_related("model")
    if closed_only:
        rounds = rounds.filter(state=AssessmentRound.State.CLOSED)
    return rounds.distinct().order_by("-opened_on", "-id").first()


def contact_municipalities(user: Any, district: District) -> list[Municipality]:
    """The municipalities of ``district`` the user is the municipal contact of."""
    ids = [
        m.municipality_id
        for m in memberships(user)
        if m.role == Role.MUNICIPAL_CONTACT and m.district_id == district.pk and m.municipality_id
    ]
    return list(Municipality.objects.filter(pk__in=ids).order_by(natural("name"))) if ids else []


def assessment_of(round: AssessmentRound, municipality: Municipality | None) -> Assessment | None:
    """The self-assessment of ``municipality`` in ``round`` (None: the district administration's own)."""
    return Assessment.objects.filter(round=round, municipality=municipality).select_related("submitted_by").first()


def answers_of(assessment: Assessment | None) -> dict[int, int | None]:
    """Question id → level (``None``: does not apply) of an assessment."""
    if assessment is None:
        return {}
    return dict(Answer.objects.filter(assessment=assessment).values_list("question_id", "level"))


def assessments_of(round: AssessmentRound) -> list[Assessment]:
    return list(
        Assessment.objects.filter(round=round, municipality__isnull=False)
        .select_related("municipality")
        .order_by(natural("municipality__name"))
    )
