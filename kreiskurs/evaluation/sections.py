"""What evaluation contributes to the start page "Meine Aufgaben" (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kreiskurs.core.sections import register_section

from .models import EvaluationRound


@register_section("manage.tasks", template="evaluation/tasks/review.html", order=40)
def rounds_to_review(*, request: HttpRequest, district: Any) -> dict[str, Any] | None:
    """The steering circle and the strategy team: evaluation rounds in progress, to review and to
    propose changes for the next draft.

    Rule: shown to whoever may propose changes (``evaluation.propose_change``)."""
    if not request.user.has_perm("evaluation.propose_change", district):
        return None
    rounds = list(
        EvaluationRound.objects.filter(district=district, state=EvaluationRound.State.OPEN).order_by("-period_end")
    )
    return {"district": district, "rounds": rounds}


@register_section("manage.tasks", template="evaluation/tasks/due.html", order=41)
def evaluations_due(*, request: HttpRequest, district: Any) -> dict[str, Any] | None:
    """The strategy team: planned evaluations due within 30 days or overdue.

    Rule: shown to whoever runs rounds (``evaluation.manage_rounds``), and only when one is coming up."""
    if not request.user.has_perm("evaluation.manage_rounds", district):
        return None
    from .planning import plans_coming_up

    plans = plans_coming_up(district)
    if not plans:
        return None
    return {"district": district, "plans": plans, "today": timezone.localdate()}
