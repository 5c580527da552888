"""The demo evaluation round of the adopted version."""

from __future__ import annotations

import datetime as dt

from kreiskurs.accounts.models import User
from kreiskurs.evaluation import services as evaluation_services
from kreiskurs.strategy.models import (
    FieldOfAction,
    Goal,
    Measure,
    StrategyVersion,
)
from kreiskurs.territory.models import District

from .. import content


def _evaluation(district: District, version: StrategyVersion) -> None:
    """A published evaluation of version 1, whose accepted proposal went into the draft of version 2."""
    team = User.objects.get(username="cdo")
    start, end = content.EVALUATION_PERIOD
    evaluation = evaluation_services.open_round(
        by=team,
        version=version,
        title=content.EVALUATION_TITLE,
        period_start=dt.date.fromisoformat(start),
        period_end=dt.date.fromisoformat(end),
    )
    elements = {
        (kind, obj.code): obj.lineage
        for kind, model in (("field", FieldOfAction), ("goal", Goal), ("measure", Measure))
        for obj in model.objects.filter(version=version)
    }
    for code, rating, rationale in content.EVALUATION_RATINGS:
        assessment = evaluation.assessments.get(lineage=elements["measure", code])
        evaluation_services.assess(
            by=team, assessment=assessment, rating=rating, rationale=rationale, expected_revision=None
        )
    evaluation_services.update_findings(
        by=team, evaluation=evaluation, findings=content.EVALUATION_FINDINGS, expected_revision=None
    )
    for kind, code, action, title, change, reason, decision, note in content.EVALUATION_PROPOSALS:
        proposal = evaluation_services.propose_change(
            by=team,
            evaluation=evaluation,
            kind=kind,
            lineage=elements[kind, code],
            action=action,
            title=title,
            change=change,
            reason=reason,
        )
        if decision:
            evaluation_services.decide_proposal(by=team, proposal=proposal, accept=decision == "accept", note=note)
    evaluation_services.publish_round(by=team, evaluation=evaluation)
