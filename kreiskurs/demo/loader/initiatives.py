"""The municipalities' own initiatives and their joining of measures."""

from __future__ import annotations

from kreiskurs.accounts.models import User
from kreiskurs.initiatives import services as initiative_services
from kreiskurs.strategy import services
from kreiskurs.strategy.models import (
    FieldOfAction,
    Goal,
    Measure,
    StrategyVersion,
)
from kreiskurs.territory.models import District, Municipality

from .. import content


def _municipal_platform(district: District, munis: dict[str, Municipality]) -> None:
    """Local initiatives of some municipalities, and a pending request to join a measure."""

    team = User.objects.get(username="cdo")
    v1 = StrategyVersion.objects.get(district=district, number=1)
    fields = {f.code: f for f in FieldOfAction.objects.filter(version=v1)}
    goals = {g.code: g for g in Goal.objects.filter(version=v1)}
    for ags, title, text, status, contact, field_codes, goal_codes in content.DEMO_INITIATIVES:
        initiative_services.save_initiative(
            by=team,
            municipality=munis[ags],
            initiative=None,
            title=title,
            description=text,
            status=status,
            contact=contact,
            fields=[fields[c] for c in field_codes],
            goals=[goals[c] for c in goal_codes],
        )
    services.request_enrolment(
        by=User.objects.get(username="gemeinde"),
        measure=Measure.objects.select_related("version").get(version=v1, code="M2"),
        municipality=munis["016"],
        kind="join",
        role="rollout",
        note="Dülmen möchte die gemeinsame E-Akte übernehmen.",
    )
