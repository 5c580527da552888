"""Staff assign an idea's field of action and goal: confirming or correcting the suggestion in one step."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.accounts.types import account_of
from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change
from kreiskurs.strategy.models import FieldOfAction, Goal

from ..models import FieldAssignment, Idea
from ..selectors.analysis import field_suggestion, idea_text

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

register_action_labels({"assign_field": gettext_lazy("Handlungsfeld und Ziel der Idee zugeordnet")})


@transaction.atomic
def assign_idea_field(
    *, by: Actor, idea: Idea, field_lineage: uuid.UUID | None, goal_lineage: uuid.UUID | None
) -> FieldAssignment:
    """Set the idea's field of action and goal (lineages of the process's version) and keep the decision.

    The assignment is kept with who, when and what was suggested at that moment; its text becomes an
    example for the suggestions of later ideas. A goal without a field brings its own field; a goal of
    another field than the one chosen is refused.
    """
    current = Idea.objects.select_for_update().select_related("process", "district").get(pk=idea.pk)
    version_id = current.process.version_id
    if version_id is None:
        raise ValidationError(_("Das Verfahren ist mit keiner Strategieversion verbunden."))
    field = None
    if field_lineage is not None:
        field = FieldOfAction.objects.filter(version_id=version_id, lineage=field_lineage).first()
        if field is None:
            raise ValidationError({"field": _("Das Handlungsfeld gehört nicht zur Strategieversion des Verfahrens.")})
    goal = None
    if goal_lineage is not None:
        goal = Goal.objects.filter(version_id=version_id, lineage=goal_lineage).select_related("field").first()
        if goal is None:
            raise ValidationError({"goal": _("Das Ziel gehört nicht zur Strategieversion des Verfahrens.")})
        if goal.field is not None:
            if field is None:
                field = goal.field
            elif goal.field.pk != field.pk:
                raise ValidationError({"goal": _("Das Ziel gehört zu einem anderen Handlungsfeld.")})
    suggestion = field_suggestion(current, current.process)
    old = (current.field_lineage, current.goal_lineage)
    current.field_lineage = field.lineage if field else None
    current.goal_lineage = goal.lineage if goal else None
    current.save(update_fields=["field_lineage", "goal_lineage"])
    row = FieldAssignment(
        district=current.district,
        idea=current,
        text=idea_text(current),
        field_lineage=current.field_lineage,
        goal_lineage=current.goal_lineage,
        suggested_field_lineage=suggestion.field.lineage if suggestion and suggestion.field else None,
        suggested_goal_lineage=suggestion.goal.lineage if suggestion and suggestion.goal else None,
        assigned_by=account_of(by),
    )
    row.full_clean()
    row.save()
    record_change(
        by=by,
        district=current.district,
        action="assign_field",
        obj=current,
        changes={
            "field_lineage": (_named(FieldOfAction, version_id, old[0]), str(field or "")),
            "goal_lineage": (_named(Goal, version_id, old[1]), str(goal or "")),
        },
    )
    return row


def _named(model: type[FieldOfAction] | type[Goal], version_id: int, lineage: uuid.UUID | None) -> str:
    """What the audit log shows: "HF2 Verwaltung", not a lineage."""
    if lineage is None:
        return ""
    row = model.objects.filter(version_id=version_id, lineage=lineage).first()
    return str(row) if row else str(lineage)
