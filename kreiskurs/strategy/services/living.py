"""Implementation updates that are not strategy decisions: rescheduled dates and the responsible person.

They are made on the running measure, without a new version (``docs/consultation.md``, "Living, not
rigid"): the adopted text keeps the planned value, ``ImplementationChange`` the current one and why.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.accounts.types import account_of
from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change

from ..models import ImplementationChange, Measure, Milestone

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

register_action_labels({"implementation_change": gettext_lazy("Termin oder Verantwortung in der Umsetzung geändert")})


@transaction.atomic
def record_implementation_change(
    *,
    by: Actor,
    measure: Measure,
    kind: str,
    reason: str,
    new_date: dt.date | None = None,
    new_text: str = "",
    milestone: Milestone | None = None,
) -> ImplementationChange:
    """Reschedule the measure's end or one of its milestones, or name a new responsible person, with a reason.

    Appended to the measure's identity (any version's row names the measure); the latest change of a kind
    is the current value. A milestone must belong to this measure.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte begründen Sie die Änderung.")})
    if kind == ImplementationChange.Kind.MILESTONE and (milestone is None or milestone.measure_id != measure.pk):
        raise ValidationError({"milestone": _("Bitte einen Meilenstein dieser Maßnahme wählen.")})
    change = ImplementationChange(
        district=measure.district,
        measure_lineage=measure.lineage,
        kind=kind,
        milestone_lineage=milestone.lineage if kind == ImplementationChange.Kind.MILESTONE and milestone else None,
        new_date=new_date if kind != ImplementationChange.Kind.LEAD_PERSON else None,
        new_text=new_text.strip() if kind == ImplementationChange.Kind.LEAD_PERSON else "",
        reason=reason.strip(),
        author=account_of(by),
    )
    change.full_clean()
    change.save()
    label = change.get_kind_display() if milestone is None else f"{change.get_kind_display()} „{milestone.title}“"
    record_change(
        by=by,
        district=measure.district,
        action="implementation_change",
        obj=measure,
        changes={str(label): ("", str(change.new_date.strftime("%d.%m.%Y") if change.new_date else change.new_text))},
    )
    return change
